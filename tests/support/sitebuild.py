"""Build the seed site into a scratch folder, as `make html` would, for the whole-site tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT


def make_site(target: Path, extra_wire: dict[str, bytes] | None = None) -> Path:
    """A copy of the site sources in ``target`` (code and theme linked, content copied)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("plugins", "themes"):
        (target / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "pelicanconf.py", target / "pelicanconf.py")
    shutil.copytree(ROOT / "seeds", target / "seeds")
    (target / "content" / "posts").mkdir(parents=True)
    (target / "content" / "wire").mkdir()
    if (ROOT / "content" / "pages").is_dir():
        shutil.copytree(ROOT / "content" / "pages", target / "content" / "pages")
    if (ROOT / "content" / "entities.yaml").exists():
        shutil.copy(ROOT / "content" / "entities.yaml", target / "content" / "entities.yaml")
    for name, data in (extra_wire or {}).items():
        (target / "content" / "wire" / name).write_bytes(data)
    return target


def build_site(
    site: Path, output: str = "output", timeout: int = 900, settings: list[str] | None = None
) -> subprocess.CompletedProcess:
    """``settings``: ``NAME=value`` (JSON values) overriding pelicanconf.py, as ``pelican -e``."""
    env = {**os.environ, "PYTHONPATH": str(site / "plugins"), "COLUMNS": "1000"}  # no wrapped log lines
    extra = ["-e", *settings] if settings else []
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", output, "-s", "pelicanconf.py", *extra],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def wire_site(root: Path, seeds: tuple[str, ...] = ("000_1bd45749871db194.txt", "002_kenya-cbk-rate.txt")) -> Path:
    """A site folder whose wire inbox holds copies of these seed items (no Pelican files)."""
    wire = root / "content" / "wire"
    wire.mkdir(parents=True)
    for name in seeds:
        shutil.copy(ROOT / "seeds" / name, wire / name)
    return root


def ingest_settings_for(root: Path):
    """The ingest settings `make ingest` would use for a site at ``root`` (inbox only)."""
    from wire_ingest.ingest import IngestSettings

    return IngestSettings(
        root=root,
        sources=(root / "content" / "wire",),
        posts_dir=root / "content" / "posts",
        cache_path=root / ".cache" / "extract.sqlite",
        overrides_path=root / "content" / "entities.yaml",
        conflicts_dir=root / ".cache" / "conflicts",
    )
