"""Years and months: the same event put in another year ("due to open in 2029" against "in
2027") or another month ("in November 2025" against "in September 2025").

check_date compares calendar days and weekdays; a year or a month alone never reached it. A
year is weaker evidence of one event than a calendar day (a stadium hosts a final in 2014 and
another in 2032; a club wins the league in 2019 and again in 2022), so the gates are stricter:
near-identical sentences (similarity >= 0.7), one predicate (or a synonym) dating both with the
same object, no word saying the event recurs ("again", "last", "previously", "re-elected"), and
neither article naming the other's year or month anywhere. A bound or a span is left alone: "by
2030" and "in 2028" can both be true, and so can "since 2019" and "in 2021". Two spans written
with both ends ("between March 2024 and August 2026") that share one end and differ at the other
are compared, under the same gates.
"""

from __future__ import annotations

import re

from ..model import Claim, Dispute
from .checks import MONTHS, Context, make_dispute, same_event

MIN_SIMILARITY = 0.7
# Words that say an event happens more than once: each time may have its own year.
RECURS = re.compile(
    r"\b(again|also|last|previous|previously|first|once|earlier|later|another|second|third|"
    r"re-\w+|every|annual|annually)\b",
    re.IGNORECASE,
)
_MONTH_NAMES = {v: k for k, v in MONTHS.items()}

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
# In or right before the date: it is a bound, a span or relative, not the event's own period.
_BOUND = re.compile(
    r"\b(by|before|after|since|until|till|through|from|between|to|and|or|early|late|mid|end|"
    r"start|beginning|last|next|ago|fiscal|financial|season|decade|century|per|each|every)\b"
)
Period = tuple[str | None, int | None, int | None, str]  # governor, year, month, as written


def periods(claim: Claim) -> list[Period]:
    """The years and months the claim dates its predicates with, bounds and spans left out."""
    out = []
    for e in claim.entities:
        if e.label != "DATE":
            continue
        low = e.text.lower()
        at = e.start - claim.start
        before = " ".join(claim.text[max(0, at - 12) : at].lower().split()[-1:])
        years, months = _YEAR.findall(low), [MONTHS[m] for m in _MONTH.findall(low)]
        if len(years) > 1 or len(months) > 1 or _BOUND.search(low) or _BOUND.search(before):
            continue
        if years or months:
            year, month = (int(years[0]) if years else None), (months[0] if months else None)
            out.append((e.governor, year, month, e.text))
    return out


def _differ(a: Period, b: Period) -> str | None:
    """ "year" or "month" when the two periods cannot both hold, else None. Months count only
    where the years agree or one is unstated (the year check has spoken otherwise)."""
    if a[1] is not None and b[1] is not None and a[1] != b[1]:
        return "year"
    if a[2] is not None and b[2] is not None and a[2] != b[2]:
        return "month"
    return None


def _patient(claim: Claim, governor: str | None) -> str | None:
    """What the dated predicate acts on ("the final"); not the date itself, which the parser
    sometimes makes the object ("open in 2029")."""
    return next(
        (
            r.patient
            for r in claim.roles
            if r.predicate == governor
            and r.patient
            and not _YEAR.search(r.patient)
            and not _MONTH.search(r.patient.lower())
        ),
        None,
    )


def _named(text: str, p: Period, what: str) -> bool:
    """Whether a text names the period's year (what == "year") or its month. A year given with
    its month is looked for with that month ("November 2024"): an article that says the
    offences ran "to June 2024" does not name the plea's "November 2024"."""
    value = p[1] if what == "year" else p[2]
    word = str(value) if what == "year" else _MONTH_NAMES.get(value or 0, "")
    if what == "year" and p[2] is not None and word:
        word = rf"{_MONTH_NAMES[p[2]]}(?:\s+of)?,?\s+{word}"
    return bool(word) and re.search(rf"\b{word}\b", text.lower()) is not None


def _one_event(a: Claim, b: Claim, x: Period, y: Period, sim: float) -> bool:
    if not same_event(x[0], y[0], a, b, sim):
        return False
    pa, pb = _patient(a, x[0]), _patient(b, y[0])
    return pa is None or pb is None or pa == pb


_POINT = rf"(?:(?:{'|'.join(MONTHS)})\s+)?(?:1[89]\d\d|20\d\d)|(?:{'|'.join(MONTHS)})"
# "between March 2024 and August 2026", "from 2019 to 2022": a span written with both its ends.
_SPAN = re.compile(
    rf"\b(?:between|from)\s+({_POINT})\s+(?:and|to|until|through)\s+({_POINT})\b",
    re.IGNORECASE,
)
Point = tuple[int | None, int | None]  # year, month


def _point(text: str) -> Point:
    years, months = _YEAR.findall(text), _MONTH.findall(text)
    return (int(years[0]) if years else None, MONTHS[months[0]] if months else None)


def spans(text: str) -> list[tuple[Point, Point, str]]:
    """The spans the sentence writes with both ends: (start, end, as written)."""
    return [
        (_point(m.group(1).lower()), _point(m.group(2).lower()), m.group(0))
        for m in _SPAN.finditer(text)
    ]


def _span_ends_differ(x: tuple[Point, Point, str], y: tuple[Point, Point, str]) -> str | None:
    """The end ("start" or "end") at which two spans that share the other end differ."""
    for same, other, name in ((0, 1, "end"), (1, 0, "start")):
        if x[same] == y[same] and x[other] != y[other]:
            a, b = x[other], y[other]
            # Ends written alike ("August 2026" / "August 2025", "2022" / "2021"), not "2026"
            # against "August 2026", which is inside it.
            if (a[0] is None) == (b[0] is None) and (a[1] is None) == (b[1] is None):
                return name
    return None


def check_period(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same event in a different year, or, in the same (or an unstated) year, a different
    month; never when either article also names the other's year or month, anywhere."""
    if sim < MIN_SIMILARITY or RECURS.search(a.text) or RECURS.search(b.text):
        return None
    pa, pb = periods(a), periods(b)
    text_a, text_b = (
        ctx.article_text.get(a.article, a.text),
        ctx.article_text.get(b.article, b.text),
    )
    for x in pa:
        for y in pb:
            what = _differ(x, y) if _one_event(a, b, x, y, sim) else None
            if what is None or _named(text_a, y, what) or _named(text_b, x, what):
                continue
            reason = (
                f"different {what}: {ctx.name(a.article)} says {x[3]}, "
                f"{ctx.name(b.article)} says {y[3]}"
            )
            return make_dispute(a, b, "date", reason, 0.75)
    return _span_dispute(a, b, ctx, text_a, text_b)


def _span_dispute(a: Claim, b: Claim, ctx: Context, text_a: str, text_b: str) -> Dispute | None:
    """Two spans that share one end and differ at the other ("between March 2024 and August
    2026" / "between March 2024 and August 2025"), where neither article also writes the other's
    span. Read only between sentences that check_period has found near-identical."""
    for x in spans(a.text):
        for y in spans(b.text):
            end = _span_ends_differ(x, y)
            if end is None or y[2].lower() in text_a.lower() or x[2].lower() in text_b.lower():
                continue
            reason = (
                f"different {end} of the period: {ctx.name(a.article)} says {x[2]}, "
                f"{ctx.name(b.article)} says {y[2]}"
            )
            return make_dispute(a, b, "date", reason, 0.75)
    return None
