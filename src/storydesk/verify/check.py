"""`storydesk check` as a library: score claim/document pairs, or check a draft against sources.

Both work with any `Verifier` (ModelVerifier, the default; FeatureVerifier; TransformersVerifier;
OpenAIJudgeVerifier), so the command never depends on which one is behind it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import Article, Verdict, display_names
from ..nlp.models import spacy_pipeline
from ..nlp.sentences import split_sentences
from .draft_quotes import RELATIONS, DraftText, QuoteCheck, check_quotes
from .independence import analyse_sources, groups_of
from .interface import Verifier
from .pronouns import resolve_sentences
from .quote_support import quote_backed
from .standing import against_a_reason, printed_figures


def _scored(row: dict[str, Any], verdict: Verdict) -> dict[str, Any]:
    return {
        **row,
        "support": round(verdict.support, 4),
        "contradiction": round(verdict.contradiction, 4),
        "verdict": verdict.label,
        "explained": verdict.explained,
        "evidence": list(verdict.evidence),
        "reasons": list(verdict.reasons),
    }


def check_pairs(
    rows: Iterable[str | Mapping[str, Any]], verifier: Verifier
) -> Iterator[dict[str, Any]]:
    """One output row per input row (a JSONL line or a dict with "document" and "claim"); extra
    fields pass through. A bad row gets an "error" field instead of stopping the batch."""
    for n, raw in enumerate(rows, start=1):
        if isinstance(raw, str) and not raw.strip():
            continue
        try:
            row = json.loads(raw) if isinstance(raw, str) else dict(raw)
        except json.JSONDecodeError as exc:
            yield {"line": n, "error": f"not JSON: {exc.msg}"}
            continue
        if not isinstance(row, dict):
            yield {"line": n, "error": "not a JSON object"}
            continue
        doc, claim = row.get("document"), row.get("claim")
        if not isinstance(doc, str) or not isinstance(claim, str):
            yield {**row, "line": n, "error": 'needs string fields "document" and "claim"'}
            continue
        yield _scored(row, verifier.verify(claim, doc))


@dataclass(frozen=True)
class SourceVerdict:
    article: str  # article id
    label: str  # the outlet, as the brief names it (model.display_names)
    verdict: Verdict


# Over all sources: "disputed" when one source supports the sentence and another contradicts it
# with a reason (Verdict.explained: a structured check says who says what); "contradicted" when
# some contradict it and none supports it. A model's contradiction score alone does not overrule
# a supporting source: the model calls one honest paraphrase in seven or eight contradicted
# (MRPC), so with five sources most true sentences would read "disputed". It is still listed.
DRAFT_LABELS = ("supported", "disputed", "contradicted", "unverified")


@dataclass(frozen=True)
class SentenceCheck:
    """One draft sentence: its best-supporting source (where none supports it, the source that
    speaks to it most, for or against) and any source that contradicts it."""

    sentence: str
    label: str  # one of DRAFT_LABELS
    best: SourceVerdict | None
    contradicting: tuple[SourceVerdict, ...] = field(default=())
    read_as: str | None = None  # the sentence as checked, its "he"/"she" resolved in the draft
    quotes: tuple[QuoteCheck, ...] = ()  # its quotations against the sources' (draft_quotes)
    supported_by: tuple[str, ...] = ()  # article ids of every source that supports it
    # How many of those are independent (one per provenance group); None when not computed.
    independent: int | None = None
    # Sources the model read as supporting it that do not count (verify.standing): they never
    # print its figures, or they do not say what it says against another source's reasoned
    # contradiction; each with the reason last among its verdict's reasons.
    discounted: tuple[SourceVerdict, ...] = ()
    # Every source that does not contradict it and gives a caution (CAUTIONS), best first.
    cautioned: tuple[SourceVerdict, ...] = ()


def _quote_conflict(v: Verdict, q: QuoteCheck) -> Verdict:
    """A source's verdict once the draft's quotation is found to alter or misattribute its
    quotation: contradicted, with the quotation check's reason (the model's scores stay)."""
    said = f"{q.credited} is quoted as: \u201c{q.canonical}\u201d" if q.credited else ""
    reason = f"quotation {q.relation}: {q.reason}"
    shown = " ".join(v.evidence)
    evidence = (f"\u201c{q.canonical}\u201d",) if q.canonical and q.canonical not in shown else ()
    return replace(
        v,
        label="contradicted",
        explained=True,
        evidence=evidence + v.evidence,
        reasons=(reason, *((said,) if said else ()), *v.reasons),
    )


def _credited_elsewhere(v: Verdict, q: QuoteCheck, speaker: str) -> Verdict:
    """A source that credits the draft's quotation to someone else than the draft does."""
    reason = (
        f"quotation credited elsewhere: this source credits these words to {speaker}, the "
        f"draft to {q.written or q.speaker or 'its speaker'}"
    )
    return replace(v, label="contradicted", explained=True, reasons=(reason, *v.reasons))


def _quote_conflicted(v: Verdict) -> bool:
    return v.explained and any(r.startswith("quotation ") for r in v.reasons)


def check_sentence(
    sentence: str,
    articles: Sequence[Article],
    verifier: Verifier,
    read_as: str | None = None,
    quotes: Sequence[QuoteCheck] = (),
    groups: Mapping[str, int] | None = None,
) -> SentenceCheck:
    """The sentence against every source; `read_as`, when given, is what is checked. A sentence
    that only quotes someone is backed by the sources that print the quotation (quote_support).
    A quotation the sources print differently in meaning or credit to someone else (`quotes`)
    makes the sources that print it contradict the sentence, with that reason. `groups` (article
    id -> independence group, verify.independence) counts the supporting sources that are
    independent.
    """
    claim = read_as or sentence
    names = display_names(articles)
    results = [SourceVerdict(a.id, names[a.id], verifier.verify(claim, a.text)) for a in articles]
    backed = quote_backed(sentence, [(r.article, r.verdict) for r in results], quotes)
    results = [replace(r, verdict=v) for r, v in zip(results, backed, strict=True)]
    for q in quotes:
        if q.conflicting:
            results = [
                replace(r, verdict=_quote_conflict(r.verdict, q)) if r.article in q.against else r
                for r in results
            ]
        for speaker, arts in q.elsewhere:
            results = [
                replace(r, verdict=_credited_elsewhere(r.verdict, q, speaker))
                if r.article in arts and r.article not in q.quoted_by
                else r
                for r in results
            ]
    contra = tuple(r for r in results if r.verdict.label == "contradicted")
    # A source's date is printed with it: "on Monday, March 9, 2026" retells a report dated
    # 2026-03-09 that says "on Monday" (the year and day are in its dateline or metadata).
    texts = {a.id: f"{a.text}\n{(a.published or '')[:10]}" for a in articles}
    # A source supports a sentence's figures only by printing them; against another source's
    # reasoned contradiction it must also say what the sentence says (verify.standing).
    stand = against_a_reason if any(r.verdict.explained for r in contra) else printed_figures
    standing = [replace(r, verdict=stand(r.verdict, claim, texts[r.article])) for r in results]
    discounted = tuple(
        s for r, s in zip(results, standing, strict=True) if s.verdict is not r.verdict
    )
    results = standing
    # A source whose quotation the draft alters is not the draft's best support, however close
    # the rest of the wording.
    ranked = [r for r in results if not _quote_conflicted(r.verdict)] or results
    backers = [r for r in ranked if r.verdict.label == "supported"]
    # With no source supporting it, the source shown is the one that speaks to the sentence most
    # either way, not the least contradicting (often one that never mentions the subject).
    best = max(
        backers or ranked,
        key=lambda r: (
            r.verdict.support - r.verdict.contradiction
            if backers
            else max(r.verdict.support, r.verdict.contradiction)
        ),
        default=None,
    )
    supported = best is not None and best.verdict.label == "supported"
    if supported:
        label = "disputed" if any(r.verdict.explained for r in contra) else "supported"
    else:
        label = "contradicted" if contra else "unverified"
    backing = tuple(r.article for r in results if r.verdict.label == "supported")
    independent = len({groups.get(a, a) for a in backing}) if groups is not None else None
    # A caution from any source, not only the best: the best support may be an outlet that
    # paraphrased the hedge away while the others print it.
    cautioned = tuple(
        sorted(
            (r for r in results if r.verdict.label != "contradicted" and _cautions(r.verdict)),
            key=lambda r: r is not best,
        )
    )
    return SentenceCheck(
        sentence, label, best, contra, read_as, tuple(quotes), backing, independent, discounted,
        cautioned,
    )  # fmt: skip


_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_SETEXT_RULE = re.compile(r"^\s*(=+|-+|\*{3,}|_{3,})\s*$")  # underlines and thematic breaks
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MARKER = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+|\d{1,3}[.)]\s+)?")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
MIN_WORDS = 3  # "Draft", "Key facts": labels, not claims


def draft_sentences(draft: str) -> list[str]:
    """The draft's checkable sentences. Markdown is read as Markdown: headings (section titles,
    not claims) and rules are skipped; list markers, quotes, links and emphasis are stripped so
    they do not read as words; a sentence of fewer than MIN_WORDS words is a label, not a claim.
    """
    lines: list[str] = []
    for line in draft.splitlines():
        if _HEADING.match(line) or _SETEXT_RULE.match(line):
            if _SETEXT.match(line) and lines and lines[-1].strip():
                lines[-1] = ""  # the line this one underlines is a heading (CommonMark)
            lines.append("")  # keeps paragraphs apart, so no sentence runs across a heading
            continue
        text = _MARKER.sub("", _LINK.sub(r"\1", _IMAGE.sub("", line)), count=1)
        lines.append(_EMPHASIS.sub("", text))
    return [s for s in split_sentences("\n".join(lines)) if len(s.split()) >= MIN_WORDS]


def check_text(
    draft: str,
    articles: Sequence[Article],
    verifier: Verifier,
    nlp: Any = None,
    groups: Mapping[str, int] | None = None,
) -> list[SentenceCheck]:
    """Every sentence of the draft (`draft_sentences`) against every source, each "he" and "she"
    read as the person the draft named before (verify.pronouns), and each quotation against the
    sources' quotations (verify.draft_quotes). Supporting sources are counted once per
    independence group: `groups` if given, else the sources' provenance (verify.independence).
    """
    sentences = draft_sentences(draft)
    if nlp is None:
        nlp = getattr(verifier, "nlp", None) or spacy_pipeline()
    readings = resolve_sentences(sentences, nlp)
    analysed = analyse_sources(articles) if sentences else None
    if groups is None and analysed is not None:
        groups = groups_of(analysed)
    text = DraftText.of(sentences)
    found = check_quotes(text, articles, nlp, parses=analysed.parses if analysed else None)
    per_sentence: list[list[QuoteCheck]] = [[] for _ in sentences]
    for q in found:
        for k in text.sentences_of(q.start, q.end):
            per_sentence[k].append(q)
    return [
        check_sentence(s, articles, verifier, r, qs, groups)
        for s, r, qs in zip(sentences, readings, per_sentence, strict=True)
    ]


# Structured findings too weak to contradict a sentence that a reader should still see beside
# it: a hedge the draft drops ("may face a fine" / "will face a fine"). Not one the draft adds:
# a sentence more careful than its source is no risk.
CAUTIONS = ("certainty differs: the document hedges",)


def _cautions(v: Verdict) -> list[str]:
    return [r for r in v.reasons if r.startswith(CAUTIONS)]


def cautions(c: SentenceCheck) -> list[str]:
    """The cautions of the sources that do not contradict a sentence, each naming its source,
    unless the sentence is contradicted (for an unverified one they may be why it is not
    supported)."""
    if c.label == "contradicted":
        return []
    notes = [f"{r} ({s.label})" for s in c.cautioned for r in _cautions(s.verdict)]
    return list(dict.fromkeys(notes))


def _source_dict(s: SourceVerdict) -> dict[str, Any]:
    v = s.verdict
    return {
        "article": s.article,
        "source": s.label,
        "verdict": v.label,
        "support": round(v.support, 4),
        "contradiction": round(v.contradiction, 4),
        "explained": v.explained,
        "evidence": list(v.evidence),
        "reasons": list(v.reasons),
    }


def _quote_dict(q: QuoteCheck) -> dict[str, Any]:
    return {
        "text": q.text,
        "speaker": q.speaker,
        "relation": q.relation,
        "reason": q.reason,
        "canonical": q.canonical,
        "credited": q.credited,
        "printed_by": list(q.printed_by),
        "canonical_by": list(q.canonical_by),
        "diff": [list(op) for op in q.diff],
        "credited_elsewhere": [
            {"speaker": who, "articles": list(arts)} for who, arts in q.elsewhere
        ],
    }


def checks_to_dict(checks: Sequence[SentenceCheck]) -> dict[str, Any]:
    counts = {k: sum(1 for c in checks if c.label == k) for k in DRAFT_LABELS}
    # A quotation over two sentences belongs to both; it is counted once.
    quotes = {(q.start, q.end): q.relation for c in checks for q in c.quotes}
    return {
        "counts": counts,
        "quote_counts": {k: sum(1 for r in quotes.values() if r == k) for k in RELATIONS},
        "sentences": [
            {
                "sentence": c.sentence,
                **({"read_as": c.read_as} if c.read_as else {}),
                "verdict": c.label,
                "supported_by": list(c.supported_by),
                "independent_sources": c.independent,
                "best": _source_dict(c.best) if c.best else None,
                "cautions": cautions(c),
                "not_counted": [_source_dict(s) for s in c.discounted],
                "contradicting": [_source_dict(s) for s in c.contradicting],
                "quotes": [_quote_dict(q) for q in c.quotes],
            }
            for c in checks
        ],
    }


# Quotations the sources print as the draft does: nothing for a reader to look at.
QUIET_RELATIONS = frozenset({"verbatim", "trimmed"})


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def to_table(checks: Sequence[SentenceCheck]) -> str:
    """One row per sentence; "backing" is supporting sources / how many are independent. The
    source shown is the best-supporting one, with its support (for an unverified sentence, the
    closest source); for a contradicted or disputed sentence it is the contradicting one, with
    its contradiction ("against" in the score)."""
    lines = [f"{'verdict':<13} {'score':>13} {'backing':>7}  {'source':<22} sentence"]
    for c in checks:
        src, score = c.best, f"support {c.best.verdict.support:.2f}" if c.best else "-"
        if c.label in ("contradicted", "disputed") and c.contradicting:
            src = next((s for s in c.contradicting if s.verdict.explained), c.contradicting[0])
            score = f"against {src.verdict.contradiction:.2f}"
        name = _cut(src.label, 22) if src else "-"
        n = len(c.supported_by)
        backing = f"{n}/{c.independent}" if c.independent is not None else str(n)
        lines.append(f"{c.label:<13} {score:>13} {backing:>7}  {name:<22} {_cut(c.sentence, 80)}")
        for note in cautions(c):
            lines.append(f"{'':<13} {'':>13} {'':>7}  {'caution':<22} {_cut(note, 80)}")
        for s in c.discounted:
            why = f"{s.label}: {s.verdict.reasons[-1]}"
            lines.append(f"{'':<13} {'':>13} {'':>7}  {'not counted':<22} {_cut(why, 80)}")
        for q in c.quotes:
            if q.relation not in QUIET_RELATIONS:
                pad = f"{'':<13} {'':>13} {'':>7}  {'quotation':<22}"
                lines.append(f"{pad} {q.relation}: {_cut(q.reason, 80)}")
    return "\n".join(lines) + "\n"


def to_markdown(checks: Sequence[SentenceCheck], names: Mapping[str, str] | None = None) -> str:
    """`names` (article id -> outlet) names the sources a quotation's wording comes from. Draft
    and article text is escaped as the Markdown brief escapes it: no raw HTML gets through."""
    from ..briefing.render_markdown import _inline as md  # the briefs' one escaping rule

    names = names or {}

    def outlets(ids: Sequence[str]) -> str:
        return ", ".join(md(names.get(a, a)) for a in ids)

    out = ["# Draft check", ""]
    for n, c in enumerate(checks, start=1):
        out.append(f"{n}. **{c.label}**: {md(c.sentence)}")
        if c.read_as:
            out.append(f"   - read as: {md(c.read_as)}")
        if c.supported_by:
            n = len(c.supported_by)
            count = f"{n} source{'s' * (n != 1)}"
            if c.independent is not None:
                count += f", {c.independent} independent"
            out.append(f"   - supported by {count}: {outlets(c.supported_by)}")
        if c.best is not None and c.best.verdict.evidence and c.label != "contradicted":
            quote = md(" ".join(c.best.verdict.evidence))
            support = c.best.verdict.support
            which = "best" if c.label in ("supported", "disputed") else "closest"
            out.append(f"   - {which} source: {md(c.best.label)} ({support:.2f}): > {quote}")
        for note in cautions(c):
            out.append(f"   - caution: {md(note)}")
        for s in c.discounted:
            out.append(f"   - not counted as support: {md(s.label)}: {md(s.verdict.reasons[-1])}")
        for q in c.quotes:
            text, why = md(_cut(q.text, 100)), md(q.reason)
            out.append(f"   - quotation \u201c{text}\u201d: {q.relation}, {why}")
            if q.canonical and q.relation not in QUIET_RELATIONS:
                by = outlets(q.canonical_by)
                out.append(f"     - the sources print: \u201c{md(q.canonical)}\u201d ({by})")
                if q.printed_by:
                    out.append(f"     - the draft's wording is printed by: {outlets(q.printed_by)}")
            for who, arts in q.elsewhere:
                out.append(f"     - credited to {md(who)} by: {outlets(arts)}")
        for s in c.contradicting:
            reasons = s.verdict.reasons
            # A structured check's reason says who says what (a quotation check's, what the
            # sources print); else the model's reading and coverage, without the summary line.
            explained = (r for r in reasons if "says" in r or r.startswith("quotation "))
            why = "; ".join(explained) or "; ".join(
                r for r in reasons if not r.startswith("support ")
            )
            note = "" if s.verdict.explained else " (the model's reading, no check explains it)"
            out.append(f"   - contradicted by {md(s.label)}{note}: {md(why)}")
    return "\n".join(out) + "\n"
