"""The raw signals of derivation between two articles of one story.

Each signal answers one question a reader would ask before believing "B was rewritten from A":
does B repeat A's wording (shingle containment), does B retell A's sentences in A's order (ordered
sentence alignment over the claim embeddings), do they quote the same words identically, do they
share a distinctive error no other outlet makes, and which one was published first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from ..minhash import U64, containment, jaccard, shingle_hashes
from ..model import Article, Claim, Quote

# Two sentences count as "the same sentence, rewritten" above this cosine (multilingual USE).
# Higher than the aligner's 0.66 ("the same fact"): independent reports state the same facts, but
# seldom in sentences this close.
SENTENCE_MATCH = 0.8
MIN_ORDER_CLAIMS = 3  # an article of fewer claims is always "in order"; its order says nothing
MIN_QUOTE_WORDS = 4  # shorter quotations ("very serious") are shared by chance
# Runs of two or more capitalised words: full names ("Imelda Rusk"), where a misspelling is
# distinctive. A lone capitalised word is too often a sentence opener ("While", "These").
_NAME_RUN = re.compile(r"\b[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)+")
_QUOTE_NORM = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class ArticleView:
    """What the pair signals need from one article, computed once per story."""

    id: str
    label: str
    shingles: U64  # sorted unique hashes of the word 5-shingles
    rows: tuple[int, ...]  # rows of this article's claims in the story's embeddings, in order
    quotes: frozenset[str]
    names: dict[str, frozenset[str]]  # name token -> the capitalised words next to it
    published: datetime | None
    has_time: bool
    words: int


@dataclass(frozen=True)
class PairFeatures:
    """Signals between articles a and b; `_ab` reads "share of a found in b"."""

    jaccard: float
    contain_ab: float
    contain_ba: float
    ordered_ab: float
    ordered_ba: float
    cover_ab: float
    cover_ba: float
    quotes: tuple[str, ...]
    errors: tuple[tuple[str, str], ...]  # (shared spelling, the other outlets' spelling)
    hours: float | None  # b's publication minus a's, in hours; None when not comparable


def parse_published(value: str | None) -> tuple[datetime | None, bool]:
    """(moment, has a time of day). Naive times are read as UTC; a date alone has no time."""
    if not value:
        return None, False
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None, False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment, len(text) > 10


def normalise_quote(text: str) -> str:
    return _QUOTE_NORM.sub(" ", text.lower()).strip()


def article_view(article: Article, rows: Sequence[int], quotes: Sequence[Quote]) -> ArticleView:
    grams = shingle_hashes(article.text)
    norm = (normalise_quote(q.text) for q in quotes if q.article == article.id)
    published, has_time = parse_published(article.published)
    return ArticleView(
        id=article.id,
        label=article.label,
        shingles=grams,
        rows=tuple(rows),
        quotes=frozenset(q for q in norm if len(q.split()) >= MIN_QUOTE_WORDS),
        names=name_contexts(article.text),
        published=published,
        has_time=has_time,
        words=article.words,
    )


def name_contexts(text: str) -> dict[str, frozenset[str]]:
    """Each word of 4+ letters inside a run of capitalised words, with its neighbours in runs."""
    found: dict[str, set[str]] = {}
    for run in _NAME_RUN.finditer(text):
        toks = [re.sub(r"['’]s$", "", t).strip(".'’-") for t in run.group(0).split()]
        for i, tok in enumerate(toks):
            if len(tok) >= 4 and tok.isalpha():
                near = {toks[k] for k in (i - 1, i + 1) if 0 <= k < len(toks)}
                found.setdefault(tok, set()).update(near - {tok})
    return {k: frozenset(v) for k, v in found.items()}


def claim_rows(articles: Sequence[Article], claims: Sequence[Claim]) -> dict[str, list[int]]:
    """Embedding rows of each article's claims, in story order."""
    rows: dict[str, list[int]] = {a.id: [] for a in articles}
    for i, c in enumerate(claims):
        if c.article in rows:
            rows[c.article].append(i)
    for ids in rows.values():
        ids.sort(key=lambda i: claims[i].index)
    return rows


def longest_increasing(seq: Sequence[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting, n log n)."""
    tails: list[int] = []
    for x in seq:
        k = bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def ordered_share(sims: np.ndarray, threshold: float = SENTENCE_MATCH) -> tuple[float, float]:
    """(share of rows' sentences that follow the columns' in order, share matched at all).

    Each sentence of the row article takes its best match among the column article's sentences
    when that match clears `threshold`; the longest increasing run of matched positions, over the
    row article's sentence count, is the share retold in the same order.
    """
    n = sims.shape[0]
    if n == 0 or sims.shape[1] == 0:
        return 0.0, 0.0
    best = sims.argmax(axis=1)
    matched = sims[np.arange(n), best] >= threshold
    cover = float(matched.mean())
    if n < MIN_ORDER_CLAIMS:
        return 0.0, cover
    return longest_increasing([int(j) for j in best[matched]]) / n, cover


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, or limit + 1 once it is certainly larger (cheap early exit)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        cur = [i]
        for j, cb in enumerate(b, start=1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _variant_of(name: str, other: str) -> bool:
    """Same name spelled differently: a typo or transliteration, not inflection or possession."""
    if name[0] != other[0] or name.startswith(other) or other.startswith(name):
        return False
    return edit_distance(name, other, 1 if len(name) <= 6 else 2) <= (1 if len(name) <= 6 else 2)


def shared_errors(
    a: ArticleView, b: ArticleView, others: Sequence[ArticleView], df: Counter[str]
) -> tuple[tuple[str, str], ...]:
    """Names spelled one way by exactly a and b and another way by some other outlet.

    The other spelling must stand next to the same name word ("Imelda Rusck" / "Imelda Rusk"),
    so two different words that happen to look alike (Tuesday / Thursday) do not count. Needs a
    third article: the error is only visible against the rest of the story's spelling.
    """
    found = []
    for name in sorted(set(a.names) & set(b.names)):
        if df[name] != 2:
            continue
        context = a.names[name] | b.names[name]
        variant = next(
            (
                other
                for o in others
                for other in sorted(o.names)
                if other not in a.names
                and other not in b.names
                and o.names[other] & context
                and _variant_of(name, other)
            ),
            None,
        )
        if variant is not None:
            found.append((name, variant))
    return tuple(found)


def hours_between(a: ArticleView, b: ArticleView) -> float | None:
    """b minus a in hours when both moments are known well enough to order them."""
    if a.published is None or b.published is None:
        return None
    if a.has_time and b.has_time:
        return (b.published - a.published).total_seconds() / 3600.0
    days = (b.published.date() - a.published.date()).days
    return 24.0 * days if days else None  # same day, one without a time: order unknown


def pair_features(
    a: ArticleView,
    b: ArticleView,
    sims: np.ndarray,
    others: Sequence[ArticleView],
    df: Counter[str],
) -> PairFeatures:
    """All signals for one pair; `sims` holds the story's claim-by-claim cosine similarities."""
    # Exact, from the hash sets: a scored pair is worth the intersection, and an estimate's
    # noise (about 0.03 at 256 permutations) would move scores near the link threshold.
    jac = jaccard(a.shingles, b.shingles) if a.shingles.size or b.shingles.size else 0.0
    c_ab, c_ba = containment(a.shingles, b.shingles), containment(b.shingles, a.shingles)
    block = sims[np.ix_(a.rows, b.rows)] if a.rows and b.rows else np.zeros((0, 0))
    ord_ab, cov_ab = ordered_share(block)
    ord_ba, cov_ba = ordered_share(block.T)
    return PairFeatures(
        jaccard=jac,
        contain_ab=c_ab,
        contain_ba=c_ba,
        ordered_ab=ord_ab,
        ordered_ba=ord_ba,
        cover_ab=cov_ab,
        cover_ba=cov_ba,
        quotes=tuple(sorted(a.quotes & b.quotes)),
        errors=shared_errors(a, b, others, df),
        hours=hours_between(a, b),
    )
