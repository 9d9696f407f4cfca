"""Organisations: the model's ORG spans, cleaned, with acronyms merged.

"Tehrik-i-Taliban Pakistan (TTP)" defines TTP once; later "TTP" (and the model's broken
piece "Tehrik", split at the hyphens) count as the same organisation. An acronym that is never
defined but spells the initials of a name of the same story ("IMF" beside "International
Monetary Fund") is merged the same way, and "Lakeshore Axle Corp" is "Lakeshore Axle".

Spans that are not organisations are dropped: the people of the story (the model often calls an
unfamiliar name an ORG), places, agency names, bare generic words ("Group", "Department"),
all-capitals headline fragments ("SQUASH - HILL BRANDS"), and title-case headline fragments
that the story never repeats ("Qatar Hosts Fresh").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import regex

from .lineups import find_results
from .nlp import Span
from .org_cues import find_org_cues, foreign_acronyms, is_product, quoted_somewhere
from .records import OrganizationTag

_CONNECTOR = r"(?:of|for|the|and|on|de|du|des|la|le|del|i|al|el|&|in|to)"
# Unicode capitals: "Türkiye Sanayici ve İşadamları Derneği (TÜSİAD)", "Freedom Party (FPÖ)"
_WORD = r"\p{Lu}[\w’'\-&.]*"
_ACRONYM = r"\p{Lu}[\p{L}&.\-+]{1,9}"
_DEFINITION = regex.compile(rf"((?:{_WORD}|{_CONNECTOR})(?:[ ](?:{_WORD}|{_CONNECTOR})){{0,9}})[ ]\(({_ACRONYM})\)$")
_BRACKETED = regex.compile(rf"\(({_ACRONYM})\)")
_ROLE_AFTER = re.compile(r"^\s+(?:Minister|Ministry|Secretary|Department|Committee|Leader|Guide)\b")
_LEADING = re.compile(r"^(?:the|The|a|an)\s+")
_TRAILING_CONNECTOR = re.compile(r"\s+(?:and|of|for|&|the|on|in|to)$")
_DASH = re.compile(r"\s+[-–—]\s+")
_CORPORATE = re.compile(
    r"(?:,?\s+(?:Inc|Corp|Co|Cos|Ltd|Plc|PLC|plc|LLC|SA|S\.A|AG|NV|N\.V|BV|B\.V|SpA|Spa|GmbH|AB|Bhd|Tbk|"
    r"Incorporated|Limited)\.?)+$"
)
_QUOTED = regex.compile(r"[\"“‘'].*[\"”’']")
ORG_TAIL_WORDS = {"foundation", "institute", "trust", "prize", "award", "centre", "center", "school", "fund"}
# a name right before the lower-case title of its head and the head's name: a company or a body
_HEAD_OF = regex.compile(
    r"(?<![\w'’\-.])(\p{Lu}[\p{L}\p{M}&'’\-]*(?:[ ]\p{Lu}[\p{L}\p{M}&'’\-]*){0,2})[ ](?:co-)?"
    r"(?:chief executive|chief economist|chief|chairman|chairwoman|president|founder|boss|spokesman|spokeswoman)"
    r"[ ]\p{Lu}"
)
# the plural by which parties are named (general vocabulary of politics, not of any one country)
_PARTY_PLURAL = regex.compile(
    r"(?:^|[ ])(?:Conservatives|Tories|Democrats|Dems|Republicans|Liberals|Socialists|Social Democrats|Greens|"
    r"Communists|Nationalists|Christian Democrats|Free Democrats)$"
)
_SHARES_AFTER = regex.compile(
    r"(?:['’]s)?[ ](?:shares|stock)[ ](?:rose|fell|jumped|slid|gained|dropped|climbed|slumped|surged|tumbled|closed|"
    r"ended|edged|slipped|soared|plunged|sank|added|lost)\b"
)
_SHARES_BEFORE = regex.compile(r"\b(?:shares|stake) in[ ](?:the[ ])?$")
_COUNT_BEFORE = regex.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many)[ ]$")
_SHORT = regex.compile(r"^\p{Lu}[\p{L}&]{1,7}$")
AGENCIES = {"Reuters", "Reuter", "AP", "AFP", "Xinhua", "dpa", "Web Desk", "APP", "PTI", "UPI", "IANS"}
# a bare word like these is a reference to an organisation named elsewhere, not a name
GENERIC = {
    "department", "ministry", "group", "state", "sport", "sports", "company", "committee", "council",
    "board", "office", "agency", "commission", "union", "league", "cup", "court", "bank", "party",
    "government", "club", "team", "association", "authority", "corporation", "division", "unit",
    "fund", "foundation", "institute", "university", "college", "school", "federation", "firm",
    "exchange", "market", "index", "branch", "bureau", "secretariat", "administration", "panel",
}  # fmt: skip
CONNECTOR_WORDS = {"of", "for", "the", "and", "on", "de", "du", "des", "la", "le", "del", "i", "al", "el", "&", "in"}


@dataclass(frozen=True)
class Acronym:
    long: str
    short: str


def find_acronyms(text: str) -> tuple[Acronym, ...]:
    """Schwartz–Hearst style: the shortest capitalised run before ``(ABBR)`` whose words give
    ABBR's letters in order, starting with ABBR's first letter."""
    found: dict[str, Acronym] = {}
    for b in _BRACKETED.finditer(text):
        m = _DEFINITION.search(text, max(0, b.start() - 250), b.end())
        if m is None:
            continue
        words, short = m.group(1).split(" "), m.group(2)
        # a faction's letter after a hyphen is not in the long form: "Jamiat Ulema-e-Islam (JUI-F)"
        core = short.rsplit("-", 1)[0] if regex.fullmatch(r".{2,}-\p{Lu}", short) else short
        letters = [c for c in core if c.isalpha()]
        for i in range(len(words) - 1, -1, -1):
            if re.fullmatch(_CONNECTOR, words[i]):
                continue
            candidate = words[i:]
            if candidate[0][0].upper() == letters[0].upper() and _letters_in_order(letters, " ".join(candidate)):
                long = " ".join(candidate)
                if long != short and short not in found:
                    found[short] = Acronym(long=long, short=short)
                break
    return tuple(found.values())


def _letters_in_order(letters: list[str], phrase: str) -> bool:
    capitals = [c for c in phrase if c.isupper()] or list(phrase)
    it = iter(c.upper() for c in capitals)
    return all(any(letter.upper() == c for c in it) for letter in letters)


def canonical_org(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:\"“”'’")
    if text.count("(") > text.count(")"):
        # "World Health Organization (WHO" → "(WHO)"; "Scott Draper (Australia" → "Scott Draper"
        head, _, tail = text.rpartition("(")
        head, tail = head.strip(), tail.strip()
        acronym = _SHORT.match(tail) and sum(c.isupper() for c in tail) >= 2
        text = f"{head} ({tail})" if acronym and head else head
    elif text.count(")") > text.count("("):
        text = text[:-1] if text.endswith(")") else text.split(")", 1)[1]
    text = _LEADING.sub("", text.strip(" ,;:\"“”'’"))
    if text.endswith(".") and not regex.search(r"(?:^|[ .])\p{Lu}\.$", text):
        text = text.rstrip(".")  # but "U.N." keeps its point
    text = re.sub(r"['’]s$", "", text)
    return _TRAILING_CONNECTOR.sub("", text)


def _clean(text: str, is_place: Callable[[str], bool]) -> str | None:
    """The organisation's name in a span, or None when the span is no organisation's name."""
    if _is_heading(text):
        return None  # "SQUASH - HILL BRANDS": a headline in capitals
    first = text.split(None, 1)[0] if text.strip() else ""
    if (
        len(text.split()) > 1
        and len(first) > 2
        and first.isalpha()
        and first.isupper()
        and not text.isupper()
        and is_place(first.title())
    ):
        return None  # "OSLO Leading": the dateline run into the next word
    parts = [p for p in _DASH.split(text) if p]
    if len(parts) > 1:
        # "SQUASH - HILL BRANDS", "Sri Lanka - Arjuna Ranatunga": a heading or a place before a dash
        parts = [p for p in parts if not is_place(p) and not _is_heading(p)]
        if len(parts) != 1:
            return None
        text = parts[0]
    name = canonical_org(text)
    if not name or name[0].islower() or len(name) < 2 or len(name) > 80 or name in AGENCIES:
        return None
    if " or " in name or " / " in name or ": " in name:
        return None  # "Mercantile or Commerce", "N / A Business: Company": not one name
    words = name.split(" ")
    if any(any(c.isdigit() for c in w) for w in words) and not _SHORT.match(name):
        return None  # "H. Morris 69", "Jeans Mate Corp - 6mth"
    if _is_heading(name):
        return None
    if words[0].lower() in GENERIC and all(len(w) <= 2 for w in words[1:]):
        return None  # "Group", "Group A", "Department"
    if _CORPORATE.fullmatch(" " + name):
        return None  # "Co Inc" of "Morgan Stanley and Co Inc" split by the model
    stripped = _TRAILING_CONNECTOR.sub("", _CORPORATE.sub("", name).strip())
    return stripped if len(stripped) >= 2 else name  # "Lakeshore Axle Corp" is "Lakeshore Axle"


def _counted_plural(text: str, start: int, name: str) -> bool:
    """ "won seven Oscars": a plural counted like a common noun is an award, not an organisation (but
    a company counted by its products, "two Boeing 737s", stays)."""
    return " " not in name and name.endswith("s") and bool(_COUNT_BEFORE.search(text, max(0, start - 12), start))


def _title_case(line: str) -> bool:
    """A headline in Title Case, where every word looks like a name to the model."""
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words) and not line.isupper()


def _is_heading(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 2 and any(c.isalpha() for c in w)]
    return len(words) >= 2 and all(w.isupper() for w in words)


def extract_organizations(
    text: str,
    spans: tuple[Span, ...],
    is_place: Callable[[str], bool],
    person_tokens: set[str],
    is_country: Callable[[str], bool] | None = None,
) -> tuple[OrganizationTag, ...]:
    """The story's organisations, most mentioned first. ``is_country`` tells a country from a
    city: a city's name can be its club's ("Strelsau 2 (Vidal 14)"), a country's is its side's."""
    from .people import has_org_word, org_noun_before, title_or_function_word

    is_country = is_country or is_place
    person_folded = {t.casefold() for t in person_tokens}
    # teams of the story's results lists, and names after a company's noun the model called people
    extra = [Span(t.start, t.end, t.name, "ORG") for t in find_results(text).teams]
    clubs = {(s.start, s.end) for s in extra if not is_country(s.text)}
    extra += [
        Span(s.start, s.end, s.text, "ORG")
        for s in spans
        if (s.label in ("PERSON", "GPE", "NORP") and org_noun_before(text, s.start))
        or (s.label == "PERSON" and has_org_word(s.text))
    ]
    # parties by their plural names ("the Conservatives", "Liberal Democrats") and listed companies
    # ("Charles Schwab shares rose", "shares in Halvard"), whatever the model called them
    extra += [
        Span(s.start, s.end, s.text, "ORG")
        for s in spans
        if s.label != "ORG"
        and (
            _PARTY_PLURAL.search(s.text) or _SHARES_AFTER.match(text, s.end) or _SHARES_BEFORE.search(text, 0, s.start)
        )
    ]
    for m in _HEAD_OF.finditer(text):
        name = m.group(1)
        words = name.split(" ")
        if is_place(name) or any(w in person_tokens or title_or_function_word(w) for w in words):
            continue
        if not any(s.start <= m.start(1) < s.end for s in spans if s.label == "ORG"):
            extra.append(Span(m.start(1), m.end(1), name, "ORG"))  # "Aramco chief executive Amin Nasser"
    cues = find_org_cues(text, (*spans, *extra), is_place, is_country, person_tokens)
    clubs |= {(s.start, s.end) for s in cues if is_place(s.text)}  # "Strelsau winger Ana Vidal"
    # a whole name found by its designator replaces the model's pieces of it ("Bozrah Light" + "Power Co")
    pieces = [
        s
        for s in spans
        if s.label == "ORG" and any(c.start <= s.start and s.end <= c.end and c.text != s.text for c in cues)
    ]
    spans = tuple(sorted({*spans, *extra, *cues} - set(pieces), key=lambda s: (s.start, s.end)))
    acronyms = list(find_acronyms(text))
    known = {a.short for a in acronyms}
    acronyms += [Acronym(long, short) for long, short in foreign_acronyms(text, known, is_place, person_tokens)]
    headline_end = text.find("\n")
    headline_end = len(text) if headline_end == -1 else headline_end
    title_case = _title_case(text[:headline_end])
    named: list[tuple[int, str]] = []
    judged: dict[str, bool] = {}
    for span in _joined(text, spans):
        club = (span.start, span.end) in clubs
        name = _clean(span.text, is_place) if not club else canonical_org(span.text)
        if not name or (is_place(name) and not club):
            continue
        words = name.split(" ")
        if " " not in name and (_ROLE_AFTER.match(text[span.end :]) or name in person_tokens):
            continue  # "Defense" of "Defense Minister"; a surname the model called an ORG
        content = [w.strip(".,") for w in words if w.lower() not in CONNECTOR_WORDS]
        if content and all(w.casefold() in person_folded for w in content):
            continue  # a person the model called an ORG: "Falilat Ogunkoya", "Von der Leyen"
        tail = [w.strip(",").casefold() for w in words[-2:]]
        if len(content) >= 3 and all(w in person_folded for w in tail) and words[-1].lower() not in ORG_TAIL_WORDS:
            continue  # a titled person: "Field Marshal Asim Munir", "Indian Air Marshal A.K. Bharti"
        if _QUOTED.fullmatch(text, max(0, span.start - 1), span.end + 1) or _counted_plural(text, span.start, name):
            continue  # a work's title ("Oppenheimer"), a counted award ("seven Oscars")
        if name not in judged:
            starts = _find_words(text, name)
            judged[name] = is_product(text, starts, name) or quoted_somewhere(text, starts, name)
        if judged[name]:
            continue  # a weapon ("Patriot systems"); a work the story quotes elsewhere ("Oppenheimer" took $1bn)
        if title_case and span.start < headline_end and " " in name and text.count(name, headline_end) == 0:
            continue  # a title-case headline fragment the story never repeats: "Qatar Hosts Fresh"
        named.append((span.start, name))
    by_short = {a.short: a for a in acronyms}
    known = {a.short for a in acronyms}
    long_names = {n for _, n in named if " " in n}
    for _, name in named:
        if _SHORT.match(name) and name.isupper() and name not in known:
            long = _spelled_by(name, long_names)
            if long:
                acronyms.append(Acronym(long=long, short=name))  # "IMF" of "International Monetary Fund"
                known.add(name)
    by_short = {a.short: a for a in acronyms}
    counts: Counter = Counter()
    first: dict[str, int] = {}
    # "Barrowfield" beside "Barrowfield Group": the short form of the one group of the story
    longer = {n.split(" ")[0]: n for _, n in named if n.count(" ") == 1 and n.split(" ")[1].lower() in GENERIC}
    for start, name in named:
        name = _merge(longer.get(name, name), acronyms, by_short)
        counts[name] += 1
        first.setdefault(name, start)
    for acronym in acronyms:
        key = f"{acronym.long} ({acronym.short})"
        if is_place(acronym.long):
            continue
        uses = _count_words(text, acronym.short)
        uses += _count_words(text, acronym.long) - 1
        counts[key] = max(counts[key], uses)
        first.setdefault(key, max(text.find(acronym.long), 0))
    ranked = sorted(counts, key=lambda n: (-counts[n], first[n], n))
    return tuple(
        OrganizationTag(name=n, mentions=counts[n], acronym=_acronym_of(n, acronyms)) for n in ranked if counts[n] > 0
    )


def _joined(text: str, spans: tuple[Span, ...]) -> list[Span]:
    """ORG spans, with one that ends in a connector joined to the ORG span right after it
    ("German Environment and" + "Nature Conservation Federation")."""
    orgs = [s for s in spans if s.label == "ORG"]
    out: list[Span] = []
    i = 0
    while i < len(orgs):
        span = orgs[i]
        nxt = orgs[i + 1] if i + 1 < len(orgs) else None
        if nxt is not None and _TRAILING_CONNECTOR.search(span.text) and text[span.end : nxt.start] == " ":
            out.append(Span(span.start, nxt.end, text[span.start : nxt.end], "ORG"))
            i += 2
            continue
        out.append(span)
        i += 1
    return out


def _spelled_by(short: str, long_names: set[str]) -> str | None:
    """The one long name of the story whose capitalised words' initials are ``short``."""
    found = set()
    for long in long_names:
        initials = "".join(w[0] for w in re.split(r"[ \-]", long) if w and w[0].isupper())
        if initials == short:
            found.add(long)
    return found.pop() if len(found) == 1 else None


def _count_words(text: str, phrase: str) -> int:
    return len(_find_words(text, phrase))


def _find_words(text: str, phrase: str) -> list[int]:
    """Where ``phrase`` stands as whole words."""
    out, i = [], text.find(phrase)
    while i != -1:
        before = text[i - 1] if i else " "
        j = i + len(phrase)
        after = text[j] if j < len(text) else " "
        if not (before.isalnum() or before in "_-" or after.isalnum() or after in "_-"):
            out.append(i)
        i = text.find(phrase, i + 1)
    return out


def _merge(name: str, acronyms: list[Acronym], by_short: dict[str, Acronym]) -> str:
    if name in by_short:
        a = by_short[name]
        return f"{a.long} ({a.short})"
    for a in acronyms:
        long_words = re.split(r"[ \-]", a.long)
        if name == a.long or name == f"{a.long} ({a.short})" or (len(name) > 3 and name in long_words):
            return f"{a.long} ({a.short})"
        if len(name) > 5 and a.long.startswith(name):
            return f"{a.long} ({a.short})"
    return name


def _acronym_of(name: str, acronyms: list[Acronym]) -> str | None:
    for a in acronyms:
        if name == f"{a.long} ({a.short})":
            return a.short
    return None
