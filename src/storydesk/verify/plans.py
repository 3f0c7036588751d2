"""A plan retold as done: "the company will cut 2,000 jobs" against "the company cut 2,000 jobs".

The same verb with the same object (and no other doer), reported as done by one source
(nlp.tense: built, has built, was closed) and as still to come by the other (will build, plans
to build, is set to close, said it would build). Two events of one kind (a plant built in 2019,
another planned) are kept apart by the gates: similar sentences, neither sentence reporting the
verb both ways, and no word saying the event recurs.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Claim, Dispute, Role
from .checks import (
    Context,
    described,
    generic,
    make_dispute,
    same_name,
    unnamed,
    verb_stem,
)
from .synonyms import synonyms

# Words that make the event one of several: "will cut 500 more jobs", "another plant". Not an
# "also" on the plan or the report ("the company also plans to install monitors"): that one is
# another of the company's plans or statements, and the event may be the claim's.
# "Every" on a span of time ("every year", "every few months"), not on what is acted on: "will
# write to every household" is one event.
_EVERY = (
    r"every\s+(?:other\s+|few\s+|\d+\s+)?(?:day|night|week|weekend|month|year|season|time|"
    r"morning|evening|spring|summer|autumn|winter|quarter|decade)s?"
)
_AGAIN = re.compile(
    r"\b(again|also(?!\s+(?:plan|intend|aim|want|hope|expect|promis|pledg|sa[iy]|announc|agree)"
    rf"\w*)|another|more|second|third|re-\w+|{_EVERY}|annual|annually|previously|once)\b",
    re.IGNORECASE,
)
# Habits and generic statements: "Sometimes I put the eggs in" is no past event, though the
# parser tags "put" past.
_HABITUAL = re.compile(
    rf"\b(sometimes|usually|often|always|normally|generally|typically|tends? to|{_EVERY}|"
    r"used to|in those (?:years|days))\b",
    re.IGNORECASE,
)
MIN_SIMILARITY = 0.7
# Where both verbs have the same named doer and the same thing acted on, written out ("Hallamere
# will write to all affected customers" / "Hallamere has already written to all affected
# customers to explain ..."), the sentences need only be as close as a number's.
NAMED_SIMILARITY = 0.55
CONFIDENCE = 0.6  # below a number's: tense is read from the parse, which misses more


def _tenses(claim: Claim, predicate: str) -> set[str]:
    """How the sentence reports the verb, whatever its object: "intended to close the plant, and
    closed it on Monday" reports it both ways."""
    return {r.tense for r in claim.roles if r.tense and r.predicate == predicate and not r.negated}


_ASKING = frozenset({"ask", "urge", "call", "press", "request", "petition", "demand", "want"})


def _asked_as_planned(r: Role, sentence: Claim) -> Role:
    """The other sentence's verb read as planned where one of its verbs asks its doer for it
    ("will ask the national government to order an inquiry": the government asked, the
    ordering not asserted), with no tense of its own: against "the government has ordered an
    inquiry" that is a request told as done. Only the other sentence's: a claim that only says
    it was asked for says less than the source, not something else. Not any verb left
    unasserted: "agreed to testify" and "unless parents submit objections" are no requests."""
    if not (r.unasserted and r.tense is None and r.agent):
        return r
    doer = set(r.agent.lower().split())
    asked = any(
        q.predicate in _ASKING and q.patient and set(q.patient.lower().split()) <= doer
        for q in sentence.roles
    )
    return replace(r, tense="planned") if asked else r


def _named_event(x: Role, y: Role) -> bool:
    """The same named doer and the same thing acted on, both written."""
    if not (x.agent and y.agent and x.patient and y.patient) or unnamed(x) or unnamed(y):
        return False
    return same_name(x.agent, y.agent) and same_name(x.patient, y.patient)


def _same_doer(x: Role, y: Role) -> bool:
    """Same doer, or one that may be: a description ("the utility") may be any named doer (a
    draft names the company once and describes it after), or a kind of the other's ("the
    company")."""
    if _acted_on(x) is None or x.passive or y.passive:
        return True  # a passive's subject is what was acted on, compared as the object
    if x.agent is None or y.agent is None or unnamed(x) != unnamed(y):
        return True
    return same_name(x.agent, y.agent) or described(x.agent, y.agent)


def _acted_on(r: Role) -> str | None:
    """What the verb acts on: its direct object, or the subject of a passive with no doer named
    ("the plant was closed"); None for an object the parser only guessed from a preposition."""
    if r.direct:
        return r.patient
    return r.agent if r.passive else None


def _event(r: Role) -> tuple[str, str] | None:
    """What identifies the event besides its verb: what is acted on, or for a verb with no
    object ("the museum reopened", "the council voted on the plan") who does it."""
    acted_on = _acted_on(r)
    if acted_on is not None:
        return ("object", acted_on)
    return ("subject", r.agent or "")  # "" when the parser found none ("is due to reopen")


_WORD = re.compile(r"[a-z]+")


def _other_counts(a: Claim, b: Claim) -> bool:
    """Both sentences count things and no count is shared: a target against an outcome."""
    va = {q.value for q in a.quantities}
    vb = {q.value for q in b.quantities}
    return bool(va and vb and not va & vb)


def _reported_done(done: Claim, planned: Claim, predicate: str, ctx: Context) -> bool:
    """Whether the planned side's article also reports the event as done, elsewhere: "Acme said
    in January it would close the plant. The plant was closed in May." The done side's verb as
    written ("closed", "cut", "built": words that begin like the lemma) is looked for in the
    rest of that article."""
    text = ctx.article_text.get(planned.article, "").lower()
    if not text:
        return False
    stem = verb_stem(predicate)
    forms = {w for w in _WORD.findall(done.text.lower()) if w.startswith(stem)}
    forms -= set(_WORD.findall(planned.text.lower()))
    rest = text.replace(planned.text.lower(), " ")
    return any(re.search(rf"\b{re.escape(f)}\b", rest) for f in forms)


def check_plan(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """One source says the event happened, the other that it is planned, expected or only
    being considered."""
    if sim < NAMED_SIMILARITY or any(_HABITUAL.search(c.text) for c in (a, b)):
        return None
    if not any(_AGAIN.search(c.text) for c in (a, b)):
        found = (
            _done_or_planned(a, b, sim, ctx)
            or _decided_or_pending(a, b, ctx)
            or _decided_or_pending(b, a, ctx)
        )
        if found is not None:
            return found
    # Not gated on a word of recurrence in the whole sentence ("a deal worth 3.1 million euros
    # annually"), only on one before the step ("has launched another review").
    return _started_or_pondered(a, b, ctx) or _started_or_pondered(b, a, ctx)


def _same_event(x: str, y: str) -> bool:
    """The same thing acted on or doer, one not known, or a synonym ("the rest of the drugs",
    "the remainder of the seized drugs")."""
    if x == y or "" in (x, y) or same_name(x, y):
        return True
    return " " not in x + y and synonyms(x, y, "NOUN")


def _done_or_planned(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same verb and event reported as done by one sentence and as planned by the other."""
    both = {"done", "planned"}
    for x in a.roles:
        event = _event(x)
        if x.tense is None or event is None or x.negated or generic(x):
            continue
        for y in b.roles:
            other = _event(y)
            if y.predicate != x.predicate or other is None or y.negated or other[0] != event[0]:
                continue
            y = _asked_as_planned(y, b)
            if not _same_event(other[1], event[1]):
                continue
            if {x.tense, y.tense} != both or not _same_doer(x, y):
                continue
            if sim < MIN_SIMILARITY and not _named_event(x, y):
                continue
            if both in (_tenses(a, x.predicate), _tenses(b, y.predicate)):
                continue  # one sentence reports both: two events of one kind, or the plan done
            if _other_counts(a, b):
                continue  # "aims to sell 100,000 in 2025" / "sold 80,000 last year": a target
            done, planned = (a, b) if x.tense == "done" else (b, a)
            if _reported_done(done, planned, x.predicate, ctx):
                continue
            what = f"{x.predicate} ... {event[1]}" if event[0] == "object" else x.predicate
            reason = (
                f"done or planned: {ctx.name(done.article)} reports '{what}' as done, "
                f"{ctx.name(planned.article)} as planned or expected"
            )
            return make_dispute(a, b, "tense", reason, CONFIDENCE)
    return None


# A decision reported as made, against the step before it: "the council has approved the rule"
# where the source says "the council will vote on the proposal", "parliament has approved 90
# million crowns" where "the service would ask parliament for 90 million crowns". Not the same
# verb, so the check above never meets them, and the model read both as support (0.33, 0.34
# entailed: the words are the source's).
_DECIDED = frozenset(
    {"approve", "pass", "adopt", "authorise", "authorize", "ratify", "endorse", "grant", "award"}
)
_PENDING = frozenset(
    {"vote", "decide", "consider", "debate", "discuss", "ask", "seek", "request", "propose",
     "review", "weigh"}
)  # fmt: skip


def _shared_object(a: Claim, b: Claim) -> bool:
    """Whether the sentences decide on one thing: a sum or count in both, or a thing acted on
    in both ("inspection")."""
    if {q.value for q in a.quantities} & {q.value for q in b.quantities}:
        return True
    objects = {r.patient.lower() for r in b.roles if r.patient}
    return any(r.patient and r.patient.lower() in objects for r in a.roles)


def _decided_or_pending(done: Claim, pending: Claim, ctx: Context) -> Dispute | None:
    """`done` reports a decision as made that `pending` says is still to be asked for, debated
    or voted on, where `pending` reports no decision made and its article does not either."""
    decided = [r for r in done.roles if r.predicate in _DECIDED and r.tense == "done"]
    decided = [r for r in decided if not r.negated]
    steps = [r for r in pending.roles if r.predicate in _PENDING and r.tense == "planned"]
    if not decided or not steps or any(r.negated for r in steps):
        return None
    if any(r.predicate in _DECIDED and r.tense == "done" for r in pending.roles):
        return None
    if not _shared_object(done, pending) or _reported_done(
        done, pending, decided[0].predicate, ctx
    ):
        return None
    x, y = decided[0], steps[0]
    what = f"{x.predicate} ... {x.patient}" if x.patient else x.predicate
    reason = (
        f"done or planned: {ctx.name(done.article)} reports '{what}' as decided, "
        f"{ctx.name(pending.article)} as still to come ('{y.predicate}')"
    )
    return make_dispute(done, pending, "tense", reason, CONFIDENCE)


# A step a source says is only being considered, reported as taken or as sure to be: "the
# council has launched a review of the contract" or "will launch a review" where the source
# says "the council is considering a review". The step is what the considering verb acts on
# ("review"), started by one of these verbs or done as that verb itself ("has reviewed").
_PONDERING = frozenset(
    {"consider", "weigh", "discuss", "debate", "mull", "explore", "study", "contemplate"}
)
_STARTING = frozenset(
    {"launch", "begin", "start", "open", "order", "announce", "file", "lodge", "bring",
     "introduce", "impose", "commission", "initiate"}
)  # fmt: skip
_ANOTHER = r"(?:another|again|second|third|fresh|further|new)"
HEDGE_CONFIDENCE = 0.4  # as verify.hedges: "will" for "is considering" is a caution


def _pondered(sentence: Claim) -> dict[str, Role]:
    """What the sentence says is being considered, not yet decided: the thing each considering
    verb acts on, with that verb's role. Not a consideration reported as past ("considered a
    review last year"), which may have ended either way."""
    return {
        r.patient.lower(): r
        for r in sentence.roles
        if r.predicate in _PONDERING and r.patient and r.direct and not r.negated
        and r.tense != "done"
    }  # fmt: skip


def _takes(r: Role, step: str) -> bool:
    """Whether the role takes the step: starts it ("launched a review") or does it ("reviewed")."""
    started = r.predicate in _STARTING and (r.patient or "").lower() == step
    return started or r.predicate == step


def _same_party(x: Role, y: Role) -> bool:
    """The same doer, or one that may be: not known, a description beside a name ("the firm"),
    one name or description inside the other ("the council", "the city council"), or a kind
    of the other. Not two names: "NATO plans to open an office" is not Japan's step."""
    if not x.agent or not y.agent or unnamed(x) != unnamed(y):
        return True
    mine, theirs = (set(v.lower().split()) for v in (x.agent, y.agent))
    if mine <= theirs or theirs <= mine or same_name(x.agent, y.agent):
        return True
    return unnamed(x) and described(x.agent, y.agent)


def _started_or_pondered(taken: Claim, pondering: Claim, ctx: Context) -> Dispute | None:
    """`taken` reports as done or as sure to come a step that `pondering` says is only being
    considered, by the same doer, where `pondering`'s article does not report it taken."""
    steps = _pondered(pondering)
    if not steps or _pondered(taken).keys() & steps.keys():
        return None
    steps = {k: v for k, v in steps.items() if not re.search(rf"\b{_ANOTHER}\s+{k}", taken.text)}
    for r in taken.roles:
        if r.negated or r.tense not in ("done", "planned") or not (r.agent or r.passive):
            continue  # a doer not known: "plans to open an office" may be anyone's
        for step, y in steps.items():
            if not _takes(r, step) or not _same_party(r, y):
                continue
            if _reported_done(taken, pondering, r.predicate, ctx):
                return None
            what = f"{r.predicate} ... {r.patient}" if r.patient else r.predicate
            if r.tense == "done":
                reason = (
                    f"done or planned: {ctx.name(taken.article)} reports '{what}' as done, "
                    f"{ctx.name(pondering.article)} as only being considered ('{y.predicate}')"
                )
                return make_dispute(taken, pondering, "tense", reason, CONFIDENCE)
            reason = (
                f"certainty differs: {ctx.name(pondering.article)} hedges ('{y.predicate}'), "
                f"{ctx.name(taken.article)} states it as fact"
            )
            return make_dispute(taken, pondering, "modality", reason, HEDGE_CONFIDENCE)
    return None
