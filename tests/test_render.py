"""Renderers: schema names, escaping of hostile article text, self-contained HTML, live anchors."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from html.parser import HTMLParser

from factories import HOSTILE, empty_brief, make_brief
from storydesk.briefing.render_html import to_html
from storydesk.briefing.render_json import SCHEMA_VERSION, extract_to_dict, to_dict, to_json
from storydesk.briefing.render_markdown import to_markdown
from storydesk.model import Brief, Derivation, Fact, Mention

# ---------------------------------------------------------------------------------------- JSON


def test_json_round_trips_and_is_deterministic() -> None:
    brief = make_brief()
    text = to_json(brief)
    assert json.loads(text) == to_dict(brief)
    assert to_json(make_brief()) == text
    assert list(json.loads(text)) == [
        "schema_version",
        "articles",
        "facts",
        "disputes",
        "conflicts",
        "summary",
        "problems",
        "quotes",
        "provenance",
        "groups",
    ]
    assert "Zürich" in text  # ensure_ascii=False
    assert text.endswith("\n")


def test_json_has_schema_names() -> None:
    data = to_dict(make_brief())
    assert data["schema_version"] == SCHEMA_VERSION == "1"
    article_keys = {"id", "source", "title", "published", "url", "language", "words", "removed"}
    for a in data["articles"]:
        assert article_keys | {"text", "path", "format", "removed_reasons"} <= set(a)
        assert all(isinstance(r, str) for r in a["removed"])
    assert data["articles"][0]["removed_reasons"] == [
        {"text": "Subscribe now | <b>today</b>", "reason": "newsletter"}
    ]
    for f in data["facts"]:
        assert {"id", "text", "status", "sources", "mentions"} <= set(f)
        assert f["status"] in {"confirmed", "single_source", "disputed"}
        for m in f["mentions"]:
            assert {"article", "text", "start", "end"} <= set(m)
    assert data["facts"][0]["sources"] == ["a1", "b.2", "c 3"]
    d = data["disputes"][0]
    assert {"a", "b", "kind", "reason", "confidence", "claims"} <= set(d)
    assert {"article", "text"} <= set(d["a"])
    assert d["claims"] == ["a1:1", "b.2:1"]
    assert data["summary"][0]["cites"] == ["a1", "b.2", "c 3"]
    assert data["problems"] == [
        {"path": "/data/<bad>.html", "problem": "not an article: too short", "record": None}
    ]


def test_json_offsets_point_into_article_text() -> None:
    data = to_dict(make_brief())
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for f in data["facts"]:
        for m in f["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]] == m["text"]
    for d in data["disputes"]:
        for side in (d["a"], d["b"]):
            assert texts[side["article"]][side["start"] : side["end"]] == side["text"]


def test_json_dispute_side_found_by_text_when_claim_missing() -> None:
    brief = replace(make_brief(), claims=())
    side = to_dict(brief)["disputes"][0]["a"]
    assert side["start"] is not None
    assert brief.article("a1").text[side["start"] : side["end"]] == side["text"]


def test_json_non_finite_scores_become_null() -> None:
    brief = make_brief()
    fact = replace(brief.facts[0], cohesion=math.nan)
    data = json.loads(to_json(replace(brief, facts=(fact, *brief.facts[1:]))))
    assert data["facts"][0]["cohesion"] is None


def test_extract_to_dict_shape() -> None:
    brief = make_brief()
    data = extract_to_dict(brief.articles, brief.problems)
    assert list(data) == ["schema_version", "articles", "problems"]
    assert data["articles"][1]["id"] == "b.2"
    # The brief's article keys, `group` included (null: no provenance ran).
    brief_article = to_dict(brief)["articles"][1]
    assert list(data["articles"][1]) == list(brief_article)
    assert data["articles"][1]["group"] is None


# ------------------------------------------------------------------------------------ Markdown


def test_markdown_sections_in_order() -> None:
    md = to_markdown(make_brief())
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads == [
        "## Summary",
        "## Confirmed",
        "## Single source",
        "## Disputed",
        "## Quotes",
        "## Provenance",
        "## Sources",
        "## Problems",
    ]


def test_markdown_escapes_hostile_text() -> None:
    md = to_markdown(make_brief())
    assert "<script>" not in md
    assert r"\<script\>" in md
    assert "<b>" not in md
    assert r"\&" in md


def test_markdown_table_rows_keep_their_columns() -> None:
    md = to_markdown(make_brief())
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + 3  # header + one row per article
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 8  # 7 columns


def test_markdown_content() -> None:
    md = to_markdown(make_brief())
    assert r'\[Outlet "A" \& Co\]\[Outlet B\]\[Outlet C\]' in md  # summary citations
    assert r'_only Outlet "A" \& Co_' in md  # single source names the outlet
    assert "### 1. number\n\n12 \\<vs\\> 15 people injured \\& counting\n" in md
    assert "Officials said 12 people were injured." in md
    assert "Officials said 15 people were injured \\| according to the mayor." in md
    assert "newsletter" in md  # removed boilerplate listed with its reason
    assert "<https://example.com/a?x=1&y=2>" in md
    assert "<javascript:" not in md and "javascript:alert(1)" in md  # text, not an autolink
    assert "not an article: too short" in md


def test_markdown_neutralises_leading_block_markers() -> None:
    brief = make_brief()
    m = brief.facts[1].mentions[0]
    facts = (
        Fact("h", "# Not a heading", (m,), "single_source"),
        Fact("n", "1. Not a list", (m,), "single_source"),
        Fact("d", "- not a bullet", (m,), "single_source"),
    )
    md = to_markdown(replace(brief, facts=facts))
    assert "- \\# Not a heading" in md
    assert "- 1\\. Not a list" in md
    assert "- \\- not a bullet" in md


def test_markdown_empty_brief() -> None:
    md = to_markdown(empty_brief())
    assert "_No summary could be written._" in md
    assert "_No disagreements found._" in md
    assert "_All inputs were used._" in md


# ---------------------------------------------------------------------------------------- HTML


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.tags: list[str] = []
        self.marks: dict[str, str] = {}
        self._mark: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if a.get("href") is not None:
            self.hrefs.append(a["href"] or "")
        if a.get("src") is not None:
            self.srcs.append(a["src"] or "")
        if tag == "mark":
            self._mark = a.get("id")
            self.marks[self._mark or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self.marks[self._mark] += data


def _parse(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    c.close()
    return c


def _assert_anchors_resolve(page: str) -> _Collector:
    c = _parse(page)
    assert len(c.ids) == len(set(c.ids)), "duplicate ids"
    for href in c.hrefs:
        if href.startswith("#"):
            assert href[1:] in c.ids, f"dangling {href}"
    for i in c.ids:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", i), i
    return c


def test_html_is_self_contained() -> None:
    page = to_html(make_brief())
    c = _parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "<style>" in page
    assert c.srcs == []
    assert "link" not in c.tags and "script" not in c.tags and "img" not in c.tags
    assert "@import" not in page and "url(" not in page
    external = [h for h in c.hrefs if not h.startswith("#")]
    assert external == ["https://example.com/a?x=1&y=2"]  # only the http(s) article link


def test_html_escapes_hostile_text() -> None:
    page = to_html(make_brief())
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp; ampersands" in page
    assert "<b>" not in page
    assert "Outlet &quot;A&quot; &amp; Co" in page
    assert "12 &lt;vs&gt; 15 people injured &amp; counting" in page
    assert "/data/&lt;bad&gt;.html" in page
    assert 'href="https://example.com/a?x=1&amp;y=2"' in page


def test_html_javascript_url_is_text_not_link() -> None:
    page = to_html(make_brief())
    c = _parse(page)
    assert not any("javascript" in h for h in c.hrefs)
    assert "<code>javascript:alert(1)</code>" in page


def test_html_citations_resolve_to_marked_sentences() -> None:
    brief = make_brief()
    c = _assert_anchors_resolve(to_html(brief))
    cites = [h for h in c.hrefs if h.startswith("#m-")]
    # 4 summary + 3 confirmed + 1 single + 2 disputed-fact + 2 dispute-side citations
    assert len(cites) == 12
    assert "#m-a1-0" in cites and "#m-b_2-0" in cites and "#m-c_3-23" in cites
    texts = {a.id: a.text for a in brief.articles}
    for mark_id, content in c.marks.items():
        found = re.fullmatch(r"m-(.+)-(\d+)", mark_id)
        assert found, mark_id
        aid = {"a1": "a1", "b_2": "b.2", "c_3": "c 3"}[found.group(1)]
        assert content and texts[aid][int(found.group(2)) :].startswith(content)


def test_html_sections_badges_and_removed() -> None:
    page = to_html(make_brief())
    for sid in ("summary", "confirmed", "single-source", "disputed", "sources", "problems"):
        assert f'<section id="{sid}">' in page
    assert 'class="badge confirmed"' in page
    assert 'class="badge single_source"' in page
    assert 'class="badge disputed"' in page
    assert "<details><summary>Removed boilerplate (1)</summary>" in page
    assert "Subscribe now | &lt;b&gt;today&lt;/b&gt;" in page


def test_html_sources_table_rows_match_the_header() -> None:
    page = to_html(make_brief())
    table = page[page.index('<section id="sources">') :]
    table = table[: table.index("</table>")]
    header = re.findall(r"<th>([^<]*)</th>", table)
    rows = re.findall(r"<tr>(.*?)</tr>", table)[1:]
    assert "group" in header
    assert len(rows) == 3
    for row in rows:
        assert row.count("<td") == len(header), row


def test_header_counts_the_disagreements_the_disputed_section_shows() -> None:
    brief = make_brief()
    page = to_html(brief)
    shown = int(re.search(r"Disputed <small>\((\d+)\)", page).group(1))  # type: ignore[union-attr]
    assert f"· {shown} disagreement" in page
    md = to_markdown(brief)
    assert f"; {md.count(chr(10) + '### ', 0, md.index('## Quotes'))} disagreement" in md


def test_html_survives_bad_and_overlapping_offsets() -> None:
    brief = make_brief()
    a_text = brief.article("a1").text
    good = brief.facts[0].mentions[0]
    overlapping = Mention("a1", "a1:x", a_text[5:30], 5, 30)
    out_of_range = Mention("a1", "a1:y", "Officials said 12", 10_000, 10_020)
    lost = Mention("a1", "a1:z", "text that is nowhere", -4, 2)
    unknown = Mention("zz", "zz:0", "no such article", 0, 3)
    fact = Fact("odd", "odd", (good, overlapping, out_of_range, lost, unknown), "confirmed")
    page = to_html(replace(brief, facts=(fact, *brief.facts)))
    c = _assert_anchors_resolve(page)
    assert "#src-a1" in c.hrefs or "#m-a1-0" in c.hrefs


def test_html_empty_brief_and_no_claims() -> None:
    page = to_html(empty_brief())
    _assert_anchors_resolve(page)
    assert "No disagreements found." in page
    _assert_anchors_resolve(to_html(replace(make_brief(), claims=())))


def test_html_id_collisions_after_sanitising() -> None:
    brief = make_brief()
    a, b, _ = brief.articles
    twin = replace(b, id="b_2", source="Outlet B")  # sanitises to the same slug as "b.2"
    _assert_anchors_resolve(to_html(Brief((a, b, twin), brief.facts, (), brief.summary)))
    md = to_markdown(Brief((a, b, twin), (), (), ()))
    assert "Outlet B (b.2)" in md and "Outlet B (b\\_2)" in md


def test_hostile_constant_is_really_hostile() -> None:
    assert "<script>" in HOSTILE and '"' in HOSTILE and "&" in HOSTILE


# ---------------------------------------------------------------------------------------- Quotes


def _quote_brief() -> Brief:
    from storydesk.model import QuoteGroup, QuoteVariant

    brief = make_brief()
    a, b = brief.articles[0], brief.articles[1]
    at = a.text.find(HOSTILE)
    variants = (
        QuoteVariant(
            "a1:q1", a.id, HOSTILE, "verbatim", 1.0, (("=", HOSTILE),), at, at + len(HOSTILE)
        ),
        QuoteVariant(
            "b.2:q1", b.id, "<b>not</b> & safe", "altered", 0.8,
            (("=", "<b>"), ("-", "<i>never</i>"), ("+", "not & safe")), None, None,
            "negation differs <script>", "<i>NATO</i> spokesman",
        ),
    )  # fmt: skip
    group = QuoteGroup("qg1", "<Rusk>", HOSTILE, "a1:q1", variants)
    return replace(brief, quotes=(group,))


def test_json_quotes_section() -> None:
    data = to_dict(_quote_brief())
    (g,) = data["quotes"]
    assert {"id", "speaker", "canonical", "variants"} <= set(g)
    v0, v1 = g["variants"]
    assert {"article", "quote", "text", "relation", "similarity", "diff"} <= set(v0)
    assert v1["relation"] == "altered" and v1["diff"][1] == ["-", "<i>never</i>"]
    assert (v0["speaker"], v1["speaker"]) == (None, "<i>NATO</i> spokesman")
    article = data["articles"][0]
    assert article["text"][v0["start"] : v0["end"]] == v0["text"]
    assert to_dict(make_brief())["quotes"] == []


def test_markdown_quotes_section_escapes() -> None:
    md = to_markdown(_quote_brief())
    assert "## Quotes" in md
    section = md[md.index("## Quotes") : md.index("## Sources")]
    assert "<script>" not in section and "<b>" not in section and "<i>" not in section
    assert "ALTERED" in section and "~~" in section
    # The outlet that credits someone else than the group's speaker says so, once.
    assert section.count("credited to") == 1 and "credited to \\<i\\>NATO" in section
    assert "_No direct quotations found._" in to_markdown(make_brief())


def test_html_quotes_section_escapes_and_marks_diff() -> None:
    page = to_html(_quote_brief())
    section = page[page.index('<section id="quotes">') : page.index('<section id="sources">')]
    assert "<script>" not in section and "<b>not" not in section and "<i>never" not in section
    assert "&lt;script&gt;" in section and "&lt;Rusk&gt;" in section
    assert section.count("credited to") == 1
    assert "credited to &lt;i&gt;NATO&lt;/i&gt; spokesman" in section
    assert '<span class="rel altered"' in section
    assert (
        "<del>&lt;i&gt;never&lt;/i&gt;</del>" in section and "<ins>not &amp; safe</ins>" in section
    )
    # A quotation with offsets cites its marked words, not the top of its article, also when no
    # fact or dispute marks them.
    alone = to_html(replace(_quote_brief(), facts=(), disputes=(), summary=()))
    first = re.search(r'class="cite" href="#(m-[^"]+)"', alone[alone.index('id="quotes"') :])
    assert first is not None and _assert_anchors_resolve(alone).marks[first.group(1)] == HOSTILE
    assert '<a href="#quotes">Quotes</a>' in page
    empty = to_html(make_brief())
    assert "No direct quotations found." in empty


# ---------------------------------------------------------------------------------- Provenance


def _derived_brief():  # type: ignore[no-untyped-def]
    brief = make_brief()
    a, b = brief.articles[0].id, brief.articles[1].id
    d = Derivation(
        a, b, 0.93, True, (f"80% of {HOSTILE} sentences follow in order",), (("o", 0.8),)
    )
    return replace(brief, derivations=(d,), groups=((a, b),)), a, b


def test_provenance_in_json() -> None:
    brief, a, b = _derived_brief()
    data = json.loads(to_json(brief))
    assert data["provenance"][0]["from"] == a and data["provenance"][0]["to"] == b
    assert data["provenance"][0]["directed"] is True
    assert data["groups"] == [[a, b]]
    assert {x["id"]: x["group"] for x in data["articles"]}[a] == 0
    assert all("independent_sources" in f for f in data["facts"])


def test_provenance_in_html_is_escaped_and_self_contained() -> None:
    brief, _, _ = _derived_brief()
    page = to_html(brief)
    section = page[page.index('<section id="provenance">') :]
    section = section[: section.index("</section>")]
    assert "<svg" in section and "derives from" in section
    assert "<script>" not in section and "&lt;script&gt;" in section
    assert 'href="http' not in section and "<link" not in section


def test_provenance_in_markdown() -> None:
    brief, _, _ = _derived_brief()
    md = to_markdown(brief)
    part = md[md.index("## Provenance") : md.index("## Sources")]
    assert "derives from" in part and "counted once" in part


def test_relayed_facts_say_how_many_sources_are_independent_and_whom_they_relay() -> None:
    brief = make_brief()
    confirmed = brief.facts[0]
    relayed = replace(
        confirmed, status="single_source", independent_sources=1, credited=("<Wire> & Co",)
    )
    brief = replace(brief, facts=(relayed, *brief.facts[1:]))
    assert to_dict(brief)["facts"][0]["credited"] == ["<Wire> & Co"]
    assert f"_(1 independent of {len(relayed.sources)}, relaying \\<Wire\\> \\& Co)_" in (
        to_markdown(brief)
    )
    assert f"1 independent of {len(relayed.sources)}, relaying &lt;Wire&gt; &amp; Co: " in (
        to_html(brief)
    )


def test_quoted_facts_are_shown_as_their_speakers_quotation_escaped() -> None:
    brief = make_brief()
    fact = replace(brief.facts[0], text="That is <why> it matters.”", quoted_by="<Ann> & Co")
    brief = replace(brief, facts=(fact, *brief.facts[1:]))
    assert to_dict(brief)["facts"][0]["quoted_by"] == "<Ann> & Co"
    assert to_dict(brief)["facts"][0]["text"] == "That is <why> it matters.”"  # as written
    assert "\\<Ann\\> \\& Co: “That is \\<why\\> it matters.”" in to_markdown(brief)
    assert "&lt;Ann&gt; &amp; Co: “That is &lt;why&gt; it matters.”" in to_html(brief)
