"""Story-level corrections of the people and organisations found, where the story's text decides.

Run by ``extract.py`` after ``people.py`` and ``organizations.py``:

* a name that is only ever half of an ampersand name in the story ("Poor's" of "Standard &
  Poor's", "Johnson" of "Johnson & Johnson") is that whole name (an organisation) or, as a
  person, no one; with "and" only one-word halves of an organisation whose other half the story tags as
  nothing ("Standard and Poor's"), so two named firms ("Halt and Kestrel") stay two;
* non-entities (``nonentities``) are dropped, a bare rating (``AAA``) when the story speaks of
  ratings around it;
* generic institutions become one tag per country (``institutions``).
"""

from __future__ import annotations

import re
from collections import Counter

from wire_core.entities.names import strip_legal_suffix, words
from wire_core.entities.names import strip_possessive as _strip_possessive
from wire_core.entities.nonentities import date_in_context, non_entity_reason, rating_in_context

from .institutions import Places, qualify_institutions
from .records import OrganizationTag, PersonTag, Story

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
_LEFT_AMP = re.compile(rf"((?:{_CAP}\s){{0,2}}{_CAP})\s?&\s?$")
_RIGHT_AMP = re.compile(rf"^(?:['’]s)?\s?&\s?({_CAP}(?:\s{_CAP}){{0,2}})")
_SUFFIX_AFTER = re.compile(r"^,?\s(?:Inc|Corp|Co|Cos|Ltd|Plc|PLC|LLC|LP|AG|SA|NV)\b")
# an article or a possessive: "the Premiership", "her Oscar" (people are not had: "her husband Tom")
_ARTICLE_BEFORE = re.compile(r"(?:^|[^\w])(?:the|The|a|A|an|An|his|His|her|Her|their|Their|its|Its)\s$")
_GROUP_AFTER = re.compile(
    r"^\s(?:leaders?|MPs?|MEPs?|candidates?|peers?|councillors?|manifesto|conference|supporters|voters|"
    r"activists|nominations?|nominees?|nominated|winners?|hopefuls?|contenders?|awards?|ceremony|statuettes?)\b"
)
_NEXT_WORD = re.compile(r"^\s([a-z][a-z\-]*)")
_DIGIT = re.compile(r"\d")
_THE_BEFORE = re.compile(r"(?:^|[^\w])(?:the|The)\s$")  # "the Lib Dems"; not "a Bob Deans try"
_LOCATIVE_BEFORE = re.compile(r"(?:^|[^\w])(?:in|near|outside)\s$")
_ROLE_BEFORE = re.compile(
    r"(?:\b(?:portrays?|portrayed|portraying|(?:stars?|starred|starring|cast|appears?|appeared)"
    r" as|(?:role|part|character) of|character|characters)\s)$"
)
_PLAYS_BEFORE = re.compile(r"\b(?:plays|played|playing)\s$")
_WORK_WORDS = re.compile(
    r"\b(?:in which|film|films|movie|series|drama|sitcom|comedy|thriller|musical|play|opera|novel|adaptation|"
    r"production|remake|sequel|biopic|role|cast|stage|screen|episode)\b"
)
_FUNCTION_WORDS = words(
    "and or but nor for in on of with to at by from as than after before since until into over is was are "
    "were be been has had have will would could can may might must did does do said says who which that"
)
_PLAIN_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_LEFT_AND = re.compile(rf"({_CAP})\sand\s$")
_RIGHT_AND = re.compile(rf"^(?:['’]s)?\sand\s({_CAP})(?!\s[A-Z])")
# capitalised words that open a sentence or a phrase rather than a name
_OPENERS = words("The A An At By In Of For From With And But As On To Analysts Shares Rival Unit Units Says Said")


HALF_OF_A_NAME = "half of an ampersand name"
A_THING = "written as a thing's name"
A_GROUP = "written as a group"
A_PLACE = "written as a place"
A_ROLE = "a part an actor plays"
AN_AFFILIATION = "a player's club"


def refine_people(people: tuple[PersonTag, ...], text: str, refused: list | None = None) -> tuple[PersonTag, ...]:
    """People without non-entities, halves of an ampersand name, or names the story never writes
    as a person's: only after an article ("the Premiership", "an Oscar", "the Lib Dems": people
    are named without one), before a word for a group's members ("Lib Dem leader"), as a group
    ("the Lib Dems accuse", and so "Lib Dem" is a member's word), as a place ("in Kent") or as a
    part an actor plays ("she plays Bella Baxter"). Each name left out is added to ``refused`` as
    (name, reason), so an editor can keep it without extracting again."""
    tokens = {w for p in people for w in p.name.split()}
    surnames = {p.name.rsplit(" ", 1)[-1] for p in people}  # "Clinton" or "Bill Clinton": "the Clintons" a family
    out = []
    for p in people:
        name = p.name
        why = non_entity_reason(name, "person") or _written_as_no_person(name, text, tokens, surnames, people)
        if why:
            if refused is not None:
                refused.append((name, why))
            continue
        out.append(p)
    return tuple(out)


def _written_as_no_person(name: str, text: str, tokens: set[str], surnames: set[str], people) -> str | None:
    """Why the story writes ``name`` as something other than a person, or None."""
    if _whole_names(name, text):
        return HALF_OF_A_NAME
    if _never_a_person(name, text, tokens):
        return A_THING
    if _a_group(name, text, surnames):
        return A_GROUP
    if _only_a_place(name, text):
        return A_PLACE
    if _only_a_role(name, text):
        return A_ROLE
    if _only_an_affiliation(name, text, [q.name for q in people if q.name != name]):
        return AN_AFFILIATION
    return None


def _a_group(name: str, text: str, surnames: set[str]) -> bool:
    """A plural the story writes after an article ("the Lib Dems accuse"), or a name whose plural
    it writes so ("Lib Dem" beside "the Lib Dems"): a party, a band, a team's fans. A family is
    a person's ("the Clintons" when a Clinton is among the story's people)."""
    after_the = any(_THE_BEFORE.search(text, max(0, s - 5), s) for s in _mentions(name, text))
    if after_the and _plural_word(name) and name[:-1] not in surnames:
        return True
    plural = name + "s"
    if " " not in name or not _plural_word(plural):
        return False  # one word: "the Kennedys" is a family more often than not
    return any(_THE_BEFORE.search(text, max(0, s - 5), s) for s in _mentions(plural, text))


def _plural_word(name: str) -> bool:
    """ "Dems", "Sisters", "Tories"; not "Charles", "Jones", "Bass", "Williams" of one word."""
    last = name.rsplit(" ", 1)[-1]
    if last.endswith("ies"):
        return True  # "Tories"
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "es", "as", "os", "ams"))


def _only_a_place(name: str, text: str) -> bool:
    """A one-word name only ever written after "in" or "near" ("from Dartford in Kent"): a place
    the gazetteer does not know, not a person ("in Vidal's view" is a person's)."""
    if " " in name:
        return False
    starts = list(_mentions(name, text))
    return bool(starts) and all(
        _LOCATIVE_BEFORE.search(text, max(0, s - 8), s) and text[s + len(name) : s + len(name) + 2] not in ("'s", "’s")
        for s in starts
    )


def _only_an_affiliation(name: str, text: str, others: list[str]) -> bool:
    """Every mention is inside a bracket opened right after another person's name: "Mike Blair
    (Strelsau Rugby)", "Ana Vidal (captain, Zenda Saints)" give a player's club, a member's party.
    A bracket after a team's or a country's name lists people ("Ruritania (Ana Vidal, Ola Berg)"),
    and so does one with numbers ("(Ana Vidal 14)", a substitute's minute)."""
    starts = list(_mentions(name, text))
    if not starts or not others or " " not in name:
        return False  # "Saddam (Hussein)": the rest of a name
    for s in starts:
        opening = text.rfind("(", max(0, s - 40), s)
        closing = text.find(")", s)
        if opening == -1 or ")" in text[opening:s] or _DIGIT.search(text, opening, closing if closing != -1 else s):
            return False  # a substitute in a line-up: "Mark Berg (Ana Vidal, 39)"
        before = text[max(0, opening - 60) : opening].rstrip()
        if not any(before.endswith(other) for other in others):
            return False
    return True


def _only_a_role(name: str, text: str) -> bool:
    """Every mention is a part an actor plays ("she plays Bella Baxter", "cast as", "the role of"):
    a character, not a person of the story. "Plays" alone is also sport's ("Vidal plays Berg in the
    final"): it counts where the sentence speaks of a work ("the film in which she plays ...")."""
    starts = list(_mentions(name, text))
    if not starts:
        return False
    for s in starts:
        if _ROLE_BEFORE.search(text, max(0, s - 30), s):
            continue
        sentence = text[max(text.rfind(".", 0, s), text.rfind("\n", 0, s), 0) : s]
        if not (_PLAYS_BEFORE.search(sentence) and _WORK_WORDS.search(sentence)):
            return False
    return True


def _never_a_person(name: str, text: str, tokens: set[str]) -> bool:
    """Every mention is a thing's: after an article, for a one-word name or a plural ("the
    Oscars"; not "the Clintons" when a Clinton is among the story's people, nor "the Marc
    Dutroux case") or a possessive ("her Oscar"), or before a group word ("Lib Dem leader",
    "Oscar nominations", "Oscar nominee Clive Owen": an award's nominees and winners)."""
    family = " " not in name and name.endswith("s") and name[:-1] in tokens  # "the Clintons"
    article_counts = not family and (" " not in name or name.endswith("s"))
    seen = False
    for start in _mentions(name, text):
        seen = True
        before = text[max(0, start - 7) : start]
        after = text[start + len(name) : start + len(name) + 16]
        after_article = article_counts and _ARTICLE_BEFORE.search(before) and _heads_phrase(after)
        if not (after_article or _GROUP_AFTER.match(after)):
            return False
    return seen


def refine_organizations(
    organizations: tuple[OrganizationTag, ...], text: str, home: str | None, places: Places, refused: list | None = None
) -> tuple[OrganizationTag, ...]:
    """Organisations made whole, qualified by country, and without non-entities (added to
    ``refused`` as (name, reason))."""
    whole: Counter = Counter()
    acronyms: dict[str, str | None] = {}
    taken = frozenset(o.name for o in organizations)
    for org in organizations:
        names = _whole_names(org.name, text, taken)
        if names:
            name = strip_legal_suffix(names.most_common(1)[0][0])
            whole[name] += org.mentions
            acronyms.setdefault(name, None)
        else:
            whole[org.name] += org.mentions
            acronyms.setdefault(org.name, org.acronym)
    merged = tuple(OrganizationTag(n, whole[n], acronyms[n]) for n in whole)
    qualified = qualify_institutions(merged, text, home, places, refused)
    out = []
    for o in qualified:
        why = non_entity_reason(o.name, "organization")
        if not why and o.acronym is None and rating_in_context(o.name, text):
            why = "rating grade"
        if not why and date_in_context(o.name, text):
            why = "date"
        if why:
            if refused is not None:
                refused.append((o.name, why))
            continue
        out.append(o)
    return tuple(out)


def home_country(story: Story, countries, places: Places) -> str | None:
    """The country of the dateline's first place: among its readings, the first the story is
    tagged with ("BIRMINGHAM" in a story tagged GB), else the gazetteer's first."""
    if story.dateline is None or not story.dateline.places:
        return None
    readings = places.readings(story.dateline.places[0])
    tagged = {c.code for c in countries}
    return next((code for code in readings if code in tagged), readings[0] if readings else None)


def _whole_names(name: str, text: str, taken: frozenset[str] | None = None) -> Counter | None:
    """The ampersand names this name is half of, as the story writes them, when every mention
    of it is one; None when it is written alone at least once. With ``taken`` (the story's other
    names) a one-word name may also be half of an "and" name whose other half is no name of its
    own ("Standard and Poor's", not "Ford and Kestrel")."""
    found: Counter = Counter()
    single = taken is not None and _PLAIN_WORD.fullmatch(name) is not None
    for start in _mentions(name, text):
        end = start + len(name)
        near = text[max(0, start - 6) : start] + text[end : end + 6]
        if "&" not in near and not (single and "and " in near):
            return None  # written alone (most names, at their first mention): nothing to join
        before = text[max(0, start - 60) : start]
        after = text[end : end + 60]
        left, right = _LEFT_AMP.search(before), _RIGHT_AMP.match(after)
        if single and not left and not right:
            left, right = _LEFT_AND.search(before), _RIGHT_AND.match(after)
            other = (left or right).group(1) if (left or right) else ""
            if _strip_possessive(other) in taken or other in taken:
                return None  # two names: "Ford and Kestrel"
            if left and _in_a_run(before[: left.start(1)]):
                return None  # "Johnson & Johnson and Tennex": the left word belongs to another name
            if (left or right) and not _firm_like(name, other, after[right.end(1) :] if right else after):
                return None  # "Torkham and Chaman": two names
        if left:
            opening = _opening_words(left.group(1))
            if opening == len(left.group(1)):
                left = None  # "The & ..." is no name
            else:
                start = start - len(before) + left.start(1) + opening
        if not left and not right:
            return None
        if right:
            end += right.end(1)
        elif after[:2] in ("'s", "’s"):
            end += 2  # "Standard & Poor's" from the span "Poor"
        whole = " ".join(text[start:end].split())
        if whole.endswith(".") and len(whole.rsplit(" ", 1)[-1]) > 3:
            whole = whole[:-1]  # the sentence's full stop, not an initial's
        found[whole] += 1
    return found or None


def _mentions(name: str, text: str):
    """Where ``name`` stands in the text as a word of its own (str.find: a regex per name
    would be compiled for every name of every story)."""
    i = text.find(name)
    while i != -1:
        before = text[i - 1] if i else " "
        j = i + len(name)
        after = text[j] if j < len(text) else " "
        if not (before.isalnum() or before in "&-_" or after.isalnum() or after in "-_"):
            yield i
        i = text.find(name, i + 1)


def _heads_phrase(after: str) -> bool:
    """The name ends its noun phrase ("the Premiership.", "an Oscar for"), rather than
    qualifying a noun after it ("the Reagan administration": a person's government)."""
    m = _NEXT_WORD.match(after)
    return m is None or m.group(1) in _FUNCTION_WORDS


def _firm_like(name: str, other: str, following: str) -> bool:
    """An "and" name of a firm: founders' names with a possessive ("Standard and Poor's"), one
    name twice ("Johnson and Johnson"), or a legal suffix after it ("Wagner and Brown Inc")."""
    possessive = any(w.endswith(("'s", "’s")) for w in (name, other)) or following.startswith(("'s", "’s"))
    return possessive or name == other or _SUFFIX_AFTER.match(following) is not None


def _in_a_run(before: str) -> bool:
    """Whether the text before a word continues a name on the same line: an ampersand or a
    capitalised word (not a headline above, not the end of a sentence)."""
    tail = before.rstrip(" ")
    if not tail or tail[-1] in '\n.!?:;,("“':
        return False
    last = tail.rsplit(None, 1)[-1]
    return last == "&" or (last[:1].isupper() and last not in _OPENERS)


def _opening_words(run: str) -> int:
    """How many characters of a left half are a sentence's opening words: "The Standard" → 4."""
    cut = 0
    for word in run.split(" "):
        if word not in _OPENERS:
            break
        cut += len(word) + 1
    return min(cut, len(run))
