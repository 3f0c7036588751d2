"""The claim without a describing word its window lacks and its document prints elsewhere.

A retelling gathers a story's details into one sentence: "A regional court in Marlstad
sentenced ..." where the source's lead says "A court in Marlstad sentenced ..." and its third
paragraph names "the Marlstad Regional Court". The cross-encoder reads one window and, rightly
for one sentence, finds "regional" unsaid: 0.83 neutral, 0.10 entailed; without the word, 0.91
entailed. The document does say it, a few sentences away, so the model also reads the claim
without such a word (the more supportive reading counts, as in verify.modifiers). Which court
is regional is left to the coverage features, which read the claim as written.

Only adjectives and common nouns that modify a noun the window also has ("regional court",
"construction contracts") with no modifier of its own the claim lacks ("a swarm day" against
"a typical practice day" is a swap, not a detail left out); never a name, a nationality, a
number, a privative ("former", "acting", verify.modifiers) or a superlative or ordinal ("the
first female mayor"); and only where the word itself is printed in the document, outside the
window. A claim written all in lower case (FactCC's, Polytope's) is read as written: its names
parse as common words ("fc tokyo president").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .modifiers import PRIVATIVE
from .spans import without_tokens

_KINDS = frozenset({("amod", "ADJ"), ("compound", "NOUN")})
_UNRANKED = frozenset({"JJ", "NN", "NNS"})  # not "JJS" (largest), not an ordinal


def _described(window: Any) -> dict[str, set[str]]:
    """Each noun of the window -> the words of its adjective and noun modifiers."""
    out: dict[str, set[str]] = {}
    for t in window:
        if (t.dep_, t.pos_) in _KINDS:
            out.setdefault(t.head.lemma_.lower(), set()).add(t.lower_)
    return out


def _cuts(claim: Any, window: Any, document: str) -> list[tuple[int, int]]:
    lemmas = {t.lemma_.lower() for t in window}
    words = {t.lower_ for t in window}
    described = _described(window)
    cuts = []
    for t in claim:
        if (t.dep_, t.pos_) not in _KINDS or t.tag_ not in _UNRANKED or t.lower_ in PRIVATIVE:
            continue
        head = t.head.lemma_.lower()
        if head not in lemmas or t.lower_ in words:
            continue
        if described.get(head, set()) - {c.lower_ for c in t.head.children}:
            continue  # "a swarm day" for the window's "a typical practice day": a swap
        if t.ent_type_ or any(True for _ in t.children):  # "Iraqi" is a name too (NORP)
            continue
        if re.search(rf"\b{re.escape(t.text)}\b", document, re.IGNORECASE):
            cuts.append((t.i, t.i + 1))
    return cuts + _named_cuts(claim, window, document)


_NAMING = frozenset({"compound", "nmod"})


def _named_cuts(claim: Any, window: Any, document: str) -> list[tuple[int, int]]:
    """A name that compounds a noun of the window ("the Brennau-Glatthorn ski area" for the
    window's "the ski area"), where the document prints the claim's whole phrase elsewhere: it
    calls the thing by that name itself. Not where the window names its noun otherwise ("the
    Glatthorn ski area"), which is another place or a swap."""
    lemmas = {t.lemma_.lower() for t in window}
    words = {t.lower_ for t in window}
    named = {t.head.lemma_.lower() for t in window if t.dep_ in _NAMING and t.pos_ == "PROPN"}
    cuts = []
    for t in claim:
        head = t.head
        if t.dep_ not in _NAMING or t.pos_ != "PROPN" or head.pos_ != "NOUN":
            continue
        if head.i <= t.i:
            continue
        if head.dep_ == "compound" and head.head.i > head.i:
            head = head.head  # "Brennau-Glatthorn ski area": the name compounds "ski area"
        key = head.lemma_.lower()
        if key not in lemmas or key in named or t.lower_ in words:
            continue
        start = t.left_edge.i
        phrase = r"[\s-]*".join(
            re.escape(w.text) for w in claim[start : head.i + 1] if w.text != "-"
        )
        if re.search(rf"\b{phrase}\b", document, re.IGNORECASE):
            cuts.append((start, t.i + 1))
    return cuts


def without_printed_modifiers(
    pairs: Sequence[tuple[str, str]], document: str, nlp: Any
) -> list[str]:
    """For each (claim, window), the claim without the words the module docstring describes;
    the claim as it is where there are none."""
    out = [c for c, _ in pairs]
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    docs = dict(zip(texts, nlp.pipe(texts), strict=True))
    for k, (claim, window) in enumerate(pairs):
        if claim == claim.lower():
            continue  # written all in lower case, its names look like common words
        cuts = _cuts(docs[claim], docs[window], document.replace(window, " "))
        if cuts:
            out[k] = without_tokens(docs[claim], cuts)
    return out
