"""The evidence window without the modifiers a claim leaves out (verify.modifiers), and the
parse memo that lets the verifier's rewrites share one parse per text."""

from __future__ import annotations

from typing import Any

import pytest

from factories import RecordingModel
from storydesk.nlp.models import ParseMemo, spacy_pipeline
from storydesk.verify.model_verifier import ModelVerifier
from storydesk.verify.modifiers import without_dropped_modifiers

WINDOW = "Four young Marrowport men were rescued from the cliff by the coastguard, officials said."


@pytest.mark.parametrize(
    ("claim", "window", "expected"),
    [
        # A place compounded into a noun, a name's role and apposition, an event's time.
        ("Four young men were rescued from the cliff.", WINDOW,
         "Four young men were rescued from the cliff by the coastguard, officials said."),
        ("Nadia Ferrant found cracks in two girders.",
         "Veteran bridge engineer Nadia Ferrant found cracks in two girders.",
         "Nadia Ferrant found cracks in two girders."),
        ("Ferrant found cracks in two girders.",
         "Nadia Ferrant, the authority's chief engineer, found cracks in two girders.",
         "Ferrant found cracks in two girders."),
        ("A hiker found him lying in the heather.",
         "A hiker found him Friday lying in the heather, police said.",
         "A hiker found him lying in the heather, police said."),
        # Kept: the claim describes the word otherwise (a swap, not a shortening) ...
        ("Four young Velsund men were rescued from the cliff.", WINDOW, WINDOW),
        ("Imelda Rusk, the mayor, found cracks.", "Imelda Rusk, the engineer, found cracks.",
         "Imelda Rusk, the engineer, found cracks."),
        # ... or gives a time of its own (the date checks compare times) ...
        ("On Monday a hiker found him.", "A hiker found him Friday.", "A hiker found him Friday."),
        # ... the modifier denies what it modifies, or a negation, quantifier or ranking on the
        # word makes the shorter description no longer implied.
        ("The minister resigned.", "The former minister resigned.",
         "The former minister resigned."),
        ("She is the first mayor of the city.", "She is the first Velsund mayor of the city.",
         "She is the first Velsund mayor of the city."),
        ("Police did not find any men.", "Police did not find any Marrowport men.",
         "Police did not find any Marrowport men."),
        # Descriptive adjectives of common nouns stay: the model read shorter SNLI premises worse.
        ("A man is playing a guitar.", "A tall man is playing a guitar.",
         "A tall man is playing a guitar."),
    ],
)  # fmt: skip
def test_without_dropped_modifiers(claim: str, window: str, expected: str) -> None:
    assert without_dropped_modifiers([(claim, window)], spacy_pipeline()) == [expected]


class _CountingNlp:
    def __init__(self) -> None:
        self.nlp = spacy_pipeline()
        self.parsed: list[str] = []

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        self.parsed += texts
        return self.nlp.pipe(texts, **kwargs)


def test_parse_memo_parses_each_text_once() -> None:
    counting = _CountingNlp()
    memo = ParseMemo(counting)
    memo.keep(counting.nlp.pipe(["Kept before."]))
    first = list(memo.pipe(["One.", "Two.", "One.", "Kept before."]))
    again = memo("Two.")
    assert counting.parsed == ["One.", "Two."]
    assert [d.text for d in first] == ["One.", "Two.", "One.", "Kept before."]
    assert first[0] is first[2] and again is first[1]


def test_the_model_reads_the_window_and_its_shorter_form() -> None:
    model = RecordingModel()
    verifier = ModelVerifier(model)
    claim = "A hiker found him lying in the heather."
    window = "A hiker found him Friday lying in the heather, police said."
    verdict = verifier.verify(claim, "The search lasted two days. " + window)
    assert any("found him Friday lying" in w for w in model.read)
    assert any("found him lying in the heather, police said." in w for w in model.read)
    # The evidence shown is the window as the source wrote it, not the rewrite.
    assert all("Friday" in e for e in verdict.evidence), verdict.evidence
