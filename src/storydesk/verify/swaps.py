"""Reversed roles: the same action with doer and done-to exchanged ("Merkel credited Jacobs" /
"Jacobs credited Merkel", "Clinton whacks GOP group" / "GOP group whacks Clinton").

The actor check compares who did one action to one thing; in a swap the thing differs too, so it
never fires. The cross-encoder, trained with the role operations left out, reads such a pair as a
paraphrase (0.98 entailment on both examples): every word of the claim is in the sentence. This
is the seeds' own failure mode, retold with the roles turned round, so it gets a check of its own,
with the reason in words.

The same holds for the one an object is handed to: "the police reported the attack to the
council" against "the council reported the attack to the police" (nlp.roles reads the object of
"to" beside a direct object as the recipient).

Conservative like the other checks: both sentences about the same thing (similarity gate), one
non-generic verb with a subject and a direct object on each side, both affirmed or both denied,
the two participants exchanged, and neither sentence also saying it the other way round. Verbs
whose subject and object can change places without changing what happened ("met", "married",
"played", "faced", "debated", "tied") never count.
"""

from __future__ import annotations

import re

from ..model import Claim, Dispute, Role
from .checks import Context, make_dispute, same_name
from .synonyms import synonyms

# Verbs for which "A V B" says what "B V A" says.
SYMMETRIC = frozenset(
    {"meet", "marry", "wed", "divorce", "date", "resemble", "equal", "match", "tie", "face",
     "play", "fight", "battle", "debate", "hug", "kiss", "embrace", "border", "neighbor",
     "neighbour", "partner", "ally", "merge", "accompany", "rival"}
)  # fmt: skip
# Verbs whose object is rarely a participant that could have been the subject ("had a career",
# "made an announcement", "took office"). Narrower than the actor check's generic verbs: who
# told, used or wanted whom is exactly what a swap changes.
_NOT_REVERSIBLE = frozenset(
    {"be", "have", "do", "become", "seem", "include", "say", "add", "state", "note", "make",
     "get", "go", "come", "take", "give", "see", "know", "think"}
)  # fmt: skip
_PRONOUNS = frozenset(
    {"i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "one",
     "this", "that", "these", "those", "himself", "herself", "itself", "themselves", "who",
     "what", "which", "each", "other", "another", "someone", "something", "everyone"}
)  # fmt: skip


def _parts(r: Role) -> tuple[str, str] | None:
    """(agent, patient) of a role that can be reversed, else None."""
    if not r.direct or r.agent is None or r.patient is None or r.patient in _PRONOUNS:
        return None
    if r.predicate.split()[0] in _NOT_REVERSIBLE | SYMMETRIC:
        return None
    return None if same_name(r.agent, r.patient) else (r.agent, r.patient)


def _says(roles: tuple[Role, ...], predicate: str, agent: str, patient: str) -> bool:
    return any(
        r.predicate == predicate
        and r.agent is not None
        and r.patient is not None
        and same_name(r.agent, agent)
        and same_name(r.patient, patient)
        for r in roles
    )


def _written(claim: Claim, word: str) -> str:
    """A participant as the sentence writes it ("Jacobs" for the lemma "jacobs")."""
    m = re.search(rf"\b{re.escape(word)}\b", claim.text, re.IGNORECASE)
    return m.group(0) if m else word


def _reversed(
    a: Claim, b: Claim, ctx: Context, verb: str, pa: tuple[str, ...], pb: tuple[str, ...]
) -> Dispute:
    """The dispute, with who did it to whom on each side as each sentence writes them."""
    reason = (
        f"reversed roles for '{verb}': {ctx.name(a.article)} says "
        f"{_written(a, pa[0])} → {_written(a, pa[1])}, {ctx.name(b.article)} says "
        f"{_written(b, pb[0])} → {_written(b, pb[1])}"
    )
    return make_dispute(a, b, "actor", reason, 0.8)


def _verb(r: Role) -> str:
    """The verb without its particle: "handed over" and "handed back" both hand it on."""
    return r.predicate.split(" ")[0]


# Verbs that pass a thing from their subject to their receiver: two of them with giver and
# receiver exchanged tell opposite transfers ("the council would give BMT £3 million" / "BMT
# would hand the council £3 million"). WordNet has "hand" and "give" in one synset, but not
# among the first senses of "give" that `synonyms` reads.
_TRANSFERS = frozenset(
    {"give", "hand", "pay", "grant", "award", "send", "transfer", "lend", "loan", "donate"}
)


def _one_act(x: str, y: str) -> bool:
    """One verb, a WordNet synonym, or two verbs that pass a thing on (_TRANSFERS)."""
    return x == y or synonyms(x, y, "VERB") or {x, y} <= _TRANSFERS


def _handed(r: Role) -> tuple[str, str, str] | None:
    """(agent, recipient, what) of a role that hands something on ("the council reported the
    attack to the police"), else None."""
    if r.agent is None or r.recipient is None or r.patient is None:
        return None
    if _verb(r) in SYMMETRIC or same_name(r.agent, r.recipient):
        return None
    return r.agent, r.recipient, r.patient


def _same_thing(x: str, y: str) -> bool:
    """The same thing handed on, or one told of by a pronoun ("lent them to the gallery")."""
    return same_name(x, y) or x in _PRONOUNS or y in _PRONOUNS


def _hands(roles: tuple[Role, ...], verb: str, giver: str, receiver: str) -> bool:
    return any(
        _one_act(_verb(r), verb)
        and r.recipient is not None
        and same_name(r.agent or "", giver)
        and same_name(r.recipient, receiver)
        for r in roles
    )


def _reversed_recipient(a: Claim, b: Claim, ctx: Context) -> Dispute | None:
    """The same thing handed on, its giver and receiver exchanged: "the police reported the
    attack to the council" / "the council reported the attack to the police"."""
    for ra in a.roles:
        if (pa := _handed(ra)) is None:
            continue
        for rb in b.roles:
            pb = _handed(rb)
            if pb is None or not _one_act(_verb(ra), _verb(rb)) or rb.negated != ra.negated:
                continue
            if not (
                _same_thing(pa[2], pb[2]) and same_name(pa[0], pb[1]) and same_name(pa[1], pb[0])
            ):
                continue
            if _hands(a.roles, _verb(ra), *pb[:2]) or _hands(b.roles, _verb(rb), *pa[:2]):
                continue  # each also says the other's: both reported it to the other
            return _reversed(a, b, ctx, _verb(ra), pa[:2], pb[:2])
    return None


def check_reversed_roles(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same action, its agent and direct object exchanged, or its agent and the one it
    hands the object to."""
    if sim < 0.3:
        return None
    if (found := _reversed_recipient(a, b, ctx)) is not None:
        return found
    for ra in a.roles:
        if (pa := _parts(ra)) is None:
            continue
        for rb in b.roles:
            pb = _parts(rb)
            if pb is None or rb.predicate != ra.predicate or rb.negated != ra.negated:
                continue
            if not (same_name(pa[0], pb[1]) and same_name(pa[1], pb[0])):
                continue
            if _says(a.roles, ra.predicate, *pb) or _says(b.roles, rb.predicate, *pa):
                continue  # "A sued B and B sued A": each also says the other's
            return _reversed(a, b, ctx, ra.predicate, pa, pb)
    return None
