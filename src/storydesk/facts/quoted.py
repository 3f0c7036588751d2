"""Facts and the quotations inside them: who said a fact's words, and which wordings misquote.

A claim split out of a quotation ("That is why cooperation between us in East Asia and NATO
[becomes] more and more important.”) reads in a brief as the outlet's own statement, with a
dangling quotation mark. The fact keeps its text as written; it gains the speaker, and the
renderers show the words as a quotation of that speaker.

A fact's wording is what the brief prints as established, so it should not be the one sentence
that changed the words it quotes: seed 003's "engaging in a very stable way" for the "engaging
in a very steady manner" the others quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Claim, Fact, Mention, Quote, QuoteGroup

# The claim may take the closing mark and full stop just outside the quotation's content span.
_SLACK = 3
_OPENING = "“‘\"'"
_CLOSING = "”’\"'"


def _inside(m: Mention, q: Quote) -> bool:
    """Within one piece: the attribution between an interrupted quotation's pieces is not
    the speaker's words."""
    return q.article == m.article and any(
        start - _SLACK <= m.start and m.end <= end + _SLACK for start, end in q.spans
    )


# Wordings that are not the speaker's words as best attested (QuoteVariant.relation).
CHANGED = frozenset({"edited", "paraphrased", "altered"})


def misquoting_claims(
    claims: Sequence[Claim], quotes: Sequence[Quote], groups: Sequence[QuoteGroup]
) -> frozenset[str]:
    """Ids of the claims that hold a quotation whose outlet changed its wording."""
    changed = {v.quote for g in groups for v in g.variants if v.relation in CHANGED}
    spans = [(q.article, a, b) for q in quotes if q.id in changed for a, b in q.spans]
    return frozenset(
        c.id
        for c in claims
        for art, start, end in spans
        if c.article == art and c.start <= start and end <= c.end + _SLACK
    )


def quoted_speaker(m: Mention, quotes: Sequence[Quote], names: dict[str, str]) -> str | None:
    """The speaker's display name when the mention lies inside one quotation with a speaker."""
    for q in quotes:
        if _inside(m, q) and q.speaker:
            return names.get(q.id, q.speaker)
    return None


def attribute(
    facts: Sequence[Fact], quotes: Sequence[Quote], groups: Sequence[QuoteGroup]
) -> list[Fact]:
    """Facts whose representative mention is quoted words, with `quoted_by` set."""
    names = {v.quote: g.speaker_name or g.speaker for g in groups for v in g.variants if g.speaker}
    by_article: dict[str, list[Quote]] = {}
    for q in quotes:
        by_article.setdefault(q.article, []).append(q)
    out = []
    for f in facts:
        rep = next((m for m in f.mentions if m.text == f.text), None)
        who = quoted_speaker(rep, by_article.get(rep.article, []), names) if rep else None
        out.append(replace(f, quoted_by=who) if who else f)
    return out


def as_quotation(text: str) -> str:
    """The text with its quotation marks balanced: the opening or closing mark that the claim
    split left outside is put back (display only; the fact's text is unchanged)."""
    body = text.strip()
    first, last = body[:1], body.rstrip(".,;")[-1:]
    if first in _OPENING and last in _CLOSING:
        return body
    if first in _OPENING:
        return body + _CLOSING[_OPENING.index(first)]
    if last in _CLOSING:
        return _OPENING[_CLOSING.index(last)] + body
    return f"“{body}”"
