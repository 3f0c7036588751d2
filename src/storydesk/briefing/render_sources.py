"""The Sources section of the HTML brief: a table of the articles, then each article's cleaned text
with every cited span marked, its metadata and the boilerplate that cleaning removed."""

from __future__ import annotations

from ..model import Article, Brief
from .render_anchors import Anchors, empty, esc, section
from .render_json import Span, is_http_url


def _sources_table(brief: Brief, anchors: Anchors, names: dict[str, str]) -> str:
    rows = []
    for a in brief.articles:
        cells = [
            f'<td><a href="#src-{anchors.slugs[a.id]}"><code>{esc(a.id)}</code></a></td>',
            f"<td>{esc(names[a.id])}</td>",
            f'<td class="num">{_group_label(brief, a.id)}</td>',
            f"<td>{esc(a.title or '—')}</td>",
            f"<td>{esc(a.published or '—')}</td>",
            f'<td class="num">{a.words}</td>',
            f"<td>{esc(a.language or '—')}</td>",
            f'<td class="num">{len(a.removed)}</td>',
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    columns = ("id", "outlet", "group", "title", "date", "words", "lang", "removed")
    head = "".join(f"<th>{h}</th>" for h in columns)
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
        out.append(esc(article.text[pos:start]))
        out.append(f'<mark id="m-{slug}-{start}">{esc(article.text[start:end])}</mark>')
        pos = end
    out.append(esc(article.text[pos:]))
    return "".join(out)


def _url_html(url: str | None) -> str:
    if not url:
        return "—"
    if is_http_url(url):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>'
    return f"<code>{esc(url)}</code>"


def _removed(article: Article) -> str:
    if not article.removed:
        return ""
    items = "\n".join(
        f'<li>{esc(r.text)} <span class="reason-tag">({esc(r.reason)})</span></li>'
        for r in article.removed
    )
    return (
        f"<details><summary>Removed boilerplate ({len(article.removed)})</summary>\n"
        f"<ul>\n{items}\n</ul></details>"
    )


def _source(article: Article, anchors: Anchors, names: dict[str, str]) -> str:
    slug = anchors.slugs[article.id]
    meta = [
        ("Outlet", esc(names[article.id])),
        ("Published", esc(article.published or "—")),
        ("URL", _url_html(article.url)),
        ("Language", esc(article.language or "—")),
        ("Words", str(article.words)),
        ("File", f"<code>{esc(article.path)}</code> ({esc(article.format)})"),
    ]
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in meta)
    dek = f'<p class="meta">{esc(article.dek)}</p>' if article.dek else ""
    text = _marked_text(article, anchors.marks.get(article.id, []), slug)
    lang = f' lang="{esc(article.language)}"' if article.language else ""
    return (
        f'<article class="source" id="src-{slug}">\n'
        f"<h3>{esc(article.title or names[article.id])}</h3>{dek}\n<dl>{dl}</dl>\n"
        f'<div class="article-text"{lang}>{text}</div>\n{_removed(article)}\n</article>'
    )


def sources_section(brief: Brief, anchors: Anchors, names: dict[str, str]) -> str:
    if not brief.articles:
        return section("sources", "Sources", empty("None."), 0)
    cards = "\n".join(_source(a, anchors, names) for a in brief.articles)
    body = _sources_table(brief, anchors, names) + "\n" + cards
    return section("sources", "Sources", body, len(brief.articles))
