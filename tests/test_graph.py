"""The derivation graph SVG: well-formed, escaped, one node per article, arrows only if directed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from factories import HOSTILE, make_brief
from storydesk.briefing.render_graph import derivation_svg
from storydesk.model import Brief, Derivation

SVG = "{http://www.w3.org/2000/svg}"


def graph_brief() -> Brief:
    brief = make_brief()
    a, b, c = (x.id for x in brief.articles)
    derivations = (
        Derivation(a, b, 0.93, True, ("80% of Outlet B's sentences follow A in order",)),
        Derivation(b, c, 0.61, False, (f"evidence with {HOSTILE}",)),
    )
    return replace(brief, derivations=derivations, groups=((a, b, c),))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on malformed XML or unescaped text


def test_svg_is_well_formed_and_scales_to_the_page() -> None:
    root = parse(derivation_svg(graph_brief()))
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 ")
    svg = derivation_svg(graph_brief())
    assert "<script" not in svg and "href" not in svg  # no script, no external assets


def test_one_node_per_article_with_its_group() -> None:
    brief = graph_brief()
    root = parse(derivation_svg(brief))
    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    assert sorted(n.get("data-article") or "" for n in nodes) == sorted(
        a.id for a in brief.articles
    )
    assert {n.get("data-group") for n in nodes} == {"0"}


def test_arrows_only_for_directed_edges_and_scores_as_labels() -> None:
    root = parse(derivation_svg(graph_brief()))
    edges = [g for g in root.iter(f"{SVG}g") if (g.get("class") or "").startswith("edge")]
    assert len(edges) == 2
    for edge in edges:
        line = edge.find(f"{SVG}line")
        assert line is not None
        directed = "directed" in (edge.get("class") or "").split()
        assert (line.get("marker-end") is not None) == directed
    labels = {t.text for e in edges for t in e.iter(f"{SVG}text")}
    assert labels == {"0.93", "0.61"}


def test_hostile_outlet_names_and_evidence_are_escaped() -> None:
    svg = derivation_svg(graph_brief())
    assert "<script>" not in svg
    root = parse(svg)
    texts = " ".join(t.text or "" for t in root.iter() if t.text)
    assert 'Outlet "A" & Co' in texts  # readable after parsing, so escaped (not dropped)
    assert HOSTILE in texts


def test_groups_get_different_colours_and_layout_is_deterministic() -> None:
    brief = graph_brief()
    a, b, c = (x.id for x in brief.articles)
    split = replace(brief, groups=((a, b), (c,)))
    svg = derivation_svg(split)
    assert svg == derivation_svg(split)
    root = parse(svg)
    fills = {
        g.get("data-article"): g.find(f"{SVG}circle").get("fill")  # type: ignore[union-attr]
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "node"
    }
    assert fills[a] == fills[b] != fills[c]


def test_empty_and_single_article_briefs_still_draw() -> None:
    brief = graph_brief()
    parse(derivation_svg(replace(brief, articles=(), derivations=(), groups=())))
    one = replace(brief, articles=brief.articles[:1], derivations=(), groups=())
    root = parse(derivation_svg(one))
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]) == 1


def test_labels_stay_inside_the_drawing() -> None:
    # Labels are centred on their node; a full-length label must fit the viewBox on every side.
    from storydesk.briefing.render_graph import MAX_LABEL, WIDTH
    from storydesk.model import Article

    long_names = [f"{'Outlet name long enough to cut':.{MAX_LABEL - 2}} {k}" for k in range(7)]
    articles = tuple(
        Article(id=f"a{k}", path="", text="Text.", source=name) for k, name in enumerate(long_names)
    )
    svg = derivation_svg(replace(make_brief(), articles=articles, derivations=(), groups=()))
    labels = [t for t in parse(svg).iter(f"{SVG}text") if t.get("font-size") == "13"]
    assert len(labels) == 7
    half = MAX_LABEL * 13 * 0.6 / 2  # generous average glyph width for a sans-serif font
    for t in labels:
        x = float(t.get("x", "0"))
        assert t.get("text-anchor") == "middle" and half <= x <= WIDTH - half
