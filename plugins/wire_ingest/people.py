"""People: canonical full names from the model's PERSON spans, repaired with the text's own evidence.

The small model is good at spotting that *something* is a name and poor at its edges and its
label, so its spans are only a starting point:

* every span is re-cut on the "name runs" of the text (capitalised words, initials, and the
  particles between them: "Javier Perez de Cuellar", "Ahmedou Ould Abdallah", "Rami al-Saadani"),
  which repairs names split at hyphens or particles and cut short at either end; titles
  ("Defense Minister"), demonyms, possessives, trailing scores and "Jr" are stripped, and a span
  that covers two names ("X and Y") gives two;
* a name run the model missed or called an organisation becomes a person only on evidence of
  the same story: its surname was tagged as a person, a role word stands before it
  ("spokesman Glyn Davies"), a country in brackets follows it ("Anna Berg (Sweden)"), or it sits
  in a list line (a line-up, a results table) whose other names the model did tag;
* surname-only and given-name-only mentions fold into the full name of the same story; a lone
  surname with no full name tagged is completed from the text when the full name is there;
* names that the story also uses as an organisation, a place or a common word (county teams,
  "Attendance:", a company's name) are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .lineups import find_results
from .nlp import Span
from .organizations import find_acronyms
from .records import PersonTag

EXTRA_TITLES = {
    "defense", "defence", "interior", "finance", "foreign", "economy", "trade", "energy", "health",
    "education", "justice", "home", "prime", "deputy", "acting", "former", "minister", "secretary",
    "president", "vice", "chancellor", "premier", "governor", "senator", "sen", "rep", "gen",
    "general", "colonel", "col", "lt", "captain", "capt", "commander", "chairman", "chairwoman",
    "chair", "chief", "executive", "ceo", "spokesman", "spokeswoman", "spokesperson", "coach",
    "manager", "striker", "midfielder", "defender", "goalkeeper", "skipper", "judge",
    "attorney", "prosecutor", "mr", "mrs", "ms", "miss", "dr", "prof", "professor",
    "sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "sheikh", "emir", "pope",
    "cardinal", "archbishop", "bishop", "rev", "father", "imam", "mullah", "ayatollah", "sheik",
    "ambassador", "envoy", "mayor", "leader", "opposition", "labour", "party", "treasury",
    "agriculture", "commerce", "transport", "labor", "information", "state", "army", "police",
    "officer", "inspector", "superintendent", "analyst", "economist", "director", "official",
    "president-elect", "mp", "mep", "congressman", "congresswoman", "speaker", "batter", "batsman",
    "bowler", "all-rounder", "wicketkeeper", "keeper", "winger", "forward", "fullback", "full-back",
    "scrum-half", "fly-half", "flanker", "centre", "pitcher", "catcher", "outfielder", "infielder",
    "quarterback", "jockey", "trainer", "driver", "rider", "champion", "substitute", "veteran",
    "teammate", "team-mate", "sprinter", "runner", "swimmer", "golfer", "spinner", "off-spinner",
    "paceman", "seamer", "opener", "broker", "trader", "dealer", "adviser", "advisor", "aide",
    "lawmaker", "legislator", "deputies", "candidate", "nominee", "challenger", "incumbent", "ex",
    "co-premier", "co-premiers", "premiers", "ministers", "presidents", "dictator", "strongman",
    "warlord", "rebel", "chieftain", "patriarch", "rabbi", "pastor", "monk", "brigadier", "major",
    "sergeant", "sgt", "lieutenant", "admiral", "marshal", "field", "cpl", "pte", "supt", "insp",
    "det", "gov", "hon", "mme", "mlle", "herr", "frau", "senor", "senora", "signor", "dom", "affairs",
    "relations", "security", "development", "planning", "industry", "environment", "culture",
    "tourism", "sports", "youth", "communications", "telecommunications", "housing", "works", "crown",
}  # fmt: skip
# the person nouns among the titles: what a name in apposition is ("X, leader of ...")
ROLE_NOUNS = EXTRA_TITLES - {
    "defense", "defence", "interior", "finance", "foreign", "economy", "trade", "energy", "health", "education",
    "justice", "home", "prime", "acting", "former", "opposition", "labour", "party", "treasury", "agriculture",
    "commerce", "transport", "labor", "information", "state", "army", "police", "affairs", "relations", "security",
    "development", "planning", "industry", "environment", "culture", "tourism", "sports", "youth", "communications",
    "telecommunications", "housing", "works", "crown", "vice", "deputy", "field", "ex", "senior", "centre", "forward",
    "major", "general", "chief", "executive", "veteran", "champion", "substitute",
} | {
    "founder", "head", "economist", "analyst", "professor", "lawyer", "author", "writer", "actor", "actress", "singer",
}  # fmt: skip
PERSON_TITLES = ROLE_NOUNS | {
    "general", "major", "marshal", "admiral", "colonel", "lieutenant", "captain", "sergeant", "brigadier",
    "commander", "prince", "princess", "king", "queen", "emir", "sheikh", "sheik", "ayatollah", "imam", "cardinal",
    "bishop", "pope", "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "gen", "lt", "col", "capt", "maj",
    "sgt", "brig", "cpl", "rev", "prof", "chief", "chancellor", "premier", "president", "minister", "secretary",
}  # fmt: skip
# a lower-case noun right before a name that makes it a company, a club or a party: "drone maker Baykar"
ORG_NOUNS = {
    "maker", "makers", "manufacturer", "company", "firm", "group", "giant", "carmaker", "automaker",
    "retailer", "lender", "bank", "insurer", "airline", "carrier", "operator", "brand", "label",
    "studio", "studios", "broadcaster", "publisher", "conglomerate", "startup", "start-up", "supplier", "distributor",
    "chain", "newspaper", "daily", "magazine", "utility", "miner", "refiner", "subsidiary", "unit", "outfit",
    "club", "clubs", "party", "parties", "league", "platform", "app", "network", "brokerage",
}  # fmt: skip
# a lower-case noun right before a name that makes it a work, a band, an animal or a vessel:
# "the film Vera Drake", "boy band McFly", "the tanker Halvard Spirit"
THING_NOUNS = {
    "film", "films", "movie", "novel", "album", "musical", "opera", "sitcom", "documentary", "biopic",
    "band", "character", "horse", "colt", "filly", "ship", "tanker", "vessel", "yacht",
    "freighter", "ferry", "storm", "hurricane", "typhoon", "cyclone", "app", "brand", "drug",
}  # fmt: skip
# a lower-case noun right after a name that makes it a weapon, a product or a listed company (not
# "film", "album" or "award": those follow people too, "the Kevin Spacey film"; a place named
# after a person is the place: "Madrid's Reina Sofía museum")
PRODUCT_NOUNS = {
    "missile", "missiles", "drone", "drones", "tank", "tanks", "jet", "jets", "rifle", "rifles", "system", "systems",
    "launcher", "launchers", "fighter", "fighters", "aircraft", "helicopter", "helicopters", "warship", "warships",
    "submarine", "submarines", "rocket", "rockets", "phone", "phones", "smartphone", "smartphones", "car", "cars",
    "vehicle", "vehicles", "brand", "shares", "stock", "stake", "museum", "gallery", "stadium", "arena", "airport",
}  # fmt: skip
# words that make a capitalised run an organisation, a team or a place, not a person
ORG_WORDS = {
    "inc", "corp", "corporation", "co", "cos", "ltd", "limited", "plc", "llc", "lp", "ag", "sa", "nv", "bv",
    "gmbh", "spa", "ab", "oy", "bhd", "tbk", "pt", "kk", "group", "holding", "holdings", "bank",
    "bancorp", "bancshares", "party", "ministry", "council", "university", "college", "school",
    "academy", "club", "fc", "afc", "cf", "sc", "ac", "united", "city", "town", "county", "rovers",
    "rangers", "wanderers", "athletic", "athletico", "atletico", "deportivo", "sporting", "dynamo",
    "dinamo", "olympique", "olympiakos", "real", "racing", "association", "committee", "agency",
    "institute", "foundation", "company", "fund", "funds", "union", "league", "board", "court",
    "house", "office", "department", "commission", "airlines", "airways", "airport", "motors",
    "motor", "securities", "trust", "industries", "industrial", "international",
    "systems", "technologies", "technology", "communications", "telecom", "electric", "electronics",
    "energy", "petroleum", "oil", "gas", "mining", "mines", "minerals", "resources", "steel",
    "chemical", "chemicals", "pharmaceutical", "pharmaceuticals", "financial", "finance",
    "insurance", "capital", "investment", "investments", "partners", "associates", "enterprises",
    "services", "products", "foods", "stores", "brewing", "breweries", "tobacco", "realty",
    "properties", "shipping", "lines", "television", "tv", "radio", "press", "times", "post",
    "journal", "herald", "tribune", "gazette", "daily", "news", "zeitung", "network", "networks",
    "cement", "stadium", "arena", "park", "street", "road", "avenue", "square", "bridge", "river",
    "lake", "mountains", "island", "islands", "valley", "prison", "jail", "hospital", "palace",
    "hotel", "station", "church", "mosque", "temple", "cathedral", "museum", "musée", "museo",
    "gallery", "observatory", "laboratory", "forces", "army", "navy", "front",
    "movement", "alliance", "federation", "confederation", "congress", "parliament", "assembly",
    "senate", "cabinet", "government", "authority", "exchange", "market", "markets", "index",
    "cup", "open", "championship", "championships", "games", "trophy", "prix", "tour", "series",
    "homes", "brothers", "bros", "mutual", "savings", "credit", "loan", "trading", "act", "acts",
    "charter", "treaty", "accord", "amendment", "convention", "consultants", "pharma", "banque", "banco",
    "banca", "cie", "cia", "national", "commercial", "pictures", "studios", "films", "entertainment", "media",
    "records", "publishing", "energia", "energie", "énergie", "groupe", "gruppo", "grupo", "brands",
    "automotive", "aerospace", "logistics", "labs", "ventures", "therapeutics", "biotech", "utilities",
}  # fmt: skip
# capitalised words that start sentences and headings but never names
FUNCTION_WORDS = {
    "the", "a", "an", "but", "and", "or", "so", "yet", "in", "on", "at", "by", "for", "from", "with",
    "without", "after", "before", "during", "since", "until", "when", "while", "where", "whether", "if",
    "although", "though", "as", "because", "despite", "under", "over", "between", "among", "against",
    "into", "through", "of", "to", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its",
    "their", "our", "my", "your", "this", "that", "these", "those", "there", "here", "then", "now",
    "also", "however", "meanwhile", "still", "even", "only", "all", "both", "each", "every", "some",
    "many", "most", "several", "other", "another", "such", "no", "not", "nor", "neither", "either",
    "what", "which", "who", "whom", "whose", "why", "how", "is", "was", "are", "were", "be", "been",
    "has", "have", "had", "do", "does", "did", "can", "could", "would", "should", "shall", "might",
    "must", "including", "according", "like", "unlike", "about", "around", "above", "below", "near",
    "yesterday", "today", "tomorrow", "tonight", "last", "next", "earlier", "later", "thanks",
    "sources", "source", "note", "notes", "attendance", "scorer", "scorers", "scorer(s)", "winner",
    "winners", "loser", "extras", "total", "totals", "result", "results", "referee", "squad", "teams",
    "team", "venue", "standings", "fixtures", "bowling", "batting", "fall", "innings", "halftime",
    "half-time", "round", "pool", "final", "finals", "semifinal", "semifinals", "quarterfinal",
    "men's", "women's", "add", "latest", "update", "breaking", "exclusive", "analysis", "comment",
    "interview", "profile", "obituary", "factbox", "wrapup", "preview", "report", "reports",
    "dear", "hello", "please", "thank", "reuters", "reuter", "ap", "afp", "upi", "xinhua", "tass",
    "god", "allah", "instead", "indeed", "overall", "elsewhere", "separately", "besides", "otherwise",
    "nevertheless", "nonetheless", "therefore", "thus", "hence", "moreover", "furthermore", "again",
    "already", "always", "never", "once", "perhaps", "maybe", "just", "yes", "asked", "told", "said",
}  # fmt: skip
CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
DOTTED_ORGS = {"u.n.", "e.c.", "e.u.", "n.a.", "u.a.w.", "o.a.s."}
QUOTES = {'"', "“", "”", "‘", "'", "`"}
SUFFIXES = {"jr", "sr", "jnr", "snr"}  # part of the name: a son is not his father ("Robert F. Kennedy Jr.")
# honorifics that belong to a customary name: "Mullah Omar", "Sheikh Hasina", "Sheikh Mujibur Rahman".
# Kept when one name word follows; "sheikh" also before a longer name without an Arabic nasab
# (the Gulf style "Sheikh Tamim bin Hamad Al Thani" uses it as a title and loses it).
CUSTOMARY = {"sheikh", "sheik", "shaikh", "mullah", "mulla", "maulana", "mawlana"}
NASAB = {"bin", "ibn", "bint", "al", "el", "ben", "ould", "abu"}
# abbreviated titles written in capitals before a name: "PM Modi", "CM Yogi" are not initials
ABBREVIATED_TITLES = {
    "pm", "cm", "fm", "hm", "mp", "mla", "mna", "mpa", "ceo", "cfo", "coo", "cto", "md", "dg", "gm", "vp",
    "svp", "evp", "ig", "dig", "ssp", "dsp", "aig", "sho", "dc", "gov", "sen", "rep", "dj", "mc", "gp", "msp", "mep",
}  # fmt: skip
SURNAME_TITLES = {
    "king", "bishop", "major", "marshal", "judge", "mayor", "lord", "prince", "baron", "dean", "knight",
    "chancellor", "speaker", "sheriff", "pope", "cardinal", "rector", "abbot", "prior", "page", "parsons",
    "chambers", "father", "rider", "driver", "runner", "trainer", "forward", "centre", "general", "field",
}  # fmt: skip
NAME_LIKE = {"jan", "mar", "jun", "may", "june", "april", "august", "will", "said"}  # given names too
HYPHEN_SUFFIXES = {
    "based", "born", "listed", "owned", "led", "backed", "run", "made", "style", "era", "bound", "controlled",
    "dominated", "speaking", "registered", "funded", "sponsored", "linked", "related", "type", "class",
    "level", "wide", "like", "held", "bred", "trained", "raised", "educated", "american", "british",
}  # fmt: skip
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{0,3})$")
PARTICLES = {
    "de", "da", "del", "della", "der", "den", "di", "do", "dos", "das", "du", "la", "le", "van", "von",
    "bin", "ibn", "al", "el", "ul", "ud", "ould", "y", "zu", "ter", "ten", "abu", "bint", "ben", "e",
}  # fmt: skip

# Names are written in every script's capitals (Şahin, İnce, Łukasiewicz, Đorđević, Ørsted): the
# patterns use Unicode properties, never [A-Z]; str.isupper()/islower() are Unicode-aware too.
_UP = r"\p{Lu}\p{Lt}"
_INITIAL = rf"[{_UP}]\.(?:-?[{_UP}]\.)*"
_WORD = rf"(?:[{_UP}]|(?:al|el|ul|ad|ud|bin|abu|ibn|d|l)['’\-](?=[{_UP}]))[\w'’]*(?:-[\w'’]+)*"
_TOKEN = rf"(?:{_INITIAL}|{_WORD})"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
_RUN = regex.compile(rf"(?<![\w'’.])(?<![\p{{L}}'’]-){_TOKEN}(?:[ ](?:{_PARTICLE}[ ])*{_TOKEN})*")
_INITIAL_RE = regex.compile(rf"^{_INITIAL}$")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_LOWER_WORD = regex.compile(r"(?<![\w'’\-])\p{Ll}[\p{Ll}\-]+")
_BRACKET_AFTER = re.compile(r"\s?\(([^()\d\n]{2,40})\)")
_ASIAN_GIVEN = regex.compile(r"^\p{Lu}\p{Ll}+-\p{Ll}+$")  # "Kim In-so", "Li Song-ho"
_ADVERB = re.compile(r"(?:ous|al|ive|ent|ant|ate|ed|ing|ful|less|ar|ic|ib|ab|ss)ly$")
_AMOUNT_AFTER = re.compile(r"[ ]+[$£€]?\d[\d,]*[.,]\d")
_LIST_GAP = re.compile(r"\s*(?:,|;|&|and|,\s*and)\s*")
_DASH_GAP = re.compile(r"\s+[-–—]\s+|:\s*")
_TEAM_AFTER = regex.compile(r"[ ]+\d+(?:-\d+)?(?:[ ]+(?:and|for)[ ]+\d|[ ]+\(|[ ]+\d+[ ]+\d|[ ]+\p{Lu})")
_SCORE_AROUND = re.compile(r"\d+[ ]+$")
_MINUTE_AFTER = re.compile(r"[ ]?\(?\d{1,3}(?:st|nd|rd|th)\b")  # "Cosmin Contra (31st)", "Robert Pires 46th"
_WORD_RE = re.compile(r"[\w\-]+")
_NUMBER_AFTER = re.compile(r"[ ]+\d")
_LABEL_AFTER = re.compile(r"\s*:")
_NEXT_WORDS = regex.compile(r"[ ]+(\p{Ll}[\p{Ll}\-]*)(?:[ ]+(\p{Ll}+))?")
_APPOSITION = regex.compile(r",[ ]((?:\p{Ll}[\p{Ll}\-]*[ ]?){1,4})")
_COUNT_BEFORE = regex.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|several|many|more|few)[ ]$"
)
# undotted initials before a surname: "JB Pritzker", "KL Rahul"
_CAPS_BEFORE = regex.compile(r"(?<![\w.'’\-])([\p{Lu}]{2})[ ]$")
_PREV_WORD = re.compile(r"([\w\-’']+)[ ]+$")

LIST_SHARE = 0.15  # share of a list line's names the model must have tagged for the rest to count

# kinds of token inside a run
OK, TITLE, FUNC, ORG, BAD, PART, INIT, SUF = range(8)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    return frozenset(set(CONSTANTS.titles) | EXTRA_TITLES)


@lru_cache(maxsize=65536)
def _kind(token: str) -> int:
    low = token.lower().rstrip(".")
    if low in PARTICLES and token[0].islower():
        return PART
    if _INITIAL_RE.match(token):
        return INIT
    if any(c.isdigit() for c in token) or "_" in token:
        return BAD
    base = _POSSESSIVE.sub("", low)
    if base in ORG_WORDS:
        return ORG
    letters = [c for c in _POSSESSIVE.sub("", token) if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return BAD  # an acronym or a word of an all-capitals heading
    if "-" in low:
        parts = low.split("-")
        if parts[-1] in HYPHEN_SUFFIXES:
            return BAD  # "Bergamo-based", "Kong-listed"
        if len(parts[-1]) > 5 and parts[-1].endswith(("ed", "ing")) and token.rsplit("-", 1)[-1].islower():
            return BAD  # an adjective: "Oscar-winning", "Kremlin-backed" (not "Ka-shing", "Eui-sun")
        if parts[0] == "ex" or any(p in EXTRA_TITLES for p in parts):
            return TITLE  # "Major-General", "ex-Yankee"
    if low in SUFFIXES:
        return SUF
    if low in FUNCTION_WORDS or low in CALENDAR or base in CALENDAR:
        return FUNC
    if low in title_words():
        return TITLE
    return OK


def _customary(honorific: str, rest: list[str]) -> bool:
    """Whether a customary honorific stays with the name words that follow it."""
    name: list[str] = []
    for word in rest:
        kind = _kind(word)
        if kind not in (OK, PART, INIT, TITLE):  # "Zaid bin Sultan": a title word can be a name word too
            break
        name.append(word)
    words = [w for w in name if _kind(w) != PART]
    if len(words) == 1:
        return True
    sheikh = honorific.lower().startswith(("sheik", "shaik"))
    return sheikh and len(words) > 1 and not any(w.lower().split("-")[0] in NASAB for w in name)


def _caps_initials(token: str) -> bool:
    """Shaped like undotted initials ("JB", "KL"); whether they are is for the story to say."""
    return len(token) == 2 and token.isalpha() and token.isupper() and token.lower() not in ABBREVIATED_TITLES


@dataclass
class _Segment:
    """A stretch of a run that may be a person's name: ``tokens`` with their offsets."""

    start: int
    end: int
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    org: bool = False  # an organisation word follows inside the run ("Lakeshore Axle Corp")
    after_title: bool = False  # a title or role word stood before it in the run

    @property
    def name(self) -> str:
        return " ".join(self.tokens)


def _segments(run: str, offset: int, after: str = "") -> list[_Segment]:
    """Cut a capitalised run into name candidates at titles, function words, organisation words,
    acronyms, numbers and possessives."""
    out: list[_Segment] = []
    cur: list[tuple[int, int, str]] = []
    titled = False
    in_org = False  # after "Bank", "Corp", "Deportivo": the rest of the run is the organisation's

    def close(org: bool = False) -> None:
        nonlocal cur, titled
        while cur and _kind(cur[-1][2]) == PART:
            cur.pop()
        if cur:
            toks = tuple(t for _, _, t in cur)
            spans = tuple((s, e) for s, e, _ in cur)
            out.append(_Segment(cur[0][0], cur[-1][1], toks, spans, org or in_org, titled))
        cur = []
        titled = False

    pos = 0
    words = run.split(" ")
    for i, word in enumerate(words):
        start = offset + pos
        pos += len(word) + 1
        kind = _kind(word)
        if kind == PART:
            if cur:
                cur.append((start, start + len(word), word))
            continue
        if kind == TITLE and word.lower() in CUSTOMARY and _customary(word, words[i + 1 :]):
            kind = OK  # "Mullah Omar", "Sheikh Hasina"
        if kind == SUF:
            if cur and not (len(cur) == 1 and _kind(cur[0][2]) == INIT):
                # one spelling per suffix, "Jr." and "Sr." (a page for "Jr" and one for "Jr." would split a person)
                dot = 1 if i == len(words) - 1 and after[:1] == "." else 0
                cur.append((start, start + len(word) + dot, word if word.lower() in ("jnr", "snr") else word + "."))
            close()
            continue
        if kind == TITLE:
            nxt = words[i + 1] if i + 1 < len(words) else None
            core = word.lower() in EXTRA_TITLES or "-" in word
            if nxt is None and core and word.lower() not in SURNAME_TITLES and (after[:1] == "." or len(word) > 4):
                close()
                continue  # "Marine Cpl.", "... Minister"; but "Hun Sen"
            if not cur or (core and nxt is not None and (_kind(nxt) in (OK, INIT, TITLE) or _caps_initials(nxt))):
                close()
                titled, in_org = True, False
                continue  # "Defense Minister Khawaja Asif"; a trailing one is a name: "Nick Knight"
        low = word.lower()
        if i == 0 and kind == OK and len(low) >= 7 and _ADVERB.search(low):
            kind = FUNC  # "Previously", "Separately"
        if kind == FUNC:
            dated = low in CALENDAR and after[:2].strip()[:1].isdigit()
            if cur and i == len(words) - 1 and low not in SUFFIXES and not dated:
                kind = OK  # a run's last word: "Peter Such", "Theresa May"
            elif low in NAME_LIKE and i + 1 < len(words) and _kind(words[i + 1]) == OK:
                kind = OK  # "Jan Kroslak"
        if kind == INIT and cur and i == len(words) - 1 and low.replace(".", "") in ORG_WORDS:
            kind = ORG  # "Arcalex B.V."
        if kind == BAD and cur and _ROMAN.match(word):
            kind = OK  # "Leopold III"
        if kind in (FUNC, BAD):
            close()
            continue
        if kind == ORG:
            close(org=True)
            in_org = True
            continue
        possessive = _POSSESSIVE.search(word) if len(word) > 3 and kind != INIT else None
        if possessive:
            word = word[:-1] if word.endswith(("s'", "s’")) else word[: possessive.start()]
        cur.append((start, start + len(word), word))
        if possessive:
            close()
            in_org = False  # "Entertainment Weekly's Dave Karger": a new name starts after the possessive
    close()
    return [s for s in out if any(_kind(t) not in (INIT, PART) for t in s.tokens)]


@dataclass
class _Doc:
    text: str
    spans: tuple[Span, ...]
    is_place: Callable[[str], bool]
    runs: list[tuple[int, int]] = field(default_factory=list)
    segs: dict[int, list[_Segment]] = field(default_factory=dict)
    other: list[tuple[int, int]] = field(default_factory=list)
    places: dict[str, bool] = field(default_factory=dict)
    lower: set[str] | None = None
    others: set[str] | None = None

    def __post_init__(self) -> None:
        self.runs = [(m.start(), m.end()) for m in _RUN.finditer(self.text)]
        self.run_starts = [s for s, _ in self.runs]
        self.other = sorted(
            (s.start, s.end) for s in self.spans if s.label != "PERSON" and not _INITIAL_RE.match(s.text)
        )
        self.other_starts = [s for s, _ in self.other]
        # spans that are surely not people: nationalities, and organisations with an organisation word
        self.firm = sorted(
            (s.start, s.end)
            for s in self.spans
            if s.label == "NORP" or (s.label == "ORG" and any(_kind(w) == ORG for w in s.text.split()))
        )
        self.firm_starts = [s for s, _ in self.firm]

    def place(self, name: str) -> bool:
        if name not in self.places:
            self.places[name] = self.is_place(name)
        return self.places[name]

    def lower_words(self) -> set[str]:
        if self.lower is None:
            self.lower = set(_LOWER_WORD.findall(self.text))
        return self.lower

    def segments_of(self, i: int) -> list[_Segment]:
        if i not in self.segs:
            s, e = self.runs[i]
            segs = _segments(self.text[s:e], s, self.text[e : e + 3])
            self.segs[i] = [self._with_initials(seg, s) for seg in segs]
        return self.segs[i]

    def _with_initials(self, seg: _Segment, run_start: int) -> _Segment:
        """ "JB Pritzker", "KL Rahul": capitals before a name are its initials when the story never
        writes them without that name (an acronym stands alone somewhere: "PCB said")."""
        if seg.start - run_start < 3 or _kind(seg.tokens[0]) != OK:
            return seg
        m = _CAPS_BEFORE.search(self.text, seg.start - 4, seg.start)
        if m is None or not _caps_initials(m.group(1)):
            return seg
        caps = m.group(1)
        if caps.lower() in ORG_WORDS or _ROMAN.match(caps) or self.place(caps):
            return seg
        if self.in_other(m.start(1), m.end(1)) and not self.in_other(seg.start, seg.end):
            return seg
        follower = " " + seg.tokens[0]
        if any(not self.text.startswith(follower, i + len(caps)) for i in self.find(caps)):
            return seg
        return _Segment(
            m.start(1), seg.end, (caps, *seg.tokens), ((m.start(1), m.end(1)), *seg.spans), seg.org, seg.after_title
        )

    def runs_overlapping(self, start: int, end: int) -> range:
        lo = max(bisect_right(self.run_starts, start) - 1, 0)
        hi = bisect_left(self.run_starts, end)
        return range(lo, hi)

    def in_other(self, start: int, end: int) -> bool:
        i = bisect_right(self.other_starts, start) - 1
        other = self.other
        return any(0 <= j < len(other) and other[j][0] < end and other[j][1] > start for j in (i, i + 1))

    def in_firm(self, start: int, end: int) -> bool:
        i = bisect_right(self.firm_starts, start) - 1
        firm = self.firm
        return any(0 <= j < len(firm) and firm[j][0] < end and firm[j][1] > start for j in (i, i + 1))

    def find(self, name: str) -> list[int]:
        """Where ``name`` is written as whole words (not inside a longer or hyphenated word)."""
        text, n, out = self.text, len(name), []
        i = text.find(name)
        while i != -1:
            before = text[i - 1] if i else " "
            after = text[i + n] if i + n < len(text) else " "
            if not (before.isalnum() or before in "_-" or after.isalnum() or after in "_-"):
                out.append(i)
            i = text.find(name, i + 1)
        return out

    def other_words(self) -> set[str]:
        if self.others is None:
            self.others = {w.lower() for s in self.spans if s.label != "PERSON" for w in _WORD_RE.findall(s.text)}
        return self.others

    def all_segments(self, min_tokens: int = 1):
        text = self.text
        for i, (start, end) in enumerate(self.runs):
            if min_tokens == 1 or " " in text[start:end]:
                yield from self.segments_of(i)


def canonical_name(text: str) -> str | None:
    """The person's name in a span of text, titles and possessives stripped; None if there is none."""
    text = " ".join(text.split())
    segs = [s for m in _RUN.finditer(text) for s in _segments(m.group(), m.start(), text[m.end() : m.end() + 3])]
    segs = [s for s in segs if not s.org]
    if len(segs) != 1:
        return None
    return segs[0].name


def extract_people(
    text: str,
    spans: tuple[Span, ...],
    is_place: Callable[[str], bool],
    headline_end: int,
    lead_end: int,
) -> tuple[PersonTag, ...]:
    """Fold PERSON spans into people with mention counts and a salience in 0..1."""
    doc = _Doc(text, spans, is_place)
    found: dict[int, _Segment] = {}  # by start offset
    titled: set[str] = set()
    model_names: Counter = Counter()
    for span in spans:
        if span.label != "PERSON":
            continue
        numeric = any(c.isdigit() for c in span.text)
        for seg in _person_segments(doc, span):
            if seg.org or not _plausible(doc, seg):
                continue
            if numeric and (len(seg.tokens) == 1 or _AMOUNT_AFTER.match(doc.text, seg.end)):
                continue  # a table row: "Revs 7,075,000", "Corea 163,304"
            found.setdefault(seg.start, seg)
            model_names[seg.name] += 1
            if seg.after_title:
                titled.add(seg.name)
    results = find_results(text)
    for player in results.players:
        seg = _player_segment(doc, player.start, player.end)
        if seg is not None and not any(s.start < seg.end and s.end > seg.start for s in found.values()):
            found[seg.start] = seg
            titled.add(seg.name)  # a scorer in a results list: "Pedro 14" is a person, one word or not
    _add_from_runs(doc, found, model_names)
    teams = {t.name for t in results.teams}
    things: dict[str, bool] = {}
    for seg in found.values():
        if seg.name not in things:
            things[seg.name] = seg.name in teams or (
                seg.name not in titled and is_a_thing(text, doc.find(seg.name), seg.name)
            )
    mentions = sorted((s.start, s.name) for s in found.values() if not things[s.name])
    mentions = _resolve_singles(doc, mentions, titled)
    mentions = [(s, n) for s, n in mentions if not _used_as_other(doc, n, model_names[n])]
    if mentions and "(" in text:
        # "Tehrik-i-Taliban" of "Tehrik-i-Taliban Pakistan (TTP)" is an organisation
        longs = [a.long for a in find_acronyms(text)]
        mentions = [(s, n) for s, n in mentions if not any(lf == n or lf.startswith(n + " ") for lf in longs)]
    return _rank(doc, mentions, headline_end, lead_end)


def _person_segments(doc: _Doc, span: Span) -> list[_Segment]:
    """The name segments a PERSON span covers, extended to the whole name around it."""
    out: list[_Segment] = []
    lower = doc.lower_words()

    def joinable(t: str, k: int) -> bool:
        if doc.in_other(*seg.spans[k]):
            return False
        return _kind(t) == PART or (t.lower() not in lower and not doc.place(t))

    for i in doc.runs_overlapping(span.start, span.end):
        for seg in doc.segments_of(i):
            if seg.start >= span.end or seg.end <= span.start:
                continue
            inside = [k for k, (s, e) in enumerate(seg.spans) if s < span.end and e > span.start]
            if not inside:
                continue
            # an extension may not take words the model gave to another entity ("Ericsson Per ...")
            # only across particles: "Ahmedou Ould Bechir", "Zain ul Abideen Malik"
            lo, hi = inside[0], inside[-1]
            toks = seg.tokens
            while lo > 0 and (_particle_like(toks[lo]) or _kind(toks[lo - 1]) == PART):
                if not joinable(toks[lo - 1], lo - 1):
                    break
                lo -= 1
            if any(_kind(t) == PART for t in toks[hi + 1 :]):
                while hi < len(toks) - 1 and joinable(toks[hi + 1], hi + 1):
                    hi += 1
            while hi < len(toks) - 1 and _particle_like(toks[hi]) and _kind(toks[hi + 1]) in (OK, PART):
                hi += 1  # a name never ends in a particle: "Ursula von der [Leyen]", "Marine Le [Pen]"
            while lo > 0 and toks[lo - 1].lower() in CUSTOMARY:
                lo -= 1  # the segment kept a customary honorific: "[Sheikh] Hasina"
            while hi < len(toks) - 1 and _extends_right(doc, toks[hi + 1], seg.spans[hi + 1]):
                hi += 1  # "Elizabeth I", "Kim In-so", two PERSON spans of one name
            if lo > 0 or hi < len(seg.tokens) - 1:
                seg = _Segment(
                    seg.spans[lo][0],
                    seg.spans[hi][1],
                    seg.tokens[lo : hi + 1],
                    seg.spans[lo : hi + 1],
                    seg.org,
                    seg.after_title and lo == 0,
                )
            if len(seg.tokens) == 1 and seg.start > span.start and _kind(span.text.split(" ")[0]) == FUNC:
                continue  # "My Turn", "The Ashes": the model took a title of a work for a name
            out.append(seg)
    if len(out) > 1:
        # "X and Y" gives two people, "Sri Lanka - X" the last; "Yorkshire at Headingley" none
        gaps = [doc.text[a.end : b.start] for a, b in zip(out, out[1:], strict=False)]
        if all(_LIST_GAP.fullmatch(g) for g in gaps):
            return out
        return out[-1:] if _DASH_GAP.fullmatch(gaps[-1]) else []
    return out


def _player_segment(doc: _Doc, start: int, end: int) -> _Segment | None:
    """The name of a results list's item as a segment, if it can be a person's name."""
    for i in doc.runs_overlapping(start, end):
        for seg in doc.segments_of(i):
            if seg.start <= start and seg.end >= end and not seg.org:
                if doc.place(seg.name) or not _plausible(doc, seg):
                    return None
                if len(seg.tokens) == 1 and seg.name.lower() in doc.lower_words():
                    return None
                return seg
    return None


def _extends_right(doc: _Doc, token: str, where: tuple[int, int]) -> bool:
    if _ROMAN.match(token) or _ASIAN_GIVEN.match(token) or _kind(token) == SUF:
        return True
    return any(s.label == "PERSON" and s.start <= where[0] < s.end for s in doc.spans)


def _particle_like(token: str) -> bool:
    return token.lower() in PARTICLES or token.lower().split("-")[0] in PARTICLES


def _plausible(doc: _Doc, seg: _Segment) -> bool:
    tokens = seg.tokens
    if len(tokens) > 5 or all(_kind(t) in (INIT, PART) for t in tokens):
        return False
    if doc.place(seg.name) or (len(tokens) <= 2 and all(_kind(t) == OK and doc.place(t) for t in tokens)):
        return False
    if any(_kind(t) == INIT and len(t) > 2 and (doc.place(t) or t.lower() in DOTTED_ORGS) for t in tokens):
        return False  # "U.S. Dlrs"
    if _kind(tokens[-1]) == INIT:
        return False  # "Carl C." of "Carl C. Icahn-led"
    return not tokens[0][0].islower() or "-" in tokens[0] or "'" in tokens[0] or "’" in tokens[0]


def _name_shaped(doc: _Doc, seg: _Segment) -> int:
    """How much a run the model did not call a person looks like a name: 0 not at all, 1 only with
    strong evidence (its last word is also a place: "Lindsay Davenport", "Red Star Belgrade"), 2."""
    tokens = seg.tokens
    if seg.org or not 2 <= len(tokens) <= 5 or not _plausible(doc, seg) or _kind(tokens[-1]) not in (OK, TITLE, SUF):
        return 0
    lower = doc.lower_words()
    last = len(tokens) - 1
    level = 2
    for k, t in enumerate(tokens):
        kind = _kind(t)
        if kind == TITLE and (k < last or t.lower() in EXTRA_TITLES):
            return 0
        if kind == OK and t.lower() in lower:
            return 0
        if kind == OK and doc.place(t):
            if 0 < k < last:
                return 0
            level = 1  # "Lindsay Davenport", "Red Star Belgrade"; a given name that is a town: "Borna Coric"
    return level


def _add_from_runs(doc: _Doc, found: dict[int, _Segment], model_names: Counter) -> None:
    """Names the model missed or mislabelled, taken only on evidence from the same story."""
    candidates: list[_Segment] = []
    lines: dict[int, list[bool]] = {}
    text = doc.text
    found_spans = sorted((s.start, s.end) for s in found.values())
    found_starts = [s for s, _ in found_spans]
    for seg in doc.all_segments(min_tokens=2):
        if seg.start in found:
            if len(seg.tokens) >= 2:
                lines.setdefault(text.rfind("\n", 0, seg.start), []).append(True)
            continue
        shape = _name_shaped(doc, seg)
        if not shape or doc.in_firm(seg.start, seg.end) or _quoted(text, seg):
            continue
        i = bisect_right(found_starts, seg.start) - 1
        tagged = any(
            0 <= j < len(found_spans) and found_spans[j][0] < seg.end and found_spans[j][1] > seg.start
            for j in (i, i + 1)
        )
        if shape == 2 or doc.place(seg.tokens[-1]):  # a town-named given name ("Borna") does not vote
            lines.setdefault(text.rfind("\n", 0, seg.start), []).append(tagged)
        if not tagged:
            candidates.append((seg, shape))
    list_lines = {line for line in lines if _list_line(text, line)}
    for seg, shape in candidates:
        line = text.rfind("\n", 0, seg.start)
        votes = lines.get(line, [])
        in_list = line in list_lines
        strong = (
            seg.name in model_names
            or (_ends_with_person(seg, model_names) and not _sentence_start(text, seg.start))
            or _country_follows(doc, seg.end)
            or _role_before(text, seg.start)
            or _role_after(text, seg.end)
            or (seg.after_title and _person_title_before(text, seg.start))
            or bool(_MINUTE_AFTER.match(text, seg.end))
        )
        weak = (in_list and sum(votes) >= 2 and sum(votes) >= LIST_SHARE * len(votes)) or (
            _kind(seg.tokens[0]) == INIT
            and not doc.in_other(seg.start, seg.end)
            and text[max(0, seg.start - 4) : seg.start].lower() != "the "
        )
        given_place = shape == 1 and not doc.place(seg.tokens[-1])  # "Lucas Torreira" in a line-up
        full_list = in_list and sum(votes) >= 2 and sum(votes) >= 0.5 * len(votes)
        if strong or (weak and shape == 2) or (given_place and full_list):
            found[seg.start] = seg


def _ends_with_person(seg: _Segment, model_names: Counter) -> bool:
    """The model tagged the surname alone as a person elsewhere: "Vipheak", "Ould Brahim"."""
    name = seg.name
    return seg.tokens[-1] in model_names or any(" " in n and name.endswith(" " + n) for n in model_names)


def _quoted(text: str, seg: _Segment) -> bool:
    """A title of a work or a nickname: "Viva Zapata", Roberto "Hands of Stone" Duran."""
    return text[seg.start - 1 : seg.start] in QUOTES or text[seg.end : seg.end + 1] in QUOTES


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" ")
    return not before or before[-1] in '.!?\n"“:'


def _country_follows(doc: _Doc, end: int) -> bool:
    m = _BRACKET_AFTER.match(doc.text, end)
    return bool(m) and doc.place(m.group(1).strip())


def _person_title_before(text: str, start: int) -> bool:
    """A person's title or rank right before the name ("Field Marshal Asim Munir"), not a word
    that also opens an organisation's name ("Federal Aviation Administration")."""
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    return bool(m) and m.group(1).lower().rstrip(".") in PERSON_TITLES


def _role_after(text: str, end: int) -> bool:
    """Apposition: "Alberto Ruiz, leader of ...", "Zofia Lis, a defence analyst at ..."."""
    m = _APPOSITION.match(text, end)
    if not m:
        return False
    words = m.group(1).split()
    if any(w in _SAYING for w in words):
        return False  # "... in North America, a spokesman said"
    if m.end() < len(text) and text[m.end()].isupper():
        words = words[:-1]  # "X, spokesman Jay Cooper said": the role is the next name's
    return any(w in ROLE_NOUNS for w in words)


def _role_before(text: str, start: int) -> bool:
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    return bool(m) and m.group(1)[0].islower() and (m.group(1) in EXTRA_TITLES or m.group(1) in ROLE_NOUNS)


def _list_line(text: str, line: int) -> bool:
    end = text.find("\n", line + 1)
    words = text[line + 1 : end if end != -1 else len(text)].split()
    lower = sum(1 for w in words if len(w) > 3 and w.isalpha() and w.islower())
    return len(words) >= 4 and lower <= 0.25 * len(words)


def _resolve_singles(doc: _Doc, mentions: list[tuple[int, str]], titled: set[str]) -> list[tuple[int, str]]:
    """Fold one-word mentions into the full name of the story, complete them from the text, or drop
    those the story uses as something else."""
    names = {n for _, n in mentions if " " in n}
    longer: dict[str, str] = {}
    for n in names:
        hosts = [
            m
            for m in names
            if m != n and (m.endswith(" " + n) or (m.startswith(n + " ") and _surname(m) != _surname(n)))
        ]  # but "Walter Brisco" is not "Walter Brisco Jr."
        if hosts:
            top = max(hosts, key=len)
            if all(h in top for h in hosts):
                longer[n] = top  # "Ould Bechir" is "Ahmedou Ould Bechir", "Van Poppel" "Todd Van Poppel"
    mentions = [(s, longer.get(n, n)) for s, n in mentions]
    full = [(s, n) for s, n in mentions if " " in n]
    out: list[tuple[int, str]] = []
    completions: dict[str, str | None] = {}
    for start, name in mentions:
        if " " in name:
            words = name.split(" ")
            if len(words) == 2 and words[0].lower() in CUSTOMARY:
                # "Sheikh Ali" after "Ali al-Khalifa al-Sabah": the same man
                host = _fold_single(words[1], start, [(s, n) for s, n in full if n != name])
                if host is not None and host.startswith(words[1] + " "):
                    name = host
            out.append((start, name))
            continue
        host = _fold_single(name, start, full)
        if host is None:
            if name not in completions:
                completions[name] = _complete(doc, name)
            host = completions[name]
        if host is not None:
            out.append((start, host))
        elif name in titled or not _not_a_person(doc, name, start):
            out.append((start, name))
    return out


def _complete(doc: _Doc, surname: str) -> str | None:
    """The full name "Given Surname" written somewhere in the story, if exactly one."""
    names = set()
    for start in doc.find(surname):
        end = start + len(surname)
        for i in doc.runs_overlapping(start, end):
            for seg in doc.segments_of(i):
                if seg.end == end and len(seg.tokens) >= 2 and not seg.org and _plausible(doc, seg):
                    first = seg.spans[0]
                    given = seg.tokens[0]
                    if doc.in_other(*first) or _kind(given) == TITLE:
                        continue
                    if given.lower() not in doc.lower_words():
                        names.add(seg.name)
    return names.pop() if len(names) == 1 else None


_SHARES_MOVE = {
    "rose", "fell", "jumped", "slid", "gained", "dropped", "climbed", "slumped", "surged", "tumbled", "were", "are",
    "have", "closed", "ended", "traded", "edged", "slipped", "soared", "plunged", "sank", "added", "lost",
}  # fmt: skip


def _WORD_BOUNDARY(word: str):
    return regex.compile(rf"(?<!\w){regex.escape(word)}(?!\w)")


def title_or_function_word(word: str) -> bool:
    """ "Defence" of "Defence chief", "The": not a word of an organisation's own name."""
    return _kind(word) in (TITLE, FUNC, BAD, SUF) or word.lower() in ROLE_NOUNS


def is_title_or_function_word(word: str) -> bool:
    """ "Saturday", "The", "Minister": a capitalised word that is no name by itself (an acronym is)."""
    return _kind(word) in (TITLE, FUNC)


def is_function_word(word: str) -> bool:
    """ "The", "However", "Tuesday": a capitalised word that opens a sentence, never a name's."""
    return _kind(word) == FUNC


def has_org_word(name: str) -> bool:
    """ "Searchlight Pictures", "Galp Energia": a word of the name makes it an organisation's."""
    return any(_kind(w) == ORG for w in name.split(" ")[1:])


def org_noun_before(text: str, start: int) -> bool:
    """ "drone maker Baykar", "the lender Halcon": a company's or a club's noun stands before the name."""
    return _noun_before(text, start, ORG_NOUNS)


def _noun_before(text: str, start: int, nouns: set[str]) -> bool:
    before = _PREV_WORD.search(text, max(0, start - 30), start)
    return bool(before) and before.group(1) in nouns


_LISTED = {"shares", "stock", "stake"}
_SAYING = {"said", "says", "told", "added", "reported", "announced", "declined", "did", "would", "will"}


def _plural(name: str) -> bool:
    """ "Dems", "Tories", "Greens": a plural; "Charles", "Jones", "Bass" are names."""
    return name.endswith("s") and not name.endswith(("es", "is", "us", "ss", "as", "os"))


def is_a_thing(text: str, starts: list[int], name: str, companies: bool = True) -> bool:
    """What the words around a name say it is, wherever the story writes it: a company or club after
    its noun ("drone maker Baykar"), a weapon or product before its noun ("Javelin missiles",
    "Searchlight shares rose"), a count noun ("seven Oscars"), a plural group ("the Lib Dems")."""
    if not starts:
        return False
    counted = plural_group = 0
    for start in starts:
        end = start + len(name)
        if companies and (org_noun_before(text, start) or _noun_before(text, start, THING_NOUNS)):
            return True
        if text.startswith(", which ", end):
            return True  # "Halvard, which makes ...": a thing
        after = _NEXT_WORDS.match(text, end)
        noun = after.group(1) if after else ""
        if noun in _LISTED and not companies:
            pass  # an organisation's shares, stock or stake: still an organisation
        elif noun in PRODUCT_NOUNS and (noun != "shares" or (after.group(2) or "") in _SHARES_MOVE):
            return True
        if name.endswith("s") and _COUNT_BEFORE.search(text, max(0, start - 12), start):
            counted += 1  # "seven Oscars"; but "number seven Guillermo Coria"
        if _plural(name) and text[max(0, start - 4) : start].lower() == "the ":
            plural_group += 1  # but "the Clintons" when the story names a Clinton: a family
    if plural_group == len(starts) and _WORD_BOUNDARY(name[:-1]).search(text):
        plural_group = 0
    return counted == len(starts) or plural_group == len(starts)


def _not_a_person(doc: _Doc, name: str, start: int) -> bool:
    """A one-word PERSON span that the story shows to be something else."""
    low = name.lower()
    if low in doc.lower_words() or low.endswith("shire") or _LABEL_AFTER.match(doc.text, start + len(name)):
        return True
    text = doc.text
    if _in_org_run(doc, name):
        return True
    places = doc.find(name)
    if places and all(_sentence_start(text, s) for s in places):
        return True  # only ever a capitalised sentence opener: "Turnout was high", "Rainfall eased"
    for start in places:
        end = start + len(name)
        if _TEAM_AFTER.match(text, end) or _AMOUNT_AFTER.match(text, end):
            return True  # "Surrey 468 (C. Lewis 80)", "Hamilton 3 1 1 1 6 1 4"
        if _SCORE_AROUND.search(text, max(0, start - 12), start) and _NUMBER_AFTER.match(text, end):
            return True  # "Livingston 1 Hamilton 0"
    return low in doc.other_words()  # the model calls it an organisation or a place elsewhere


def _in_org_run(doc: _Doc, name: str) -> bool:
    """The story writes the name as the start of an organisation's: "Getty Oil", "Ford Motor Co"."""
    for start in doc.find(name):
        end = start + len(name)
        for i in doc.runs_overlapping(start, end):
            for seg in doc.segments_of(i):
                if seg.org and seg.start == start and seg.end >= end:
                    return True
    return False


def _used_as_other(doc: _Doc, name: str, as_person: int) -> bool:
    """A multi-word name written as the start of an organisation's name, or one the model calls an
    organisation at least as often ("Lakeshore Axle")."""
    if " " not in name:
        return False
    if as_person < 2 and _in_org_run(doc, name):
        return True  # but the model's "Stan Lee", twice a person, beside "Stan Lee Media"
    if not as_person:
        return False  # taken on evidence that outweighs the model's label
    as_org = sum(1 for s in doc.spans if s.label == "ORG" and _strip_article(s.text) == name)
    return as_org > as_person


def _strip_article(text: str) -> str:
    text = " ".join(text.split())
    return text[4:] if text.startswith(("the ", "The ")) else text


def _rank(doc: _Doc, mentions: list[tuple[int, str]], headline_end: int, lead_end: int) -> tuple[PersonTag, ...]:
    counts: Counter = Counter(name for _, name in mentions)
    # the model often misses later surname-only mentions: count them in the text
    surnames = Counter(_surname(n) for n in counts if " " in n)
    for name in list(counts):
        if " " in name and surnames[_surname(name)] == 1:
            occurrences = len(doc.find(_surname(name)))
            counts[name] = max(counts[name], occurrences)
    first: dict[str, int] = {}
    for start, name in mentions:
        first.setdefault(name, start)
    score = {}
    for name, n in counts.items():
        pos = first[name]
        bonus = 2.0 if pos < headline_end else (1.0 if pos < lead_end else 0.0)
        score[name] = n + bonus
    if not score:
        return ()
    top = max(score.values())
    people = [PersonTag(name=n, mentions=counts[n], salience=round(score[n] / top, 3)) for n in score]
    people.sort(key=lambda p: (-p.salience, first[p.name], p.name))
    return tuple(people)


def _surname(name: str) -> str:
    """The family name: the last word before a generational suffix ("King" of "Martin Luther King Jr.")."""
    words = name.split(" ")
    while len(words) > 1 and (_kind(words[-1]) == SUF or _ROMAN.match(words[-1])):
        words.pop()
    return words[-1]


def _fold_single(token: str, start: int, mentions: list[tuple[int, str]]) -> str | None:
    """The full name this one-word mention stands for: the one with that surname (or given name)."""
    candidates = [(s, n) for s, n in mentions if token in n.split(" ")]
    if not candidates:
        return None
    by_surname = [(s, n) for s, n in candidates if _surname(n) == token] or candidates
    names = {n for _, n in by_surname}
    if len(names) == 1:
        return names.pop()
    before = [(s, n) for s, n in by_surname if s <= start]
    return (max(before) if before else min(by_surname))[1]
