"""Story → Metadata: the extraction stage, and the fingerprint that keys its cache.

The heavy part (spaCy's NER) runs over a batch of stories at once and, for large batches, on
both cores; everything after it is plain Python over frozen spans.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from . import nlp
from .countries import build_sections, extract_countries
from .gazetteer import Gazetteer, load_gazetteer
from .keywords import extract_keywords
from .organizations import extract_organizations
from .overrides import Overrides, apply_overrides
from .people import extract_people
from .records import Metadata, Story
from .topics import TopicVocabulary, classify_topics, load_vocabulary

log = logging.getLogger(__name__)
EXTRACTOR_VERSION = "1"
PACKAGE = Path(__file__).parent
PLACE_KINDS_FOR_PEOPLE = ("country", "alias", "historic", "demonym", "capital", "city", "region", "metonym")


@dataclass(frozen=True)
class Extractor:
    gazetteer: Gazetteer
    vocabulary: TopicVocabulary
    overrides: Overrides
    fingerprint: str

    def is_place(self, name: str) -> bool:
        return any(e.kind in PLACE_KINDS_FOR_PEOPLE for e in self.gazetteer.lookup(name))


def load_extractor(overrides: Overrides | None = None) -> Extractor:
    overrides = overrides or Overrides()
    return Extractor(
        gazetteer=load_gazetteer(pins=overrides.place_pins),
        vocabulary=load_vocabulary(),
        overrides=overrides,
        fingerprint=compute_fingerprint(overrides),
    )


def compute_fingerprint(overrides: Overrides) -> str:
    """Changes whenever anything that shapes the output changes: code, data, model, settings."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for path in sorted(PACKAGE.glob("*.py")) + sorted((PACKAGE / "data").glob("*.*")):
        if path.suffix in (".py", ".tsv", ".yaml"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    digest.update(nlp.model_version().encode())
    digest.update(overrides.digest.encode())
    return f"v{EXTRACTOR_VERSION}-{digest.hexdigest()[:16]}"


def extract_many(stories: list[Story], extractor: Extractor) -> list[Metadata]:
    sections = [build_sections(s) for s in stories]
    spans = nlp.find_entities([s.text for s in sections])
    return [
        _extract_one(story, sec, ents, extractor) for story, sec, ents in zip(stories, sections, spans, strict=True)
    ]


def extract_story(story: Story, extractor: Extractor) -> Metadata:
    return extract_many([story], extractor)[0]


def _extract_one(story: Story, sections, spans, extractor: Extractor) -> Metadata:
    countries, places = extract_countries(story, extractor.gazetteer)
    people = extract_people(sections.text, spans, extractor.is_place, sections.headline_end, sections.lead_end)
    person_tokens = {token for p in people for token in p.name.split(" ")}
    organizations = extract_organizations(sections.text, spans, extractor.is_place, person_tokens)
    topics = classify_topics(story.headline, story.body, extractor.vocabulary)
    entity_words = {w.lower() for tag in (*people, *organizations) for w in tag.name.split(" ")}
    entity_words |= {w.lower() for c in countries for w in c.name.split(" ")}
    keywords = extract_keywords(story.headline, story.body, entity_words)
    metadata = Metadata(
        countries=countries,
        people=people,
        organizations=organizations,
        places=places,
        topics=topics,
        keywords=keywords,
    )
    return apply_overrides(metadata, extractor.overrides, extractor.gazetteer)


# --- running on both cores -------------------------------------------------------------------
# spaCy's own n_process only spreads the NER; a process pool spreads the whole stage. Workers
# are forked when the first batch is ready and load the extractor and the model themselves, on
# both cores at once, while the parent goes on reading and parsing files; results come back in
# the order the stories were added, so the caller can write each post as soon as it is ready.

_WORKER_EXTRACTOR: Extractor | None = None


def _init_worker(overrides: Overrides) -> None:
    global _WORKER_EXTRACTOR
    _WORKER_EXTRACTOR = load_extractor(overrides)
    nlp.load_model()


def _work(stories: list[Story]) -> list[Metadata | None]:
    assert _WORKER_EXTRACTOR is not None
    return extract_batch(stories, _WORKER_EXTRACTOR)


def extract_batch(stories: list[Story], extractor: Extractor) -> list[Metadata | None]:
    """``extract_many``, but a story the extractor fails on gives None (logged) instead of
    losing its whole batch."""
    try:
        return list(extract_many(stories, extractor))
    except Exception:  # noqa: BLE001 - one bad story must not stop the archive
        if len(stories) == 1:
            log.exception("extraction failed for %r", stories[0].headline[:80])
            return [None]
    return [md for story in stories for md in extract_batch([story], extractor)]


class ExtractionPool:
    """Stories in, metadata out, in the same order; on ``workers`` processes once there are
    enough stories to pay for starting them (a few are extracted in this process).

    ``add`` never blocks; ``results`` yields ``(key, metadata or None)`` for every story added,
    in order, as batches finish."""

    def __init__(self, overrides: Overrides | None = None, workers: int = 2, batch: int = 32, extractor=None):
        self.overrides = overrides if overrides is not None else (extractor.overrides if extractor else Overrides())
        self.workers = workers
        self.batch = batch
        self._extractor = extractor
        self._buffer: list[tuple[object, Story]] = []
        self._submitted: list[tuple[list, object]] = []  # (keys, future)
        self._pool = None

    def add(self, key, story: Story) -> None:
        self._buffer.append((key, story))
        if self.workers > 1 and len(self._buffer) >= (self.batch if self._pool else 2 * self.batch):
            self._submit()

    def _submit(self) -> None:
        if self._pool is None:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            context = mp.get_context("fork")
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_init_worker, initargs=(self.overrides,)
            )
        while self._buffer:
            part, self._buffer = self._buffer[: self.batch], self._buffer[self.batch :]
            keys = [k for k, _ in part]
            self._submitted.append((keys, self._pool.submit(_work, [s for _, s in part])))

    def extractor(self) -> Extractor:
        if self._extractor is None:
            self._extractor = load_extractor(self.overrides)
        return self._extractor

    def results(self):
        try:
            if self._pool is not None:
                self._submit()
            for keys, future in self._submitted:
                try:
                    found = future.result()
                except Exception:  # noqa: BLE001 - a worker died: extract that batch here
                    log.exception("an extraction worker failed; extracting its batch in this process")
                    found = [None] * len(keys)
                yield from zip(keys, found, strict=True)
            self._submitted = []
            if self._buffer:  # too few to start workers, or left after the last batch
                part, self._buffer = self._buffer, []
                found = extract_batch([s for _, s in part], self.extractor())
                yield from zip([k for k, _ in part], found, strict=True)
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def extract_parallel(stories: list[Story], extractor: Extractor, workers: int = 2) -> list[Metadata | None]:
    """Metadata of each story (None where the extractor failed), spread over ``workers``."""
    pool = ExtractionPool(workers=workers, extractor=extractor)
    for i, story in enumerate(stories):
        pool.add(i, story)
    return [md for _, md in pool.results()]
