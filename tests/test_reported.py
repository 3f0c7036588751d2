"""A first-person quotation read as the draft's reported speech (verify.reported): only for the
person the quotation is credited to, through the quotes extractor's speakers."""

from __future__ import annotations

import pytest

from storydesk.nlp.models import spacy_pipeline
from storydesk.verify.crossencoder import CrossEncoder
from storydesk.verify.model_verifier import ModelVerifier
from storydesk.verify.reported import as_reported

DOC = (
    "Part of the depot roof fell in at about 5 a.m. on Sunday.\n\n"
    "Lena Okafor, a 41-year-old night guard, was on her rounds when it happened. "
    '"I heard a bang like a door slamming, then my torch went dark," she said. '
    '"I ran for the loading bay and I\'m lucky to be alive."\n\n'
    'Depot manager Piet Vos said: "My staff followed the drill."'
)
NEAR = '"I heard a bang like a door slamming, then my torch went dark," she said.'
NEXT = '"I ran for the loading bay and I\'m lucky to be alive."'


@pytest.mark.parametrize(
    ("claim", "window", "expected"),
    [
        (
            "Lena Okafor said she heard a bang.",
            NEAR,
            "Lena Okafor said she heard a bang like a door slamming, then her torch went dark.",
        ),
        # A quotation carried on from the sentence before, with no cue of its own.
        (
            "Okafor said she ran for the loading bay.",
            NEXT,
            "Okafor said she ran for the loading bay and she is lucky to be alive.",
        ),
        # No pronoun in the reported clause: "they" for the speaker.
        (
            "The guard, Okafor, said the torch went dark.",
            NEAR,
            "Okafor said they heard a bang like a door slamming, then their torch went dark.",
        ),
    ],
)
def test_as_reported(claim: str, window: str, expected: str) -> None:
    assert as_reported([claim], [(0, window)], DOC, spacy_pipeline()) == [(0, expected)]


@pytest.mark.parametrize(
    "claim",
    [
        "Piet Vos said he heard a bang.",  # the words are Okafor's, not Vos's
        "Lena Okafor heard a bang.",  # no reported speech in the claim
        "She said she heard a bang.",  # no name to match the speaker against
    ],
)
def test_no_reading_for_another_speaker_or_no_speech(claim: str) -> None:
    assert as_reported([claim], [(0, NEAR)], DOC, spacy_pipeline()) == []


def test_reported_speech_of_a_quotation_is_supported_and_a_misattribution_is_not() -> None:
    verifier = ModelVerifier(CrossEncoder())
    # Read against the quotation as written, the model calls the first a contradiction (0.98
    # on a held-out draft's "Mell said he heard a crack like a rifle shot").
    for claim in ("Lena Okafor said she heard a bang like a door slamming.",
                  "Okafor said she ran for the loading bay."):  # fmt: skip
        v = verifier.verify(claim, DOC)
        assert v.label == "supported", (claim, v)
        assert v.evidence[0].startswith('"I'), v.evidence  # the source's words, as written
    v = verifier.verify("Piet Vos said he heard a bang like a door slamming.", DOC)
    assert v.label != "supported", v
