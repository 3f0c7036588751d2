"""Two sentences of one document that together say what a claim sentence says.

Retellings join facts: "Three paintings by Edith Varga were stolen from the Harwick Gallery in
the early hours of Monday, 9 March" puts the theft ("the theft of three paintings ... from the
Harwick Gallery") and its time ("Thieves broke into the gallery ... in the early hours of
Monday, 9 March") into one sentence. The model reads one sentence at a time; neither says the
whole, so it entails neither (0.06 and 0.11), and the claim stays unverified in every source.
Read against the two together it entails 0.89.

The pair is picked lexically: the sentence sharing the most of the claim's content words (the
one that tells the event), then the one that adds the most of the rest. It is read only where
  - the second sentence adds a name or figure of the claim, or two of its content words side by
    side: two scattered words ("a decision taken by the board ... at the mine" for "has taken on
    20 additional mine inspectors") are chance, and the model read that pair as support for a
    plan told as done;
  - the two hold every name and figure the claim gives;
  - the first sentence, the one telling the event, names the claim's doer. The model takes a
    name the second sentence gives as the doer of the first's act: "Veltmark plans to bring in
    agency staff", from "the trust planned to bring in agency staff" and a sentence naming
    Veltmark as the striking staff's employer, read 0.61 entailed.
The verifier then takes the pair's reading only if it is support with nothing missing and no
conflict (rereading.as_joined): an invented day ("Tuesday, 9 March" for "Monday, 9 March")
is missing from the pair and leaves the claim as it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from .features import bigrams, content, words

# A name or a figure: a capitalised word past the sentence's first, or one with a digit.
_KEY = re.compile(r"(?<=[^\s.!?\"“]\s)[A-Z][\w'’-]*|\b\w*\d[\w.,]*")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Characters: the pair is read whole only up to model_verifier.SHORT_DOCUMENT (600); a longer
# one would be read a sentence at a time, which is what left the claim unverified.
MAX_JOINED = 600


def _keys(text: str) -> set[str]:
    return {m.group().lower().rstrip(".,'’") for m in _KEY.finditer(text)} - {""}


def doer(claim: str, nlp: Any) -> frozenset[str]:
    """The words naming the claim's subject, lower case: its head and the head's compounds
    ("Kessel County": a "County" alone is in every sentence about either county). Empty for a
    pronoun or no subject."""
    root = next((t for t in nlp(claim) if t.dep_ == "ROOT"), None)
    subject = [c for c in root.children if c.dep_ in _SUBJECTS] if root is not None else []
    if len(subject) != 1 or subject[0].pos_ == "PRON":
        return frozenset()
    head = subject[0]
    return frozenset(t.lower_ for t in (head, *head.children) if t is head or t.dep_ == "compound")


def joined_pair(
    claim: str, sentences: Sequence[str], doer: Callable[[], frozenset[str]] | None = None
) -> str | None:
    """The two sentences, in document order, that between them hold the claim's content words
    best, when the second adds to the first, the two hold every name and figure of the claim
    and the first has every word of the claim's doer (`doer()`, called last: it parses)."""
    tokens = content(words(claim))
    want = set(tokens)
    if len(sentences) < 2 or not want:
        return None
    bags = [set(words(s)) for s in sentences]
    first = max(range(len(bags)), key=lambda i: len(want & bags[i]))
    rest = want - bags[first]
    if not rest:
        return None
    # Ties go to the sentence nearest the first: the rest of a fact is told beside it.
    second = max(
        (i for i in range(len(bags)) if i != first),
        key=lambda i: (len(rest & bags[i]), -abs(i - first)),
    )
    keys = _keys(claim)
    if not (rest & bags[second] & keys) and not _adds_phrase(
        tokens, sentences[first], sentences[second]
    ):
        return None
    if keys - (bags[first] | bags[second]) - _spelled(keys, sentences[first], sentences[second]):
        return None
    a, b = sorted((first, second))
    text = f"{sentences[a].strip()} {sentences[b].strip()}"
    if len(text) > MAX_JOINED:
        return None
    # The doer's words as words() splits them: "aurel-3" is "aurel" and "3" in the bags.
    return text if doer is None or set(words(" ".join(doer()))) <= bags[first] else None


def _adds_phrase(tokens: Sequence[str], first: str, second: str) -> bool:
    """Whether the second sentence has two of the claim's content words side by side (as the
    claim has them, stop words aside) that the first lacks."""
    added = bigrams(tokens) & bigrams(content(words(second)))
    return bool(added - bigrams(content(words(first))))


def _spelled(keys: set[str], *texts: str) -> set[str]:
    """Keys written with their punctuation in the texts ("1,200", "U.S."): words() splits them."""
    joined = " ".join(texts).lower()
    return {k for k in keys if k in joined}
