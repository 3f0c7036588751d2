"""Provenance: MinHash, derivation detection and direction, independence groups, corroboration."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import storydesk
from storydesk.model import Article, Brief, Claim, Derivation, Fact, Mention
from storydesk.provenance import find_derivations, independence_groups
from storydesk.provenance.features import (
    article_view,
    edit_distance,
    longest_increasing,
    name_contexts,
    shared_errors,
)
from storydesk.provenance.score import LINK_THRESHOLD
from storydesk.verify.stage import with_status

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "marrowport-bridge" / "articles"

ORIGIN = (
    "Flooding closed the main rail line between Ardley and Penwick on Saturday after the River "
    "Tamsin burst its banks overnight. Network engineers said water had washed away ballast "
    "under a 200-metre stretch of track near Coldharbour junction. About 14,000 passengers use "
    "the line on a normal weekday, according to the operator Westmere Trains.\n\n"
    "Replacement buses will run every 20 minutes from Ardley station until further notice. "
    "The operator said the journey would take about 50 minutes longer than by train. Repairs "
    "cannot begin until the river level falls, which forecasters expect on Tuesday at the "
    "earliest.\n\n"
    "Local councillor Dafydd Orme said the same stretch had flooded twice in five years. He "
    "called for the embankment to be raised before next winter. Westmere Trains apologised to "
    "passengers and said tickets would be accepted on the buses without extra charge."
)
SUMMARY = (
    "Flooding closed the main rail line between Ardley and Penwick on Saturday after the River "
    "Tamsin burst its banks overnight. Replacement buses will run every 20 minutes from Ardley "
    "station until further notice. Local councillor Dafydd Orme said the same stretch had "
    "flooded twice in five years."
)
INDEPENDENT = (
    "Commuters in the Tamsin valley face days of disruption. Rising water swamped the railway "
    "near Coldharbour late on Friday night, and by dawn trains had stopped running. A spokesman "
    "for Westmere Trains told this paper that crews could not inspect the damage while the "
    "river remained so high.\n\n"
    "Shopkeepers in Penwick worried about losing weekend trade. Margaret Lowe, who runs a bakery "
    "opposite the station, said her Saturday customers had simply not arrived. Buses have been "
    "laid on instead of trains, but several passengers complained about long queues. The "
    "Environment Office issued a flood warning for the lower valley, where more rain is "
    "forecast for Monday."
)


def _derive(
    parse: Callable[..., list[Claim]],
    embed: Callable[[list[Claim]], np.ndarray],
    texts: list[str],
    published: list[str | None] | None = None,
) -> tuple[list[Article], list[Derivation]]:
    """Articles a, b, c... (the ids the `parse` fixture gives) with outlets and times."""
    claims = parse(*texts)
    times = published or [None] * len(texts)
    arts = [
        Article(chr(97 + i), f"{chr(97 + i)}.txt", t, source=f"Outlet {i}", published=times[i])
        for i, t in enumerate(texts)
    ]
    return arts, find_derivations(arts, claims, embed(claims))


def test_helpers() -> None:
    assert longest_increasing([3, 1, 2, 5, 4, 6]) == 4
    assert edit_distance("Rusck", "Rusk") == 1
    assert name_contexts("Officials said Imelda Rusck spoke.")["Rusck"] == frozenset({"Imelda"})


def test_shared_misspelling_needs_the_rest_of_the_story() -> None:
    texts = {
        "a": "Port chief Imelda Rusck said the bridge would stay shut.",
        "b": "The chief, Imelda Rusck, said the bridge would stay shut.",
        "c": "Imelda Rusk, head of the port authority, ordered the closure.",
    }
    views = [article_view(Article(k, k, t), [], ()) for k, t in texts.items()]
    df = Counter(n for v in views for n in v.names)
    assert shared_errors(views[0], views[1], [views[2]], df) == (("Rusck", "Rusk"),)
    assert shared_errors(views[0], views[2], [views[1]], df) == ()


def test_copy_is_derived_and_the_earlier_one_is_the_origin(parse, embed) -> None:  # type: ignore[no-untyped-def]
    # The copy (a) was published two hours after the original (b): time decides the direction.
    _, found = _derive(parse, embed, [ORIGIN, ORIGIN], ["2024-03-02T11:00Z", "2024-03-02T09:00Z"])
    assert len(found) == 1
    d = found[0]
    assert (d.source, d.target, d.directed) == ("b", "a", True)
    assert d.score > 0.95
    assert "Outlet 0 published 2 h after Outlet 1" in d.evidence
    assert any("follow Outlet 1 in order" in e for e in d.evidence)


def test_summary_by_selection_is_derived_from_the_fuller_article(parse, embed) -> None:  # type: ignore[no-untyped-def]
    _, found = _derive(parse, embed, [SUMMARY, ORIGIN])
    assert len(found) == 1
    d = found[0]
    assert (d.source, d.target, d.directed) == ("b", "a", True)
    assert any("mostly contained in Outlet 1" in e for e in d.evidence)


def test_independent_reports_of_one_event_are_not_linked(parse, embed) -> None:  # type: ignore[no-untyped-def]
    arts, found = _derive(parse, embed, [ORIGIN, INDEPENDENT])
    assert found == []
    assert independence_groups([a.id for a in arts], found) == (("a",), ("b",))


def test_large_story_path_finds_the_copy_and_never_pairs_an_article_with_itself(  # type: ignore[no-untyped-def]
    parse, embed, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ALL_PAIRS_MAX articles, MinHash LSH and embedding neighbours propose the pairs (here
    the neighbours reach every article, the case that once proposed self-pairs)."""
    monkeypatch.setattr("storydesk.provenance.stage.ALL_PAIRS_MAX", 2)
    _, found = _derive(parse, embed, [ORIGIN, INDEPENDENT, ORIGIN])
    assert [(d.source, d.target) for d in found] == [("a", "c")]


def _fact(fid: str, *articles: str) -> Fact:
    mentions = tuple(Mention(a, f"{a}:{fid}", "text", 0, 4) for a in articles)
    return Fact(fid, "text", mentions)


def test_groups_and_independent_sources() -> None:
    d = Derivation("wire", "copy", 0.9, True, ())
    weak = Derivation("copy", "other", LINK_THRESHOLD - 0.01, False, ())
    groups = independence_groups(["wire", "copy", "other"], [d, weak])
    assert groups == (("wire", "copy"), ("other",))
    facts = with_status(
        [_fact("f1", "wire", "copy"), _fact("f2", "wire", "other"), _fact("f3", "copy")],
        [],
        groups,
    )
    by_id = {f.id: f for f in facts}
    assert by_id["f1"].status == "single_source" and by_id["f1"].independent_sources == 1
    assert by_id["f1"].sources == ("wire", "copy")  # every outlet still listed
    assert by_id["f2"].status == "confirmed" and by_id["f2"].independent_sources == 2
    assert by_id["f3"].status == "single_source"
    # Without provenance every article counts (the old rule), and the count stays "not computed".
    legacy = with_status([_fact("f1", "wire", "copy")], [])
    assert legacy[0].status == "confirmed" and legacy[0].independent_sources == 0


# ---------------------------------------------------------------------------------------------
# the example story and the reference seeds, end to end


@pytest.fixture(scope="module")
def example() -> Brief:
    return storydesk.brief(EXAMPLE)


def _id(brief: Brief, prefix: str) -> str:
    return next(a.id for a in brief.articles if a.id.startswith(prefix))


def test_example_ledger_is_derived_from_the_wire(example: Brief) -> None:
    wire, ledger = _id(example, "01"), _id(example, "02")
    d = next(d for d in example.derivations if {d.source, d.target} == {wire, ledger})
    assert (d.source, d.target) == (wire, ledger)  # expected.json "copied": 02 copies 01
    assert d.directed and d.score >= LINK_THRESHOLD
    group = example.group_of(wire)
    assert group is not None and example.group_of(ledger) == group
    # 03 translates the wire and 04 summarises it (expected.json "derived_from_wire"), so both
    # join the wire's group; 05, the independent report, is its own source.
    for prefix in ("03", "04"):
        assert example.group_of(_id(example, prefix)) == group
    assert example.group_of(_id(example, "05")) != group


def test_example_facts_of_the_wire_and_its_copy_alone_are_single_source(example: Brief) -> None:
    group = set(example.groups[example.group_of(_id(example, "01")) or 0])
    only_copies = [f for f in example.facts if len(f.sources) >= 2 and set(f.sources) <= group]
    assert only_copies
    assert all(f.status != "confirmed" and f.independent_sources == 1 for f in only_copies)
    confirmed = example.facts_with("confirmed")
    assert confirmed and all(f.independent_sources >= 2 for f in confirmed)


@pytest.mark.xfail(
    strict=True,
    reason="seed 003 is an abstractive summary of the CNN report behind 002: it shares 3-5% of "
    "5-word sequences and 11-15% of sentences at cosine >= 0.8 (score 0.07), below the link "
    "threshold. It does share 3 facts (cosine >= 0.66) no other seed reports (every other seed "
    "pair 0-1), but 2 of the provenance benchmark's 96 independent same-topic pairs share 5 and "
    "6, so that signal cannot link it without linking them; the general method does not find "
    "it and is not special-cased",
)
def test_seed_summary_is_derived_from_the_original_report(seeds_dir: Path) -> None:
    brief = storydesk.brief(seeds_dir)
    original, summary = _id(brief, "002"), _id(brief, "003")
    assert any(
        (d.source, d.target) == (original, summary) and d.score >= LINK_THRESHOLD
        for d in brief.derivations
    )
