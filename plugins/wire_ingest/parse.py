"""Wire text → Story: headline, standfirst, dateline, paragraphs, byline and sign-off.

The layout rules are in docs/formats.md. Parsing never guesses a date: it only keeps the
dateline's date text; ``dates.py`` resolves it against the file's history.
"""

from __future__ import annotations

import re

from .dateline import split_dateline
from .decode import decode_bytes
from .records import Story

MAX_HEADLINE = 200
_ELLIPSIS = re.compile(r"(?:…|\.\.\.)\s*$")
_BYLINE = re.compile(r"^(?:By|BY)\s+[A-ZÀ-Þ][\w.’'\- ]{1,60}(?:,\s*[\w ]{1,40})?$")
_SIGNOFF = re.compile(
    r"^(?:Reuters?|REUTER|\(?(?:Reporting|Writing|Editing|Additional reporting|Compiled|Edited) by\b[^.]*\)?"
    r"|[-–—]{1,2}\s*\w.{0,60}|\(\w{2,10}/\w{2,10}\)|\(c\) .*|Copyright .*)$"
)
_WRAPPED_LINE = 60  # hard-wrapped agency copy has lines of 60-80 characters


class ParseError(ValueError):
    """The text is not a wire story; the message says why."""


def parse_bytes(raw: bytes) -> Story:
    decoded = decode_bytes(raw)
    story = parse_text(decoded.text)
    warnings = decoded.warnings + story.warnings
    return Story(**{**story.__dict__, "encoding": decoded.encoding, "warnings": warnings})


def parse_text(text: str) -> Story:
    blocks = _split_paragraphs(text)
    if not blocks:
        raise ParseError("empty file (no text)")
    warnings: list[str] = []
    headline, rest = blocks[0], blocks[1:]
    if _starts_body(headline, rest):
        # no headline line: the story starts with its dateline
        rest = blocks
        headline = _headline_from(split_dateline(headline).rest or headline)
        warnings.append("no headline line; headline taken from the first sentence")
    elif len(headline) > MAX_HEADLINE:
        rest = blocks
        headline = _headline_from(headline)
        warnings.append("first line too long for a headline; headline taken from the first sentence")
    byline = None
    if rest and _BYLINE.match(rest[0]):
        byline, rest = rest[0][3:].strip(), rest[1:]
    standfirst = None
    if len(rest) > 1 and _ELLIPSIS.search(rest[0]) and _repeats_lead(rest[0], rest[1:]):
        standfirst, rest = rest[0], rest[1:]
    rest, signoff = split_signoff(rest)
    if not rest:
        raise ParseError("headline only: the story has no body")
    dateline = None
    found = split_dateline(rest[0])
    if found:
        dateline = found.dateline
        rest = ([found.rest] if found.rest else []) + rest[1:]
    elif standfirst and split_dateline(standfirst):
        dateline = split_dateline(standfirst).dateline  # only the teaser carried it
    else:
        warnings.append("no dateline found")
    if not rest:
        raise ParseError("dateline only: the story has no body")
    if standfirst is None and _ELLIPSIS.search(rest[0]) and len(rest) > 1 and _repeats_lead(rest[0], rest[1:]):
        standfirst, rest = rest[0], rest[1:]
    if standfirst:
        standfirst = _strip_dateline(standfirst)
    return Story(
        headline=clean_headline(headline),
        paragraphs=tuple(rest),
        standfirst=standfirst,
        dateline=dateline,
        byline=byline,
        signoff=signoff,
        warnings=tuple(warnings),
    )


def split_signoff(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """The body without its trailing sign-off lines (``Reuter``, ``(Reporting by …)``), and those
    lines. Structured items end the same way, so their readers use this too."""
    rest, lines = list(paragraphs), []
    while rest and _SIGNOFF.match(rest[-1]) and len(rest[-1]) < 200:
        lines.insert(0, rest.pop())
    return rest, "\n".join(lines) or None


def _split_paragraphs(text: str) -> list[str]:
    """Blank-line blocks; inside a block, one line a paragraph unless the copy is hard-wrapped.

    The first line is always the headline on its own, and a byline or dateline line starts a
    new block, so a hard-wrapped lead right under the headline is still joined."""
    paragraphs: list[str] = []
    text = text.strip("\n \t")
    first, _, rest = text.partition("\n")
    if first.strip():
        paragraphs.append(" ".join(first.split()))
    for block in re.split(r"\n[ \t]*\n", rest):
        for part in _split_at_openers(block):
            lines = [" ".join(line.split()) for line in part.split("\n")]
            lines = [line for line in lines if line]
            if not lines:
                continue
            if _is_hard_wrapped(part):
                paragraphs.append(" ".join(lines))
            else:
                paragraphs.extend(lines)
    return paragraphs


def _split_at_openers(block: str) -> list[str]:
    """Cut a block before a byline or dateline line that is not its first line."""
    lines = block.split("\n")
    parts, current = [], []
    for line in lines:
        stripped = line.strip()
        if current and stripped and (_BYLINE.match(stripped) or split_dateline(stripped)):
            parts.append("\n".join(current))
            current = []
        current.append(line)
    parts.append("\n".join(current))
    return parts


def _starts_body(first: str, rest: list[str]) -> bool:
    """True when the first line is already the dateline and lead: the headline is missing."""
    found = split_dateline(first)
    if found is None or (rest and split_dateline(rest[0]) is not None):
        return False
    letters = [c for c in found.rest if c.isalpha()]
    return len(letters) > 20 and sum(c.islower() for c in letters) > len(letters) // 2


def _is_hard_wrapped(block: str) -> bool:
    lines = [line for line in block.split("\n") if line.strip()]
    if len(lines) < 2 or any(_BYLINE.match(line.strip()) or split_dateline(line) for line in lines[1:]):
        return False
    if len(lines) == 2 and not lines[1].lstrip()[:1].islower():
        return False
    body = lines[:-1]
    wrapped = sum(1 for line in body if len(line) >= _WRAPPED_LINE and not line.rstrip().endswith((".", '"', "”", ":")))
    short = sum(1 for line in body if len(line.strip()) < 100)
    return wrapped * 2 >= len(body) and short == len(body)


def _repeats_lead(teaser: str, following: list[str]) -> bool:
    stem = _ELLIPSIS.sub("", teaser).strip()
    stem = _strip_dateline(stem)
    lead = _strip_dateline(" ".join(following[:3]))
    probe = " ".join(stem.split())[: max(20, len(stem) - 20)]
    return len(probe) >= 20 and " ".join(lead.split()).startswith(probe)


def _strip_dateline(text: str) -> str:
    found = split_dateline(text)
    return found.rest if found else text


def _headline_from(paragraph: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    if len(sentence) > 120:
        sentence = sentence[:117].rsplit(" ", 1)[0] + "…"
    return sentence


_SERVICE_PREFIX = re.compile(r"^(?:(?:UPDATE|REFILE|CORRECTED|RPT|WRAPUP|EXCLUSIVE|URGENT)(?:\s+\d+)?\s*[-–:]\s*)+")


def clean_headline(headline: str) -> str:
    """One line, without the desk's service prefixes ("UPDATE 1-", "REFILE-")."""
    headline = " ".join(headline.split())
    return _SERVICE_PREFIX.sub("", headline) or headline
