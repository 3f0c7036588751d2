"""Years and months: the same event put in another year ("due to open in 2029" against "in
2027") or another month ("in November 2025" against "in September 2025").

check_date compares calendar days and weekdays; a year or a month alone never reached it. The
same gates hold (similar sentences, the same event: one predicate dates both), and a figure that
is a bound or a span is left alone: "by 2030" and "in 2028" can both be true, and so can
"since 2019" and "in 2021".
"""

from __future__ import annotations

import re

from ..model import Claim, Dispute
from .checks import MONTHS, Context, make_dispute, same_event

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


def _gives(found: list[Period], governor: str | None, part: int, value: object) -> bool:
    """Whether the sentence also gives this event that year (part 1) or month (part 2)."""
    return any(p[0] == governor and p[part] == value for p in found)


def _differ(a: Period, b: Period) -> str | None:
    """ "year" or "month" when the two periods cannot both hold, else None. Months count only
    where the years agree or one is unstated (the year check has spoken otherwise)."""
    if a[1] is not None and b[1] is not None and a[1] != b[1]:
        return "year"
    if a[2] is not None and b[2] is not None and a[2] != b[2]:
        return "month"
    return None


def check_period(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same event in a different year, or, in the same (or an unstated) year, a different
    month; never when the other sentence also gives that event the first one's year or month."""
    if sim < 0.55:
        return None
    pa, pb = periods(a), periods(b)
    for x in pa:
        for y in pb:
            what = _differ(x, y) if same_event(x[0], y[0], a, b, sim) else None
            if what is None:
                continue
            part = 1 if what == "year" else 2
            if _gives(pa, x[0], part, y[part]) or _gives(pb, y[0], part, x[part]):
                continue
            reason = (
                f"different {what}: {ctx.name(a.article)} says {x[3]}, "
                f"{ctx.name(b.article)} says {y[3]}"
            )
            return make_dispute(a, b, "date", reason, 0.75)
    return None
