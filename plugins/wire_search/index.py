"""The served search index: parts indexed by Pagefind when their stories change, merged into a
few tiers that the search page searches newest first.

``output/pagefind/`` holds ``tiers.json`` (the tiers, newest first, with their story counts),
one Pagefind bundle per tier (``recent/``, ``0012000-4000/``, ...; see ``plan.py``), the
fragments of every story in ``fragment/`` (shared: each tier's metadata names them as
``../../fragment/<name>``), and Pagefind's browser files (``pagefind.js``; each tier has its own
copy of the worker and WebAssembly, which Pagefind loads from a bundle's own folder).

What is kept between builds, per output folder, in ``<archive cache>/search-<key>/``: the
fingerprint each part was indexed from and the part itself (``parts.py``), the key each tier was
merged from, and Pagefind's browser files. A build indexes the parts whose fingerprint changed
(a new story: the newest small part), merges the tiers whose parts changed (a new story: the
``recent`` tier), and removes whatever no longer serves (fragments of changed stories, chunks of
earlier merges, tiers and bundles of earlier layouts).
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import logging
import os
import pickle
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

from .bundle import ENTRY, RUNTIME, write_atomic
from .merge import merge_parts
from .pagefind import index_parts, pagefind_version
from .parts import FORMAT, PartFile, adopt, page_url
from .plan import Part, Tier, plan_parts, plan_tiers

log = logging.getLogger(__name__)
BUNDLE = "pagefind"  # the served index, under the output folder
TIERS = "tiers.json"
FRAGMENTS = "fragment"
# gzip levels: the recent tier is written on every new story, the others rarely (level 6 is 2-3x
# slower than 3 on index chunks for 4 % less)
FAST, SMALL = 1, 3


def store_for(cache: Path, output: Path) -> Path:
    """Where the parts of the index written into ``output`` are kept (one place per output
    folder: what is kept for one says nothing about another)."""
    key = hashlib.sha256(str(Path(output).resolve()).encode()).hexdigest()[:12]
    return Path(cache) / f"search-{key}"


def version_key(*modules: str) -> int:
    """A number for the Pagefind that indexes and this plugin's ``modules``: a change to either
    makes what was built from them be built again."""
    digest = hashlib.blake2b(f"{FORMAT}:{pagefind_version()}".encode(), digest_size=8)
    for name in modules:
        digest.update(Path(__file__).with_name(name).read_bytes())
    return int.from_bytes(digest.digest(), "big")


PART_CODE = ("bundle.py", "parts.py")
MERGE_CODE = (*PART_CODE, "merge.py", "index.py")


def update_index(
    binary: str, output: Path, store: Path, stories: Sequence[tuple[str, int]], size: int, tail: int
) -> None:
    """Bring ``output/pagefind/`` up to date with ``stories`` (page path, key; oldest first)."""
    started = time.perf_counter()
    root = output / BUNDLE
    state = _load(store / "state.pickle")
    kept: dict[str, int] = state.get("parts", {})
    merged: dict[str, int] = state.get("tiers", {})
    parts = plan_parts(stories, size, tail, version_key(*PART_CODE))
    if not parts:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(store, ignore_errors=True)
        return
    wanted = {p.name for p in parts}
    kept = {name: fp for name, fp in kept.items() if name in wanted}
    for child in (store / "parts").iterdir() if (store / "parts").is_dir() else ():
        if child.name not in wanted:
            shutil.rmtree(child, ignore_errors=True)
    todo = [p for p in parts if kept.get(p.name) != p.fingerprint or not _part_files(store, p.name)]
    for part in todo:
        kept.pop(part.name, None)
    root.mkdir(parents=True, exist_ok=True)

    def done(part: Part, fresh: Path) -> None:
        target = store / "parts" / part.name
        tmp = store / "parts" / f".{part.name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        adopt(fresh, root / FRAGMENTS, [page_url(p) for p in part.pages], tmp)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
        _keep_runtime(fresh, store / "runtime")
        kept[part.name] = part.fingerprint

    indexed = time.perf_counter()
    failed, peak = index_parts(binary, output, root, todo, done) if todo else ([], 0.0)
    indexed = time.perf_counter() - indexed
    if failed:
        log.error("search: %d index part(s) failed; their stories are not searchable until the next build", len(failed))

    merge_s = time.perf_counter()
    tiers = plan_tiers(parts)
    code = version_key(*MERGE_CODE)
    runtime = sorted((store / "runtime").iterdir()) if (store / "runtime").is_dir() else []
    served = []
    changed = 0
    for tier in tiers:
        key = hash((code, tuple(kept.get(p.name, 0) for p in tier.parts)))
        if merged.get(tier.name) != key or not (root / tier.name / ENTRY).is_file():
            if _merge(tier, store, root / tier.name, runtime):
                merged[tier.name] = key
                changed += 1
            else:
                merged.pop(tier.name, None)
        if (root / tier.name / ENTRY).is_file():
            served.append(tier)
    merged = {name: key for name, key in merged.items() if name in {t.name for t in tiers}}
    _install(runtime, root, ("pagefind.js",))
    listing = {"tiers": [{"path": f"{t.name}/", "stories": t.stories} for t in reversed(served)]}
    write_atomic(root / TIERS, json.dumps(listing, separators=(",", ":")).encode())
    _sweep(root, {t.name for t in served}, _fragments_of(tiers, store) if todo else None)
    merge_s = time.perf_counter() - merge_s
    _save(store / "state.pickle", {"parts": kept, "tiers": merged})
    stats = {
        "parts": len(parts), "parts_indexed": len(todo) - len(failed),
        "stories_indexed": sum(len(p.pages) for p in todo),
        "pagefind_peak_mib": round(peak, 1), "index_s": round(indexed, 3), "tiers": len(tiers), "tiers_merged": changed,
        "merge_s": round(merge_s, 3), "total_s": round(time.perf_counter() - started, 3),
    }  # fmt: skip
    write_atomic(store / "stats.json", json.dumps(stats).encode())  # what the last update did (make bench reads it)
    if todo or changed:
        log.info(
            "search: %d of %d index parts indexed (%.1f s), %d of %d tiers merged (%.1f s); %.1f s in all",
            len(todo) - len(failed), len(parts), indexed, changed, len(tiers), merge_s, time.perf_counter() - started,
        )  # fmt: skip


def _part_files(store: Path, name: str) -> list[Path]:
    folder = store / "parts" / name
    return sorted(folder.glob("*.part")) if folder.is_dir() else []


def _read_parts(tier: Tier, store: Path) -> dict[str, list[PartFile]] | None:
    by_language: dict[str, list[PartFile]] = {}
    for part in tier.parts:
        files = _part_files(store, part.name)
        if not files:
            return None  # a part that failed: the tier waits for it (the build said so)
        for path in files:
            try:
                found = PartFile(path)
            except (OSError, ValueError, EOFError, pickle.UnpicklingError) as exc:
                log.error("search: index part %s is unreadable (%s); it is indexed again next build", path, exc)
                shutil.rmtree(path.parent, ignore_errors=True)
                return None
            by_language.setdefault(found.header.language, []).append(found)
    return by_language


def _merge(tier: Tier, store: Path, folder: Path, runtime: list[Path]) -> bool:
    """Merge a tier's parts into the bundle in ``folder``; False if a part is missing."""
    by_language = _read_parts(tier, store)
    if by_language is None:
        return False
    level = FAST if tier.name == "recent" else SMALL
    languages, files = {}, set()
    include: list = []
    version = ""
    for language, found in sorted(by_language.items()):
        merged = merge_parts(found, folder, level=level, fragments=f"../../{FRAGMENTS}/")
        files |= merged.files
        head = found[0].header
        version, include = head.version, head.include_characters
        languages[language] = {"hash": merged.meta_name, "wasm": head.wasm, "page_count": merged.pages}
    names = _install(runtime, folder, [p.name for p in runtime])
    entry = {"version": version, "languages": languages, "include_characters": include}
    write_atomic(folder / ENTRY, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode())
    _sweep_bundle(folder, files | names)
    return True


def _fragments_of(tiers: list[Tier], store: Path) -> set[str]:
    names = set()
    for tier in tiers:
        for part in tier.parts:
            for path in _part_files(store, part.name):
                try:
                    names.update(f"{name}.pf_fragment" for name, _ in PartFile(path).header.pages)
                except (OSError, ValueError, EOFError, pickle.UnpicklingError):
                    continue
    return names


def _keep_runtime(fresh: Path, runtime: Path) -> None:
    """Pagefind's browser files (the same for every part): kept to install with the tiers."""
    runtime.mkdir(parents=True, exist_ok=True)
    for path in fresh.iterdir():
        if path.name in RUNTIME or (path.name.startswith("wasm.") and path.suffix == ".pagefind"):
            target = runtime / path.name
            if not target.exists() or not filecmp.cmp(path, target, shallow=False):
                shutil.copyfile(path, target)


def _install(runtime: list[Path], folder: Path, names) -> set[str]:
    installed = set()
    for path in runtime:
        if path.name in names:
            target = folder / path.name
            if not target.exists() or not filecmp.cmp(path, target, shallow=False):
                shutil.copyfile(path, target)
            installed.add(path.name)
    return installed


def _sweep(root: Path, tiers: set[str], fragments: set[str] | None) -> None:
    """Remove what the index no longer uses: tiers and bundles of earlier layouts, fragments of
    stories that changed or left (``fragments``: those still used; None when no part changed)."""
    for child in root.iterdir():
        if child.name in tiers or child.name in (FRAGMENTS, TIERS, "pagefind.js"):
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    for entry in os.scandir(root / FRAGMENTS) if fragments is not None else ():
        if entry.name not in fragments:
            os.unlink(entry.path)


def _sweep_bundle(folder: Path, files: set[str]) -> None:
    """Within a tier: chunks and metadata of its earlier merges."""
    for child in folder.iterdir():
        if child.is_dir():
            for entry in os.scandir(child):
                if f"{child.name}/{entry.name}" not in files:
                    os.unlink(entry.path)
        elif child.name != ENTRY and child.name not in files:
            child.unlink()


def _load(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        return data if isinstance(data, dict) else {}
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError):
        return {}


def _save(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps(data))
    except OSError as exc:
        log.warning("search: could not save %s: %s", path, exc)
