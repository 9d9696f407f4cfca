"""What an ingest run did to each file: one outcome per story of a raw file (a file of several
items, a NewsML-G2 message or a ninjs array, has one per item, named ``path#key``) and per post
it could not read, and the report the command line and the Pelican plugin print."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

OUTCOMES = (
    "new", "updated", "withdrawn", "unchanged", "kept", "conflict", "removed", "duplicate", "superseded", "held",
    "skipped",
)  # fmt: skip
PROBLEMS = ("skipped", "conflict", "duplicate", "kept")  # what a report always lists, as warnings
# also always listed, as news: a post withdrawn or removed, a version not written, an embargo
NOTICES = ("withdrawn", "removed", "superseded", "held")


class Outcome(NamedTuple):
    """What happened to one file (a named tuple: a report has one per raw file, 100,000 of them
    on every build of a large archive)."""

    source: str
    status: str  # one of OUTCOMES
    reason: str = ""
    post: str | None = None


@dataclass(frozen=True)
class Report:
    outcomes: tuple[Outcome, ...]
    warnings: tuple[str, ...] = ()

    def count(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    @property
    def problems(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status in PROBLEMS)

    @property
    def notices(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status in NOTICES)

    def summary(self) -> str:
        counts = self.count()
        return ", ".join(f"{counts[s]} {s}" for s in OUTCOMES if counts[s] or s in ("new", "updated", "unchanged"))
