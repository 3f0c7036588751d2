"""An evidence sentence whose subject is a description, read with the name the sentence before
gives it.

News names a company once and then calls it "the company": "At Pellbrook, chair Agnes Fairholm
said the board would focus on its standalone plan. The company will ask shareholders to approve
a buyback." The cross-encoder reads one sentence at a time, and against "The company will ask
shareholders ..." it reads the claim "Pellbrook will ask shareholders ..." as a contradiction
(0.99): its training swapped names in and out of such sentences, so a name against a
description reads as a swap. How it reads one is close to chance: "Fenby Oil will ask ..." got
0.88 entailment against the same window.

So where the claim opens with a name, the window opens with a description or a pronoun ("The
company", "The vessel", "It", "They") and does not print that name, and the sentence right
before the window does, the model also reads the window with the claim's name for its subject.
With the sentence before prepended instead, the model resolved the description but read past
the rest: "taken to the Portbrae shipyard" against "The vessel was taken to the Greyhaven
shipyard" went from 0.99 contradiction to 0.42 entailment; with the name put in, 0.99. As with
the other extra readings (verify.modifiers, verify.synonyms) the more supportive reading
counts, and the evidence shown stays the window as the source wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .features import STOPWORDS

_PRONOUNS = frozenset({"it", "they"})
_SAYING = frozenset({"say", "add", "state", "confirm", "announce", "explain", "report"})
_NAME = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*\b")
# The claim's opening name: "Pellbrook", "The Corran Belle", "Halden Foods Group's".
_OPENING_NAME = re.compile(r"^(?:The\s+)?((?:[A-Z][\w’'&.-]*\s+)*[A-Z][\w’'&.-]*?)(?:'s|’s)?\b")


def _names(text: str) -> set[str]:
    return {w for w in _NAME.findall(text) if w.lower() not in STOPWORDS}


def _described_subject(doc: Any) -> tuple[int, int] | None:
    """Where the sentence's opening subject describes what the sentence before names: the whole
    subject ("The company", "The small vessel", "It", "They"), or a description inside a
    subject that opens with a common noun ("Shares in the company", "The company's shares"),
    as (start, end) characters; None for a name or any other opening."""
    for tok in doc:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            span = doc[tok.left_edge.i : tok.i + 1]
            if any(t.pos_ == "PROPN" for t in span):
                return None
            if span.start != 0:  # "..., the company said": the sayer after its words
                said = tok.head.lemma_ in _SAYING
                described = span[0].lower_ == "the" and len(span) > 1
                return (span.start_char, span.end_char) if said and described else None
            end: int = span.end_char
            if tok.lower_ in _PRONOUNS and len(span) == 1:
                return 0, end
            if span[0].lower_ == "the" and len(span) > 1 and not _owner(tok):
                return 0, end
            return _inner_description(tok)
    return None


def _owner(noun: Any) -> Any:
    """The description that owns the noun: "the company" of "the company's shares" or
    "shares in the company"; None if there is none."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "NOUN":
            return child
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            return next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
    return None


def _inner_description(noun: Any) -> tuple[int, int] | None:
    """The "the <noun>" that owns the subject's noun, as (start, end) characters: "Shares in
    the company fell 9 percent", against "Orvanta's share price fell", read 0.88 contradicted,
    with the name put in 0.98 entailed."""
    owner = _owner(noun)
    if owner is None:
        return None
    span = owner.doc[owner.left_edge.i : owner.i + 1]
    if span[0].lower_ != "the" or len(span) < 2 or any(t.pos_ == "PROPN" for t in span):
        return None
    return span.start_char, span.end_char


def with_claims_name(window: str, sentences: Sequence[str], claim: str, nlp: Any) -> str | None:
    """The window with its opening description replaced by the name the claim opens with,
    where the window does not print that name and the sentence right before it does; else
    None. Only the sentence right before: two back, a company named there is seldom what "the
    company" stands for when the sentence between names another."""
    opening = _OPENING_NAME.match(claim)
    if opening is None or window not in sentences:
        return None
    name = opening.group(1)
    words = _names(name)
    if not words or words & _names(window):
        return None
    i = sentences.index(window)
    if i == 0 or name not in sentences[i - 1]:
        return None
    found = _described_subject(nlp(window))
    if found is None:
        return None
    start, end = found
    return window[:start] + name + window[end:]
