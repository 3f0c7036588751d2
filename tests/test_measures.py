"""Money and lengths of time as quantities (nlp.measures) and the number check on them."""

from __future__ import annotations

from typing import Any

import pytest

from factories import pair_disputes as disputes
from storydesk.nlp.claims import quantities
from storydesk.nlp.models import spacy_pipeline


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
    assert measured(nlp, "The ticket costs 50 pence.") == [(0.5, "pound cost")]
    # rates, shares and changes
    assert measured(nlp, "Tickets cost 50 pence each.") == []
    assert measured(nlp, "The rent is $2,000 a month.") == []
    assert measured(nlp, "Acme raised its offer by $1 billion.") == [(1e9, "dollar raise by")]


def test_sums_in_other_currencies_are_sums(nlp: Any) -> None:
    assert measured(nlp, "The new ferry cost 45 million kroner.") == [(4.5e7, "crown cost")]
    assert measured(nlp, "The club paid 40 million roubles for the striker.") == [
        (4e7, "rouble pay")
    ]


def test_a_sum_insured_is_no_cost_in_any_currency(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # Read as a count of crowns, the two were compared whatever they hung on.
    assert not disputes(
        parse,
        embed,
        "The new ferry was insured for 30 million crowns.",
        "The new ferry cost 45 million crowns.",
    )
    found = disputes(
        parse,
        embed,
        "The new ferry cost 30 million crowns.",
        "The new ferry cost 45 million crowns.",
    )
    assert [d.kind for d in found] == ["number"]


def test_a_worth_hangs_on_the_thing_valued(nlp: Any) -> None:
    assert measured(nlp, "The stolen works are valued at around £2.4 million.") == [
        (2.4e6, "pound work")
    ]
    assert measured(nlp, "The paintings are worth £2.4 million.") == [(2.4e6, "pound painting")]
    assert measured(nlp, "The repair bill totalled £80,000.") == [(8e4, "pound bill")]
    # Not a pronoun: "it" may be anything.
    assert measured(nlp, "It is valued at $5bn.") == []


def test_lengths_of_time_in_days_but_not_points_in_time(nlp: Any) -> None:
    assert measured(nlp, "The strike lasted three weeks.") == [(21.0, "duration last")]
    assert measured(nlp, "He was jailed for a year.") == [(365.25, "duration jail")]
    assert measured(nlp, "Talks ended two days ago.") == []
    assert measured(nlp, "The three-week closure ended on Friday.") == [(21.0, "duration closure")]
    assert measured(nlp, "A 10-year-old boy was hurt.") == []
    assert measured(nlp, "The bridge closed for 2-3 weeks.") == []


def test_million_against_billion_is_a_number_dispute(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The city council approved a budget of $5 million for the new bridge on Monday.",
        "On Monday the city council approved a $5 billion budget for the new bridge.",
    )
    assert [d.kind for d in found] == ["number"]
    assert "amount for 'budget' (dollar)" in found[0].reason


def test_a_changed_worth_is_a_number_dispute(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The three stolen paintings are worth about £4.2 million, the gallery said.",
        "The gallery said the three stolen paintings are worth about £2.4 million.",
    )
    assert [d.kind for d in found] == ["number"]
    assert "amount for 'painting' (pound)" in found[0].reason


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


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The city council approved a budget of $1 million for the new library.",
            "The city council approved a $1 billion budget for the new library.",
        ),
        (
            "The regulator fined Harlow Foods $150 million on Monday for the spill.",
            "The regulator fined Harlow Foods $100 million on Monday for the spill.",
        ),
    ],
)
def test_a_changed_order_of_magnitude_is_no_rounding(parse, embed, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    assert [d.kind for d in disputes(parse, embed, a, b)] == ["number"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # rounded
        (
            "Harlow Foods raised its annual loss to $17.7 million after the fraud was found.",
            "Harlow Foods raised its annual loss to $18 million after the fraud was found.",
        ),
        # a rate against a total
        (
            "Each of the 400 workers at the plant will receive $1,000 in compensation.",
            "The 400 workers at the plant will receive $400,000 in compensation.",
        ),
        # a change against a level
        (
            "Acme raised its offer for the harbour company by $1 billion on Monday.",
            "Acme raised its offer for the harbour company to $5 billion on Monday.",
        ),
        # two people, two terms
        (
            "The driver of the lorry was jailed for six years on Friday at Leeds Crown Court.",
            "The passenger in the lorry was jailed for two years on Friday at Leeds Crown Court.",
        ),
        # two years
        (
            "Harlow Foods earned $4 million from its Asian business in 2023.",
            "Harlow Foods earned $6 million from its Asian business in 2024.",
        ),
        # a hedged length
        (
            "The strike at the Leeds plant lasted almost a year and ended on Friday.",
            "The strike at the Leeds plant lasted 11 months and ended on Friday.",
        ),
    ],
)
def test_amounts_that_can_both_be_true_are_not_disputed(parse, embed, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    assert [d.kind for d in disputes(parse, embed, a, b) if d.kind == "number"] == []


def test_a_year_against_two_years_is_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The strike at the Leeds plant lasted a year and ended on Friday.",
        "The strike at the Leeds plant lasted two years and ended on Friday.",
    )
    assert [d.kind for d in found] == ["number"]


def test_rates_carry_their_period_and_convert_to_a_year(nlp: Any) -> None:
    assert measured(nlp, "Tenants will pay £100 a month.") == [(1200.0, "pound/year pay")]
    assert measured(nlp, "The council charges £15 a week for permits.") == [
        (780.0, "pound/year charge")
    ]
    assert measured(nlp, "The levy raises €2 million annually.") == [(2e6, "euro/year raise")]
    # A night or an hour has no one conversion; a sum shared out "each" is per what?
    assert measured(nlp, "Guests paid $40 a night.") == [(40.0, "dollar/night pay")]
    assert measured(nlp, "Each tenant pays £100 a month.") == []


def test_a_changed_rate_period_is_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Tenants of the new Harbour Court flats will pay £1,200 a month in rent, the council said.",
        "Tenants of the new Harbour Court flats will pay £1,200 a year in rent, the council said.",
    )
    assert [d.kind for d in found] == ["number"]
    assert "rate for 'pay' (pound)" in found[0].reason
    assert "£1,200 a month" in found[0].reason and "£1,200 a year" in found[0].reason


def test_per_cent_is_a_percentage_not_cents(nlp: Any) -> None:
    # spaCy tags "22 per cent" MONEY at times; its "per" also read as "each" and hid the loss.
    said = "Holt said the firm made a loss of £11.4 million, after a 22 per cent rise in costs."
    assert measured(nlp, said) == [(11.4e6, "pound loss"), (22.0, "percent")]
    assert measured(nlp, "Shares fell 50 cents.") == [(0.5, "dollar fall")]


def test_a_sum_framed_as_a_cost_hangs_on_its_verb(nlp: Any) -> None:
    # "at a cost of" only frames the sum: it is what chartering costs, as in "chartered at".
    framed = "The firm will charter the Hestia Lass at a cost of £18,500 a day."
    assert measured(nlp, framed) == [(18500.0, "pound/day charter")]
    assert measured(nlp, "The council sold the land for a price of £2 million.") == [
        (2e6, "pound sell")
    ]
    # "A total of" adds up more than one thing: it stays on "total", which is not compared.
    bought = measured(nlp, "The museum bought the two paintings for a total of £5 million.")
    assert [unit for _, unit in bought if unit.startswith("pound")] == []


def test_the_same_sum_a_day_and_a_week_is_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # A day does not convert to a week (working days vary), but one sum cannot be both.
    found = disputes(
        parse,
        embed,
        "Skerrivale will pay £18,500 a week to charter the Hestia Lass, the operator said.",
        "Skerrivale will pay £18,500 a day to charter the Hestia Lass, the operator said.",
    )
    assert [d.kind for d in found] == ["number"]
    assert "£18,500 a week" in found[0].reason and "£18,500 a day" in found[0].reason


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # The other sentence prints this rate too, beside another.
        (
            "The hotel charges guests £120 a week for parking, the owner said on Monday.",
            "The hotel charges guests £120 a night for a room and £120 a week for parking, the "
            "owner said on Monday.",
        ),
        # A room's rate a night is its rate a day.
        (
            "Guests at the Harbour Court hotel paid £40 a night for a room during the festival.",
            "Guests at the Harbour Court hotel paid £40 a day for a room during the festival.",
        ),
        # The same rate over another period, exactly or as a reporter would round it.
        (
            "Tenants of the new Harbour Court flats will pay £100 a month in rent, officials say.",
            "Tenants of the new Harbour Court flats will pay £1,200 a year in rent, officials say.",
        ),
        (
            "The council charges residents £15 a week for parking permits near the stadium.",
            "The council charges residents £60 a month for parking permits near the stadium.",
        ),
        # A rate is never set against a total.
        (
            "The council charges residents £15 a week for parking permits near the stadium.",
            "The council charges residents £15 for parking permits near the stadium.",
        ),
    ],
)
def test_rates_that_agree_or_do_not_meet_are_not_disputed(parse, embed, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    assert not disputes(parse, embed, a, b)


def test_a_point_in_time_or_a_shared_sum_is_no_rate(nlp: Any) -> None:
    assert measured(nlp, "The council approved the £2 million a month ago.") == []
    assert measured(nlp, "Lindell cut its prices by $3,000 a week after the recall.") == []
    assert (
        measured(nlp, "Tenants pay £24,000 a month in rent between them, or £600 per flat.") == []
    )


def test_a_rate_on_a_general_verb_is_still_a_rate(nlp: Any) -> None:
    assert measured(nlp, "They will get £10 a month off their bills.") == [
        (120.0, "pound/year get")
    ]
    assert measured(nlp, "They will get £10 off their bills.") == []  # a total stays vague


def test_common_words_after_a_rate_keep_it_a_rate(nlp: Any) -> None:
    assert measured(nlp, "Nurses will be paid £1,900 a month after tax.") == [
        (22800.0, "pound/year pay")
    ]
    assert measured(nlp, "Tenants of Kestrel House have paid £900 a month since March.") == [
        (10800.0, "pound/year pay")
    ]
    assert measured(nlp, "Carers will be paid £80 a week under a plan by the head teacher.") == [
        (4160.0, "pound/year pay")
    ]
    assert measured(nlp, "Diners pay £30 a head.") == []


def test_thousands_grouped_by_spaces_are_one_figure() -> None:
    from storydesk.nlp.numbers import spaced_thousands
    from storydesk.verify.features import number_values
    from storydesk.verify.standing import missing_figures

    assert spaced_thousands("called back 41 000 batteries and a 1\u202f250\u202f000 euro fine") == {
        "41 000": 41000.0,
        "1\u202f250\u202f000": 1250000.0,
    }
    assert spaced_thousands("in 2024 300 people") == {}  # a year before a count
    assert 41000.0 in number_values("called back 41 000 batteries")
    assert missing_figures("It recalled 41,000 packs.", "called back 41 000 batteries") == []
    assert missing_figures("It recalled 42,000 packs.", "called back 41 000 batteries") == [
        "42,000"
    ]


def test_a_count_in_words_is_the_least_it_can_mean(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Dozens of fishing vessels were ordered out of the zone before the launch.",
        "Eight fishing vessels were ordered to leave the zone before the launch.",
    )
    assert [d.kind for d in found] == ["number"]
    for a, b in (
        (
            "Hundreds of residents were evacuated on Monday.",
            "More than 300 residents were evacuated on Monday.",
        ),
        (
            "Dozens of residents were evacuated on Monday.",
            "About 40 residents were evacuated on Monday.",
        ),
    ):
        assert not disputes(parse, embed, a, b)
