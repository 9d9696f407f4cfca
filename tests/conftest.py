"""Shared fixtures. Tests run from the repository root with ``plugins`` on the path."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def extractor():
    from wire_ingest.extract import load_extractor

    return load_extractor()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
