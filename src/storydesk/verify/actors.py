"""Who did it: the same action on the same object, credited to different named actors.

"Marrowport Port Authority" against "Marrowport City Council" is a dispute; "Beijing" against
"China", or "the Kremlin" against "Russia", is not: as the doer of an action a capital or seat of
government stands for its state, and international news says "Beijing warned" for "China warned"
as often as not. Nor is a person against an organisation as the one who said, reported or
announced it ("Reade reported" / "the Herald reported"): that is whom to credit.
"""

from __future__ import annotations

import re

from ..model import Claim, Dispute, Role
from ..quotes.speakers import SPEECH_LEMMAS
from .checks import NAMED, Context, action_roles, make_dispute, same_name
from .places import same_government


def same_actor(x: str, y: str) -> bool:
    """One name, or a seat of government and its state."""
    return same_name(x, y) or same_government(x, y)


_PERSON_LIKE = frozenset({"PERSON", "NAME"})  # NAME: an untagged proper noun, maybe a person


def _person_and_body(x: str | None, y: str | None) -> bool:
    """One doer a person (or a name that may be one), the other an organisation."""
    return (x in _PERSON_LIKE and y == "ORG") or (y in _PERSON_LIKE and x == "ORG")


def _doer_unnamed(role: Role, claim: Claim) -> bool:
    """A passive with no "by" phrase naming its doer: its subject is what was acted on
    ("Corran Valley Water was fined 3.8 million dollars"), not who acted."""
    if not role.passive or role.agent is None:
        return False
    by = re.compile(rf"\bby\s+(?:the\s+)?{re.escape(role.agent)}", re.IGNORECASE)
    return by.search(claim.text) is None


def check_actor(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same action on the same object, attributed to different named actors."""
    if sim < 0.3:
        return None
    theirs = [r for r in action_roles(b) if not _doer_unnamed(r, b)]
    for ra in action_roles(a):
        if _doer_unnamed(ra, a):
            continue
        for rb in theirs:
            if (ra.predicate, ra.patient) != (rb.predicate, rb.patient):
                continue
            if ra.agent_label not in NAMED or rb.agent_label not in NAMED:
                continue
            if ra.agent is None or rb.agent is None or same_actor(ra.agent, rb.agent):
                continue
            if ra.predicate in SPEECH_LEMMAS and _person_and_body(ra.agent_label, rb.agent_label):
                continue  # "Reade reported" / "the Herald reported": whom to credit, not who did
            # If either source also credits the other actor with this action, they agree; so
            # they may when one subject phrase names the other's actor ("Minnesota Vikings
            # running back Adrian Peterson", parsed with "Vikings" as its head).
            if any(
                same_name(r.agent or "", rb.agent) for r in a.roles if r.predicate == ra.predicate
            ):
                continue
            if any(same_name(n, rb.agent) for n in ra.agent_names) or any(
                same_name(n, ra.agent) for n in rb.agent_names
            ):
                continue
            what = f"{ra.predicate} … {ra.patient}"
            reason = (
                f"different actor for '{what}': {ctx.name(a.article)} says {ra.agent}, "
                f"{ctx.name(b.article)} says {rb.agent}"
            )
            return make_dispute(a, b, "actor", reason, 0.8)
    return None
