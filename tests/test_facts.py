"""Fact alignment: paraphrases across outlets become one fact; one article never counts twice."""

from __future__ import annotations

import numpy as np

import storydesk
from storydesk.facts.align import build_facts
from storydesk.facts.quoted import as_quotation, misquoting_claims
from storydesk.model import Quote, QuoteGroup, QuoteVariant
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


def test_the_fact_text_stands_on_its_own_when_a_member_does(parse) -> None:  # type: ignore[no-untyped-def]
    claims = parse(
        "He added that the harbour bridge would stay closed until June.",
        "The harbour bridge will stay closed until June, the mayor said.",
        "This means the harbour bridge stays shut until June.",
    )
    # The first claim is the most central; a reader of the brief would not know who "he" is.
    sims = np.array([[1.0, 0.9, 0.9], [0.9, 1.0, 0.8], [0.9, 0.8, 1.0]])
    facts = build_facts(claims, sims, Options())
    assert len(facts) == 1 and facts[0].text == claims[1].text
    # With no member standing alone, the most central one is still the text.
    alone = build_facts([claims[0], claims[2]], sims[np.ix_([0, 2], [0, 2])], Options())
    assert alone[0].text == claims[0].text


def _changed_quote(claim, words: str, relation: str) -> tuple[Quote, QuoteGroup]:  # type: ignore[no-untyped-def]
    """A quotation inside `claim` whose wording its outlet changed (`relation`)."""
    start = claim.start + claim.text.index(words)
    q = Quote(f"{claim.article}:q1", claim.article, words, start, start + len(words), "Lind")
    v = QuoteVariant(q.id, claim.article, words, relation, 0.8)  # type: ignore[arg-type]
    return q, QuoteGroup("g1", "Lind", "steady", "x:q1", (v,))


def test_the_fact_text_does_not_misquote_when_a_member_does_not(parse) -> None:  # type: ignore[no-untyped-def]
    claims = parse(
        'The mayor said the partners are "engaging in a very stable way" with the alliance.',
        "The partners are engaging steadily with the alliance, the mayor said.",
    )
    sims = np.array([[1.0, 0.9], [0.9, 1.0]])
    assert build_facts(claims, sims, Options())[0].text == claims[0].text  # ties: the first
    q, group = _changed_quote(claims[0], "engaging in a very stable way", "edited")
    avoid = misquoting_claims(claims, [q], [group])
    assert avoid == {claims[0].id}
    assert build_facts(claims, sims, Options(), avoid)[0].text == claims[1].text
    # A verbatim or trimmed wording is no misquote.
    for relation in ("verbatim", "trimmed"):
        q, group = _changed_quote(claims[0], "engaging in a very stable way", relation)
        assert misquoting_claims(claims, [q], [group]) == frozenset()


def test_quoted_words_are_attributed_to_their_speaker(seeds_dir) -> None:  # type: ignore[no-untyped-def]
    brief = storydesk.brief(sorted(seeds_dir.glob("*.txt")))
    quoted = {f.text: f.quoted_by for f in brief.facts if f.quoted_by}
    fragment = next(t for t in quoted if t.startswith("That is why cooperation"))
    assert quoted[fragment] == "Yoshimasa Hayashi"
    assert any(who == "Mao Ning" for who in quoted.values())
    # Reported speech with its own attribution is the outlet's sentence, not a quotation.
    told = [f for f in brief.facts if "Hayashi told CNN" in f.text]
    assert told and all(f.quoted_by is None for f in told)


def test_as_quotation_puts_back_the_mark_the_split_left_outside() -> None:
    assert as_quotation("That is why it matters.”") == "“That is why it matters.”"
    assert as_quotation('"It should not be a platform.') == '"It should not be a platform."'
    assert as_quotation("“Whole.”") == "“Whole.”"
    assert as_quotation("No marks at all.") == "“No marks at all.”"
