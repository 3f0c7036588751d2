"""A plan retold as done (nlp.tense, verify.plans)."""

from __future__ import annotations

from typing import Any

import pytest

from factories import pair_disputes as disputes
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


def test_a_plan_retold_as_done_is_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Harlow Foods will cut 2,000 jobs at its plants in Ohio, the chief executive said.",
        "Harlow Foods cut 2,000 jobs at its plants in Ohio, the chief executive said.",
    )
    assert [d.kind for d in found] == ["tense"]
    assert "A as planned or expected" in found[0].reason


def test_added_with_an_object_is_an_event_not_a_report(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # "add" is a verb of saying ("he added"), left out of the checks, except with an object.
    found = disputes(
        parse,
        embed,
        "Larkspur will add four daily flights on its Brenmouth-Carrow route, the airline said.",
        "Larkspur has added four daily flights on its Brenmouth-Carrow route, the airline said.",
    )
    assert [d.kind for d in found] == ["tense"]


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


def test_last_year_or_is_to_do_not_hide_a_plan_retold_as_done(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Harlow Foods plans to cut 2,000 jobs at its Ohio plants, after a loss last year.",
        "Harlow Foods cut 2,000 jobs at its Ohio plants, after a loss last year.",
    )
    assert [d.kind for d in found] == ["tense"]
    assert tenses_of(parse, "The company is to close the plant.")["close"] == "planned"
    assert tenses_of(parse, "Acme announced plans to close the plant.")["close"] == "planned"


def tenses_of(parse, text: str) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    (claim,) = parse(text)
    return {r.predicate: r.tense for r in claim.roles}


def test_a_plan_the_same_article_reports_done_later_is_no_dispute(parse, embed) -> None:  # type: ignore[no-untyped-def]
    planned = (
        "Acme said in January that it would close its Leeds plant. The plant was closed in May."
    )
    claims = parse(planned, "Acme closed its Leeds plant in May, the company said.")
    emb = embed(claims)
    ctx = Context(
        article_text={"a": planned, "b": "Acme closed its Leeds plant in May, the company said."},
        labels={},
    )
    assert [d.kind for d in find_disputes(claims, emb @ emb.T, ctx, min_sim=0.45)] == []


def test_a_conditional_would_is_no_plan(nlp: Any) -> None:
    said = "The company said Ardent would close the plant only if sales kept falling."
    assert tenses(nlp, said)["close"] is None


@pytest.mark.parametrize(
    ("planned", "done"),
    [
        # a passive: what is acted on is its subject
        (
            "The Leeds plant of Harlow Foods will be closed in May, the company said.",
            "The Leeds plant of Harlow Foods was closed in May, the company said.",
        ),
        # no object: who does it
        (
            "The Marrowport museum is due to reopen on Friday after the flood repairs.",
            "The Marrowport museum reopened on Friday after the flood repairs.",
        ),
    ],
)
def test_passive_and_intransitive_plans_retold_as_done(
    parse, embed, planned: str, done: str
) -> None:  # type: ignore[no-untyped-def]
    assert [d.kind for d in disputes(parse, embed, planned, done)] == ["tense"]


def test_a_target_beside_the_outcome_is_no_dispute(parse, embed) -> None:  # type: ignore[no-untyped-def]
    assert not disputes(
        parse,
        embed,
        "Harlow Foods aims to sell 100,000 cars this year after selling 80,000 last year.",
        "Harlow Foods sold 80,000 cars last year.",
    )


@pytest.mark.parametrize(
    ("planned", "done"),
    [
        (
            "Harlow Foods is considering closing its plant in Dayton, a spokesman said.",
            "Harlow Foods closed its plant in Dayton, a spokesman said.",
        ),
        (
            "The dockers' union threatened to shut the port of Kell over the pay dispute.",
            "The dockers' union shut the port of Kell over the pay dispute.",
        ),
        (
            "The board is likely to approve the merger with Dunmore Mills next week.",
            "The board approved the merger with Dunmore Mills next week.",
        ),
    ],
)
def test_considerations_threats_and_likelihoods_are_plans(
    parse, embed, planned: str, done: str
) -> None:  # type: ignore[no-untyped-def]
    assert [d.kind for d in disputes(parse, embed, planned, done)] == ["tense"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # A vote or a decision taken is the act itself.
        (
            "The Dunmere council voted to approve the new harbour budget on Tuesday night.",
            "The Dunmere council approved the new harbour budget on Tuesday night.",
        ),
        (
            "The judge decided to jail Owen Pratt for six years for the warehouse fire.",
            "The judge jailed Owen Pratt for six years for the warehouse fire.",
        ),
        # A belief or a likelihood about the past is no plan.
        (
            "The fire at the depot is considered to have started in the loading bay.",
            "The fire at the depot started in the loading bay.",
        ),
        (
            "The footbridge is likely to have collapsed because of corroded cables.",
            "The footbridge collapsed because of corroded cables.",
        ),
    ],
)
def test_acts_and_beliefs_about_the_past_are_not_plans(parse, embed, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    assert all(d.kind != "tense" for d in disputes(parse, embed, a, b))


def test_an_also_on_the_plan_and_a_described_doer_still_compare(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # "also plans" is another of the company's plans, not another depot; "the operator" is what
    # a draft calls the company it named before.
    found = disputes(
        parse,
        embed,
        "Brackley Rail also plans to open a new maintenance depot for its trains at Fenwick.",
        "The rail operator has already opened a new maintenance depot for its trains at Fenwick.",
    )
    assert [d.kind for d in found] == ["tense"]
    # An "also" on the event still makes it one of several.
    assert not disputes(
        parse,
        embed,
        "Brackley Rail will open a new maintenance depot for its trains at Fenwick.",
        "Brackley Rail also opened a new maintenance depot for its trains at Fenwick.",
    )


def test_a_named_doer_and_object_lower_the_gate(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # Similarity 0.65: under the plan gate (0.7), but the doer is named and the thing acted on
    # is written on both sides.
    found = disputes(
        parse,
        embed,
        "Tarvik Council will write to all affected tenants by Friday, a spokesperson said.",
        "Tarvik Council has already written to all affected tenants to explain why the repairs "
        "were delayed.",
    )
    assert [d.kind for d in found] == ["tense"]
    # A described doer ("the council") keeps the full gate.
    assert not disputes(
        parse,
        embed,
        "The council will write to all affected tenants by Friday, a spokesperson said.",
        "The council has already written to all affected tenants to explain why the repairs "
        "were delayed.",
    )


def test_every_on_what_is_acted_on_is_one_event(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The Harlow council will write to every household in the district about the leak.",
        "The Harlow council has written to every household in the district about the leak.",
    )
    assert [d.kind for d in found] == ["tense"]
    # "Every" on a span of time makes the event a habit.
    assert not disputes(
        parse,
        embed,
        "The Harlow council will write to residents every year about the water quality.",
        "The Harlow council has written to residents every year about the water quality.",
    )


def test_a_decision_told_as_made_where_the_source_has_it_still_to_come(parse, embed) -> None:  # type: ignore[no-untyped-def]
    for decided, pending in (
        (
            "The city council has approved a rule requiring snow-load inspections of all public "
            "buildings with roof spans longer than 30 metres.",
            "The city council will vote on Thursday about a proposal to demand snow-load "
            "inspections for all public buildings with roof span over 30 metres.",
        ),
        (
            "The board approved the 40 million pound loan.",
            "The board is due to decide on the 40 million pound loan next month.",
        ),
    ):
        found = disputes(parse, embed, decided, pending)
        assert [d.kind for d in found] == ["tense"], decided
    # The source reports the decision made too: one loan approved, another to be considered.
    assert not disputes(
        parse,
        embed,
        "The board approved the 40 million pound loan on Monday.",
        "The board approved the 40 million pound loan on Monday and will consider a second "
        "loan in May.",
    )


def test_a_request_told_as_done(parse, embed) -> None:  # type: ignore[no-untyped-def]
    asked = (
        "Mayor Anna Holt said she would ask the national government to order an independent "
        "inquiry into chemical storage at the port."
    )
    done = (
        "The national government has ordered an independent inquiry into chemical storage at "
        "the port."
    )
    assert [d.kind for d in disputes(parse, embed, done, asked)] == ["tense"]
    # A claim that it was asked for says less than a source that it was done: no conflict.
    assert not disputes(parse, embed, asked, done)
    # A verb left unasserted by anything but a request is no plan: "agreed to testify".
    assert not disputes(
        parse,
        embed,
        "The defence said the woman testified under an immunity deal.",
        "The woman had agreed to testify after receiving immunity from punishment.",
    )


def test_a_step_only_considered_told_as_taken_or_as_sure(parse, embed) -> None:  # type: ignore[no-untyped-def]
    pondered = (
        "The harbour board is considering an inquiry into the crane failure at the east quay, "
        "its chairman said."
    )
    for taken, kind in (
        ("The harbour board has launched an inquiry into the crane failure at the east quay.",
         "tense"),
        ("The harbour board will open an inquiry into the crane failure at the east quay.",
         "modality"),
    ):  # fmt: skip
        assert [d.kind for d in disputes(parse, embed, taken, pondered)] == [kind], taken
    # Still considered in the claim, another inquiry, or one the source reports opened later.
    assert not disputes(
        parse,
        embed,
        "The harbour board is weighing an inquiry into the crane failure at the east quay.",
        pondered,
    )
    assert not disputes(
        parse,
        embed,
        "The harbour board has launched a second inquiry into the crane failure at the east quay.",
        pondered,
    )


def test_a_word_of_recurrence_elsewhere_does_not_hide_a_step_told_as_taken(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The council has launched a review of its contract with the caterer, worth 2 million "
        "euros annually.",
        "The council said it was considering a review of its contract with the caterer.",
    )
    assert [d.kind for d in found] == ["tense"]


def test_a_synonym_names_the_same_thing_acted_on(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The remainder of the seized ivory has already been burned at the port of Mombasa.",
        "The rest of the seized ivory will be burned at the port of Mombasa, the ministry said.",
    )
    assert [d.kind for d in found] == ["tense"]


def test_another_named_doer_or_none_takes_no_step_of_the_considering_one(parse, embed) -> None:  # type: ignore[no-untyped-def]
    pondering = "Norway is discussing a joint liaison office with the alliance in Oslo."
    assert not disputes(
        parse, embed, "NATO plans to open a joint liaison office in Oslo.", pondering
    )
    assert not disputes(parse, embed, "Plans to open a joint liaison office in Oslo.", pondering)
