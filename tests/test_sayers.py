"""The same reported words credited to another named sayer (verify.sayers)."""

from __future__ import annotations

from typing import Any

from factories import pair_disputes as disputes

SOURCE = (
    "Tenants wrote to the landlord, Harl Homes, in February. Varn Gas Networks, which runs the "
    "grid, said the last inspection of the gas connection in May 2024 had found no defects."
)


def test_the_words_credited_to_another_party_of_the_document_are_disputed(
    parse: Any, embed: Any
) -> None:
    draft = "Harl Homes said the last inspection of the gas connection had found no defects."
    found = disputes(parse, embed, draft, SOURCE)
    assert [d.kind for d in found] == ["actor"], found
    assert found[0].reason == (
        "different sayer: Outlet A credits the words to Harl Homes, Outlet B to Varn Gas Networks"
    )


def test_no_dispute_without_two_parties_or_the_same_words(parse: Any, embed: Any) -> None:
    right = "Varn Gas Networks said the last inspection of the gas connection had found no defects."
    assert not disputes(parse, embed, right, SOURCE)
    # A sayer the source never names: whom it credits is all it says.
    unknown = "Tarn Energy said the last inspection of the gas connection had found no defects."
    assert not disputes(parse, embed, unknown, SOURCE)
    # A person the source names as speaking for the organisation: whom to credit.
    person = "Anna Holt said the last inspection of the gas connection had found no defects."
    both = SOURCE + " Anna Holt, a Varn Gas Networks spokeswoman, would not give details."
    assert not [d for d in disputes(parse, embed, person, both) if d.kind == "actor"]
    # Named as another party, she did not say it.
    apart = SOURCE + " Anna Holt chairs the tenants' group."
    assert [d.kind for d in disputes(parse, embed, person, apart)] == ["actor"]
    # Other words: the check reads only the source's own statement.
    other = "Harl Homes said the gas connection had been replaced in 2019 after a leak."
    assert not [d for d in disputes(parse, embed, other, SOURCE) if d.kind == "actor"]
