"""A claim with a side clause read as the statements it makes (verify.decompose)."""

from __future__ import annotations

import pytest

from storydesk.model import Article
from storydesk.nlp.models import spacy_pipeline
from storydesk.verify.check import check_text
from storydesk.verify.decompose import decompose, independent_clauses
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


def test_two_verbs_sharing_a_subject_are_two_statements() -> None:
    nlp = spacy_pipeline()
    assert decompose(
        "Ardle District Court has fined Fenmark Water 2 million dollars and ordered it to pay "
        "costs.",
        nlp,
    ) == [
        "Ardle District Court has fined Fenmark Water 2 million dollars.",
        "Ardle District Court has ordered it to pay costs.",
    ]
    # Two clauses with subjects of their own, after a comma.
    assert decompose(
        "No one was hurt, and eight vessels had been told to leave the zone before the launch.",
        nlp,
    ) == ["No one was hurt.", "Eight vessels had been told to leave the zone before the launch."]
    # ", but" and ", although" join two clauses too.
    assert decompose("No one was killed, although two of the injured were badly hurt.", nlp) == [
        "No one was killed.",
        "Two of the injured were badly hurt.",
    ]
    assert independent_clauses(
        "The plant reopened on Monday, but the night shift was cut.", nlp
    ) == [
        "The plant reopened on Monday.",
        "The night shift was cut.",
    ]
    # Verbs that share a subject are statements, not independent clauses.
    assert independent_clauses("The court fined the firm and ordered it to pay costs.", nlp) is None
    # A description set off after a name, mid-sentence or at its end.
    assert decompose("Helena Marsh, the board's chief inspector, said the rail cracked.", nlp) == [
        "Helena Marsh said the rail cracked.",
        "Helena Marsh is the board's chief inspector.",
    ]
    assert decompose(
        "The new satellite was to replace Corva-2, a satellite launched in 2019.", nlp
    ) == ["The new satellite was to replace Corva-2.", "Corva-2 is a satellite launched in 2019."]
    # A description, then two verbs of one subject: three statements.
    assert decompose(
        "Paula Varga, the chief executive of Ostrander, apologised for the disruption and "
        "pledged that the firm would cooperate with inspectors.",
        nlp,
    ) == [
        "Paula Varga apologised for the disruption.",
        "Paula Varga pledged that the firm would cooperate with inspectors.",
        "Paula Varga is the chief executive of Ostrander.",
    ]
    # Two subjects, two subjects of one verb, or a second verb inside a reported clause: as is.
    for sentence in (
        "The mayor resigned and the council elected a successor.",
        "Smith and Jones signed the deal.",
        "The firm said it would close the plant and cut 200 jobs.",
        "The court fined the firm, and its lawyer told reporters it would appeal.",
        "Police questioned John Smith, 45, on Monday.",
        "The summit was held in Paris, France.",
    ):
        assert decompose(sentence, nlp) == [sentence]


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


def test_the_statements_only_ever_add_support(monkeypatch: pytest.MonkeyPatch) -> None:
    # A shortened sentence parses differently, so the statements' conflicts are not trusted
    # over the whole sentence's verdict; their support is.
    import storydesk.verify.rereading as mv

    source = (
        "The pumps at the Tessel mine were made by Arlo Minerals. Arlo said on Monday that it "
        "had shut one pump at its Tessel site after finding a fault in its cooling system."
    )
    draft = "Arlo Minerals, which employs 900 people at the mine, shut one pump at its Tessel site."
    verifier = ModelVerifier()
    monkeypatch.setattr(mv, "decompose", lambda sentence, nlp, document: [sentence])
    assert verifier.verify(draft, source).label == "unverified"  # read whole: nothing says 900
    # Statements that conflict with the source leave the whole sentence's verdict ...
    denied = "Arlo Minerals did not shut any pump at its Tessel site."
    assert verifier.verify(denied, source).label == "contradicted"
    monkeypatch.setattr(mv, "decompose", lambda sentence, nlp, document: [denied, sentence])
    assert verifier.verify(draft, source).label == "unverified"
    # ... and statements the source supports, every one, support it.
    supported = ["Arlo Minerals shut one pump at its Tessel site.", "Arlo Minerals made the pumps."]
    monkeypatch.setattr(mv, "decompose", lambda sentence, nlp, document: supported)
    assert verifier.verify(draft, source).label == "supported"


def test_a_sentence_of_two_clauses_is_read_clause_by_clause() -> None:
    document = (
        "Part of the roof of the Tarnby sports hall fell in early on Sunday after heavy snow. "
        "Twelve people were inside at the time. Five of them were injured, one of them "
        "seriously. Nobody was killed. Firefighters searched the hall for three hours. The "
        "hall's operator said it would stay closed until the roof had been inspected."
    )
    verifier = ModelVerifier()
    # The model alone contradicts the whole; the document tells each clause.
    v = verifier.verify(
        "No one was killed, although one of those injured was seriously hurt.", document
    )
    assert v.label == "supported"
    assert v.evidence == ("Nobody was killed.", "Five of them were injured, one of them seriously.")
    # The model supports the whole from the injuries' sentence; a check denies the first clause.
    wrong = "Two people were killed, although one of those injured was seriously hurt."
    v = verifier.verify(wrong, document)
    assert v.label == "contradicted"
    assert v.reasons[0] == "its clause 'Two people were killed.' is contradicted"
