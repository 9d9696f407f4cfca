"""The written forms of one name: what differs between them without making another entity.

A wire archive writes one company as ``Tennex Industries Inc``, ``<Tennex Industries Inc>``
(Reuters' brackets around a company that is the subject of a filing), ``TENNEX INDUSTRIES`` (an
all-capitals headline), ``Tennex Industries'`` and ``Tennex Industries Inc (TNX)``. ``name_key``
maps every such form to one key; ``common_form`` gives the name a reader should see.

All tests here hold for any script: casefold, not lower; ``str.isupper`` over letters, so
``İSTANBUL``, ``ŁÓDŹ`` and ``ØRSTED`` count as capitals like ``IBM``.
"""

from __future__ import annotations

import re
import unicodedata


def words(text: str) -> frozenset[str]:
    """A word list written as one string (vocabularies stay readable)."""
    return frozenset(text.split())


# legal forms a company's name ends with; the common name is what is left
LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc|Incorporated|Corp|Co|Cos|Ltd|Limited|Plc|PLC|plc|LLC|L\.L\.C|LP|L\.P|inc|corp|co|ltd|"
    r"SA|S\.A|AG|NV|N\.V|BV|B\.V|SpA|S\.p\.A|GmbH|AB|ASA|A/S|Oy|Oyj|Bhd|Berhad|Tbk|KK|K\.K|SE|SAB|"
    r"de C\.V|Pty|Pte|Sdn)\.?)+$"
)
# spelled out, these are often part of the name itself ("British Broadcasting Corporation"): a
# name drops them only to join the same name written without them (resolve.py)
SPELLED_SUFFIX = re.compile(r"\s+(?:Corporation|Company|Companies|Incorporated|Limited)$")
_CONNECTOR_END = re.compile(r"(?:\s+(?:&|and)|,)$")
_ABBR_TAIL = re.compile(r"\s*\(([^\W\d_][\w&.\-]{0,11})\)$")
_POSSESSIVE = re.compile(r"(?<=\w)(?:['’]s|s['’])$")
_IZE = re.compile(r"is(?=ation|ed\b|ing\b|e\b|es\b)")
_DOTTED = re.compile(r"^(?:[^\W\d_]\.){2,}$")  # "U.N.", "U.S.A."
# one-word remainders that are no name of their own ("Holding Co" is not "Holding")
_TOO_GENERIC = words("holding holdings group company corporation industries international trust bank")


def clean_spaces(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def strip_brackets(name: str) -> str:
    """``<Tennex Industries Inc>`` and ``Tennex Industries Inc>`` → ``Tennex Industries Inc``."""
    return clean_spaces(name.replace("<", " ").replace(">", " "))


def strip_possessive(name: str) -> str:
    """``Tennex's`` → ``Tennex``; ``Industries'`` → ``Industries``. ``AT&T`` and ``Lloyds`` stay."""
    if name.endswith(("s'", "s’")):
        return name[:-1]
    return _POSSESSIVE.sub("", name) if name.endswith(("'s", "’s")) else name


def split_acronym(name: str) -> tuple[str, str | None]:
    """``International Monetary Fund (IMF)`` → (``International Monetary Fund``, ``IMF``)."""
    m = _ABBR_TAIL.search(name)
    if not m or not name[: m.start()].strip():
        return name, None
    short, long = m.group(1), name[: m.start()].strip()
    if sum(c.isupper() for c in short) < 2 and not _initials_of(short, long):
        return name, None  # "(Inc)", "(Pakistan)": not an acronym; "(Wada)" is one
    return long, short


def _initials_of(short: str, long: str) -> bool:
    """A title-case acronym (``Wada``, ``Icann``) spells the long name's initials in order."""
    initials = [w[0].casefold() for w in re.split(r"[\s\-]+", long) if w and w[0].isalpha()]
    letters = [c.casefold() for c in short if c.isalpha()]
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in letters)


def strip_legal_suffix(name: str) -> str:
    """``Tennex Industries Inc`` → ``Tennex Industries``; ``Morgan Stanley & Co`` → ``Morgan
    Stanley``. A name that would be left as one generic word or less keeps its suffix."""
    stripped = _CONNECTOR_END.sub("", LEGAL_SUFFIX.sub("", name)).strip()
    if len(stripped) < 2 or stripped.casefold() in _TOO_GENERIC or stripped == name:
        return name
    return stripped


def display_form(name: str) -> str:
    """The name as a reader should see it: no brackets, (ABBR) tail or legal suffix
    (``McDonald's`` keeps its possessive: it is the name)."""
    form, short = split_acronym(strip_brackets(name))
    if short:  # "Agriculture's (USDA)": the possessive belongs to the sentence
        form = strip_possessive(form)
    while short:  # "British National Party (BNP) (BNP)"
        form, short = split_acronym(form)
    return strip_legal_suffix(form)


def common_form(name: str) -> str:
    """The display form without a possessive: what the forms of one name have in common."""
    return strip_legal_suffix(strip_possessive(display_form(name)))


def acronym_key(text: str) -> str:
    """``U.N.``, ``UN`` and ``Un`` are one acronym; ``TRANS-LUX`` is ``Trans-Lux``."""
    return text.replace(".", "").replace("-", "").casefold()


def name_key(name: str) -> str:
    """One key for every written form of a name (see the module's docstring); also blind to
    hyphens and to British or American -isation/-ization (``Inter-American``, ``Organisation``)."""
    form = common_form(name)
    if _DOTTED.match(form):
        return acronym_key(form)
    return fold(form)


def fold(text: str) -> str:
    return _IZE.sub("iz", text.casefold().replace("-", ""))


def is_shouting(name: str) -> bool:
    """Written in capitals as a headline writes it (``TENNEX INDUSTRIES``), not an acronym
    (``IBM``, ``U.N.``): several words, or one word longer than an acronym usually is."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return False
    words = [w for w in re.split(r"[\s\-]+", name) if any(c.isalpha() for c in w)]
    return len(words) > 1 and any(sum(c.isalpha() for c in w) > 4 for w in words) or len(letters) > 6


def is_acronym(name: str) -> bool:
    """``IMF``, ``U.N.``, ``ASEAN``, ``AT&T``: one word of capitals (points and ``&`` allowed)."""
    if " " in name or _DOTTED.match(name):
        return bool(_DOTTED.match(name))
    letters = [c for c in name if c.isalpha()]
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters) and all(c.isalpha() or c in "&.-" for c in name)
