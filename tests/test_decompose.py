"""A claim with a side clause read as the statements it makes (verify.decompose)."""

from __future__ import annotations

from storydesk.model import Article
from storydesk.nlp.models import spacy_pipeline
from storydesk.verify.check import check_text
from storydesk.verify.decompose import decompose
from storydesk.verify.model_verifier import ModelVerifier


def test_a_subject_relative_clause_set_off_by_commas_is_a_statement_of_its_own() -> None:
    nlp = spacy_pipeline()
    assert decompose(
        "Arlo Minerals, which owns the Tessel mine, said it had closed the north shaft.", nlp
    ) == [
        "Arlo Minerals said it had closed the north shaft.",
        "Arlo Minerals owns the Tessel mine.",
    ]
    assert decompose("The mayor, who was elected in 2019, resigned on Friday.", nlp) == [
        "The mayor resigned on Friday.",
        "The mayor was elected in 2019.",
    ]


def test_clauses_that_state_nothing_alone_are_left_in_place() -> None:
    nlp = spacy_pipeline()
    kept = (
        # the antecedent is the clause's object: "Arlo analysts value at" would misread it
        "Arlo Minerals, which analysts value at 2 billion euros, said it would pay.",
        # restrictive: it says which company is meant
        "The company which owns the Tessel mine said it had closed the north shaft.",
        # no comma closes the clause
        "Police questioned the manager, who is 45.",
    )
    for sentence in kept:
        assert decompose(sentence, nlp) == [sentence]
    # A clause the document prints on the same antecedent: one of its sentences says both.
    claim = "Arlo Minerals, which owns the Tessel mine, said it had closed the north shaft."
    document = "Arlo Minerals, which owns the Tessel mine, closed the north shaft on Monday."
    assert decompose(claim, nlp, document) == [claim]


def test_a_compressed_sentence_is_supported_by_the_two_sentences_it_joins() -> None:
    source = (
        "The pumps at the Tessel mine were made by Arlo Minerals. Arlo said on Monday that it "
        "had found a fault in the cooling system of one pump at its Tessel site and shut the "
        "pump down."
    )
    arts = [Article("wire", "wire.txt", source, source="Wire")]
    verifier = ModelVerifier()
    draft = (
        "Arlo Minerals, which made the pumps, said it had found a fault in the cooling system "
        "of one pump at its Tessel site."
    )
    (check,) = check_text(draft, arts, verifier)
    assert check.label == "supported"
    # The side clause is checked too: a clause the source contradicts is not carried along.
    wrong = draft.replace("which made the pumps", "which made the pumps in 1998")
    v = verifier.verify(wrong, source)
    assert v.label != "supported"


def test_the_statements_only_ever_add_support() -> None:
    # Shortened, "Anita Rosslyn called for Tessel Valley Water to be returned ..." parses with
    # her as the one returned (an actor conflict, read alone); whole, the sentence says what
    # the source says.
    source = (
        "Anita Rosslyn, chair of Carrow District Council's environment committee, called for "
        "Tessel Valley Water to be returned to public ownership."
    )
    draft = (
        "Anita Rosslyn, who chairs the environment committee of Carrow District Council, called "
        "for Tessel Valley Water to be returned to public ownership."
    )
    verifier = ModelVerifier()
    statements = " ".join(decompose(draft, verifier.nlp, source))
    assert verifier.verify(statements, source).label == "contradicted"  # the parser's misreading
    assert verifier.verify(draft, source).label == "supported"
