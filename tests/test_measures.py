"""Money and lengths of time as quantities (nlp.measures) and the number check on them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from storydesk.model import Claim
from storydesk.nlp.claims import quantities
from storydesk.nlp.models import spacy_pipeline
from storydesk.verify.checks import Context
from storydesk.verify.stage import find_disputes


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy_pipeline()


def measured(nlp: Any, text: str) -> list[tuple[float, str]]:
    return [(round(q.value, 2), q.unit) for q in quantities(next(nlp(text).sents))]


def test_money_is_read_with_its_currency_scale_and_the_word_it_hangs_on(nlp: Any) -> None:
    assert measured(nlp, "The council approved a budget of $5 million for the bridge.") == [
        (5e6, "dollar budget")
    ]
    assert measured(nlp, "The council approved a $5m budget for the bridge.") == [
        (5e6, "dollar budget")
    ]
    assert measured(nlp, "The firm paid $3.5bn for the rival.") == [(3.5e9, "dollar pay")]
    assert measured(nlp, "The bridge will cost 40 million euros.") == [(4e7, "euro cost")]
    assert measured(nlp, "Tickets cost 50 pence each.") == [(0.5, "pound cost")]


def test_lengths_of_time_in_days_but_not_points_in_time(nlp: Any) -> None:
    assert measured(nlp, "The strike lasted three weeks.") == [(21.0, "duration last")]
    assert measured(nlp, "He was jailed for a year.") == [(365.25, "duration jail")]
    assert measured(nlp, "Talks ended two days ago.") == []
    assert measured(nlp, "The three-week closure ended on Friday.") == [(21.0, "duration closure")]
    assert measured(nlp, "A 10-year-old boy was hurt.") == []
    assert measured(nlp, "The bridge closed for 2-3 weeks.") == []


def disputes(parse: Callable[..., list[Claim]], embed: Callable[..., np.ndarray], a: str, b: str):  # type: ignore[no-untyped-def]
    claims = parse(a, b)
    emb = embed(claims)
    ctx = Context(article_text={"a": a, "b": b}, labels={"a": "A", "b": "B"})
    return find_disputes(claims, emb @ emb.T, ctx, min_sim=0.45)


def test_million_against_billion_is_a_number_dispute(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The city council approved a budget of $5 million for the new bridge on Monday.",
        "On Monday the city council approved a $5 billion budget for the new bridge.",
    )
    assert [d.kind for d in found] == ["number"]
    assert "amount for 'budget' (dollar)" in found[0].reason


def test_same_sum_or_length_written_differently_agrees(parse, embed) -> None:  # type: ignore[no-untyped-def]
    assert not disputes(
        parse,
        embed,
        "The city council approved a budget of $5 million for the new bridge.",
        "The city council approved a $5m budget for the new bridge.",
    )
    assert not disputes(
        parse,
        embed,
        "The dock workers' strike lasted six months and ended on Friday.",
        "The dock workers' strike lasted 26 weeks and ended on Friday.",
    )


def test_different_lengths_of_the_same_thing_are_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The dock workers' strike lasted three weeks and ended on Friday.",
        "The dock workers' strike lasted three months and ended on Friday.",
    )
    assert [d.kind for d in found] == ["number"]
    assert "length of time for 'last'" in found[0].reason


def test_sums_on_different_words_are_not_compared(parse, embed) -> None:  # type: ignore[no-untyped-def]
    assert not disputes(
        parse,
        embed,
        "The new bridge will cost $5 million, the city council said.",
        "The city council said the new bridge had a $7 million budget.",
    )


def test_multiples_of_the_same_thing(nlp: Any) -> None:
    assert measured(nlp, "The company doubled its profit last year.") == [(2.0, "times profit")]
    assert measured(nlp, "Profits tripled last year.") == [(3.0, "times profit")]
    assert measured(nlp, "He doubled down on his claims.") == []
    assert measured(nlp, "The gym doubles as a shelter.") == []


def test_doubled_against_tripled_is_disputed_but_more_than_doubled_is_not(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Harlow Foods doubled its profit last year, helped by strong sales in Asia.",
        "Harlow Foods tripled its profit last year, helped by strong sales in Asia.",
    )
    assert [d.kind for d in found] == ["number"]
    assert "multiple for 'profit'" in found[0].reason
    assert not disputes(
        parse,
        embed,
        "Harlow Foods more than doubled its profit last year, helped by sales in Asia.",
        "Harlow Foods tripled its profit last year, helped by sales in Asia.",
    )
