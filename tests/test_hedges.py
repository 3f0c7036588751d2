"""A hedge the retelling drops (verify.hedges): read on the hedged verb, not the whole sentence."""

from __future__ import annotations

from typing import Any

from storydesk.model import Article
from storydesk.verify.check import cautions, check_text
from storydesk.verify.checks import Context
from storydesk.verify.features import holds_words
from storydesk.verify.hedges import check_modality, dropped_hedge, hedged_predicates
from storydesk.verify.model_verifier import ModelVerifier

CTX = Context(article_text={}, labels={"a": "the draft", "b": "the source"})
CAUTION = "certainty differs: the source hedges ('may'), the draft states it as fact"


def _dropped(parse: Any, claim: str, source: str) -> str | None:
    a, b = parse(claim, source)
    found = dropped_hedge(a, [b], CTX, holds_words)
    return None if found is None else found.reason


def test_the_hedge_is_on_the_verbs_written_after_the_modal(parse: Any) -> None:
    (c,) = parse("The board said some routes may have to be suspended over the winter.")
    assert "suspend" in hedged_predicates(c)
    assert "say" not in hedged_predicates(c)
    (firm,) = parse("The board said some routes will be suspended over the winter.")
    assert hedged_predicates(firm) == {}
    # Read on the words: a modal in a reported clause that is not the main verb's still hedges.
    (told,) = parse("The chief executive told analysts that the first batteries could ship soon.")
    assert hedged_predicates(told) == {"ship": "could"}
    (past,) = parse("The jury could not reach a verdict on Friday.")
    assert hedged_predicates(past) == {}


def test_an_attributed_hedge_dropped_with_its_attribution(parse: Any) -> None:
    source = (
        "A spokeswoman for the Office of Rail Safety said the office may inspect the Venbrook "
        "viaduct but set no date."
    )
    # "the office" is a shorter name of the Office of Rail Safety; "set no date" denies
    # something else than the inspection.
    assert _dropped(parse, "The Office of Rail Safety will inspect the Venbrook viaduct.", source)
    assert _dropped(parse, "The office inspected the Venbrook viaduct.", source) == CAUTION
    # Told of "he" in the source, by name in the draft.
    told = "He said the embankment may have slipped after the heavy rain."
    assert _dropped(parse, "Tomas Veld said the embankment slipped after the heavy rain.", told)


def test_no_caution_where_the_retelling_keeps_a_hedge_or_tells_of_another_thing(
    parse: Any,
) -> None:
    source = "The northern council said it may close the Ardle ferry route in the spring."
    kept = (
        "The northern council may close the Ardle ferry route in the spring.",
        "The northern council is likely to close the Ardle ferry route in the spring.",
        "The northern council is considering closing the Ardle ferry route in the spring.",
    )
    for draft in kept:
        assert _dropped(parse, draft, source) is None, draft
    # Another doer of the hedged verb, or a denial where the source hedges.
    assert _dropped(parse, "The southern council will close the Ardle ferry route.", source) is None
    assert (
        _dropped(parse, "The northern council will not close the Ardle ferry route.", source)
        is None
    )
    # The hedge is on another verb than the one the draft states.
    approved = "The council approved the budget on Monday and said it may raise parking fees."
    assert _dropped(parse, "The council approved the budget on Monday.", approved) is None


def test_a_dropped_attributed_hedge_is_a_caution_unless_the_source_also_states_it() -> None:
    hedged = (
        "Storms flooded the lower town of Carrow on Sunday night. A spokesman for the harbour "
        "authority said the authority may rebuild the sea wall at Carrow after the winter, but "
        "gave no figure for the cost."
    )
    draft = "The harbour authority will rebuild the sea wall at Carrow after the winter."
    (check,) = check_text(draft, [Article("w", "w.txt", hedged, source="Wire")], ModelVerifier())
    assert check.label != "contradicted"
    assert cautions(check) == [
        "certainty differs: the document hedges ('may'), the claim states it as fact (Wire)"
    ]
    # A document that later says it firmly has said what the draft says.
    firm = hedged + " On Tuesday the authority confirmed it will rebuild the sea wall at Carrow."
    (check,) = check_text(draft, [Article("w", "w.txt", firm, source="Wire")], ModelVerifier())
    assert cautions(check) == []


def test_near_identical_sentences_differ_in_certainty_unless_both_hedge(parse: Any) -> None:
    hedged, firm, likely = parse(
        "The Greyholm plant may close for two weeks while repairs are made.",
        "The Greyholm plant will close for two weeks while repairs are made.",
        "The Greyholm plant is likely to close for two weeks while repairs are made.",
    )
    found = check_modality(hedged, firm, 0.9, CTX)
    assert found is not None and found.kind == "modality" and found.confidence < 0.6
    assert check_modality(hedged, likely, 0.9, CTX) is None
    assert check_modality(hedged, firm, 0.7, CTX) is None  # not near-identical


def test_a_caution_comes_from_any_source_not_only_the_best_support() -> None:
    # The closest source has paraphrased the hedge away; the wire that prints it still counts.
    wire = (
        "The Ostrava Works said the first repaired turbines could return to service by "
        "mid-January, the company said on Monday."
    )
    rewrite = "The first repaired turbines will return to service by mid-January, the works said."
    arts = [
        Article("wire", "wire.txt", wire, source="Wire"),
        Article("copy", "copy.txt", rewrite, source="Rewrite"),
    ]
    draft = "The first repaired turbines will return to service by mid-January."
    (check,) = check_text(draft, arts, ModelVerifier())
    assert check.label == "supported"
    assert check.best is not None and check.best.article == "copy"
    assert [c.endswith("(Wire)") for c in cautions(check)] == [True]
