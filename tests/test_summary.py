"""The summary: majority versions of disputed facts, contested-by notes, ties left out."""

from __future__ import annotations

import numpy as np

from storydesk.briefing.build import choose_summary, outliers
from storydesk.model import Claim, Dispute, Fact, Mention, Side


def _claim(article: str, text: str) -> Claim:
    return Claim(id=f"{article}:0", article=article, index=0, start=0, end=len(text), text=text)


def _fact(fid: str, claims: list[Claim], status: str = "confirmed") -> Fact:
    mentions = tuple(Mention(c.article, c.id, c.text, c.start, c.end) for c in claims)
    return Fact(fid, claims[0].text, mentions, status)  # type: ignore[arg-type]


def _dispute(a: Claim, b: Claim) -> Dispute:
    return Dispute(Side(a.article, a.id, a.text), Side(b.article, b.id, b.text), "actor", "r")


LEAD = "The port authority ordered the bridge closed on Tuesday after a crack was found."
WRONG = "The city council ordered the bridge closed on Tuesday after a crack was found."


def test_outlier_is_the_side_opposed_by_more_outlets() -> None:
    a, b, c = _claim("a", LEAD), _claim("b", LEAD), _claim("c", WRONG)
    assert outliers([_dispute(a, c), _dispute(b, c)]) == {"c:0": {"a", "b"}}
    assert outliers([_dispute(a, c)]) == {}  # one against one: no majority


def test_majority_version_is_summarised_and_marked_contested() -> None:
    a, b, c = _claim("a", LEAD), _claim("b", LEAD), _claim("c", WRONG)
    claims = [a, b, c]
    emb = np.eye(3, dtype=np.float32)
    fact = _fact("f1", claims, "disputed")
    (s,) = choose_summary([fact], claims, emb, 6, [_dispute(a, c), _dispute(b, c)])
    assert s.text == LEAD and set(s.cites) == {"a", "b"} and s.contested_by == ("c",)


def test_tied_dispute_keeps_the_fact_out_of_the_summary() -> None:
    a, c = _claim("a", LEAD), _claim("c", WRONG)
    emb = np.eye(2, dtype=np.float32)
    fact = _fact("f1", [a, c], "disputed")
    assert choose_summary([fact], [a, c], emb, 6, [_dispute(a, c)]) == []


def test_redundant_and_quote_only_sentences_are_skipped() -> None:
    a1, b1 = _claim("a", LEAD), _claim("b", LEAD)
    quote = _claim("c", '"We will not reopen the bridge until it is safe," she said.')
    claims = [a1, b1, quote]
    emb = np.array([[1, 0], [1, 0], [0, 1]], dtype=np.float32)
    facts = [_fact("f1", [a1]), _fact("f2", [b1]), _fact("f3", [quote])]
    out = choose_summary(facts, claims, emb, 6)
    assert [s.fact for s in out] == ["f1"]


def test_a_misquoting_wording_is_not_the_summary_sentence_when_another_stands() -> None:
    edited = _claim("a", 'The mayor said the partners are "engaging in a very stable way" now.')
    plain = _claim("b", "The mayor said the partners are engaging with the alliance steadily.")
    claims = [edited, plain]
    emb = np.array([[1, 0], [1, 0]], dtype=np.float32)
    fact = _fact("f1", claims)
    (s,) = choose_summary([fact], claims, emb, 6)
    assert s.text == edited.text  # equal quality: the first
    (s,) = choose_summary([fact], claims, emb, 6, misquoting=frozenset({edited.id}))
    assert s.text == plain.text and set(s.cites) == {"a", "b"}
