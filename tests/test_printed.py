"""The claim without a describing word its window lacks and its document prints elsewhere
(verify.printed)."""

from __future__ import annotations

from storydesk.nlp.models import spacy_pipeline
from storydesk.verify.printed import without_printed_modifiers

WINDOW = "A court in Tarnby on Thursday jailed the former mayor for taking bribes."
DOCUMENT = WINDOW + " Judge Ana Holm of the Tarnby Regional Court read the verdict."


def _read(claim: str, document: str = DOCUMENT) -> str:
    return without_printed_modifiers([(claim, WINDOW)], document, spacy_pipeline())[0]


def test_a_word_printed_elsewhere_is_left_out() -> None:
    claim = "A regional court in Tarnby on Thursday jailed the former mayor for taking bribes."
    assert _read(claim) == WINDOW
    # Not printed anywhere else, or printed only in the window itself: kept.
    assert _read(claim, WINDOW) == claim
    other = claim.replace("regional", "military")
    assert _read(other) == other


def test_names_privatives_and_ranks_are_kept() -> None:
    doc = DOCUMENT + " The first Tarnby court and the acting Supreme Court heard it."
    for claim in (
        "The Tarnby court on Thursday jailed the former mayor.",  # a name
        "The first court on Thursday jailed the former mayor.",  # an ordinal
        "An acting court on Thursday jailed the former mayor.",  # a privative
    ):
        assert _read(claim, doc) == claim


def test_a_swapped_description_a_nationality_or_a_lower_case_claim_is_kept() -> None:
    window = "It was a typical practice day for the rowing team in Tarnby."
    doc = window + " A swarm of carp leapt from the Iraqi river. A regional final is next."
    for claim in (
        "It was a swarm day for the rowing team in Tarnby.",  # the window's day is "typical"
        "It was an Iraqi team in Tarnby.",  # a name (NORP)
        "it was a regional final for the rowing team in tarnby.",  # lower case hides names
    ):
        assert without_printed_modifiers([(claim, window)], doc, spacy_pipeline()) == [claim]


def test_the_model_reads_the_claim_without_it_too() -> None:
    from storydesk.verify.crossencoder import CrossEncoder
    from storydesk.verify.model_verifier import ModelVerifier

    verifier = ModelVerifier(CrossEncoder())
    lead = (
        "A court in Tarnby on Thursday sentenced the town's former mayor, Ivo Brandt, to six "
        "years in prison for taking bribes from a builder in exchange for rigging public contracts."
    )
    # Long enough (over 600 characters) that the model reads it sentence by sentence.
    long = (
        lead + " The case had run for two years and heard from dozens of people. "
        "Prosecutors said the money had been paid in cash over four years. "
        "The defence said it would study the written judgment before deciding on an appeal. "
        "The council has since changed how it awards construction work. "
        "Judge Ana Holm of the Tarnby Regional Court read the verdict to a full courtroom. "
        "Several council members watched from the public gallery as it was read out."
    )
    # Read with "regional" and "construction", which the lead does not print: 0.03 entailed.
    claim = lead.replace("A court", "A regional court").replace("public", "public construction")
    assert verifier.verify(claim, long).label == "supported"


def test_a_name_the_document_gives_the_thing_itself_is_left_out() -> None:
    window = "All other lifts in the ski area ran as normal on Saturday."
    document = "The gondola of the Brennau-Glatthorn ski area stopped on Saturday. " + window
    claim = "All other lifts in the Brennau-Glatthorn ski area ran as normal on Saturday."
    nlp = spacy_pipeline()
    assert without_printed_modifiers([(claim, window)], document, nlp) == [window]
    # A name the document never gives that thing, or the window's own name for it: kept.
    other = claim.replace("Brennau-Glatthorn", "Kessler")
    assert without_printed_modifiers([(other, window)], document, nlp) == [other]
    named = "All other lifts in the Kessler ski area ran as normal on Saturday."
    assert without_printed_modifiers([(claim, named)], document + " " + named, nlp) == [claim]
