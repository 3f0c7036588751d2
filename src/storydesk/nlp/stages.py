"""Pipeline stages of the NLP layer: language, parse (claims), embed."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..options import Options
from ..pipeline import Document, stage
from .acronyms import abbreviate, initials_in
from .claims import claims_of, parse_paragraphs
from .models import detect_language, embedder, spacy_pipeline

_MIN_LANGID_CONFIDENCE = 0.5


@stage("language", reads=["articles"], writes=["articles"])
def LANGUAGE(doc: Document, options: Options) -> Document:
    """Fill in each article's language unless the input already declared one."""
    out = []
    for article in doc.articles or ():
        if article.language:
            out.append(article)
            continue
        lang, prob = detect_language(article.text)
        confident = prob >= _MIN_LANGID_CONFIDENCE
        out.append(replace(article, language=lang) if confident else article)
    return doc.update(articles=tuple(out))


@stage("parse", reads=["articles"], writes=["claims", "parses"])
def PARSE(doc: Document, options: Options) -> Document:
    articles = doc.articles or ()
    parses = parse_paragraphs(spacy_pipeline(options.spacy_model), articles)
    claims = claims_of(articles, parses, options.min_claim_words)
    return doc.update(claims=tuple(claims), parses=tuple(parses))


@stage("embed", reads=["claims"], writes=["embeddings"])
def EMBED(doc: Document, options: Options) -> Document:
    claims = doc.claims or ()
    if not claims:
        return doc.update(embeddings=np.zeros((0, 512), dtype=np.float32))
    model = embedder(options.embedder, options.embed_threads)
    # "the North Atlantic Treaty Organization" is embedded as "NATO" when the story writes NATO.
    known = initials_in(c.text for c in claims)
    return doc.update(embeddings=model.encode([abbreviate(c.text, known) for c in claims]))
