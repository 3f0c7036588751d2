"""The brief as one self-contained HTML5 page: inline CSS, no scripts, no external assets.

Every citation is a link to the exact sentence in the Sources section, where each article's cleaned
text is shown with the cited spans marked, so a reader can check any claim in one tap. All text from
articles is untrusted and goes through `esc` (render_anchors.py, html.escape with quote=True); URLs
become links only when they are plain http(s).
"""

from __future__ import annotations

from importlib import resources

from ..model import (
    Brief,
    Fact,
    FactStatus,
    Mention,
    QuoteGroup,
    QuoteVariant,
    Side,
    display_names,
)
from .conflicts import Conflict, conflicts, sides_line
from .render_anchors import Anchors, build_anchors, cite, empty, esc, safe_id, section
from .render_json import (
    fact_text,
    independence_note,
    summary_shown,
)
from .render_provenance import provenance_section
from .render_quotes import credit_disputes, credited_apart
from .render_sources import sources_section

_STATUS_NAMES: dict[FactStatus, str] = {
    "confirmed": "Confirmed",
    "single_source": "Single source",
    "disputed": "Disputed",
}


def _css() -> str:
    return resources.files("storydesk.briefing").joinpath("style.css").read_text(encoding="utf-8")


def _badge(status: FactStatus) -> str:
    return f'<span class="badge {status}">{_STATUS_NAMES[status]}</span>'


def _summary(brief: Brief, anchors: Anchors, names: dict[str, str]) -> str:
    if not brief.summary:
        return section("summary", "Summary", empty("No summary could be written."))
    items = []
    for s, text in summary_shown(brief):
        cites = "".join(cite(anchors, names, a, anchors.summary_span(s, a)) for a in s.cites)
        note = ""
        if s.contested_by:
            who = ", ".join(esc(names.get(a, a)) for a in s.contested_by)
            note = f' <a class="contested" href="#disputed">contested by {who}</a>'
        items.append(f'<li>{esc(text)} <span class="cites">{cites}</span>{note}</li>')
    return section("summary", "Summary", '<ol class="items">\n' + "\n".join(items) + "\n</ol>")


def _fact_cites(fact: Fact, anchors: Anchors, names: dict[str, str]) -> str:
    first: dict[str, Mention] = {}
    for m in fact.mentions:
        first.setdefault(m.article, m)
    return "".join(cite(anchors, names, a, anchors.mention_span(m)) for a, m in first.items())


def _facts(brief: Brief, status: FactStatus, anchors: Anchors, names: dict[str, str]) -> str:
    sid, title = status.replace("_", "-"), _STATUS_NAMES[status]
    facts = [f for f in brief.facts if f.status == status]
    if not facts:
        return section(sid, title, empty("None."), 0)
    items = []
    for f in facts:
        cites = _fact_cites(f, anchors, names)
        lead = "only " if status == "single_source" and len(f.sources) == 1 else ""
        if note := independence_note(f, esc):
            lead = f"{note}: " + lead
        items.append(
            f'<li>{_badge(status)}{esc(fact_text(f))} <span class="cites">{lead}{cites}</span></li>'
        )
    body = '<ul class="items">\n' + "\n".join(items) + "\n</ul>"
    return section(sid, title, body, len(facts))


def _side(side: Side, anchors: Anchors, names: dict[str, str]) -> str:
    link = cite(anchors, names, side.article, anchors.side_span(side))
    return f"<blockquote><p>“{esc(side.text)}”</p><p>— {link}</p></blockquote>"


def _conflict(c: Conflict, anchors: Anchors, names: dict[str, str]) -> str:
    sides = sides_line(c, names)
    who = f'<p class="sides">{esc(sides)}.</p>\n' if sides else ""
    quotes = "\n".join(_side(side, anchors, names) for side in (*c.sides[0], *c.sides[1]))
    reasons = "<br>".join(esc(r) for r in c.reasons)
    return (
        '<div class="dispute">\n'
        f"<p>{_badge('disputed')}<strong>{esc(c.kind)}</strong> "
        f'<span class="meta">· confidence {c.confidence:.2f}</span></p>\n'
        f'{who}{quotes}\n<p class="reason">{reasons}</p>\n</div>'
    )


def _disputed(brief: Brief, anchors: Anchors, names: dict[str, str]) -> str:
    found = conflicts(brief)
    parts = [_conflict(c, anchors, names) for c in found]
    facts = brief.facts_with("disputed")
    if facts:
        # Facts the verifier marked disputed, so no grouping is lost even when the pairs are few.
        items = "\n".join(
            f"<li>{esc(fact_text(f))} {_fact_cites(f, anchors, names)}</li>" for f in facts
        )
        parts.append(f'<h3>Facts in dispute</h3>\n<ul class="items">\n{items}\n</ul>')
    body = "\n".join(parts) or empty("No disagreements found.")
    return section("disputed", "Disputed", body, len(found))


def _diff_html(v: QuoteVariant) -> str:
    tags = {"=": "span", "-": "del", "+": "ins"}
    return " ".join(f"<{tags[op]}>{esc(text)}</{tags[op]}>" for op, text in v.diff if op in tags)


def _quote_variant(g: QuoteGroup, v: QuoteVariant, anchors: Anchors, names: dict[str, str]) -> str:
    link = cite(anchors, names, v.article, anchors.quote_span(v))
    rel = esc(v.relation)
    diff = ""
    if v.relation != "verbatim" and v.diff:
        diff = f'\n<p class="quote-diff">{_diff_html(v)}</p>'
    other = credited_apart(g, v)
    credit = f", credited to {esc(other)}" if other else ""
    return (
        f'<li><span class="rel {rel}" title="{esc(v.reason)}">{rel}</span> {link} '
        f'<span class="meta">similarity {v.similarity:.2f}{credit}</span>'
        f"<blockquote><p>“{esc(v.text)}”</p></blockquote>{diff}</li>"
    )


def _quotes(brief: Brief, anchors: Anchors, names: dict[str, str]) -> str:
    if not brief.quotes:
        return section("quotes", "Quotes", empty("No direct quotations found."), 0)
    parts = []
    for g in brief.quotes:
        items = "\n".join(_quote_variant(g, v, anchors, names) for v in g.variants)
        elsewhere = "".join(
            f'<p class="credit-dispute">{_badge("disputed")}{esc(said)} '
            f'<a href="#{esc(safe_id(other))}">{esc(who)}</a>.</p>\n'
            for said, who, other in credit_disputes(g, names)
        )
        parts.append(
            f'<div class="quote-group" id="{esc(safe_id(g.id))}">\n'
            f"<h3>{esc(g.speaker_name or g.speaker or 'Unknown speaker')}</h3>\n"
            f'<p class="canonical">“{esc(g.canonical)}”</p>\n{elsewhere}'
            f'<ul class="variants">\n{items}\n</ul>\n</div>'
        )
    return section("quotes", "Quotes", "\n".join(parts), len(brief.quotes))


def _problems(brief: Brief) -> str:
    if not brief.problems:
        return section("problems", "Problems", empty("All inputs were used."), 0)
    items = []
    for p in brief.problems:
        where = f" (record {p.record})" if p.record is not None else ""
        items.append(f"<li><code>{esc(p.path)}</code>{where}: {esc(p.problem)}</li>")
    body = '<ul class="items">\n' + "\n".join(items) + "\n</ul>"
    return section("problems", "Problems", body, len(brief.problems))


def _header(brief: Brief) -> str:
    title = next((a.title for a in brief.articles if a.title), None)
    counts = " · ".join(
        f"{len(brief.facts_with(s))} {name.lower()}" for s, name in _STATUS_NAMES.items()
    )
    subtitle = f'<p class="meta">{esc(title)}</p>' if title else ""
    found = len(conflicts(brief))  # the Disputed section's count; facts in dispute are apart
    told = f"{found} disagreement{'s' if found != 1 else ''}"
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
        f'<p class="meta">{len(brief.articles)} articles · facts: {counts} · {told}</p>\n'
        f'<nav class="toc">{toc}</nav>\n</header>'
    )


def to_html(brief: Brief) -> str:
    names = display_names(brief.articles)
    anchors = build_anchors(brief)
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
            sources_section(brief, anchors, names),
            _problems(brief),
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="storydesk">\n'
        f"<title>{esc(page_title)}</title>\n<style>\n{_css()}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
