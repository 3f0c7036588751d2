"""The trained cross-encoder as a second reader of the brief's facts.

Structured checks (checks.py) name the difference they find, but only see the differences they
were written for. The cross-encoder reads every pair of mentions of one fact from different
articles; a pair it finds contradictory *in both directions* with high confidence, and that no
structured check already explains, becomes a dispute of kind "model". Requiring both directions
halves the false alarms that a one-way reading gives on paraphrases (an entailment model is not
symmetric, a real contradiction is).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

from ..model import Dispute, Fact, Mention, Side
from .aliases import as_window_aliases
from .crossencoder import CrossEncoder
from .metonymy import as_window_states

MAX_PAIRS_PER_FACT = 10  # mentions of a fact are near-duplicates; more pairs add time, not news


def mention_pairs(facts: Sequence[Fact]) -> list[tuple[Mention, Mention]]:
    out: list[tuple[Mention, Mention]] = []
    for fact in facts:
        pairs = [(a, b) for a, b in combinations(fact.mentions, 2) if a.article != b.article]
        out.extend(pairs[:MAX_PAIRS_PER_FACT])
    return out


def model_disputes(
    facts: Sequence[Fact],
    known: Sequence[Dispute],
    model: CrossEncoder,
    threshold: float,
    nlp: Any = None,
) -> list[Dispute]:
    """Each side is read with the other's form of a name it prints differently ("US" / "U.S.",
    verify.aliases) and, with a spaCy pipeline (`nlp`), with the other's name for a state whose
    seat of government it names as the doer (verify.metonymy): "Beijing warned" against "China
    warned" is one statement, as the actor check already knows."""
    explained = {frozenset((d.a.claim, d.b.claim)) for d in known}
    pairs = [
        (a, b) for a, b in mention_pairs(facts) if frozenset((a.claim, b.claim)) not in explained
    ]
    if not pairs:
        return []
    contra = model.labels.index("contradiction")
    both = [(a.text, b.text) for a, b in pairs] + [(b.text, a.text) for a, b in pairs]
    if nlp is not None:
        both = list(zip(as_window_states(both, nlp), (w for _, w in both), strict=True))
    both = [(as_window_aliases(c, w), w) for c, w in both]
    probs = model.probabilities(both)[:, contra]
    found = []
    for i, (a, b) in enumerate(pairs):
        p = float(min(probs[i], probs[i + len(pairs)]))
        if p >= threshold:
            reason = (
                f"the claim-checking model reads these two statements as incompatible "
                f"(contradiction {p:.2f} each way); no rule names the difference, so read both"
            )
            sides = Side(a.article, a.claim, a.text), Side(b.article, b.claim, b.text)
            found.append(Dispute(*sides, "model", reason, round(p, 3)))
    return found
