"""The code stays ruff-clean (lint and format), as `make lint` checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"
FOLDERS = ["plugins", "tests", "tools", "bench"]


def test_ruff_check():
    result = subprocess.run([str(RUFF), "check", *FOLDERS], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_ruff_format():
    result = subprocess.run([str(RUFF), "format", "--check", *FOLDERS], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
