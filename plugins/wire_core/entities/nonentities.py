"""Names that are never a person or an organisation, however the model labelled them.

Wire copy is full of capitalised words that name no one: the lines of an earnings table
(``Shr 1.20 dlrs vs 98 cts``, ``Net``, ``Revs``, ``Avg shrs``), time zones (``1400 GMT``),
currencies (``Dlrs``, ``Yen``, ``Stg``), brokers' calls (``Buy``, ``Outperform``), credit ratings
(``AAA``, ``Baa``) and commodity grades (``No. 2 yellow corn``, ``Hard Red Winter``), and bare
words that only point at a name written elsewhere (``United``, ``Budget``). This module knows
those classes by how finance and wire copy are written, not by lists of names.

``non_entity_reason(name)`` judges a name alone (it is also what the build-time resolver uses on
posts written before these rules); ``rating_in_context`` needs the story, because ``AAA`` is
also the name of motoring clubs.
"""

from __future__ import annotations

import re

from .institutions import generic_name
from .names import words

# the row labels of earnings and trade tables, and the units they are given in
TABLE_WORDS = words(
    "shr shrs net revs rev revenue revenues sales pct qtr qtly avg oper mln mlns bln blns dlr dlrs cts "
    "div vs nil prior year yr mth mths mos wk wks ytd loss profit earnings turnover income pay payable "
    "record note notes shr. extraordinary credit primary diluted fully nine six three twelve months "
    "weeks quarter first second third fourth 1st 2nd 3rd 4th qtr. period periods tax gain operating "
    "per share shares outstanding backlog assets deposits loans reserves"
)
# words that must be in a table name for it to be one ("Nine Months" alone is a period, not a row)
TABLE_HEADS = words("shr shrs net revs rev pct qtr qtly avg oper mln mlns bln dlr dlrs cts div ytd")
CURRENCY_WORDS = words(
    "dlr dlrs dollar dollars yen stg sterling franc francs lira lire peso pesos rupee rupees guilder guilders "
    "krona kronor krone kroner escudo escudos drachma drachmas peseta pesetas schilling schillings ecu ecus "
    "euro euros yuan renminbi rouble roubles ruble rubles riyal riyals dinar dinars shekel shekels baht ringgit "
    "rupiah naira cedi kwacha zloty forint koruna lev leu tenge hryvnia"
)
# currency words that are also people's names ("Mark", "Rand"): refused only as organisations
CURRENCY_NAMES = words("mark marks rand real reais won pound pounds")
CURRENCY_CODES = words(
    "USD EUR GBP JPY DEM FRF CHF ITL NLG BEF ESP ATS SEK NOK DKK FIM PTE GRD IEP CAD AUD NZD HKD SGD CNY "
    "INR PKR ZAR BRL MXN ARS KRW TWD THB MYR IDR PHP RUB TRY SAR AED KWD XEU XDR SDR"
)
# demonyms and country adjectives that qualify a currency ("Swiss Francs", "Canadian Dollar")
_CURRENCY_QUALIFIER = re.compile(
    r"^(?:(?:[A-Z]\.){1,3}|U\.?S|[A-Z][a-z]+(?:an|ian|ese|ish|ch|ss|i)|Hong|Kong|New|Zealand|HK|NZ)$"
)
TIME_ZONES = words(
    "GMT UTC UT EST EDT CST CDT MST MDT PST PDT AKST HST AST ADT NST BST CET CEST EET EEST WET WEST MSK "
    "JST KST HKT SGT IST PKT AEST AEDT ACST AWST NZST NZDT"
)
_TIME_ZONE_PHRASE = re.compile(
    r"^(?:Greenwich Mean|(?:Eastern|Central|Mountain|Pacific|Atlantic|Alaska|Hawaii|British|Central European|"
    r"Eastern European|Western European|Moscow|Japan|India|Australian Eastern)(?: (?:Standard|Daylight|Summer))?)"
    r" Time$"
)
TRADING_CALLS = words("buy sell hold accumulate outperform underperform overweight underweight neutral reduce")
_TRADING_PHRASE = re.compile(
    r"^(?:strong|speculative|trading|long-term|short-term|market|sector|equal)[ -]"
    r"(?:buy|sell|hold|perform|outperform|underperform|weight)$",
    re.IGNORECASE,
)
# bare words that stand for a name written in full elsewhere ("United" for a club, "the Budget")
BARE_WORDS = words(
    "united budget government administration opposition state federal national central international "
    "ministry department commission committee council board exchange market markets bourse index "
    "treasury bills bonds notes gilts futures options shares stocks coalition regime junta cabinet"
)
# commodity grades: "No. 2 Yellow", "Hard Red Winter", "US No 2 soft red", "Grade A", "Brent Blend"
GRADE_WORDS = words(
    "no no. number grade hard soft red white winter spring dark northern southern yellow light heavy sweet "
    "sour medium crude corn wheat durum sorghum soybeans soybean beans barley oats blend middling fine "
    "long-staple short-staple strict good low high std standard premium extra class us u.s. a b c"
)
# credit ratings (S&P, Fitch, Moody's): "AAA", "AA-minus", "BBB+", "Aa3", "Baa-1", "A-1+", "P-1"
_RATING = re.compile(
    r"^(?:(?:AAA|AA|A|BBB|BB|B|CCC|CC|C|DDD|DD|D)(?:[+-]|[ -](?:plus|minus))?|(?:Aaa|Aa|Baa|Ba|Caa|Ca)[ -]?[1-3]?"
    r"|(?:A|P)-[1-3]\+?|(?:triple|double|single)-?[AB](?:[ -](?:plus|minus))?)$",
    re.IGNORECASE,
)
_RATING_CONTEXT = re.compile(
    r"\b(?:rat(?:e|es|ed|ing|ings)|grade|credit|debt|bonds?|notes?|paper|downgrad\w*|upgrad\w*|outlook|"
    r"watch|affirm\w*|Moody|Standard (?:&|and) Poor|Fitch|Duff|investment)\b",
    re.IGNORECASE,
)


def non_entity_reason(name: str, kind: str = "organization") -> str | None:
    """Why ``name`` can never be a ``kind`` ("person" or "organization"), or None.

    Decided from the name alone, so the same rule holds at extraction and at build time."""
    bare = " ".join(name.strip(" <>").split())
    if not bare:
        return "empty"
    low = bare.casefold()
    tokens = low.replace(",", " ").split()
    if bare in TIME_ZONES or _TIME_ZONE_PHRASE.match(bare):
        return "time zone"
    if bare in CURRENCY_CODES or _is_currency(bare.split(), kind):
        return "currency"
    if any(w.strip(".") in TABLE_HEADS for w in tokens) and all(w.strip(".") in TABLE_WORDS for w in tokens):
        return "financial table"
    if low in TRADING_CALLS or _TRADING_PHRASE.match(bare):
        return "trading call"
    if len(tokens) > 1 and all(w in GRADE_WORDS or w.isdigit() for w in tokens) and _has_grade(tokens):
        return "commodity grade"
    if _RATING.match(bare) and (not bare.isalpha() or not bare.isupper() or len(bare) <= 1 or "-" in bare):
        return "rating grade"  # "Aa3", "BBB-plus", "triple-A"; bare "AAA" needs the story (rating_in_context)
    if kind == "organization" and low in BARE_WORDS:
        return "bare word"
    generic = generic_name(bare.title() if bare.isupper() else bare) if kind == "organization" else None
    if generic and generic[0] is None:
        return "institution without a country"  # "Finance Ministry": the story must say whose
    return None


def _is_currency(words: list[str], kind: str) -> bool:
    """ "Dlrs", "Yen", "U.S. Dlrs", "Swiss Francs"; for an organisation also "Mark", "Rand"."""
    if not words or len(words) > 3:
        return False
    last = words[-1].casefold().strip(".")
    names = CURRENCY_WORDS | CURRENCY_NAMES if kind == "organization" else CURRENCY_WORDS
    if last not in names:
        return False
    return all(_CURRENCY_QUALIFIER.match(w) for w in words[:-1])


def _has_grade(tokens: list[str]) -> bool:
    """Grade words name a grade with a crop or crude word, a season ("Hard Red Winter"), a number
    ("No. 2 Yellow") or the word grade itself ("Grade A")."""
    crops = {"corn", "wheat", "durum", "sorghum", "soybeans", "soybean", "beans", "barley", "oats", "crude", "blend"}
    marks = {"winter", "spring", "grade"}
    have = set(tokens)
    numbered = bool({"no", "no.", "number"} & have) and any(w.isdigit() for w in tokens)
    return bool(crops & have or marks & have) or numbered


def is_rating(name: str) -> bool:
    """Shaped like a credit rating (``AAA``, ``BBB``, ``Aa``), whatever the story says."""
    return bool(_RATING.match(" ".join(name.split())))


def rating_in_context(name: str, text: str) -> bool:
    """``AAA`` is a rating when a rating word stands within a few words of it in the story
    ("rated AAA", "its AAA credit rating", "cut to BBB by Moody's")."""
    if not is_rating(name):
        return False
    for m in re.finditer(rf"(?<![\w&-]){re.escape(name)}(?![\w&-])", text):
        window = text[max(0, m.start() - 60) : m.end() + 60]
        if _RATING_CONTEXT.search(window):
            return True
    return False


MONTH_ABBREVIATIONS = words("jan feb mar apr jun jul aug sep sept oct nov dec")
_DAY_AFTER = r"\.?[ ]\d{1,2}(?!\d)"


def date_in_context(name: str, text: str) -> bool:
    """``DEC`` is a month where the story writes it before a day ("4TH QTR DEC 31 NET",
    "Dec 31"): every mention of a month's abbreviation is a date, so none is an organisation
    (``DEC``, Digital Equipment, is written alone or before a noun)."""
    bare = name.strip(" .")
    if bare.casefold() not in MONTH_ABBREVIATIONS:
        return False
    mentions = list(re.finditer(rf"(?<![\w&-]){re.escape(bare)}(?![\w&-])", text))
    return bool(mentions) and all(re.match(_DAY_AFTER, text[m.end() :]) for m in mentions)
