"""`make entities`: what the archive decided about people and organisations, for an editor to
review, each decision with the ``content/entities.yaml`` line that undoes it.

Read from the posts (as the site is built, with the same kept index and editors' file; no page
is written): the names shown under another entity's name, by reason; bare surnames and acronyms
joined in some stories only; names refused as no one, by the rules at build time or by the
extractor (recorded in the posts), and by the editors; bare names left apart because the
archive gives them more than one meaning nearby.

    python -m wire_archive.entity_report --config pelicanconf.py [--limit 20 | --all]
"""

from __future__ import annotations

import argparse
import runpy
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from wire_core.entities.kept_index import KeptIndex, sync
from wire_core.entities.resolve import EntityIndex, Resolution, resolve

from .entities import editors_overrides, shown_names

SECTION = {"person": "people", "organization": "organizations"}
REFUSALS = {"person": "not_people", "organization": "not_organizations"}
LABEL = {"person": "person", "organization": "organisation"}


def report_lines(index: EntityIndex, resolution: Resolution, limit: int | None = 20) -> list[str]:
    """The report as lines of text; ``limit`` names per section (None: all)."""
    merged, partly, refused, editors = [], [], [], []
    for d in resolution.decisions:
        if d.canonical is None:
            (editors if d.reason == "refused: editor" else refused).append(d)
        elif d.reason.startswith("partly "):
            partly.append(d)
        else:
            merged.append(d)
    written = sum(len(c) for c in index.counts.values())
    people = sum(1 for kind, _ in resolution.entities if kind == "person")
    lines = [
        f"entities: {len(index.stories):,} stories write {written:,} names for "
        f"{people:,} people and {len(resolution.entities) - people:,} organisations",
        "",
    ]
    lines += _section(
        "merged: shown under another name (undo one with a distinct line)",
        merged,
        lambda d: f"{d.variant} ({_stories(d.stories)}) → {d.canonical}  [{d.reason}]",
        lambda d: f"{SECTION[d.kind]}: distinct: [{d.variant}]",
        limit,
    )
    lines += _section(
        "joined in some stories only: the rest keep the bare name's page",
        partly,
        lambda d: f"{d.variant} ({_stories(d.stories)}) → {_joined(resolution, d)}  [{d.reason}]",
        lambda d: f"{SECTION[d.kind]}: distinct: [{d.variant}]  (none joined) or aliases: {{{d.variant}: NAME}} (all)",
        limit,
    )
    lines += _section(
        "refused by the rules when the site is built (no page)",
        refused,
        lambda d: f"{d.variant} ({_stories(d.stories)}): {d.reason.removeprefix('refused: ')}",
        lambda d: f"{SECTION[d.kind]}: keep: [{d.variant}]",
        limit,
    )
    at_extraction = _extraction_refusals(index)
    lines += _section(
        "refused by the extractor (recorded in the posts; no page)",
        at_extraction,
        lambda r: f"{r[1]} ({_stories(r[2])}): {r[3]}",
        lambda r: f"{SECTION[r[0]]}: keep: [{r[1]}]",
        limit,
        kind_of=lambda r: r[0],
    )
    lines += _section(
        "refused by the editors",
        editors,
        lambda d: f"{d.variant} ({_stories(d.stories)})",
        lambda d: f"take it out of {SECTION[d.kind]}: {REFUSALS[d.kind]}",
        limit,
    )
    apart = _left_apart(index, resolution)
    lines += _section(
        "left apart: bare names the archive writes for more than one full or long name",
        apart,
        lambda a: f"{a[1]} ({_stories(a[2])}): {_meanings(a[3])}",
        lambda a: f"{SECTION[a[0]]}: aliases: {{{a[1]}: {a[3][0][0]}}}",
        limit,
        kind_of=lambda a: a[0],
    )
    return lines


def _section(title: str, items: list, describe, undo, limit: int | None, kind_of=lambda d: d.kind) -> list[str]:
    """A titled list with counts by reason, the most written names first, each with its undo line."""
    reasons = Counter(getattr(item, "reason", None) or "" for item in items)
    by_reason = ", ".join(f"{r} {n:,}" for r, n in reasons.most_common() if r)
    lines = [f"{title}: {len(items):,}" + (f" ({by_reason})" if by_reason and len(reasons) > 1 else "")]
    ranked = sorted(items, key=lambda i: (-_count(i), str(i)))
    for item in ranked if limit is None else ranked[:limit]:
        lines.append(f"  {LABEL[kind_of(item)]:<12} {describe(item)}")
        lines.append(f"  {'':<12}   undo: {undo(item)}")
    if limit is not None and len(ranked) > limit:
        lines.append(f"  … {len(ranked) - limit:,} more (--all)")
    lines.append("")
    return lines


def _count(item) -> int:
    return item.stories if hasattr(item, "stories") else item[2]


def _stories(n: int) -> str:
    return f"{n:,} {'story' if n == 1 else 'stories'}"


def _joined(resolution: Resolution, d) -> str:
    found = Counter(c for (k, _, v), c in resolution.by_story.items() if k == d.kind and v == d.variant)
    if not found:
        return "none of its own stories (another form of it was joined)"
    return ", ".join(f"{name} in {_stories(n)}" for name, n in found.most_common())


def _meanings(found: list[tuple[str, int]], shown: int = 5) -> str:
    text = ", ".join(f"{name} ({_stories(n)})" for name, n in found[:shown])
    return text + (f" and {len(found) - shown} more" if len(found) > shown else "")


def _extraction_refusals(index: EntityIndex) -> list[tuple[str, str, int, str]]:
    """(kind, name, stories, reason) of the names the extractor refused and no editor revived."""
    out = []
    for (kind, name), found in index.refusals.items():
        if name not in index.revived[kind]:
            why = Counter(found.values()).most_common(1)[0][0]
            out.append((kind, name, len(found), why))
    return out


def _left_apart(index: EntityIndex, resolution: Resolution) -> list[tuple[str, str, int, list]]:
    """(kind, bare name, stories, [(meaning, stories writing it)]) of bare surnames and acronyms
    that keep their page while the archive writes more than one full or long name for them."""
    decided = {(d.kind, d.variant) for d in resolution.decisions}
    out = []
    for (kind, name), uses in index.uses.items():
        if (kind, name) in decided or resolution.names.get((kind, name)) != name:
            continue
        key = ("surname", name.casefold()) if kind == "person" else ("acronym", index.facts[kind][name].key)
        meanings: dict[str, int] = defaultdict(int)
        for value, n in index.meanings.get(key, {}).items():
            entity = _entity_of(index, resolution, kind, key, value)
            if entity is not None:
                meanings[entity] += n
        if len(meanings) > 1:
            out.append((kind, name, len(uses), sorted(meanings.items(), key=lambda kv: (-kv[1], kv[0]))))
    return out


def _entity_of(index: EntityIndex, resolution: Resolution, kind: str, key, value: str) -> str | None:
    if kind == "person":
        return resolution.names.get(("person", value), value)
    found = {resolution.names.get(("organization", n)) for n in index.long_names(key[1], value)} - {None}
    return min(found) if found else None


def resolve_site(config: Path) -> tuple[EntityIndex, Resolution]:
    """The index and resolution a build of the site at ``config`` would make (the kept index is
    read, not saved)."""
    from .plugin import cache_dir, entities_file  # the site's paths as the build reads them
    from .store import PostStore, ReadSettings

    settings = runpy.run_path(str(config))
    settings.setdefault("PATH", "content")
    root = config.parent
    content = Path(settings["PATH"]) if Path(settings["PATH"]).is_absolute() else root / settings["PATH"]
    settings["PATH"] = str(content)
    folder = cache_dir(settings)
    folder = folder if folder.is_absolute() else root / folder
    store = PostStore(folder / "posts.pickle", ReadSettings.from_pelican(settings))
    result = store.read(content, list(settings.get("ARCHIVE_POST_PATHS", ["posts"])), 2)
    for path, reason in result.errors:
        sys.stderr.write(f"{path}: {reason}; left out\n")
    index = KeptIndex(folder / "entities.pickle").load()
    sync(index, shown_names(result.posts))
    return index, resolve(index, editors_overrides(entities_file(settings), None))


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wire_archive.entity_report", description=__doc__)
    parser.add_argument("--config", default="pelicanconf.py", help="the Pelican settings file")
    parser.add_argument("--limit", type=int, default=20, help="names listed per section")
    parser.add_argument("--all", action="store_true", help="list every name")
    args = parser.parse_args(list(argv) if argv is not None else None)
    index, resolution = resolve_site(Path(args.config).resolve())
    sys.stdout.write("\n".join(report_lines(index, resolution, None if args.all else args.limit)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
