"""The same words credited to two different people by two outlets.

Grouping never puts quotations of two named people together (quotes.group.pair_score forbids
it), so a retelling that moves a quotation from the harbour master to the minister leaves two
groups that look unrelated, each "verbatim". Who said the words is exactly what the reader needs
to know is in dispute. Two groups are linked here when an outlet of each prints the same words,
near enough that chance is no explanation (a run of at least MIN_WORDS words, nearly all shared),
and the two outlets credit them to people that speakers_agree calls different. A role and a
name ("a ministry spokesperson", "Dunn") may be one person, so they are never linked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from ..model import OtherCredit, QuoteGroup
from .diff import compare, words
from .extract import Extracted
from .group import speakers_agree
from .speakers import PRONOUNS

# Short slogans and stock phrases ("we will not give up") are said by many people.
MIN_WORDS = 6
# Shared words (difflib ratio on words) for two wordings to be one utterance, or the shorter a
# contiguous run of the longer.
MIN_RATIO = 0.8
# Sentence-embedding cosine below which no pair is compared word by word (a cheap pre-filter).
MIN_COSINE = 0.6


def same_words(a: str, b: str) -> bool:
    """Whether two wordings are one utterance: nearly all words shared, or one a run of the
    other, and long enough that two people would not say it independently."""
    if min(len(words(a)), len(words(b))) < MIN_WORDS:
        return False
    shorter, longer = sorted((a, b), key=lambda t: len(words(t)))
    c = compare(longer, shorter)
    return c.ratio >= MIN_RATIO or c.contiguous


def _named_at_cue(e: Extracted) -> bool:
    """Whether a cue names the speaker outright: "he said" resolved to a person, or a speaker
    guessed from the nearest name with no cue at all, is our reading, and on PolNeAR (train,
    700 articles) both identical-words links such readings made were our errors."""
    q = e.quote
    return q.cue is not None and (q.speaker_text or "").lower() not in PRONOUNS


def _links(
    items: Sequence[Extracted], sims: np.ndarray, group_of: dict[str, QuoteGroup]
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(group id, other group id) -> the (quote, other quote) pairs of one utterance."""
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    close: np.ndarray = (
        np.argwhere(np.triu(sims >= MIN_COSINE, k=1)) if len(items) else np.zeros((0, 2))
    )
    for i, j in close:
        a, b = items[int(i)], items[int(j)]
        if a.quote.article != b.quote.article:
            _link(found, a, b, group_of)
    return found


def _link(
    found: dict[tuple[str, str], list[tuple[str, str]]],
    a: Extracted,
    b: Extracted,
    group_of: dict[str, QuoteGroup],
) -> None:
    ga, gb = group_of.get(a.quote.id), group_of.get(b.quote.id)
    if ga is None or gb is None or ga.id == gb.id:
        return
    if not (_named_at_cue(a) and _named_at_cue(b)) or speakers_agree(a, b) is not False:
        return
    if same_words(a.quote.text, b.quote.text):
        found.setdefault((ga.id, gb.id), []).append((a.quote.id, b.quote.id))
        found.setdefault((gb.id, ga.id), []).append((b.quote.id, a.quote.id))


def credited_elsewhere(
    groups: Sequence[QuoteGroup], items: Sequence[Extracted], sims: np.ndarray
) -> list[QuoteGroup]:
    """`groups` with `credited_elsewhere` filled in. `sims` is the items' cosine matrix."""
    group_of = {v.quote: g for g in groups for v in g.variants}
    by_id = {g.id: g for g in groups}
    article_of = {e.quote.id: e.quote.article for e in items}
    links = _links(items, sims, group_of)
    out = []
    for g in groups:
        others = []
        for (mine, other_id), pairs in sorted(links.items()):
            if mine != g.id:
                continue
            other = by_id[other_id]
            speaker = other.speaker_name or other.speaker or ""
            articles = tuple(sorted({article_of[b] for _, b in pairs}))
            others.append(OtherCredit(other_id, speaker, articles, tuple(pairs)))
        out.append(replace(g, credited_elsewhere=tuple(others)) if others else g)
    return out
