"""A person given someone else's post (verify.titles)."""

from __future__ import annotations

from factories import pair_disputes as disputes
from storydesk.verify.titles import post_after, post_before

SOURCE = (
    "Council leader Tom Birch opened the emergency meeting on Friday. "
    "Sara Lind, the council's chief executive, apologised to residents for the delay."
)


def test_the_post_is_read_right_before_the_name() -> None:
    assert post_before("Council leader Dr Sara Lind spoke.", "Sara Lind") == "council leader"
    assert post_before("It was confirmed by chief executive Sara Lind.", "Sara Lind") == (
        "chief executive"
    )
    # One word is no post here (many hold "Councillor" at once); a verb of saying ends it.
    assert post_before("Councillor Sara Lind spoke.", "Sara Lind") is None
    assert post_before("The delay was regrettable, said Sara Lind.", "Sara Lind") is None


def test_the_post_is_read_set_off_after_the_name() -> None:
    assert post_after("Sara Lind, chief executive of the council, spoke.", "Sara Lind") == (
        "chief executive"
    )
    assert post_after("Sara Lind, the Harbour Board's chief executive, spoke.", "Sara Lind") == (
        "chief executive"
    )
    # Not a clause, an age, a verb of saying or one word.
    for text in (
        "Sara Lind, who chairs the council, spoke.",
        "Sara Lind, 54, spoke.",
        "Sara Lind, said the council, spoke.",
        "Sara Lind, councillor, spoke.",
    ):
        assert post_after(text, "Sara Lind") is None, text


def test_a_post_after_the_name_that_another_person_holds_is_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    source = (
        "Harbour Board chief executive Tom Birch apologised to residents on Friday. Its "
        "chief inspector, Dr Sara Lind, said the crane had failed."
    )
    draft = "Tom Birch, chief inspector of the Harbour Board, apologised to residents."
    found = disputes(parse, embed, draft, source)
    assert [d.kind for d in found] == ["entity"]
    assert found[0].reason == (
        "different post: Outlet A calls Tom Birch chief inspector, Outlet B gives that post to "
        "Dr Sara Lind"
    )
    right = "Tom Birch, chief executive of the Harbour Board, apologised to residents."
    assert not disputes(parse, embed, right, source)


def test_the_post_another_person_holds_is_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    draft = "Council leader Sara Lind apologised to residents for the delay."
    found = disputes(parse, embed, draft, SOURCE)
    assert [d.kind for d in found] == ["entity"]
    assert found[0].reason == (
        "different post: Outlet A calls Sara Lind council leader, Outlet B gives that post to "
        "Tom Birch"
    )


def test_a_post_the_source_also_gives_the_person_is_not_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    draft = "Chief executive Sara Lind apologised to residents for the delay."
    assert not disputes(parse, embed, draft, SOURCE)
    # Two posts: the source names her beside the post too.
    both = SOURCE + " Lind, who is also council leader for the north ward, did not comment."
    draft = "Council leader Sara Lind apologised to residents for the delay."
    assert not [d for d in disputes(parse, embed, draft, both) if d.kind == "entity"]
    # No one else holds it in the source: unknown, not disputed.
    alone = "Sara Lind, the council's chief executive, apologised to residents for the delay."
    assert not disputes(parse, embed, draft, alone)


def test_another_post_without_another_holder_is_not_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # Posts carry places and organisations that honest retellings write differently.
    source = "State Education Commissioner Tom Birch said the scores disappointed him."
    draft = "Missouri Education Commissioner Tom Birch said the scores disappointed him."
    assert not disputes(parse, embed, draft, source)


def test_a_post_in_charge_of_another_service_or_office_is_disputed(parse, embed) -> None:  # type: ignore[no-untyped-def]
    source = (
        "Fire Commander Ola Brandt, head of the Tarnby Fire and Rescue Service, said two "
        'people were missing. "The north wing is gone," Brandt told reporters.'
    )
    draft = "Tarnby police chief Ola Brandt told reporters the north wing was gone."
    found = disputes(parse, embed, draft, source)
    assert {d.kind for d in found} == {"entity"}, found  # one per sentence naming Brandt
    assert found[0].reason == (
        "different post: Outlet A calls Ola Brandt tarnby police chief, Outlet B calls them "
        "fire commander head of the tarnby fire and rescue service"
    )
    company = "Varta Group chief executive Mia Holm, 52, was fined 300,000 euros."
    draft = "Mia Holm, Varta Group's chief financial officer, was fined 300,000 euros."
    assert [d.kind for d in disputes(parse, embed, draft, company)] == ["entity"]
    # The same office in other words, ranks and places left unread: not disputed.
    for same in (
        "Mia Holm, Varta's chief executive officer, was fined 300,000 euros.",
        "Varta chief executive Mia Holm was fined 300,000 euros.",
        "Mia Holm, who was fined 300,000 euros, runs Varta.",
    ):
        assert not disputes(parse, embed, same, company), same
    # Another person of that surname holds the other post.
    two = "Fire Commander Jon Brandt said the north wing was gone. Ola Brandt is police chief."
    draft = "Police chief Ola Brandt said the north wing was gone."
    assert not disputes(parse, embed, draft, two)


def test_the_post_is_read_where_the_document_names_the_person_not_only_near_the_claim() -> None:
    from storydesk.model import Article
    from storydesk.verify.check import check_text
    from storydesk.verify.verifier import FeatureVerifier

    source = Article(
        "wire",
        path="wire.txt",
        source="Coast Wire",
        text="Fjordline Ferries said in a statement that it had no knowledge of the fault. "
        "The ferry was towed to Kessund overnight. Divers inspected the hull on Friday morning. "
        "They found a crack about two metres long near the stern. The 212 passengers were taken "
        "ashore by lifeboat and nobody was hurt. The coastguard said the sea was calm. "
        "Inspectors will publish a first report next month. Its chief executive, Mona Lykke, "
        'apologised to passengers. "We are cooperating fully with the inspectors," said Erik '
        "Sandvik, the company's communications director.",
    )
    draft = (
        "Erik Sandvik, chief executive of Fjordline Ferries, said the company had no knowledge of "
        "the fault.\n"
        "Erik Sandvik, the communications director of Fjordline Ferries, said the company had no "
        "knowledge of the fault."
    )
    wrong, right = check_text(draft, [source], FeatureVerifier())
    assert wrong.label == "contradicted"
    assert wrong.best is not None
    assert any("different post" in r for r in wrong.best.verdict.reasons)
    assert right.label != "contradicted"


def test_post_in_reads_every_sentence_of_the_article_that_names_the_person(parse) -> None:  # type: ignore[no-untyped-def]
    from storydesk.verify.checks import Context
    from storydesk.verify.titles import post_in

    document = (
        "Halvorsen Lines said it had no knowledge of the cargo. The ship sailed from Guayaquil. "
        "Its chief executive, Annelie Brandt, declined to comment. "
        '"We are cooperating fully," said Lars Henning, the company\'s communications director.'
    )
    ctx = Context(article_text={"b": document}, labels={"a": "the draft", "b": "the source"})
    (claim,) = parse("Lars Henning, chief executive of Halvorsen Lines, said it knew nothing.")
    found = post_in(claim, "b", ctx)
    assert found is not None and "gives that post to Annelie Brandt" in found.reason
    assert found.b.text.startswith('"We are cooperating fully,"')
    (right,) = parse("Lars Henning, the communications director, said it knew nothing.")
    assert post_in(right, "b", ctx) is None
