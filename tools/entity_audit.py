"""`make entity-audit OUTPUT=folder`: how clean a built site's people and organisation pages are.

Reads only the built site (no posts, no Pelican): the people and organisation index pages (every
term with its story count, from the "most covered" page and the pages per initial) and the
article pages' text. Reports what a reader meets on the first screens of those indexes:

* the 100 most covered person pages, flagged where they look like no person (an organisation
  word, an acronym, a digit, a possessive), and the bare surnames among them that have a
  full-name page (``Reagan`` beside ``Ronald Reagan``), with the same count over all pages;
* the 100 most covered organisation pages, flagged where they look like no organisation (a time
  zone, an earnings-table abbreviation, a trading call, a rating grade, a currency, a bare word,
  half of an ampersand name);
* over all organisation pages, groups of names that differ only by capitals, a trailing
  ``(ABBR)``, a possessive or angle brackets (``Tennex Industries Inc>`` beside ``Tennex
  Industries Inc``), and acronyms with a page apart from the name the archive defines them for
  (``IMF`` beside ``International Monetary Fund (IMF)``, or beside ``International Monetary
  Fund`` where a story writes ``International Monetary Fund (IMF)``).

The flags are heuristics to speed up a human review, not the measure: the full top-100 lists
are printed so a reviewer can judge each name. ``--json`` writes the same report as data.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

TOP = 100
_ENTRY = re.compile(
    r'<a href="[^"]*?(?:^|/)(people|organizations)/(?!index/)([^/"]+)/">([^<]*)</a>\s*'
    r'<span class="count"[^>]*>(\d+)</span>'
)
_TAG = re.compile(r"<[^>]+>")
_BODY = re.compile(r'<div class="story-body">(.*?)</div>', re.S)
_HEADLINE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_ABBR_TAIL = re.compile(r"\s*\(([^()]{1,12})\)$")
_DEFINITION = re.compile(
    r"((?:[A-Z][\w’'&.\-]*|of|for|the|and|on|de|du|des|la|le|del|&)(?: (?:[A-Z][\w’'&.\-]*|of|for|the|and|on"
    r"|de|du|des|la|le|del|&)){0,9}) \(([A-Z][A-Za-z&.\-]{1,9})\)"
)

# words that make a name an organisation, a work, an event or a place rather than a person
NOT_PERSON_WORDS = {
    "inc", "corp", "co", "ltd", "plc", "group", "bank", "party", "ministry", "council", "university",
    "college", "school", "club", "fc", "united", "city", "association", "committee", "agency", "institute",
    "foundation", "company", "fund", "union", "league", "board", "court", "house", "office", "department",
    "commission", "airlines", "motors", "securities", "trust", "industries", "international", "museum",
    "gallery", "award", "awards", "prize", "cup", "trophy", "championship", "games", "festival", "theatre",
    "theater", "hotel", "stadium", "park", "street", "road", "times", "news", "post", "journal", "daily",
    "tories", "labour", "democrats", "republicans", "government", "parliament", "congress", "senate",
    "federal", "reserve", "exchange", "market", "index", "dollar", "oscar", "oscars", "grammy", "bafta",
}  # fmt: skip
TIME_ZONES = {"GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "UTC", "JST", "HKT"}
TABLE_WORDS = {
    "shr", "shrs", "net", "pct", "revs", "rev", "qtr", "avg", "oper", "mln", "mlns", "bln", "dlrs", "dlr",
    "cts", "div", "prior", "loss", "profit", "sales", "nine", "mths", "year", "ytd", "vs", "note", "shr loss",
}  # fmt: skip
TRADING_CALLS = {"buy", "sell", "hold", "outperform", "underperform", "neutral", "accumulate", "overweight"}
CURRENCY_WORDS = {
    "dollar", "dollars", "dlr", "dlrs", "yen", "sterling", "pound", "pounds", "mark", "marks", "franc", "francs",
    "lira", "lire", "peso", "pesos", "rupee", "rupees", "euro", "euros", "ecu", "ecus", "guilder", "guilders",
    "krona", "kronor", "krone", "rand", "won", "yuan", "real", "ruble", "rouble", "riyal", "dinar", "shilling",
}  # fmt: skip
BARE_WORDS = {
    "united", "budget", "cabinet", "treasury", "parliament", "government", "congress", "senate", "central bank",
    "finance ministry", "supreme court", "ministry", "state", "federal", "national", "exchange", "board",
    "trade", "finance", "economy", "opec", "ec", "eec",
}  # fmt: skip
_RATING = re.compile(r"^(?:AAA|AA|A|BBB|BB|B|CCC|CC|C|D|Aaa|Aa|Baa|Ba|Caa|Ca|P|F)(?:[1-3]|[+-]|-?plus|-?minus)?$")


@dataclass(frozen=True)
class TermRow:
    kind: str  # "people" or "organizations"
    slug: str
    name: str
    count: int


@dataclass
class Report:
    people: int = 0
    organizations: int = 0
    articles: int = 0
    top_people: list = field(default_factory=list)  # [name, count, flags]
    top_organizations: list = field(default_factory=list)
    top_people_flagged: int = 0
    top_people_bare_surnames: list = field(default_factory=list)
    bare_surnames_all: int = 0
    top_organizations_flagged: int = 0
    variant_groups: list = field(default_factory=list)  # [[name, ...], ...]
    suffix_groups: list = field(default_factory=list)  # also differ by a legal suffix (not in the target)
    split_acronyms: list = field(default_factory=list)  # [acronym, long name]


def read_terms(output: Path) -> dict[str, dict[str, TermRow]]:
    """Every person and organisation term listed on the site's index pages, by slug."""
    found: dict[str, dict[str, TermRow]] = {"people": {}, "organizations": {}}
    for kind in found:
        root = output / kind
        pages = [root / "index.html", *sorted((root / "index").glob("*/index.html"))]
        for page in pages:
            if not page.is_file():
                continue
            for m in _ENTRY.finditer(page.read_text(encoding="utf-8", errors="replace")):
                if m.group(1) != kind:
                    continue
                row = TermRow(kind, m.group(2), html.unescape(m.group(3)).strip(), int(m.group(4)))
                found[kind][row.slug] = row
    return found


def read_article_texts(output: Path):
    """The headline and body text of every article page (pages carrying NewsArticle JSON-LD)."""
    for page in output.rglob("index.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        if '"NewsArticle"' not in text:
            continue
        parts = [m.group(1) for m in _HEADLINE.finditer(text)][:1] + [m.group(1) for m in _BODY.finditer(text)]
        yield html.unescape(_TAG.sub(" ", "\n".join(parts)))


def person_flags(name: str) -> list[str]:
    words = name.split()
    flags = []
    if any(w.lower().strip(".,") in NOT_PERSON_WORDS for w in words):
        flags.append("org/work word")
    if any(len(w) >= 2 and w.isupper() and w.isalpha() for w in words):
        flags.append("acronym")
    if any(c.isdigit() for c in name):
        flags.append("digit")
    if name.endswith(("'s", "’s", "s'", "s’")):
        flags.append("possessive")
    if name.isupper() and len(name) > 3:
        flags.append("capitals")
    return flags


def organization_flags(name: str) -> list[str]:
    bare = name.strip("<> ")
    low = bare.lower()
    words = low.split()
    flags = []
    if bare in TIME_ZONES:
        flags.append("time zone")
    if low in TABLE_WORDS or (words and all(w.strip(".") in TABLE_WORDS for w in words)):
        flags.append("table word")
    if low in TRADING_CALLS:
        flags.append("trading call")
    if _RATING.match(bare):
        flags.append("rating grade")
    if low in CURRENCY_WORDS or (len(words) == 2 and words[1] in CURRENCY_WORDS):
        flags.append("currency")
    if low in BARE_WORDS:
        flags.append("bare word")
    if len(words) == 1 and bare.endswith(("'s", "’s")):
        flags.append("half a name")
    return flags


def variant_key(name: str) -> str:
    """The name without what the target ignores: capitals, a trailing (ABBR), a possessive,
    angle brackets. ``Finance Ministry (Japan)`` keeps its country: that is no acronym."""
    key = name.replace("<", "").replace(">", "").strip()
    m = _ABBR_TAIL.search(key)
    if m and _is_acronym_of(m.group(1), key[: m.start()]):
        key = key[: m.start()]
    key = re.sub(r"['’]s$|s['’]$", "", key)
    return " ".join(key.casefold().split())


LEGAL = re.compile(
    r"(?:,?\s+(?:inc|corp|corporation|co|cos|company|ltd|limited|plc|llc|sa|ag|nv|bv|spa|gmbh|ab|bhd|"
    r"incorporated)\.?)+$"
)


def audit(output: Path) -> Report:
    terms = read_terms(output)
    people, orgs = terms["people"].values(), terms["organizations"].values()
    report = Report(people=len(people), organizations=len(orgs))
    by_count = lambda rows: sorted(rows, key=lambda r: (-r.count, r.name.casefold()))  # noqa: E731

    surnames = defaultdict(set)
    for row in people:
        words = row.name.split()
        if len(words) > 1:
            surnames[words[-1]].add(row.name)
    for row in by_count(people)[:TOP]:
        flags = person_flags(row.name)
        if " " not in row.name and surnames.get(row.name):
            flags.append("bare surname")
            report.top_people_bare_surnames.append([row.name, sorted(surnames[row.name])[:5]])
        report.top_people.append([row.name, row.count, flags])
    report.top_people_flagged = sum(1 for _, _, f in report.top_people if set(f) - {"bare surname"})
    report.bare_surnames_all = sum(1 for r in people if " " not in r.name and surnames.get(r.name))

    for row in by_count(orgs)[:TOP]:
        report.top_organizations.append([row.name, row.count, organization_flags(row.name)])
    report.top_organizations_flagged = sum(1 for *_, f in report.top_organizations if f)

    groups = defaultdict(set)
    loose = defaultdict(set)
    for row in orgs:
        key = variant_key(row.name)
        groups[key].add(row.name)
        loose[LEGAL.sub("", key).strip()].add(row.name)
    report.variant_groups = sorted(sorted(g) for g in groups.values() if len(g) > 1)
    report.suffix_groups = sorted(sorted(g) for g in loose.values() if len(g) > 1 and g not in groups.values())

    names = {r.name for r in orgs}
    defined: dict[str, set[str]] = defaultdict(set)  # acronym → long names the archive gives it
    for name in names:
        m = _ABBR_TAIL.search(name)
        if m and name[: m.start()].strip() and _is_acronym_of(m.group(1), name[: m.start()]):
            defined[m.group(1)].add(name)
    for text in read_article_texts(output):
        report.articles += 1
        for m in _DEFINITION.finditer(text):
            long, short = m.group(1), m.group(2)
            long = re.sub(r"^(?:the|The) ", "", long)
            if long in names and _initials_fit(short, long):
                defined[short].add(long)
    for short, longs in sorted(defined.items()):
        if short in names:
            pages = sorted(n for n in longs if n in names and n != short)
            if pages:
                report.split_acronyms.append([short, pages[0]])
    return report


def _is_acronym_of(short: str, long: str) -> bool:
    """``(IMF)``, ``(Wada)`` after its long name; not ``(Japan)`` or ``(South Africa)``."""
    if " " in short:
        return False
    if sum(c.isupper() for c in short) >= 2:
        return True
    initials = [w[0].lower() for w in re.split(r"[\s-]+", long) if w[:1].isalpha()]
    letters = [c.lower() for c in short if c.isalpha()]
    it = iter(initials)
    return (
        len(letters) >= 2
        and bool(initials)
        and letters[0] == initials[0]
        and all(any(c == i for i in it) for c in letters)
    )


def _initials_fit(short: str, long: str) -> bool:
    """The acronym's letters appear in order among the long name's capitals."""
    capitals = iter(c for c in long if c.isupper())
    return all(any(c == letter for c in capitals) for letter in short if letter.isalpha())


def print_report(report: Report, out=None, limit: int = 40) -> None:
    w = (out or sys.stdout).write
    w(f"site: {report.people} person pages, {report.organizations} organisation pages, {report.articles} articles\n\n")
    w(f"top {TOP} people ({report.top_people_flagged} flagged as not a person; review every line):\n")
    for i, (name, count, flags) in enumerate(report.top_people, 1):
        w(f"  {i:3} {count:5}  {name}" + (f"   [{', '.join(flags)}]" if flags else "") + "\n")
    w(f"\nbare surnames with a full-name page: {len(report.top_people_bare_surnames)} in the top {TOP}, ")
    w(f"{report.bare_surnames_all} over all person pages\n")
    for name, full in report.top_people_bare_surnames:
        w(f"  {name}: {', '.join(full)}\n")
    w(f"\ntop {TOP} organisations ({report.top_organizations_flagged} flagged as not an organisation; review):\n")
    for i, (name, count, flags) in enumerate(report.top_organizations, 1):
        w(f"  {i:3} {count:5}  {name}" + (f"   [{', '.join(flags)}]" if flags else "") + "\n")
    w(f"\norganisation groups differing only by capitals, (ABBR), possessive, <>: {len(report.variant_groups)}\n")
    for group in report.variant_groups[:limit]:
        w(f"  {' | '.join(group)}\n")
    if len(report.variant_groups) > limit:
        w(f"  … {len(report.variant_groups) - limit} more (--limit)\n")
    w(f"\n(also differing by a legal suffix only: {len(report.suffix_groups)} more groups)\n")
    for group in report.suffix_groups[: limit // 2]:
        w(f"  {' | '.join(group)}\n")
    w(f"\nacronyms with a page apart from the name the archive defines them for: {len(report.split_acronyms)}\n")
    for short, long in report.split_acronyms[:limit]:
        w(f"  {short}  ←  {long}\n")
    if len(report.split_acronyms) > limit:
        w(f"  … {len(report.split_acronyms) - limit} more (--limit)\n")
    w(
        "\nsummary: "
        f"top{TOP}_people_flagged={report.top_people_flagged} "
        f"top{TOP}_bare_surnames={len(report.top_people_bare_surnames)} "
        f"bare_surnames_all={report.bare_surnames_all} "
        f"top{TOP}_orgs_flagged={report.top_organizations_flagged} "
        f"org_variant_groups={len(report.variant_groups)} "
        f"split_acronyms={len(report.split_acronyms)}\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path, nargs="?", default=Path("output"), help="the built site's folder")
    parser.add_argument("--json", type=Path, help="also write the report as JSON to this file")
    parser.add_argument("--limit", type=int, default=40, help="lines shown per group list")
    args = parser.parse_args(argv)
    if not (args.output / "people").is_dir() and not (args.output / "organizations").is_dir():
        sys.stderr.write(f"entity_audit: {args.output}: no people/ or organizations/ index: not a built site?\n")
        return 2
    report = audit(args.output)
    print_report(report, limit=args.limit)
    if args.json:
        args.json.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
