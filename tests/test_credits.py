"""Outlets a sentence credits, and how credits merge sources when facts are counted."""

from __future__ import annotations

from storydesk.model import Fact, Mention
from storydesk.provenance.credits import canonical, credited, credits
from storydesk.verify.stage import with_status


def test_outlet_as_source_and_as_medium() -> None:
    text = "Hayashi told CNN on Wednesday. According to the news agency Interfax, talks stalled."
    found = credits(text)
    assert [(c.outlet, c.kind) for c in found] == [("CNN", "medium"), ("Interfax", "source")]
    assert text[found[0].start : found[0].end] == "CNN"
    assert credited("The possible opening was first reported by the Nikkei Asia on May 3.") == (
        "Nikkei",
    )
    assert credited("An office will allow talks, the Nikkei noted.") == ("Nikkei",)
    assert credited("In an NBC News/Wall Street Journal poll, 50 percent backed him.") == (
        "NBC News",
    )
    assert credited("As Breitbart’s Joel Pollak reported, the memo leaked.") == ("Breitbart",)
    assert credited("He said so, reports USA Today.") == ("USA Today",)
    assert credited("He said in an exclusive exchange with CNN that it was true.") == ("CNN",)


def test_naming_an_outlet_is_not_crediting_it() -> None:
    assert credited("He spoke at a debate hosted by CNN and met a CNN anchor.") == ()
    assert credited("Michael J. Fox said he would attend.") == ()
    assert credited("A review of Fox News coverage found gaps.") == ()


def test_short_forms_are_one_outlet_and_story_outlets_are_names_too() -> None:
    assert credited("The AP reported it, then the Associated Press said more.") == (
        "Associated Press",
    )
    assert canonical("NYT") == "The New York Times" and canonical("Kyiv Post") == "Kyiv Post"
    assert credited("The Marrowport Ledger reported the closure.") == ()
    assert credited("The Marrowport Ledger reported the closure.", ["Marrowport Ledger"]) == (
        "Marrowport Ledger",
    )


def _fact(*mentions: tuple[str, str]) -> Fact:
    return Fact("f1", "text", tuple(Mention(a, f"{a}:1", t, 0, len(t)) for a, t in mentions))


def test_mentions_relaying_one_outlet_count_once() -> None:
    relayed = _fact(
        ("a", "The minister told CNN the talks began."),
        ("b", "The talks began, the minister told CNN."),
        ("c", "The talks have begun, officials said."),
    )
    groups = (("a",), ("b",), ("c",))
    (fact,) = with_status([relayed], [], groups)
    assert fact.independent_sources == 2 and fact.status == "confirmed"
    assert fact.credited == ("CNN",)
    # Two outlets credited: two reports, nothing merges.
    apart = _fact(
        ("a", "The minister told CNN the talks began."),
        ("b", "The talks began, Reuters reported."),
    )
    (fact,) = with_status([apart], [], groups)
    assert fact.independent_sources == 2 and fact.credited == ("CNN", "Reuters")
    # The credited outlet's own article in the story is the same report.
    own = _fact(
        ("a", "The minister told CNN the talks began."),
        ("c", "The talks have begun, the minister said."),
    )
    (fact,) = with_status([own], [], groups, outlets={"c": "CNN"})
    assert fact.independent_sources == 1 and fact.status == "single_source"
    # A copy that dropped the credit is still part of its origin's report.
    (fact,) = with_status([relayed], [], (("a", "c"), ("b",)))
    assert fact.independent_sources == 1
