"""Turn parsed sentences into Claims: offsets, entities, who-does-what roles, numbers, negation.

spaCy objects stop here: downstream stages see only frozen records, so they can be cached, stored
and tested without a parser.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Article, Claim, Entity, Quantity
from .assertion import is_main_hedge, is_negation
from .measures import duration, money, multipliers
from .numbers import parse_number, vague_count
from .roles import governor, roles
from .sentences import paragraphs

_OPENING = "“«„"
_CLOSING = "”»"


def _unit(token: Any) -> str:
    head = token.head
    if token.dep_ in ("nummod", "quantmod", "compound", "amod") and head.i != token.i:
        while head.dep_ in ("nummod", "quantmod", "compound") and head.head.i != head.i:
            head = head.head
        return str(head.lemma_.lower()) if head.pos_ in ("NOUN", "PROPN", "SYM") else ""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj:
                return str(pobj[0].lemma_.lower())
    return ""


def quantities(sent: Any) -> tuple[Quantity, ...]:
    out: list[Quantity] = multipliers(sent)
    for ent in sent.ents:
        if ent.label_ in ("DATE", "TIME"):
            if (length := duration(ent)) is not None:
                out.append(length)
            continue
        if ent.label_ in ("MONEY", "CARDINAL", "QUANTITY") and (sum_ := money(ent)) is not None:
            out.append(sum_)
            continue
        # "22 per cent" arrives as MONEY at times (read as cents): it is a percentage.
        percent = ent.label_ == "PERCENT" or ent.text.lower().endswith(" per cent")
        if ent.label_ not in ("CARDINAL", "ORDINAL", "QUANTITY") and not percent:
            continue
        value = parse_number(ent.text)
        if value is None and (value := vague_count(ent.text)) is None:
            continue
        unit = "percent" if percent else _unit(ent.root)
        out.append(Quantity(value, unit, ent.text, ordinal=ent.label_ == "ORDINAL"))
    return tuple(out)


def quote_mask(text: str) -> list[bool]:
    """Per character: inside a quotation? Tracked over a whole paragraph, because a quotation
    often runs over several sentences and only the first and last carry a quote mark."""
    mask, inside = [], False
    for ch in text:
        if ch in _OPENING:
            inside = True
        elif ch in _CLOSING:
            inside = False
        elif ch == '"':
            inside = not inside
        mask.append(inside)
    return mask


def sentence_claim(
    article: Article, index: int, sent: Any, offset: int, quoted: list[bool]
) -> Claim:
    start = offset + sent.start_char
    text = sent.text.strip()
    start += len(sent.text) - len(sent.text.lstrip())
    ents = tuple(
        Entity(e.text, e.label_, offset + e.start_char, offset + e.end_char, governor(e.root.head))
        for e in sent.ents
    )
    modal = next((t.lower_ for t in sent if is_main_hedge(t)), None)
    content = sum(1 for t in sent if t.is_alpha and not t.is_stop)
    found = roles(sent)
    return Claim(
        id=f"{article.id}:{index}",
        article=article.id,
        index=index,
        start=start,
        end=start + len(text),
        text=text,
        entities=ents,
        roles=found,
        quantities=quantities(sent),
        # "declined to comment" denies as "did not comment" does
        negated=any(is_negation(t) for t in sent) or any(r.negated for r in found),
        modal=modal,
        is_quote=sum(quoted[sent.start_char : sent.end_char]) >= 0.5 * max(len(text), 1),
        content_words=content,
    )


@dataclass(frozen=True)
class ParsedParagraph:
    """One paragraph's spaCy Doc, where it starts in its article: parsed once by the parse
    stage, read by every stage that needs syntax (claims, quotations)."""

    article: str
    offset: int
    doc: Any


def parse_paragraphs(
    nlp: Any, articles: Iterable[Article], batch_size: int = 64
) -> list[ParsedParagraph]:
    """Every paragraph of every article, in order, parsed in one batched pass (nlp.pipe is
    much faster than a loop)."""
    jobs = [(a.id, off, para) for a in articles for off, para in paragraphs(a.text)]
    docs = nlp.pipe((p for _, _, p in jobs), batch_size=batch_size)
    return [ParsedParagraph(a, off, d) for (a, off, _), d in zip(jobs, docs, strict=True)]


def claims_of(
    articles: Iterable[Article], parses: Sequence[ParsedParagraph], min_content_words: int
) -> list[Claim]:
    """Claims of the articles from their parsed paragraphs."""
    by_id = {a.id: a for a in articles}
    claims: list[Claim] = []
    counters: dict[str, int] = {}
    for parsed in parses:
        article = by_id.get(parsed.article)
        if article is None:
            continue
        quoted = quote_mask(parsed.doc.text)
        for sent in parsed.doc.sents:
            if not sent.text.strip():
                continue
            index = counters.get(article.id, 0)
            counters[article.id] = index + 1
            claim = sentence_claim(article, index, sent, parsed.offset, quoted)
            if claim.content_words >= min_content_words:
                claims.append(claim)
    return claims


def article_claims(
    nlp: Any, articles: Iterable[Article], min_content_words: int, batch_size: int = 64
) -> list[Claim]:
    """Claims of all articles, parsed in one batched pass."""
    articles = tuple(articles)
    return claims_of(articles, parse_paragraphs(nlp, articles, batch_size), min_content_words)
