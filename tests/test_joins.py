"""A claim sentence that joins two sentences of one source (verify.joins)."""

from __future__ import annotations

from storydesk.nlp.sentences import split_sentences
from storydesk.verify.joins import MAX_JOINED, joined_pair
from storydesk.verify.model_verifier import SHORT_DOCUMENT, ModelVerifier

# Long enough (over 600 characters) that the verifier never reads it whole.
SOURCE = (
    "Police in Carrowby are investigating the theft of two tapestries by the weaver Ilse "
    "Marrow from the Quayside Textile Hall. The hall's director, Ruth Penhale, said the alarm "
    "had been serviced in January. Officers have spoken to staff and are studying footage from "
    "cameras in the harbour area. Thieves broke into the hall through a skylight in the early "
    "hours of Tuesday, 14 April. The tapestries, which were on loan from a private collector, "
    "are insured. A reward of 20,000 pounds has been offered for information. The hall will stay "
    "closed until the end of the month while the roof is repaired and the locks are replaced."
)
JOINED = (
    "Two tapestries by the weaver Ilse Marrow were stolen from the Quayside Textile Hall in "
    "Carrowby in the early hours of Tuesday, 14 April."
)


def test_the_pair_is_the_two_sentences_that_hold_the_claim_in_document_order() -> None:
    sentences = split_sentences(SOURCE)
    pair = joined_pair(JOINED, sentences)
    assert pair == f"{sentences[0]} {sentences[3]}"
    # The first sentence, the one telling the event, must name the claim's doer.
    assert joined_pair(JOINED, sentences, lambda: frozenset({"tapestries"})) == pair
    assert joined_pair(JOINED, sentences, lambda: frozenset({"thieves"})) is None


def test_no_pair_where_one_sentence_says_it_or_a_name_or_figure_is_nowhere() -> None:
    sentences = split_sentences(SOURCE)
    # One sentence holds every content word: nothing for a second to add.
    assert joined_pair("A reward of 20,000 pounds has been offered.", sentences) is None
    # A figure or a name neither sentence gives: the pair cannot say it.
    assert joined_pair(JOINED.replace("14 April", "15 April"), sentences) is None
    assert joined_pair(JOINED.replace("Carrowby", "Penrick"), sentences) is None
    # A second sentence that adds a single common word does not make a pair.
    claim = "Police are investigating the theft of two tapestries from the hall by thieves."
    assert joined_pair(claim, sentences) is None


def test_a_pair_is_never_longer_than_the_verifier_reads_whole() -> None:
    assert MAX_JOINED <= SHORT_DOCUMENT


def test_a_joined_claim_is_supported_and_cites_both_sentences() -> None:
    verifier = ModelVerifier()
    sentences = split_sentences(SOURCE)
    v = verifier.verify(JOINED, SOURCE)
    assert v.label == "supported"
    assert v.evidence == (sentences[0], sentences[3])
    assert v.reasons[0] == "two sentences of the document together say it"


def test_a_pair_gives_no_support_to_a_changed_day_or_swapped_roles() -> None:
    verifier = ModelVerifier()
    # "Wednesday, 14 April": the day is in neither sentence, so the pair is not read.
    assert verifier.verify(JOINED.replace("Tuesday", "Wednesday"), SOURCE).label != "supported"
    swapped = (
        "Ruth Penhale, the director of the Quayside Textile Hall, said thieves serviced the "
        "alarm in January."
    )
    assert verifier.verify(swapped, SOURCE).label != "supported"


def test_each_statement_of_a_sentence_is_read_against_a_pair_too() -> None:
    # Three sentences of the source say it: no pair holds it whole, but its two clauses are
    # one sentence and a pair.
    verifier = ModelVerifier()
    draft = f"A reward of 20,000 pounds has been offered, and {JOINED[0].lower()}{JOINED[1:]}"
    v = verifier.verify(draft, SOURCE)
    assert v.label == "supported"
    assert "two sentences of the document together say it" in v.reasons
    assert len(v.evidence) == 3
    # A statement with a figure the document never gives is no support, however read.
    assert verifier.verify(draft.replace("two tapestries", "three tapestries"), SOURCE).label != (
        "supported"
    )


def test_a_doer_written_with_a_hyphen_is_found_in_the_first_sentence() -> None:
    sentences = [
        "The cargo was Corva-3, a weather satellite built by Halden Orbital for the agency.",
        "The satellite cost 212 million crowns.",
        "It was destroyed in the accident.",
    ]
    claim = (
        "Built by Halden Orbital for the agency, the Corva-3 satellite had cost 212 million crowns."
    )
    doer = frozenset({"satellite", "corva-3"})
    assert joined_pair(claim, sentences, lambda: doer) == f"{sentences[0]} {sentences[1]}"
