"""The same event given another cause than the source gives it (verify.causes)."""

from __future__ import annotations

from typing import Any

from factories import pair_disputes as disputes


def test_another_reason_is_disputed(parse: Any, embed: Any) -> None:
    source = (
        "The court acquitted Ola Lund and Per Marek because it found insufficient evidence "
        "that either man knew of the payments."
    )
    draft = "Ola Lund and Per Marek were acquitted because they had cooperated with prosecutors."
    found = disputes(parse, embed, draft, source)
    assert [d.kind for d in found] == ["cause"], found
    assert found[0].reason == (
        "different cause: Outlet A says they had cooperated with prosecutors, Outlet B says it "
        "found insufficient evidence that either man knew of the payments"
    )
    # The same reason in other words shares a word with it: not disputed.
    same = "Ola Lund and Per Marek were acquitted because of insufficient evidence."
    assert not disputes(parse, embed, same, source)


def test_another_doer_of_a_verb_of_causing_is_disputed(parse: Any, embed: Any) -> None:
    source = "Investigators believe a leak in the riser pipe may have caused the explosion."
    draft = "Investigators believe a faulty boiler may have triggered the explosion."
    assert [d.kind for d in disputes(parse, embed, draft, source)] == ["cause"]
    # A name as the doer is the actor check's; a cause the article prints is a second one.
    named = "Investigators believe Varn Gas may have caused the explosion."
    assert not [d for d in disputes(parse, embed, named, source) if d.kind == "cause"]
    both = source + " A faulty boiler was also found in the flat."
    assert not [d for d in disputes(parse, embed, draft, both) if d.kind == "cause"]


def test_a_scheduled_due_to_is_no_reason(parse: Any, embed: Any) -> None:
    source = "The roof fell shortly before a hockey practice was due to begin."
    draft = "The roof fell shortly before a hockey practice had been due to start."
    assert not [d for d in disputes(parse, embed, draft, source) if d.kind == "cause"]
