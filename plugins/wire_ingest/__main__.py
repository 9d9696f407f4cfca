"""Command line: ``python -m wire_ingest ingest`` and ``python -m wire_ingest extract SRC OUT``.

Both run without Pelican. ``ingest`` reads the site's settings from ``pelicanconf.py`` (a plain
Python file) so the command line and the Pelican plugin ingest the same folders.
"""

from __future__ import annotations

import argparse
import logging
import os
import runpy
import sys
import time
from pathlib import Path

from .report import NOTICES, PROBLEMS
from .settings import ingest_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wire_ingest", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ing = sub.add_parser("ingest", help="raw wire files → tagged posts, with a report")
    ing.add_argument("--config", default="pelicanconf.py", help="the Pelican settings file")
    ing.add_argument("--strict", action="store_true", default=os.environ.get("STRICT") == "1",
                     help="exit 1 when any file was skipped or is in conflict (also STRICT=1)")  # fmt: skip
    ing.add_argument("-v", "--verbose", action="store_true", help="list every file, not only problems")
    ext = sub.add_parser(
        "extract", help="metadata of every wire file under SRC (text, NITF, NewsML-G2, ninjs) as JSON Lines"
    )
    ext.add_argument("src", type=Path)
    ext.add_argument("out", type=Path)
    ext.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "ingest":
        return run_ingest_command(args)
    return run_extract_command(args)


def run_ingest_command(args) -> int:
    from .ingest import run_ingest
    from .pool import ExtractionBackendError

    config_path = Path(args.config).resolve()
    settings = ingest_settings(runpy.run_path(str(config_path)), config_path.parent)
    started = time.perf_counter()
    try:
        report = run_ingest(settings)
    except ExtractionBackendError as exc:  # the cluster: what was extracted is written and cached
        sys.stderr.write(f"ingest stopped: {exc}\n")
        return 2
    print_report(report, verbose=args.verbose, seconds=time.perf_counter() - started)
    if args.strict and any(o.status in ("skipped", "conflict") for o in report.outcomes):
        return 1
    return 0


def print_report(report, verbose: bool = False, seconds: float | None = None) -> None:
    out = sys.stdout
    took = f" in {seconds:.1f} s" if seconds is not None else ""
    out.write(f"ingest: {report.summary()}{took}\n")
    for o in report.outcomes:
        if verbose or o.status in PROBLEMS or o.status in NOTICES:
            out.write(f"  {o.status:<9} {o.source}" + (f": {o.reason}" if o.reason else "") + "\n")
    for w in report.warnings:
        out.write(f"  warning   {w}\n")


def run_extract_command(args) -> int:
    from .extract_jsonl import extract_folder

    started = time.perf_counter()
    count, errors, words = extract_folder(args.src, args.out, workers=args.workers)
    seconds = time.perf_counter() - started
    sys.stdout.write(
        f"extract: {count} files ({errors} errors), {words} words in {seconds:.1f} s "
        f"= {words / max(seconds, 1e-9):,.0f} words/s → {args.out}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
