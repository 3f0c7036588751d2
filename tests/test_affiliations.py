"""A person given another organisation's post (verify.affiliations)."""

from __future__ import annotations

from factories import pair_disputes as disputes
from storydesk.verify.affiliations import posts


def test_posts_are_read_beside_the_name() -> None:
    assert posts(
        "Mara Quell, head of research at the Ostrava Institute, said so.", "Mara Quell"
    ) == [(frozenset({"head", "research"}), "Ostrava Institute")]
    assert posts("said Mara Quell, the Ostrava Institute's head of research.", "Mara Quell") == [
        (frozenset({"head", "research"}), "Ostrava Institute")
    ]
    assert posts("Ostrava Institute researcher Mara Quell said so.", "Mara Quell") == [
        (frozenset({"researcher"}), "Ostrava Institute")
    ]
    assert posts("Chief executive Tomas Brill of Fenby Oil apologised.", "Tomas Brill") == [
        (frozenset(), "Fenby Oil")
    ]


def test_words_that_are_no_post_give_none() -> None:
    # "A spokesperson said" is a report, not Quell's post; a sentence start is no organisation.
    assert posts("A spokesperson said Quell would resign.", "Mara Quell") == []
    assert posts("In March Quell said the institute would act.", "Mara Quell") == []


def test_the_same_post_at_another_organisation_is_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    found = disputes(
        parse,
        embed,
        "Mara Quell, head of research at the Ostrava Institute, said the results were robust.",
        "The results are robust, said Mara Quell, the Linden Foundation's head of research.",
    )
    assert [d.kind for d in found] == ["entity"]
    assert found[0].reason.startswith("different organisation")
    assert "Ostrava Institute" in found[0].reason and "Linden Foundation" in found[0].reason


def test_one_organisation_or_two_posts_are_not_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # Initials of the same organisation.
    assert not disputes(
        parse,
        embed,
        "Mara Quell, head of research at the Ostrava Research Institute, said the results held.",
        "The results held, said Mara Quell, the ORI's head of research.",
    )
    # Two posts with no word in common: a person may hold both.
    assert not disputes(
        parse,
        embed,
        "Mara Quell, a professor at the Ostrava Institute, said the results were robust.",
        "The results are robust, said Mara Quell, chair of the Linden Foundation.",
    )
    # The other outlet names the claim's organisation beside her elsewhere.
    assert not disputes(
        parse,
        embed,
        "Mara Quell, head of research at the Ostrava Institute, said the results were robust.",
        "The results are robust, said Mara Quell, the Linden Foundation's head of research. "
        "Quell also leads a team at the Ostrava Institute.",
    )


def test_another_person_of_the_surname_is_not_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    assert not disputes(
        parse,
        embed,
        "Mara Quell, head of research at the Ostrava Institute, said the results were robust.",
        "The results are robust, said Jonas Quell, the Linden Foundation's head of research.",
    )


def test_a_capitalised_word_is_no_organisation() -> None:
    assert posts("Managing director Tomas Brill said the offer was fair.", "Tomas Brill") == []
    assert posts("Union officer Dev Okafor called it a blow.", "Dev Okafor") == []
    assert posts("Fenby director Tomas Brill said the offer was fair.", "Tomas Brill") == [
        (frozenset({"director"}), "Fenby")
    ]


def test_names_lists_pronouns_and_short_forms_are_no_other_organisation(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # MRPC paraphrases the first version of this check called contradicted.
    pairs = [
        (
            "Velda Chairman Pieter van Dam offered shareholders his apologies for the scandal.",
            "Board Chairman Pieter van Dam offered shareholders at the meeting his apologies.",
        ),
        (
            "His band included the pianist Ann Moss, the trombonist J. C. Hale and the drummer "
            "Sid Kane.",
            "His band included pianist Ann Moss, trombonist J.C. Hale and drummer Sid Kane.",
        ),
        (
            "His lawyer, Ruth Ames, said later that Hale was saddened by the ruling.",
            "Mr. Hale's lawyer, Ruth Ames, read a statement: Hale was saddened by the ruling.",
        ),
        (
            "United States Trade Department spokesman Ray Tull said the talks had failed.",
            "The talks had failed, US Trade Department spokesman Ray Tull said on Monday.",
        ),
    ]
    for a, b in pairs:
        assert not [d for d in disputes(parse, embed, a, b) if "organisation" in d.reason], (a, b)
