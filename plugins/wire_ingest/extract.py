"""Story → Metadata: the extraction stage, and the fingerprint that keys its cache.

The heavy part (spaCy's NER) runs over a batch of stories at once and, for large batches, on
both cores; everything after it is plain Python over frozen spans.
"""

from __future__ import annotations

import hashlib
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


def extract_many(stories: list[Story], extractor: Extractor, n_process: int = 1) -> list[Metadata]:
    sections = [build_sections(s) for s in stories]
    spans = nlp.find_entities([s.text for s in sections], n_process=n_process)
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
# spaCy's own n_process only spreads the NER; a process pool spreads the whole stage. Each
# worker gets the extractor once (fork start: shared, copy-on-write) and then batches of stories.

_WORKER_EXTRACTOR: Extractor | None = None


def _init_worker(extractor: Extractor) -> None:
    global _WORKER_EXTRACTOR
    _WORKER_EXTRACTOR = extractor
    nlp.load_model()


def _work(stories: list[Story]) -> list[Metadata]:
    assert _WORKER_EXTRACTOR is not None
    return extract_many(stories, _WORKER_EXTRACTOR)


def extract_parallel(stories: list[Story], extractor: Extractor, workers: int = 2, chunk: int = 48) -> list[Metadata]:
    """The same result as ``extract_many``, spread over ``workers`` processes when it pays."""
    if workers <= 1 or len(stories) < 2 * chunk:
        return extract_many(stories, extractor)
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    nlp.load_model()  # loaded once in the parent, inherited by the forked workers
    batches = [stories[i : i + chunk] for i in range(0, len(stories), chunk)]
    context = mp.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(extractor,)) as pool:
        results: list[Metadata] = []
        for part in pool.map(_work, batches):
            results.extend(part)
    return results
