"""``python -m bench --n N [--runs R]`` (``make bench N=...``): the archive-scale benchmark.

1. a synthetic raw-wire corpus of N items (``bench/corpus.py``) in ``bench/work/N/wire/``,
   reused when one of the same N, seed and generator exists;
2. a scratch site in ``bench/work/N/site/`` (plugins and themes linked, settings and pages
   copied) whose ``content/wire/`` is that corpus, so the seed stories are left out;
3. measured, each command a separate subprocess (``bench/measure.py``): (a) cold ingest,
   (b) full build from the warm extraction cache, (c) incremental build after dropping one new
   wire file, with the check that it equals a full rebuild byte for byte, (d) peak memory of
   each, (e) plain Pelican 4 on the same posts with entities as tags; (b) and (e) alternate;
4. ``bench/results.json`` (also kept as ``bench/work/N/results.json``) and a table on stdout.

With ``--scheduler ADDRESS`` (``make bench SCHEDULER=local``), the cold ingest (a) also runs on
that Dask cluster, alternating with the built-in pool run for run, and the extraction throughput
of both is reported with their ratio, and whether the cluster's posts are the pool's byte for byte.
``--extract-only`` stops after (a).

Site output goes to tmpfs (``/dev/shm``) when there is one, as in the reference measurements
(``docs/performance.md``); sources, posts and the extraction cache stay on disk.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from . import search as bench_search
from .corpus import DEFAULT_SEED, write_corpus
from .measure import BenchError, Measurement, run_measured

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results.json"
PY = sys.executable


def log(msg: str) -> None:
    print(msg, flush=True)


# --- the scratch sites -----------------------------------------------------------------------


def make_site(site: Path, corpus: Path, link_code: bool = False) -> str:
    """Like tests/sitebuild.make_site, with the corpus as content/wire (hard links when possible).

    plugins/ and themes/ are copied, not linked, unless ``link_code``: the benchmark then measures
    one version of the code even while the working tree is being edited (a change to the
    extractor's code would also change its fingerprint and empty the cache mid-run). Returns a
    digest of the copied code."""
    if site.exists():
        shutil.rmtree(site)
    (site / "content" / "posts").mkdir(parents=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in ("plugins", "themes"):
        if link_code:
            (site / name).symlink_to(ROOT / name)
        else:
            shutil.copytree(ROOT / name, site / name, ignore=skip)
    shutil.copy(ROOT / "pelicanconf.py", site / "pelicanconf.py")
    if (ROOT / "content" / "pages").is_dir():
        shutil.copytree(ROOT / "content" / "pages", site / "content" / "pages")
    if (ROOT / "content" / "entities.yaml").exists():
        shutil.copy(ROOT / "content" / "entities.yaml", site / "content" / "entities.yaml")
    wire = site / "content" / "wire"
    wire.mkdir()
    for path in sorted((corpus / "wire").glob("*.txt")):
        try:
            os.link(path, wire / path.name)
        except OSError:
            shutil.copy2(path, wire / path.name)
    return code_digest(site)


def code_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for name in ("plugins", "themes", "pelicanconf.py"):
        base = site / name
        for path in sorted([base] if base.is_file() else base.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def cache_rows(cache: Path) -> int:
    if not cache.exists():
        return 0
    db = sqlite3.connect(str(cache))
    try:
        return db.execute("SELECT count(*) FROM extraction").fetchone()[0]
    except sqlite3.DatabaseError:
        return 0
    finally:
        db.close()


def reset(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


BASELINE_CONF = '''"""Plain Pelican on the benchmark's posts: default theme, entities as tags (bench/__main__.py)."""

AUTHOR = ""
SITENAME = "Baseline"
SITEURL = "https://example.org"  # feeds want one; as in the reference measurements
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 20
PLUGINS = []
'''


def make_baseline(posts: Path, target: Path) -> int:
    """Our generated posts as plain Pelican Markdown: Title/Date/Slug/Summary and ``Tags:`` =
    tagged countries + people + topic labels (separated by ``;``: topic labels contain commas)."""
    from wire_core.post_file import split_post

    names = _country_names()
    reset(target)
    content = target / "content"
    content.mkdir(parents=True)
    (target / "pelicanconf.py").write_text(BASELINE_CONF)
    count = 0
    for path in sorted(posts.glob("*.md")):
        front, body = split_post(path.read_text(encoding="utf-8"))
        tags = [names.get(c, c) for c in front.get("countries") or []]
        tags += list(front.get("people") or [])
        tags += [t["label"] for t in front.get("topics") or [] if isinstance(t, dict)]
        tags = list(dict.fromkeys(t.replace(";", ",") for t in tags if t))
        date = front["date"]
        date = date.isoformat() if hasattr(date, "isoformat") else str(date)
        head = [
            f"Title: {_one_line(front['title'])}",
            f"Date: {date}",
            f"Slug: {front.get('slug') or path.stem}",
            f"Tags: {'; '.join(tags)}" if tags else "",
            f"Summary: {_one_line(front.get('summary') or '')}",
        ]
        text = "\n".join(h for h in head if h) + "\n\n" + body.lstrip("\n")
        (content / path.name).write_text(text, encoding="utf-8")
        count += 1
    return count


def _one_line(text) -> str:
    return " ".join(str(text).split())


def _country_names() -> dict[str, str]:
    from wire_core.vocabularies import country_names

    return {code: row[0] for code, row in country_names().items()}


# --- output trees ----------------------------------------------------------------------------


def tree_stats(root: Path) -> dict:
    files = html = size = 0
    for path in root.rglob("*"):
        if path.is_file():
            files += 1
            html += path.suffix == ".html"
            size += path.stat().st_size
    return {"files": files, "html_pages": html, "mib": round(size / 2**20, 1)}


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for path in root.rglob("*"):
        if path.is_file():
            st = path.stat()
            out[path.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_ino)
    return out


def tree_digest(root: Path) -> str:
    """One digest of every file's path and bytes under ``root``."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def compare_trees(incremental: Path, full: Path) -> dict:
    """Byte comparison of the incremental output with a full rebuild, pagefind/ reported apart.

    Pagefind 1.5 is not byte-reproducible even between two runs over identical HTML (its filter
    and index chunks come out in a different order), and files of an older index stay in a
    reused output folder. So for pagefind/ the per-page fragments, named by a hash of their
    content, are compared as well: equal fragment sets mean the same pages with the same text
    and filters were indexed."""
    fa, fb = set(snapshot(incremental)), set(snapshot(full))
    out = {}
    for label in ("site", "pagefind"):
        keep = (lambda p: not p.startswith("pagefind/")) if label == "site" else (lambda p: p.startswith("pagefind/"))
        sa, sb = {p for p in fa if keep(p)}, {p for p in fb if keep(p)}
        differ = [p for p in sorted(sa & sb) if not filecmp.cmp(incremental / p, full / p, shallow=False)]
        out[label] = {
            "identical": not differ and sa == sb,
            "files": len(sb),
            "differ": len(differ),
            "only_incremental": len(sa - sb),
            "only_full": len(sb - sa),
            "examples": (differ[:5] + sorted(sa - sb)[:3] + sorted(sb - sa)[:3]),
        }
    frag_a = {p for p in fa if p.startswith("pagefind/") and "/fragment/" in p}
    frag_b = {p for p in fb if p.startswith("pagefind/") and "/fragment/" in p}
    out["pagefind"]["fragments"] = len(frag_b)
    out["pagefind"]["fragments_identical"] = frag_b <= frag_a and all(
        filecmp.cmp(incremental / p, full / p, shallow=False) for p in frag_b
    )
    out["pagefind"]["stale_fragments"] = len(frag_a - frag_b)
    return out


# --- steps -----------------------------------------------------------------------------------


class Bench:
    def __init__(self, args):
        self.args = args
        self.n = args.n
        name = str(self.n) if args.seed == DEFAULT_SEED else f"{self.n}-seed{args.seed}"
        self.work = Path(args.work) / name
        self.site = self.work / "site"
        self.logs = self.work / "logs"
        shm = Path("/dev/shm")
        if args.out_root:
            self.out_root = Path(args.out_root) / name
        elif shm.is_dir() and os.access(shm, os.W_OK):
            # one folder per checkout: two checkouts benchmarked at once must not share an output
            checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:8]
            self.out_root = shm / f"wire-bench-{os.getuid()}-{checkout}" / name
        else:
            self.out_root = self.work / "out"
        self.out = self.out_root / "site"
        plain = {k: v for k, v in os.environ.items() if k != "WIRE_EXTRACT_SCHEDULER"}
        self.env = {**plain, "PYTHONPATH": str(self.site / "plugins"), "COLUMNS": "1000"}
        self.plain_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        scale = args.timeout_scale
        self.t_ingest = scale * max(600, 0.6 * self.n)
        self.t_build = scale * max(600, 0.15 * self.n)
        self.steps: list[Measurement] = []
        self.search_builds: dict[str, dict | None] = {}  # what the search index did in each pelican step

    def run(self, step: str, cmd: list[str], cwd: Path, timeout: float, env=None) -> Measurement:
        m = run_measured(step, cmd, cwd, self.logs / f"{step}.log", env=env or self.env, timeout=timeout)
        self.steps.append(m)
        log(f"  {step:<24} {m.wall_s:8.2f} s   peak {m.maxrss_mib:7.0f} MiB")
        return m

    def ingest(self, step: str, scheduler: str | None = None) -> tuple[Measurement, dict]:
        env = {**self.env, "WIRE_EXTRACT_SCHEDULER": scheduler} if scheduler else None
        cmd = [PY, "-m", "wire_ingest", "ingest", "--config", "pelicanconf.py"]
        m = self.run(step, cmd, self.site, self.t_ingest, env=env)
        return m, ingest_report(Path(m.log))

    def pelican(self, step: str, out: Path, timeout: float | None = None, cache: Path | None = None) -> Measurement:
        # -e takes JSON values
        extra = ["WIRE_INGEST=false"] + ([f"ARCHIVE_CACHE_PATH={json.dumps(str(cache))}"] if cache else [])
        cmd = [PY, "-m", "pelican", "content", "-o", str(out), "-s", "pelicanconf.py", "-e", *extra]
        m = self.run(step, cmd, self.site, timeout or self.t_build)
        self.search_builds[step] = search_stats(cache or self.site / ".cache" / "site", out)
        return m

    def main(self) -> dict:
        try:
            return self._main()
        finally:
            if not self.args.keep_output and self.out_root.exists():
                reset(self.out_root)  # tmpfs is RAM

    def _main(self) -> dict:
        args, n = self.args, self.n
        started = datetime.now(UTC)
        load_before = os.getloadavg()
        self.logs.mkdir(parents=True, exist_ok=True)
        manifest = write_corpus(self.work, n, args.seed, extra=max(args.runs, 1), log=log)
        words = manifest["words_story"]
        self.code = make_site(self.site, self.work, link_code=args.link_code)
        reset(self.out_root)
        self.out_root.mkdir(parents=True)
        log(f"site: {self.site}   output: {self.out_root}")
        posts, cache = self.site / "content" / "posts", self.site / ".cache"
        db = cache / "extract.sqlite"

        extract, cluster = self.cold_ingests(posts, cache)
        report = extract[-1][1]
        n_posts = len(list(posts.glob("*.md")))
        if n_posts == 0:
            raise BenchError("(a) the ingest wrote no posts")
        extract_s = statistics.median(m.wall_s for m, _ in extract)
        if args.extract_only:
            return self.extraction_results(started, load_before, manifest, words, n_posts, extract, cluster)

        log("(e) plain Pelican baseline: converting the posts")
        baseline = self.work / "baseline"
        n_baseline = make_baseline(posts, baseline)
        baseline_out = self.out_root / "baseline"

        log(f"(b)+(e) full build from the warm cache, alternating with plain Pelican, {args.runs} runs")
        build, plain = [], []
        for r in range(args.runs):
            reset(self.out)
            reset(posts)
            reset(cache / "site")  # the archive's own memory of posts and pages: a full build starts without it
            reset(cache / "pelican")
            posts.mkdir()
            rows = cache_rows(db)
            mi, rep = self.ingest(f"b-ingest-warm-{r + 1}")
            if cache_rows(db) != rows:
                raise BenchError(
                    f"(b) the warm ingest extracted again ({cache_rows(db) - rows} new cache entries): the extractor's "
                    "fingerprint changed during the run (was the code linked with --link-code and edited?)"
                )
            if rep.get("new", 0) != report.get("new", 0):
                log(f"  warning: the warm ingest reports {rep}, the cold one {report}")
            mp = self.pelican(f"b-pelican-full-{r + 1}", self.out)
            build.append((mi, mp))
            if not args.no_baseline:
                reset(baseline_out)
                cmd = [PY, "-m", "pelican", "content", "-o", str(baseline_out), "-s", "pelicanconf.py"]
                plain.append(self.run(f"e-pelican-plain-{r + 1}", cmd, baseline, self.t_build, env=self.plain_env))
        site_stats = tree_stats(self.out)
        baseline_stats = tree_stats(baseline_out) if plain else None

        log(f"(c) incremental: one new wire file, ingest + pelican into the existing output, {args.runs} runs")
        incremental, written = [], []
        extras = sorted((self.work / "extra").glob("*.txt"))[: args.runs]
        for r, extra in enumerate(extras):
            shutil.copy(extra, self.site / "content" / "wire" / extra.name)
            before = snapshot(self.out)
            mi, rep = self.ingest(f"c-ingest-incr-{r + 1}")
            mp = self.pelican(f"c-pelican-incr-{r + 1}", self.out)
            after = snapshot(self.out)
            changed = sum(1 for p, v in after.items() if before.get(p) != v)
            written.append({"file": extra.name, "ingest": rep, "files_written": changed, "files": len(after)})
            incremental.append((mi, mp))

        log("check: a full rebuild of the same posts into a fresh folder, compared byte for byte")
        check_out = self.out_root / "check"
        reset(check_out)
        check_cache = self.work / "check-cache"  # nothing remembered from the incremental builds
        reset(check_cache)
        check = self.pelican("check-pelican-full", check_out, cache=check_cache)
        reset(check_cache)
        comparison = compare_trees(self.out, check_out)

        search = None
        if not args.no_search:
            log("search: first results in headless Chromium over the incremental output (bench/search.py)")
            search = bench_search.measure(self.out)
            bench_search.print_table(search)

        profile = None
        if args.profile:  # last: it rewrites the posts and forgets the site caches (c) relies on
            log("profile: cProfile of the warm full build (ingest + pelican)")
            profile = self.profile(posts)

        results = self.results(
            started, load_before, manifest, words, n_posts, n_baseline, report, extract, extract_s,
            build, plain, incremental, written, check, comparison, site_stats, baseline_stats, profile,
        )  # fmt: skip
        results["search"] = search
        results["search_index"] = self.search_builds
        results["extract_cluster"] = self.cluster_results(words, extract, cluster)
        return results

    def cold_ingests(self, posts: Path, cache: Path) -> tuple[list, dict]:
        """(a): the cold ingest ``--extract-runs`` times; with ``--scheduler`` as many on the
        cluster, alternating (pool, cluster, cluster, pool, ...: each backend goes first in turn),
        the posts of every run compared with the first pool run's. The cache the later steps use
        is the last run's (the same entries whichever made it)."""
        args = self.args
        on = f", alternating with the Dask cluster at {args.scheduler}" if args.scheduler else ""
        log(f"(a) cold ingest (extraction){on}")
        pool, cluster, loads, digests = [], [], {None: [], args.scheduler: []}, {None: [], args.scheduler: []}
        for r in range(args.extract_runs):
            order = ([None, args.scheduler] if r % 2 == 0 else [args.scheduler, None]) if args.scheduler else [None]
            for scheduler in order:
                reset(cache)
                reset(posts)
                posts.mkdir()
                loads[scheduler].append(round(os.getloadavg()[0], 2))
                m = self.ingest(f"a-ingest-{'cluster' if scheduler else 'cold'}-{r + 1}", scheduler)
                (cluster if scheduler else pool).append(m)
                digests[scheduler].append(tree_digest(posts))
        identical = len({*digests[None], *digests[args.scheduler]}) == 1
        return pool, {"runs": cluster, "identical": identical, "load": loads[args.scheduler], "pool_load": loads[None]}

    def cluster_results(self, words: int, extract: list, cluster: dict) -> dict | None:
        """The cluster's throughput beside the pool's, from the runs of (a)."""
        if not self.args.scheduler:
            return None
        pool_s = [m.wall_s for m, _ in extract]
        cluster_s = [m.wall_s for m, _ in cluster["runs"]]
        pool_wps, cluster_wps = words / statistics.median(pool_s), words / statistics.median(cluster_s)
        return {
            "scheduler": self.args.scheduler,
            "posts_identical_to_pool": cluster["identical"],
            "pool_words_per_s": _r(pool_wps, 0),
            "cluster_words_per_s": _r(cluster_wps, 0),
            "ratio": _r(cluster_wps / pool_wps, 3),
            "ratio_paired": _spread([p / c for p, c in zip(pool_s, cluster_s, strict=False)], 3),
            "pool_s": _spread(pool_s),
            "cluster_s": _spread(cluster_s),
            "pool_cpu_s": _spread([m.user_s + m.sys_s for m, _ in extract]),
            "cluster_cpu_s": _spread([m.user_s + m.sys_s for m, _ in cluster["runs"]]),
            "pool_load_at_start": cluster["pool_load"],
            "cluster_load_at_start": cluster["load"],
        }

    def extraction_results(self, started, load_before, manifest, words, n_posts, extract, cluster) -> dict:
        """``--extract-only``: the figures of (a) alone."""
        extract_s = statistics.median(m.wall_s for m, _ in extract)
        return {
            **extraction_figures(self.n, n_posts, words, extract_s),
            "extract_cluster": self.cluster_results(words, extract, cluster),
            "timings": {"extract_s": _spread([m.wall_s for m, _ in extract])},
            "cpu_s": {"extract": _r(statistics.median(m.user_s + m.sys_s for m, _ in extract))},
            "rss_mib": {"extract": max(m.maxrss_mib for m, _ in extract)},
            "corpus": {k: v for k, v in manifest.items() if k not in ("topics",)},
            "extract_runs": self.args.extract_runs,
            "extract_only": True,
            "code_digest": self.code,
            "steps": [{**m.as_dict(), "log": repo_path(Path(m.log))} for m in self.steps],
            "machine": machine_info(load_before),
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        }

    def profile(self, posts: Path) -> dict:
        out = self.out_root / "profile"
        reset(out)
        reset(posts)
        reset(self.site / ".cache" / "site")
        posts.mkdir()
        files = {}
        for name, cmd in (
            ("ingest", ["-m", "wire_ingest", "ingest", "--config", "pelicanconf.py"]),
            (
                "pelican",
                ["-m", "pelican", "content", "-o", str(out), "-s", "pelicanconf.py", "-e", "WIRE_INGEST=false"],
            ),
        ):
            prof = self.work / f"profile-{name}.prof"
            m = self.run(f"profile-{name}", [PY, "-m", "cProfile", "-o", str(prof), *cmd], self.site, 3 * self.t_build)
            text = self.work / f"profile-{name}.txt"
            write_profile_text(prof, text)
            files[name] = {"wall_s": round(m.wall_s, 2), "prof": str(prof), "text": str(text)}
        reset(out)
        return files

    def results(
        self, started, load_before, manifest, words, n_posts, n_baseline, report, extract, extract_s,
        build, plain, incremental, written, check, comparison, site_stats, baseline_stats, profile,
    ) -> dict:  # fmt: skip
        build_s = [mi.wall_s + mp.wall_s for mi, mp in build]
        incr_s = [mi.wall_s + mp.wall_s for mi, mp in incremental]
        plain_s = [m.wall_s for m in plain]
        paired = [b / p for b, p in zip(build_s, plain_s, strict=False)]
        rss = {
            "extract": max(m.maxrss_mib for m, _ in extract),
            "build": max(max(mi.maxrss_mib, mp.maxrss_mib) for mi, mp in build),
            "incremental": max((max(mi.maxrss_mib, mp.maxrss_mib) for mi, mp in incremental), default=None),
            "baseline": max((m.maxrss_mib for m in plain), default=None),
        }
        pss = {
            "extract": _max(m.tree_pss_mib for m, _ in extract),
            "build": _max(x.tree_pss_mib for pair in build for x in pair),
            "incremental": _max(x.tree_pss_mib for pair in incremental for x in pair),
            "baseline": _max(m.tree_pss_mib for m in plain),
        }
        ours = [v for k, v in rss.items() if k != "baseline" and v is not None]
        res = {
            **extraction_figures(self.n, n_posts, words, extract_s),
            "build_s": _r(statistics.median(build_s)),
            "pelican_baseline_s": _r(statistics.median(plain_s)) if plain_s else None,
            "build_ratio": _r(statistics.median(build_s) / statistics.median(plain_s), 3) if plain_s else None,
            "incremental_s": _r(statistics.median(incr_s)) if incr_s else None,
            "incremental_identical": comparison["site"]["identical"],
            "incremental_pagefind_identical": comparison["pagefind"]["identical"],
            "incremental_pagefind_fragments_identical": comparison["pagefind"]["fragments_identical"],
            "peak_rss_mib": _r(max(ours), 1),
            "rss_mib": {k: _r(v, 1) for k, v in rss.items()},
            "tree_pss_peak_mib": {k: _r(v, 1) for k, v in pss.items()},
            "timings": {
                "extract_s": _spread([m.wall_s for m, _ in extract]),
                "build_s": _spread(build_s),
                "build_ingest_s": _spread([mi.wall_s for mi, _ in build]),
                "build_pelican_s": _spread([mp.wall_s for _, mp in build]),
                "pelican_baseline_s": _spread(plain_s),
                "build_ratio_paired": _spread(paired, 3),
                "incremental_s": _spread(incr_s),
                "incremental_ingest_s": _spread([mi.wall_s for mi, _ in incremental]),
                "incremental_pelican_s": _spread([mp.wall_s for _, mp in incremental]),
                "check_full_rebuild_pelican_s": _r(check.wall_s),
            },
            "cpu_s": {
                "extract": _r(statistics.median(m.user_s + m.sys_s for m, _ in extract)),
                "build": _r(statistics.median(mi.user_s + mi.sys_s + mp.user_s + mp.sys_s for mi, mp in build)),
                "baseline": _r(statistics.median(m.user_s + m.sys_s for m in plain)) if plain else None,
            },
            "ingest_report": report,
            "incremental_runs": written,
            "incremental_check": comparison,
            "output": {"site": site_stats, "baseline": baseline_stats, "baseline_posts": n_baseline},
            "corpus": {k: v for k, v in manifest.items() if k not in ("topics",)},
            "runs": self.args.runs,
            "extract_runs": self.args.extract_runs,
            "output_on_tmpfs": str(self.out_root).startswith("/dev/shm"),
            "work_dir": repo_path(self.work),
            "code_digest": self.code,
            "profile": profile,
            "steps": [{**m.as_dict(), "log": repo_path(Path(m.log))} for m in self.steps],
            "machine": machine_info(load_before),
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        return res


def extraction_figures(n: int, n_posts: int, words: int, extract_s: float) -> dict:
    """The cold ingest's throughput, as results.json records it."""
    return {
        "n": n,
        "posts": n_posts,
        "words": words,
        "extract_s": _r(extract_s),
        "extract_articles_per_s": _r(n_posts / extract_s, 2),
        "extract_words_per_s": _r(words / extract_s, 0),
    }


def repo_path(path: Path) -> str | None:
    """A path as recorded in results.json: relative to the repository, or None when outside it
    (results.json is committed: it says nothing about the machine's folders)."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return None


def search_stats(cache: Path, out: Path) -> dict | None:
    """What the search index did in the last build into ``out`` (plugins/wire_search)."""
    from wire_search.index import store_for

    try:
        return json.loads((store_for(cache, out) / "stats.json").read_text())
    except (OSError, ValueError):
        return None


def _r(value, digits: int = 3):
    return None if value is None else round(value, digits)


def _max(values):
    values = [v for v in values if v is not None]
    return max(values) if values else None


def _spread(values: list[float], digits: int = 3) -> dict | None:
    if not values:
        return None
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "runs": [round(v, digits) for v in values],
    }


_REPORT = re.compile(r"^ingest: (?P<counts>.*?)(?: in (?P<s>[\d.]+) s)?$", re.MULTILINE)


def ingest_report(log_path: Path) -> dict:
    """The counts of the ingest's report line: ``ingest: 1960 new, 0 updated, ... in 41.2 s``."""
    m = _REPORT.search(log_path.read_text(encoding="utf-8", errors="replace"))
    if not m:
        raise BenchError(f"no report line in {log_path}")
    counts = {}
    for part in m.group("counts").split(","):
        num, _, status = part.strip().partition(" ")
        if num.isdigit():
            counts[status] = int(num)
    if m.group("s"):
        counts["reported_s"] = float(m.group("s"))
    return counts


def write_profile_text(prof: Path, out: Path, top: int = 40) -> None:
    import io
    import pstats

    buf = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    out.write_text(buf.getvalue())


def machine_info(load_before) -> dict:
    def version(dist: str):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return None

    cpu = mem = None
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as fh:
        cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), None)
    with contextlib.suppress(ValueError, OSError):
        mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)

    def git(*cmd: str) -> str | None:
        try:
            return subprocess.run(["git", "-C", str(ROOT), *cmd], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return None

    commit = (git("rev-parse", "--short", "HEAD") or "").strip() or None
    status = git("status", "--porcelain", "--", "plugins", "themes", "pelicanconf.py")
    return {
        "nproc": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "mem_gib": mem,
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "markdown": version("markdown"),
        "jinja2": version("jinja2"),
        "spacy": version("spacy"),
        "pagefind_bin": version("pagefind_bin"),
        "platform": platform.platform(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "git_commit": commit,
        "git_dirty_code": bool(status.strip()) if status is not None else None,
    }


def print_cluster(res: dict) -> None:
    c = res.get("extract_cluster")
    if not c:
        return
    paired = c["ratio_paired"]
    print(
        f"extraction on the Dask cluster ({c['scheduler']}): {c['cluster_words_per_s']:,.0f} words/s against "
        f"{c['pool_words_per_s']:,.0f} with the built-in pool: ratio {c['ratio']:.2f} (paired runs "
        f"{paired['min']:.2f}–{paired['max']:.2f}); posts identical: {c['posts_identical_to_pool']}"
    )


def print_table(res: dict) -> None:
    if res.get("extract_only"):
        t = res["timings"]["extract_s"]
        print(f"\nN = {res['n']} ({res['posts']} posts, {res['words']:,} words), extraction only")
        wps = res["extract_words_per_s"]
        print(f"(a) cold ingest: {t['median']:.2f} s ({t['min']:.2f}–{t['max']:.2f}), {wps:,.0f} words/s")
        print_cluster(res)
        return
    t = res["timings"]

    def spread(key):
        s = t.get(key)
        return f"{s['median']:8.2f} s  ({s['min']:.2f}–{s['max']:.2f})" if s else "       —"

    rss = res["rss_mib"]
    rows = [
        ("(a) cold ingest", spread("extract_s"), rss["extract"]),
        ("(b) full build, warm cache", spread("build_s"), rss["build"]),
        ("      of which ingest", spread("build_ingest_s"), None),
        ("      of which pelican", spread("build_pelican_s"), None),
        ("(c) incremental, +1 file", spread("incremental_s"), rss["incremental"]),
        ("(e) plain Pelican", spread("pelican_baseline_s"), rss["baseline"]),
    ]
    print()
    print(f"N = {res['n']} ({res['posts']} posts, {res['words']:,} words), runs = {res['runs']}, "
          f"{res['machine']['nproc']} CPUs, load {res['machine']['loadavg_before'][0]}")  # fmt: skip
    print(f"{'step':<30}{'wall: median (min–max)':<30}{'peak RSS':>10}")
    for name, value, mem in rows:
        print(f"{name:<30}{value:<30}{(f'{mem:7.0f} MiB' if mem else ''):>10}")
    print(f"extraction: {res['extract_articles_per_s']:.1f} articles/s, {res['extract_words_per_s']:,.0f} words/s")
    if res["build_ratio"] is not None:
        print(f"build ratio (b)/(e): {res['build_ratio']:.2f}")
    pagefind = (
        f"bytes {res['incremental_pagefind_identical']}, fragments {res['incremental_pagefind_fragments_identical']}"
    )
    print(f"incremental identical to a full rebuild: {res['incremental_identical']} (pagefind/: {pagefind})")
    print(f"peak RSS: {res['peak_rss_mib']:.0f} MiB")
    for step, stats in (res.get("search_index") or {}).items():
        if stats:
            print(
                f"search index in {step}: {stats['parts_indexed']} of {stats['parts']} parts indexed "
                f"({stats['stories_indexed']} stories, {stats['index_s']:.1f} s, "
                f"Pagefind peak {stats['pagefind_peak_mib']:.0f} MiB), "
                f"{stats['tiers_merged']} of {stats['tiers']} tiers merged ({stats['merge_s']:.1f} s)"
            )
    s = res.get("search")
    if s:
        print(
            f"search: first result median {s['first_result_median_s']:.3f} s, slowest {s['first_result_max_s']:.3f} s "
            f"({s['queries']} queries); bytes before it {s['bytes_before_first_median']:,}, "
            f"in all {s['bytes_total_median']:,}"
        )
    print_cluster(res)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="archive size (wire items)")
    parser.add_argument("--runs", type=int, default=3, help="runs of (b), (c) and (e); the median is reported")
    parser.add_argument("--extract-runs", type=int, help="runs of the cold ingest (a) (default 1; 2 with --scheduler)")
    parser.add_argument("--scheduler", help="also run (a) on this Dask cluster (an address, or local), alternating")
    parser.add_argument("--extract-only", action="store_true", help="stop after the cold ingest (a)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--work", default=str(WORK), help="corpora and scratch sites (default bench/work)")
    parser.add_argument("--out-root", help="where site output goes (default /dev/shm when writable)")
    parser.add_argument("--results", default=str(RESULTS))
    parser.add_argument("--no-baseline", action="store_true", help="skip plain Pelican (e)")
    parser.add_argument("--profile", action="store_true", help="also cProfile one warm full build")
    parser.add_argument("--no-search", action="store_true", help="skip the search page's first-result step")
    parser.add_argument("--keep-output", action="store_true", help="keep the built sites")
    parser.add_argument("--link-code", action="store_true", help="symlink plugins/ and themes/ instead of copying")
    parser.add_argument("--timeout-scale", type=float, default=1.0, help="multiply every step's time limit")
    args = parser.parse_args(argv)
    if args.extract_runs is None:
        args.extract_runs = 2 if args.scheduler else 1
    if args.n < 1 or args.runs < 1 or args.extract_runs < 1:
        parser.error("--n, --runs and --extract-runs must be at least 1")
    try:
        bench = Bench(args)
        results = bench.main()
    except BenchError as exc:
        print(f"bench failed: {exc}", file=sys.stderr)
        return 1
    text = json.dumps(results, indent=1, ensure_ascii=False) + "\n"
    for path in (Path(args.results), bench.work / "results.json"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    print_table(results)
    log(f"\nresults: {args.results} (and {bench.work / 'results.json'}); logs: {bench.logs}")
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    log(f"bench: {time.perf_counter() - t0:.0f} s in all")
    sys.exit(code)
