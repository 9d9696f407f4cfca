"""Generic institutions by name: ``Finance Ministry``, ``Treasury``, ``Central Bank``.

Every country has one, so the name alone says no one: the ingest qualifies each by the country
its story places it in (``wire_ingest.institutions``: ``Finance Ministry (Japan)``), and a name
left bare is refused as an organisation (``nonentities``), at extraction and again at build
time. "Ministry of Finance" is written as "Finance Ministry", so both forms share one name.
Named institutions ("Bank of Japan", "Bundesbank") are names already and are not generic.
"""

from __future__ import annotations

import re

from .names import words

# the portfolios a ministry or department is named by ("Finance Ministry", "Department of State")
AREAS = words(
    "Finance Foreign Interior Home Defence Defense Trade Economy Economic Agriculture Industry Energy Health "
    "Education Justice Labour Labor Transport Transportation Communications Environment Commerce Information "
    "Oil Petroleum Mines Mining Planning Culture Tourism Fisheries Treasury State Housing Immigration Welfare "
    "Finances Economics Science Technology Water Irrigation Railways Telecommunications Power Commercial"
)
FIXED = words("Treasury Parliament Senate Cabinet House")
FIXED_PHRASES = (
    "Central Bank", "Supreme Court", "High Court", "Constitutional Court", "National Assembly", "Foreign Office",
    "Home Office", "Finance Office", "Reserve Bank", "Monetary Authority", "Audit Office", "Statistics Office",
    "Statistical Office", "Planning Commission", "Election Commission", "Electoral Commission",
)  # fmt: skip
_AREA = "|".join(sorted(AREAS, key=len, reverse=True))
_HEAD = "|".join([*sorted(FIXED), *(p.replace(" ", r"\s") for p in FIXED_PHRASES)])
_GENERIC = re.compile(
    rf"(?P<area>{_AREA})(?:\sAffairs)?\s(?P<body>Ministry|Department)"
    rf"|(?P<body2>Ministry|Department)\sof\s(?:the\s)?(?P<area2>{_AREA})(?:\sAffairs)?"
    rf"|(?P<fixed>{_HEAD})"
)
_QUALIFIED = re.compile(rf"^(?P<qual>.+?)(?:['’]s)?\s(?P<generic>(?:{_GENERIC.pattern}))$")


def generic_name(name: str) -> tuple[str | None, str] | None:
    """(qualifier as written or None, the generic as this archive names it) for a generic
    institution's name; None for any other name. ``Ministry of Finance`` → (None, ``Finance
    Ministry``); ``Japan's Finance Ministry`` → (``Japan``, ``Finance Ministry``)."""
    m = _GENERIC.fullmatch(name)
    qual = None
    if m is None:
        q = _QUALIFIED.match(name)
        if q is None:
            return None
        qual, m = q.group("qual"), _GENERIC.fullmatch(q.group("generic"))
        if m is None:
            return None
    if m.group("fixed"):
        generic = " ".join(m.group("fixed").split())
    else:
        area = m.group("area") or m.group("area2")
        body = m.group("body") or m.group("body2")
        generic = "Treasury" if area == "Treasury" else f"{area} {body}"
    return qual, generic
