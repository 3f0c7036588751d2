"""Claims from the parser: offsets, roles, numbers, quotes; language id; embeddings."""

from __future__ import annotations

import math

import numpy as np
import pytest

from storydesk.nlp.acronyms import abbreviate, initials_in
from storydesk.nlp.claims import quote_mask
from storydesk.nlp.models import detect_language
from storydesk.nlp.numbers import compatible, parse_number, value_range
from storydesk.nlp.sentences import MAX_PARAGRAPH_CHARS, paragraphs, split_sentences


def test_claim_offsets_point_into_the_text(parse) -> None:  # type: ignore[no-untyped-def]
    text = "First paragraph has one sentence here.\n\nSecond one. It has two sentences, really."
    claims = parse(text)
    assert [c.index for c in claims] == [0, 1, 2]
    for c in claims:
        assert text[c.start : c.end] == c.text
    assert claims[1].text == "Second one."


def test_agent_is_inherited_from_the_governing_clause(parse) -> None:  # type: ignore[no-untyped-def]
    (claim,) = parse("China claimed the islands, while building up its naval forces near Japan.")
    build = [r for r in claim.roles if r.predicate == "build up"]
    assert build and build[0].agent == "China" and build[0].patient == "force"


def test_a_reported_clause_does_not_inherit_the_speaker(parse) -> None:  # type: ignore[no-untyped-def]
    # spaCy makes "undergo" a second, subjectless ccomp of "said"; climbing into "said" made
    # the Hawks the ones who will miss the season.
    (claim,) = parse(
        "The Hawks said last week that he has a fractured fibula, will undergo surgery and will "
        "miss the rest of the season."
    )
    miss = [r for r in claim.roles if r.predicate == "miss"]
    assert miss and miss[0].agent != "Hawks"
    said = [r for r in claim.roles if r.predicate == "say"]
    assert said and said[0].agent == "Hawks"


def test_passive_agent(parse) -> None:  # type: ignore[no-untyped-def]
    (claim,) = parse("The bridge was closed by the Port Authority on Tuesday.")
    close = [r for r in claim.roles if r.predicate == "close"]
    assert close and close[0].agent is not None and "Port Authority" in close[0].agent


def test_quantities_carry_their_unit(parse) -> None:  # type: ignore[no-untyped-def]
    (claim,) = parse("Forty-one people were hurt and 3 ferries were cancelled.")
    got = {(q.value, q.unit) for q in claim.quantities}
    assert (41.0, "people") in got and (3.0, "ferry") in got


def test_negation_and_hedge(parse) -> None:  # type: ignore[no-untyped-def]
    neg, hedge, plain = parse(
        "Officials did not confirm the figure.",
        "The bridge may reopen next week.",
        "Japan is not only a partner but a friend.",
    )
    assert neg.negated and not hedge.negated
    assert hedge.modal == "may"
    assert not plain.negated  # "not only" adds, it does not deny


def test_what_a_sentence_denies(parse) -> None:  # type: ignore[no-untyped-def]
    def denied(text: str) -> dict[str, bool]:
        (claim,) = parse(text)
        return {r.predicate: r.negated for r in claim.roles}

    assert denied("He left without paying the bill.") == {"leave": False, "pay": True}
    assert denied("The jury was unable to reach a verdict.")["reach"]
    assert denied("The company declined to comment on the report.")["comment"]
    assert not denied("He did not fail to pay the fine.")["pay"]
    assert denied("The council voted against extending the contract.")["extend"]
    assert denied("The firm avoided paying the fine.")["pay"]
    assert not denied("The council did not vote against extending the contract.")["extend"]
    assert not denied("Protesters marched against building the wall.")["build"]
    assert denied("It began with the cardinal's refusal to take part in the survey.")["take"]
    assert denied("They were charged with failure to disclose information.")["disclose"]
    assert denied("The economy has yet to show signs of growth.")["show"]
    assert denied("The council is yet to decide on the plan.")["decide"]
    assert not denied("The council has to decide on the plan.")["decide"]


def test_a_condition_or_a_wish_is_neither_asserted_nor_denied(parse) -> None:  # type: ignore[no-untyped-def]
    def unasserted(text: str) -> dict[str, bool]:
        (claim,) = parse(text)
        return {r.predicate: r.unasserted for r in claim.roles}

    assert unasserted("If the subsidies are not repealed, the EU will impose sanctions.") == {
        "repeal": True, "impose": False}  # fmt: skip
    assert unasserted("The EU will impose sanctions unless the subsidies are repealed.") == {
        "impose": False, "repeal": True}  # fmt: skip
    assert unasserted("If he fails to pay the fine, he will go to jail.")["pay"]
    assert not unasserted("The company did not pay the fine.")["pay"]
    # Asked, urged, wanted or tried for: not said to have happened.
    assert unasserted("Manafort pressed Yanukovych to sign the agreement.") == {
        "press": False, "sign": True}  # fmt: skip
    assert unasserted("The mayor urged residents not to use the bridge.")["use"]
    assert unasserted("The authority tried to reopen the bridge.")["reopen"]
    assert unasserted("Drivers are likely to pay more for fuel next year.")["pay"]
    # Said, refused or managed: asserted (or denied) as before.
    assert not unasserted("Rusk told reporters the bridge would close.")["close"]
    assert not unasserted("Yanukovych refused to sign the agreement.")["sign"]
    assert not unasserted("Engineers managed to close the bridge.")["close"]
    assert not unasserted("The company was able to pay its debts.")["pay"]


def test_an_infinitive_is_done_by_the_object_it_follows(parse) -> None:  # type: ignore[no-untyped-def]
    def agents(text: str) -> dict[str, str | None]:
        (claim,) = parse(text)
        return {r.predicate: r.agent and r.agent.lower() for r in claim.roles}

    # "ordered the company to pay": the company pays, not the court.
    assert agents("The court ordered the company to pay damages.")["pay"] == "company"
    assert agents("Mr. Manafort pressed Mr. Yanukovych to sign the deal.")["sign"] == "yanukovych"
    assert agents("Yanukovych was pressed by Manafort to sign the deal.")["sign"] == "yanukovych"
    # The subject does it when there is no object, or the verb is a promise.
    assert agents("The authority decided to close the bridge.")["close"] == "authority"
    assert agents("Rusk promised reporters to reopen the bridge.")["reopen"] == "rusk"
    # An infinitive of purpose after any other verb: the subject does it, not the object.
    assert agents("Fighters entered Iraq to attack coalition forces.")["attack"] == "fighter"


def test_multi_sentence_quote_is_tracked_across_sentences(parse) -> None:  # type: ignore[no-untyped-def]
    claims = parse("“We are talking. The world is unstable. We must act,” he said. Then he left.")
    assert [c.is_quote for c in claims] == [True, True, True, False]
    mask = quote_mask('He said "yes" twice.')
    assert mask.count(True) == len('"yes')


@pytest.mark.parametrize(
    ("text", "value"),
    [("41", 41), ("1,200", 1200), ("2.5 million", 2.5e6), ("fourteen", 14), ("31st", 31),
     ("twenty-one", 21), ("a dozen", 12), ("several", None),
     ("12-inch-by-18-inch", 12), ("between 10 and 20", 10), ("three percent to five percent", 3),
     ("one hundred and five", 105), ("two million five hundred thousand", 2.5e6),
     ("one-third", 1 / 3), ("a third", 1 / 3), ("two thirds", 2 / 3), ("about half", 0.5),
     ("three quarters", 0.75), ("nearly 1/3", 1 / 3), ("third", 3)],
)  # fmt: skip
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_language_id() -> None:
    assert detect_language("Japan is in talks to open a NATO liaison office in Tokyo.")[0] == "en"
    assert (
        detect_language("Japan verhandelt über die Eröffnung eines NATO-Büros in Tokio.")[0] == "de"
    )


def test_embeddings_are_normalised_and_multilingual(embed, parse) -> None:  # type: ignore[no-untyped-def]
    claims = parse(
        "Japan is in talks to open a NATO office.",
        "Japón negocia la apertura de una oficina de la OTAN.",
        "The football match ended in a draw on Saturday.",
    )
    e = embed(claims)
    assert np.allclose(np.linalg.norm(e, axis=1), 1.0, atol=1e-4)
    assert e[0] @ e[1] > e[0] @ e[2] + 0.2


def test_dateline_is_not_part_of_the_claim(parse) -> None:  # type: ignore[no-untyped-def]
    text = "MARROWPORT, Oct 14 (Harbour Wire) - The port authority ordered the bridge closed."
    (claim,) = parse(text)
    assert claim.text.startswith("The port authority")
    assert text[claim.start : claim.end] == claim.text
    order = [r for r in claim.roles if r.predicate == "order"]
    assert order[0].agent == "port authority" and order[0].patient == "bridge"


@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        ("Washington (CNN)ISIS is a problem.", "ISIS is"),
        ("(CNN)He's a blue chip college basketball recruit.", "He's a"),
        ("London, England (Reuters)Prices rose.", "Prices rose"),
        # a parenthesis followed by a space is prose, not a credit
        ("The Marrowport Port Authority (MPA) Chief Imelda Rusk spoke.", "The Marrowport"),
    ],
)
def test_glued_wire_credit_is_a_dateline(text: str, first_words: str) -> None:
    ((offset, para),) = paragraphs(text)
    assert para.startswith(first_words) and text[offset:] == para


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Medics went to a villa in St. John after the family fell ill. Police came.",
            ["Medics went to a villa in St. John after the family fell ill.", "Police came."],
        ),
        (
            "The outage began around 10 p.m. Paris time (4 p.m. ET). It ended at 2 a.m. The "
            "police said so.",
            [
                "The outage began around 10 p.m. Paris time (4 p.m. ET).",
                "It ended at 2 a.m.",
                "The police said so.",
            ],
        ),
        (
            "It was written by James W. Pennebaker. Mr. Smith agreed on Oct. 14 in the U.S. "
            "The U.S. Senate voted. He said no. It ranked No. 1.",
            [
                "It was written by James W. Pennebaker.",
                "Mr. Smith agreed on Oct. 14 in the U.S.",
                "The U.S. Senate voted.",
                "He said no.",
                "It ranked No. 1.",
            ],
        ),
        # a closing quote stays on the sentence it closes, and a title in quotes splits nothing
        (
            'He said "no." Then he starred in the "Anne of Green Gables" TV movies!',
            ['He said "no."', 'Then he starred in the "Anne of Green Gables" TV movies!'],
        ),
        ("One line\nTwo lines. Three.", ["One line", "Two lines.", "Three."]),
        # a day written "17. November" (German and Nordic style, common in machine translation)
        (
            "It recalled them on Tuesday 17. November. The line stopped on 10. November. "
            "Sales fell by 12. Prices rose.",
            [
                "It recalled them on Tuesday 17. November.",
                "The line stopped on 10. November.",
                "Sales fell by 12.",
                "Prices rose.",
            ],
        ),
        # a company suffix goes on into a name or a day, and ends before an opener
        (
            "Apple Inc. Chief Executive Tim Cook spoke. J.C. Penney Co. Inc. reports Monday. "
            "It bought Acme Corp. The deal closed.",
            [
                "Apple Inc. Chief Executive Tim Cook spoke.",
                "J.C. Penney Co. Inc. reports Monday.",
                "It bought Acme Corp.",
                "The deal closed.",
            ],
        ),
    ],
)
def test_split_sentences_keeps_abbreviations_whole(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


# ------------------------------------------------------------------------------- acronyms


def test_full_names_are_embedded_as_the_initials_the_story_uses() -> None:
    known = initials_in(["Japan is in talks to open a NATO office.", "The FTC objected."])
    assert known == {"NATO", "FTC"}
    lead = "The minister said Japan may host an office for the North Atlantic Treaty Organization."
    assert abbreviate(lead, known) == "The minister said Japan may host an office for the NATO."
    # A name's own gloss is not repeated; a longer run keeps the words after the name.
    assert abbreviate("The Federal Trade Commission (FTC) asked for powers.", known) == (
        "The FTC asked for powers."
    )
    assert abbreviate("North Atlantic Treaty Organization officials met on Friday.", known) == (
        "NATO officials met on Friday."
    )
    # Initials no article uses abbreviate nothing; neither does a headline in title case.
    assert abbreviate("The European Union said it would respond.", known) == (
        "The European Union said it would respond."
    )
    assert abbreviate("Nothing Against The Odds", known | {"NATO"}) == "Nothing Against The Odds"


def test_tickers_are_not_initials() -> None:
    assert initials_in(["Goldman Sachs GS.N rose while the .DJI and $INDU fell."]) == frozenset()
    assert initials_in(["The SEC (not the FTC) acted."]) == {"SEC", "FTC"}


def test_an_endless_line_is_parsed_in_pieces_cut_at_sentence_ends() -> None:
    # One line of over a million characters stopped the parse stage for the whole batch (spaCy's
    # max_length); pieces keep every offset and end where a sentence does.
    text = "Intro.\n" + "The harbour reopened today. " * 40_000 + "\n" + "x" * 45_000
    pieces = list(paragraphs(text))
    assert all(len(p) <= MAX_PARAGRAPH_CHARS for _, p in pieces)
    assert all(text[at : at + len(p)] == p for at, p in pieces)
    assert "".join(p for _, p in pieces[1:-3]) == text.splitlines()[1]
    assert all(p.endswith("today. ") for _, p in pieces[1:-4])


def test_a_figure_written_as_a_bound_or_estimate_allows_a_range() -> None:
    assert value_range("at least 40", 40) == (40, math.inf)
    assert value_range("No more than 30", 30) == (-math.inf, 30)  # not "more than 30"
    assert value_range("no fewer than 10", 10) == (10, math.inf)
    assert value_range("nearly 50", 50) == (45, 50)
    assert value_range("about 86,000", 86000) == (85000, 87000)
    assert not compatible(value_range("about 86,000", 86000), value_range("around 68,000", 68000))
    assert not compatible(value_range("about 100", 100), value_range("about 80", 80))
    assert compatible(value_range("about 86,000", 86000), value_range("around 85,000", 85000))
    assert value_range("12", 12) == (12, 12)
    assert compatible(value_range("at least 40", 40), value_range("more than 30", 30))
    assert not compatible(value_range("no more than 30", 30), value_range("at least 40", 40))
    assert not compatible(value_range("about 42,000", 42000), value_range("about 24,000", 24000))
