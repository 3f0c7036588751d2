"""The Quotes section shared by the renderers and `storydesk quotes`: who said what, and how each
outlet's wording compares with the best-attested one.

Markdown escaping is render_markdown's `_inline` (imported lazily to keep one escaping rule).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Article, InputProblem, QuoteGroup, QuoteVariant, display_names
from ..quotes.group import same_name
from .render_json import SCHEMA_VERSION, _number, problem_to_dict

RELATION_NAMES = {
    "verbatim": "verbatim",
    "trimmed": "trimmed",
    "edited": "edited",
    "paraphrased": "paraphrased",
    "altered": "ALTERED",
}


def variant_to_dict(v: QuoteVariant) -> dict[str, Any]:
    return {
        "article": v.article,
        "quote": v.quote,
        "text": v.text,
        "start": v.start,
        "end": v.end,
        "relation": v.relation,
        "similarity": _number(v.similarity),
        "reason": v.reason,
        "speaker": v.speaker,
        "diff": [[op, text] for op, text in v.diff],
        "parts": [list(p) for p in v.parts or ((v.start, v.end),)] if v.start is not None else [],
    }


def group_to_dict(g: QuoteGroup) -> dict[str, Any]:
    return {
        "id": g.id,
        "speaker": g.speaker,
        "speaker_name": g.speaker_name,
        "canonical": g.canonical,
        "canonical_quote": g.canonical_quote,
        "variants": [variant_to_dict(v) for v in g.variants],
        "credited_elsewhere": [
            {
                "group": o.group,
                "speaker": o.speaker,
                "articles": list(o.articles),
                "quotes": [list(pair) for pair in o.quotes],
            }
            for o in g.credited_elsewhere
        ],
    }


def quotes_to_dict(
    articles: Iterable[Article], groups: Iterable[QuoteGroup], problems: Iterable[InputProblem]
) -> dict[str, Any]:
    """What `storydesk quotes --format json` prints. Offsets point into each article's cleaned
    text (`storydesk extract` prints it)."""
    articles = tuple(articles)
    names = display_names(articles)
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [{"id": a.id, "label": names[a.id], "title": a.title} for a in articles],
        "quotes": [group_to_dict(g) for g in groups],
        "problems": [problem_to_dict(p) for p in problems],
    }


def _diff_md(v: QuoteVariant) -> str:
    from .render_markdown import _inline

    parts = []
    for op, text in v.diff:
        if op == "=":
            parts.append(_inline(text, ""))
        elif op == "-":
            parts.append(f"~~{_inline(text, '')}~~")
        else:
            parts.append(f"**{_inline(text, '')}**")
    return " ".join(p for p in parts if p)


def credited_apart(g: QuoteGroup, v: QuoteVariant) -> str | None:
    """The speaker this outlet credits when it is not the group's, else None."""
    if v.speaker and g.speaker and not same_name(v.speaker, g.speaker):
        return v.speaker
    return None


def credit_disputes(g: QuoteGroup, names: dict[str, str]) -> list[tuple[str, str, str]]:
    """(sentence start, other speaker, other group id) per person other outlets credit the
    same words to: "Daily Post credits the same words to". Plain text: callers escape it."""
    out = []
    for o in g.credited_elsewhere:
        outlets = ", ".join(names.get(a, a) for a in o.articles)
        verb = "credits" if len(o.articles) == 1 else "credit"
        out.append(
            (f"Who said this is disputed: {outlets} {verb} the same words to", o.speaker, o.group)
        )
    return out


def quotes_markdown(groups: Sequence[QuoteGroup], names: dict[str, str]) -> list[str]:
    """The `## Quotes` section as Markdown lines."""
    from .render_markdown import _inline

    lines = ["## Quotes", ""]
    if not groups:
        return [*lines, "_No direct quotations found._", ""]
    number = {g.id: i for i, g in enumerate(groups, start=1)}
    for i, g in enumerate(groups, start=1):
        outlets = len({v.article for v in g.variants})
        lines += [f"### {i}. {_inline(g.speaker_name or g.speaker or 'unknown speaker')}", ""]
        lines += [f"“{_inline(g.canonical)}” — {outlets} outlet(s)", ""]
        lines += [
            f"**{_inline(said)} {_inline(who)}** (see quotation {number.get(other, '?')})."
            for said, who, other in credit_disputes(g, names)
        ]
        lines += [""] if g.credited_elsewhere else []
        for v in g.variants:
            who = _inline(names.get(v.article, v.article))
            rel = f"{RELATION_NAMES[v.relation]}, {v.similarity:.2f}"
            line = f"- **{who}** ({rel}): “{_inline(v.text)}”"
            other = credited_apart(g, v)
            if other:
                line += f" — credited to {_inline(other)}"
            if v.relation != "verbatim" and v.diff:
                line += f"  \n  diff: {_diff_md(v)}"
            lines.append(line)
        lines.append("")
    return lines


def to_quotes_markdown(articles: Sequence[Article], groups: Sequence[QuoteGroup]) -> str:
    """What `storydesk quotes --format md` prints."""
    lines = quotes_markdown(groups, display_names(articles))
    lines[0] = "# Quotes"  # a page of its own: the section heading becomes the title
    return "\n".join(lines).rstrip("\n") + "\n"
