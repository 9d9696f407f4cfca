"""Country and place look-up: the generated surface table (data/gazetteer.tsv) matched with an
Aho-Corasick automaton, so a whole article is scanned in one pass whatever the table's size.

Matching is on a lower-cased copy of the text (same length, so offsets hold) and each hit is
then checked against the original: it must sit on word boundaries and be written as the table
writes it, or in capitals inside an all-capitals line such as a headline or dateline.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick
from wire_core.vocabularies import COUNTRIES, read_countries

DATA = Path(__file__).parent / "data"
KIND_RANK = {"alias": 0, "country": 0, "historic": 1, "demonym": 2, "metonym": 3, "capital": 4, "region": 5, "city": 6}
NO_COUNTRY = "other"  # kind of a phrase that names no country: "Latin America", "Indian Ocean"


@dataclass(frozen=True)
class Entry:
    surface: str
    kind: str  # country, demonym, capital, city, region, historic, metonym, alias, other
    code: str  # ISO 3166-1 alpha-2 of the country
    place: str  # canonical name: the country's name, or the city's/region's
    population: int = 0

    @property
    def is_country_name(self) -> bool:
        return self.kind in ("country", "alias", "historic", "demonym", "metonym")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]  # candidates, best first


@dataclass(frozen=True)
class Gazetteer:
    entries: dict  # lower-cased surface -> tuple[Entry, ...]
    countries: dict  # code -> (name, continent, region)
    automaton: object
    neighbours: dict = field(default_factory=dict)  # code -> frozenset of the codes it borders

    def country_name(self, code: str) -> str:
        return self.countries.get(code, (code,))[0]

    def lookup(self, surface: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries.get(_lower(surface), ()) if e.kind != NO_COUNTRY)

    def find(self, text: str) -> list[Hit]:
        """Every gazetteer surface in ``text``, longest match first, no overlaps.

        A longer surface that fails the checks does not hide a shorter one inside it: "the
        Netherlands" is not "The Netherlands", but "Netherlands" still counts. A phrase that
        names no country ("Latin America") is matched only to hide the name inside it.
        """
        lowered = _lower(text)
        hits: list[Hit] = []
        for end_index, key in self.automaton.iter_long(lowered):
            start = end_index - len(key) + 1
            accepted = self._accept(text, start, end_index + 1, key, hits)
            if not accepted and end_index - start > 2:
                # look again inside the refused match for shorter surfaces
                self._rescan(text, lowered, start, end_index + 1, hits)
        return hits

    def _accept(self, text: str, start: int, end: int, key: str, hits: list[Hit]) -> bool:
        """Add the hit when it sits on word boundaries and is written as the table writes it."""
        if not _on_boundaries(text, start, end):
            return False
        written = text[start:end]
        entries = tuple(e for e in self.entries[key] if _case_fits(written, e.surface, text, start, end))
        if not entries:
            return False
        countries = tuple(e for e in entries if e.kind != NO_COUNTRY)
        if countries:
            hits.append(Hit(start, end, written, countries))
        return True

    def _rescan(self, text: str, lowered: str, start: int, end: int, hits: list[Hit]) -> None:
        inner = sorted(
            (e - len(k) + 1, -len(k), k)
            for e, k in self.automaton.iter(lowered, start + 1, end)
            if e - len(k) + 1 > start
        )
        cursor = start
        for begin, negative_length, key in inner:
            if begin >= cursor and self._accept(text, begin, begin - negative_length, key, hits):
                cursor = begin - negative_length


def load_gazetteer(data_dir: Path = DATA, pins: dict | None = None, countries_path: Path = COUNTRIES) -> Gazetteer:
    """Load the tables (``gazetteer.tsv`` in ``data_dir``, the shared country table); ``pins``
    (place → ISO code, from the editors' overrides) win over them."""
    rows = read_countries(countries_path)
    countries = {code: (row.name, row.continent, row.region) for code, row in rows.items()}
    neighbours = {code: row.neighbours for code, row in rows.items()}
    grouped: dict[str, list[Entry]] = {}
    with open(data_dir / "gazetteer.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            entry = Entry(row["surface"], row["kind"], row["code"], row["place"], int(row["population"] or 0))
            grouped.setdefault(_lower(entry.surface), []).append(entry)
    for surface, code in (pins or {}).items():
        grouped[_lower(surface)] = [Entry(surface, "city", code, surface, 1 << 40)]
    automaton = ahocorasick.Automaton()
    entries: dict[str, tuple[Entry, ...]] = {}
    for key, group in grouped.items():
        group.sort(key=lambda e: (KIND_RANK.get(e.kind, 9), -e.population, e.code))
        entries[key] = tuple(group)
        automaton.add_word(key, key)
    automaton.make_automaton()
    return Gazetteer(entries=entries, countries=countries, automaton=automaton, neighbours=neighbours)


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _on_boundaries(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or (before in "_-@#" and start > 1 and text[start - 2].isalnum()):
        return False
    if after.isalnum():
        return False
    # "Turkey-based" is fine; "Guinea-Bissau" was matched whole if it is in the table
    return not (after in "’'" and end + 1 < len(text) and text[end + 1].isalpha() and text[end + 1] not in "sS")


def _case_fits(written: str, surface: str, text: str, start: int, end: int) -> bool:
    if written == surface:
        return True
    if written.isupper() and len(surface) > 2:
        # capitals are only trusted in an all-capitals stretch (headline, dateline)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        letters = [c for c in line if c.isalpha()]
        return sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    # "Cote d'Ivoire" vs "Cote D'Ivoire", "Sao Paulo" vs "São Paulo" are in the table; accept
    # title-case differences only for multi-word surfaces whose words all start upper-case
    return " " in surface and written.title() == surface.title() and written[0].isupper()
