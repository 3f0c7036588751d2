"""Evidence windows: the few sentence windows of a document that best overlap a claim.

Pure Python on purpose: the runtime verifier must pick exactly the same windows as training
did, without torch. Lexical overlap (content words, light stemming) is cheap and, for FactCC-style
corruptions, finds the source sentence almost always.
"""

from __future__ import annotations

import re

from ..nlp.sentences import split_sentences

_WORD = re.compile(r"[a-z0-9]+")
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "as",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "not",
        "no",
        "said",
        "says",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "do",
        "does",
        "did",
        "than",
        "then",
        "so",
        "if",
    ]
)
SEPARATOR = " … "


def _terms(text: str) -> set[str]:
    # First five letters: a crude stem that joins 'elect'/'elected'/'election' cheaply.
    return {w[:5] for w in _WORD.findall(text.lower()) if w not in STOP}


def windows(document: str, size: int) -> list[str]:
    sents = split_sentences(document)
    if len(sents) <= size:
        return [" ".join(sents)] if sents else []
    return [" ".join(sents[i : i + size]) for i in range(len(sents) - size + 1)]


def rank_sentences(claim: str, wins: list[str]) -> list[int]:
    """Indices of `wins` (windows or sentences), most overlap with the claim first."""
    claim_terms = _terms(claim)
    return sorted(
        range(len(wins)),
        key=lambda i: (-len(claim_terms & _terms(wins[i])) / (1 + len(_terms(wins[i])) ** 0.5), i),
    )


def top_windows(claim: str, document: str, top_k: int = 3, size: int = 2,
                short: int = 600) -> list[str]:  # fmt: skip
    """The top_k windows by overlap with the claim, best first; a short document (an NLI
    premise) is one window, whole."""
    if len(document) <= short:
        return [document.strip()]
    wins = windows(document, size)
    return [wins[i] for i in rank_sentences(claim, wins)[:top_k]]


def best_evidence(claim: str, document: str, top_k: int = 3, size: int = 2,
                  short: int = 600) -> str:  # fmt: skip
    """The training input: the top_k windows joined in document order; a short document is
    returned whole."""
    if len(document) <= short:
        return document.strip()
    wins = windows(document, size)
    return SEPARATOR.join(wins[i] for i in sorted(rank_sentences(claim, wins)[:top_k]))
