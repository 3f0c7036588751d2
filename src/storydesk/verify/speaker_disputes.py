"""Disputes over who said a quotation: the quotes stage found the same words credited to two
different people (quotes.credit); the sentences that credit them cannot both be right.

The claim checks compare what sentences say happened; "X said" against "Y said" is too common a
difference between faithful reports (two officials, one briefing) for a rule on speech verbs, so
this dispute comes only from the quotation itself: the same words, two named speakers.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Claim, Dispute, Quote, QuoteGroup
from .checks import Context, make_dispute

CONFIDENCE = 0.8  # as an actor swap's: the words are the same, the people differ
_SHOWN_WORDS = 12


def _holding(claims: Sequence[Claim], q: Quote) -> Claim | None:
    """The sentence of q's article that credits it: the one naming its speaker when that sentence
    holds part of the quotation, else the first that does."""
    overlapping = [
        c
        for c in claims
        if c.article == q.article and any(c.start < end and start < c.end for start, end in q.spans)
    ]
    if q.speaker_start is not None:
        for c in overlapping:
            if c.start <= q.speaker_start < c.end:
                return c
    return overlapping[0] if overlapping else None


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:_SHOWN_WORDS]) + (" ..." if len(words) > _SHOWN_WORDS else "")


def credit_disputes(
    claims: Sequence[Claim], quotes: Sequence[Quote], groups: Sequence[QuoteGroup], ctx: Context
) -> list[Dispute]:
    """One dispute per pair of sentences that credit the same words to different people."""
    by_id = {q.id: q for q in quotes}
    names = {g.id: g.speaker_name or g.speaker or "someone" for g in groups}
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article, []).append(c)
    out: list[Dispute] = []
    seen: set[tuple[str, str]] = set()
    for g in groups:
        for other in g.credited_elsewhere:
            if other.group < g.id:
                continue  # each pair of groups once: the other side lists this one too
            for mine, theirs in other.quotes:
                qa, qb = by_id.get(mine), by_id.get(theirs)
                if qa is None or qb is None:
                    continue
                a = _holding(by_article.get(qa.article, []), qa)
                b = _holding(by_article.get(qb.article, []), qb)
                if a is None or b is None or (a.id, b.id) in seen:
                    continue
                seen.add((a.id, b.id))
                reason = (
                    f"who said it: {ctx.name(a.article)} credits “{_short(qa.text)}” to "
                    f"{names[g.id]}, {ctx.name(b.article)} credits the same words to "
                    f"{other.speaker}"
                )
                out.append(make_dispute(a, b, "speaker", reason, CONFIDENCE))
    return out
