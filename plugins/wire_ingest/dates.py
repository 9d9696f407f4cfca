"""When a story was published: its dateline date, else the day its raw file was first committed
to git, else the file's mtime (with a warning). Once written into a post the date never moves.
"""

from __future__ import annotations

import logging
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

log = logging.getLogger(__name__)


def first_commit_dates(root: Path, folders: list[Path]) -> dict[str, datetime]:
    """Path (relative to ``root``, posix) → author date of the commit that added it. One git call."""
    rel = [str(f.resolve().relative_to(root.resolve())) for f in folders if _inside(f, root)]
    if not rel:
        return {}
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "--diff-filter=A", "--format=%x00%aI", "--name-only",
             "--no-renames", "-z", "--", *rel],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, datetime] = {}
    current: datetime | None = None
    for token in out.split("\x00"):
        token = token.strip("\n")
        if not token:
            continue
        if token[:4].isdigit() and "T" in token and len(token) >= 19 and "/" not in token:
            try:
                current = datetime.fromisoformat(token)
                continue
            except ValueError:
                pass
        if current is not None:
            dates[token] = current  # git log is newest first: the last write is the first add
    return dates


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def choose_date(dateline_date: date | None, committed: datetime | None, mtime: float) -> tuple[datetime, str | None]:
    """The publication date and, when it had to fall back to the mtime, a warning."""
    if dateline_date is not None:
        if committed is not None and committed.date() == dateline_date:
            return committed, None
        return datetime(dateline_date.year, dateline_date.month, dateline_date.day, tzinfo=UTC), None
    if committed is not None:
        return committed, None
    stamp = datetime.fromtimestamp(int(mtime), tz=UTC)
    return stamp, "no date in the dateline and the file is not committed to git: using its modification time"


def reference_date(committed: datetime | None, mtime: float) -> date:
    """What a year-less dateline date is read relative to."""
    return committed.date() if committed else datetime.fromtimestamp(mtime, tz=UTC).date()
