"""Sport results and line-ups: who scored or bowled, and which teams met.

Results lists are where the small model is weakest (a bare surname with a number, a club with a
score) and where wire copy is most regular, so they are read by their shape, not by the model:

    Flamengo 2 (Pedro 14, Giorgian de Arrascaeta 70) Palmeiras 1 (Vitor Roque 55)
    Galatasaray - Victor Osimhen 23, Barış Alper Yılmaz 71
    India 312-4 (KL Rahul 88, Shubman Gill 54; Mitchell Starc 2-51)

A list is a bracket, or what follows ``Team -`` on a line, whose items are all ``Name number``
(a minute, runs, bowling figures, ``45+2``, ``pen``, ``(31st)``); a line needs two such items
before any of its names count, so "(Apollo 11)" or "(Boeing 737)" alone is no result. The
names are people, one word or several (``Pedro``, ``Vinícius Júnior``); the name with a score
before a bracket or after ``-`` is a team.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

_PARTICLE = r"(?:de|da|do|dos|das|del|della|van|von|der|den|di|du|la|le|el|al|bin|ibn|ter|ten|y)"
_NAME_WORD = r"\p{Lu}[\p{L}\p{M}'’.\-]*"
NAME = rf"{_NAME_WORD}(?:[ ](?:{_PARTICLE}[ ])*{_NAME_WORD}){{0,4}}"
_STAT = (
    r"(?:\d{1,3}(?:\+\d{1,2})?['’]?(?:-\d{1,3})?(?:[ ]?(?:pen|og|p|\*|not[ ]out))?"
    r"|\(\d{1,3}(?:st|nd|rd|th)?(?:[ ]min(?:ute)?)?\))"
)
_ITEM = regex.compile(rf"\s*({NAME})[ ]+{_STAT}\s*")
_BARE_NUMBER = regex.compile(rf"\s*{_STAT}\s*")
_BRACKET = regex.compile(r"\(([^()\n]{3,400})\)")
_TEAM_DASH = regex.compile(rf"^[ \t]*({NAME})[ ]+[-–—][ ]+(?=\p{{Lu}})", regex.MULTILINE)
_TEAM_SCORE = regex.compile(
    rf"(?<![\w.'’\-])({NAME})[ ]+\d{{1,3}}(?:-\d{{1,3}})?(?=[ ]*\(|[ ]*$|[ ]+\p{{Lu}})", regex.MULTILINE
)
_SEPARATOR = regex.compile(r"[,;]")
# a line that can hold a list: a number, then a bracket or a dash after a name
_CANDIDATE_LINE = regex.compile(r"^(?=[^\n]*\d)(?=[^\n]*(?:\(|[ ][-–—][ ]))[^\n]*$", regex.MULTILINE)
_CODED = regex.compile(rf"(?<![\p{{L}}'’])({NAME})[ ]\((\p{{Lu}}{{3}})\)")
_AFTER_SCORE = regex.compile(r"\d[^()\d]{0,16}$")
_SCORE_OR_TIME = regex.compile(r"\d[-:.]\d")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Results:
    players: tuple[Mention, ...]
    teams: tuple[Mention, ...]


EMPTY = Results((), ())


@lru_cache(maxsize=8)
def find_results(text: str) -> Results:
    """The players and teams of the story's results lists (none in ordinary prose). Cached: the
    people and the organisations stages both ask."""
    lines: list[tuple[str, int, list[Mention]]] = []
    for m in _CANDIDATE_LINE.finditer(text):
        line, line_start = m.group(), m.start()
        found = _line_players(line, line_start) + _coded_players(line, line_start)
        if found:
            lines.append((line, line_start, found))
    if not any(len(found) >= 2 for _, _, found in lines):
        return EMPTY
    # a results block: once one line holds two items, a line with one ("Fenerbahce - Dzeko 50") counts too
    players = [p for _, _, found in lines for p in found]
    teams = [t for line, start, found in lines for t in _line_teams(line, start, found)]
    return Results(tuple(players), tuple(teams))


def _line_players(line: str, offset: int) -> list[Mention]:
    # a bracket after a score or a total: "Flamengo 2 (", "311-7 in 50 overs (", not "the crew (Apollo 11)"
    groups = [(m.start(1), m.group(1)) for m in _BRACKET.finditer(line) if _AFTER_SCORE.search(line, 0, m.start())]
    dash = _TEAM_DASH.match(line)
    if dash:
        groups.append((dash.end(), line[dash.end() :]))
    out: list[Mention] = []
    for start, group in groups:
        items: list[Mention] = []
        pos = 0
        ok = True
        for part in _SEPARATOR.split(group):
            m = _ITEM.fullmatch(part)
            if m:
                s = offset + start + pos + m.start(1)
                items.append(Mention(s, s + len(m.group(1)), m.group(1)))
            elif not _BARE_NUMBER.fullmatch(part):  # "Osimhen 23, 67": a second goal
                ok = False
                break
            pos += len(part) + 1
        if ok:
            out += items
    return out


def _coded_players(line: str, offset: int) -> list[Mention]:
    """Draws and results with three-letter country codes: "Iga Swiatek (POL) beat Linda Noskova (CZE)"."""
    if not _SCORE_OR_TIME.search(line):
        return []  # a line of acronym definitions, "Party for Freedom (PVV)", is no draw
    found = [
        Mention(offset + m.start(1), offset + m.end(1), m.group(1))
        for m in _CODED.finditer(line)
        if not _spells(m.group(2), line[: m.start(2) - 2])
    ]
    return found if len(found) >= 2 else []


def _spells(code: str, before: str) -> bool:
    """ "Party for Progress (PFP)", "Office for Budget Analysis (OBA)": the code is the acronym of the
    words before it, not a country's."""
    words = [w for w in before.split()[-(len(code) + 3) :] if w[:1].isalpha()]
    every = "".join(w[0] for w in words).upper()
    capitals = "".join(w[0] for w in words if w[0].isupper())
    return every.endswith(code) or capitals.endswith(code)


def _line_teams(line: str, offset: int, players: list[Mention]) -> list[Mention]:
    taken = {(p.start - offset, p.end - offset) for p in players}
    out = []
    dash = _TEAM_DASH.match(line)
    if dash:
        out.append(Mention(offset + dash.start(1), offset + dash.end(1), dash.group(1)))
    depth_ok = _outside_brackets(line)
    for m in _TEAM_SCORE.finditer(line):
        if (m.start(1), m.end(1)) not in taken and depth_ok[m.start(1)]:
            out.append(Mention(offset + m.start(1), offset + m.end(1), m.group(1)))
    return out


def _outside_brackets(line: str) -> list[bool]:
    depth, out = 0, []
    for c in line:
        if c == "(":
            depth += 1
        out.append(depth == 0)
        if c == ")":
            depth = max(depth - 1, 0)
    return out
