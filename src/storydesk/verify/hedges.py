"""Hedges: one source says "may", "might" or "could" where another states the thing as settled.

Two readings. `check_modality` compares two near-identical sentences (similarity 0.8 or more)
whose main verbs differ in certainty. `dropped_hedge` finds the usual case in news, where the
hedge is attributed ("a spokesperson said the department may review the subsidy") and a retelling
drops both the attribution and the hedge ("The department will review the subsidy"): the whole
sentences then read too far apart (0.70) for the first reading, though the retelling keeps every
word of the hedged clause. A hedge is a caution, not a contradiction (confidence 0.4): "may
review" does not deny "will review", and the verifiers give it no weight against the claim
(features.check_fired).

A hedge is "may", "might" or "could" before the verb, or a belief or expectation ("police
believe the attackers gained access", "is expected to take three weeks"). A retelling drops it
with the same verb or a WordNet synonym ("will be finished" / "could be completed"), and with
"is set to" or "is due to" as with "will".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..model import Claim, Dispute, Role
from ..nlp.assertion import HEDGES
from ..nlp.wordnet import exceptions
from .checks import Context, make_dispute, same_name, verb_stem
from .synonyms import synonyms

_HEDGED_CLAUSE = re.compile(
    rf"\b(?:{'|'.join(sorted(HEDGES))})\b((?:[^,;:.!?\u2013\u2014]|(?<=\d)[,.](?=\d)){{0,60}})",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"[a-z]{4,}|\d[\d,.]*", re.IGNORECASE)
_WORD = re.compile(r"[\w'’-]+")
# Words other than a modal that hedge the verb a few words after them: "police believe the
# attackers gained access", "is expected to take up to three weeks", "preliminary findings
# suggest the leak started at a valve", "has alleged that he pressured junior staff".
_LEAD_INS = frozenset(
    """believe believes believed suspect suspects suspected expected likely suggest suggests
    suggested allege alleges alleged allegedly""".split()  # noqa: SIM905
)
# Words that hedge a sentence without a modal, the lead-ins among them: a sentence that has one
# has kept a hedge, if not the source's ("is likely to review", "is considering a review"). A
# modal in a side clause is `_keeps_hedge`'s to judge: "will cut the hours, though the plan may
# change" keeps none.
_SOFTENERS = (
    frozenset(
        """possibly perhaps unlikely probably expects considering consider considers weighing
    potential potentially reportedly suggested suggests if unless whether""".split()  # noqa: SIM905
    )
    | _LEAD_INS
)
# "Appears" and "seems" soften what follows ("appears to have", "it seems"), not "will appear
# before the court".
_SEEMS = re.compile(
    r"\b(?:appears?|appeared|seems?|seemed)\s+(?:to|that|likely|unlikely)\b|\bit\s+(?:appears|seems)\b",
    re.IGNORECASE,
)
# Frames that schedule what follows as firmly as "will" does: "is set to bring charges" drops
# the hedge of "may bring charges", though the parse reads the bringing as not yet asserted.
_SCHEDULED = re.compile(r"\b(?:set|due|poised|bound|going|about)\s+to\s+(\w+)", re.IGNORECASE)
# How many words may stand between the modal and its verb: "may have to be postponed".
_VERB_REACH = 4
CONFIDENCE = 0.4


def _names(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _keeps_hedge(firm: str, hedged: str) -> bool:
    """Whether the sentence read as firm hedges, in a clause of its own, what the other hedges:
    "at a cost that could reach £600,000" keeps the hedge of "this could cost up to £600,000";
    "will cut the hours, though the plan may change" does not keep that of "might cut"."""
    theirs = {w.lower().rstrip(".,") for w in _CONTENT.findall(hedged)}
    for m in _HEDGED_CLAUSE.finditer(firm):
        if any(w.lower().rstrip(".,") in theirs for w in _CONTENT.findall(m.group(1))):
            return True
    return False


def _reason(hedged: Claim, modal: str | None, firm: Claim, ctx: Context) -> str:
    return (
        f"certainty differs: {ctx.name(hedged.article)} hedges ('{modal}'), "
        f"{ctx.name(firm.article)} states it as fact"
    )


# "Suspect" names a person as often as it hedges: "the four suspects were arrested" states the
# arrest. It hedges only where the sentence has it as a verb ("police suspect the gate was locked")
# or as an adjective before a noun ("the suspected leak"), which "suspected" always reads as.
_SUSPECT_NOUNS = frozenset({"suspect", "suspects"})


def _hedging(claim: Claim, words: frozenset[str] | set[str]) -> frozenset[str] | set[str]:
    """The words among `words` that hedge in this sentence: "suspect" and "suspects" only where
    the sentence has the verb "suspect"."""
    if words & _SUSPECT_NOUNS and not any(r.predicate == "suspect" for r in claim.roles):
        return words - _SUSPECT_NOUNS
    return words


def firm_words(claim: Claim) -> bool:
    """Whether the sentence has no hedge: no main modal and no softening word."""
    softening = _hedging(claim, _names(claim.text) & _SOFTENERS)
    return not (claim.modal or softening or _SEEMS.search(claim.text))


def check_modality(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """One source hedges ("may", "could") what the other states as settled."""
    if sim < 0.8 or bool(a.modal) == bool(b.modal) or a.negated != b.negated:
        return None
    hedged, firm = (a, b) if a.modal else (b, a)
    if not firm_words(firm) or _keeps_hedge(firm.text, hedged.text):
        return None
    return make_dispute(a, b, "modality", _reason(hedged, hedged.modal, firm, ctx), CONFIDENCE)


def hedged_predicates(claim: Claim) -> dict[str, str]:
    """The verbs a modal is written on, each with its modal: those with a form among the few
    words after "may", "might" or "could" ("may have to be postponed": postpone). Read on the
    words, not on the main verb: "told analysts that the batteries could ship" hedges the
    shipping as much as "said the batteries could ship"."""
    found: dict[str, str] = {}
    tokens = [w.lower() for w in _WORD.findall(claim.text)]
    lead_ins = _hedging(claim, _LEAD_INS)
    for i, w in enumerate(tokens):
        after = tokens[i + 1 : i + 1 + _VERB_REACH]
        if w not in HEDGES | lead_ins or (w == "could" and after[:1] in (["not"], ["never"])):
            continue  # "could not reach a verdict": a past inability, stated as fact
        if w in lead_ins:
            after += _clause_after(claim.text, i)
        for r in claim.roles:
            if any(t.startswith(verb_stem(r.predicate)) for t in after):
                found.setdefault(r.predicate, w)
    return found


# Where a belief's clause ends: at a clause's punctuation, or at a word that opens a clause of
# its own ("police believe the fire started in the kitchen after the cook left": the leaving is
# no belief).
_CLAUSE_END = re.compile(
    r"[,;:!?\u2013\u2014]|\.(?!\d)|\b(?:after|because|since|when|where|while|although|though|"
    r"before|which|who|whose|but|as)\b",
    re.IGNORECASE,
)
# How many words a belief's clause may run: "found it likely that the images in the papers had
# been manipulated".
_CLAUSE_REACH = 12


def _clause_after(text: str, index: int) -> list[str]:
    """The words of the clause that follows the `index`-th word of `text`, up to its end."""
    matches = list(_WORD.finditer(text))
    rest = text[matches[index].end() :]
    end = _CLAUSE_END.search(rest)
    clause = rest[: end.start()] if end else rest
    return [w.lower() for w in _WORD.findall(clause)[:_CLAUSE_REACH]]


def _agrees(mine: str | None, theirs: str | None) -> bool:
    """The same doer or object, or one a shorter name of the other ("the department", "the
    Department for Island Transport"), or one not known (a pronoun)."""
    if mine is None or theirs is None or same_name(mine, theirs):
        return True
    a, b = _names(mine), _names(theirs)
    return a <= b or b <= a


def _described(role: Role) -> bool:
    """Whether the doer is one common noun, not a name: "the work", "the work on the tram line"
    may be what the claim calls "the 80 million euro upgrade of the tram line"."""
    agent = role.agent or ""
    return agent.isalpha() and agent.islower() and role.agent_label is None


def _same_doing(mine: Role, theirs: Role) -> bool:
    return (
        mine.negated == theirs.negated
        and (_agrees(mine.agent, theirs.agent) or _described(theirs))
        and _agrees(mine.patient, theirs.patient)
    )


def _same_verb(mine: str, theirs: str) -> bool:
    """The same verb, or a synonym in a common sense of both ("finished" / "completed")."""
    return mine == theirs or synonyms(mine, theirs, "VERB")


def _scheduled(claim: Claim, role: Role) -> bool:
    stem = verb_stem(role.predicate)
    return any(m.group(1).lower().startswith(stem) for m in _SCHEDULED.finditer(claim.text))


def free_words(claim: Claim) -> set[str]:
    """The claim's words that a source may write otherwise and still say what it says: its
    doers ("the National Product Safety Authority" told of "it", "Callum Brodie said" of "he
    said"), which `dropped_hedge` compares on the hedged verb, and the forms of its verbs
    ("inspected" against "may inspect"), compared by lemma."""
    out: set[str] = set()
    for r in claim.roles:
        if r.agent:
            out |= _names(r.agent)
    # Not a two-letter stem: "be" and "go" begin too many other words ("beach", "government").
    stems = [s for s in (verb_stem(r.predicate) for r in claim.roles) if len(s) >= 3]
    irregular = exceptions("verb")  # "began" is a form of "begin"
    return out | {
        w for w in _names(claim.text) if any(irregular.get(w, w).startswith(s) for s in stems)
    }


def _dropped_on(claim: Claim, other: Claim) -> tuple[Role, str] | None:
    """The claim's verb that `other` hedges with the same doer, object and negation, and the
    modal it hedges it with."""
    hedged = hedged_predicates(other)
    for mine in claim.roles:
        if mine.unasserted and not _scheduled(claim, mine):
            continue
        for r in other.roles:
            hedges_it = r.predicate in hedged and _same_verb(mine.predicate, r.predicate)
            if hedges_it and _same_doing(mine, r):
                return mine, hedged[r.predicate]
    return None


# A belief about a state, which the parse gives no verb to hedge ("were in their flats" has
# none): "are believed to have been in their flats", "initial tests suggest the drugs are about
# 85 percent pure".
_BELIEF = (
    r"believes?|believed|suspects?|suspected|suggests?|suggested|thinks?|thought|fears?|feared"
)
_HEDGED_STATES = (
    re.compile(
        r"\b(?:is|are|was|were)\s+(believed|thought|suspected|presumed|feared|understood)\s+to\s+"
        r"(?:have\s+been|be)\s+([^,;:!?]+)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b({_BELIEF})\s+(?:that\s+)?(?:[\w'’-]+\s+){{1,8}}?(?:is|are|was|were)\s+([^,;:!?]+)",
        re.IGNORECASE,
    ),
)
_STATED = re.compile(r"\b(?:is|are|was|were)\s+([^,;:!?]+)", re.IGNORECASE)
# Words that round a figure, which a retelling swaps freely: "are about 85 percent pure" / "is
# around 85 percent pure".
_ROUNDING = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost", "some"})


def _belief(word: str) -> str:
    """The verb of a form of `_BELIEF` ("thought": "think"), any other word as it is."""
    if word == "thought":
        return "think"
    if not re.fullmatch(_BELIEF, word):
        return word
    if word.endswith("ed"):
        return word[:-1] if word.endswith("ved") else word[:-2]  # "believed", "feared"
    return word.removesuffix("s")


def _state(text: str) -> list[str]:
    """The first two words of a state, rounding words left out."""
    return [w for w in (w.lower() for w in _WORD.findall(text)) if w not in _ROUNDING][:2]


def _dropped_on_copula(claim: Claim, other: Claim) -> tuple[None, str] | None:
    """(None, the hedge) where `other` hedges a state ("are believed to have been in ...",
    "tests suggest the drugs are about 85 percent pure") that the claim states with "is", "are",
    "was" or "were" and the same two words after it."""
    stated = [_state(m.group(1)) for m in _STATED.finditer(claim.text)]
    beliefs = {_belief(w) for w in _names(claim.text)}
    for pattern in _HEDGED_STATES:
        for m in pattern.finditer(other.text):
            hedge = m.group(1).lower()
            if not _hedging(other, {hedge}) or _belief(hedge) in beliefs:
                continue  # "the suspects were part of a network"; "we don't think it is"
            state = _state(m.group(2))
            if len(state) == 2 and state in stated:
                return None, hedge
    return None


def _states_firmly(mine: Role, other: Claim) -> bool:
    """Whether `other` states the claim's verb with no hedge on it, the same negation, a doer
    that agrees and the claim's object ("the authority confirmed it will rebuild the wall"). The
    object must be written: "before it restarts" does not say the line restarts in January. A
    verb with neither doer nor object known says nothing of the claim's: "said it planned to
    install scanners" does not state that the port workers planned the removal."""
    hedged = hedged_predicates(other)
    return any(
        _same_verb(mine.predicate, r.predicate) and r.predicate not in hedged and not r.unasserted
        and _same_doing(mine, r) and (mine.patient is None or r.patient is not None)
        and (r.agent is not None or r.patient is not None)
        for r in other.roles
    )  # fmt: skip


# Verbs by which a claim gives its words to a party, as "alleges" does.
_CLAIMING = frozenset({"say", "claim", "tell", "state", "argue", "accuse", "charge", "insist"})


def dropped_hedge(
    claim: Claim, sentences: Sequence[Claim], ctx: Context, holds: Callable[[Claim, Claim], bool]
) -> Dispute | None:
    """A hedge the claim drops: a sentence that `holds` the claim's words hedges one of its
    verbs, with the same doer, object and negation, where the claim has no hedge of its own;
    unless another of the sentences states that verb firmly (a document that says "may review"
    and later "confirmed it will review" has said it). None otherwise."""
    if not firm_words(claim):
        return None
    for other in sentences:
        if not holds(claim, other):
            continue
        found = _dropped_on(claim, other) or _dropped_on_copula(claim, other)
        if found is None or _keeps_hedge(claim.text, other.text):
            continue
        mine, modal = found
        if mine is not None and any(_states_firmly(mine, s) for s in sentences):
            return None
        if modal.startswith("alleg") and any(r.predicate in _CLAIMING for r in claim.roles):
            continue  # "the petition alleges that ..." / "..., says Alcoa": still a party's word
        reason = _reason(other, modal, claim, ctx)
        return make_dispute(claim, other, "modality", reason, CONFIDENCE)
    return None
