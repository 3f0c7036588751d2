"""Align claims across articles into facts.

Two claims from different articles are linked when their embedding similarity (plus an optional
bonus for shared named entities, off by default) clears `align_threshold`. Groups grow by average
linkage (every member must be close to the group on average, which stops one vague sentence from
chaining unrelated facts together), and a fact holds at most one claim per article: a fact's
support is a set of articles.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..model import Claim, Fact, FactStatus, Mention
from ..options import Options
from ..pipeline import Document, stage
from .quoted import attribute, misquoting_claims

_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE", "CARDINAL", "PERCENT", "MONEY"}
)


def entity_keys(claim: Claim) -> frozenset[str]:
    """Comparable entity names: lowercased, without articles and possessives."""
    keys = set()
    for e in claim.entities:
        if e.label in _ENTITY_LABELS:
            key = e.text.lower().removeprefix("the ").removesuffix("'s").removesuffix("’s")
            keys.add(key.strip())
    return frozenset(keys)


def pair_scores(claims: Sequence[Claim], sims: np.ndarray, options: Options) -> np.ndarray:
    """Similarity adjusted by entity overlap; same-article pairs are set to -1 (never linked)."""
    scores = sims.astype(np.float32, copy=True)
    articles = np.array([c.article for c in claims])
    same = articles[:, None] == articles[None, :]
    if options.align_entity_weight > 0:
        _add_entity_bonus(claims, scores, ~same, options)
    scores[same] = -1.0
    return scores


def _add_entity_bonus(
    claims: Sequence[Claim], scores: np.ndarray, cross: np.ndarray, options: Options
) -> None:
    low = options.align_threshold - options.align_entity_weight
    keys = [entity_keys(c) for c in claims]
    for i, j in zip(*np.nonzero(np.triu(scores >= low, k=1) & cross), strict=True):
        a, b = keys[i], keys[j]
        if a or b:
            bonus = options.align_entity_weight * len(a & b) / len(a | b)
            scores[i, j] = scores[j, i] = scores[i, j] + bonus


def cluster(claims: Sequence[Claim], scores: np.ndarray, threshold: float) -> list[list[int]]:
    """Greedy average-linkage clustering over candidate edges, best edge first."""
    n = len(claims)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    iu, ju = np.nonzero(np.triu(scores >= threshold, k=1))
    order = np.argsort(-scores[iu, ju], kind="stable")
    for k in order:
        a, b = owner[iu[k]], owner[ju[k]]
        if a == b:
            continue
        arts_a = {claims[m].article for m in members[a]}
        if any(claims[m].article in arts_a for m in members[b]):
            continue
        if scores[np.ix_(members[a], members[b])].mean() < threshold:
            continue
        members[a].extend(members[b])
        for m in members.pop(b):
            owner[m] = a
    return [sorted(g) for g in members.values()]


# A sentence opening with one of these leans on the sentence before it ("He added that ...",
# "Consequently, ..."), which a brief's reader does not see: a fact's text should stand alone.
_ANAPHORS = frozenset({
    "he", "she", "it", "they", "him", "her", "his", "its", "their", "them", "this", "that",
    "these", "those", "such", "consequently", "therefore", "thus", "hence", "however", "but",
    "and", "so", "also", "meanwhile", "moreover", "furthermore", "besides", "instead",
    "nevertheless", "still",
})  # fmt: skip


def _standalone(text: str) -> bool:
    first = text.lstrip("\"'“‘ ").split(maxsplit=1)
    if not first:
        return True
    word = first[0].lower().replace("’", "'").strip(",;:").removesuffix("'s")
    return word not in _ANAPHORS


def _medoid(
    group: list[int], sims: np.ndarray, claims: Sequence[Claim], avoid: frozenset[str]
) -> int:
    """The member most similar to the rest, among those that stand on their own when any do,
    and of those the ones not in `avoid` (misquoting wordings) when any are."""
    if len(group) == 1:
        return group[0]
    sub = sims[np.ix_(group, group)].sum(axis=1)
    alone = [k for k, i in enumerate(group) if _standalone(claims[i].text)] or range(len(group))
    faithful = [k for k in alone if claims[group[k]].id not in avoid]
    return group[max(faithful or alone, key=lambda k: sub[k])]


def build_facts(
    claims: Sequence[Claim], sims: np.ndarray, options: Options, avoid: frozenset[str] = frozenset()
) -> list[Fact]:
    scores = pair_scores(claims, sims, options)
    groups = cluster(claims, scores, options.align_threshold)
    # Most-supported first, then story order, so fact ids read naturally in a brief.
    groups.sort(key=lambda g: (-len(g), min(claims[i].index for i in g), g[0]))
    facts = []
    for n, group in enumerate(groups, start=1):
        sub = sims[np.ix_(group, group)]
        cohesion = (
            float((sub.sum() - len(group)) / (len(group) * (len(group) - 1)))
            if len(group) > 1
            else 1.0
        )
        mentions = tuple(
            Mention(claims[i].article, claims[i].id, claims[i].text, claims[i].start, claims[i].end)
            for i in group
        )
        status: FactStatus = "confirmed" if len(group) > 1 else "single_source"
        rep = claims[_medoid(group, sims, claims, avoid)].text
        facts.append(Fact(f"f{n}", rep, mentions, status, round(cohesion, 4)))
    return facts


@stage("align", reads=["claims", "embeddings", "quotes", "quote_groups"], writes=["facts"])
def ALIGN(doc: Document, options: Options) -> Document:
    claims = doc.claims or ()
    emb = doc.embeddings if doc.embeddings is not None else np.zeros((0, 512), np.float32)
    if len(claims) != emb.shape[0]:
        raise ValueError(f"{len(claims)} claims but {emb.shape[0]} embeddings")
    sims = emb @ emb.T
    quotes, groups = doc.quotes or (), doc.quote_groups or ()
    avoid = misquoting_claims(claims, quotes, groups)
    facts = attribute(build_facts(claims, sims, options, avoid), quotes, groups)
    return doc.update(facts=tuple(facts))
