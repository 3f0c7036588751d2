"""The interface every verifier implements, so a trained model can replace or join the checks.

A `PairChecker` compares two claims from different sources (what the brief needs); a `Verifier`
judges one claim against a whole document (what `storydesk check` uses). Both return their
evidence and reasons, never a bare score.
"""

from __future__ import annotations

from typing import Protocol

from ..model import Claim, Dispute, Verdict
from .checks import Context


class PairChecker(Protocol):
    def __call__(self, a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None: ...


class Verifier(Protocol):
    def verify(self, claim: str, document: str) -> Verdict: ...
