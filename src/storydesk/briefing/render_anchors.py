"""What every section of the HTML brief shares: escaping, section frames, and the anchors that
let a citation land on the exact sentence it cites in the Sources section.

All text from articles is untrusted and goes through `esc` (html.escape with quote=True).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Article, Brief, Mention, QuoteVariant, Side, SummarySentence
from .render_json import Span, side_span, valid_span

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def safe_id(text: str) -> str:
    """`text` with every character an HTML id should not hold replaced by "_"."""
    return _UNSAFE_ID.sub("_", text)


def slugs(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> an id-safe, unique slug (two ids may sanitise to the same string)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for a in articles:
        base = safe_id(a.id) or "article"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}_{n}", n + 1
        taken.add(slug)
        out[a.id] = slug
    return out


def text_span(article: Article, start: int, end: int, text: str) -> Span | None:
    if valid_span(article, start, end):
        return (start, end)
    # Offsets are the contract, but a broken span should still lead somewhere useful.
    needle = text.strip()
    at = article.text.find(needle) if needle else -1
    return (at, at + len(needle)) if at >= 0 else None


@dataclass
class Anchors:
    """Which spans of each article are marked, and how a citation finds its mark."""

    brief: Brief
    slugs: dict[str, str]
    articles: dict[str, Article]
    marks: dict[str, list[Span]] = field(default_factory=dict)

    def mention_span(self, m: Mention) -> Span | None:
        article = self.articles.get(m.article)
        return text_span(article, m.start, m.end, m.text) if article else None

    def side_span(self, side: Side) -> Span | None:
        return side_span(self.brief, side)

    def summary_span(self, s: SummarySentence, article_id: str) -> Span | None:
        for f in self.brief.facts:
            if f.id == s.fact:
                for m in f.mentions:
                    if m.article == article_id:
                        return self.mention_span(m)
        for c in self.brief.claims:
            if c.id == s.claim and c.article == article_id:
                return text_span(self.articles[article_id], c.start, c.end, c.text)
        return None

    def quote_span(self, v: QuoteVariant) -> Span | None:
        article = self.articles.get(v.article)
        if article is None or v.start is None or v.end is None:
            return None
        return text_span(article, v.start, v.end, v.text)

    def href(self, article_id: str, span: Span | None) -> str:
        slug = self.slugs.get(article_id)
        if slug is None:
            return "#sources"
        for start, end in self.marks.get(article_id, ()):
            if span is not None and start <= span[0] < end:
                return f"#m-{slug}-{start}"
        return f"#src-{slug}"


def build_anchors(brief: Brief) -> Anchors:
    anchors = Anchors(brief, slugs(brief.articles), {a.id: a for a in brief.articles})
    wanted: dict[str, set[Span]] = {}

    def want(article_id: str, span: Span | None) -> None:
        if span is not None and article_id in anchors.articles:
            wanted.setdefault(article_id, set()).add(span)

    for f in brief.facts:
        for m in f.mentions:
            want(m.article, anchors.mention_span(m))
    for d in brief.disputes:
        for side in (d.a, d.b):
            want(side.article, anchors.side_span(side))
    for s in brief.summary:
        for a in s.cites:
            want(a, anchors.summary_span(s, a))
    for g in brief.quotes:
        for v in g.variants:
            want(v.article, anchors.quote_span(v))
    for article_id, spans in wanted.items():
        # Marks cannot nest; an overlapping span is served by the mark that contains its start.
        kept: list[Span] = []
        for start, end in sorted(spans, key=lambda sp: (sp[0], -sp[1])):
            if not kept or start >= kept[-1][1]:
                kept.append((start, end))
        anchors.marks[article_id] = kept
    return anchors


def cite(anchors: Anchors, names: dict[str, str], article_id: str, span: Span | None) -> str:
    name = names.get(article_id, article_id)
    return f'<a class="cite" href="{esc(anchors.href(article_id, span))}">{esc(name)}</a>'


def section(sid: str, title: str, body: str, count: int | None = None) -> str:
    badge = f" <small>({count})</small>" if count is not None else ""
    return f'<section id="{sid}">\n<h2>{esc(title)}{badge}</h2>\n{body}\n</section>'


def empty(text: str) -> str:
    return f'<p class="empty">{esc(text)}</p>'
