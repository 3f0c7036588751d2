"""The structured checks in the order they are tried, most specific first, and `compare`, which
returns the first disagreement any of them finds."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Claim, Dispute
from .actors import check_actor
from .affiliations import check_affiliation
from .causes import check_cause
from .checks import (
    Check,
    Context,
    check_date,
    check_negation,
    check_number,
)
from .hedges import check_modality
from .periods import check_period
from .places import check_place
from .plans import check_plan
from .sayers import check_sayer
from .substitution import check_substituted_name
from .swaps import check_reversed_roles
from .titles import check_post

# Reversed roles before the actor check: in "A credited B with holding it" against "B credited
# A with holding it" both fire (the holder is inherited from the subject), and the reversal says
# what differs.
DEFAULT_CHECKS: tuple[Check, ...] = (
    check_reversed_roles,
    check_actor,
    check_sayer,
    check_number,
    check_date,
    check_period,
    check_negation,
    check_place,
    check_substituted_name,
    check_affiliation,
    check_post,
    check_plan,
    check_cause,
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
