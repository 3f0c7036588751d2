"""The checks' similarity gates read on a long sentence's clauses (verify.clauses)."""

from __future__ import annotations

from typing import Any

from storydesk.nlp.models import embedder
from storydesk.verify.checks import Context
from storydesk.verify.checkset import DEFAULT_CHECKS, compare
from storydesk.verify.clauses import clause_similarity, clause_spans, dispute_on_clauses

WIRE = (
    "The Allied Care Workers' Union announced on Tuesday that its members employed by Veltmark "
    "Facilities at Kettleby and at Ashcombe General Hospital had voted for the strike, which "
    "begins on Monday, March 16 and runs until Friday, March 20."
)


def test_clauses_are_runs_of_pieces_as_written() -> None:
    spans = [WIRE[a:b] for a, b in clause_spans(WIRE)]
    assert spans[0] == "The Allied Care Workers' Union announced on Tuesday"
    assert "which begins on Monday, March 16 and runs until Friday, March 20." in spans  # one date
    assert WIRE not in spans  # never the whole sentence
    assert all(len(s.split()) >= 4 for s in spans)
    assert clause_spans("The strike begins on Monday.") == []
    # Nor inside a figure.
    served = "The utility, which serves about 640,000 customers, pleaded guilty in November."
    assert "which serves about 640,000 customers" in [served[a:b] for a, b in clause_spans(served)]
    # A comma after a year ends a clause; one inside a date does not.
    loss = "The cuts followed a loss of £11.4 million in 2025, which the firm blamed on fuel."
    assert [loss[a:b] for a, b in clause_spans(loss)] == [
        "The cuts followed a loss of £11.4 million in 2025",
        "which the firm blamed on fuel.",
    ]


def _gated(parse: Any, claim_text: str, source: str) -> tuple[Any, Any]:
    claim, other = parse(claim_text, source)
    model = embedder()
    cv, ov = model.encode([claim.text, other.text])
    ctx = Context(article_text={"a": claim_text, "b": source}, labels={})
    sim = float(cv @ ov)
    whole = compare(claim, other, sim, ctx, DEFAULT_CHECKS)
    found = dispute_on_clauses(claim, other, sim, ctx, clause_similarity(model.encode, cv))
    return whole, found


def test_a_date_changed_in_one_clause_of_a_long_sentence_is_found(parse) -> None:  # type: ignore[no-untyped-def]
    whole, found = _gated(parse, "The strike is due to begin on Monday, March 23.", WIRE)
    assert whole is None  # the whole sentence reads too far from the claim for the date gate
    assert found is not None and found.kind == "date" and "March 16" in found.reason
    assert found.b.text == WIRE  # named against the whole sentence


def test_a_weekday_changed_in_the_reporting_clause_is_found(parse) -> None:  # type: ignore[no-untyped-def]
    whole, found = _gated(parse, "The union announced the result on Wednesday.", WIRE)
    assert whole is None
    assert found is not None and found.kind == "date"


def test_a_date_of_another_verb_in_the_sentence_is_no_conflict(parse) -> None:  # type: ignore[no-untyped-def]
    # "end on Friday" and "announced on Tuesday" hang on verbs neither sentence shares: only
    # near-identical sentences make them one event's, and a close clause is not that.
    claim = "The walkout will begin on Monday, March 16, and end on Friday, March 20."
    assert _gated(parse, claim, WIRE) == (None, None)


def test_a_close_clause_does_not_make_dates_on_other_verbs_one_events(parse) -> None:  # type: ignore[no-untyped-def]
    # MRPC: "rose ... in Thursday morning trading" and "closed Wednesday" are two days' trading.
    claim = (
        "Allegiant's stock closed Wednesday at $23.40, up 64 cents, in trading on the Nasdaq "
        "market."
    )
    source = (
        "Allegiant shares rose $4, or $17.2 percent, to $27.43 in Thursday morning trading on the "
        "Nasdaq Stock Market."
    )
    assert _gated(parse, claim, source)[1] is None


def test_clauses_about_something_else_do_not_open_the_gate(parse) -> None:  # type: ignore[no-untyped-def]
    _, found = _gated(parse, "The hospital car park will close on Monday, March 23.", WIRE)
    assert found is None


def test_a_clause_about_a_parallel_thing_is_no_conflict(parse) -> None:  # type: ignore[no-untyped-def]
    # Another outlet's other route and other strike: the clause is close, the doer is not.
    pairs = [
        (
            "The southern route will carry 450 passengers a day.",
            "The northern route will carry 300 passengers a day, which the council called a "
            "modest start.",
        ),
        (
            "Doctors will strike on March 19.",
            "Nurses will strike on March 12, the union said, in a dispute over pay that has "
            "lasted a year.",
        ),
    ]
    for claim, source in pairs:
        assert _gated(parse, claim, source)[1] is None


def test_the_thing_acted_on_is_no_other_doer(parse) -> None:  # type: ignore[no-untyped-def]
    # The small parser reads "The review, opened on 4 March," as "the review opened": its
    # subject is what the claim's verb acts on, not a parallel doer.
    source = (
        "The safety review, opened on 14 March, drew more than 900 letters from parents, "
        "teachers and bus drivers, the most the board has ever received on a school matter."
    )
    whole, found = _gated(parse, "The board opened its safety review on 4 March.", source)
    assert whole is None  # the whole sentence reads too far from the claim for the date gate
    assert found is not None and found.kind == "date" and "March 14" in found.reason


def test_a_plan_in_one_clause_of_a_long_sentence_is_found(parse) -> None:  # type: ignore[no-untyped-def]
    source = (
        "Brackley Rail said on Monday that it will open a new maintenance depot for its trains at "
        "Fenwick next year, though the drivers' union says no mechanics have been hired."
    )
    claim = (
        "The rail operator has already opened a new maintenance depot for its trains at Fenwick."
    )
    whole, found = _gated(parse, claim, source)
    assert whole is None
    assert found is not None and found.kind == "tense"


def test_a_denial_in_one_clause_of_a_long_sentence_is_found(parse) -> None:  # type: ignore[no-untyped-def]
    source = (
        "Divers found that the hull had not been breached and no fuel leaked into the sound, "
        "he said."
    )
    whole, found = _gated(parse, "Divers found that the hull had been breached.", source)
    assert whole is None and found is not None and found.kind == "negation"
    # A denial written in another clause than the one the claim retells is none of its business.
    source = (
        "The ferry sailed from Portbrae on Friday morning, although its crew did not return "
        "until the weekend after the inquiry."
    )
    assert _gated(parse, "The ferry sailed from Portbrae on Friday morning.", source)[1] is None


def test_a_sentence_that_states_the_claim_keeps_other_clauses_out(parse) -> None:  # type: ignore[no-untyped-def]
    # The lead's total ("at least 12") is about all the attacks; the document also says the
    # claim's six, in a long sentence the claim's every word is in.
    from storydesk.verify.features import first_dispute

    claim_text = "Six people were killed when a car bomb exploded near the police station."
    lead = (
        "At least 12 people were killed when militants attacked a police station and a "
        "checkpoint in the north of the province, and dozens more were injured, officials said."
    )
    detail = (
        "Six people, including one civilian, were killed when a car bomb exploded near the "
        "police station in Harrowgate, a spokesman for the regional health ministry told reporters."
    )
    claim, *evidence = parse(claim_text, lead, detail)
    model = embedder()
    vecs = model.encode([claim.text, lead, detail])
    ctx = Context(article_text={"a": claim_text, "b": lead, "c": detail}, labels={})
    grouped = [(vecs[1], [evidence[0]]), (vecs[2], [evidence[1]])]
    reader = clause_similarity(model.encode, vecs[0])
    assert first_dispute(claim, vecs[0], ctx, grouped, reader)[0] is None
    # Without the stating sentence, the lead's clause gives the other count.
    found = first_dispute(claim, vecs[0], ctx, grouped[:1], reader)[0]
    assert found is not None and found.kind == "number"


def test_a_sentence_that_denies_the_claim_does_not_state_it(parse) -> None:  # type: ignore[no-untyped-def]
    from storydesk.verify.features import first_dispute

    claim_text = "Divers found that the hull had been breached."
    source = (
        "Divers found that the hull had not been breached and no fuel leaked into the sound, "
        "he said."
    )
    claim, other = parse(claim_text, source)
    model = embedder()
    vecs = model.encode([claim.text, source])
    ctx = Context(article_text={"a": claim_text, "b": source}, labels={})
    reader = clause_similarity(model.encode, vecs[0])
    found = first_dispute(claim, vecs[0], ctx, [(vecs[1], [other])], reader)[0]
    assert found is not None and found.kind == "negation"


def test_a_clause_denying_another_occasion_is_no_conflict(parse) -> None:  # type: ignore[no-untyped-def]
    source = (
        "The board did not approve the merger in January and approved it in June after the "
        "regulator cleared the deal and shareholders backed it at a special meeting."
    )
    assert _gated(parse, "The board approved the merger in June.", source)[1] is None


def test_a_doer_described_more_generally_is_the_same_doer(parse: Any) -> None:
    from storydesk.verify.clauses import _other_doers

    claim, utility, nurses, doctors = parse(
        "The company pleaded guilty in November 2024.",
        "The utility, which serves 640,000 customers, pleaded guilty in November 2025.",
        "Nurses will strike on Monday.",
        "Doctors will strike on Monday.",
    )
    assert not _other_doers(claim, utility)  # a utility is a kind of company
    assert _other_doers(nurses, doctors)  # two kinds of one thing
