"""Text with some of its words taken out or changed, for the model's rewrites (verify.names,
verify.modifiers, verify.synonyms): which tokens a modifier covers, the text without them, tidied,
and the one loop that parses each (claim, window) pair once and rewrites the window."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any


def modifier_span(doc: Any, mod: Any) -> tuple[int, int]:
    """Token span [lo, hi) of the modifier's subtree; an apposition with the commas around it."""
    lo, hi = mod.left_edge.i, mod.right_edge.i + 1
    if mod.dep_ == "appos":
        while lo > 0 and doc[lo - 1].is_punct:
            lo -= 1
        if hi < len(doc) and doc[hi].text == ",":
            hi += 1
    return lo, hi


def without_tokens(doc: Any, cuts: list[tuple[int, int]]) -> str:
    """The doc's text without the token spans [lo, hi) in `cuts`, spaces and commas tidied, its
    first letter capitalised as the doc's is."""
    gone = {i for lo, hi in cuts for i in range(lo, hi)}
    parts: list[str] = []
    for t in doc:
        if t.i in gone:
            continue
        if parts and t.i - 1 in gone and not parts[-1][-1:].isspace():
            parts.append(" ")  # "Ferrant" + ", the engineer," + " found" loses its space
        parts.append(t.text_with_ws)
    text = "".join(parts)
    text = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    text = re.sub(r",(?=[,.;:!?])", "", text)
    return text[:1].upper() + text[1:] if doc.text[:1].isupper() else text


def rewrite_windows(
    pairs: Sequence[tuple[str, str]], nlp: Any, rewrite: Callable[[Any, Any], str | None]
) -> list[str]:
    """For each (claim, window), `rewrite(window_doc, claim_doc)`, or the window as it is where
    that gives None; each distinct text is parsed once."""
    out = [w for _, w in pairs]
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    docs = dict(zip(texts, nlp.pipe(texts), strict=True))
    for k, (claim, window) in enumerate(pairs):
        found = rewrite(docs[window], docs[claim])
        if found is not None:
            out[k] = found
    return out
