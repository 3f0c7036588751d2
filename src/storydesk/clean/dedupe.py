"""Duplicate articles: the same text ingested twice, or a re-post with trivial edits.

A duplicate adds no second source to a fact, it only inflates "confirmed" counts, so later copies
are dropped and reported. The first article (in input order) wins.
"""

from __future__ import annotations

import math
import re
import zlib

from ..model import Article

NEAR_DUPLICATE_JACCARD = 0.9  # word 3-shingle overlap at which two texts count as one
_SHINGLE = 3
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _shingles(words: list[str]) -> frozenset[tuple[str, ...]]:
    if len(words) < _SHINGLE:
        return frozenset({tuple(words)})
    return frozenset(tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1))


def jaccard(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _prefix(shingles: frozenset[tuple[str, ...]]) -> list[int]:
    """The shingles (as stable hashes, in one global order) that any near-duplicate must share.

    Prefix filtering: if J(x, y) >= t then |x & y| >= ceil(t * |x|), so the first
    |x| - ceil(t * |x|) + 1 elements of x and y in any fixed global order intersect. Indexing only
    those keeps the check exact while comparing just the candidates that share one.
    """
    ordered = sorted(zlib.crc32(" ".join(s).encode()) for s in shingles)
    keep = len(ordered) - math.ceil(NEAR_DUPLICATE_JACCARD * len(ordered)) + 1
    return ordered[:keep]


def find_duplicates(articles: list[Article]) -> dict[str, str]:
    """Map each duplicate article id to the id of the earlier article it repeats, with a note.

    Near-linear in the number of articles (prefix-filter index), so it can run over large batches.
    """
    by_text: dict[str, str] = {}
    kept: list[tuple[str, frozenset[tuple[str, ...]]]] = []
    index: dict[int, list[int]] = {}
    duplicates: dict[str, str] = {}
    for article in articles:
        words = _words(article.text)
        key = " ".join(words)
        if key in by_text:
            duplicates[article.id] = f"duplicate of {by_text[key]} (same text)"
            continue
        shingles = _shingles(words)
        prefix = _prefix(shingles)
        candidates = sorted({k for token in prefix for k in index.get(token, ())})
        for k in candidates:
            other_id, other_shingles = kept[k]
            # Cheap size bound first: Jaccard can't reach the threshold if sizes differ too much.
            small, large = sorted((len(shingles), len(other_shingles)))
            if small < NEAR_DUPLICATE_JACCARD * large:
                continue
            score = jaccard(shingles, other_shingles)
            if score >= NEAR_DUPLICATE_JACCARD:
                duplicates[article.id] = f"duplicate of {other_id} (near-identical, {score:.0%})"
                break
        else:
            by_text[key] = article.id
            for token in prefix:
                index.setdefault(token, []).append(len(kept))
            kept.append((article.id, shingles))
    return duplicates
