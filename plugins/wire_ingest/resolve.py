"""Archive-wide resolution: every name a story wrote for a person or an organisation → one entity.

Posts keep the names the extractor found (they are what an editor corrects); the site resolves
them over the whole archive when it is built. Within one story the extractor already folds
surnames and ``Name (ABBR)``; here the archive decides what one story cannot:

* written forms of one name (``names.name_key``): capitals (``TENNEX INDUSTRIES`` →
  ``Tennex Industries``), Reuters' angle brackets, possessives, legal suffixes, a trailing
  ``(ABBR)``;
* acronyms: ``International Monetary Fund (IMF)`` written anywhere joins ``IMF`` and
  ``International Monetary Fund``, unless the archive defines the acronym for two names (``ADB``:
  the Asian and the African Development Bank), when the bare acronym stays apart;
* bare surnames: ``Reagan`` joins ``Ronald Reagan`` in a story when, among the stories within
  ``window_days`` of it that share a country or a topic, exactly one full name has that surname;
  otherwise it stays apart. All of a surname's stories joining one person merges its page;
* non-entities (``nonentities``) are refused;
* the editors' ``content/entities.yaml`` wins over all of it: aliases, ``distinct`` names (which
  undo any automatic merge), ``not_people``/``not_organizations``.

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
    is_acronym,
    is_shouting,
    name_key,
    split_acronym,
    strip_brackets,
    strip_possessive,
    words,
)
from .nonentities import non_entity_reason

KINDS = ("person", "organization")
WINDOW_DAYS = 90
DOMINANT = 0.75  # share of an acronym's definitions the main long name needs to claim it
SECOND_MEANING = 3  # stories defining it otherwise that make an acronym ambiguous
# lower-case words that start a surname ("de Klerk", "van Gogh"): such a name is still one surname
_PARTICLES = words("de da del della der den di do dos du la le van von bin al el ter ten")


@dataclass(frozen=True)
class StoryNames:
    """What resolution needs of one story: its names as the post has them, and its context."""

    story: str  # a stable id, e.g. the post's path
    day: int  # the story's date as a day number (date.toordinal())
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Overrides:
    """The resolution part of ``content/entities.yaml``, by kind ("person", "organization")."""

    aliases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # kind → variant → canonical
    distinct: Mapping[str, frozenset[str]] = field(default_factory=dict)  # kind → names never merged
    refused: Mapping[str, frozenset[str]] = field(default_factory=dict)  # kind → names that are no entity


@dataclass(frozen=True)
class Entity:
    kind: str
    name: str  # the canonical name: what pages, chips, feeds and JSON-LD show
    acronym: str | None  # "IMF" for the International Monetary Fund
    variants: tuple[str, ...]  # every other name written for it, most used first ("also written as")


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

    def canonical(self, kind: str, name: str, story: str | None = None) -> str | None:
        """The canonical name for ``name`` as written in ``story`` (None: not an entity)."""
        if story is not None:
            found = self.by_story.get((kind, story, name))
            if found is not None:
                return found
        return self.names.get((kind, name), name)

    def story_names(self, kind: str, story: StoryNames) -> tuple[str, ...]:
        """A story's canonical names of one kind, in its order, each once."""
        written = story.people if kind == "person" else story.organizations
        out: dict[str, None] = {}
        for name in written:
            canonical = self.canonical(kind, name, story.story)
            if canonical is not None:
                out.setdefault(canonical, None)
        return tuple(out)

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
    defines: tuple[str, str, str] | None  # "Long Name (ABBR)": (acronym key, long name key, ABBR)
    refusal: str | None  # why it is no entity, from the name alone


def name_facts(kind: str, name: str) -> Facts:
    soft_key = None
    if kind == "organization":
        form, common = display_form(name), common_form(name)
        key = acronym_key(common) if is_acronym(common) else common.casefold()
        soft = SPELLED_SUFFIX.sub("", common)
        soft_key = soft.casefold() if soft != common and len(soft) >= 3 else None
        long, short = split_acronym(strip_brackets(name))
        defines = (acronym_key(short), name_key(long), short) if short and long and is_acronym(short) else None
    else:
        form = strip_brackets(name)
        key, defines = strip_possessive(form).casefold(), None
    why = non_entity_reason(name, kind)
    refusal = f"refused: {why}" if why else None
    return Facts(key, form == name, form, soft_key, is_shouting(name), is_acronym(name), defines, refusal)


class EntityIndex:
    """The archive's names, story by story, with the counts resolution starts from.

    Kept between builds (it pickles); ``add`` and ``remove`` cost the size of one story, and
    each name is analysed once, when a story first writes it."""

    def __init__(self) -> None:
        self.stories: dict[str, StoryNames] = {}
        self.counts: dict[str, Counter] = {kind: Counter() for kind in KINDS}  # stories per written name
        self.facts: dict[str, dict[str, Facts]] = {kind: {} for kind in KINDS}
        # surname → {story id: (day, full names)} for the people written with a full name
        self.full_by_surname: dict[str, dict[str, tuple[int, tuple[str, ...]]]] = defaultdict(dict)

    def add(self, story: StoryNames) -> None:
        if story.story in self.stories:
            self.remove(story.story)
        self.stories[story.story] = story
        for kind, written in (("person", story.people), ("organization", story.organizations)):
            facts = self.facts[kind]
            for name in set(written):
                self.counts[kind][name] += 1
                if name not in facts:
                    facts[name] = name_facts(kind, name)
        for surname, names in _full_names_by_surname(story.people).items():
            self.full_by_surname[surname][story.story] = (story.day, names)

    def remove(self, story_id: str) -> None:
        story = self.stories.pop(story_id, None)
        if story is None:
            return
        for kind, written in (("person", story.people), ("organization", story.organizations)):
            counts = self.counts[kind]
            for name in set(written):
                counts[name] -= 1
                if counts[name] <= 0:
                    del counts[name]
                    self.facts[kind].pop(name, None)
        for surname in _full_names_by_surname(story.people):
            found = self.full_by_surname.get(surname)
            if found is not None:
                found.pop(story_id, None)
                if not found:
                    del self.full_by_surname[surname]

    def update(self, stories: Iterable[StoryNames]) -> None:
        for story in stories:
            self.add(story)


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
    for kind in KINDS:
        counts, facts = index.counts[kind], index.facts[kind]
        refused = overrides.refused.get(kind, frozenset())
        named = overrides.aliases.get(kind, {}).keys() | overrides.distinct.get(kind, frozenset())
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
        if kind == "person":
            _join_surnames(index, names, reasons, by_story, overrides, window_days)
        entities.update(_entities(kind, counts, names, groups, by_story))
    changed = sorted((kind, variant.casefold(), variant, r) for (kind, variant), r in reasons.items() if r != "same")
    decisions = tuple(
        Decision(kind, variant, names[(kind, variant)], r, index.counts[kind].get(variant, 0))
        for kind, _, variant, r in changed
    )
    return Resolution(
        names=MappingProxyType(names),
        by_story=MappingProxyType(by_story),
        entities=MappingProxyType(entities),
        decisions=decisions,
    )


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
    acronyms: dict[str, str] = {}  # a member of the long name's group → the acronym as written
    if kind == "organization":
        for short_key, long_key in _acronym_definitions(live, counts, facts, distinct).items():
            long_members = by_key.get(long_key)
            if not long_members:
                continue
            written = [n for n in by_key.get(short_key, ()) if facts[n].acronym]
            for name in written:
                union.join(long_members[0], name)
            acronyms[long_members[0]] = _acronym_as_written(short_key, written, long_members)
    for variant, target in aliases.items():
        if variant in union.parent:
            union.join(variant, target)
    root_acronym = {union.find(m): a for m, a in acronyms.items()}
    members_of: dict[str, list[str]] = defaultdict(list)
    for name in union.parent:
        members_of[union.find(name)].append(name)
    out = []
    for root, members in members_of.items():
        if len(members) == 1 and root in facts and root not in targets:  # most of an archive's names
            f = facts[root]
            out.append((members, root if f.plain or kind == "person" else f.form, _tail(f)))
            continue
        acronym = root_acronym.get(root) or next(
            (_tail(facts[m]) for m in members if m in facts and _tail(facts[m])), None
        )
        out.append((sorted(members), _canonical(members, counts, facts, targets, acronym), acronym))
    return out


def _tail(f: Facts) -> str | None:
    """The acronym a name defines in its tail: ``IMF`` of ``International Monetary Fund (IMF)``."""
    return f.defines[2] if f.defines else None


def _acronym_as_written(short_key: str, written: list[str], long_members: list[str]) -> str:
    """The acronym as the archive writes it: its own page's name, else the definition's tail."""
    if written:
        return max(written, key=lambda n: (n.isupper(), "." not in n, n))
    for member in long_members:
        _, short = split_acronym(strip_brackets(member))
        if short:
            return short
    return short_key.upper()


def _acronym_definitions(names: list[str], counts: Counter, facts: dict, distinct: frozenset[str]) -> dict[str, str]:
    """acronym key → the key of the long name the archive defines it for: the one that most of
    its definitions (counted in stories) spell out, with no second meaning written in several
    stories (ADB: the Asian and the African Development Bank)."""
    defined: dict[str, Counter] = defaultdict(Counter)
    for name in names:
        f = facts[name]
        if f.defines and name not in distinct:
            defined[f.defines[0]][f.defines[1]] += counts[name]
    out = {}
    for short, longs in defined.items():
        (best, n), *rest = longs.most_common()
        if n / sum(longs.values()) >= DOMINANT and not any(m >= SECOND_MEANING for _, m in rest):
            out[short] = best
    return out


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
    for m in members:
        forms[facts[m].form] += counts[m]
    mixed = max((n for f, n in forms.items() if not f.isupper()), default=0)
    quiet = {f for f, n in forms.items() if not is_shouting(f) and not (f.isupper() and n < mixed)} or set(forms)
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
    if kind == "organization" and f.key != name_key(canonical):
        soft = SPELLED_SUFFIX.sub("", common_form(canonical)).casefold()
        return "legal suffix" if f.soft_key == name_key(canonical) or soft == f.key else "acronym"
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


def _join_surnames(index, names, reasons, by_story, overrides: Overrides, window_days: int) -> None:
    """Join each story's bare surname to the one full name of nearby related stories; a bare
    name (with its other written forms) all of whose stories join one person is merged."""
    distinct = overrides.distinct.get("person", frozenset())
    aliases = overrides.aliases.get("person", {})
    members: dict[str, list[str]] = defaultdict(list)  # bare canonical → its written forms
    for (kind, variant), canonical in names.items():
        if kind == "person" and canonical is not None:
            surname = _bare_surname(canonical)
            if surname and surname in index.full_by_surname:
                members[canonical].append(variant)
    for canonical, written in list(members.items()):
        if any(v in distinct or v in aliases for v in written) or canonical in aliases.values():
            del members[canonical]  # an editor decided this name
    if not members:
        return
    of_name = {v: c for c, vs in members.items() for v in vs}
    stories_of: dict[str, list[tuple[StoryNames, str]]] = defaultdict(list)
    for story in index.stories.values():
        for name in story.people:
            canonical = of_name.get(name)
            if canonical is not None:
                stories_of[canonical].append((story, name))
    for canonical, uses in stories_of.items():
        surname = _bare_surname(canonical)
        timeline = sorted((day, sid, full) for sid, (day, full) in index.full_by_surname[surname].items())
        days = [t[0] for t in timeline]
        joined: dict[tuple[str, str], str] = {}
        for story, name in uses:
            person = _nearby_person(index, story, timeline, days, window_days, names)
            if person is not None:
                joined[(story.story, name)] = person
        if not joined:
            continue
        targets = set(joined.values())
        if len(joined) == len(uses) and len(targets) == 1:
            person = targets.pop()  # every story of the bare name means one person: merged
            for variant in members[canonical]:
                names[("person", variant)] = person
                reasons[("person", variant)] = "surname"
        else:
            for (sid, name), person in joined.items():
                by_story[("person", sid, name)] = person
            for variant in members[canonical]:
                reasons[("person", variant)] = "partly surname"


def _nearby_person(index, story: StoryNames, timeline, days, window_days: int, names) -> str | None:
    """The one full name (as an entity) with this surname among the stories within the window
    that share a country or a topic with ``story``; None when there are none or several."""
    lo = bisect.bisect_left(days, story.day - window_days)
    hi = bisect.bisect_right(days, story.day + window_days)
    countries, topics = set(story.countries), set(story.topics)
    found: set[str] = set()
    for _, sid, full in timeline[lo:hi]:
        if sid == story.story:
            continue
        other = index.stories[sid]
        if countries.isdisjoint(other.countries) and topics.isdisjoint(other.topics):
            continue
        for name in full:
            canonical = names.get(("person", name), name)
            if canonical is not None:
                found.add(canonical)
        if len(found) > 1:
            return None
    return found.pop() if found else None


# --- entities -----------------------------------------------------------------------------------


def _entities(kind, counts, names, groups, by_story) -> dict[tuple[str, str], Entity]:
    """One entity per canonical name, with the other names written for it, most used first."""
    written: dict[str, list[str]] = defaultdict(list)
    for (k, variant), canonical in names.items():
        if k == kind and canonical is not None:
            written[canonical].append(variant)
    per_story: Counter = Counter()
    for (k, _, variant), canonical in by_story.items():
        if k == kind:
            per_story[(canonical, variant)] += 1
            if variant not in written[canonical]:
                written[canonical].append(variant)
    acronyms = {canonical: acronym for _, canonical, acronym in groups}
    out = {}
    for canonical, variants in written.items():
        if len(variants) == 1 and variants[0] == canonical:
            others: tuple[str, ...] = ()
        else:
            uses = {v: per_story.get((canonical, v)) or counts.get(v, 0) for v in variants if v != canonical}
            others = tuple(sorted(uses, key=lambda v: (-uses[v], v)))
        out[(kind, canonical)] = Entity(kind, canonical, acronyms.get(canonical), others)
    return out
