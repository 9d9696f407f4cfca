"""Organisations the model missed or mislabelled, found by how wire copy introduces them.

The small model marks well-known organisations and misses the rest: a company written bare
("Halvard Industries", "the lender Corvina"), a party known by an acronym in its own language
("Law and Justice (PiS)"), a club named after its city ("Strelsau winger Ana Vidal"). Wire copy
introduces such names in a few regular ways, and each rule here reads one of them:

* a capitalised run that ends in an organisation's designator: a legal form or a word such as
  *Industries*, *Group*, *Bank*, *Party*, *Federation* ("Dangote Industries");
* a name in apposition to an organisation's noun, before it ("the farmers' union FNSEA", "drone
  maker Baykar") or after it ("Corvina, a Danish lender,");
* what only an organisation has or does: "Corvina's shareholders", "Corvina, which is owned by";
* where someone works: "an analyst at Corvina", "head of research at Halvard Capital";
* a thing's partner, rival or parent: "its partner Corvina" (a person's would be "his");
* a name before ``party``, ``union``, ``alliance``... when the name is an acronym ("the PiS party");
* a city before a player's position and a name is the city's club ("Strelsau winger Ana Vidal");
  a country there is its national side, not an organisation.

And two things the model calls organisations that are not: weapons and products named after a
word ("Patriot systems", "Kinzhal missiles"), and titles of works the story quotes ("Oppenheimer").
"""

from __future__ import annotations

from collections.abc import Callable

import regex
from wire_core.entities.names import words

from .nlp import Span

# a capitalised word; a point only inside it ("S.p.A"), so a run never crosses a full stop
_CAP = r"\p{Lu}(?:[\p{L}\p{M}\d'’&+\-]|\.(?=\p{L}))*"
_CONNECTOR = r"(?:of|and|for|the|de|du|des|la|le|del|da|di|do|dos|y|i|&|al|el|von|van|der|den|zu)"
_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d'’.\-]){_CAP}(?:[ ](?:{_CONNECTOR}[ ])*{_CAP}){{0,6}}")
# one name has no "and" or "the" inside ("Vidal and Strelsau" are two)
_BETWEEN_NAMES = frozenset(("and", "the", "y", "i"))
# the last word of an organisation's name, whatever the words before it
DESIGNATORS = words(
    """Inc Corp Corporation Co Cos Ltd Limited Plc PLC LLC AG SA NV BV GmbH SpA AB ASA Oyj Bhd Berhad Tbk Group
    Holdings Holding Industries Bank Bancorp Airlines Airways Motors Pictures Studios Petroleum
    Pharmaceuticals Pharma Technologies Capital Partners Securities Investments Insurance Telecom
    Communications Media Entertainment Foods Brands Logistics Aerospace Electronics Energia Conglomerate
    Party Foundation Institute University Association Federation Union Front Movement Alliance Club FC
    Confederation Organisation Organization Society Trust Fund Agency Commission Committee Council"""
)
# lower-case nouns for an organisation: in apposition they make the name beside them one
ORG_NOUNS = words(
    """company firm group maker makers manufacturer carmaker automaker retailer lender bank insurer airline
    carrier operator broadcaster publisher conglomerate startup start-up supplier distributor chain
    newspaper daily magazine utility miner refiner subsidiary brokerage club party union federation
    association agency alliance coalition bloc movement band charity watchdog regulator developer producer
    exporter importer investor fund giant outfit network platform label studio"""
)
# nouns that head an apposition after a name without being an organisation's ("X, a giant of ...")
_APPOSITION_HEADS = ORG_NOUNS - {"giant", "band", "label", "network", "platform", "fund", "investor"}
# an acronym before one of these is a party or a body: "the PiS party", "the ruling AKP alliance"
_BODY_AFTER = regex.compile(r"[ ](?:party|alliance|coalition|union|movement|bloc|federation|militia|group)\b")
# where someone works: "an analyst at X", "chief economist at X", "head of research at X"
_WORKS_AT = regex.compile(
    r"\b(?:analyst|economist|strategist|researcher|director|executive|officer|manager|partner|head of [\p{Ll} ]{3,30}"
    r"|chairman|chairwoman|president|founder|professor|lecturer|fellow|spokesman|spokeswoman|spokesperson|"
    r"engineer|lawyer|adviser|advisor|consultant|trader|banker|employee|worker|workers|staff|official)[ ]at[ ]$"
)
# a thing's partner is a thing: "its partner Corvina", "its parent company Halvard" (a person's is "his")
_ITS_RELATION = regex.compile(
    r"\bits[ ](?:[\p{Ll}\-]+[ ])?(?:partner|partners|rival|rivals|parent|owner|subsidiary|unit|competitor|"
    r"competitors|peer|peers|customer|customers|supplier|suppliers|client|clients|shareholder|shareholders)[ ]$"
)
# what only an organisation has, after its possessive: "Corvina's shareholders", "Halvard's chief executive"
_OWNS_AFTER = regex.compile(
    r"['’]s?[ ](?:(?:biggest|largest|main|new|former|own)[ ])?(?:shares|stock|shareholders|board|chief executive|"
    r"chief financial officer|chairman|chairwoman|headquarters|subsidiary|subsidiaries|profit|profits|revenue|"
    r"revenues|earnings|plant|plants|factory|factories|stores|customers|squad|stadium|manifesto|lawmakers|MPs)\b"
)
# pronouns a company takes: "Corvina, which is owned by the state", "Corvina said on Monday it would"
_WHICH_AFTER = regex.compile(
    r",[ ]which[ ](?:[\p{Ll}\-]+[ ]){0,5}?(?:owned|listed|based|founded|headquartered|employs|makes|produces|"
    r"operates|runs|sells|supplies)\b"
)
# a club's or a side's noun: a city's name after it is its club ("champions Strelsau")
_SPORT_NOUNS = words("side champions holders club team")
# the word before or after a name that any rule here needs: the cheap test every name passes first
_BEFORE_WORDS = (
    ORG_NOUNS
    | _SPORT_NOUNS
    | words(
        """at partner partners rival rivals parent owner subsidiary unit competitor competitors peer peers customer
    customers supplier suppliers client clients shareholder shareholders"""
    )
)
_AFTER_WORDS = words(
    """party alliance coalition union movement bloc federation militia group winger striker forward midfielder
    defender goalkeeper keeper full-back centre-back center-back playmaker coach manager captain skipper boss head"""
)
# a player's position or a club's staff after the club's name: "Strelsau winger Ana Vidal"
_POSITION_AFTER = regex.compile(
    r"[ ](?:winger|striker|forward|midfielder|defender|goalkeeper|keeper|full-back|centre-back|center-back|"
    r"playmaker|coach|manager|captain|skipper|boss|head coach)[ ]\p{Lu}"
)
# nouns after a name that make it a weapon or a product, not its maker ("Boeing jets" stays a company)
WEAPON_NOUNS = words(
    """missile missiles rocket rockets drone drones interceptor interceptors launcher launchers howitzer
    howitzers tank tanks systems shell shells rifle rifles torpedo torpedoes"""
)
_NEXT_WORD = regex.compile(r"[ ](\p{Ll}+)")
_AND = regex.compile(r"[ ](?:and|&)[ ]")
_APPOSITION = regex.compile(
    r",[ ](?:a|an|the)[ ]((?:[\p{L}\-'’]+[ ]){0,4}?)([\p{Ll}\-]+)(?=[,.;:]|[ ](?:that|which|with|in|based|owned|and)\b)"
)
# a person's title before a name: "Mr Brown", "President Vidal" (not "General Motors")
_HONORIFICS = words(
    """mr mrs ms dr sir dame lord lady president minister chancellor secretary senator governor mayor king
    queen prince princess sheikh pope premier"""
)
_OWNER = regex.compile(r"['’]s$")  # "Ruritania's Farmers Union": the owner is another name ("Workers'" is not)
_HYPHEN_ADJECTIVE = regex.compile(r"-\p{Ll}+(?:ed|ing|based|born|run|made)$")
_QUOTES = "\"“”‘’'"
_ACRONYM = regex.compile(r"^(?=(?:[^\p{Lu}]*\p{Lu}){2})[\p{L}&\-]{2,8}\+?$")
_FUNCTION = words(
    """The A An In On At By For From With And But As To Of Its His Her Their Our This That These Those Former
    New Rival Shares Analysts"""
)


def find_org_cues(
    text: str,
    spans: tuple[Span, ...],
    is_place: Callable[[str], bool],
    is_country: Callable[[str], bool],
    person_tokens: set[str],
) -> list[Span]:
    """ORG spans for the names the words around them show to be organisations (see the module)."""
    from .people import is_title_or_function_word  # people imports organisations, which import this

    taken = sorted((s.start, s.end) for s in spans if s.label == "ORG")
    out: list[Span] = []

    def add(start: int, end: int, whole: bool = False) -> None:
        """``whole``: the name may hold the model's pieces of it ("Bozrah Light" + "Power Co")."""
        name = text[start:end]
        overlaps = [(a, b) for a, b in taken if a < end and b > start]
        if is_place(name) or (overlaps and not (whole and all(start <= a and b <= end for a, b in overlaps))):
            return
        if (start, end) in overlaps:
            return  # the model has it already
        if overlaps:
            # the model's pieces are joined, but not across "and" ("IMF and World Bank" are two), and
            # a place or an adjective before them stays out ("British Labour Party", "Boston-based ...")
            overlaps.sort()
            for (_, b), (a, e) in zip(overlaps, overlaps[1:], strict=False):
                if _AND.search(text, b, a) and not _generic_piece(text[a:e], lower):
                    return  # "British Gas and British Telecom" are two; "Bozrah Light and Power Co" one
            lead = text[start : overlaps[0][0]].split()
            if " and " in text[start : overlaps[0][0]] or (
                lead and all(is_place(w) or _HYPHEN_ADJECTIVE.search(w) or w in ("the", "&") for w in lead)
            ):
                start = overlaps[0][0]
                if (start, end) in overlaps:
                    return
            name = text[start:end]
        words = name.split(" ")
        if all(w in person_tokens for w in words):
            return  # a person in apposition: "the firm's founder Ana Vidal"
        out.append(Span(start, end, name, "ORG"))
        taken.append((start, end))

    lower = _Lower(text)
    runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
    for run_start, run_end in runs:
        run = text[run_start:run_end]
        if " " not in run or run.rsplit(" ", 1)[-1] not in DESIGNATORS:
            continue
        start, end = _trim(text, run_start, run_end, lower)
        words = text[start:end].split(" ")
        if len(words) >= 2 and not _heading(words) and not _generic(words):
            for a, b in _own_parts(text, start, end, words, is_place, person_tokens):
                part = text[a:b].split(" ")
                if len(part) >= 2 and not any(is_place(" ".join(part[k:])) for k in range(len(part) - 1)):
                    add(a, b, whole=True)  # "Dangote Industries"; not "West Bank"
    for name_start, name_end in _names_in(text, runs):
        end = name_end - 2 if text[name_end - 2 : name_end] in ("'s", "’s") else name_end  # "Norvane's shareholders"
        prev_word = _previous_word(text, name_start)
        follows = text[end : end + 1]
        next_word = _NEXT_WORD.match(text, end)
        if not (
            prev_word in _BEFORE_WORDS
            or follows in (",", "'", "’")
            or (next_word is not None and next_word.group(1) in _AFTER_WORDS)
        ):
            continue  # most names: no cue around them
        start, end = _trim(text, name_start, end, lower)
        if start >= end:
            continue
        name = text[start:end]
        words = name.split(" ")
        if len(words) == 1 and (is_title_or_function_word(name) or name.lower() in lower):
            continue  # "the agency Saturday launched", "Analysts, which ..."
        before = text[max(0, start - 60) : start]
        if prev_word in ORG_NOUNS or _WORKS_AT.search(before) or _ITS_RELATION.search(before):
            add(start, end)  # "the farmers' union FNSEA", "an analyst at Corvina", "its partner Corvina"
        elif (_apposition_after(text, end) or _WHICH_AFTER.match(text, end) or _OWNS_AFTER.match(text, end)) and (
            len(words) > 1 or not _sentence_start(text, start)
        ):
            add(start, end)  # "Corvina, a Danish lender,", "Corvina, which is owned by", "Corvina's shareholders"
        elif prev_word in _SPORT_NOUNS and is_place(name) and not is_country(name):
            out.append(Span(start, end, name, "ORG"))  # "champions Strelsau": the city's club
            taken.append((start, end))
        elif len(words) == 1 and _ACRONYM.match(name) and _BODY_AFTER.match(text, end):
            add(start, end)  # "the PiS party"
        elif _POSITION_AFTER.match(text, end) and is_place(name) and not is_country(name):
            out.append(Span(start, end, name, "ORG"))  # "Strelsau winger Ana Vidal": the city's club
            taken.append((start, end))
    return out


def _previous_word(text: str, start: int) -> str:
    """The word right before ``start`` ("maker" of "drone maker Baykar"), or "" (str ops: this runs
    for every name of every story)."""
    if start < 2 or text[start - 1] != " ":
        return ""
    cut = max(text.rfind(" ", max(0, start - 40), start - 1), text.rfind("\n", max(0, start - 40), start - 1))
    return text[cut + 1 : start - 1].lstrip("(")


def _names_in(text: str, runs: list[tuple[int, int]]):
    """The single names of the runs: a run cut at "and", "the", "y", "i" ("Vidal and Strelsau" are two)."""
    for start, end in runs:
        pos = start
        words = text[start:end].split(" ")
        chunk: list[tuple[int, str]] = []
        for word in [*words, "and"]:
            if word in _BETWEEN_NAMES:
                while chunk and not chunk[-1][1][:1].isupper():
                    chunk.pop()  # "Bank of" before "the West"
                if chunk:
                    yield chunk[0][0], chunk[-1][0] + len(chunk[-1][1])
                chunk = []
            else:
                chunk.append((pos, word))
            pos += len(word) + 1


class _Lower:
    """Whether the story writes a word in lower case ("Analysts" opening a sentence, "analysts"
    later): asked of a few words a story, so looked up one by one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        if word not in self.seen:
            self.seen[word] = _written_alone(self.text, word)
        return self.seen[word]


def _written_alone(text: str, word: str) -> bool:
    i = text.find(word)
    while i != -1:
        j = i + len(word)
        if (i == 0 or not text[i - 1].isalpha()) and (j == len(text) or not text[j].isalpha()):
            return True
        i = text.find(word, j)
    return False


def _trim(text: str, start: int, end: int, lower: _Lower | None = None) -> tuple[int, int]:
    """Leave out the opening words before the name: a sentence's ("The", "Shares"), a day's
    ("Tuesday"), an adjective's ("US-registered"), or a common word the story also writes in lower
    case ("Representatives of ...")."""
    from .people import is_function_word

    while True:
        space = text.find(" ", start, end)
        if space == -1:
            return start, end
        word = text[start:space]
        common = lower is not None and _sentence_start(text, start) and (word.endswith("ing") or word.lower() in lower)
        opening = word in _FUNCTION or word.lower().rstrip(".") in _HONORIFICS or is_function_word(word)
        if not (opening or _HYPHEN_ADJECTIVE.search(word) or common):
            return start, end
        start = space + 1


def _own_parts(
    text: str, start: int, end: int, words: list[str], is_place: Callable[[str], bool], person_tokens: set[str]
) -> list[tuple[int, int]]:
    """Where the organisation's own name starts in a run that ends in a designator: after a
    possessive ("Schroeder's Social Democratic Party"), after "and" when what precedes is a name
    of its own ("Lac Minerals Ltd and Cambior Inc", "Ana Vidal and Halvard Inc", "IMF and World
    Bank", "Zenda and Halvard Bank"; but "Bozrah Light and Power Co"), after "of" (or "for the")
    when what follows is a name by itself ("Representatives of First Bank"; but "Bank of Tokyo",
    "Gold Fields of South Africa")."""
    cut = 0
    parts = []

    def offset(k: int) -> int:
        return start + sum(len(w) + 1 for w in words[:k])

    for k, word in enumerate(words[:-1]):
        if _OWNER.search(word.lower()):
            cut = k + 1
        elif word == "and" and k > cut:
            left, right = words[cut:k], words[k + 1 :]
            bare = [w for w in left if w != "the"]
            acronym = len(bare) == 1 and len(bare[0]) > 1 and bare[0].isupper()
            own = left[-1] in DESIGNATORS or all(w in person_tokens for w in left) or acronym
            if own or (is_place(" ".join(left)) and not is_place(right[0])):
                if left[-1] in DESIGNATORS:
                    parts.append((offset(cut), offset(k) - 1))  # "Ketil Holdings and Brandvik Group": two
                cut = k + 1  # but "Australia and New Zealand Banking Group"
        elif word in ("of", "for") and k > cut and len(words) - k - 1 >= 2 and _cuts_at(word, words, cut, k):
            cut = k + 1
    return [*parts, (offset(cut), end)]


def _cuts_at(word: str, words: list[str], cut: int, k: int) -> bool:
    """ "of" always ("Representatives of First Bank"), "for" before "the" or after an "and" name."""
    return word == "of" or words[k + 1] == "the" or "and" in words[cut:k]


def _generic_piece(piece: str, lower: frozenset[str]) -> bool:
    """A piece that is no name by itself: common words before a designator ("Power Co")."""
    words = [w for w in piece.split(" ") if w not in DESIGNATORS]
    return all(w.lower() in lower for w in words)


def _heading(words: list[str]) -> bool:
    return sum(1 for w in words if len(w) > 3 and w.isupper()) >= 2


def _generic(words: list[str]) -> bool:
    """Every word but the designator is a connector or a one-letter word: "The Bank", "Group A"."""
    return all(len(w) < 2 or w in _FUNCTION or regex.fullmatch(_CONNECTOR, w) for w in words[:-1])


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" ")
    return not before or before[-1] in '.!?\n"“:'


def _apposition_after(text: str, end: int) -> bool:
    """ "Corvina, a Danish lender," / "Corvina, the country's biggest lender.": the noun that heads
    the apposition is an organisation's (not "Corvina, the company's founder")."""
    m = _APPOSITION.match(text, end)
    return bool(m) and m.group(2) in _APPOSITION_HEADS


def is_product(text: str, starts: list[int], name: str) -> bool:
    """Every mention is followed by a weapon's or product's noun: "Patriot systems", "Kinzhal
    missiles" name a weapon, not its maker."""
    if not starts:
        return False
    for start in starts:
        m = _NEXT_WORD.match(text, start + len(name))
        if m is None or m.group(1) not in WEAPON_NOUNS:
            return False
    return True


def quoted_somewhere(text: str, starts: list[int], name: str) -> bool:
    """The story writes the name alone between quotes: the title of a work ("Oppenheimer")."""
    for start in starts:
        end = start + len(name)
        if start == 0 or text[start - 1] not in _QUOTES:
            continue
        close = end + 1 if text[end : end + 1] in (",", ".") else end  # "Oppenheimer," as US style writes it
        if text[close : close + 1] in _QUOTES and not text[close + 1 : close + 2].isalpha():
            return True  # not "'Boatmen's"
    return False


_DEFINITION = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\d'’.\-])({_CAP}(?:[ ](?:{_CONNECTOR}[ ])*{_CAP}){{1,6}})"
    rf"[ ]\((\p{{Lu}}[\p{{L}}&\-]{{1,7}})\)$"
)
_BRACKETED = regex.compile(r"[ ]\(\p{Lu}[\p{L}&\-]{1,7}\)")


def foreign_acronyms(
    text: str, known: set[str], is_place: Callable[[str], bool], person_tokens: set[str]
) -> list[tuple[str, str]]:
    """(long name, acronym) for definitions whose acronym is not spelled by the name's initials:
    an acronym of the name in its own language ("Law and Justice (PiS)", "Kurdistan Workers' Party
    (PKK)"). Not after a person ("Ana Vidal (PiS)": her party) nor a place ("Zenda (ZND)")."""
    out = []
    for b in _BRACKETED.finditer(text):
        m = _DEFINITION.search(text, max(0, b.start() - 200), b.end())
        if m is None:
            continue
        short = m.group(2)
        if short in known or sum(c.isupper() for c in short) < 2 or regex.fullmatch(r"\p{Lu}+s", short):
            continue  # "(GDRs)": an acronym's plural, a thing's
        start, end = _trim(text, m.start(1), m.end(1))
        if any(_OWNER.search(w) for w in text[start:end].split(" ")):
            continue  # "Ruritania's Farmers Union (RFU)": the acronym may spell the owner too
        # "Ana Vidal of the Marsh Workers Union (MWU)", "Ruritania and the Marsh Institute (MI)"
        start = _own_parts(text, start, end, text[start:end].split(" "), is_place, person_tokens)[-1][0]
        start, end = _trim(text, start, end)
        long = text[start:end]
        words = long.split(" ")
        if len(words) < 2 or _heading(words) or is_place(long) or any(_OWNER.search(w) for w in words):
            continue
        if words[-1] in person_tokens and words[-2] in person_tokens:
            continue
        if _truncated(short, words):
            continue
        out.append((long, short))
        known.add(short)
    return out


def _truncated(short: str, words: list[str]) -> bool:
    """Whether the run before the brackets is likely only the end of the long name: the acronym
    shares letters with the run's initials but does not start where the run starts ("Trade and
    Development (UNCTAD)"). A run ending in a designator is a whole name ("Kurdistan Workers'
    Party (PKK)"); one sharing no initial with the acronym is in another language ("Law and
    Justice (PiS)"); one starting with the acronym's letter abbreviates by syllables ("Petroleos
    Mexicanos (PEMEX)")."""
    if words[-1] in DESIGNATORS:
        return False
    initials = {w[0].upper() for w in words if w[:1].isupper()}
    letters = [c.upper() for c in short if c.isalpha()]
    if not initials & set(letters):
        return False
    return letters[0] != words[0][0].upper()
