"""The provenance stage: which articles derive from which, and the story's independence groups.

Every pair of a story's articles is scored (stories are tens of articles, so all pairs are cheap);
past ALL_PAIRS_MAX articles only the pairs that MinHash LSH or the claim embeddings propose are
scored, so a large collection never costs n^2 sentence alignments. Articles joined by a derivation
at or above LINK_THRESHOLD form one independence group (union-find): an article and its copies
count as one source when facts are corroborated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..minhash import lsh_candidates, signature
from ..model import Article, Claim, Derivation, Quote
from ..options import Options
from ..pipeline import Document, stage
from ..unionfind import DisjointSets
from .features import ArticleView, PairFeatures, article_view, claim_rows, pair_features
from .score import LINK_THRESHOLD, derivation, derivation_score

NUM_PERM, BANDS = 256, 64  # 64 bands of 4 rows: candidates at Jaccard 0.3 with p = 0.98
ALL_PAIRS_MAX = 80  # up to this many articles every pair is scored (3,160 pairs)
_NEIGHBOURS = 5  # beyond it: each article's nearest articles by mean claim embedding


def _candidates(views: Sequence[ArticleView], emb: np.ndarray) -> list[tuple[int, int]]:
    n = len(views)
    if n <= ALL_PAIRS_MAX:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    # Signatures only here: a story small enough to score every pair never needs them.
    pairs = lsh_candidates([signature(v.shingles, NUM_PERM) for v in views], BANDS)
    # Paraphrases and translations share no shingles; their sentence embeddings still meet.
    centroids = np.zeros((n, emb.shape[1] if emb.ndim == 2 else 1), dtype=np.float32)
    for i, v in enumerate(views):
        if v.rows:
            centroids[i] = emb[list(v.rows)].mean(axis=0)
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    centroids /= np.maximum(norms, 1e-9)
    sims = centroids @ centroids.T
    np.fill_diagonal(sims, -np.inf)
    for i in range(n):
        for j in np.argsort(-sims[i], kind="stable")[:_NEIGHBOURS]:
            if int(j) != i:  # the diagonal sorts last, but a story under _NEIGHBOURS reaches it
                pairs.add((min(i, int(j)), max(i, int(j))))
    return sorted(pairs)


def scored_pairs(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    quotes: Sequence[Quote] = (),
) -> list[tuple[ArticleView, ArticleView, PairFeatures]]:
    """Signals for every candidate pair, whatever its score (for audit and benchmarks)."""
    rows = claim_rows(articles, claims)
    views = [article_view(a, rows[a.id], quotes) for a in articles]
    df: Counter[str] = Counter(name for v in views for name in v.names)  # names per article
    sims = embeddings @ embeddings.T if len(claims) else np.zeros((0, 0), dtype=np.float32)
    out = []
    for i, j in _candidates(views, embeddings):
        others = [v for k, v in enumerate(views) if k not in (i, j)]
        out.append((views[i], views[j], pair_features(views[i], views[j], sims, others, df)))
    return out


def find_derivations(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    embeddings: np.ndarray,
    quotes: Sequence[Quote] = (),
    threshold: float = LINK_THRESHOLD,
) -> list[Derivation]:
    """Derivations at or above `threshold`, strongest first. `embeddings` row i embeds claims[i]."""
    found = [
        derivation(a, b, feats)
        for a, b, feats in scored_pairs(articles, claims, embeddings, quotes)
        if derivation_score(feats) >= threshold
    ]
    found.sort(key=lambda d: (-d.score, d.source, d.target))
    return found


def independence_groups(
    article_ids: Sequence[str], derivations: Sequence[Derivation], threshold: float = LINK_THRESHOLD
) -> tuple[tuple[str, ...], ...]:
    """Union-find over derivations at or above `threshold`; groups in the articles' order."""
    known = set(article_ids)
    sets = DisjointSets()
    for d in derivations:
        if d.score >= threshold and d.source in known and d.target in known:
            sets.union(d.source, d.target)
    members: dict[str, list[str]] = {}
    for a in article_ids:
        members.setdefault(sets.find(a), []).append(a)
    return tuple(tuple(m) for m in members.values())


@stage(
    "provenance",
    reads=["articles", "claims", "embeddings", "quotes"],
    writes=["derivations", "groups"],
)
def PROVENANCE(doc: Document, options: Options) -> Document:
    articles = doc.articles or ()
    claims = doc.claims or ()
    emb = doc.embeddings if doc.embeddings is not None else np.zeros((0, 512), np.float32)
    if len(claims) != emb.shape[0]:
        raise ValueError(f"{len(claims)} claims but {emb.shape[0]} embeddings")
    derivations = find_derivations(articles, claims, emb, doc.quotes or ())
    groups = independence_groups([a.id for a in articles], derivations)
    return doc.update(derivations=tuple(derivations), groups=groups)
