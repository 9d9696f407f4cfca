"""Find and split the dateline that opens a wire story.

Agencies write it in a handful of conventions (``ISTANBUL / ISLAMABAD (Web Desk):``,
``LONDON, March 3 (Reuters) -``, ``WASHINGTON (AP) —``, ``Paris (AFP) -``, ``KARACHI:``,
``CLEVELAND, Feb 26 -``, ``ST. LOUIS, Mo., March 3 -``, ``LONDON 1996-08-30``). A regex finds
it; only the date part goes to a date parser, relative to a reference date, because the year
is usually missing and must be the most recent one that is not in the future.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .records import Dateline

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_PATTERN = (  # a month as wires write it: "Jan", "Jan.", "January", "Sept"
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_UP = r"A-ZÀ-ÖØ-Þ"
_CAPS_WORD = rf"[{_UP}][{_UP}’'.\-]*"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,4}}"
_TITLE_WORD = rf"[{_UP}][a-zà-öø-ÿ’'.\-]+"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,3}}"
_DATE = (
    rf"(?:{MONTH_PATTERN}\.?[ ]+\d{{1,2}}(?:st|nd|rd|th)?(?:,?[ ]+\d{{4}})?"
    rf"|\d{{1,2}}[ ]+{MONTH_PATTERN}\.?(?:,?[ ]+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})"
)
# ", Mo." / ", Calif." / ", United Arab Emirates" — but not the start of a date
_QUALIFIER = rf"(?:,[ ]*(?!{MONTH_PATTERN}\b)(?!\d)[{_UP}][A-Za-z.’'\-]*(?:[ ][{_UP}][A-Za-z.’'\-]*){{0,3}})"
_SOURCE = r"\((?P<source>[^()\n]{1,40})\)"
_SEP = r"(?P<sep>:|-{1,2}|–|—)"

_CAPS_DATELINE = re.compile(
    rf"^[ \t]*(?P<places>{_CAPS_PLACE}(?:[ ]*/[ ]*{_CAPS_PLACE})*)(?P<qual>{_QUALIFIER}{{0,2}})"
    rf"(?:,?[ ]+(?P<date>{_DATE}))?[ ]*(?:{_SOURCE})?[ ]*{_SEP}[ ]*"
)
_TITLE_DATELINE = re.compile(
    rf"^[ \t]*(?P<places>{_TITLE_PLACE}(?:[ ]*/[ ]*{_TITLE_PLACE})*)(?P<qual>{_QUALIFIER}{{0,2}})"
    rf"(?:,?[ ]+(?P<date>{_DATE}))?[ ]*{_SOURCE}[ ]*{_SEP}[ ]*"
)
_LINE_DATELINE = re.compile(
    rf"^[ \t]*(?P<places>{_CAPS_PLACE}(?:[ ]*/[ ]*{_CAPS_PLACE})*)(?P<qual>{_QUALIFIER}{{0,2}})"
    rf",?[ ]+(?P<date>{_DATE})[ ]*(?:{_SOURCE})?[ ]*$"
)
_NOT_PLACES = {"UPDATE", "CORRECTED", "REFILE", "BREAKING", "URGENT", "FLASH", "EXCLUSIVE", "ANALYSIS"}


@dataclass(frozen=True)
class DatelineMatch:
    dateline: Dateline
    rest: str  # the paragraph text after the dateline


def split_dateline(paragraph: str) -> DatelineMatch | None:
    """Split a leading dateline off a paragraph, or return None when it has none."""
    text = _fold_month_case(paragraph)
    for pattern in (_CAPS_DATELINE, _TITLE_DATELINE, _LINE_DATELINE):
        m = pattern.match(text)
        if m and _plausible(m):
            places = tuple(_tidy_place(p) for p in m.group("places").split("/"))
            dateline = Dateline(
                places=places,
                source=(m.group("source") or "").strip() or None,
                qualifier=m.group("qual").strip(" ,") or None,
                date_text=m.group("date"),
                raw=paragraph[: m.end()].strip(),
            )
            return DatelineMatch(dateline=dateline, rest=paragraph[m.end() :].strip())
    return None


def _fold_month_case(text: str) -> str:
    """``NEW YORK, MARCH 23 -`` → ``NEW YORK, March 23 -`` so one date pattern serves both."""
    head = text[:80]
    folded = re.sub(
        rf",[ ]*({MONTH_PATTERN})\b",
        lambda m: ", " + m.group(1).capitalize(),
        head,
        flags=re.IGNORECASE,
    )
    folded = folded if len(folded) == len(head) else head
    return folded + text[80:]


def _plausible(m: re.Match) -> bool:
    places = [p.strip() for p in m.group("places").split("/")]
    if any(p.upper() in _NOT_PLACES or len(p) < 2 for p in places):
        return False
    # "NATO - the alliance…": a lone acronym with a dash and no source or date is not a dateline
    lone = len(places) == 1 and not m.group("source") and not m.group("date") and m.group("sep") != ":"
    return not (lone and "." not in places[0] and " " not in places[0] and len(places[0]) <= 4)


def _tidy_place(place: str) -> str:
    place = " ".join(place.split()).strip(" ,")
    if place.isupper():
        return " ".join(_title_word(w) for w in place.split(" "))
    return place


def _title_word(word: str) -> str:
    parts = re.split(r"([\-’'])", word.lower())
    out = []
    for i, part in enumerate(parts):
        # keep "al-Ain", "Mc" simple: capitalise each hyphen part; apostrophe suffixes stay lower
        if part and not (i > 0 and parts[i - 1] in "’'" and len(part) <= 2):
            part = part[0].upper() + part[1:]
        out.append(part)
    return "".join(out)


def resolve_date(date_text: str | None, reference: datetime | date | None) -> date | None:
    """Turn the dateline's date part into a calendar date.

    A missing year is the latest one that does not put the date more than two days after the
    reference (the file's first commit or mtime). Returns None for impossible dates.
    """
    if not date_text:
        return None
    ref = reference.date() if isinstance(reference, datetime) else reference
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date_text)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(rf"({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?", date_text, re.I)
    if m:
        month, day, year = m.group(1), m.group(2), m.group(3)
    else:
        m = re.fullmatch(rf"(\d{{1,2}})\s+({MONTH_PATTERN})\.?(?:,?\s+(\d{{4}}))?", date_text, re.I)
        if not m:
            return _parse_with_dateparser(date_text, ref)
        day, month, year = m.group(1), m.group(2), m.group(3)
    month_no = _MONTHS[month[:4].lower() if month[:4].lower() == "sept" else month[:3].lower()]
    if year:
        return _safe_date(int(year), month_no, int(day))
    ref = ref or date.today()
    for candidate_year in (ref.year, ref.year - 1):
        found = _safe_date(candidate_year, month_no, int(day))
        if found and found <= ref + timedelta(days=2):
            return found
    # Feb 29 in a non-leap reference year, or nothing fits: an impossible date
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _parse_with_dateparser(text: str, ref: date | None) -> date | None:
    import dateparser  # slow to import; only unusual date forms reach this

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if ref:
        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None
