"""Duplicate articles: the same text ingested twice, or a re-post with trivial edits.

A duplicate adds no second source to a fact, it only inflates "confirmed" counts, so later copies
are dropped and reported. The first article (in input order) wins.
"""

from __future__ import annotations

import re

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


def find_duplicates(articles: list[Article]) -> dict[str, str]:
    """Map each duplicate article id to the id of the earlier article it repeats, with a note."""
    kept: list[tuple[str, str, frozenset[tuple[str, ...]]]] = []
    duplicates: dict[str, str] = {}
    for article in articles:
        words = _words(article.text)
        key = " ".join(words)
        shingles = _shingles(words)
        for other_id, other_key, other_shingles in kept:
            if key == other_key:
                duplicates[article.id] = f"duplicate of {other_id} (same text)"
                break
            # Cheap size bound first: Jaccard can't reach the threshold if sizes differ too much.
            small, large = sorted((len(shingles), len(other_shingles)))
            if small < NEAR_DUPLICATE_JACCARD * large:
                continue
            score = jaccard(shingles, other_shingles)
            if score >= NEAR_DUPLICATE_JACCARD:
                duplicates[article.id] = f"duplicate of {other_id} (near-identical, {score:.0%})"
                break
        else:
            kept.append((article.id, key, shingles))
    return duplicates
