"""The thin Pelican side of the ingest: run it at the start of every build (also on each
``make serve`` reload, so newly dropped wire files appear) and log its report."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from .ingest import run_ingest
from .settings import ingest_settings

log = logging.getLogger(__name__)


def ingest_before_build(pelican) -> None:
    from .pool import ExtractionBackendError

    settings = pelican.settings
    root = Path(settings.get("WIRE_ROOT") or Path(settings["PATH"]).parent)
    try:
        report = run_ingest(ingest_settings(settings, root))
    except ExtractionBackendError as exc:  # a cluster unreachable or gone: said without a traceback
        log.error("wire ingest stopped: %s; building from the posts written so far", exc)
        return
    except Exception:  # noqa: BLE001 - the site still builds from the posts already there
        log.exception("wire ingest failed; building from the existing posts")
        return
    log.info("wire ingest: %s", report.summary())
    for outcome in report.problems:
        log.warning("wire ingest: %s: %s — %s", outcome.source, outcome.status, outcome.reason)
    for outcome in report.notices:
        log.info("wire ingest: %s: %s — %s", outcome.source, outcome.status, outcome.reason)
    for warning in report.warnings:
        log.warning("wire ingest: %s", warning)


def _on_get_generators(pelican):
    if pelican.settings.get("WIRE_INGEST", True):
        ingest_before_build(pelican)
    return []


def connect() -> None:
    signals.get_generators.connect(_on_get_generators)
