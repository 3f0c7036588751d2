"""The summary stage and the assembly of the final Brief from the pipeline's document.

The summary is extractive: each sentence is one source's own wording of a well-supported fact,
cited to every source that states the fact. Picking an existing sentence (instead of generating
one) is what lets every summary sentence be traced to a source verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..errors import NoArticlesError
from ..facts.quoted import misquoting_claims
from ..model import Brief, Claim, Dispute, Fact, SummarySentence
from ..options import Options
from ..pipeline import Document, stage

# Openers that lean on a previous sentence; out of context they read as dangling.
_ANAPHORIC = re.compile(
    r"^(he|she|it|they|this|that|these|those|his|her|their|its|however|but|and|also|"
    r"separately|consequently|as a result|according to (him|her|them))\b",
    re.IGNORECASE,
)
_REDUNDANT = 0.75  # summary sentences more similar than this repeat each other
_QUOTE_OPEN = "\"“”'‘"
# Less than an anaphoric opening costs (1.0), as in the align stage's choice of a fact's wording:
# a sentence that stands on its own comes first, and among those one that quotes faithfully.
_MISQUOTE = 0.8


def sentence_quality(claim: Claim) -> float:
    """Preference among one fact's wordings: complete, self-contained, not a bare quotation."""
    score = 0.0
    if _ANAPHORIC.match(claim.text):
        score -= 1.0
    if claim.is_quote or claim.text[:1] in _QUOTE_OPEN:
        score -= 1.5
    words = len(claim.text.split())
    if words < 8 or words > 45:
        score -= 0.5
    if claim.text[-1:] not in '.!?"”’':
        score -= 0.7  # headlines and fragments
    return score


def _relative_position(fact: Fact, claims: dict[str, Claim], lengths: dict[str, int]) -> float:
    positions = [claims[m.claim].index / max(lengths[m.article], 1) for m in fact.mentions]
    return float(np.mean(positions))


def outliers(disputes: Sequence[Dispute]) -> dict[str, set[str]]:
    """Claims on the losing side of a dispute, with the articles that contradict them.

    In each dispute the side opposed by more distinct articles is the outlier ("City Council"
    against three outlets saying "Port Authority"); on a tie neither side is, and the fact stays
    out of the summary as genuinely contested.
    """
    opponents: dict[str, set[str]] = {}
    for d in disputes:
        opponents.setdefault(d.a.claim, set()).add(d.b.article)
        opponents.setdefault(d.b.claim, set()).add(d.a.article)
    out: dict[str, set[str]] = {}
    for d in disputes:
        na, nb = len(opponents[d.a.claim]), len(opponents[d.b.claim])
        if na != nb:
            loser = d.a if na > nb else d.b
            out[loser.claim] = opponents[loser.claim]
    return out


def _majority_version(
    fact: Fact, disputes: Sequence[Dispute], losers: dict[str, set[str]]
) -> tuple[list[str], tuple[str, ...]] | None:
    """The fact's claims that no dispute overrules, and the outlets that contest them.

    None when the fact cannot be summarised safely: fewer than two agreeing sources, or a kept
    claim caught in a dispute with no clear majority.
    """
    keep = [m.claim for m in fact.mentions if m.claim not in losers]
    kept = set(keep)
    contested: set[str] = set()
    for d in disputes:
        for mine, other in ((d.a, d.b), (d.b, d.a)):
            if mine.claim in kept:
                if other.claim not in losers:
                    return None
                contested.add(other.article)
    if fact.status == "disputed" and len({m.article for m in fact.mentions if m.claim in kept}) < 2:
        return None
    return keep, tuple(sorted(contested))


def choose_summary(
    facts: Sequence[Fact],
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    want: int,
    disputes: Sequence[Dispute] = (),
    misquoting: frozenset[str] = frozenset(),
) -> list[SummarySentence]:
    """Up to `want` sentences, one per fact, best-corroborated facts first; a fact's wording is
    its best sentence by `sentence_quality`, and one that changes the words it quotes (ids in
    `misquoting`) only when every other is worse."""
    by_id = {c.id: c for c in claims}
    row = {c.id: i for i, c in enumerate(claims)}
    lengths: dict[str, int] = {}
    for c in claims:
        lengths[c.article] = max(lengths.get(c.article, 0), c.index + 1)
    losers = outliers(disputes)
    # Independent corroboration first: a fact from two unrelated outlets outranks one repeated by
    # an article and its three copies; 0 (provenance not run) falls back to the source count.
    ranked = sorted(
        facts, key=lambda f: (-f.independent_sources, -len(f.sources), -f.cohesion, f.id)
    )
    chosen: list[tuple[Fact, Claim, list[str], tuple[str, ...]]] = []
    for fact in ranked:
        if len(chosen) == want:
            break
        version = _majority_version(fact, disputes, losers)
        if version is None:
            continue
        keep, contested_by = version
        best = max(
            (by_id[c] for c in keep),
            key=lambda c: sentence_quality(c) - (_MISQUOTE if c.id in misquoting else 0.0),
        )
        if sentence_quality(best) <= -1.5:
            continue
        vec = embeddings[row[best.id]]
        if any(float(vec @ embeddings[row[c.id]]) > _REDUNDANT for _, c, _, _ in chosen):
            continue
        chosen.append((fact, best, keep, contested_by))
    chosen.sort(key=lambda item: _relative_position(item[0], by_id, lengths))
    return [
        SummarySentence(c.text, tuple(by_id[k].article for k in keep), fact.id, c.id, contested)
        for fact, c, keep, contested in chosen
    ]


@stage(
    "summarise",
    reads=["facts", "claims", "embeddings", "disputes", "quotes", "quote_groups"],
    writes=["summary"],
)
def SUMMARISE(doc: Document, options: Options) -> Document:
    emb = doc.embeddings if doc.embeddings is not None else np.zeros((0, 512), np.float32)
    claims = doc.claims or ()
    misquoting = misquoting_claims(claims, doc.quotes or (), doc.quote_groups or ())
    summary = choose_summary(
        doc.facts or (), claims, emb, options.summary_sentences, doc.disputes or (), misquoting
    )
    return doc.update(summary=tuple(summary))


def assemble(doc: Document) -> Brief:
    """The Brief a reader gets. No articles at all is an error whose message lists the problems."""
    if not doc.articles:
        detail = "; ".join(str(p) for p in doc.problems[:10]) or "no input files"
        raise NoArticlesError(f"no usable articles ({detail})")
    return Brief(
        articles=doc.articles,
        facts=doc.facts or (),
        disputes=doc.disputes or (),
        summary=doc.summary or (),
        problems=doc.problems,
        claims=doc.claims or (),
        quotes=doc.quote_groups or (),
        derivations=doc.derivations or (),
        groups=doc.groups or (),
    )
