"""Text with some of its words taken out, for the model's rewrites (verify.names,
verify.modifiers): which tokens a modifier covers, and the text without them, tidied."""

from __future__ import annotations

import re
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
