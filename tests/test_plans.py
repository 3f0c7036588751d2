"""A plan retold as done (nlp.tense, verify.plans)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from storydesk.model import Claim
from storydesk.nlp.models import spacy_pipeline
from storydesk.nlp.roles import roles
from storydesk.verify.checks import Context
from storydesk.verify.stage import find_disputes


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy_pipeline()


def tenses(nlp: Any, text: str) -> dict[str, str | None]:
    return {r.predicate: r.tense for r in roles(nlp(text))}


def test_done_and_planned_are_read_from_the_verb(nlp: Any) -> None:
    assert tenses(nlp, "The company built a factory.")["build"] == "done"
    assert tenses(nlp, "The company has built a factory.")["build"] == "done"
    assert tenses(nlp, "The plant was closed.")["close"] == "done"
    assert tenses(nlp, "The company will build a factory.")["build"] == "planned"
    assert tenses(nlp, "The company plans to cut 2,000 jobs.")["cut"] == "planned"
    assert tenses(nlp, "The company is set to close the plant.")["close"] == "planned"
    assert tenses(nlp, "The company said it would build a factory.")["build"] == "planned"
    assert tenses(nlp, "The company is building a factory.")["build"] is None
    assert tenses(nlp, "The company may build a factory.")["build"] is None


def disputes(parse: Callable[..., list[Claim]], embed: Callable[..., np.ndarray], a: str, b: str):  # type: ignore[no-untyped-def]
    claims = parse(a, b)
    emb = embed(claims)
    ctx = Context(article_text={"a": a, "b": b}, labels={"a": "A", "b": "B"})
    return find_disputes(claims, emb @ emb.T, ctx, min_sim=0.45)


def test_a_plan_retold_as_done_is_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Harlow Foods will cut 2,000 jobs at its plants in Ohio, the chief executive said.",
        "Harlow Foods cut 2,000 jobs at its plants in Ohio, the chief executive said.",
    )
    assert [d.kind for d in found] == ["tense"]
    assert "A as planned or expected" in found[0].reason


def test_same_tense_or_two_events_are_not_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    assert not disputes(
        parse,
        embed,
        "Harlow Foods will cut 2,000 jobs at its plants in Ohio, the chief executive said.",
        "Harlow Foods plans to cut 2,000 jobs at its plants in Ohio, its chief executive said.",
    )
    # A second plant: the word "another" says the event recurs.
    assert not disputes(
        parse,
        embed,
        "Harlow Foods built a plant in Ohio in 2019.",
        "Harlow Foods will build another plant in Ohio.",
    )
    # One sentence reports a finished plant and a planned one.
    assert not disputes(
        parse,
        embed,
        "Harlow Foods built a plant in Ohio and will build a plant in Texas.",
        "Harlow Foods will build a plant in Texas, after it built a plant in Ohio.",
    )
