"""The brief as Markdown (CommonMark/GFM), for pasting into notes, tickets and chat.

Article text is untrusted: every piece of it goes through `_inline`, which collapses it to one line
and backslash-escapes whatever could start a heading, list, table cell, link, HTML tag or emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Article, Brief, Fact, FactStatus, display_names
from .conflicts import Conflict, conflicts, sides_line
from .render_json import fact_text, independence_note, is_http_url, summary_shown
from .render_quotes import quotes_markdown

# ASCII punctuation that means something inline in CommonMark/GFM. Backslash-escaping any ASCII
# punctuation is always allowed, so over-escaping is harmless; `&` stops entity decoding (&lt;).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~])")
# At the start of a list item these would open a heading, nested list or rule ("- # x", "- 1. x").
_LEADING_MARK = re.compile(r"^([#+=-])")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")

_STATUS_NAMES: dict[FactStatus, str] = {
    "confirmed": "Confirmed",
    "single_source": "Single source",
    "disputed": "Disputed",
}


def _inline(text: str | None, empty: str = "—") -> str:
    flat = " ".join((text or "").split())
    if not flat:
        return empty
    escaped = _INLINE_SPECIAL.sub(r"\\\1", flat)
    escaped = _LEADING_MARK.sub(r"\\\1", escaped)
    return _LEADING_NUMBER.sub(r"\1\\\2", escaped)


def _cites(article_ids: Iterable[str], names: dict[str, str]) -> str:
    # Escaped brackets render as literal "[Outlet]" and can never pair up into a link.
    return "".join(rf"\[{_inline(names.get(a, a))}\]" for a in dict.fromkeys(article_ids))


def _summary(brief: Brief, names: dict[str, str]) -> list[str]:
    lines = ["## Summary", ""]
    if not brief.summary:
        return [*lines, "_No summary could be written._", ""]
    for s, text in summary_shown(brief):
        line = f"- {_inline(text)} {_cites(s.cites, names)}".rstrip()
        if s.contested_by:
            line += f" _(contested by {_cites(s.contested_by, names)}: see Disputed)_"
        lines.append(line)
    return [*lines, ""]


def _fact_lines(facts: Iterable[Fact], names: dict[str, str], single: bool) -> list[str]:
    lines = []
    for f in facts:
        if single and len(f.sources) == 1:
            only = _inline(names.get(f.sources[0], f.sources[0]))
            lines.append(f"- {_inline(fact_text(f))} — _only {only}_")
        else:
            lines.append(f"- {_inline(fact_text(f))} {_cites(f.sources, names)}{_relayed(f)}")
    return lines or ["_None._"]


def _relayed(f: Fact) -> str:
    note = independence_note(f, _inline)
    return f" _({note})_" if note else ""


def _conflict_lines(index: int, c: Conflict, names: dict[str, str]) -> list[str]:
    lines = [f"### {index}. {_inline(c.kind)}", ""]
    if sides := sides_line(c, names):
        lines += [_inline(sides) + ".", ""]
    lines += ["  \n".join(_inline(r) for r in c.reasons), ""]
    for side in (*c.sides[0], *c.sides[1]):
        lines.append(
            f"- **{_inline(names.get(side.article, side.article))}**: “{_inline(side.text)}”"
        )
    return [*lines, f"- Confidence: {c.confidence:.2f}", ""]


def _disputed(brief: Brief, names: dict[str, str]) -> list[str]:
    lines = ["## Disputed", ""]
    if not brief.disputes:
        return [*lines, "_No disagreements found._", ""]
    for i, c in enumerate(conflicts(brief), start=1):
        lines.extend(_conflict_lines(i, c, names))
    return lines


def _sources_table(articles: tuple[Article, ...]) -> list[str]:
    lines = [
        "| id | outlet | title | date | words | language | removed |",
        "|---|---|---|---|---:|---|---:|",
    ]
    for a in articles:
        removed = str(len(a.removed))
        cells = [a.id, a.source, a.title, a.published, str(a.words), a.language, removed]
        lines.append("| " + " | ".join(_inline(c) for c in cells) + " |")
    return lines


def _removed_lines(articles: tuple[Article, ...], names: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for a in articles:
        if not a.removed:
            continue
        lines += ["", f"**Removed from {_inline(names[a.id])}** ({len(a.removed)}):", ""]
        lines += [f"- {_inline(r.text)} — _{_inline(r.reason)}_" for r in a.removed]
    return lines


def _sources(brief: Brief, names: dict[str, str]) -> list[str]:
    lines = ["## Sources", ""]
    if not brief.articles:
        return [*lines, "_None._", ""]
    lines += _sources_table(brief.articles)
    links = [a for a in brief.articles if a.url]
    if links:
        lines += ["", *(f"- {_inline(names[a.id])}: {_link(a.url)}" for a in links)]
    return [*lines, *_removed_lines(brief.articles, names), ""]


def _link(url: str | None) -> str:
    # An autolink for http(s) only (is_http_url rules out spaces and brackets that would end it);
    # anything else, `javascript:` included, is escaped text that no renderer turns into a link.
    return f"<{url}>" if url and is_http_url(url) else _inline(url)


def _problems(brief: Brief) -> list[str]:
    lines = ["## Problems", ""]
    if not brief.problems:
        return [*lines, "_All inputs were used._", ""]
    for p in brief.problems:
        where = f" (record {p.record})" if p.record is not None else ""
        lines.append(f"- {_inline(p.path)}{where}: {_inline(p.problem)}")
    return [*lines, ""]


def _heading(brief: Brief) -> list[str]:
    title = next((a.title for a in brief.articles if a.title), None)
    counts = ", ".join(
        f"{len(brief.facts_with(status))} {name.lower()}" for status, name in _STATUS_NAMES.items()
    )
    head = f"# Story brief: {_inline(title)}" if title else "# Story brief"
    # Facts in dispute and disagreements are counted apart: one disagreement may hold several
    # facts, and a fact the verifier disputes may have no pair of sides to show.
    found = len(conflicts(brief))
    told = f"{found} disagreement{'s' if found != 1 else ''}"
    return [head, "", f"{len(brief.articles)} articles; facts: {counts}; {told}.", ""]


def _provenance(brief: Brief, names: dict[str, str]) -> list[str]:
    lines = ["## Provenance", ""]
    groups = [g for g in brief.groups if len(g) > 1]
    if not brief.derivations:
        return [*lines, "_No article derives from another._", ""]
    for g in groups:
        lines.append(f"- one source, counted once: {_cites(g, names)}")
    lines.append("")
    for d in brief.derivations:
        a, b = _cites([d.source], names), _cites([d.target], names)
        link = f"{b} derives from {a}" if d.directed else f"{a} and {b} are linked"
        lines.append(
            f"- {link} (score {d.score:.2f}): " + "; ".join(_inline(e) for e in d.evidence)
        )
    return [*lines, ""]


def to_markdown(brief: Brief) -> str:
    names = display_names(brief.articles)
    lines = [*_heading(brief), *_summary(brief, names)]
    lines += ["## Confirmed", "", *_fact_lines(brief.facts_with("confirmed"), names, False), ""]
    lines += ["## Single source", "", *_fact_lines(brief.facts_with("single_source"), names, True)]
    lines += ["", *_disputed(brief, names), *quotes_markdown(brief.quotes, names)]
    lines += _provenance(brief, names)
    lines += [*_sources(brief, names), *_problems(brief)]
    return "\n".join(lines).rstrip("\n") + "\n"
