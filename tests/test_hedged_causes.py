"""A cause the sources only suspect, told as established (verify.hedged_causes)."""

from __future__ import annotations

from typing import Any

from storydesk.verify.checks import Context
from storydesk.verify.hedged_causes import hedged_cause


def _ctx(document: str) -> Context:
    return Context(article_text={"b": document}, labels={"a": "the draft", "b": "the source"})


SOURCE = (
    "More than 60 guests fell ill after a wedding at the Larkmoor Hotel on Saturday. "
    "Inspectors are treating the prawn salad as the most likely source, but say they cannot "
    "be certain until tests come back. The hotel kitchen has been closed."
)


def test_a_cause_the_source_only_suspects_told_as_established(parse: Any) -> None:
    for text in (
        "The outbreak was caused by the prawn salad served at the wedding.",
        "Guests fell ill because of the prawn salad served at the wedding.",
        "The prawn salad caused the outbreak among the wedding guests.",
    ):
        (claim,) = parse(text)
        found = hedged_cause(claim, "b", _ctx(SOURCE))
        assert found is not None, text
        assert found.kind == "modality" and "hedges the cause ('likely')" in found.reason
        assert found.b.text.startswith("Inspectors are treating the prawn salad")


def test_no_caution_where_the_claim_hedges_or_a_source_states_the_cause(parse: Any) -> None:
    (hedged,) = parse("The outbreak may have been caused by the prawn salad.")
    assert hedged_cause(hedged, "b", _ctx(SOURCE)) is None
    (claim,) = parse("The outbreak was caused by the prawn salad served at the wedding.")
    stated = SOURCE + " Tests later confirmed the outbreak was caused by the prawn salad."
    assert hedged_cause(claim, "b", _ctx(stated)) is None
    # Another cause than the one hedged: no caution from this reading.
    (other,) = parse("The outbreak was caused by a broken fridge in the hotel kitchen.")
    assert hedged_cause(other, "b", _ctx(SOURCE)) is None


def test_a_hedge_in_another_clause_or_a_past_inability_is_no_hedge_on_the_cause(
    parse: Any,
) -> None:
    document = (
        "Although it is unclear whether the virus was to blame, the bank shut its branches "
        "because of computer failures. Two boats could not be launched due to the strong wind."
    )
    (shut,) = parse("The bank shut its branches because of computer failures.")
    assert hedged_cause(shut, "b", _ctx(document)) is None
    (boats,) = parse("Two boats were not launched due to the strong wind.")
    assert hedged_cause(boats, "b", _ctx(document)) is None
