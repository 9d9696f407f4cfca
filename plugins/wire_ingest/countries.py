"""Countries and places of a story, with a salience in 0..1.

Evidence comes from the gazetteer hits in the dateline, headline, lead and body. A surface
that can mean several places ("Georgia", "Santiago") is resolved by the other evidence of
the story, not by first match. Salience says how much the story is *about* a country:
≥ 0.5 makes it a tag, the rest are kept as "also mentioned".

How a story's countries are weighed (docs/extraction.md, "Countries"):

- the dateline: the first place is where the story happened (", Mich." and ", Ontario"
  name the state or province, which wins over a same-named city abroad);
- the headline and the lead say what the story is about, the body adds detail;
- a country name counts more than a demonym, a demonym more than a city;
- the words around a hit say whether it names a place at all: "Mr Jordan", "Taft
  Broadcasting Co", "<San Miguel Corp>" and "New Zealand dollar bonds" are a person, a
  company and a currency, and count little.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .dateline import MONTH_PATTERN
from .gazetteer import Entry, Gazetteer, Hit
from .records import CountryTag, Dateline, PlaceTag, Story


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# how much one mention of each kind says about its country
KIND_WEIGHT = {
    "country": 1.0, "alias": 1.0, "historic": 1.0, "demonym": 0.8, "metonym": 0.8,
    "capital": 0.8, "region": 0.7, "city": 0.7,
}  # fmt: skip
PLACE_KINDS = ("capital", "city", "region")
NATIONAL_KINDS = ("country", "alias", "historic", "demonym", "metonym")
# a town this small, named outside the dateline, is weak evidence on its own
SMALL_CITY = 100_000

# --- dateline qualifiers ---------------------------------------------------------------------
# ", Mich." / ", N.Y." / ", Ont.": AP-style and postal abbreviations of US states and
# Canadian provinces, written without dots and in lower case.
US_STATE_ABBREVIATIONS = _words(
    """
    ala alab ariz ark calif cal colo conn del fla ga ill ind kan kans ky la md mass mich minn
    miss mo mont neb nebr nev nh nj nm ny nc nd okla ore oreg pa penn ri sc sd tenn tex va vt
    wash wva wis wisc wyo dc
    al ak az ar ca co ct de fl hi id il in ia ks me mi mn ms mt ne nv oh ok or tn tx ut wa wv
    wi wy
    """
)
_STATE_ABBREVIATION = re.compile(r"(?:[A-Z][a-z]{0,3}\.|[A-Z]\.[A-Z]\.|W\.[ ]?Va\.)(?=[ ,;)]|$)")
CANADIAN_PROVINCE_ABBREVIATIONS = _words("ont que bc alta man sask ns nb nfld pei nwt")

# --- words around a hit ----------------------------------------------------------------------
HONORIFICS = _words("Mr Mrs Ms Miss Dr Sir Dame Lord Lady Rev Mr. Mrs. Ms. Dr. Rev.")
# a capitalised word before a place that does not make it part of a name
PLACE_MODIFIERS = _words(
    """
    North South East West Northern Southern Eastern Western Central Upper Lower Greater New
    Old Mainland Communist Nationalist Red Soviet Imperial Free Democratic Socialist Islamic
    Arab Latin Metropolitan Inner Outer Coastal Rural Federal Gulf Pacific Atlantic Baltic
    Caribbean Christian Catholic Moslem Muslim Occupied Independent Neighbouring Neighboring
    Post-war Postwar Prewar Pre-war Modern Ancient Royal Rest Downtown Suburban
    """
)
# after a place, the office or body that governs it: "Georgia Governor", "Ontario Premier"
PLACE_TITLES = _words(
    """
    Governor Gov Mayor Senator Sen Premier Minister President Attorney Secretary State
    Legislature Assembly Parliament Council Police Government Ministry Department Province
    County City Region Airport Port River Valley Harbour Harbor Municipality Metropolitan
    """
)
# "Air France", "Bank Indonesia", "TAP Air Portugal": a name, but one that speaks for the country
NATIONAL_NAME_PREFIXES = _words("Air Bank Banco Banque Radio Royal Telecom Petroleos Aerolineas")
# words that start sentences: a place after them is not part of a name
SENTENCE_WORDS = _words(
    """
    In The A An At On For From To By With Without And But Or Nor So Yet If When While Since As
    After Before During Until Unlike Like Both Only Also Even Of Outside Inside Across Against
    Between Within Throughout Among Via Including Besides Beyond Near Into Than Then Whether
    Although Though Because Where Elsewhere Meanwhile However Earlier Later Today Yesterday
    One Two Three Four Five Six Seven Eight Nine Ten Many Most Some All Several Few No Any
    Other Another Every Each Such These Those This That Its His Her Their Our Former Both
    Top Senior Leading Major
    """
)
WEEKDAYS_MONTHS = _words(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept
    Oct Nov Dec
    """
)
# company and facility words: "Taft Broadcasting Co", "France Fund Inc", "Turkey Point"
COMPANY_WORDS = _words(
    """
    corp corporation co cos company inc incorporated ltd limited plc llc lp ag sa nv bv gmbh
    spa ab group holding holdings industries industrial bancorp bancshares banking fund funds
    trust airlines airways air express telecom telephone telecommunications petroleum oil
    mines mining minerals resources electric electronics broadcasting research savings
    financial finance insurance securities capital investment investments investors partners
    associates enterprises systems technologies technology communications power gas steel
    motors motor chemical chemicals energy development stores foods brewing breweries
    tobacco realty properties shipping lines television press times post journal herald
    tribune point club packers products pacific international
    """
)
CURRENCY_WORDS = _words(
    """
    dollar dollars dlr dlrs dlr. cents yen mark marks franc francs crown crowns pound pounds
    peso pesos lira lire guilder guilders rupee rupees rand won riyal riyals rial rials dinar
    dinars shilling shillings krone kroner kronor krona escudo escudos peseta pesetas drachma
    drachmas schilling schillings currency-denominated denominated
    """
)
SPEECH_WORDS = _words("said says told added noted stated declined denied announced reported")
# an event named after the city that hosted it
EVENT_WORDS = _words(
    """
    accord accords agreement agreements pact talks summit meeting meetings conference club round
    declaration communique statement treaty protocol convention process
    """
)
_COMPANY_TAIL = re.compile(
    r"(?:[ ]+[A-Z][\w&.’'\-]*){1,2}[ ]+(?:Corp|Corporation|Inc|Ltd|Co|Plc|PLC|AG|SA|NV|BV|GmbH|SpA|Bhd|Pty|LLC)\b"
)
_ORG_OF = re.compile(r"\b(?:Bank|BANK|University|UNIVERSITY|Banco|Banque)\s+(?:of|OF|de|do|du)\s+$")
# "(PCB)" after "the Pakistan Cricket Board"
_ACRONYM = re.compile(r"\(([A-Z][A-Z&]{1,7})\)")
NAME_CONNECTORS = _words("of and for the de du des la")
ACRONYM_WEIGHT = 0.4
# why a hit counts less than a place name (see context_factor)
NAME, MAYBE_NAME, OTHER = "name", "maybe a name", "other"
_LOWER = re.compile(r"[a-zß-ÿ]")
_UPPER = re.compile(r"[A-ZÀ-Þ]")
# "in Taft", "at Cambridge": the word before puts a name on the map
LOCATIVE_WORDS = _words("in at from to near into across throughout outside inside of via within around")
WORD_MARKS = "_.’'-"
_WORD_AFTER = re.compile(r"[ ]+([\w.’'\-]+)")
# "Miami, March 13 -" / "New york, march 4 -": a title-case dateline the parser left in the lead
_LOOSE_DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z.’'\-]+(?: [A-Za-z][A-Za-z.’'\-]+){{0,3}})"
    rf"(?:, (?P<qual>[A-Z][A-Za-z.’' ]{{1,25}}?))?,? {MONTH_PATTERN}\.? \d{{1,2}}(?:, \d{{4}})?,?[ ]*"
    r"(?:Reuter[s]?)?[ ]*[-–—]+ ",
    re.IGNORECASE,
)
# salience: what the dateline (none, a further place, the first place), a headline, lead
# and body mention are worth, and the score a country needs to be a tag
DATELINE_WEIGHT = (0.0, 1.5, 3.0)
HEADLINE_WEIGHT = 2.5
LEAD_WEIGHT = 1.5
BODY_WEIGHT = 0.6
TAG_SCORE = 2.0
TAG_SHARE = 0.2
ROUNDUP_COUNTRIES = 8
ONLY_COUNTRY_SCORE = 0.4
CURRENCY_FACTOR = 0.25
# the historic state and the modern one that took over its capital
SUCCESSORS = {"SU": "RU", "YU": "RS", "CS": "CZ"}


@dataclass(frozen=True)
class Sections:
    """Where the text of a story sits, so that a hit knows whether it is in the headline or lead."""

    text: str
    headline_end: int
    lead_end: int

    def section(self, offset: int) -> str:
        if offset < self.headline_end:
            return "headline"
        return "lead" if offset < self.lead_end else "body"


@dataclass(frozen=True)
class Resolved:
    hit: Hit
    entry: Entry
    section: str
    factor: float = 1.0  # how surely the words around the hit name a place (0..1)


@dataclass
class Evidence:
    """What the story says about one country."""

    dateline: float = 0.0  # 2: first dateline place, 1: a further one
    headline: float = 0.0
    lead: float = 0.0
    body: float = 0.0
    mentions: int = 0
    names: float = 0.0  # weight of the mentions by country name or demonym
    plain: int = 0  # mentions whose words around do not doubt them (see context_factor)
    first: int = 1 << 30


def build_sections(story: Story) -> Sections:
    headline = story.headline + "\n\n"
    lead = story.paragraphs[0] if story.paragraphs else ""
    rest = "\n\n".join(story.paragraphs[1:])
    text = headline + lead + "\n\n" + rest
    return Sections(text=text, headline_end=len(headline), lead_end=len(headline) + len(lead))


# --- choosing a reading ----------------------------------------------------------------------


def resolve_hits(
    hits: list[Hit],
    dateline_codes: set[str],
    sections: Sections | None = None,
    gazetteer: Gazetteer | None = None,
    dateline: list[Entry] | None = None,
) -> list[Resolved]:
    """Choose one reading per hit, preferring countries the rest of the story supports.

    With ``sections``, each reading also gets a factor from the words around it (see
    ``context_factor``); a name seen once as a company or person ("Taft Broadcasting Co")
    is that name wherever else the story repeats it ("Taft said"), unless a preposition
    puts it on the map ("in Taft"). A small town of a country the story names nowhere
    else is more likely a namesake than news from that country.
    """
    support: Counter = Counter({code: 2.0 for code in dateline_codes})
    strong: set[str] = set(dateline_codes)
    for hit in hits:
        codes = {e.code for e in hit.entries}
        if len(codes) == 1:
            entry = hit.entries[0]
            support[entry.code] += KIND_WEIGHT.get(entry.kind, 0.5)
            if not _is_small_city(entry):
                strong.add(entry.code)
    chosen = []
    for hit in hits:
        best = max(hit.entries, key=lambda e: (support[e.code], _prior(e)))
        if support[best.code] == 0:
            best = max(hit.entries, key=_prior)
        chosen.append(best)
    if any(_state_or_country(hit) for hit in hits):
        chosen = _choose_state_or_country(hits, chosen, dateline or [], gazetteer)
    if sections is not None:
        chosen = _towns_of_states(sections.text, hits, chosen)
    if sections is None:
        return [Resolved(hit=h, entry=e, section="") for h, e in zip(hits, chosen, strict=True)]
    contexts = [context_factor(sections.text, h, e, gazetteer) for h, e in zip(hits, chosen, strict=True)]
    as_name: dict[str, float] = {}
    for hit, entry, (factor, kind) in zip(hits, chosen, contexts, strict=True):
        # "Charles Blackburn" makes every later "Blackburn" the man; "Michael Jordan" does
        # not make "Jordan" the person everywhere, a country name being far more common
        if kind == NAME or (kind == MAYBE_NAME and entry.kind not in NATIONAL_KINDS):
            key = hit.text.lower()
            as_name[key] = min(as_name.get(key, 1.0), factor)
    # a headline in capitals cannot show whether a word is part of a name: the story's
    # own mentions of it in ordinary case decide ("UNITED JERSEY BANKS" / "United Jersey Banks")
    in_prose: dict[str, float] = {}
    in_capitals = [_is_capitals_line(sections.text, *_line_of(sections.text, h.start)) for h in hits]
    for hit, (factor, _), capitals in zip(hits, contexts, in_capitals, strict=True):
        if not capitals:
            key = hit.text.lower()
            in_prose[key] = max(in_prose.get(key, 0.0), factor)
    resolved = []
    for hit, entry, (factor, kind), capitals in zip(hits, chosen, contexts, in_capitals, strict=True):
        key = hit.text.lower()
        if not kind and key in as_name and not _after_preposition(sections.text, hit.start):
            factor = min(factor, as_name[key])
        if capitals and key in in_prose:
            factor = min(factor, in_prose[key])
        if _is_small_city(entry) and entry.code not in strong:
            factor *= 0.5
        resolved.append(Resolved(hit=hit, entry=entry, section=sections.section(hit.start), factor=factor))
    return resolved


def _state_or_country(hit: Hit) -> tuple[Entry, Entry] | None:
    """The two readings of "Georgia": a state or province of one country, another country."""
    state = next((e for e in hit.entries if e.kind == "region"), None)
    country = next((e for e in hit.entries if e.kind in ("country", "alias")), None)
    return (state, country) if state and country and state.code != country.code else None


def _choose_state_or_country(
    hits: list[Hit], chosen: list[Entry], dateline: list[Entry], gazetteer: Gazetteer | None
) -> list[Entry]:
    """Read "Georgia" as the US state when the story is among US towns and states (Atlanta, Ohio,
    a dateline in Savannah), the country when it names the country's side of the map (Tbilisi,
    Georgian, Russia next door) more; with neither, the country. A capital dateline such as
    Washington or a plain "U.S." decides nothing: both readings fit them.
    """
    local: Counter = Counter()  # towns and states: "Atlanta", "Ohio"
    national: Counter = Counter()  # names, demonyms, capitals: "Georgian", "Tbilisi", "Russia"
    for entry in dateline:
        (local if entry.kind in ("city", "region") else national)[entry.code] += 1
    for hit in hits:
        if len({e.code for e in hit.entries}) == 1:
            entry = hit.entries[0]
            if entry.kind in ("city", "region"):
                local[entry.code] += 1
            elif entry.kind != "capital" or entry.code not in local:
                national[entry.code] += 1
    out = list(chosen)
    for i, hit in enumerate(hits):
        readings = _state_or_country(hit)
        if readings is None:
            continue
        state, country = readings
        near = set(gazetteer.neighbours.get(country.code, ())) if gazetteer else set()
        near |= {old for old, new in SUCCESSORS.items() if new in near}
        country_side = national[country.code] + local[country.code] + sum(national[c] for c in near)
        out[i] = state if local[state.code] > country_side else country
    return out


def _towns_of_states(text: str, hits: list[Hit], chosen: list[Entry]) -> list[Entry]:
    """Read "Lebanon, Ohio", "Paris, Texas", "Athens, Ga." as towns of the state named after them."""
    towns: dict[str, Entry] = {}
    for i, hit in enumerate(hits):
        if text[hit.end : hit.end + 2] != ", ":
            continue
        code = None
        if i + 1 < len(hits) and hits[i + 1].start == hit.end + 2 and chosen[i + 1].kind == "region":
            code = chosen[i + 1].code
        else:
            m = _STATE_ABBREVIATION.match(text, hit.end + 2)
            if m and re.sub(r"[.\s]", "", m.group(0)).lower() in US_STATE_ABBREVIATIONS:
                code = "US"
        if code and code != chosen[i].code:
            towns[hit.text.lower()] = Entry(hit.text, "city", code, hit.text, 0)
    # and the town it is the rest of the story: "the plant in Lebanon"
    return [towns.get(hit.text.lower(), entry) for hit, entry in zip(hits, chosen, strict=True)]


def _currency_before(text: str, start: int, line_start: int) -> bool:
    """Whether the hit is a currency's country in brackets: "54 mln dlrs (U.S.)"."""
    if text[start - 1 : start] != "(":
        return False
    word_start = _word_before(text, start - 1, line_start)
    return word_start >= 0 and text[word_start : start - 1].strip().lower() in CURRENCY_WORDS


def _line_of(text: str, offset: int) -> tuple[int, int]:
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end == -1 else end


def _is_small_city(entry: Entry) -> bool:
    return entry.kind == "city" and entry.population < SMALL_CITY


def _prior(entry: Entry) -> tuple:
    return (entry.is_country_name, entry.kind == "capital", entry.population)


# --- the words around a hit ------------------------------------------------------------------


def context_factor(text: str, hit: Hit, entry: Entry, gazetteer: Gazetteer | None = None) -> tuple[float, str]:
    """How surely a hit names a place (1 = surely), judged by the words around it, and why
    not: NAME (surely part of a company's or person's name), MAYBE_NAME (a capitalised
    neighbour), OTHER (a currency, an event), or "" when it does name a place."""
    line_start = text.rfind("\n", 0, hit.start) + 1
    line_end = text.find("\n", hit.end)
    line_end = len(text) if line_end == -1 else line_end
    national = entry.kind in NATIONAL_KINDS
    if _in_angle_brackets(text, hit.start, hit.end, line_start, line_end):
        return (0.5 if national else 0.1), NAME  # Reuters writes company names as <Name Corp>
    prev_start = _word_before(text, hit.start, line_start)
    after = _WORD_AFTER.match(text, hit.end, line_end)
    prev_word = text[prev_start : text.find(" ", prev_start, hit.start)] if prev_start >= 0 else ""
    next_word = after.group(1) if after else ""
    next_key = next_word.lower().rstrip(".,")
    if next_key in CURRENCY_WORDS or _currency_before(text, hit.start, line_start):
        return CURRENCY_FACTOR, OTHER  # "New Zealand dollar bonds", "U.S. dlrs"
    if (next_word[:1].isupper() and next_key in COMPANY_WORDS) or _COMPANY_TAIL.match(text, hit.end, line_end):
        # "France Fund Inc", "Taft Broadcasting", "Turkey Point", "IBM Australia Credit Ltd";
        # lower case, "New York investment firms" says where the firms are
        return (0.5 if national else 0.3), NAME
    if hit.start >= 2 and text[hit.start - 1] in "'’" and text[hit.start - 2].isalpha():
        return 0.3, NAME  # "Banca d'America", "Credit Lyonnais d'Italia": a name in another language
    located = _after_preposition(text, hit.start)  # "in Dessau-Rosslau", "at Cambridge Park"
    if (
        not national
        and not located
        and text[hit.end : hit.end + 1] == "-"
        and text[hit.end + 1 : hit.end + 2].isupper()
    ):
        # "Bristol-Myers", "Hydro-Quebec": a compound name, unless both halves are places
        tail = re.match(r"[\w.’']+", text[hit.end + 1 : line_end])
        if tail and not (gazetteer and gazetteer.lookup(tail.group(0))):
            return 0.25, NAME
    if entry.kind == "city" and next_key in SPEECH_WORDS:
        return 0.25, NAME  # "Blackburn said": a person or a company; a capital may speak for its government
    if not national and next_key in EVENT_WORDS:
        return 0.3, OTHER  # "the Paris accord", "the London talks": an event, not news from there
    if not national and _ORG_OF.search(text, max(line_start, hit.start - 20), hit.start):
        return 0.25, NAME  # "Bank of Tokyo", "University of Cambridge"
    if _is_capitals_line(text, line_start, line_end):
        # every word of a headline in capitals looks like a name: only short city hits ("MIM")
        # are doubted there, acronyms being far more common than three-letter towns
        return (0.3 if not national and len(hit.text) <= 3 else 1.0), ""
    if prev_word in HONORIFICS:
        return 0.0, NAME  # "Mr Jordan"
    if entry.kind == "demonym":
        return 1.0, ""  # "Japanese Finance Minister", "Soviet Foreign Minister": fine
    sentence_start = prev_start < 0 or _starts_sentence(text, prev_start, line_start)
    names_before = (
        prev_word[:1].isupper()
        and not prev_word.isupper()
        and prev_word not in PLACE_MODIFIERS
        and not (sentence_start and prev_word in SENTENCE_WORDS)
        and not prev_word.endswith(("'s", "’s"))
        and not prev_word.rsplit("-", 1)[-1].islower()  # "Portuguese-ruled Macao"
        and not _is_national_word(prev_word, gazetteer)
        and not (national and prev_word in NATIONAL_NAME_PREFIXES)
    )
    # "U.S. Treasury", "Japan Air Lines": after a country a capital is common and company
    # words were seen above; after a town ("Taft Broadcasting", "York Research") it is a name
    names_after = (
        not national
        and not located
        and next_word[:1].isupper()
        and not next_word.isupper()
        and next_word not in WEEKDAYS_MONTHS
        and next_word.rstrip(".,") not in PLACE_TITLES
        and text[hit.end : hit.end + 1] == " "
        and not _is_national_word(next_word, gazetteer)
    )
    if names_before or names_after:
        # "Michael Jordan", "Dudley Taft", "York Research": part of a name
        return (0.4 if national else 0.25), MAYBE_NAME
    return 1.0, ""


def _is_national_word(word: str, gazetteer: Gazetteer | None) -> bool:
    """A country name or demonym beside a place makes no name of it: "Soviet Georgia"."""
    return gazetteer is not None and any(e.kind in NATIONAL_KINDS for e in gazetteer.lookup(word.rstrip(".,")))


def _after_preposition(text: str, start: int) -> bool:
    prev_start = _word_before(text, start, 0)
    return prev_start >= 0 and text[prev_start : text.find(" ", prev_start, start)] in LOCATIVE_WORDS


def _word_before(text: str, start: int, line_start: int) -> int:
    """Where the word before ``start`` begins (spaces between), or -1 when there is none."""
    end = start
    while end > line_start and text[end - 1] == " ":
        end -= 1
    if end == start:
        return -1
    begin = end
    while begin > line_start and (text[begin - 1].isalnum() or text[begin - 1] in WORD_MARKS):
        begin -= 1
    return begin if begin < end else -1


def _in_angle_brackets(text: str, start: int, end: int, line_start: int, line_end: int) -> bool:
    opening = text.rfind("<", line_start, start)
    if opening == -1 or text.rfind(">", opening, start) != -1:
        return False
    closing = text.find(">", end, line_end)
    return closing != -1 and text.find("<", end, closing) == -1


@lru_cache(maxsize=512)
def _is_capitals_line(text: str, line_start: int, line_end: int) -> bool:
    """A headline or dateline in capitals: at least 80% of its letters upper-case (a long
    line is judged by its start)."""
    end = min(line_end, line_start + 300)
    lower = len(_LOWER.findall(text, line_start, end))
    upper = len(_UPPER.findall(text, line_start, end))
    return upper > 0 and upper >= 4 * lower


def _starts_sentence(text: str, offset: int, line_start: int) -> bool:
    """Whether the word at ``offset`` opens a sentence or a line."""
    i = offset - 1
    while i >= line_start and text[i] in " \t\"“‘'(":
        i -= 1
    return i < line_start or text[i] in ".!?:;—–-"


# --- the dateline ----------------------------------------------------------------------------


def qualifier_codes(qualifier: str | None, gazetteer: Gazetteer) -> set[str]:
    """The countries a dateline qualifier names: ", Mich." → US, ", Ontario" → CA."""
    if not qualifier:
        return set()
    key = re.sub(r"[.\s]", "", qualifier).lower()
    if key in US_STATE_ABBREVIATIONS:
        return {"US"}
    if key in CANADIAN_PROVINCE_ABBREVIATIONS:
        return {"CA"}
    if key == "pr":
        return {"PR"}
    codes = {e.code for e in gazetteer.lookup(qualifier.strip(" ,."))}
    if not codes:
        for hit in gazetteer.find(qualifier):
            codes.update(e.code for e in hit.entries)
    return codes


def story_dateline(story: Story) -> tuple[Dateline | None, int]:
    """The story's dateline, and how many characters of the lead it still takes up.

    The parser finds the agency conventions; a title-case "Miami, March 13 -" without a
    source in brackets is left in the lead, so it is looked for here too.
    """
    if story.dateline is not None:
        return story.dateline, 0
    lead = story.paragraphs[0] if story.paragraphs else ""
    m = _LOOSE_DATELINE.match(lead)
    if not m:
        return None, 0
    place = " ".join(w[:1].upper() + w[1:] for w in m.group("place").split(" "))
    return Dateline(places=(place,), qualifier=m.group("qual"), raw=m.group(0).strip()), m.end()


def dateline_entries(dateline: Dateline | None, gazetteer: Gazetteer) -> list[Entry]:
    """The dateline's places looked up one by one; a qualifier (", Mo.") narrows the choice."""
    if dateline is None:
        return []
    qualified = qualifier_codes(dateline.qualifier, gazetteer)
    found = []
    for place in dateline.places:
        candidates = gazetteer.lookup(place) or _misspelt_place(place, gazetteer)
        if qualified:
            narrowed = tuple(e for e in candidates if e.code in qualified)
            if not narrowed:
                # "LONDON, Ontario", "BIRMINGHAM, Mich.": a town of the qualifier's country
                code = sorted(qualified)[0]
                narrowed = (Entry(place, "city", code, place, 0),)
            candidates = narrowed
        if not candidates:
            continue
        found.append(max(candidates, key=lambda e: (e.kind in PLACE_KINDS or e.is_country_name, _prior(e))))
    return found


# a dateline typed in a hurry ("WASINGTON", "PHILADEPHIA"): one letter off a big city's name
TYPO_MIN_LENGTH = 6
TYPO_MIN_POPULATION = 300_000
_TYPO_INDEX: dict[int, tuple[dict, dict[str, tuple[Entry, ...]]]] = {}


def _misspelt_place(place: str, gazetteer: Gazetteer) -> tuple[Entry, ...]:
    """The big city or capital one typing slip (a letter missing, extra or wrong) away."""
    if len(place) < TYPO_MIN_LENGTH:
        return ()
    cached = _TYPO_INDEX.get(id(gazetteer.entries))
    if cached is None or cached[0] is not gazetteer.entries:
        cached = _TYPO_INDEX[id(gazetteer.entries)] = (gazetteer.entries, _typo_index(gazetteer))
    index = cached[1]
    found: dict[str, Entry] = {}
    for key in _one_letter_less(place.lower()):
        for entry in index.get(key, ()):
            if entry.surface[0].lower() == place[0].lower():
                found[entry.surface] = entry
    # a slip that fits two places is no evidence
    return tuple(found.values()) if len({e.code for e in found.values()}) == 1 else ()


def _typo_index(gazetteer: Gazetteer) -> dict[str, tuple[Entry, ...]]:
    index: dict[str, list[Entry]] = defaultdict(list)
    for group in gazetteer.entries.values():
        for entry in group:
            big = entry.kind == "capital" or (entry.kind == "city" and entry.population >= TYPO_MIN_POPULATION)
            if big and len(entry.surface) >= TYPO_MIN_LENGTH - 1:
                for key in _one_letter_less(entry.surface.lower()):
                    index[key].append(entry)
    return {key: tuple(entries) for key, entries in index.items()}


def _one_letter_less(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


# --- salience --------------------------------------------------------------------------------


def extract_countries(story: Story, gazetteer: Gazetteer) -> tuple[tuple[CountryTag, ...], tuple[PlaceTag, ...]]:
    evidence, resolved, in_dateline = country_evidence(story, gazetteer)
    places = collect_places(in_dateline, resolved, gazetteer)
    # a country seen only inside names ("Charles Blackburn", "Taft Broadcasting") is not mentioned
    evidence = {code: ev for code, ev in evidence.items() if ev.dateline or ev.plain}
    if not evidence:
        return (), places
    salience = country_salience(evidence)
    tags = [
        CountryTag(
            code=code, name=gazetteer.country_name(code), salience=round(salience[code], 3), mentions=ev.mentions
        )
        for code, ev in evidence.items()
        if salience[code] > 0
    ]
    tags.sort(key=lambda t: (-t.salience, evidence[t.code].first, t.code))
    return tuple(tags), places


def country_evidence(story: Story, gazetteer: Gazetteer) -> tuple[dict[str, Evidence], list[Resolved], list[Entry]]:
    """Per country, what the dateline, headline, lead and body say about it."""
    dateline, skip = story_dateline(story)
    in_dateline = dateline_entries(dateline, gazetteer)
    sections = build_sections(story)
    hits = [
        h for h in gazetteer.find(sections.text) if not sections.headline_end <= h.start < sections.headline_end + skip
    ]
    resolved = resolve_hits(hits, {e.code for e in in_dateline}, sections, gazetteer, in_dateline)
    evidence: dict[str, Evidence] = defaultdict(Evidence)
    for index, entry in enumerate(in_dateline):
        ev = evidence[entry.code]
        ev.dateline = max(ev.dateline, 2.0 if index == 0 else 1.0)
        ev.first = -1
    for item in resolved:
        entry = item.entry
        weight = KIND_WEIGHT.get(entry.kind, 0.5) * item.factor
        if _is_small_city(entry):
            weight *= 0.5
        if weight <= 0:
            continue
        ev = evidence[entry.code]
        setattr(ev, item.section, getattr(ev, item.section) + weight)
        ev.mentions += 1
        ev.plain += item.factor >= 0.5
        if entry.kind in NATIONAL_KINDS:
            ev.names += weight
        ev.first = min(ev.first, item.hit.start)
    for code, start, section in acronym_mentions(sections, resolved):
        ev = evidence[code]
        setattr(ev, section, getattr(ev, section) + ACRONYM_WEIGHT)
        ev.mentions += 1
        ev.plain += 1
        ev.first = min(ev.first, start)
    _merge_successors(evidence)
    return dict(evidence), resolved, in_dateline


def acronym_mentions(sections: Sections, resolved: list[Resolved]) -> list[tuple[str, int, str]]:
    """Mentions of an acronym the story spells out with a country in it.

    "the Pakistan Cricket Board (PCB)", "Saudi Arabian Monetary Agency (SAMA)": the
    headline "PCB names squad" or "SAMA deposits" is about that country as well.
    """
    text = sections.text
    defined: dict[str, tuple[str, int]] = {}
    for m in _ACRONYM.finditer(text):
        run_start = _capitalised_run_start(text, m.start())
        codes = {
            r.entry.code
            for r in resolved
            if run_start <= r.hit.start < m.start() and r.entry.kind in NATIONAL_KINDS and r.factor >= 0.5
        }
        if len(codes) == 1 and m.group(1) not in defined:
            defined[m.group(1)] = (codes.pop(), m.start())
    found = []
    for acronym, (code, where) in defined.items():
        for m in re.finditer(rf"(?<![\w<]){re.escape(acronym)}(?![\w>])", text):
            if m.start() != where + 1:
                found.append((code, m.start(), sections.section(m.start())))
    return found


def _capitalised_run_start(text: str, end: int) -> int:
    """Where the run of capitalised words ("Saudi Arabian Monetary Agency") before ``end`` starts."""
    start = end
    for _ in range(8):
        word_end = start
        while word_end > 0 and text[word_end - 1] == " ":
            word_end -= 1
        word_start = _word_before(text, start, 0)
        if word_start < 0:
            break
        word = text[word_start:word_end]
        if not (word[:1].isupper() or word in NAME_CONNECTORS):
            break
        start = word_start
    return start


def _merge_successors(evidence: dict[str, Evidence]) -> None:
    """One state, one code: "Soviet" and "Moscow" in one story are both the Soviet Union.

    Whichever of the historic state and its successor is named more takes the other's
    evidence ("the former Soviet Union" in a story about Russia stays Russia).
    """
    for old, new in SUCCESSORS.items():
        if old in evidence and new in evidence:
            keep, drop = (old, new) if evidence[old].names >= evidence[new].names else (new, old)
            a, b = evidence[keep], evidence.pop(drop)
            a.dateline = max(a.dateline, b.dateline)
            a.headline += b.headline
            a.lead += b.lead
            a.body += b.body
            a.mentions += b.mentions
            a.names += b.names
            a.plain += b.plain
            a.first = min(a.first, b.first)


def _raw_score(ev: Evidence) -> float:
    return (
        DATELINE_WEIGHT[int(ev.dateline)]
        + HEADLINE_WEIGHT * min(ev.headline, 1.0)
        + LEAD_WEIGHT * min(ev.lead, 2.0)
        + BODY_WEIGHT * min(ev.body, 6.0)
    )


def country_salience(evidence: dict[str, Evidence]) -> dict[str, float]:
    """0..1 per country; ≥ 0.5 when the story is about the country.

    It is: the dateline's first place; a country with enough evidence of its own
    (TAG_SCORE: a headline mention, or the lead and the body) that is not dwarfed by the
    main country (TAG_SHARE); or, in a round-up that names ROUNDUP_COUNTRIES countries or
    more (trade figures, crop reports, a list of creditors), each country it names. Above
    0.5 the salience grows to 1 for the best country; below, it says how near it came.
    """
    scores = {code: _raw_score(ev) for code, ev in evidence.items()}
    top = max(scores.values())
    roundup = sum(ev.names >= 1.0 for ev in evidence.values()) >= ROUNDUP_COUNTRIES
    tagged = {
        code
        for code, ev in evidence.items()
        if ev.dateline >= 2
        or (scores[code] >= TAG_SCORE and scores[code] >= TAG_SHARE * top)
        or (roundup and ev.names >= 1.0)
    }
    if not tagged and top >= ONLY_COUNTRY_SCORE:
        # a story that places itself only once, in passing ("its Melrose Park plant"), is
        # still about that country when it names no other
        tagged = {code for code, score in scores.items() if score == top}
    salience = {}
    for code, score in scores.items():
        if code in tagged:
            salience[code] = 0.5 + 0.5 * min(1.0, max(0.0, score - TAG_SCORE) / max(top - TAG_SCORE, 1e-9))
        else:
            salience[code] = 0.49 * min(1.0, score / TAG_SCORE, score / (TAG_SHARE * top))
    return salience


# --- places ----------------------------------------------------------------------------------


def collect_places(
    in_dateline: list[Entry], resolved: list[Resolved], gazetteer: Gazetteer | None = None
) -> tuple[PlaceTag, ...]:
    """The towns and regions of the story, dateline first, then by mentions; a name that the
    words around it make a company or a person ("Taft Broadcasting") is no place."""
    counts: Counter = Counter()
    codes: dict[str, str] = {}
    order: dict[str, int] = {}
    for index, entry in enumerate(in_dateline):
        if _is_place(entry, gazetteer):
            counts[entry.place] += 1
            codes[entry.place] = entry.code
            order.setdefault(entry.place, -100 + index)
    for item in resolved:
        if _is_place(item.entry, gazetteer) and item.factor >= 0.5:
            counts[item.entry.place] += 1
            codes[item.entry.place] = item.entry.code
            order.setdefault(item.entry.place, item.hit.start)
    ranked = sorted(counts, key=lambda p: (order[p] >= 0, -counts[p], order[p]))
    return tuple(PlaceTag(name=p, country=codes[p], mentions=counts[p]) for p in ranked)


def _is_place(entry: Entry, gazetteer: Gazetteer | None) -> bool:
    if entry.kind in PLACE_KINDS:
        return True
    # "Peking", "Bombay": the former name of a city is that city (listed under today's name)
    return entry.kind == "historic" and gazetteer is not None and entry.place != gazetteer.country_name(entry.code)
