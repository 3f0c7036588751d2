"""A state named as its window names it, where the claim names its seat of government (or the
other way round), for the model only.

International news says "Beijing warned NATO" and "China warned NATO" for one event, and
"the Kremlin denied" for "Russia denied". The cross-encoder, trained on entity swaps where one
named doer in place of another is a contradiction, reads the capital against its country as one
(0.99 on "Washington imposed new sanctions on Iran" against "The United States imposed ...").
When the claim's doer (a subject or possessor) is a seat of government that the window does not
name, and the window names the state it stands for (WordNet's capitals and seats, through
verify.places), the model reads the claim with the window's name. Only doers: "held in Beijing"
against "held in China" says more than its window, and stays as written. The shown claim, the
features and the structured checks keep the claim's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .aliases import bare_name, names_in, says, window_form
from .places import governs, same_government

_DOERS = frozenset({"nsubj", "nsubjpass", "poss"})
_KINDS = frozenset({"GPE", "ORG", "FAC", "LOC"})


@lru_cache(maxsize=4096)
def _stands_for(x: str, y: str) -> bool:
    return same_government(x, y)


def _may_stand_for(claim: str, window: str) -> bool:
    """Cheap test before any parse: some name of the claim, absent from the window, stands for
    one of the window's ("Mexico City" for "Mexico", though the claim's name holds it). Only a
    name with a capital's or government's sense can be the seat, so pairs start from those."""
    mine = [x for x in names_in(claim) if not says(window, x)]
    theirs = names_in(window)
    pairs = [(x, y) for x in mine if governs(x) for y in theirs]
    pairs += [(x, y) for y in theirs if governs(y) for x in mine]
    return any(_stands_for(x, y) for x, y in pairs)


def _doers(doc: Any) -> list[tuple[int, int, str]]:
    """(start, end, name) of the named doers in a parsed claim, conjuncts included
    ("Washington and its allies"). The span takes a 'the' before the name with it, since the
    window's name may not take one ("the Kremlin" -> "Russia")."""
    out = []
    for ent in doc.ents:
        root = ent.root
        doer = root.dep_ in _DOERS or (root.dep_ == "conj" and root.head.dep_ in _DOERS)
        if ent.label_ not in _KINDS or not doer:
            continue
        start = ent.start_char
        if ent[0].lower_ != "the" and ent.start > 0 and doc[ent.start - 1].lower_ == "the":
            start = doc[ent.start - 1].idx
        end = ent.end_char - (2 if ent.text.endswith(("'s", "’s")) else 0)
        out.append((start, end, bare_name(ent.text)))
    return out


def as_window_states(pairs: Sequence[tuple[str, str]], nlp: Any) -> list[str]:
    """For each (claim, window), the claim with each doer that stands for a state the window
    names (and that the window does not name itself) written as the window writes it."""
    out = [c for c, _ in pairs]
    todo = [k for k, (c, w) in enumerate(pairs) if _may_stand_for(c, w)]
    claims = list(dict.fromkeys(pairs[k][0] for k in todo))
    docs = dict(zip(claims, nlp.pipe(claims), strict=True))
    for k in todo:
        claim, window = pairs[k]
        doc = docs.get(claim)
        doers = _doers(doc) if doc is not None else []
        if not doers:
            continue
        names = names_in(window)
        text = claim
        for start, end, name in sorted(doers, reverse=True):
            if says(window, name):
                continue
            rest = claim[:start] + " " + claim[end:]
            other = next((n for n in names if not says(rest, n) and _stands_for(name, n)), None)
            if other is not None:
                text = text[:start] + window_form(other, window) + text[end:]
        if text != claim:
            out[k] = text[:1].upper() + text[1:] if claim[:1].isupper() else text
    return out
