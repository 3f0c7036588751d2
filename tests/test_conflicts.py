"""Disputes gathered into conflicts: copies on one side make one entry, not one per copy."""

from __future__ import annotations

from dataclasses import replace

from factories import HOSTILE, article, claim, mention
from storydesk.briefing.conflicts import conflicts, sides_line
from storydesk.briefing.render_html import to_html
from storydesk.briefing.render_json import to_dict
from storydesk.briefing.render_markdown import to_markdown
from storydesk.model import Brief, Claim, Dispute, Fact, Side

WIRE = "About 42,000 vehicles cross the bridge each day."
COPY = "Around 42,000 vehicles use the bridge every day."
RIVAL = "About 24,000 vehicles use the bridge every day."
THIRD = "Some 30,000 vehicles use the bridge every day."


def _dispute(x: Claim, y: Claim, kind: str = "number") -> Dispute:
    return Dispute(Side(x.article, x.id, x.text), Side(y.article, y.id, y.text), kind, f"{kind}")


def _brief(
    pairs: list[tuple[int, int, str]], groups: tuple[tuple[str, ...], ...] = ()
) -> tuple[Brief, list[Claim]]:
    """Four outlets, one sentence each, all in one fact; disputes between claims by index."""
    texts = [WIRE, COPY, RIVAL, THIRD]
    names = ["Wire", "Ledger", "Courier", "Digest"]
    arts = [
        article(f"a{i}", t, source=n) for i, (t, n) in enumerate(zip(texts, names, strict=True))
    ]
    claims = [claim(a, 0, a.text) for a in arts]
    fact = Fact("f1", WIRE, tuple(mention(c) for c in claims), "disputed")
    disputes = tuple(_dispute(claims[i], claims[j], kind) for i, j, kind in pairs)
    brief = Brief(
        articles=tuple(arts),
        facts=(fact,),
        disputes=disputes,
        summary=(),
        claims=tuple(claims),
        groups=groups,
    )
    return brief, claims


def _articles(sides: tuple[Side, ...]) -> list[str]:
    return [s.article for s in sides]


def test_copies_against_one_outlet_are_one_conflict_counting_the_copies_once() -> None:
    brief, _ = _brief([(0, 2, "number"), (1, 2, "number")], groups=(("a0", "a1"), ("a2",)))
    (c,) = conflicts(brief)
    assert (_articles(c.sides[0]), _articles(c.sides[1])) == (["a0", "a1"], ["a2"])
    assert c.independent == (1, 1)
    assert c.disputes == (0, 1)
    names = {a.id: a.label for a in brief.articles}
    assert sides_line(c, names) == "Wire and Ledger (1 independent source) against Courier"


def test_without_independence_groups_each_outlet_counts() -> None:
    brief, _ = _brief([(0, 2, "number"), (1, 2, "number")])
    (c,) = conflicts(brief)
    assert c.independent == (2, 1)
    assert "independent" not in sides_line(c, {a.id: a.label for a in brief.articles})


def test_three_figures_each_against_the_others_stay_pairwise() -> None:
    # 42,000 vs 24,000 vs 30,000: no two sides exist, so no outlet is put beside another.
    brief, _ = _brief([(0, 2, "number"), (0, 3, "number"), (2, 3, "number")])
    found = conflicts(brief)
    assert [c.disputes for c in found] == [(0,), (1,), (2,)]
    assert all(len(c.sides[0]) == len(c.sides[1]) == 1 for c in found)


def test_kinds_are_not_mixed() -> None:
    brief, _ = _brief([(0, 2, "number"), (1, 2, "date")])
    assert [(c.kind, c.disputes) for c in conflicts(brief)] == [("number", (0,)), ("date", (1,))]


def test_disputes_over_different_facts_are_not_gathered() -> None:
    # The Wire's sentence is disputed by the Courier in one fact and by the Digest in another:
    # two disagreements that share a sentence, not one with two outlets on a side.
    brief, claims = _brief([(0, 2, "number"), (0, 3, "number")])
    f1 = Fact("f1", WIRE, (mention(claims[0]), mention(claims[2])), "disputed")
    f2 = Fact("f2", THIRD, (mention(claims[3]),), "disputed")
    found = conflicts(replace(brief, facts=(f1, f2)))
    assert [c.disputes for c in found] == [(0,), (1,)]


def test_a_side_holds_every_sentence_of_its_fact() -> None:
    # The Wire and the Ledger state 42,000 in one fact, the Courier 24,000 in another. Only the
    # Wire's sentence was compared with the Courier's: the Ledger still stands on the Wire's side.
    brief, claims = _brief([(0, 2, "number")], groups=(("a0", "a1"),))
    f1 = Fact("f1", WIRE, (mention(claims[0]), mention(claims[1])), "disputed")
    f2 = Fact("f2", RIVAL, (mention(claims[2]),), "disputed")
    (found,) = conflicts(replace(brief, facts=(f1, f2)))
    assert [_articles(side) for side in found.sides] == [["a0", "a1"], ["a2"]]
    assert found.independent == (1, 1)  # the Ledger copies the Wire: still one source
    names = {a.id: a.label for a in brief.articles}
    assert sides_line(found, names) == "Wire and Ledger (1 independent source) against Courier"
    # Both sides in one fact: no fact says which side a third sentence is on.
    (alone,) = conflicts(brief)
    assert [_articles(side) for side in alone.sides] == [["a0"], ["a2"]]


def test_every_dispute_is_in_exactly_one_conflict_in_json() -> None:
    brief, _ = _brief(
        [(0, 2, "number"), (1, 2, "number"), (0, 3, "number"), (2, 3, "actor")],
        groups=(("a0", "a1"),),
    )
    data = to_dict(brief)
    listed = sorted(i for c in data["conflicts"] for i in c["disputes"])
    assert listed == list(range(len(data["disputes"])))
    first = data["conflicts"][0]
    assert first["sides"][0][0] == {"article": "a0", "claim": "a0:0"}
    assert set(first) == {
        "kind", "sides", "independent_sources", "reasons", "confidence", "disputes"
    }  # fmt: skip


def test_markdown_and_html_list_conflicts_not_pairs() -> None:
    brief, _ = _brief([(0, 2, "number"), (1, 2, "number")], groups=(("a0", "a1"), ("a2",)))
    md = to_markdown(brief)
    assert md.count("### ") == 1
    assert "Wire and Ledger (1 independent source) against Courier." in md
    page = to_html(brief)
    assert page.count('<div class="dispute">') == 1
    assert "Disputed <small>(1)</small>" in page


def test_outlet_names_in_the_sides_line_are_escaped() -> None:
    brief, _ = _brief([(0, 2, "number"), (1, 2, "number")])
    hostile = replace(brief.articles[1], source=HOSTILE)
    brief = replace(brief, articles=(brief.articles[0], hostile, *brief.articles[2:]))
    page = to_html(brief)
    assert "Wire and &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    md = to_markdown(brief)
    assert "Wire and \\<script\\>alert(1)\\</script\\>" in md
