"""A plan retold as done: "the company will cut 2,000 jobs" against "the company cut 2,000 jobs".

The same verb with the same object (and no other doer), reported as done by one source
(nlp.tense: built, has built, was closed) and as still to come by the other (will build, plans
to build, is set to close, said it would build). Two events of one kind (a plant built in 2019,
another planned) are kept apart by the gates: similar sentences, neither sentence reporting the
verb both ways, and no word saying the event recurs.
"""

from __future__ import annotations

import re

from ..model import Claim, Dispute, Role
from .checks import Context, make_dispute, same_name
from .periods import RECURS

# Habits and generic statements: "Sometimes I put the eggs in" is no past event, though the
# parser tags "put" past.
_HABITUAL = re.compile(
    r"\b(sometimes|usually|often|always|normally|generally|typically|tends? to|every)\b",
    re.IGNORECASE,
)
MIN_SIMILARITY = 0.7
CONFIDENCE = 0.6  # below a number's: tense is read from the parse, which misses more


def _tenses(claim: Claim, predicate: str, patient: str) -> set[str]:
    return {
        r.tense
        for r in claim.roles
        if r.tense and r.predicate == predicate and r.patient == patient and not r.negated
    }


def _same_doer(x: Role, y: Role) -> bool:
    return x.agent is None or y.agent is None or same_name(x.agent, y.agent)


def check_plan(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """One source says the event happened, the other that it is planned or expected."""
    if sim < MIN_SIMILARITY or any(p.search(c.text) for p in (RECURS, _HABITUAL) for c in (a, b)):
        return None
    both = {"done", "planned"}
    for x in a.roles:
        patient = x.patient
        if x.tense is None or patient is None or x.negated:
            continue
        for y in b.roles:
            if (y.predicate, y.patient) != (x.predicate, patient) or y.negated:
                continue
            if {x.tense, y.tense} != both or not _same_doer(x, y):
                continue
            if both in (_tenses(a, x.predicate, patient), _tenses(b, y.predicate, patient)):
                continue  # one sentence reports both: two events of one kind
            done, planned = (a, b) if x.tense == "done" else (b, a)
            reason = (
                f"done or planned: {ctx.name(done.article)} reports '{x.predicate} ... "
                f"{x.patient}' as done, {ctx.name(planned.article)} as planned or expected"
            )
            return make_dispute(a, b, "tense", reason, CONFIDENCE)
    return None
