"""People and organisations as the archive shows them: every post's names resolved over the
whole archive when the site is built (``wire_core.entities.resolve``).

Posts keep the names the extractor found; here they become one entity each: the entity index
is kept in the site cache and brought up to date with the posts that changed, the editors'
people and organisation sections of ``content/entities.yaml`` are read, and the resolution is
made once per build. The model then names terms by it (``model.SiteModel``). See
docs/entities.md.
"""

from __future__ import annotations

import logging
import pickle
import time
from collections.abc import Iterator
from pathlib import Path

from wire_core.entities.editors import EntitiesFileError, read_resolution
from wire_core.entities.kept_index import KeptIndex, sync
from wire_core.entities.resolve import Overrides, Resolution, StoryNames, resolve

from .store import Post

log = logging.getLogger(__name__)
# posts that name no one on the site: drafts get no page, a withdrawn story's page is a notice
# (its names make no term, no redirect and no join in another story's context)
UNRESOLVED = ("draft", "withdrawn")


def story_names(post: Post) -> StoryNames:
    """What resolution needs of a post: its names as written and its context (date, countries,
    topic codes), and the names the extractor left out."""
    return StoryNames(
        post.path,
        post.date.toordinal(),
        post.countries,
        tuple(code for code, _ in post.topics),
        post.people,
        post.organizations,
        post.refused,
    )


def shown_names(posts) -> Iterator[StoryNames]:
    """The names of every post that shows its story (not ``UNRESOLVED``): what resolution reads."""
    return (story_names(p) for p in posts if p.status not in UNRESOLVED)


def resolve_posts(posts, cache_dir: Path | None, entities_file: Path | None) -> Resolution:
    """The resolution of every post that shows its story (not ``UNRESOLVED``), with the index kept in
    ``cache_dir`` (None: kept nowhere) and the editors' word from ``entities_file``."""
    started = time.perf_counter()
    kept = KeptIndex(cache_dir / "entities.pickle" if cache_dir else None)
    index = kept.load()
    changed = sync(index, shown_names(posts))
    resolution = resolve(index, editors_overrides(entities_file, cache_dir))
    kept.save(index)
    log.info(
        "entities: %d written names → %d entities, %d stories changed (%.2f s)",
        sum(len(c) for c in index.counts.values()), len(resolution.entities), changed, time.perf_counter() - started,
    )  # fmt: skip
    return resolution


def editors_overrides(path: Path | None, cache_dir: Path | None) -> Overrides:
    """The resolution sections of the editors' file. A file that cannot be read is reported,
    and the last corrections that could be read stay in force (the site must not lose every
    merge and refusal over one typo); with none, the archive's own resolution."""
    last = cache_dir / "entities-overrides.pickle" if cache_dir else None
    try:
        overrides, warnings = read_resolution(path)
    except EntitiesFileError as exc:
        kept = _read_last(last)
        log.error("%s; %s", exc, "the last corrections read from it stay in force" if kept else "it is ignored")
        return kept or Overrides()
    for warning in warnings:
        log.warning("%s", warning)
    if last is not None and _read_last(last) != overrides:
        try:
            last.parent.mkdir(parents=True, exist_ok=True)
            last.write_bytes(pickle.dumps(overrides, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as exc:
            log.warning("could not save %s: %s", last, exc)
    return overrides


def _read_last(path: Path | None) -> Overrides | None:
    try:
        found = pickle.loads(path.read_bytes()) if path else None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, TypeError, ValueError, ImportError):
        return None
    return found if isinstance(found, Overrides) else None
