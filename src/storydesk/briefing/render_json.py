"""The brief as JSON-ready data: the stable interchange format documented in docs/brief-schema.md.

Also home to the small lookups the other renderers share (display names, locating a dispute's
span), so that Markdown, HTML and JSON agree on what they show.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from ..facts.quoted import as_quotation
from ..model import (
    Article,
    Brief,
    Derivation,
    Dispute,
    Fact,
    InputProblem,
    Side,
    SummarySentence,
)
from .conflicts import Conflict, conflicts

SCHEMA_VERSION = "1"

Span = tuple[int, int]

# Strict on purpose: anything with spaces, quotes or angle brackets is shown as text, not linked.
_HTTP_URL = re.compile(r"^https?://[^\s\"'<>\\`]+$", re.IGNORECASE)


def is_http_url(url: str | None) -> bool:
    """Only plain http(s) URLs become links; `javascript:`, `data:` and odd strings stay text."""
    return bool(url) and _HTTP_URL.match(url or "") is not None


def independence_note(fact: Fact, escape: Callable[[str], str]) -> str:
    """ "1 independent of 3, relaying CNN" when fewer sources count than are cited (copies, or
    one outlet's report relayed), else ""; `escape` renders the outlet names for the format."""
    if not 0 < fact.independent_sources < len(fact.sources):
        return ""
    via = f", relaying {escape(', '.join(fact.credited))}" if fact.credited else ""
    return f"{fact.independent_sources} independent of {len(fact.sources)}{via}"


def fact_text(fact: Fact, text: str | None = None) -> str:
    """What a reader sees for a fact (or a summary sentence `text` of it): quoted words as a
    quotation of their speaker ("Yoshimasa Hayashi: “That is why ...”"), else the text."""
    shown = fact.text if text is None else text
    if fact.quoted_by and shown == fact.text:
        return f"{fact.quoted_by}: {as_quotation(shown)}"
    return shown


def summary_shown(brief: Brief) -> list[tuple[SummarySentence, str]]:
    """Each summary sentence with what a reader sees for it (`fact_text` of its fact)."""
    facts = {f.id: f for f in brief.facts}
    return [(s, fact_text(facts[s.fact], s.text) if s.fact in facts else s.text)
            for s in brief.summary]  # fmt: skip


def valid_span(article: Article, start: int, end: int) -> bool:
    return 0 <= start < end <= len(article.text)


def side_span(brief: Brief, side: Side) -> Span | None:
    """Where a dispute side sits in its article's cleaned text, or None when it cannot be found.

    Sides carry only a claim id and text, so look the claim up first (exact offsets) and fall back
    to searching the text, because a verifier may quote a claim the brief's claim list lacks.
    """
    try:
        article = brief.article(side.article)
    except KeyError:
        return None
    for claim in brief.claims:
        if claim.id == side.claim and claim.article == side.article:
            if valid_span(article, claim.start, claim.end):
                return (claim.start, claim.end)
            break
    needle = side.text.strip()
    at = article.text.find(needle) if needle else -1
    return (at, at + len(needle)) if at >= 0 else None


def _number(value: float) -> float | None:
    # NaN and infinities are not JSON; a missing score is more honest than an invalid file.
    return round(value, 4) if math.isfinite(value) else None


def article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "label": article.label,
        "title": article.title,
        "dek": article.dek,
        "published": article.published,
        "url": article.url,
        "language": article.language,
        "words": article.words,
        "path": article.path,
        "format": article.format,
        "removed": [r.text for r in article.removed],
        "removed_reasons": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "text": article.text,
    }


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "text": fact.text,
        "status": fact.status,
        "sources": list(fact.sources),
        "independent_sources": fact.independent_sources,
        "credited": list(fact.credited),
        "quoted_by": fact.quoted_by,
        "cohesion": _number(fact.cohesion),
        "mentions": [
            {"article": m.article, "claim": m.claim, "text": m.text, "start": m.start, "end": m.end}
            for m in fact.mentions
        ],
    }


def _side(brief: Brief, side: Side) -> dict[str, Any]:
    span = side_span(brief, side)
    return {
        "article": side.article,
        "claim": side.claim,
        "text": side.text,
        "start": span[0] if span else None,
        "end": span[1] if span else None,
    }


def _dispute(brief: Brief, dispute: Dispute) -> dict[str, Any]:
    return {
        "a": _side(brief, dispute.a),
        "b": _side(brief, dispute.b),
        "kind": dispute.kind,
        "reason": dispute.reason,
        "confidence": _number(dispute.confidence),
        "claims": [dispute.a.claim, dispute.b.claim],
    }


def _conflict(c: Conflict) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "sides": [[{"article": s.article, "claim": s.claim} for s in side] for side in c.sides],
        "independent_sources": list(c.independent),
        "reasons": list(c.reasons),
        "confidence": _number(c.confidence),
        "disputes": list(c.disputes),
    }


def _sentence(sentence: SummarySentence) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "cites": list(sentence.cites),
        "fact": sentence.fact,
        "claim": sentence.claim,
        "contested_by": list(sentence.contested_by),
    }


def problem_to_dict(problem: InputProblem) -> dict[str, Any]:
    return {"path": problem.path, "problem": problem.problem, "record": problem.record}


def to_dict(brief: Brief) -> dict[str, Any]:
    """The brief as JSON-ready data. Key order is fixed, so equal briefs give identical files."""
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [{**article_to_dict(a), "group": brief.group_of(a.id)} for a in brief.articles],
        "facts": [_fact(f) for f in brief.facts],
        "disputes": [_dispute(brief, d) for d in brief.disputes],
        "conflicts": [_conflict(c) for c in conflicts(brief)],
        "summary": [_sentence(s) for s in brief.summary],
        "problems": [problem_to_dict(p) for p in brief.problems],
        "quotes": _quotes(brief),
        "provenance": [_derivation(d) for d in brief.derivations],
        "groups": [list(g) for g in brief.groups],
    }


def _derivation(d: Derivation) -> dict[str, Any]:
    return {
        "from": d.source,
        "to": d.target,
        "score": _number(d.score),
        "directed": d.directed,
        "evidence": list(d.evidence),
        "features": {name: _number(value) for name, value in d.features},
    }


def _quotes(brief: Brief) -> list[dict[str, Any]]:
    from .render_quotes import group_to_dict  # render_quotes imports this module

    return [group_to_dict(g) for g in brief.quotes]


def extract_to_dict(
    articles: Iterable[Article], problems: Iterable[InputProblem]
) -> dict[str, Any]:
    """What `storydesk extract` prints: cleaned articles (shaped as in a brief, `group` null:
    extract runs no provenance) and problems."""
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [{**article_to_dict(a), "group": None} for a in articles],
        "problems": [problem_to_dict(p) for p in problems],
    }


def dumps(data: dict[str, Any]) -> str:
    # allow_nan=False: _number already removed non-finite floats; anything left is a bug to surface.
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_json(brief: Brief) -> str:
    return dumps(to_dict(brief))
