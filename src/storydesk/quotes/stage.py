"""The quotes stage: direct quotations with speakers, grouped across outlets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ..options import Options
from ..pipeline import Document, stage
from .credit import credited_elsewhere
from .diff import words
from .extract import Extracted, extract_parsed
from .group import build_groups


def harmonise_speakers(items: Sequence[Extracted]) -> list[Extracted]:
    """One name per person across outlets: "Hayashi Yoshimasa" (family name first) becomes
    "Hayashi" when other quotations already go by "Hayashi", the more common normalised form."""
    counts = Counter(e.quote.speaker.lower() for e in items if e.quote.speaker)
    spelled = {e.quote.speaker.lower(): e.quote.speaker for e in items if e.quote.speaker}
    out = []
    for e in items:
        speaker = e.quote.speaker
        if speaker and len(e.names) >= 2:
            best = max(sorted(e.names), key=lambda n: counts.get(n, 0))
            if counts.get(best, 0) > counts[speaker.lower()]:
                e = replace(e, quote=replace(e.quote, speaker=spelled[best]))
        out.append(e)
    return out


def without_repeats(items: Sequence[Extracted]) -> list[Extracted]:
    """The quotations less those an article prints again inside a longer one of the same
    speaker (a pull quote, a caption, a fragment quoted again in full): the repeat would be
    grouped as another outlet's trimmed wording and the full one left alone. (A draft's own
    quotations are each checked, so draft checks do not drop them.)"""

    def run(e: Extracted) -> str:
        return " " + " ".join(words(e.quote.text)) + " "

    runs = [run(e) for e in items]
    keep = []
    for k, e in enumerate(items):
        repeat = any(
            j != k
            and other.quote.article == e.quote.article
            and len(runs[j]) > len(runs[k])
            and runs[k] in runs[j]
            and (e.quote.speaker is None or other.quote.speaker in (None, e.quote.speaker))
            for j, other in enumerate(items)
        )
        if not repeat:
            keep.append(e)
    return keep


def similarities(texts: list[str], options: Options) -> np.ndarray:
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    from ..nlp.models import embedder

    vectors = embedder(options.embedder, options.embed_threads).encode(
        [" ".join(words(t)) or t for t in texts]
    )
    sims: np.ndarray = vectors @ vectors.T
    return sims


@stage("quotes", reads=["articles", "parses"], writes=["quotes", "quote_groups"])
def QUOTES(doc: Document, options: Options) -> Document:
    items = without_repeats(extract_parsed(doc.articles or (), doc.parses or ()))
    items = harmonise_speakers(items)
    sims = similarities([e.quote.text for e in items], options)
    texts = {a.id: a.text for a in doc.articles or ()}
    groups = tuple(credited_elsewhere(build_groups(items, sims), items, sims, texts))
    return doc.update(quotes=tuple(e.quote for e in items), quote_groups=groups)
