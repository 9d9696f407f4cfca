"""Country codes as wire items write them → ISO 3166-1 alpha-2.

A G2 ``located`` or place names its country in a ``broader`` element (``iso3166-1a2:DE``,
``cntry:USA``, ``cntry:Russia``, or only ``<name>Germany</name>``); NITF writes ``iso-cc`` (two
or three letters); ninjs places carry codes or URIs. Only a code whose scheme says it is a
country is read as one (``geo:345678`` or ``city:Moscow`` are not). Tables: ``iso3166.tsv``
(alpha-3 and numeric, from ``tools/build_codes.py``), the shared ``countries.tsv`` and the country rows of
``gazetteer.tsv`` for names (news spellings such as "Turkey" or "U.S." included).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from wire_core import vocabularies

DATA = Path(__file__).parent / "data"
COUNTRY_SCHEMES = frozenset(
    {"iso3166-1a2", "iso3166-1a3", "iso3166-1n", "iso3166", "iso", "cntry", "country", "ctry", "countrycode"}
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=1)
def _tables() -> tuple[set[str], dict[str, str], dict[str, str], dict[str, str]]:
    alpha2: set[str] = set()
    alpha3: dict[str, str] = {}
    numeric: dict[str, str] = {}
    names: dict[str, str] = {}
    with open(DATA / "iso3166.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            a2, a3, num = line.rstrip("\n").split("\t")
            alpha2.add(a2)
            alpha3[a3] = a2
            if num:
                numeric[num] = a2
    for code, (name, _, _) in vocabularies.country_names().items():
        alpha2.add(code)
        names.setdefault(name.casefold(), code)
    with open(DATA / "gazetteer.tsv", encoding="utf-8") as fh:
        for line in fh:
            surface, kind, code = line.split("\t", 3)[:3]
            if kind in ("country", "historic") and code:
                names.setdefault(surface.casefold(), code)
    return alpha2, alpha3, numeric, names


def country_from_code(value: str | None) -> str | None:
    """Alpha-2 for a qcode or URI whose scheme is a country scheme; None otherwise."""
    if not value:
        return None
    value = value.strip()
    if "://" in value:
        scheme, _, code = value.rstrip("/").rpartition("/")
        scheme = scheme.rsplit("/", 1)[-1]
    else:
        scheme, _, code = value.partition(":")
        if not code:
            return None
    if scheme.lower() not in COUNTRY_SCHEMES:
        return None
    return country_from_value(code)


def country_from_value(code: str | None) -> str | None:
    """Alpha-2 for an alpha-2, alpha-3 or numeric code, or a country name ("Russia", "USA")."""
    if not code:
        return None
    alpha2, alpha3, numeric, _ = _tables()
    code = code.strip()
    upper = code.upper()
    if len(code) == 2 and upper in alpha2:
        return upper
    if len(code) == 3 and upper in alpha3:
        return alpha3[upper]
    if code.isdigit() and code.zfill(3) in numeric:
        return numeric[code.zfill(3)]
    return country_from_name(_CAMEL.sub(" ", code))


def country_from_name(name: str | None) -> str | None:
    if not name:
        return None
    names = _tables()[3]
    return names.get(" ".join(name.split()).casefold())


def country_name(code: str) -> str:
    """The display name the site uses for a country code (the shared ``countries.tsv``)."""
    row = vocabularies.country_names().get(code)
    return row[0] if row else code
