"""Duplicate articles: the same text ingested twice, or a re-post with trivial edits.

A duplicate adds no second source to a fact, it only inflates "confirmed" counts, so later copies
are dropped and reported. Which copy stays does not depend on the order the files were named in:
- one URL given twice is one article in two versions: the latest published stays (a correction
  or an update, as the archive keeps it);
- otherwise a named outlet's copy before an unnamed one (an anonymous scrape must not erase the
  outlets it copies), then the earliest published (undated after dated), then input order.
A copy under another outlet's name is not a duplicate but a republication: it stays, and
provenance links it to its origin and counts the two as one source (who ran whose story is part
of what a brief reports).
"""

from __future__ import annotations

import math

from ..minhash import U64, jaccard, shingle_hashes, words
from ..model import Article
from ..store.keys import normalise_url, outlet_key, parse_ts

NEAR_DUPLICATE_JACCARD = 0.9  # word 3-shingle overlap at which two texts count as one
# Shorter than the archive's 5: a batch is compared whole, and 3-word runs keep a re-post with a
# few edited words above the threshold (each edit costs 3 shingles instead of 5).
_SHINGLE = 3


def _prefix(hashes: U64) -> list[int]:
    """The shingles (sorted hashes: one global order) that any near-duplicate must share.

    Prefix filtering: if J(x, y) >= t then |x & y| >= ceil(t * |x|), so the first
    |x| - ceil(t * |x|) + 1 elements of x and y in any fixed global order intersect. Indexing only
    those keeps the check exact while comparing just the candidates that share one.
    """
    keep = hashes.size - math.ceil(NEAR_DUPLICATE_JACCARD * hashes.size) + 1
    return [int(h) for h in hashes[:keep]]


def _republished(a: Article, b: Article) -> bool:
    """Two named, different outlets: a republication, not a duplicate."""
    oa, ob = outlet_key(a.source), outlet_key(b.source)
    return oa is not None and ob is not None and oa != ob


def _by_age(articles: list[Article]) -> list[Article]:
    """Named outlets first, then earliest published (undated after dated), then input order."""
    ts = [parse_ts(a.published) for a in articles]
    order = sorted(
        range(len(articles)),
        key=lambda i: (outlet_key(articles[i].source) is None, ts[i] is None, ts[i] or 0, i),
    )
    return [articles[i] for i in order]


VERSION_JACCARD = 0.5  # two texts at one URL this alike are versions of one article


def _older_versions(articles: list[Article]) -> dict[str, str]:
    """Of the articles that give one URL, the older versions of the latest published (the last
    named among equals), each mapped to a note naming the version kept. A text unlike the
    latest is not a version of it: one URL on unrelated articles is bad metadata (a canonical
    link to a section front), not an update."""
    by_url: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        url = normalise_url(a.url)
        if url is not None:
            by_url.setdefault(url, []).append(i)
    out = {}
    for idx in (idx for idx in by_url.values() if len(idx) > 1):
        ts = {i: parse_ts(articles[i].published) for i in idx}
        latest = max(idx, key=lambda i: (ts[i] is not None, ts[i] or 0, i))
        shingles = shingle_hashes(articles[latest].text, _SHINGLE)
        for i in idx:
            other = shingle_hashes(articles[i].text, _SHINGLE)
            if i != latest and jaccard(shingles, other) >= VERSION_JACCARD:
                out[articles[i].id] = f"an older version of {articles[latest].id} (same URL)"
    return out


def find_duplicates(articles: list[Article]) -> dict[str, str]:
    """Map each duplicate article id to the id of the earlier article it repeats, with a note.

    Near-linear in the number of articles (prefix-filter index), so it can run over large batches.
    """
    by_text: dict[str, list[Article]] = {}
    kept: list[tuple[Article, U64]] = []
    index: dict[int, list[int]] = {}
    duplicates = _older_versions(articles)
    for article in _by_age([a for a in articles if a.id not in duplicates]):
        key = " ".join(words(article.text))
        same = next((o for o in by_text.get(key, ()) if not _republished(article, o)), None)
        if same is not None:
            duplicates[article.id] = f"duplicate of {same.id} (same text)"
            continue
        shingles = shingle_hashes(article.text, _SHINGLE)
        prefix = _prefix(shingles)
        candidates = sorted({k for token in prefix for k in index.get(token, ())})
        for k in candidates:
            other, other_shingles = kept[k]
            # Cheap size bound first: Jaccard can't reach the threshold if sizes differ too much.
            small, large = sorted((shingles.size, other_shingles.size))
            if small < NEAR_DUPLICATE_JACCARD * large or _republished(article, other):
                continue
            score = jaccard(shingles, other_shingles)
            if score >= NEAR_DUPLICATE_JACCARD:
                duplicates[article.id] = f"duplicate of {other.id} (near-identical, {score:.0%})"
                break
        else:
            by_text.setdefault(key, []).append(article)
            for token in prefix:
                index.setdefault(token, []).append(len(kept))
            kept.append((article, shingles))
    return duplicates
