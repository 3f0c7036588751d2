"""Explainable contradiction checks between two claims from different sources.

Each check looks at one kind of disagreement (who acted, how many, when, where, whether, how
surely) and returns a reason a reader can verify in the two sentences. They are deliberately
conservative: a false "disputed" costs more trust than a missed one, so every check demands that
the two sentences are first about the same thing (similarity gate and a shared predicate).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Claim, Dispute, Role, Side

# Predicates too generic to say two sentences describe the same action.
GENERIC_PREDICATES = frozenset(
    {"be", "have", "do", "say", "tell", "add", "state", "note", "make", "get", "go", "take",
     "include", "come", "see", "know", "think", "want", "give", "use", "become", "seem"}
)  # fmt: skip
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_DAY = re.compile(
    r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b|\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\b"
)


@dataclass(frozen=True)
class Context:
    """What a check may know beyond the two claims: the other claims of each article."""

    article_text: dict[str, str]
    labels: dict[str, str]  # article id -> outlet name for reasons

    def name(self, article: str) -> str:
        return self.labels.get(article, article)


Check = Callable[[Claim, Claim, float, Context], Dispute | None]


def _dispute(a: Claim, b: Claim, kind: str, reason: str, confidence: float) -> Dispute:
    return Dispute(
        Side(a.article, a.id, a.text), Side(b.article, b.id, b.text), kind, reason, confidence
    )


_NOT_ONLY = re.compile(r"\b(not|n't)\s+(only|just|merely)\b", re.IGNORECASE)
_NAME_NOISE = re.compile(r"[-‐–—'’.,]|\bthe\b|\bregion\b|\bs\b")


def normalise_name(name: str) -> str:
    """'the Asia-Pacific region' -> 'asia pacific'; 'Japan’s' -> 'japan'."""
    return " ".join(_NAME_NOISE.sub(" ", name.lower()).split())


def same_name(x: str, y: str) -> bool:
    """'Yoshimasa Hayashi' = 'Hayashi'; 'Chinese' = 'China' (shared stem of a name)."""
    nx, ny = normalise_name(x), normalise_name(y)
    tx, ty = set(nx.split()), set(ny.split())
    if tx <= ty or ty <= tx:
        return True
    return len(nx) >= 4 and len(ny) >= 4 and nx[:4] == ny[:4]


def action_roles(claim: Claim) -> list[Role]:
    return [r for r in claim.roles if r.predicate not in GENERIC_PREDICATES and r.patient]


def check_actor(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same action on the same object, attributed to different named actors."""
    if sim < 0.3:
        return None
    for ra in action_roles(a):
        for rb in action_roles(b):
            if (ra.predicate, ra.patient) != (rb.predicate, rb.patient):
                continue
            if ra.agent_label not in NAMED or rb.agent_label not in NAMED:
                continue
            if ra.agent is None or rb.agent is None or same_name(ra.agent, rb.agent):
                continue
            # If either source also credits the other actor with this action, they agree.
            if any(
                same_name(r.agent or "", rb.agent) for r in a.roles if r.predicate == ra.predicate
            ):
                continue
            what = f"{ra.predicate} … {ra.patient}"
            reason = (
                f"different actor for '{what}': {ctx.name(a.article)} says {ra.agent}, "
                f"{ctx.name(b.article)} says {rb.agent}"
            )
            return _dispute(a, b, "actor", reason, 0.8)
    return None


def check_number(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """Counts of the same thing that differ ("14 people" vs "41 people")."""
    if sim < 0.55:
        return None
    for qa in a.quantities:
        if not qa.unit:
            continue
        same_unit = [q for q in b.quantities if q.unit == qa.unit and q.ordinal == qa.ordinal]
        if not same_unit or any(abs(q.value - qa.value) < 1e-9 for q in same_unit):
            continue
        qb = same_unit[0]
        if any(abs(q.value - qb.value) < 1e-9 for q in a.quantities if q.unit == qa.unit):
            continue
        reason = (
            f"different number for '{qa.unit}': {ctx.name(a.article)} says {qa.text}, "
            f"{ctx.name(b.article)} says {qb.text}"
        )
        return _dispute(a, b, "number", reason, 0.85)
    return None


def month_days(claim: Claim) -> set[tuple[int, int]]:
    out = set()
    for e in claim.entities:
        if e.label != "DATE":
            continue
        for m in _MONTH_DAY.finditer(e.text.lower()):
            month = m.group(1) or m.group(4)
            day = m.group(2) or m.group(3)
            out.add((MONTHS[month], int(day)))
    return out


def weekdays(claim: Claim) -> set[str]:
    return {w for e in claim.entities if e.label == "DATE" for w in WEEKDAYS if w in e.text.lower()}


def check_date(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same event dated differently: another calendar date, or another weekday."""
    if sim < 0.62:
        return None
    da, db = month_days(a), month_days(b)
    if da and db and not da & db:
        fa, fb = sorted(da)[0], sorted(db)[0]
        names = list(MONTHS)
        reason = (
            f"different date: {ctx.name(a.article)} says {names[fa[0] - 1].title()} {fa[1]}, "
            f"{ctx.name(b.article)} says {names[fb[0] - 1].title()} {fb[1]}"
        )
        return _dispute(a, b, "date", reason, 0.75)
    wa, wb = weekdays(a), weekdays(b)
    if wa and wb and not wa & wb:
        reason = (
            f"different day: {ctx.name(a.article)} says {'/'.join(sorted(wa)).title()}, "
            f"{ctx.name(b.article)} says {'/'.join(sorted(wb)).title()}"
        )
        return _dispute(a, b, "date", reason, 0.7)
    return None


def check_negation(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """One source denies what the other asserts, about the same predicate."""
    if sim < 0.6 or a.negated == b.negated:
        return None
    neg, pos = (a, b) if a.negated else (b, a)
    if _NOT_ONLY.search(pos.text):
        return None  # "not only confined to" may deny or add; too ambiguous to call a conflict
    asserted = {r.predicate for r in pos.roles if not r.negated}
    denied = [r for r in neg.roles if r.negated and r.predicate in asserted]
    if denied:
        pred = denied[0].predicate
    elif sim >= 0.8:
        pred = "the statement"  # copular negation ("is not") has no verb role to match
    else:
        return None
    reason = (
        f"negation: {ctx.name(neg.article)} says it did not happen ('{pred}' negated), "
        f"{ctx.name(pos.article)} says it did"
    )
    return _dispute(a, b, "negation", reason, 0.75 if denied else 0.6)


def check_modality(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """One source hedges ("may", "could") what the other states as settled."""
    if sim < 0.8 or bool(a.modal) == bool(b.modal) or a.negated != b.negated:
        return None
    hedged, firm = (a, b) if a.modal else (b, a)
    reason = (
        f"certainty differs: {ctx.name(hedged.article)} hedges ('{hedged.modal}'), "
        f"{ctx.name(firm.article)} states it as fact"
    )
    return _dispute(a, b, "modality", reason, 0.4)


def _places(claim: Claim) -> set[str]:
    return {e.text for e in claim.entities if e.label in PLACES}


def mentions(text: str, name: str) -> bool:
    return normalise_name(name) in normalise_name(text)


def check_place(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same statement set in different places, when neither source mentions the other place.

    The mention test keeps "Tokyo" vs "Japan" from firing: an article that names Japan elsewhere
    is not denying that Tokyo is in it.
    """
    if sim < 0.72:
        return None
    pa, pb = _places(a) - _places(b), _places(b) - _places(a)
    if len(pa) != 1 or len(pb) != 1:
        return None
    xa, xb = next(iter(pa)), next(iter(pb))
    if same_name(xa, xb):
        return None
    if mentions(ctx.article_text.get(a.article, ""), xb) or mentions(
        ctx.article_text.get(b.article, ""), xa
    ):
        return None
    reason = f"different place: {ctx.name(a.article)} says {xa}, {ctx.name(b.article)} says {xb}"
    return _dispute(a, b, "place", reason, 0.6)


DEFAULT_CHECKS: tuple[Check, ...] = (
    check_actor,
    check_number,
    check_date,
    check_negation,
    check_place,
    check_modality,
)


def compare(
    a: Claim, b: Claim, sim: float, ctx: Context, checks: Sequence[Check]
) -> Dispute | None:
    """The first (most specific) disagreement found between two claims, if any."""
    for check in checks:
        found = check(a, b, sim, ctx)
        if found is not None:
            return found
    return None
