"""Fact alignment: paraphrases across outlets become one fact; one article never counts twice."""

from __future__ import annotations

from storydesk.facts.align import build_facts
from storydesk.options import Options


def test_paraphrases_group_and_unrelated_stay_apart(parse, embed) -> None:  # type: ignore[no-untyped-def]
    claims = parse(
        "The harbour bridge was closed on Tuesday after inspectors found cracks. "
        "The mayor called an emergency meeting.",
        "Inspectors discovered cracks, and the harbour bridge was shut on Tuesday. "
        "A local bakery won a national prize for its rye bread.",
        "After cracks were found by inspectors, the bridge over the harbour closed Tuesday.",
    )
    emb = embed(claims)
    facts = build_facts(claims, emb @ emb.T, Options())
    top = facts[0]
    assert set(top.sources) == {"a", "b", "c"}
    assert top.status == "confirmed"
    assert all(len(f.sources) == len(f.mentions) for f in facts)  # one mention per article
    bakery = [f for f in facts if "bakery" in f.text]
    assert bakery and bakery[0].status == "single_source" and bakery[0].sources == ("b",)
    assert sum(len(f.mentions) for f in facts) == len(claims)


def test_same_article_restatements_are_not_merged(parse, embed) -> None:  # type: ignore[no-untyped-def]
    claims = parse("The bridge closed on Tuesday. On Tuesday, the bridge was closed.")
    emb = embed(claims)
    facts = build_facts(claims, emb @ emb.T, Options())
    assert len(facts) == 2 and all(f.status == "single_source" for f in facts)
