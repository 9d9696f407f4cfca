"""A synthetic raw-wire corpus for the benchmark: N files as agencies send them.

Deterministic: item ``i`` is made from its own RNG (``seed``, ``i``) over shared pools that
depend only on ``seed``, so the corpus of N items is a prefix of every larger one and extra
items (``i >= N``, dated after the archive) can be dropped in for the incremental step.

What it imitates:

- lengths of 150-600 words (triangular, mode ~300), 1-3 sentences a paragraph;
- every dateline convention the parser knows, always with the year, so no date depends on git
  or mtimes: ``LONDON, March 3, 2024 (Reuters) -``, ``CAIRO, Egypt, Jan. 5, 2023 (AP) —``,
  ``ST. LOUIS, Mo., ...``, ``Paris, 3 March 2024 (AFP) -``, ``BERLIN, 3 March 2024 (dpa) -``,
  ``NAIROBI, Nov 4, 2025 (Xinhua) --``, ``DOHA / KABUL, ... (Web Desk):``, ``KARACHI, 3 March, 2024:``,
  ``LONDON 2024-03-03`` on its own line, ``NEW YORK, MARCH 23, 2024 (UPI) -``;
- bylines, Web Desk teasers that repeat the lead, Reuters/AFP sign-offs, hard-wrapped copy,
  single-newline paragraphs, CRLF, a UTF-8 BOM, Windows-1252, and ~2% re-sends ("UPDATE 1-")
  of an earlier story;
- dates uniform over 2020-2024; countries from ``countries.tsv`` (news-heavy ones first, then by
  population) with a Zipf tail, dateline cities from the gazetteer's capitals and big cities;
- ~12,000 people (name lists plus syllable-made surnames) and ~1,500 organisations (with
  acronyms) per domain, picked with a Zipf long tail, often from the story's own country;
- the 17 IPTC top-level topics, weighted like a general news wire, from ``bench/phrases.py``.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import json
import os
import random
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from . import phrases

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "plugins" / "wire_ingest" / "data"  # gazetteer.tsv
CORE_DATA = HERE.parent / "plugins" / "wire_core" / "data"  # countries.tsv
DEFAULT_SEED = 42
FIRST_DAY = date(2020, 1, 1)
LAST_DAY = date(2024, 12, 31)
N_PEOPLE = 12_000
N_COMPANIES = 700
UPDATE_SHARE = 0.02

NEWS_HEAVY = """US CN RU UA GB FR DE IN IL IR JP PK TR BR SA KR AU CA IT ES MX EG NG ZA KE AF SY IQ PS
ET SD ID PH VN TH MY BD AR CO VE PL QA AE LB YE TW MM KP NL BE CH SE NO GR HU RS BY GE AM AZ KZ UZ LY TN
DZ MA SN GH CI CM CD UG TZ RW SO ZW MZ AO CL PE EC BO CU HT NZ SG LK NP""".split()  # noqa: SIM905
THE_COUNTRIES = {"Netherlands", "Philippines", "Bahamas", "Maldives", "Comoros", "Seychelles", "Gambia"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
REUTERS_MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
US_STATE_CITIES = [("St. Louis", "Mo."), ("Cleveland", "Ohio"), ("Sacramento", "Calif."), ("Austin", "Texas"),
                   ("Albany", "N.Y."), ("Tallahassee", "Fla."), ("Des Moines", "Iowa"), ("Raleigh", "N.C."),
                   ("Omaha", "Neb."), ("Portland", "Ore."), ("Springfield", "Ill."), ("Denver", "Colo.")]  # fmt: skip
NO_ARTICLE = {"FIFA", "UNESCO", "UNICEF", "Interpol", "Gavi", "CERN", "Goldman Sachs", "JPMorgan", "Moody's",
              "Fitch Ratings", "World Athletics", "Human Rights Watch", "Amnesty International", "Save the Children",
              "Transparency International", "Doctors Without Borders", "Education International"}  # fmt: skip
WORD_ACRONYMS = {"NATO", "OPEC", "ASEAN", "UEFA", "OSCE"}
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]

# convention → (share, agency). The dateline itself is built in ``_dateline``.
CONVENTIONS = {
    "reuters": (0.24, "Reuters"),
    "ap": (0.10, "AP"),
    "ap_state": (0.03, "AP"),
    "ap_country": (0.05, "AP"),
    "afp_title": (0.10, "AFP"),
    "title_other": (0.04, None),  # EFE / ANSA / Anadolu, title-case place
    "dpa": (0.06, "dpa"),
    "xinhua": (0.09, "Xinhua"),
    "webdesk": (0.08, "Web Desk"),
    "webdesk_multi": (0.03, "Web Desk"),
    "staff_colon": (0.06, None),
    "plain_dash": (0.05, None),
    "iso_line": (0.04, None),
    "upi_caps_month": (0.03, "UPI"),
}
TOPIC_NAMES = list(phrases.TOPICS)
_TOKEN = re.compile(r"<([A-Z_0-9]+)>")


# --- pools (depend on the seed only) ---------------------------------------------------------


@dataclass(frozen=True)
class Country:
    code: str
    name: str  # as written in running text, with "the" where English wants it
    bare: str  # without "the"
    dem: str
    cities: tuple[str, ...]  # capital first


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    form: str  # "pre" | "app"
    role: str
    domain: str
    country: str


@dataclass(frozen=True)
class Org:
    name: str
    acronym: str
    domain: str
    country: str  # "" for international ones
    article: bool = False  # "the World Bank", but "FIFA", "Goldman Sachs"


@dataclass
class Picker:
    """Zipf(-Mandelbrot) choice over a ranked list: weight 1 / (rank + q) ** s."""

    items: list
    s: float = 1.0
    q: float = 1.0
    cum: list[float] = field(default_factory=list)

    def __post_init__(self):
        self.cum = list(accumulate(1.0 / (r + self.q) ** self.s for r in range(1, len(self.items) + 1)))

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


@dataclass
class Pools:
    countries: Picker
    by_code: dict[str, Country]
    people: dict[str, Picker]  # domain → ranked people
    people_local: dict[tuple[str, str], Picker]  # (domain, country) → ranked people
    orgs_intl: dict[str, Picker]
    orgs_local: dict[tuple[str, str], Picker]
    companies: dict[str, Picker]
    topics: list[str]
    topic_cum: list[float]


def _read_tsv(name: str) -> list[dict]:
    with open(_data_file(name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _with_the(name: str) -> str:
    needs = (
        name.startswith(("United ", "Republic", "Democratic ", "Central African", "Dominican", "Czech"))
        or name.endswith("Islands")
        or name in THE_COUNTRIES
    )
    return f"the {name}" if needs else name


_LATIN1 = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ .'’-]+")
_PLAIN_CITY = re.compile(r"[A-Z][A-Za-zÀ-ÖØ-öø-ÿ-]+(?: [A-Z][A-Za-zÀ-ÖØ-öø-ÿ-]+){0,2}")


def _countries() -> list[Country]:
    """Countries with a capital, news-heavy ones first, then by population. Dateline cities are
    written as English-language wires write them: GeoNames transliterations such as
    "Al Mawşil al Jadīdah" are left out (an ASCII surface is used when there is one: "Izmir")."""
    population: dict[str, int] = {}
    demonyms: dict[str, list[str]] = {}
    surfaces: dict[tuple[str, str], list[str]] = {}
    capitals: dict[str, str] = {}
    cities: dict[str, list[tuple[int, str]]] = {}
    rows = _read_tsv("gazetteer.tsv")
    for row in rows:
        if row["kind"] in ("capital", "city"):
            surfaces.setdefault((row["code"], row["place"]), []).append(row["surface"])
    for row in rows:
        code, kind, place = row["code"], row["kind"], row["place"]
        pop = int(row["population"] or 0)
        if kind == "country":
            population[code] = max(population.get(code, 0), pop)
        elif kind == "demonym":
            demonyms.setdefault(code, []).append(row["surface"])
        elif kind == "capital" and code not in capitals:
            names = [place, *surfaces[(code, place)]]
            capitals[code] = next((n for n in names if _LATIN1.fullmatch(n)), "")
        elif kind == "city" and pop >= 750_000 and row["surface"] == place:
            names = [place, *sorted(surfaces[(code, place)], key=lambda n: (not n.isascii(), n))]
            name = next((n for n in names if _PLAIN_CITY.fullmatch(n)), None)
            if name:
                cities.setdefault(code, []).append((pop, name))
    out = []
    for row in _read_tsv("countries.tsv"):
        code, name = row["code"], row["name"]
        if not capitals.get(code) or population.get(code, 0) < 50_000:
            continue
        adjectives = [d for d in demonyms.get(code, []) if not d.endswith("s")]
        dems = sorted(
            adjectives,
            key=lambda d: (
                "." in d or d.endswith("man"),
                not d.endswith(("ish", "ese", "an", "i", "ic", "ch")),
                len(d),
            ),
        ) or [name]
        big = [c for _, c in sorted(cities.get(code, []), reverse=True) if c != capitals[code]][:4]
        out.append(Country(code, _with_the(name), name, dems[0], (capitals[code], *big)))
    heavy = {c: i for i, c in enumerate(NEWS_HEAVY)}
    out.sort(key=lambda c: (heavy.get(c.code, len(heavy)), -population.get(c.code, 0), c.code))
    return out


def _surname(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(phrases.LAST_NAMES)
    word = "".join(rng.choice(phrases.ONSETS) + rng.choice(phrases.VOWELS) for _ in range(rng.choice((1, 2, 2, 3))))
    word += rng.choice(phrases.CODAS) if rng.random() < 0.5 else rng.choice(phrases.SUFFIXES)
    return word[0].upper() + word[1:]


def _acronym(name: str) -> str:
    letters = [w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper() and w not in ("Of", "The")]
    return "".join(letters) if len(letters) >= 3 else ""


@lru_cache(maxsize=4)
def build_pools(seed: int = DEFAULT_SEED) -> Pools:
    rng = random.Random(f"pools:{seed}")
    countries = _countries()
    country_pick = Picker(countries, s=1.1, q=2.0)
    domain_weights = {"politics": 30, "business": 20, "sport": 14, "justice": 8, "culture": 8, "science": 7,
                      "health": 5, "military": 3, "labour": 2, "education": 2, "religion": 1, "society": 2}  # fmt: skip
    domains, dweights = list(domain_weights), list(domain_weights.values())
    people: dict[str, list[Person]] = {d: [] for d in domains}
    local: dict[tuple[str, str], list[Person]] = {}
    seen: set[str] = set()
    while len(seen) < N_PEOPLE:
        first = rng.choice(phrases.FIRST_NAMES)
        middle = rng.choice(phrases.FIRST_NAMES) + " " if rng.random() < 0.12 else ""
        surname = _surname(rng)
        if rng.random() < 0.04:
            surname = "Al-" + surname
        name = f"{first} {middle}{surname}"
        if name in seen or surname == first:
            continue
        seen.add(name)
        domain = rng.choices(domains, dweights)[0]
        country = country_pick.pick(rng).code
        form, role = rng.choice(phrases.ROLES[domain])
        person = Person(name, surname, form, role, domain, country)
        people[domain].append(person)
        local.setdefault((domain, country), []).append(person)
    orgs_local: dict[tuple[str, str], list[Org]] = {}
    for country in countries[:160]:
        for domain, patterns in phrases.NATIONAL_ORG_PATTERNS.items():
            for pattern in patterns:
                if rng.random() < 0.6:
                    name = pattern.format(D=country.dem, C=country.name)
                    acr = _acronym(name) if rng.random() < 0.75 else ""
                    org = Org(name, acr, domain, country.code, article=True)
                    orgs_local.setdefault((domain, country.code), []).append(org)
    for orgs in orgs_local.values():
        rng.shuffle(orgs)
    companies: dict[str, list[Org]] = {}
    names: set[str] = set()
    while len(names) < N_COMPANIES:
        domain = rng.choices(list(phrases.COMPANY_SUFFIXES), (6, 2, 2))[0]
        stem = _surname(rng) if rng.random() < 0.4 else rng.choice(phrases.LAST_NAMES)
        name = f"{stem} {rng.choice(phrases.COMPANY_SUFFIXES[domain])}"
        if name not in names:
            names.add(name)
            companies.setdefault(domain, []).append(Org(name, "", domain, country_pick.pick(rng).code))
    topic_cum = list(accumulate(t["weight"] for t in phrases.TOPICS.values()))
    return Pools(
        countries=country_pick,
        by_code={c.code: c for c in countries},
        people={d: Picker(p, s=1.0, q=2.0) for d, p in people.items()},
        people_local={k: Picker(p, s=1.0, q=1.0) for k, p in local.items()},
        orgs_intl={
            d: Picker([Org(n, a, d, "", article=n not in NO_ARTICLE) for n, a in o], s=0.8, q=1.0)
            for d, o in phrases.INTERNATIONAL_ORGS.items()
        },
        orgs_local={k: Picker(o, s=0.8, q=1.0) for k, o in orgs_local.items()},
        companies={d: Picker(o, s=1.0, q=3.0) for d, o in companies.items()},
        topics=TOPIC_NAMES,
        topic_cum=topic_cum,
    )


# --- one story -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    name: str  # file name
    data: bytes
    facts: dict  # what the generator put in: for tests and corpus statistics


class _Story:
    """Fills phrase templates for one story, tracking first and later mentions."""

    def __init__(self, rng: random.Random, pools: Pools, day: date, topic: str, country: Country, city: str):
        self.rng, self.pools, self.day, self.topic = rng, pools, day, topic
        self.country, self.city = country, city
        domains = phrases.TOPICS[topic]["domains"]
        others: list[Country] = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            other = pools.countries.pick(rng)
            if other.code != country.code and other not in others:
                others.append(other)
        self.others = others or [pools.by_code["US" if country.code != "US" else "CN"]]
        self.people: list[Person] = []
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
            domain = rng.choice(domains)
            local = pools.people_local.get((domain, country.code))
            person = (local if local and rng.random() < 0.55 else pools.people[domain]).pick(rng)
            if person not in self.people:
                self.people.append(person)
        self.orgs: list[Org] = []
        for _ in range(rng.choice((1, 2, 2, 3, 4))):
            domain = rng.choice(domains)
            r = rng.random()
            if r < 0.4 and (domain, country.code) in pools.orgs_local:
                org = pools.orgs_local[(domain, country.code)].pick(rng)
            elif r < 0.75 or domain not in pools.companies:
                org = pools.orgs_intl[domain].pick(rng)
            else:
                org = pools.companies[domain].pick(rng)
            if org not in self.orgs:
                self.orgs.append(org)
        self.next_person = self.next_org = self.next_other = 0
        self.mentioned: set[str] = set()

    def fill(self, template: str, capitalize: bool = True) -> str:
        text = _TOKEN.sub(self._slot, template).replace(",,", ",").replace(",.", ".")
        text = re.sub(r"\b(eastern|western|northern|southern) the ", r"\1 ", text)
        return text[0].upper() + text[1:] if capitalize else text

    def _slot(self, m: re.Match) -> str:
        rng, key = self.rng, m.group(1)
        if key == "P":
            person = self.people[self.next_person % len(self.people)]
            self.next_person += 1
            return self._person(person)
        if key == "P_NAME":
            self.mentioned.add(self.people[0].name)
            return self.people[0].name
        if key == "O":
            org = self.orgs[self.next_org % len(self.orgs)]
            self.next_org += 1
            return self._org(org)
        if key == "O_NAME":
            return self.orgs[0].acronym or self.orgs[0].name
        if key in ("C", "D"):
            return self.country.name if key == "C" else self.country.dem
        if key in ("C2", "D2", "C3"):
            other = self.others[self.next_other % len(self.others)]
            self.next_other += 1
            return other.dem if key == "D2" else other.name
        if key == "CITY":
            return self.city
        if key == "CITY2":
            cities = [c for c in self.country.cities if c != self.city] or list(self.country.cities)
            return rng.choice(cities)
        if key == "DAY":
            return WEEKDAYS[self.day.weekday()]
        if key == "N":
            return str(rng.randint(2, 40))
        if key == "N2":
            return str(rng.randint(38, 48))
        if key == "NN":
            return f"{rng.randint(100, 90_000):,}"
        if key == "PCT":
            return f"{rng.uniform(0.2, 12):.1f}%" if rng.random() < 0.6 else f"{rng.uniform(0.2, 12):.1f} percent"
        if key == "MONEY":
            unit = rng.choice(("million", "billion"))
            amount = f"{rng.uniform(1, 900 if unit == 'million' else 40):.1f}"
            return f"${amount} {unit}" if rng.random() < 0.7 else f"{amount} {unit} euros"
        if key == "YEAR":
            return str(rng.randint(1995, self.day.year - 1))
        if key == "YEAR2":
            return str(self.day.year + 1)
        if key == "MONTH":
            return rng.choice(MONTHS)
        if key == "ORD":
            return rng.choice(ORDINALS)
        if key == "SCORE":
            a = rng.randint(1, 4)
            return f"{a}-{rng.randint(0, a - 1)}"
        if key == "MAG":
            return f"{rng.uniform(4.8, 7.6):.1f}"
        raise KeyError(key)

    def _person(self, person: Person) -> str:
        if person.name in self.mentioned:
            return person.surname
        self.mentioned.add(person.name)
        role = _TOKEN.sub(self._slot, person.role)
        return f"{role} {person.name}" if person.form == "pre" else f"{person.name}, {role},"

    def _org(self, org: Org) -> str:
        the = "the " if org.article else ""
        if org.name in self.mentioned:
            if org.acronym:
                return org.acronym if org.acronym in WORD_ACRONYMS else the + org.acronym
            return the + org.name
        self.mentioned.add(org.name)
        return f"{the}{org.name} ({org.acronym})" if org.acronym else the + org.name

    def quote(self, text: str) -> str:
        person = self.people[self.next_person % len(self.people)]
        if person.name not in self.mentioned and person.form == "app" and self.rng.random() < 0.5:
            self.next_person += 1
            self.mentioned.add(person.name)
            return f'"{text}," said {person.name}, {_TOKEN.sub(self._slot, person.role)}.'
        return f'"{text}," {self.fill("<P>", capitalize=False)} {self.rng.choice(phrases.SAY)}.'


def _dateline(rng: random.Random, convention: str, agency: str | None, city: str, country: Country,
              other_city: str, day: date) -> tuple[str, str | None, str]:  # fmt: skip
    """(dateline text, agency, place as written) for one convention; always with the year."""
    caps, d, y, mo = city.upper(), day.day, day.year, day.month - 1
    if convention == "reuters":
        return f"{caps}, {REUTERS_MONTHS[mo]} {d}, {y} (Reuters) -", agency, city
    if convention == "ap":
        return f"{caps}, {AP_MONTHS[mo]} {d}, {y} (AP) —", agency, city
    if convention == "ap_state":
        place, state = rng.choice(US_STATE_CITIES)
        return f"{place.upper()}, {state}, {AP_MONTHS[mo]} {d}, {y} (AP) —", agency, place
    if convention == "ap_country":
        return f"{caps}, {country.bare}, {AP_MONTHS[mo]} {d}, {y} (AP) —", agency, city
    if convention in ("afp_title", "title_other"):
        agency = agency or rng.choice(("EFE", "ANSA", "Anadolu"))
        when = f"{d} {MONTHS[mo]} {y}" if rng.random() < 0.5 else f"{MONTHS[mo]} {d}, {y}"
        return f"{city}, {when} ({agency}) -", agency, city
    if convention == "dpa":
        return f"{caps}, {d} {MONTHS[mo]} {y} (dpa) -", agency, city
    if convention == "xinhua":
        return f"{caps}, {REUTERS_MONTHS[mo]} {d}, {y} (Xinhua) --", agency, city
    if convention == "webdesk":
        return f"{caps}, {MONTHS[mo]} {d}, {y} (Web Desk):", agency, city
    if convention == "webdesk_multi":
        return f"{caps} / {other_city.upper()}, {MONTHS[mo]} {d}, {y} (Web Desk):", agency, city
    if convention == "staff_colon":
        return f"{caps}, {d} {MONTHS[mo]}, {y}:", agency, city
    if convention == "plain_dash":
        return f"{caps}, {REUTERS_MONTHS[mo]} {d}, {y} -", agency, city
    if convention == "iso_line":
        return f"{caps} {day.isoformat()}", agency, city
    if convention == "upi_caps_month":
        return f"{caps}, {MONTHS[mo].upper()} {d}, {y} (UPI) -", agency, city
    raise KeyError(convention)


def _title_case_place(place: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}", place))


def _pick_topic(rng: random.Random, pools: Pools) -> str:
    return pools.topics[bisect.bisect_left(pools.topic_cum, rng.random() * pools.topic_cum[-1])]


def _base_item(i: int, seed: int, extra_day: date | None = None) -> tuple[dict, list[str], _Story]:
    """The facts and paragraphs of item ``i`` (before layout)."""
    pools = build_pools(seed)
    rng = random.Random(f"item:{seed}:{i}")
    day = extra_day or FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    topic = _pick_topic(rng, pools)
    topic2 = _pick_topic(rng, pools) if rng.random() < 0.35 else None
    topic2 = None if topic2 == topic else topic2
    country = pools.countries.pick(rng)
    names = list(CONVENTIONS)
    convention = rng.choices(names, [CONVENTIONS[c][0] for c in names])[0]
    city = country.cities[0] if rng.random() < 0.7 else rng.choice(country.cities)
    if convention in ("afp_title", "title_other") and not _title_case_place(city):
        convention = "reuters"
    if convention == "ap_country" and (country.code == "US" or not _title_case_place(country.bare)):
        convention = "ap"
    if convention == "ap_state":
        country = pools.by_code["US"]
    story = _Story(rng, pools, day, topic, country, city)
    other_city = story.others[0].cities[0]
    dateline, agency, place = _dateline(rng, convention, CONVENTIONS[convention][1], city, country, other_city, day)
    if convention == "ap_state":
        story.city = place
    bank = phrases.TOPICS[topic]
    headline = story.fill(rng.choice(bank["headlines"]))
    story.next_person = story.next_other = 0  # the lead introduces people the headline named
    story.mentioned.discard(story.people[0].name)
    lead = story.fill(rng.choice(bank["leads"]))
    target = int(rng.triangular(150, 600, 300))
    topical = rng.sample(bank["body"], len(bank["body"]))
    if topic2:
        topical += rng.sample(phrases.TOPICS[topic2]["body"], 3)
    generic = rng.sample(phrases.GENERIC, len(phrases.GENERIC))
    quotes = rng.sample(bank["quotes"], len(bank["quotes"])) + rng.sample(phrases.QUOTES, len(phrases.QUOTES))
    paragraphs = [lead]
    words = len(dateline.split()) + len(lead.split())
    while words < target and (topical or generic or quotes):
        sentences = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            r = rng.random()
            if r < 0.45 and topical:
                sentences.append(story.fill(topical.pop()))
            elif r < 0.65 and quotes:
                sentences.append(story.quote(quotes.pop()))
            elif generic:
                sentences.append(story.fill(generic.pop()))
        if sentences:
            paragraphs.append(" ".join(sentences))
            words += sum(len(s.split()) for s in sentences)
    facts = {
        "index": i,
        "date": day.isoformat(),
        "convention": convention,
        "agency": agency,
        "dateline": dateline,
        "place": place,
        "country": country.code,
        "countries": [country.code, *(c.code for c in story.others)],
        "people": [p.name for p in story.people if p.name in story.mentioned],
        "organizations": [o.name for o in story.orgs if o.name in story.mentioned],
        "topic": phrases.TOPICS[topic]["code"],
        "topic2": phrases.TOPICS[topic2]["code"] if topic2 else None,
        "headline": headline,
        "update_of": None,
    }
    return facts, paragraphs, story


def make_item(i: int, seed: int = DEFAULT_SEED, n_base: int | None = None) -> Item:
    """Item ``i``; with ``n_base`` (the archive size) items ``i >= n_base`` are new stories dated
    after the archive's last day, as a freshly dropped file would be."""
    rng = random.Random(f"layout:{seed}:{i}")
    extra_day = LAST_DAY + timedelta(days=1 + (i - n_base)) if n_base is not None and i >= n_base else None
    update_of = None
    if extra_day is None and i >= 10 and rng.random() < UPDATE_SHARE:
        update_of = i - rng.randint(1, 9)
        facts, paragraphs, story = _base_item(update_of, seed)
        facts = {**facts, "index": i, "update_of": update_of}
        at = rng.randint(1, max(1, len(paragraphs) - 1))
        paragraphs = [*paragraphs[:at], story.fill(rng.choice(phrases.GENERIC)), *paragraphs[at:]]
        paragraphs[-1] = story.quote(rng.choice(phrases.QUOTES))
        facts["headline"] = rng.choice(("UPDATE 1-", "UPDATE 2-", "REFILE-")) + facts["headline"]
    else:
        facts, paragraphs, story = _base_item(i, seed, extra_day)
    convention, dateline = facts["convention"], facts["dateline"]
    lines: list[str] = [facts["headline"]]
    byline = None
    if convention in ("ap", "ap_state", "ap_country", "afp_title", "webdesk") and rng.random() < 0.2:
        byline = f"By {rng.choice(phrases.FIRST_NAMES)} {rng.choice(phrases.LAST_NAMES)}"
        byline += ", Associated Press" if convention.startswith("ap") else ""
        lines.append(byline)
    teaser = convention.startswith("webdesk") and rng.random() < 0.4
    if teaser:
        words = paragraphs[0].split()
        lines.append(f"{dateline} " + " ".join(words[: max(8, len(words) * 2 // 3)]).rstrip(",.;") + "…")
    body = [f"{dateline} {paragraphs[0]}"] if convention != "iso_line" else [dateline, paragraphs[0]]
    body += paragraphs[1:]
    signoff = None
    if convention == "reuters" and rng.random() < 0.6:
        a, b, c = (f"{rng.choice(phrases.FIRST_NAMES)} {rng.choice(phrases.LAST_NAMES)}" for _ in range(3))
        signoff = (
            f"(Reporting by {a}"
            + (f"; Additional reporting by {b}" if rng.random() < 0.3 else "")
            + f"; Editing by {c})"
        )
    elif convention == "afp_title" and rng.random() < 0.5:
        signoff = (
            "("
            + "".join(rng.choices("abcdefghjklmnprst", k=2))
            + "/"
            + "".join(rng.choices("abcdefghjklmnprst", k=3))
            + ")"
        )
    if signoff:
        body.append(signoff)
    style = rng.random()
    if style < 0.05 and convention != "iso_line":  # hard-wrapped agency copy
        wrapped = [textwrap.fill(p, 68, break_on_hyphens=False) if p != signoff else p for p in body]
        text = "\n".join(lines) + "\n\n" + "\n\n".join(wrapped)
        layout = "wrapped"
    elif style < 0.22:  # one paragraph a line, no blank lines (as Web Desk and some feeds send it)
        text = "\n".join([*lines, *body])
        layout = "lines"
    else:
        text = "\n\n".join(["\n".join(lines), *body])
        layout = "blank"
    text += "\n"
    facts.update(byline=byline, teaser=teaser, signoff=signoff, layout=layout)
    facts["words"] = len(text.split())
    encoding = "utf-8"
    r = rng.random()
    if r < 0.03:
        text = text.replace("\n", "\r\n")
        facts["layout"] += "+crlf"
    elif r < 0.05:
        encoding = "utf-8-sig"
    elif r < 0.07:
        try:
            text.encode("cp1252")
            encoding = "cp1252"
        except UnicodeEncodeError:
            pass
    facts["encoding"] = encoding
    agency = (facts["agency"] or "wire").lower().replace(" ", "")
    name = f"{facts['date'].replace('-', '')}-{agency}-{i:06d}.txt"
    facts["name"] = name
    return Item(name, text.encode(encoding), facts)


# --- the corpus on disk ----------------------------------------------------------------------


def generator_version() -> str:
    digest = hashlib.sha256()
    for path in (HERE / "corpus.py", HERE / "phrases.py"):
        digest.update(path.read_bytes())
    for name in ("countries.tsv", "gazetteer.tsv"):
        digest.update(_data_file(name).read_bytes())
    return digest.hexdigest()[:16]


def _data_file(name: str) -> Path:
    return (CORE_DATA if name == "countries.tsv" else DATA) / name


def corpus_stats(facts: list[dict]) -> dict:
    """Distributions of what the generator put in (not what the extractor finds)."""
    people = Counter(p for f in facts for p in f["people"])
    countries = Counter(c for f in facts for c in f["countries"])
    orgs = Counter(o for f in facts for o in f["organizations"])
    once = sum(1 for c in people.values() if c == 1)
    return {
        "items": len(facts),
        "words_raw": sum(f["words"] for f in facts),
        "words_min": min((f["words"] for f in facts), default=0),
        "words_max": max((f["words"] for f in facts), default=0),
        "first_date": min((f["date"] for f in facts), default=None),
        "last_date": max((f["date"] for f in facts), default=None),
        "conventions": dict(sorted(Counter(f["convention"] for f in facts).items())),
        "topics": dict(sorted(Counter(f["topic"] for f in facts).items())),
        "updates": sum(1 for f in facts if f["update_of"] is not None),
        "distinct_countries": len(countries),
        "distinct_people": len(people),
        "people_mentioned_once": once,
        "top_person_share": round(people.most_common(1)[0][1] / len(facts), 4) if people else 0,
        "top_country_share": round(countries.most_common(1)[0][1] / len(facts), 4) if countries else 0,
        "distinct_organizations": len(orgs),
        "dateline_places": len({f["place"] for f in facts}),
    }


def write_corpus(root: Path, n: int, seed: int = DEFAULT_SEED, extra: int = 10, log=print) -> dict:
    """``root/wire/*.txt`` (N items), ``root/extra/*.txt`` (new stories for the incremental step)
    and ``root/corpus.json``; an existing corpus of the same N, seed and generator is reused."""
    manifest_path = root / "corpus.json"
    version = generator_version()
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text())
        except (OSError, ValueError):
            manifest = {}
        if (
            manifest.get("version") == version
            and manifest.get("seed") == seed
            and manifest.get("n") == n
            and manifest.get("extra", 0) >= extra
            and len(list((root / "wire").glob("*.txt"))) == n
            and len(list((root / "extra").glob("*.txt"))) == manifest.get("extra")
        ):
            log(f"corpus: reusing {n} items in {root / 'wire'}")
            return manifest
    for sub in ("wire", "extra"):
        folder = root / sub
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.txt"):
            old.unlink()
    facts = []
    for i in range(n + extra):
        item = make_item(i, seed, n_base=n)
        folder = root / ("wire" if i < n else "extra")
        (folder / item.name).write_bytes(item.data)
        if i < n:
            facts.append(item.facts)
    manifest = {"version": version, "seed": seed, "n": n, "extra": extra, **corpus_stats(facts)}
    manifest["words_story"] = story_words(root / "wire")
    tmp = manifest_path.with_suffix(".part")
    tmp.write_text(json.dumps(manifest, indent=1) + "\n")
    os.replace(tmp, manifest_path)
    log(f"corpus: wrote {n} items (+{extra} extra) to {root}")
    return manifest


def story_words(folder: Path) -> int:
    """Words the extractor reads (headline + body, as ``make extract`` counts them)."""
    from wire_ingest.parse import parse_bytes

    return sum(len(parse_bytes(p.read_bytes()).text.split()) for p in sorted(folder.glob("*.txt")))
