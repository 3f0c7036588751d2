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


def test_a_belief_or_an_expectation_hedges_the_verb_after_it(parse: Any) -> None:
    believed = "Investigators believe the fire started in a storage room on the second floor."
    (c,) = parse(believed)
    assert hedged_predicates(c) == {"start": "believe"}
    draft = "The fire started in a storage room on the second floor."
    assert _dropped(parse, draft, believed) == (
        "certainty differs: the source hedges ('believe'), the draft states it as fact"
    )
    # A draft that keeps the belief keeps the hedge.
    assert _dropped(parse, believed, believed) is None
    expected = "Repairs to the Corvel signal box are expected to take up to four weeks."
    assert _dropped(parse, "Repairs to the Corvel signal box will take up to four weeks.", expected)


def test_a_scheduled_or_synonymous_verb_drops_the_hedge(parse: Any) -> None:
    source = "The inspectorate said it may fine the Dunlow quarry operator for the breach."
    set_to = "The inspectorate is set to fine the Dunlow quarry operator for the breach."
    assert _dropped(parse, set_to, source) == CAUTION
    # Only hoped for: no more certain than the source.
    hoped = "The inspectorate hopes to fine the Dunlow quarry operator for the breach."
    assert _dropped(parse, hoped, source) is None
    # "completed" for "finished": WordNet synonyms in a common sense of both.
    could = "The harbour authority said the new quay could be completed by 2029."
    assert _dropped(parse, "The new quay will be finished by 2029.", could)


def test_the_words_the_hedged_sentence_lacks_may_be_printed_elsewhere_in_its_document(
    parse: Any,
) -> None:
    document = (
        "The city has set aside 80 million euros for upgrading the Harlow tram line. "
        "The mayor said the work on the Harlow tram line could be finished by 2029."
    )
    *_, hedged = parse(document)
    draft = "The 80 million euro upgrade of the Harlow tram line will be finished by 2029."
    (a,) = parse(draft)

    def found(doc: str) -> bool:
        holds = lambda c, o: holds_words(c, o, doc)  # noqa: E731
        return dropped_hedge(a, [hedged], CTX, holds) is not None

    assert found(document)
    # Not when the draft's details are nowhere in the document, nor from the sentence alone.
    assert not found("The mayor said the work on the Harlow tram line could be finished by 2029.")
    assert not dropped_hedge(a, [hedged], CTX, holds_words)


def test_a_claim_of_its_doer_and_verbs_with_one_word_elsewhere_is_held(parse: Any) -> None:
    # Every word of the draft but "building" is its doer or its verbs, which the hedged
    # sentence has; "building" is printed in the sentence after it.
    document = (
        "Engineers said the remaining western section would likely have to be demolished. "
        "The building had been insulated in 2019."
    )
    hedged, _ = parse(document)
    (a,) = parse("The remaining western section of the building will have to be demolished.")
    holds = lambda c, o: holds_words(c, o, document)  # noqa: E731
    found = dropped_hedge(a, [hedged], CTX, holds)
    assert found is not None and "('likely')" in found.reason
    (other,) = parse("The remaining western section of the bridge will have to be demolished.")
    assert dropped_hedge(other, [hedged], CTX, holds) is None  # "bridge" is nowhere in it


def test_a_dropped_hedge_is_no_evidence_against_the_claim() -> None:
    from storydesk.model import Dispute, Side
    from storydesk.verify.features import check_fired

    side = Side(article="a", claim="a:0", text="")
    hedge = Dispute(a=side, b=side, kind="modality", reason="", confidence=0.4)
    number = Dispute(a=side, b=side, kind="number", reason="", confidence=0.8)
    assert check_fired(hedge) == 0.0
    assert check_fired(number) == 0.8
    assert check_fired(None) == 0.0


def test_appear_before_a_court_is_no_softener(parse: Any) -> None:
    source = "Both men are expected to appear before Corran Crown Court on Monday."
    draft = "Both men will appear before Corran Crown Court on Monday."
    assert _dropped(parse, draft, source) == (
        "certainty differs: the source hedges ('expected'), the draft states it as fact"
    )
    # "Appears to" and "it seems" do soften.
    left = "Both men may have fled Corran on Monday."
    assert _dropped(parse, "Both men fled Corran on Monday.", left)
    assert _dropped(parse, "Both men appear to have fled Corran on Monday.", left) is None
    assert _dropped(parse, "It seems both men fled Corran on Monday.", left) is None


def test_a_rounding_word_for_another_keeps_the_hedged_words(parse: Any) -> None:
    # "roughly" for "about": the retelling holds the hedged sentence's words.
    assert (
        _dropped(
            parse,
            "The painting was insured for roughly 2 million euros.",
            "The painting is believed to have been insured for about 2 million euros.",
        )
        == "certainty differs: the source hedges ('believed'), the draft states it as fact"
    )


def test_findings_that_suggest_hedge_and_an_irregular_form_is_the_verb(parse: Any) -> None:
    # "suggest" hedges the verb after it; "began" is a form of "begin", a synonym of "start".
    assert (
        _dropped(
            parse,
            "The leak began at a corroded valve on the tank.",
            "Preliminary findings suggest the leak started at a corroded valve on the tank.",
        )
        == "certainty differs: the source hedges ('suggest'), the draft states it as fact"
    )
    # "ever since" holds the words of "since".
    assert (
        _dropped(
            parse,
            "The container had been waiting at the quay ever since.",
            "The container is believed to have been waiting at the quay since.",
        )
        == "certainty differs: the source hedges ('believed'), the draft states it as fact"
    )


def test_a_belief_about_a_state_stated_as_fact(parse: Any) -> None:
    source = (
        "Fire chief Ola Brandt said the two missing tenants are believed to have been in their "
        "flats when the blast struck."
    )
    assert _dropped(parse, "The two missing tenants were in their flats when the blast struck.",
                    source) == CAUTION.replace("'may'", "'believed'")  # fmt: skip
    # Kept: the draft's own hedge, or another state.
    assert _dropped(parse, "The two missing tenants are thought to have been in their flats.",
                    source) is None  # fmt: skip
    assert _dropped(parse, "The two missing tenants were at work when the blast struck.",
                    source) is None  # fmt: skip


def test_an_allegation_stated_as_fact(parse: Any) -> None:
    source = "Lena Farouk has also alleged that Vollmar pressured junior researchers for results."
    found = _dropped(parse, "Vollmar pressured junior researchers for results.", source)
    assert found == CAUTION.replace("'may'", "'alleged'")


def test_suspects_named_as_people_hedge_nothing(parse: Any) -> None:
    (arrest,) = parse("The three suspects were arrested at the airport on Friday.")
    assert hedged_predicates(arrest) == {}
    source = (
        "The two guards are suspected of having planned to open the vault before the alarm "
        "was set, prosecutors said."
    )
    claim = "The two guards among the suspects had planned to open the vault before the alarm."
    document = source + " The guards were among the suspects arrested on Friday."
    a, b = parse(claim, source)
    found = dropped_hedge(a, [b], CTX, lambda c, o: holds_words(c, o, document))
    assert found is not None and "('suspected')" in found.reason
    # The verb "suspect" still hedges.
    (verb,) = parse("Police suspect the two guards opened the vault.")
    assert hedged_predicates(verb) == {"open": "suspect"}


def test_a_belief_hedges_its_clause_to_the_end(parse: Any) -> None:
    source = (
        "Inspectors judged it likely that the safety records of the two reactors had been "
        "falsified deliberately."
    )
    claim = "Inspectors established that the safety records of the two reactors had been falsified."
    assert _dropped(parse, claim, source) == CAUTION.replace("'may'", "'likely'")
    # Not past a clause of its own: the cook's leaving is no belief.
    (c,) = parse("Police believe the fire started in the kitchen after the cook left the building.")
    assert hedged_predicates(c) == {"start": "believe"}


def test_a_belief_about_a_state_in_a_clause(parse: Any) -> None:
    source = (
        "Early tests suggest the lake water is about 40 percent saltier than normal, the "
        "institute said."
    )
    found = _dropped(parse, "The lake water is around 40 percent saltier than normal.", source)
    assert found == CAUTION.replace("'may'", "'suggest'")
    # "Suspects" as people: no belief.
    people = "The suspects were part of a gang that had robbed three banks, the court heard."
    assert _dropped(parse, "The suspects were part of a gang that had robbed three banks.",
                    people) is None  # fmt: skip


def test_a_verb_with_no_doer_or_object_known_does_not_state_the_claim(parse: Any) -> None:
    claim, hedged, other = parse(
        "The two guards had planned to open the vault.",
        "The two guards are suspected of having planned to open the vault.",
        "The bank said it planned to hire more guards.",
    )
    found = dropped_hedge(claim, [hedged, other], CTX, holds_words)
    assert found is not None
    # A sentence that names the doer states it: no caution.
    firm = parse("The two guards had planned to open the vault, the court found.")[0]
    assert dropped_hedge(claim, [hedged, firm], CTX, holds_words) is None


def test_the_claim_that_keeps_the_belief_or_the_party_keeps_the_hedge(parse: Any) -> None:
    source = '"I still do not think it is a trade secret," the engineer said.'
    assert _dropped(parse, '"We do not think that there is a trade secret here."', source) is None
    alleged = "The lawsuit alleges that the company's unfair prices have damaged local growers."
    claim = "The company's unfair prices have damaged local growers, says the growers' union."
    assert _dropped(parse, claim, alleged) is None
    assert _dropped(parse, "The company's unfair prices have damaged local growers.", alleged)
