"""The served search index: parts indexed by Pagefind when their stories change, then joined
into the one bundle at ``output/pagefind/``.

What is kept between builds, per output folder, in ``<archive cache>/search-<key>/``: the
fingerprint each part was indexed from and the part itself (``parts.py``), and Pagefind's
browser files. A build indexes the parts whose fingerprint changed (a new story: the newest
small part), merges when any part changed, and removes whatever the bundle no longer uses
(fragments of changed stories, chunks of the previous merge, bundles of older layouts).
"""

from __future__ import annotations

import filecmp
import hashlib
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
from .plan import Part, plan_parts

log = logging.getLogger(__name__)
BUNDLE = "pagefind"  # the served bundle, under the output folder


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
    parts = plan_parts(stories, size, tail, version_key(*PART_CODE))
    if not parts:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(store, ignore_errors=True)
        return
    wanted = {p.name for p in parts}
    for name in list(kept):
        if name not in wanted:
            kept.pop(name)
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
        adopt(fresh, root / "fragment", [page_url(p) for p in part.pages], tmp)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
        _keep_runtime(fresh, store / "runtime")
        kept[part.name] = part.fingerprint

    indexed = time.perf_counter()
    failed = index_parts(binary, output, root, todo, done) if todo else []
    indexed = time.perf_counter() - indexed
    if failed:
        log.error("search: %d index part(s) failed; their stories are not searchable until the next build", len(failed))
    merged_key = hash((version_key(*MERGE_CODE), tuple(kept.get(p.name, 0) for p in parts)))
    merge_s = 0.0
    if merged_key != state.get("merged") or not (root / ENTRY).is_file():
        merge_s = time.perf_counter()
        _merge(parts, store, root)
        merge_s = time.perf_counter() - merge_s
        state["merged"] = merged_key
    state["parts"] = kept
    _save(store / "state.pickle", state)
    if todo or merge_s:
        log.info(
            "search: %d of %d index parts indexed (%.1f s), merged in %.1f s; %.1f s in all",
            len(todo) - len(failed), len(parts), indexed, merge_s, time.perf_counter() - started,
        )  # fmt: skip


def _part_files(store: Path, name: str) -> list[Path]:
    folder = store / "parts" / name
    return sorted(folder.glob("*.part")) if folder.is_dir() else []


def _merge(parts: list[Part], store: Path, root: Path) -> None:
    by_language: dict[str, list[PartFile]] = {}
    for part in parts:
        for path in _part_files(store, part.name):
            try:
                found = PartFile(path)
            except (OSError, ValueError, EOFError, pickle.UnpicklingError) as exc:
                log.error("search: index part %s is unreadable (%s); it is indexed again next build", path, exc)
                continue
            by_language.setdefault(found.header.language, []).append(found)
    languages, files, fragments = {}, set(), set()
    include: list = []
    version = ""
    for language, found in sorted(by_language.items()):
        merged = merge_parts(found, root)
        files |= merged.files
        fragments |= merged.fragments
        head = found[0].header
        version, include = head.version, head.include_characters
        languages[language] = {"hash": merged.meta_name, "wasm": head.wasm, "page_count": merged.pages}
    runtime = _install_runtime(store / "runtime", root)
    entry = {"version": version, "languages": languages, "include_characters": include}
    write_atomic(root / ENTRY, _json(entry))
    _sweep(root, files, fragments, runtime)


def _json(obj) -> bytes:
    import json

    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _keep_runtime(fresh: Path, runtime: Path) -> None:
    """Pagefind's browser files (the same for every part): kept to install with the merge."""
    runtime.mkdir(parents=True, exist_ok=True)
    for path in fresh.iterdir():
        if path.name in RUNTIME or (path.name.startswith("wasm.") and path.suffix == ".pagefind"):
            target = runtime / path.name
            if not target.exists() or not filecmp.cmp(path, target, shallow=False):
                shutil.copyfile(path, target)


def _install_runtime(runtime: Path, root: Path) -> set[str]:
    names = set()
    for path in runtime.iterdir() if runtime.is_dir() else ():
        names.add(path.name)
        target = root / path.name
        if not target.exists() or not filecmp.cmp(path, target, shallow=False):
            shutil.copyfile(path, target)
    return names


def _sweep(root: Path, files: set[str], fragments: set[str], runtime: set[str]) -> None:
    """Remove what the bundle no longer uses: chunks of earlier merges, fragments of stories
    that changed or left, folders of the earlier layout (one bundle per part)."""
    keep_top = {ENTRY, "index", "filter", "fragment"} | runtime | {f for f in files if "/" not in f}
    for child in root.iterdir():
        if child.name in keep_top:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    for folder in ("index", "filter"):
        for entry in os.scandir(root / folder):
            if f"{folder}/{entry.name}" not in files:
                os.unlink(entry.path)
    wanted = {f"{name}.pf_fragment" for name in fragments}
    for entry in os.scandir(root / "fragment"):
        if entry.name not in wanted:
            os.unlink(entry.path)


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
