"""The Marrowport bridge example: its files are well-formed, its answer key is true to them, and a
brief of it shows the faults the key lists.

The first two groups read only the files. The end-to-end group runs the whole pipeline once
(module-scoped fixture) and checks what a reader of the brief would check: leftovers gone and
accounted for, the planted contradictions found, one-outlet claims kept as such, core facts
confirmed by several outlets.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from storydesk.model import Article, Brief, Fact

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "marrowport-bridge"
EXPECTED: dict[str, Any] = json.loads((EXAMPLE / "expected.json").read_text(encoding="utf-8"))
ARTICLES = EXAMPLE / EXPECTED["articles_dir"]
OUTLETS: list[str] = sorted(EXPECTED["outlets"])
META_KEYS = {"Source", "URL", "Published", "Title"}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


def norm(text: str) -> str:
    """Lower-cased, whitespace-collapsed, with straight quotes, for phrase matching."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


# ---------------------------------------------------------------------------------------------
# reading the example files without storydesk


class _PageParser(HTMLParser):
    """Collects the article's text and the page text outside it, and checks tags balance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.article: list[str] = []
        self.outside: list[str] = []
        self.article_paragraphs = 0
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            d = dict(attrs)
            key = d.get("property") or d.get("name")
            if key and d.get("content"):
                self.meta[key] = d["content"] or ""
        if tag in VOID_TAGS:
            return
        if tag == "p" and "article" in self.stack:
            self.article_paragraphs += 1
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "title" in self.stack:
            self.title += data
        if "script" in self.stack or "style" in self.stack:
            return
        (self.article if "article" in self.stack else self.outside).append(data)


def parse_page(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def split_txt(path: Path) -> tuple[dict[str, str], str]:
    """(metadata, body) of a .txt article: an optional `Key: value` block, or a headline line,
    ended by a blank line."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    lines = head.splitlines()
    meta: dict[str, str] = {}
    if all(re.match(r"^[A-Z][A-Za-z]+: \S", line) for line in lines) and len(lines) > 1:
        for line in lines:
            key, _, value = line.partition(": ")
            meta[key] = value
    else:
        meta["Headline"] = head
    return meta, body


def jsonl_records(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def body_text(outlet: str) -> str:
    """The story text of one outlet's file, as a person reading the page would see it."""
    path = ARTICLES / outlet
    if path.suffix == ".html":
        return " ".join(parse_page(path).article)
    if path.suffix == ".jsonl":
        return "\n\n".join(r["text"] for r in jsonl_records(path))
    return split_txt(path)[1]


def occurs(phrase: str, outlet: str) -> bool:
    return norm(phrase) in norm(body_text(outlet))


# ---------------------------------------------------------------------------------------------
# 1. the files are well-formed


def test_every_listed_outlet_has_a_file_and_no_file_is_unlisted() -> None:
    on_disk = sorted(p.name for p in ARTICLES.iterdir() if p.is_file())
    assert on_disk == OUTLETS
    formats = sorted(EXPECTED["outlets"][o]["format"] for o in OUTLETS)
    assert formats.count("txt") in (2, 3)
    assert "html" in formats
    assert {"json", "jsonl"} & set(formats)


@pytest.mark.parametrize("outlet", [o for o in OUTLETS if o.endswith(".txt")])
def test_txt_files_are_non_empty_with_a_valid_head(outlet: str) -> None:
    meta, body = split_txt(ARTICLES / outlet)
    assert body.strip(), f"{outlet} has no body"
    if "Headline" in meta:
        assert "\n" not in meta["Headline"] and meta["Headline"].strip()
    else:
        assert set(meta) <= META_KEYS, f"unknown metadata keys in {outlet}: {set(meta) - META_KEYS}"
        dt.datetime.fromisoformat(meta["Published"])
        assert meta["Source"] == EXPECTED["outlets"][outlet]["source"]
        assert meta["URL"].startswith("https://") and ".example/" in meta["URL"]


def test_html_page_parses_and_looks_like_a_news_page() -> None:
    (outlet,) = [o for o in OUTLETS if o.endswith(".html")]
    page = parse_page(ARTICLES / outlet)
    assert not page.errors, page.errors
    assert not page.stack, f"unclosed tags: {page.stack}"
    assert page.title.strip()
    assert page.meta.get("og:site_name") == EXPECTED["outlets"][outlet]["source"]
    dt.datetime.fromisoformat(page.meta["article:published_time"])
    dt.date.fromisoformat(page.meta["date"])
    assert page.article_paragraphs >= 8


def test_jsonl_records_parse_with_all_fields() -> None:
    for outlet in (o for o in OUTLETS if o.endswith((".jsonl", ".json"))):
        records = jsonl_records(ARTICLES / outlet)
        assert records
        for rec in records:
            assert {"text", "title", "url", "source", "published"} <= set(rec)
            assert all(isinstance(rec[k], str) and rec[k] for k in ("text", "title", "url"))
            assert rec["source"] == EXPECTED["outlets"][outlet]["source"]
            dt.datetime.fromisoformat(rec["published"])


@pytest.mark.parametrize("outlet", OUTLETS)
def test_articles_are_news_length(outlet: str) -> None:
    words = len(body_text(outlet).split())
    assert 200 <= words <= 650, f"{outlet}: {words} words"


# ---------------------------------------------------------------------------------------------
# 2. the answer key is true to the files


def test_confirmed_facts_are_stated_by_three_or_more_outlets() -> None:
    assert len(EXPECTED["confirmed"]) >= 5
    for item in EXPECTED["confirmed"]:
        assert len(item["mentions"]) >= 3, item["fact"]
        for outlet, phrase in item["mentions"].items():
            assert occurs(phrase, outlet), f"{phrase!r} not in {outlet}"


def test_single_source_phrases_occur_in_exactly_one_outlet() -> None:
    for item in EXPECTED["single_source"]:
        holders = [o for o in OUTLETS if occurs(item["phrase"], o)]
        assert holders == [item["outlet"]], (item, holders)


def test_dispute_sides_occur_where_listed_and_nowhere_else() -> None:
    kinds = {d["kind"] for d in EXPECTED["disputes"]}
    assert {"number", "actor", "negation"} <= kinds
    assert kinds & {"date", "weekday"}
    for d in EXPECTED["disputes"]:
        a, b = d["sides"]
        assert not set(a["outlets"]) & set(b["outlets"])
        for side in (a, b):
            holders = [o for o in OUTLETS if occurs(side["phrase"], o)]
            assert holders == sorted(side["outlets"]), (d["kind"], side["phrase"], holders)


def test_weekday_clash_is_real() -> None:
    assert dt.date(2025, 10, 14).strftime("%A") == "Tuesday"


def test_boilerplate_lines_are_whole_lines_of_their_files() -> None:
    for item in EXPECTED["boilerplate"]:
        path = ARTICLES / item["outlet"]
        lines = {norm(line) for line in body_text(item["outlet"]).splitlines()}
        assert norm(item["line"]) in lines, f"{item['line']!r} is not a line of {path.name}"


def test_html_chrome_is_outside_the_article() -> None:
    page = parse_page(ARTICLES / EXPECTED["html_chrome"]["outlet"])
    outside, inside = norm(" ".join(page.outside)), norm(" ".join(page.article))
    for line in EXPECTED["html_chrome"]["lines"]:
        assert norm(line) in outside or norm(line) in inside, line
    # share buttons sit inside <article> on purpose (as on real sites); the rest is page chrome
    assert norm("We use cookies to improve your experience") not in inside


@pytest.mark.parametrize("key,changed", [("altered_quote", "altered"), ("edited_quote", "edited")])
def test_quotes_differ_between_outlets(key: str, changed: str) -> None:
    q = EXPECTED[key]
    orig, new = q["original"], q[changed]
    assert norm(orig["quote"]) != norm(new["quote"])
    for outlet in OUTLETS:
        assert occurs(orig["quote"], outlet) == (outlet in orig["outlets"]), (outlet, orig["quote"])
        assert occurs(new["quote"], outlet) == (outlet in new["outlets"]), (outlet, new["quote"])
    ratio = difflib.SequenceMatcher(None, norm(orig["quote"]).split(), norm(new["quote"]).split())
    assert 0.4 < ratio.ratio() < 0.95  # same quote, reworded: neither identical nor unrelated


def test_misspelled_names() -> None:
    for item in EXPECTED["misspelled_names"]:
        assert occurs(item["wrong"], item["outlet"])
        assert not occurs(item["right"], item["outlet"])
        assert sum(occurs(item["right"], o) for o in OUTLETS) >= 3


def _word_ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, norm(a).split(), norm(b).split(), autojunk=False).ratio()


def test_copied_rewrite_is_closest_to_its_original_but_not_identical() -> None:
    src, dst = EXPECTED["copied"]["from"], EXPECTED["copied"]["to"]
    copied = _word_ratio(body_text(src), body_text(dst))
    others = [
        _word_ratio(body_text(a), body_text(b))
        for i, a in enumerate(OUTLETS)
        for b in OUTLETS[i + 1 :]
        if {a, b} != {src, dst}
    ]
    assert 0.5 < copied < 0.95, copied
    assert copied > max(others) + 0.15, (copied, max(others))


# ---------------------------------------------------------------------------------------------
# 3. end to end: brief the example (runs in the normal suite; needs the full pipeline)


@pytest.fixture(scope="module")
def brief() -> Brief:
    import storydesk

    return storydesk.brief(ARTICLES)


def article_of(brief: Brief, outlet: str) -> Article:
    found = [a for a in brief.articles if outlet in a.path]
    assert len(found) == 1, f"expected one article from {outlet}, got {[a.path for a in found]}"
    return found[0]


def test_e2e_all_five_outlets_are_briefed(brief: Brief) -> None:
    assert not brief.problems, [str(p) for p in brief.problems]
    for outlet in OUTLETS:
        art = article_of(brief, outlet)
        assert art.format == EXPECTED["outlets"][outlet]["format"]
        want_source = EXPECTED["outlets"][outlet]["source"]
        if want_source is not None:
            assert art.source == want_source


def test_e2e_boilerplate_is_removed_and_accounted_for(brief: Brief) -> None:
    texts = [norm(a.text) for a in brief.articles]
    for item in EXPECTED["boilerplate"]:
        line = norm(item["line"])
        assert not any(line in t for t in texts), (
            f"leftover still in a cleaned text: {item['line']!r}"
        )
        art = article_of(brief, item["outlet"])
        assert any(line in norm(r.text) for r in art.removed), (
            f"{item['line']!r} not recorded in removed of {item['outlet']}: "
            f"{[r.text for r in art.removed]}"
        )


def test_e2e_html_chrome_is_not_in_the_article(brief: Brief) -> None:
    text = norm(article_of(brief, EXPECTED["html_chrome"]["outlet"]).text)
    for line in EXPECTED["html_chrome"]["lines"]:
        assert norm(line) not in text, line


def _sides(brief: Brief, kinds: list[str]) -> Iterator[tuple[str, str]]:
    for d in brief.disputes:
        if d.kind in kinds:
            yield norm(d.a.text), norm(d.b.text)


@pytest.mark.parametrize(
    "expected",
    [d for d in EXPECTED["disputes"] if d["checked_end_to_end"]],
    ids=lambda d: d["kind"],
)
def test_e2e_planted_contradictions_are_disputes(brief: Brief, expected: dict[str, Any]) -> None:
    p, q = (norm(s["phrase"]) for s in expected["sides"])
    hits = [
        (a, b)
        for a, b in _sides(brief, expected.get("accept_kinds", [expected["kind"]]))
        if (p in a and q in b) or (q in a and p in b)
    ]
    assert hits, (
        f"no {expected['kind']} dispute between {p!r} and {q!r}; disputes found: "
        f"{[(d.kind, d.a.text[:60], d.b.text[:60]) for d in brief.disputes]}"
    )


def test_e2e_single_source_claims_stay_single_source(brief: Brief) -> None:
    for item in EXPECTED["single_source"]:
        aid = article_of(brief, item["outlet"]).id
        phrase = norm(item["phrase"])
        facts = [f for f in brief.facts if any(phrase in norm(m.text) for m in f.mentions)]
        assert facts, f"no fact mentions {item['phrase']!r}"
        assert any(f.status == "single_source" and f.sources == (aid,) for f in facts), [
            (f.status, f.sources, f.text) for f in facts
        ]


def _key_facts(brief: Brief, items: list[dict[str, Any]], facts: list[Fact]) -> list[str]:
    return [
        item["fact"]
        for item in items
        if any(
            any(norm(ph) in norm(m.text) for m in f.mentions for ph in item["mentions"].values())
            for f in facts
        )
    ]


def test_e2e_core_facts_are_confirmed_by_several_outlets(brief: Brief) -> None:
    """Only the independent outlet (05) can confirm what the wire family (01-04) says."""
    independent = article_of(brief, EXPECTED["independent"]).id
    confirmed = [f for f in brief.facts_with("confirmed") if len(f.sources) >= 3]
    assert len(confirmed) >= 2, [(f.text, f.sources) for f in brief.facts_with("confirmed")]
    assert all(independent in f.sources and f.independent_sources == 2 for f in confirmed)
    with_05 = [i for i in EXPECTED["confirmed"] if EXPECTED["independent"] in i["mentions"]]
    matched = _key_facts(brief, with_05, confirmed)
    assert len(matched) >= 2, f"only {matched} of the answer key's confirmed facts were confirmed"


def test_e2e_facts_only_the_wire_family_states_count_once(brief: Brief) -> None:
    """Four outlets that all derive from the wire are one source, not four."""
    family = [f for f in brief.facts if len(f.sources) >= 3 and f.independent_sources == 1]
    without_05 = [i for i in EXPECTED["confirmed"] if EXPECTED["independent"] not in i["mentions"]]
    matched = _key_facts(brief, without_05, family)
    assert len(matched) >= 2, matched
    assert all(f.status != "confirmed" for f in family)
