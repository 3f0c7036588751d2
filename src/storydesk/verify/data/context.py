"""Operations that need a sentence's neighbours: the fused-clause errors of abstractive summaries.

A summariser that merges two sentences often hangs one sentence's phrase on the other's clause:
"documents show Bates had one Taser training class" + "(trained) to use a handgun" becomes
"documents show Bates had one Taser training class to use a handgun", a FactCC negative that
minilm-nli-v2 scores as supported. Every word is in the document, so the overlap features cannot
see the error; only reading which clause the phrase belongs to can. Recipe 2026.4.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

NEIGHBOURS = 3  # donor sentences come from this many candidate sentences either side
# Prepositions whose phrase can hang on almost any clause. "of" (bound to its noun) and "to"
# (often a verb's argument) are left out; to-infinitives are found by their verb instead.
_PREPS = frozenset({
    "in", "at", "on", "for", "from", "with", "after", "before", "during", "near", "against",
    "about", "under", "over", "without", "into", "through", "since", "until", "amid", "outside",
    "inside", "across",
})  # fmt: skip
_CONTENT = frozenset({"NOUN", "PROPN", "NUM"})
_QUOTES = frozenset("\"“”'‘’")


def _clean_span(span: Any) -> bool:
    return not any(t.is_punct or t.is_quote or t.is_space for t in span)


def phrases(sent: Any) -> list[Any]:
    """Prepositional phrases and to-infinitives of 2-7 tokens, whole subtrees without
    punctuation, carrying a noun, name or number after their first word."""
    out = []
    for tok in sent:
        infinitive = (
            tok.dep_ in ("xcomp", "advcl")
            and tok.tag_ == "VB"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        )
        if not (tok.dep_ == "prep" and tok.lower_ in _PREPS) and not infinitive:
            continue
        span = sent.doc[tok.left_edge.i : tok.right_edge.i + 1]
        if not 2 <= len(span) <= 7 or not _clean_span(span):
            continue
        if span.start <= sent.start or span.end > sent.end:  # a sentence opener is capitalised
            continue
        if span[-1].pos_ in ("ADP", "CCONJ", "DET", "PART"):  # a subtree cut by a bad parse
            continue
        if any(t.pos_ in _CONTENT for t in span[1:]):
            out.append(span)
    return out


def _host_end(sent: Any) -> int | None:
    """Where a phrase can be appended: before the final full stop of a plain statement whose
    last word is a noun, name or number. None for quotations and questions."""
    toks = [t for t in sent if not t.is_space]
    if len(toks) < 6 or toks[-1].text != "." or any(t.text in _QUOTES for t in toks):
        return None
    last = toks[-2]
    if last.pos_ not in _CONTENT or not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    return int(last.idx + len(last.text) - sent.start_char)


def op_misattach(sent: Any, donors: Sequence[Any], rng: random.Random) -> str | None:
    """The sentence with a phrase of a neighbouring sentence hung on its end (not supported:
    the document says it of something else). The phrase must add a word the sentence lacks."""
    end = _host_end(sent)
    if end is None:
        return None
    text = str(sent.text)
    own = {t.lemma_.lower() for t in sent}
    found = [
        span
        for donor in donors
        for span in phrases(donor)
        if span.text.lower() not in text.lower()
        and any(t.pos_ in _CONTENT and t.lemma_.lower() not in own for t in span)
    ]
    if not found:
        return None
    span = rng.choice(found)
    return f"{text[:end]} {span.text}{text[end:]}".strip()
