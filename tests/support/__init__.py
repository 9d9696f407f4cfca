"""Helpers shared by the tests: the repository's paths (here), scratch sites as `make html`
builds them (``sitebuild``), spaCy-like spans (``spans``) and the golden posts (``golden``)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent  # the repository
SEEDS = ROOT / "seeds"
