"""A window's "failed to act" read as "did not act" for the model (verify.implicatives)."""

from __future__ import annotations

from storydesk.verify.implicatives import as_denial
from storydesk.verify.model_verifier import ModelVerifier


def test_as_denial() -> None:
    claim = "The board did not act on the warnings."
    assert as_denial(claim, "The board failed to act on the warnings.") == (
        "The board did not act on the warnings."
    )
    assert as_denial(claim, "The board refuses to act.") == "The board does not act."
    # No denial in the claim, or no implicative in the window: nothing to read.
    assert as_denial("The board acted on the warnings.", "The board failed to act.") is None
    assert as_denial(claim, "The board read the warnings.") is None


def test_a_denial_meets_a_failure_to_act() -> None:
    # Read as written, v8 contradicts the claim against both windows (0.94 and 0.99).
    claim = (
        "Between May and July the board received at least three written warnings about the "
        "dam, but it did not act on them."
    )
    window = (
        "The board received at least three written warnings about the dam between May and July "
        "but failed to act"
    )
    verifier = ModelVerifier()
    assert verifier.verify(claim, window + " on them.").label == "supported"
    assert verifier.verify(claim, window + ".").label != "contradicted"
