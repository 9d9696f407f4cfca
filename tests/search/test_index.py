"""The search index in parts, merged into one Pagefind bundle (plugins/wire_search): the merge
says what Pagefind itself says of the same pages indexed at once, the same stories give the
same bytes, and a new story re-indexes one small part and leaves the bundle a fresh build
would write."""

from __future__ import annotations

import ast
import filecmp
import html
import json
import os
import shutil
from pathlib import Path

import pytest
from wire_search.bundle import ENTRY, read_cbor, read_entry, read_fragment, read_meta
from wire_search.index import BUNDLE, TIERS, store_for, update_index
from wire_search.merge import merge_parts
from wire_search.pagefind import pagefind_binary
from wire_search.parts import PartFile, adopt, page_url
from wire_search.plan import group_sizes, part_ranges, plan_parts, plan_tiers

from tests.support import ROOT

BINARY = pagefind_binary()
needs_pagefind = pytest.mark.skipif(BINARY is None, reason="pagefind-bin is not installed")

WORDS = [
    "minister", "harbour", "election", "inflation", "glacier", "ceasefire", "Zürich", "Zurich", "İzmir",
    "Ødegaard", "café", "cafe", "budget", "strike", "drought", "vaccine", "orbit", "tariff", "court", "river",
]  # fmt: skip
COUNTRIES = ["Pakistan", "Türkiye", "Chile", "Kenya"]
PEOPLE = ["Khawaja Asif", "Dörte Schäfer", "Selim Karaağaç", "Ana Núñez", "Lars Ødegaard"]


def story(i: int) -> tuple[str, str]:
    """(path under the site, HTML) of a small fictional story page marked up like the theme's."""
    words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(12 + i % 5)]
    body = " ".join(words) + f". Story number {i} ends here."
    chips = (
        "".join(
            f'<span data-pagefind-filter="country">{html.escape(c)}</span>'
            for c in COUNTRIES[i % 3 : i % 3 + 1 + i % 2]
        )
        + f'<a data-pagefind-filter="person">{html.escape(PEOPLE[i % len(PEOPLE)])}</a>'
    )
    extra = '<img data-pagefind-meta="image[src]" src="/x.png" alt="">' if i % 4 == 0 else ""
    page = (
        f'<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><article data-pagefind-body>'
        f'<p data-pagefind-ignore>kicker</p><h1 data-pagefind-meta="title">Headline {i} {words[0]}</h1>{extra}'
        f'<p data-pagefind-ignore><time data-pagefind-sort="date:2026-01-{1 + i // 3:02d}" '
        f'data-pagefind-meta="date:202601{1 + i // 3:02d}">day</time></p><p>{html.escape(body)}</p>'
        f"<footer data-pagefind-ignore>{chips}</footer></article></body></html>"
    )
    return f"2026/01/story-{i:03d}/index.html", page


def write_site(root: Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        path, page = story(i)
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


def pagefind(site: Path, pages: list[str], out: Path) -> Path:
    import subprocess

    staging = out.with_name(out.name + "-site")
    for page in pages:
        (staging / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / page, staging / page)
    subprocess.run([BINARY, "--site", str(staging), "--output-path", str(out), "--silent"], check=True)
    return out


def semantic(root: Path) -> dict:
    """What a bundle says, by page URL instead of page number: every word's pages with their
    locations, every filter value's pages, the meta fields, the page word counts."""
    entry = read_entry(root)
    meta = read_meta(root / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    fragment = [os.path.normpath(root / "fragment" / f"{name}.pf_fragment") for name, _ in meta.pages]
    urls = [read_fragment(Path(path).read_bytes())["url"] for path in fragment]

    def by_url(entries, fields):
        out, page = set(), 0
        for number, locs, meta_locs in entries:
            page += number
            named = tuple(fields[-x - 1] if x < 0 else x for x in meta_locs)
            out.add((urls[page], tuple(locs), named))
        return frozenset(out)

    words = {}
    for _, _, chunk in meta.index_chunks:
        for word, pages, variants in read_cbor(root / "index" / f"{chunk}.pf_index")[0]:
            words[word] = (by_url(pages, meta.meta_fields), {f: by_url(v, meta.meta_fields) for f, v in variants})
    filters = {}
    for name, chunk in meta.filters:
        _, values = read_cbor(root / "filter" / f"{chunk}.pf_filter")
        filters[name] = {value: frozenset(urls[p] for p in pages) for value, pages in values}
    return {
        "pages": sorted(zip(urls, (wc for _, wc in meta.pages), strict=True)),
        "words": words,
        "filters": filters,
        "sorts": {name: [urls[p] for p in pages] for name, pages in meta.sorts},
        "meta_fields": meta.meta_fields,
    }


def merged_bundle(site: Path, pages: list[str], cuts: list[int], work: Path) -> Path:
    served = work / "served"
    parts = []
    for i, (start, end) in enumerate(zip([0, *cuts], [*cuts, len(pages)], strict=True)):
        fresh = pagefind(site, pages[start:end], work / f"fresh{i}")
        adopt(fresh, served / "fragment", [page_url(p) for p in pages[start:end]], work / f"part{i}")
        parts.append(PartFile(work / f"part{i}" / "en.part"))
    merged = merge_parts(parts, served)
    entry = {
        "version": "1.5.2",
        "languages": {"en": {"hash": merged.meta_name, "wasm": "en", "page_count": merged.pages}},
    }
    (served / ENTRY).write_text(json.dumps(entry))
    return served


@needs_pagefind
def test_merged_parts_say_what_pagefind_says_of_the_whole(tmp_path):
    site = tmp_path / "site"
    pages = write_site(site, 14)
    whole = semantic(pagefind(site, pages, tmp_path / "whole"))
    merged = semantic(merged_bundle(site, pages, [1, 4, 9], tmp_path / "merged"))
    assert merged["words"] == whole["words"]
    assert any(variants for _, variants in whole["words"].values())  # diacritics were exercised
    assert merged["filters"] == whole["filters"] and set(whole["filters"]) == {"country", "person"}
    assert merged["pages"] == whole["pages"] and merged["meta_fields"] == whole["meta_fields"]
    assert "image" in whole["meta_fields"]  # a meta field only some parts have
    # the date order is the archive's order (pages are handed oldest first), which Pagefind's
    # order by the date values agrees with up to ties
    assert merged["sorts"]["date"] == [page_url(p) for p in pages]
    day = {page_url(p): p for p in pages}
    assert [day[u][:10] for u in whole["sorts"]["date"]] == [day[u][:10] for u in merged["sorts"]["date"]]


@needs_pagefind
def test_the_same_stories_give_the_same_bytes(tmp_path):
    site = tmp_path / "site"
    pages = write_site(site, 10)
    a = merged_bundle(site, pages, [4], tmp_path / "a")
    b = merged_bundle(site, pages, [4], tmp_path / "b")
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


def test_search_parts_full_ones_then_small_ones_for_the_newest():
    assert part_ranges(0, 4000, 500) == []
    assert part_ranges(1200, 4000, 500) == [(0, 500, 500), (500, 1000, 500), (1000, 1200, 500)]
    parts = part_ranges(9100, 4000, 500)
    assert parts[:2] == [(0, 4000, 4000), (4000, 8000, 4000)]
    assert parts[2:] == [(8000, 8500, 500), (8500, 9000, 500), (9000, 9100, 500)]
    for n in range(1, 9000, 37):  # one more story changes only the last part (or completes a full one)
        before, after = part_ranges(n, 4000, 500), part_ranges(n + 1, 4000, 500)
        same = [p for p in after if p in before]
        assert len(after) - len(same) == 1 or (n + 1) % 4000 == 0


def test_a_part_fingerprint_follows_its_stories_keys():
    stories = [(f"s{i}/index.html", i) for i in range(10)]
    a = plan_parts(stories, 4, 2, version=1)
    changed = plan_parts([*stories[:9], ("s9/index.html", 99)], 4, 2, version=1)
    assert [p.name for p in a] == ["0000000-4", "0000004-4", "0000008-2"]
    assert [p.fingerprint for p in a[:2]] == [p.fingerprint for p in changed[:2]]
    assert a[2].fingerprint != changed[2].fingerprint
    assert all(x.fingerprint != y.fingerprint for x, y in zip(a, plan_parts(stories, 4, 2, version=2), strict=True))


def served(site: Path) -> dict:
    return json.loads((site / BUNDLE / TIERS).read_text())


def tier_words(site: Path) -> dict:
    """Every word's pages (by URL) over all tiers."""
    words: dict = {}
    for tier in served(site)["tiers"]:
        for word, (pages, _) in semantic(site / BUNDLE / tier["path"])["words"].items():
            words.setdefault(word, set()).update(url for url, _, _ in pages)
    return words


@needs_pagefind
def test_a_new_story_reindexes_one_part_merges_one_tier_and_matches_a_fresh_build(tmp_path):
    site = tmp_path / "site"
    pages = write_site(site, 13)
    stories = [(p, i) for i, p in enumerate(pages)]
    cache = tmp_path / "cache"
    (site / BUNDLE / "0000000-500").mkdir(parents=True)  # a bundle of the earlier layout
    update_index(BINARY, site, store_for(cache, site), stories[:12], 4, 2)
    assert not (site / BUNDLE / "0000000-500").exists()
    # three full parts of 4, grouped 2 + 1 (the newest group is one part), listed newest first
    tiers = served(site)["tiers"]
    assert [t["path"] for t in tiers] == ["0000008-4/", "0000000-8/"] and sum(t["stories"] for t in tiers) == 12
    parts_before = {p.name: p.stat().st_mtime_ns for p in (store_for(cache, site) / "parts").iterdir()}
    fragments_before = set((site / BUNDLE / "fragment").iterdir())
    old_tiers = {t["path"]: (site / BUNDLE / t["path"] / "pagefind-entry.json").read_bytes() for t in tiers}

    update_index(BINARY, site, store_for(cache, site), stories, 4, 2)  # one new story
    parts_after = {p.name: p.stat().st_mtime_ns for p in (store_for(cache, site) / "parts").iterdir()}
    assert [n for n in parts_after if parts_after[n] != parts_before.get(n)] == ["0000012-2"]
    assert len(set((site / BUNDLE / "fragment").iterdir()) - fragments_before) == 1
    tiers = served(site)["tiers"]
    assert tiers[0] == {"path": "recent/", "stories": 1}  # newest first
    for path, entry in old_tiers.items():  # the older tiers were not merged again
        assert (site / BUNDLE / path / "pagefind-entry.json").read_bytes() == entry
    assert tier_words(site)["12"] == {page_url(pages[12])}  # "Story number 12"

    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(BUNDLE))
    update_index(BINARY, fresh, store_for(tmp_path / "cache2", fresh), stories, 4, 2)
    ours = sorted(p.relative_to(site / BUNDLE) for p in (site / BUNDLE).rglob("*") if p.is_file())
    theirs = sorted(p.relative_to(fresh / BUNDLE) for p in (fresh / BUNDLE).rglob("*") if p.is_file())
    assert ours == theirs
    assert all(filecmp.cmp(site / BUNDLE / f, fresh / BUNDLE / f, shallow=False) for f in ours)


@needs_pagefind
def test_an_edited_story_is_found_by_its_new_words_only(tmp_path):
    site = tmp_path / "site"
    pages = write_site(site, 6)
    stories = [(p, i) for i, p in enumerate(pages)]
    store = store_for(tmp_path / "cache", site)
    update_index(BINARY, site, store, stories, 4, 2)
    target = site / pages[1]
    target.write_text(target.read_text(encoding="utf-8").replace("Story number 1 ", "Story number 1 zeppelin "))
    update_index(BINARY, site, store, [*stories[:1], (pages[1], 100), *stories[2:]], 4, 2)
    assert tier_words(site)["zeppelin"] == {page_url(pages[1])}
    fragments = [read_fragment(p.read_bytes()) for p in (site / BUNDLE / "fragment").iterdir()]
    assert len(fragments) == 6 and sum("zeppelin" in f["content"] for f in fragments) == 1


@needs_pagefind
def test_no_stories_no_bundle(tmp_path):
    site = tmp_path / "site"
    pages = write_site(site, 3)
    store = store_for(tmp_path / "cache", site)
    update_index(BINARY, site, store, [(p, i) for i, p in enumerate(pages)], 4, 2)
    assert served(site)["tiers"] == [{"path": "recent/", "stories": 3}]
    update_index(BINARY, site, store, [], 4, 2)
    assert not (site / BUNDLE).exists()


def test_tiers_grow_with_the_logarithm_of_the_archive():
    stories = [(f"s{i}/index.html", i) for i in range(100_000)]
    tiers = plan_tiers(plan_parts(stories, 4000, 500))
    assert [t.stories for t in tiers] == [32000, 32000, 16000, 8000, 8000, 4000]
    assert len(plan_tiers(plan_parts(stories[:19_608], 4000, 500))) == 4
    for n in range(1, 60):  # the newest full group is always one part; at most two groups of a size
        sizes = group_sizes(n)
        assert sizes[-1] == 1 and sizes == sorted(sizes, reverse=True) and sum(sizes) == n
        assert max(sizes.count(s) for s in sizes) <= 2


def test_wire_search_depends_on_the_generator_only_through_its_signal():
    plugin = ROOT / "plugins" / "wire_search"
    imported = set()
    for path in plugin.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
    assert not imported & {"wire_archive", "wire_ingest"}, imported
