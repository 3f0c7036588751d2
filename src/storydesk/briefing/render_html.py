"""The brief as one self-contained HTML5 page: inline CSS, no scripts, no external assets.

Every citation is a link to the exact sentence in the Sources section, where each article's cleaned
text is shown with the cited spans marked, so a reader can check any claim in one tap. All text from
articles is untrusted and goes through `_e` (html.escape with quote=True); URLs become links only
when they are plain http(s).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from ..model import (
    Article,
    Brief,
    Fact,
    FactStatus,
    Mention,
    QuoteGroup,
    QuoteVariant,
    Side,
    SummarySentence,
)
from .conflicts import Conflict, conflicts, sides_line
from .render_json import (
    Span,
    display_names,
    fact_text,
    independence_note,
    is_http_url,
    side_span,
    summary_shown,
    valid_span,
)
from .render_provenance import provenance_section
from .render_quotes import credited_apart

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_STATUS_NAMES: dict[FactStatus, str] = {
    "confirmed": "Confirmed",
    "single_source": "Single source",
    "disputed": "Disputed",
}


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _css() -> str:
    return resources.files("storydesk.briefing").joinpath("style.css").read_text(encoding="utf-8")


def _slugs(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> an id-safe, unique slug (two ids may sanitise to the same string)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for a in articles:
        base = _UNSAFE_ID.sub("_", a.id) or "article"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}_{n}", n + 1
        taken.add(slug)
        out[a.id] = slug
    return out


def _text_span(article: Article, start: int, end: int, text: str) -> Span | None:
    if valid_span(article, start, end):
        return (start, end)
    # Offsets are the contract, but a broken span should still lead somewhere useful.
    needle = text.strip()
    at = article.text.find(needle) if needle else -1
    return (at, at + len(needle)) if at >= 0 else None


@dataclass
class _Anchors:
    """Which spans of each article are marked, and how a citation finds its mark."""

    brief: Brief
    slugs: dict[str, str]
    articles: dict[str, Article]
    marks: dict[str, list[Span]] = field(default_factory=dict)

    def mention_span(self, m: Mention) -> Span | None:
        article = self.articles.get(m.article)
        return _text_span(article, m.start, m.end, m.text) if article else None

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
                return _text_span(self.articles[article_id], c.start, c.end, c.text)
        return None

    def href(self, article_id: str, span: Span | None) -> str:
        slug = self.slugs.get(article_id)
        if slug is None:
            return "#sources"
        for start, end in self.marks.get(article_id, ()):
            if span is not None and start <= span[0] < end:
                return f"#m-{slug}-{start}"
        return f"#src-{slug}"


def _build_anchors(brief: Brief) -> _Anchors:
    anchors = _Anchors(brief, _slugs(brief.articles), {a.id: a for a in brief.articles})
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
    for article_id, spans in wanted.items():
        # Marks cannot nest; an overlapping span is served by the mark that contains its start.
        kept: list[Span] = []
        for start, end in sorted(spans, key=lambda sp: (sp[0], -sp[1])):
            if not kept or start >= kept[-1][1]:
                kept.append((start, end))
        anchors.marks[article_id] = kept
    return anchors


def _cite(anchors: _Anchors, names: dict[str, str], article_id: str, span: Span | None) -> str:
    name = names.get(article_id, article_id)
    return f'<a class="cite" href="{_e(anchors.href(article_id, span))}">{_e(name)}</a>'


def _badge(status: FactStatus) -> str:
    return f'<span class="badge {status}">{_STATUS_NAMES[status]}</span>'


def _section(sid: str, title: str, body: str, count: int | None = None) -> str:
    badge = f" <small>({count})</small>" if count is not None else ""
    return f'<section id="{sid}">\n<h2>{_e(title)}{badge}</h2>\n{body}\n</section>'


def _empty(text: str) -> str:
    return f'<p class="empty">{_e(text)}</p>'


def _summary(brief: Brief, anchors: _Anchors, names: dict[str, str]) -> str:
    if not brief.summary:
        return _section("summary", "Summary", _empty("No summary could be written."))
    items = []
    for s, text in summary_shown(brief):
        cites = "".join(_cite(anchors, names, a, anchors.summary_span(s, a)) for a in s.cites)
        note = ""
        if s.contested_by:
            who = ", ".join(_e(names.get(a, a)) for a in s.contested_by)
            note = f' <a class="contested" href="#disputed">contested by {who}</a>'
        items.append(f'<li>{_e(text)} <span class="cites">{cites}</span>{note}</li>')
    return _section("summary", "Summary", '<ol class="items">\n' + "\n".join(items) + "\n</ol>")


def _fact_cites(fact: Fact, anchors: _Anchors, names: dict[str, str]) -> str:
    first: dict[str, Mention] = {}
    for m in fact.mentions:
        first.setdefault(m.article, m)
    return "".join(_cite(anchors, names, a, anchors.mention_span(m)) for a, m in first.items())


def _facts(brief: Brief, status: FactStatus, anchors: _Anchors, names: dict[str, str]) -> str:
    sid, title = status.replace("_", "-"), _STATUS_NAMES[status]
    facts = [f for f in brief.facts if f.status == status]
    if not facts:
        return _section(sid, title, _empty("None."), 0)
    items = []
    for f in facts:
        cites = _fact_cites(f, anchors, names)
        lead = "only " if status == "single_source" and len(f.sources) == 1 else ""
        if note := independence_note(f, _e):
            lead = f"{note}: " + lead
        items.append(
            f'<li>{_badge(status)}{_e(fact_text(f))} <span class="cites">{lead}{cites}</span></li>'
        )
    body = '<ul class="items">\n' + "\n".join(items) + "\n</ul>"
    return _section(sid, title, body, len(facts))


def _side(side: Side, anchors: _Anchors, names: dict[str, str]) -> str:
    cite = _cite(anchors, names, side.article, anchors.side_span(side))
    return f"<blockquote><p>“{_e(side.text)}”</p><p>— {cite}</p></blockquote>"


def _conflict(c: Conflict, anchors: _Anchors, names: dict[str, str]) -> str:
    sides = sides_line(c, names)
    who = f'<p class="sides">{_e(sides)}.</p>\n' if sides else ""
    quotes = "\n".join(_side(side, anchors, names) for side in (*c.sides[0], *c.sides[1]))
    reasons = "<br>".join(_e(r) for r in c.reasons)
    return (
        '<div class="dispute">\n'
        f"<p>{_badge('disputed')}<strong>{_e(c.kind)}</strong> "
        f'<span class="meta">· confidence {c.confidence:.2f}</span></p>\n'
        f'{who}{quotes}\n<p class="reason">{reasons}</p>\n</div>'
    )


def _disputed(brief: Brief, anchors: _Anchors, names: dict[str, str]) -> str:
    found = conflicts(brief)
    parts = [_conflict(c, anchors, names) for c in found]
    facts = brief.facts_with("disputed")
    if facts:
        # Facts the verifier marked disputed, so no grouping is lost even when the pairs are few.
        items = "\n".join(
            f"<li>{_e(fact_text(f))} {_fact_cites(f, anchors, names)}</li>" for f in facts
        )
        parts.append(f'<h3>Facts in dispute</h3>\n<ul class="items">\n{items}\n</ul>')
    body = "\n".join(parts) or _empty("No disagreements found.")
    return _section("disputed", "Disputed", body, len(found))


def _diff_html(v: QuoteVariant) -> str:
    tags = {"=": "span", "-": "del", "+": "ins"}
    return " ".join(f"<{tags[op]}>{_e(text)}</{tags[op]}>" for op, text in v.diff if op in tags)


def _quote_variant(g: QuoteGroup, v: QuoteVariant, anchors: _Anchors, names: dict[str, str]) -> str:
    span = (v.start, v.end) if v.start is not None and v.end is not None else None
    cite = _cite(anchors, names, v.article, span)
    rel = _e(v.relation)
    diff = ""
    if v.relation != "verbatim" and v.diff:
        diff = f'\n<p class="quote-diff">{_diff_html(v)}</p>'
    other = credited_apart(g, v)
    credit = f", credited to {_e(other)}" if other else ""
    return (
        f'<li><span class="rel {rel}" title="{_e(v.reason)}">{rel}</span> {cite} '
        f'<span class="meta">similarity {v.similarity:.2f}{credit}</span>'
        f"<blockquote><p>“{_e(v.text)}”</p></blockquote>{diff}</li>"
    )


def _quotes(brief: Brief, anchors: _Anchors, names: dict[str, str]) -> str:
    if not brief.quotes:
        return _section("quotes", "Quotes", _empty("No direct quotations found."), 0)
    parts = []
    for g in brief.quotes:
        items = "\n".join(_quote_variant(g, v, anchors, names) for v in g.variants)
        parts.append(
            f'<div class="quote-group" id="{_e(_UNSAFE_ID.sub("_", g.id))}">\n'
            f"<h3>{_e(g.speaker_name or g.speaker or 'Unknown speaker')}</h3>\n"
            f'<p class="canonical">“{_e(g.canonical)}”</p>\n'
            f'<ul class="variants">\n{items}\n</ul>\n</div>'
        )
    return _section("quotes", "Quotes", "\n".join(parts), len(brief.quotes))


def _sources_table(brief: Brief, anchors: _Anchors, names: dict[str, str]) -> str:
    rows = []
    for a in brief.articles:
        cells = [
            f'<td><a href="#src-{anchors.slugs[a.id]}"><code>{_e(a.id)}</code></a></td>',
            f"<td>{_e(names[a.id])}</td>",
            f'<td class="num">{_group_label(brief, a.id)}</td>',
            f"<td>{_e(a.title or '—')}</td>",
            f"<td>{_e(a.published or '—')}</td>",
            f'<td class="num">{a.words}</td>',
            f"<td>{_e(a.language or '—')}</td>",
            f'<td class="num">{len(a.removed)}</td>',
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(
        f"<th>{h}</th>" for h in ("id", "outlet", "title", "date", "words", "lang", "removed")
    )
    return (
        '<div class="table-wrap"><table>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>"
    )


def _group_label(brief: Brief, article_id: str) -> str:
    group = brief.group_of(article_id)
    return "—" if group is None else str(group + 1)


def _marked_text(article: Article, spans: list[Span], slug: str) -> str:
    out, pos = [], 0
    for start, end in spans:
        out.append(_e(article.text[pos:start]))
        out.append(f'<mark id="m-{slug}-{start}">{_e(article.text[start:end])}</mark>')
        pos = end
    out.append(_e(article.text[pos:]))
    return "".join(out)


def _url_html(url: str | None) -> str:
    if not url:
        return "—"
    if is_http_url(url):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(url)}</a>'
    return f"<code>{_e(url)}</code>"


def _removed(article: Article) -> str:
    if not article.removed:
        return ""
    items = "\n".join(
        f'<li>{_e(r.text)} <span class="reason-tag">({_e(r.reason)})</span></li>'
        for r in article.removed
    )
    return (
        f"<details><summary>Removed boilerplate ({len(article.removed)})</summary>\n"
        f"<ul>\n{items}\n</ul></details>"
    )


def _source(article: Article, anchors: _Anchors, names: dict[str, str]) -> str:
    slug = anchors.slugs[article.id]
    meta = [
        ("Outlet", _e(names[article.id])),
        ("Published", _e(article.published or "—")),
        ("URL", _url_html(article.url)),
        ("Language", _e(article.language or "—")),
        ("Words", str(article.words)),
        ("File", f"<code>{_e(article.path)}</code> ({_e(article.format)})"),
    ]
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta)
    dek = f'<p class="meta">{_e(article.dek)}</p>' if article.dek else ""
    text = _marked_text(article, anchors.marks.get(article.id, []), slug)
    lang = f' lang="{_e(article.language)}"' if article.language else ""
    return (
        f'<article class="source" id="src-{slug}">\n'
        f"<h3>{_e(article.title or names[article.id])}</h3>{dek}\n<dl>{dl}</dl>\n"
        f'<div class="article-text"{lang}>{text}</div>\n{_removed(article)}\n</article>'
    )


def _sources(brief: Brief, anchors: _Anchors, names: dict[str, str]) -> str:
    if not brief.articles:
        return _section("sources", "Sources", _empty("None."), 0)
    cards = "\n".join(_source(a, anchors, names) for a in brief.articles)
    body = _sources_table(brief, anchors, names) + "\n" + cards
    return _section("sources", "Sources", body, len(brief.articles))


def _problems(brief: Brief) -> str:
    if not brief.problems:
        return _section("problems", "Problems", _empty("All inputs were used."), 0)
    items = []
    for p in brief.problems:
        where = f" (record {p.record})" if p.record is not None else ""
        items.append(f"<li><code>{_e(p.path)}</code>{where}: {_e(p.problem)}</li>")
    body = '<ul class="items">\n' + "\n".join(items) + "\n</ul>"
    return _section("problems", "Problems", body, len(brief.problems))


def _header(brief: Brief) -> str:
    title = next((a.title for a in brief.articles if a.title), None)
    counts = " · ".join(
        f"{len(brief.facts_with(s))} {name.lower()}" for s, name in _STATUS_NAMES.items()
    )
    subtitle = f'<p class="meta">{_e(title)}</p>' if title else ""
    toc = " ".join(
        f'<a href="#{sid}">{name}</a>'
        for sid, name in [
            ("summary", "Summary"),
            ("confirmed", "Confirmed"),
            ("single-source", "Single source"),
            ("disputed", "Disputed"),
            ("quotes", "Quotes"),
            ("provenance", "Provenance"),
            ("sources", "Sources"),
            ("problems", "Problems"),
        ]
    )
    return (
        f"<header>\n<h1>Story brief</h1>\n{subtitle}\n"
        f'<p class="meta">{len(brief.articles)} articles · facts: {counts}</p>\n'
        f'<nav class="toc">{toc}</nav>\n</header>'
    )


def to_html(brief: Brief) -> str:
    names = display_names(brief.articles)
    anchors = _build_anchors(brief)
    title = next((a.title for a in brief.articles if a.title), None)
    page_title = f"Story brief: {title}" if title else "Story brief"
    body = "\n".join(
        [
            _header(brief),
            _summary(brief, anchors, names),
            _facts(brief, "confirmed", anchors, names),
            _facts(brief, "single_source", anchors, names),
            _disputed(brief, anchors, names),
            _quotes(brief, anchors, names),
            provenance_section(brief, names),
            _sources(brief, anchors, names),
            _problems(brief),
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="storydesk">\n'
        f"<title>{_e(page_title)}</title>\n<style>\n{_css()}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
