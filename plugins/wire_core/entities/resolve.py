"""Archive-wide resolution: every name a story wrote for a person or an organisation → one entity.

Posts keep the names the extractor found (they are what an editor corrects); the site resolves
them over the whole archive when it is built. Within one story the extractor already folds
surnames and ``Name (ABBR)``; here the archive decides what one story cannot:

* written forms of one name (``names.name_key``): capitals (``TENNEX INDUSTRIES`` →
  ``Tennex Industries``), Reuters' angle brackets, possessives, legal suffixes, a trailing
  ``(ABBR)``;
* acronyms: ``International Monetary Fund (IMF)`` is a definition; a bare ``IMF`` in a story
  joins the long name that the related stories near it (sharing a country or a specific topic,
  within two years) define it as, so ``ADB`` can be the Asian Development Bank in one story and
  the African one in another, and stays apart where the definitions disagree or are absent;
* bare surnames: ``Reagan`` joins ``Ronald Reagan`` in a story when, among the stories within
  ``window_days`` of it that share a country or a topic, exactly one full name has that surname;
  otherwise it stays apart. A bare name all of whose stories join one entity is merged (its page
  redirects); one joined in some stories keeps a page for the rest;
* non-entities (``nonentities``) are refused;
* the editors' ``content/entities.yaml`` wins over all of it: aliases, ``distinct`` names (which
  undo any automatic merge), refused names, ``keep`` (names the rules would refuse).

``EntityIndex`` holds the archive's names by story and is updated story by story (a rebuild adds
and removes only the changed posts); ``resolve`` turns it into a frozen ``Resolution`` in time
proportional to the number of distinct names, not of stories.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from .names import (
    SPELLED_SUFFIX,
    acronym_key,
    common_form,
    display_form,
    fold,
    is_acronym,
    is_shouting,
    split_acronym,
    strip_brackets,
    strip_possessive,
    words,
)
from .nonentities import non_entity_reason

_SPELLING_SKIPS = words("of the and for on in to at de du des la le del di da y et und")


def spelling_key(long: str) -> str:
    """One key for the spellings of a long name that one acronym is defined for: the words as a
    set of stems, so ``General Agreement on Tariffs and Trade`` and ``... on Trade and
    Tariffs``, ``International Business Machine(s)``, ``Food & Agriculture Organisation`` and
    ``Food and Agricultural Organization`` are each one name, while ``European Community`` and
    ``European Commission`` stay two."""
    stems = []
    for word in fold(common_form(long)).replace("&", " and ").split():
        word = word.strip(".,'’")
        if word and word not in _SPELLING_SKIPS:
            word = word[:-1] if len(word) > 3 and word.endswith("s") else word
            stems.append(word[:6])
    return " ".join(sorted(stems))


KINDS = ("person", "organization")
WINDOW_DAYS = 90
ACRONYM_WINDOW_DAYS = 730  # organisations outlive people's turns in the news: definitions reach further
DOMINANT = 0.75  # share of the nearby definitions the main long name needs to claim an acronym
SECOND_MEANING = 3  # nearby stories defining it otherwise that make an acronym ambiguous
# lower-case words that start a surname ("de Klerk", "van Gogh"): such a name is still one surname
_PARTICLES = words("de da del della der den di do dos du la le van von bin al el ter ten")


class StoryNames(NamedTuple):
    """What resolution needs of one story: its names as the post has them, and its context.
    (A named tuple: the archive keeps one per story, and they load fast.)"""

    story: str  # a stable id, e.g. the post's path
    day: int  # the story's date as a day number (date.toordinal())
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    refused: tuple[tuple[str, str, str], ...] = ()  # (kind, name, why): names the extractor left out


@dataclass(frozen=True)
class Overrides:
    """The resolution part of ``content/entities.yaml``, by kind ("person", "organization")."""

    aliases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # kind → variant → canonical
    distinct: Mapping[str, frozenset[str]] = field(default_factory=dict)  # kind → names never merged
    refused: Mapping[str, frozenset[str]] = field(default_factory=dict)  # kind → names that are no entity
    kept: Mapping[str, frozenset[str]] = field(default_factory=dict)  # kind → entities the rules would refuse


@dataclass(frozen=True)
class Entity:
    kind: str
    name: str  # the canonical name: what pages, chips, feeds and JSON-LD show
    acronym: str | None  # "IMF" for the International Monetary Fund
    variants: tuple[str, ...]  # every other name written for it, most used first

    def also_written_as(self) -> tuple[str, ...]:
        """What a term page lists under "also written as": the acronym and the other written
        names a reader would recognise as different (not mere capitals, brackets, possessives
        or suffixes)."""
        return other_names(self.kind, self.name, (self.acronym, *self.variants) if self.acronym else self.variants)


def other_names(kind: str, name: str, variants: Iterable[str]) -> tuple[str, ...]:
    """The ``variants`` of ``name`` a reader would recognise as other names, as a reader should
    see them, each once: ``IMF`` and ``Fund`` for the International Monetary Fund, not
    ``INTERNATIONAL MONETARY FUND`` or ``IMF's``."""

    def plain(form: str) -> str:
        return fold(common_form(form)) if kind == "organization" else strip_possessive(strip_brackets(form)).casefold()

    seen = {plain(name)}
    out = []
    for variant in variants:
        key = plain(variant)
        if key not in seen:
            seen.add(key)
            form = display_form(variant) if kind == "organization" else strip_brackets(variant)
            out.append(strip_possessive(form))
    return tuple(out)


@dataclass(frozen=True)
class Decision:
    """How one written name resolves (for ``make entities`` and the redirect pages)."""

    kind: str
    variant: str
    canonical: str | None  # None: refused
    reason: str  # "same", "capitals", "brackets", "possessive", "legal suffix", "acronym", "surname",
    # "editor", "refused: <why>", "partly surname" (some of its stories join a full name)
    stories: int


@dataclass(frozen=True)
class Resolution:
    """A frozen mapping of every written name to its entity, with the reasons."""

    names: Mapping[tuple[str, str], str | None]  # (kind, variant) → canonical, when it holds in every story
    by_story: Mapping[tuple[str, str, str], str]  # (kind, story, variant) → canonical, where it differs
    entities: Mapping[tuple[str, str], Entity]  # (kind, canonical) → entity
    decisions: tuple[Decision, ...]
    revived: Mapping[str, frozenset[str]] = field(default_factory=dict)  # kind → refused names counted

    def canonical(self, kind: str, name: str, story: str | None = None) -> str | None:
        """The canonical name for ``name`` as written in ``story`` (None: not an entity)."""
        if story is not None:
            found = self.by_story.get((kind, story, name))
            if found is not None:
                return found
        return self.names.get((kind, name), name)

    def story_names(self, kind: str, story: StoryNames) -> tuple[str, ...]:
        """A story's canonical names of one kind, in its order, each once."""
        out: dict[str, None] = {}
        for _, canonical in self.story_map(kind, story):
            if canonical is not None:
                out.setdefault(canonical, None)
        return tuple(out)

    def story_map(self, kind: str, story: StoryNames) -> tuple[tuple[str, str | None], ...]:
        """(name as written, canonical name or None) for each name of one kind the story writes,
        in its order, then the refused names the editors brought back."""
        written = story.people if kind == "person" else story.organizations
        revived = self.revived.get(kind)
        if revived and story.refused:
            written = written + tuple(n for k, n, _ in story.refused if k == kind and n in revived and n not in written)
        return tuple((name, self.canonical(kind, name, story.story)) for name in written)

    def redirects(self, kind: str) -> dict[str, str]:
        """Written names whose every story resolves to another entity: their old page's address
        gets a redirect page to the entity's."""
        return {
            variant: canonical
            for (k, variant), canonical in self.names.items()
            if k == kind and canonical is not None and canonical != variant
        }


class Facts(NamedTuple):
    """What resolution needs to know of one written name, worked out once and kept."""

    key: str  # every written form of one name has the same key (names.name_key)
    plain: bool  # written as a reader should see it (no brackets, legal suffix, acronym tail)
    form: str  # that form (names.display_form) for organisations; for people the name
    soft_key: str | None  # the key without a spelled-out suffix ("Boeing Company" → "boeing")
    shouting: bool  # in headline capitals
    acronym: bool  # IMF, U.N.
    defines: tuple[str, str, str] | None  # "Long Name (ABBR)": (acronym key, long name's names.spelling_key, ABBR)
    refusal: str | None  # why it is no entity, from the name alone


def name_facts(kind: str, name: str) -> Facts:
    soft_key = None
    if kind == "organization":
        form, common = display_form(name), common_form(name)
        key = acronym_key(common) if is_acronym(common) else fold(common)
        soft = SPELLED_SUFFIX.sub("", common)
        soft_key = fold(soft) if soft != common and len(soft) >= 3 else None
        long, short = split_acronym(strip_brackets(name))
        defines = (acronym_key(short), spelling_key(long), short) if short and long and is_acronym(short) else None
    else:
        form = strip_brackets(name)
        key, defines = strip_possessive(form).casefold(), None
    why = non_entity_reason(name, kind)
    refusal = f"refused: {why}" if why else None
    return Facts(key, form == name, form, soft_key, is_shouting(name), is_acronym(name), defines, refusal)


class EntityIndex:
    """The archive's names, story by story, with the counts resolution starts from.

    Kept between builds (``kept_index.KeptIndex``: every entry is one of ``entries()``, and a
    build saves only the ones it touched); ``add`` and ``remove`` cost the size of one story,
    each name is analysed once, when a story first writes it, and the joins of a bare surname or
    acronym are worked out again only when a story writing it, its full names or its
    definitions comes or goes.

    Evidence for joins in context is kept per key — ``("surname", "reagan")``, ``("acronym",
    "imf")`` — as the dated stories that write what the key can stand for (a full name with
    that surname; a ``Long Name (ABBR)`` definition), and the stories of each bare use.

    Names the extractor refused in a story (``StoryNames.refused``) count as written there while
    the editors name them (``revive``): ``keep: [Net]`` brings ``Net`` back without extracting."""

    def __init__(self) -> None:
        self.stories: dict[str, StoryNames] = {}
        self.counts: dict[str, Counter] = {kind: Counter() for kind in KINDS}  # stories per written name
        self.facts: dict[str, dict[str, Facts]] = {kind: {} for kind in KINDS}
        # key → {story id: (day, countries, topics, what the story writes for the key)}
        self.evidence: dict[tuple[str, str], dict[str, tuple[int, frozenset, frozenset, tuple[str, ...]]]] = (
            defaultdict(dict)
        )
        self.meanings: dict[tuple[str, str], Counter] = defaultdict(Counter)  # key → what it is written for
        self.uses: dict[tuple[str, str], set[str]] = defaultdict(set)  # (kind, bare name as written) → story ids
        self.version: Counter = Counter()  # key → changes to its evidence or uses
        self.refusals: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)  # (kind, name) → {story: why}
        self.revived: dict[str, frozenset[str]] = {kind: frozenset() for kind in KINDS}  # refused names counted
        self.joins: dict[tuple[str, str], tuple[tuple, dict]] = {}  # (kind, canonical) → (depends, joins)
        self._timelines: dict[tuple[str, str], tuple[list[int], list[tuple]]] = {}
        self._by_key: dict[tuple[str, str], list[str]] | None = None  # definition → its written names, on demand
        self.dirty: set[tuple] = set()  # entries changed since the index was last saved

    def written(self, story: StoryNames, kind: str) -> tuple[str, ...]:
        """The names of one kind the story counts as writing: its own, and the refused ones the
        editors revived."""
        own = story.people if kind == "person" else story.organizations
        revived = self.revived[kind]
        if not revived or not story.refused:
            return own
        extra = tuple(n for k, n, _ in story.refused if k == kind and n in revived and n not in own)
        return own + extra if extra else own

    def add(self, story: StoryNames) -> None:
        if story.story in self.stories:
            self.remove(story.story)
        self.stories[story.story] = story
        self._by_key = None
        dirty = self.dirty
        dirty.add(("s", story.story))
        for kind in KINDS:
            facts, counts = self.facts[kind], self.counts[kind]
            for name in set(self.written(story, kind)):
                counts[name] += 1
                dirty.add(("c", kind, name))
                if name not in facts:
                    facts[name] = name_facts(kind, name)
                    dirty.add(("f", kind, name))
        for kind, name, why in story.refused:
            self.refusals[(kind, name)][story.story] = why
            dirty.add(("r", kind, name))
        self._context(story, +1)

    def remove(self, story_id: str) -> None:
        story = self.stories.pop(story_id, None)
        if story is None:
            return
        self._by_key = None
        dirty = self.dirty
        dirty.add(("s", story_id))
        self._context(story, -1)
        for kind in KINDS:
            counts = self.counts[kind]
            for name in set(self.written(story, kind)):
                counts[name] -= 1
                dirty.add(("c", kind, name))
                if counts[name] <= 0:
                    del counts[name]
                    self.facts[kind].pop(name, None)
                    dirty.add(("f", kind, name))
        for kind, name, _ in story.refused:
            found = self.refusals.get((kind, name))
            if found is not None:
                found.pop(story_id, None)
                if not found:
                    del self.refusals[(kind, name)]
                dirty.add(("r", kind, name))

    def revive(self, kind: str, names: frozenset[str]) -> None:
        """Count the refused ``names`` as written where they were refused (and no others): the
        stories whose revived names change are counted again."""
        before = self.revived[kind]
        if names == before:
            return
        changed = names ^ before
        touched = {sid for name in changed for sid in self.refusals.get((kind, name), ())}
        stories = [self.stories[sid] for sid in sorted(touched) if sid in self.stories]
        for story in stories:
            self.remove(story.story)
        self.revived[kind] = frozenset(names)
        self.dirty.add(("k", kind))
        for story in stories:
            self.add(story)

    def _context(self, story: StoryNames, sign: int) -> None:
        countries, topics = frozenset(story.countries), frozenset(story.topics)
        evidence: dict[tuple[str, str], list[str]] = defaultdict(list)
        people, organizations = self.written(story, "person"), self.written(story, "organization")
        for surname, names in _full_names_by_surname(people).items():
            evidence[("surname", surname)].extend(names)
        facts = self.facts["organization"]
        for name in set(organizations):
            if facts[name].defines:
                short, long, _ = facts[name].defines
                evidence[("acronym", short)].append(long)
        dirty = self.dirty
        for key, values in evidence.items():
            entries = self.evidence[key]
            if sign > 0:
                entries[story.story] = (story.day, countries, topics, tuple(values))
            else:
                entries.pop(story.story, None)
                if not entries:
                    del self.evidence[key]
            meanings = self.meanings[key]
            meanings.update({v: sign for v in values})
            for v in values:
                if meanings[v] <= 0:
                    del meanings[v]
            if not meanings:
                del self.meanings[key]
            self.version[key] += 1
            self._timelines.pop(key, None)
            dirty.update((("e", key), ("m", key), ("v", key)))
        for kind, written in (("person", people), ("organization", organizations)):
            for name in set(written):
                key = _use_key(kind, name, self.facts[kind][name])
                if key:
                    uses = self.uses[(kind, name)]
                    uses.add(story.story) if sign > 0 else uses.discard(story.story)
                    if not uses:
                        del self.uses[(kind, name)]
                    self.version[key] += 1
                    dirty.update((("u", kind, name), ("v", key)))

    def timeline(self, key: tuple[str, str]) -> tuple[list[int], list[tuple]]:
        """The stories that write what ``key`` can stand for, by date: (days, entries)."""
        found = self._timelines.get(key)
        if found is None:
            entries = sorted((day, sid, *rest) for sid, (day, *rest) in self.evidence[key].items())
            found = self._timelines[key] = ([e[0] for e in entries], entries)
        return found

    def long_names(self, acronym: str, spelling: str) -> list[str]:
        """The written organisation names that define ``acronym`` as a long name of this
        spelling key (``names.spelling_key``)."""
        if self._by_key is None:
            by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
            for name, f in self.facts["organization"].items():
                if f.defines:
                    by_key[f.defines[:2]].append(name)
            self._by_key = by_key
        return self._by_key.get((acronym, spelling), [])

    def update(self, stories: Iterable[StoryNames]) -> None:
        for story in stories:
            self.add(story)

    def remember_joins(self, key: tuple[str, str], depends: tuple, joined: dict) -> None:
        self.joins[key] = (depends, joined)
        self.dirty.add(("j", key))

    def forget_joins(self, keep: set[tuple[str, str]]) -> None:
        """Drop the memos of bare names that are gone (or no longer looked up)."""
        for key in self.joins.keys() - keep:
            del self.joins[key]
            self.dirty.add(("j", key))

    # --- kept between builds: the index as flat entries --------------------------------------

    def entries(self):
        """Every entry of the index as (key, value): what ``KeptIndex`` stores."""
        for sid, story in self.stories.items():
            yield ("s", sid), story
        for kind in KINDS:
            yield ("k", kind), self.revived[kind]
            for name, n in self.counts[kind].items():
                yield ("c", kind, name), n
            for name, f in self.facts[kind].items():
                yield ("f", kind, name), f
        for key in self.evidence:
            yield ("e", key), self.evidence[key]
            yield ("m", key), self.meanings[key]
        for key, n in self.version.items():
            yield ("v", key), n
        for (kind, name), sids in self.uses.items():
            yield ("u", kind, name), sids
        for (kind, name), found in self.refusals.items():
            yield ("r", kind, name), found
        for key, memo in self.joins.items():
            yield ("j", key), memo

    def entry(self, key: tuple):
        """The current value of one entry; ``MISSING`` when it is gone."""
        tag = key[0]
        if tag == "s":
            return self.stories.get(key[1], MISSING)
        if tag == "k":
            return self.revived[key[1]]
        if tag in ("c", "f"):
            return (self.counts if tag == "c" else self.facts)[key[1]].get(key[2], MISSING)
        if tag in ("e", "m"):
            found = (self.evidence if tag == "e" else self.meanings).get(key[1])
            return MISSING if found is None else found
        if tag == "v":
            return self.version.get(key[1], MISSING)
        if tag in ("u", "r"):
            found = (self.uses if tag == "u" else self.refusals).get((key[1], key[2]))
            return MISSING if found is None else found
        return self.joins.get(key[1], MISSING)

    @classmethod
    def from_entries(cls, entries: Mapping) -> EntityIndex:
        """The index ``entries()`` came from (the values are taken, not copied)."""
        index = cls()
        counts, facts = index.counts, index.facts
        for key, value in entries.items():
            tag = key[0]
            if tag == "s":
                index.stories[key[1]] = value
            elif tag == "c":
                counts[key[1]][key[2]] = value
            elif tag == "f":
                facts[key[1]][key[2]] = value
            elif tag == "e":
                index.evidence[key[1]] = value
            elif tag == "m":
                index.meanings[key[1]] = value
            elif tag == "v":
                index.version[key[1]] = value
            elif tag == "u":
                index.uses[(key[1], key[2])] = value
            elif tag == "r":
                index.refusals[(key[1], key[2])] = value
            elif tag == "k":
                index.revived[key[1]] = value
            elif tag == "j":
                index.joins[key[1]] = value
        return index


MISSING = object()


def build_index(stories: Iterable[StoryNames]) -> EntityIndex:
    index = EntityIndex()
    index.update(stories)
    return index


def resolve(index: EntityIndex, overrides: Overrides | None = None, window_days: int = WINDOW_DAYS) -> Resolution:
    """Every written name of the archive → its entity (see the module's docstring)."""
    overrides = overrides or Overrides()
    names: dict[tuple[str, str], str | None] = {}
    reasons: dict[tuple[str, str], str] = {}
    by_story: dict[tuple[str, str, str], str] = {}
    entities: dict[tuple[str, str], Entity] = {}
    memos: set[tuple[str, str]] = set()
    for kind in KINDS:
        named = revived_by(overrides, kind)
        index.revive(kind, frozenset(n for n in named if (kind, n) in index.refusals))
    for kind in KINDS:
        counts, facts = index.counts[kind], index.facts[kind]
        refused = overrides.refused.get(kind, frozenset())
        named = revived_by(overrides, kind)
        refusals = {}
        for name in counts:
            if name in refused:
                refusals[name] = "refused: editor"
            elif facts[name].refusal and name not in named:
                refusals[name] = facts[name].refusal
        groups = _group(kind, [n for n in counts if n not in refusals], counts, facts, overrides)
        for members, canonical, _ in groups:
            for variant in members:
                names[(kind, variant)] = canonical
                reasons[(kind, variant)] = _reason(kind, variant, canonical, facts, overrides)
        for variant, why in refusals.items():
            names[(kind, variant)] = None
            reasons[(kind, variant)] = why
        window = window_days if kind == "person" else max(window_days, ACRONYM_WINDOW_DAYS)
        group_of = {canonical: members for members, canonical, _ in groups}
        memos |= _join_in_context(index, kind, names, reasons, by_story, overrides, window, group_of)
        entities.update(_entities(kind, counts, groups, names, by_story))
    changed = sorted((kind, variant.casefold(), variant, r) for (kind, variant), r in reasons.items() if r != "same")
    decisions = tuple(
        Decision(kind, variant, names[(kind, variant)], r, index.counts[kind].get(variant, 0))
        for kind, _, variant, r in changed
    )
    index.forget_joins(memos)
    return Resolution(
        names=MappingProxyType(names),
        by_story=MappingProxyType(by_story),
        entities=MappingProxyType(entities),
        decisions=decisions,
        revived=MappingProxyType(dict(index.revived)),
    )


def revived_by(overrides: Overrides, kind: str) -> frozenset[str]:
    """The names an editor names (an alias, a distinct or a keep line): never refused by a rule,
    and brought back where the extractor refused them."""
    found = overrides.aliases.get(kind, {}).keys() | overrides.distinct.get(kind, frozenset())
    return frozenset(found | overrides.kept.get(kind, frozenset()))


# --- groups of written forms -------------------------------------------------------------------


class _Union:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        parent = self.parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the same roots whatever the order of joins


def _group(kind: str, live: list[str], counts: Counter, facts: dict, overrides: Overrides) -> list:
    """Groups of written names that are one entity: [(members, canonical name, acronym)]."""
    aliases = overrides.aliases.get(kind, {})
    distinct = overrides.distinct.get(kind, frozenset())
    targets = set(aliases.values())
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in live:
        if name not in distinct:
            by_key[facts[name].key].append(name)
    union = _Union(live + [t for t in targets if t not in counts])
    for members in by_key.values():
        for other in members[1:]:
            union.join(members[0], other)
    for name in live:  # "Boeing Company" joins "Boeing" when the archive writes that
        soft = facts[name].soft_key
        if soft and soft in by_key and name not in distinct:
            union.join(by_key[soft][0], name)
    spelled: dict[tuple[str, str], str] = {}  # one acronym defined for one name spelled otherwise
    for name in live:
        defines = facts[name].defines
        if defines and name not in distinct:
            first = spelled.setdefault(defines[:2], name)
            if first != name:
                union.join(first, name)
    for variant, target in aliases.items():
        if variant in union.parent:
            union.join(variant, target)
    members_of: dict[str, list[str]] = defaultdict(list)
    for name in union.parent:
        members_of[union.find(name)].append(name)
    out = []
    for root, members in members_of.items():
        if len(members) == 1 and root in facts and root not in targets:  # most of an archive's names
            f = facts[root]
            out.append((members, root if f.plain or kind == "person" else f.form, _tail(f)))
            continue
        acronym = next((_tail(facts[m]) for m in members if m in facts and _tail(facts[m])), None)
        out.append((sorted(members), _canonical(members, counts, facts, targets, acronym), acronym))
    return out


def _tail(f: Facts) -> str | None:
    """The acronym a name defines in its tail: ``IMF`` of ``International Monetary Fund (IMF)``."""
    return f.defines[2] if f.defines else None


def _canonical(members: list[str], counts: Counter, facts: dict, targets: set[str], acronym: str | None) -> str:
    """The name a reader sees: the editors' target; else the most written plain form (no
    brackets, suffix or acronym tail; not in headline capitals; the long name rather than its
    acronym; a form in capitals only when written at least as often as any mixed-case one);
    else the display form written most."""
    chosen = [m for m in members if m in targets]
    if chosen:
        return min(chosen, key=lambda m: (-counts.get(m, 0), m))
    members = [m for m in members if m in facts]
    if acronym and any(not facts[m].acronym for m in members):
        members = [m for m in members if not facts[m].acronym]
    forms: Counter = Counter()
    loud: set[str] = set()
    for m in members:
        forms[facts[m].form] += counts[m]
        if facts[m].shouting:
            loud.add(facts[m].form)
    mixed = max((n for f, n in forms.items() if not f.isupper()), default=0)
    quiet = {f for f, n in forms.items() if f not in loud and not (f.isupper() and n < mixed)} or set(forms)
    plain = [m for m in members if facts[m].plain and m in quiet]
    if plain:
        return min(plain, key=lambda m: (-counts[m], m.isupper(), m))
    return min(quiet, key=lambda f: (-forms[f], f))


def _reason(kind: str, variant: str, canonical: str, facts: dict, overrides: Overrides) -> str:
    if variant == canonical:
        return "same"
    if variant in overrides.aliases.get(kind, {}):
        return "editor"
    f = facts[variant]
    target = facts.get(canonical) or name_facts(kind, canonical)
    if kind == "organization" and f.key != target.key:
        if f.defines and f.defines[1] == spelling_key(canonical):
            return "spelling"  # "International Business Machine (IBM)" → International Business Machines
        return "legal suffix" if target.key in (f.soft_key, None) or target.soft_key == f.key else "acronym"
    if "<" in variant or ">" in variant:
        return "brackets"
    if f.defines:
        return "acronym"
    if variant.casefold() == canonical.casefold():
        return "capitals"
    if variant.endswith(("'s", "’s", "s'", "s’")):
        return "possessive"
    return "legal suffix" if kind == "organization" else "capitals"


# --- bare surnames ------------------------------------------------------------------------------


def _surname_of(name: str) -> str | None:
    """The surname a full name ends with: ``Ronald Reagan`` → ``reagan``, ``F.W. de Klerk`` →
    ``de klerk``; None for a one-word name."""
    words = name.split()
    if len(words) < 2:
        return None
    if len(words) >= 3 and words[-2].casefold() in _PARTICLES:
        return " ".join(words[-2:]).casefold()
    return words[-1].casefold()


def _bare_surname(name: str) -> str | None:
    """``Reagan`` → ``reagan``; ``de Klerk`` → ``de klerk``; None for a full name."""
    words = name.split()
    if len(words) == 1 and words[0][:1].isupper():
        return words[0].casefold()
    if len(words) == 2 and words[0].casefold() in _PARTICLES and words[0].islower():
        return name.casefold()
    return None


def _full_names_by_surname(people: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for name in people:
        surname = _surname_of(name)
        if surname:
            out[surname].append(name)
    return {s: tuple(n) for s, n in out.items()}


def _use_key(kind: str, name: str, facts: Facts) -> tuple[str, str] | None:
    """The key a bare surname or a bare acronym looks up its meaning under; None for others."""
    if kind == "person":
        surname = _bare_surname(name)
        return ("surname", surname) if surname else None
    return ("acronym", facts.key) if facts.acronym and not facts.defines else None


def _join_in_context(
    index, kind: str, names, reasons, by_story, overrides: Overrides, window_days: int, group_of: dict
) -> set[tuple[str, str]]:
    """Join each story's bare surname (or acronym) to the one full name (or long name) that the
    stories near it in time and sharing a country or topic write; a bare name (with its other
    written forms) all of whose stories join one entity is merged. Returns the memos looked at."""
    distinct = overrides.distinct.get(kind, frozenset())
    aliases = overrides.aliases.get(kind, {})
    members: dict[str, list[str]] = defaultdict(list)  # bare canonical → its written forms
    memos: set[tuple[str, str]] = set()
    for k, name in index.uses:
        if k == kind:
            canonical = names.get((kind, name))
            if canonical is not None:
                members[canonical].append(name)
    facts = index.facts[kind]
    targets = set(aliases.values())
    for canonical, written in members.items():
        if any(v in distinct or v in aliases for v in written) or canonical in targets:
            continue  # an editor decided this name
        key = _use_key(kind, written[0], facts[written[0]])
        if key not in index.evidence:
            continue
        meaning = {v: _meaning(kind, key, v, names, index) for v in index.meanings[key]}
        depends = (index.version[key], tuple(sorted(written)), tuple(sorted(meaning.items())), window_days)
        memo = index.joins.get((kind, canonical))
        memos.add((kind, canonical))
        if memo is not None and memo[0] == depends:
            joined = memo[1]
        else:
            joined = _joins(index, kind, key, written, meaning, window_days)
            index.remember_joins((kind, canonical), depends, joined)
        if not joined:
            continue
        found = set(joined.values())
        reason = "surname" if kind == "person" else "acronym"
        uses = sum(len(index.uses[(kind, v)]) for v in written)
        only = {meaning[v] for v in meaning} - {None}
        if len(found) == 1 and (len(joined) == uses or (only == found and 2 * len(joined) > uses)):
            # every story of the bare name means one entity, or the archive knows no other meaning
            # and most of its stories confirm this one: merged
            entity = found.pop()
            for variant in group_of.get(canonical, written):  # every form of the name ("Opec" with "OPEC")
                names[(kind, variant)] = entity
                reasons[(kind, variant)] = reason
        else:
            for (sid, name), entity in joined.items():
                by_story[(kind, sid, name)] = entity
            for variant in written:
                reasons[(kind, variant)] = f"partly {reason}"
    return memos


def _meaning(kind: str, key: tuple[str, str], value: str, names, index) -> str | None:
    """The entity a full name (a person) or a definition's long name (an organisation: its
    spelling key) is; of two (an editor kept spellings apart), the one named first."""
    if kind == "person":
        return names.get(("person", value), value)
    found = {names.get(("organization", name)) for name in index.long_names(key[1], value)} - {None}
    return min(found) if found else None


def _related(kind: str, story: StoryNames):
    """Whether another story (its countries and topics) is related to ``story`` for its bare
    name: for a person it shares a country or any topic; for an acronym a country or a specific
    topic (a top-level one such as "economy, business and finance" spans half a wire, where one
    acronym names a computer maker and a charity), or any topic where a story names no country
    (it says nothing against the other's) or ``story`` has no specific topic and no country."""
    countries, topics = frozenset(story.countries), frozenset(story.topics)
    if kind == "person":
        return lambda c, t: not (countries.isdisjoint(c) and topics.isdisjoint(t))
    specific = frozenset(t for t in topics if not t.endswith("000000"))
    if not countries:
        return lambda c, t: not topics.isdisjoint(t)
    return lambda c, t: not (countries.isdisjoint(c) and specific.isdisjoint(t)) or (not c and not topics.isdisjoint(t))


def _joins(index, kind: str, key, written: list[str], meaning: dict, window_days: int) -> dict:
    """(story, bare name) → the entity it stands for, for the uses that have one."""
    days, timeline = index.timeline(key)
    weak: set[str] = set()
    if kind == "person" and sum(len(index.uses[(kind, name)]) for name in written) > 2:
        stories: Counter = Counter()
        for value, n in index.meanings[key].items():
            if meaning.get(value) is not None:
                stories[meaning[value]] += n
        weak = {e for e, n in stories.items() if n == 1}  # full names written in one story only
    joined: dict[tuple[str, str], str] = {}
    for name in written:
        for sid in index.uses[(kind, name)]:
            entity = _nearby(kind, index.stories[sid], days, timeline, window_days, meaning, weak)
            if entity is not None:
                joined[(sid, name)] = entity
    return joined


def _nearby(kind: str, story: StoryNames, days, timeline, window_days: int, meaning: dict, weak: set) -> str | None:
    """The one entity that the related stories within the window (``_related``) write for
    ``story``'s bare name. For a surname, exactly one person, not counting a full name written in
    one story of the archive only ("Passion Oscar", an extraction slip) when the bare name is
    written in more than two stories; of several, the one person of the stories that share both
    a country and a topic with it, if there is one (British politics names Gordon Brown, British
    football Wes Brown). For an acronym, the long name of most of the definitions there, with no
    second one defined repeatedly."""
    lo = bisect.bisect_left(days, story.day - window_days)
    hi = bisect.bisect_right(days, story.day + window_days)
    related = _related(kind, story)
    found: Counter = Counter()
    closest: set = set()  # a person's: written in stories sharing a country and a topic
    countries, topics = frozenset(story.countries), frozenset(story.topics)
    for _, sid, other_countries, other_topics, values in timeline[lo:hi]:
        if sid == story.story or not related(other_countries, other_topics):
            continue
        entities = {meaning.get(v) for v in values} - {None}
        for entity in entities:
            found[entity] += 1
        if kind == "person" and not (countries.isdisjoint(other_countries) or topics.isdisjoint(other_topics)):
            closest |= entities
    if kind == "person":
        candidates = [e for e in found if e not in weak]
        if len(candidates) > 1:
            candidates = [e for e in candidates if e in closest]
        return candidates[0] if len(candidates) == 1 else None
    if not found:
        return None
    (best, n), *rest = found.most_common()
    if n / sum(found.values()) >= DOMINANT and not any(m >= SECOND_MEANING for _, m in rest):
        return best
    return None


# --- entities -----------------------------------------------------------------------------------


def _entities(kind, counts, groups, names, by_story) -> dict[tuple[str, str], Entity]:
    """One entity per canonical name, with the other names written for it, most used first."""
    written: dict[str, list[str]] = {}
    acronyms: dict[str, str | None] = {}
    for members, _, acronym in groups:
        for variant in members:
            canonical = names[(kind, variant)]
            if canonical is not None:
                written.setdefault(canonical, []).append(variant)
                if acronym:
                    acronyms[canonical] = acronym
    per_story: Counter = Counter()
    for (k, _, variant), canonical in by_story.items():
        if k == kind:
            per_story[(canonical, variant)] += 1
            found = written.setdefault(canonical, [])
            if variant not in found:
                found.append(variant)
    out = {}
    for canonical, variants in written.items():
        if len(variants) == 1 and variants[0] == canonical:
            others: tuple[str, ...] = ()
        else:
            uses = {v: per_story.get((canonical, v)) or counts.get(v, 0) for v in variants if v != canonical}
            others = tuple(sorted(uses, key=lambda v: (-uses[v], v)))
        out[(kind, canonical)] = Entity(kind, canonical, acronyms.get(canonical), others)
    return out
