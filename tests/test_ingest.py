"""Ingest: every supported format, every kind of bad input, encodings, ids and ordering."""

from __future__ import annotations

import json
import pathlib
import random
from pathlib import Path
from typing import Any

import pytest

from factories import BODY, BODY2, OPTS, SEEDS, needs_seeds
from storydesk.ingest import INGEST, read_inputs
from storydesk.ingest.text import split_text
from storydesk.model import Article, InputProblem
from storydesk.options import Options
from storydesk.pipeline import Document, run_stage


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read(*paths: Path, options: Options = OPTS) -> tuple[list[Article], list[InputProblem]]:
    return read_inputs([str(p) for p in paths], options)


def only_problem(problems: list[InputProblem], path: Path) -> InputProblem:
    mine = [p for p in problems if p.path == str(path)]
    assert len(mine) == 1, problems
    return mine[0]


# --- plain text -------------------------------------------------------------------------------


def test_txt_headline_dek_and_body(tmp_path: Path) -> None:
    f = write(
        tmp_path / "a.txt",
        f"Japan in talks to host NATO office\nFirst such office in Asia\n\n{BODY}\n\n{BODY2}\n",
    )
    [art], problems = read(f)
    assert problems == []
    assert art.id == "a"
    assert art.title == "Japan in talks to host NATO office"
    assert art.dek == "First such office in Asia"
    assert art.text == art.raw_text == f"{BODY}\n\n{BODY2}"
    assert art.format == "txt"


def test_txt_metadata_block(tmp_path: Path) -> None:
    f = write(
        tmp_path / "m.txt",
        "SOURCE: Example News\nurl: https://example.com/a\nPublished: 2023-05-10\n"
        "Language: en\nAuthor: Jane Doe\n\nJapan in talks to host NATO office\n\n" + BODY,
    )
    [art], _ = read(f)
    assert (art.source, art.url, art.published, art.language) == (
        "Example News",
        "https://example.com/a",
        "2023-05-10",
        "en",
    )
    assert art.title == "Japan in talks to host NATO office"
    assert art.text == BODY


def test_txt_metadata_title_line_repeated_is_dropped() -> None:
    parts = split_text("Title: Japan talks\n\nJapan talks\n\n" + BODY)
    assert parts.title == "Japan talks"
    assert parts.body == BODY


def test_txt_byline_in_the_metadata_block_keeps_the_block() -> None:
    text = "Source: Meridian\nPublished: 2026-03-03\nTitle: Strike called\nBy Owen Castell\n\n"
    parts = split_text(text + BODY)
    assert parts.meta["source"] == "Meridian" and parts.meta["published"] == "2026-03-03"
    assert parts.meta["author"] == "Owen Castell"
    assert (parts.title, parts.body) == ("Strike called", BODY)
    # A "Byline:" key is the author too.
    parts = split_text("Title: Strike called\nSource: Meridian\nByline: Lena Fairbrook\n\n" + BODY)
    assert parts.meta == {
        "title": "Strike called",
        "source": "Meridian",
        "author": "Lena Fairbrook",
    }
    assert parts.body == BODY
    # "By the river" is no byline: the lines are ordinary text
    assert split_text("Source: Meridian\nBy the river\n\n" + BODY).meta == {}
    # nor is a headline that begins with "By", alone above the body
    parts = split_text("By The Numbers\n\n" + BODY)
    assert (parts.meta, parts.title) == ({}, "By The Numbers")


def test_txt_block_with_unknown_key_is_body() -> None:
    text = "Update: the talks continue.\nSource: somebody.\n\n" + BODY
    parts = split_text(text)
    assert parts.meta == {}
    assert parts.body.startswith("Update: the talks continue.\nSource: somebody.")


def test_txt_first_sentence_with_period_is_not_a_headline() -> None:
    parts = split_text("Previously, China had cautioned Japan regarding such an action.\n\n" + BODY)
    assert parts.title is None
    assert parts.body.startswith("Previously, China had cautioned Japan")


def test_txt_wrapped_paragraph_is_not_a_headline() -> None:
    text = "Japan's foreign minister said the country is exploring\nopening a NATO office in Asia."
    parts = split_text(text + "\n\n" + BODY)
    assert parts.title is None
    assert parts.body.startswith("Japan's foreign minister")


def test_txt_single_short_line_is_body_not_title() -> None:
    parts = split_text("Japan talks with NATO")
    assert parts.title is None
    assert parts.body == "Japan talks with NATO"


def test_txt_long_first_line_is_body() -> None:
    long_line = " ".join(["word"] * 30)
    parts = split_text(long_line + "\n\n" + BODY)
    assert parts.title is None
    assert parts.body.startswith(long_line)


# --- HTML ---------------------------------------------------------------------------------------

HTML = f"""<html><head><title>Japan in NATO talks | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-05-10">
<link rel="canonical" href="https://example.com/japan-nato"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Japan in talks to host NATO office</h1><p>{BODY}</p><p>{BODY2}</p></article>
<footer>Contact us</footer></body></html>"""


def test_html_text_and_metadata(tmp_path: Path) -> None:
    [art], problems = read(write(tmp_path / "page.html", HTML))
    assert problems == []
    assert art.format == "html"
    assert art.title == "Japan in talks to host NATO office"
    assert art.source == "Example News"
    assert art.url == "https://example.com/japan-nato"
    assert art.published == "2023-05-10"
    assert art.text.split("\n") == [BODY, BODY2]  # paragraphs kept, <h1> and nav dropped


@pytest.mark.parametrize(
    "tag",
    [
        '<meta property="article:published_time" content="2023-05-10T14:05:00+01:00">',
        '<meta content="2023-05-10T14:05:00+01:00" itemprop="datePublished">',
        '<script type="application/ld+json">{"datePublished": "2023-05-10T14:05:00+01:00"}'
        "</script>",
    ],
)
def test_html_keeps_the_time_of_day_the_page_states(tmp_path: Path, tag: str) -> None:
    page = HTML.replace('<meta property="article:published_time" content="2023-05-10">', tag)
    [art], _ = read(write(tmp_path / "page.html", page))
    assert art.published == "2023-05-10T14:05:00+01:00"


@pytest.mark.parametrize(
    "markup",
    ["<html><body></body></html>", "<html><body><script>var x = 1;</script></body></html>"],
)
def test_html_without_article_text_is_a_problem(tmp_path: Path, markup: str) -> None:
    bad = write(tmp_path / "bad.htm", markup)
    good = write(tmp_path / "good.txt", BODY)
    articles, problems = read(bad, good)
    assert [a.id for a in articles] == ["good"]
    assert only_problem(problems, bad).problem == "no article text found in HTML"


# --- JSON / JSONL -------------------------------------------------------------------------------


def test_json_object(tmp_path: Path) -> None:
    rec = {"id": "cnn-1", "body": BODY, "title": "T", "outlet": "CNN", "date": "2023-05-10"}
    [art], problems = read(write(tmp_path / "one.json", json.dumps(rec)))
    assert problems == []
    assert (art.id, art.text, art.title, art.source, art.published, art.format) == (
        "cnn-1",
        BODY,
        "T",
        "CNN",
        "2023-05-10",
        "json",
    )


def test_json_array_with_record_missing_text(tmp_path: Path) -> None:
    recs: list[Any] = [{"text": BODY}, {"title": "no text"}, {"content": BODY2, "sitename": "S"}]
    f = write(tmp_path / "many.json", json.dumps(recs))
    articles, problems = read(f)
    assert [a.id for a in articles] == ["many-1", "many-3"]
    assert articles[1].source == "S"
    [p] = problems
    assert (p.path, p.record) == (str(f), 2)
    assert "no text" in p.problem


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.json", '{\n  "text": "x",\n  oops\n}')
    good = write(tmp_path / "good.json", json.dumps({"text": BODY}))
    articles, problems = read(bad, good)
    assert [a.id for a in articles] == ["good-1"]
    p = only_problem(problems, bad)
    assert p.problem.startswith("malformed JSON")
    assert "line 3" in p.problem and "column 3" in p.problem


def test_json_scalar_is_a_problem(tmp_path: Path) -> None:
    f = write(tmp_path / "n.json", "42")
    assert read(f)[0] == []
    assert "not an object or array" in only_problem(read(f)[1], f).problem


def test_jsonl_bad_lines_reported_others_load(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": BODY}),
        "{not json",
        "",
        json.dumps({"text": BODY2, "url": "https://x.test/b"}),
        json.dumps(["a list"]),
        json.dumps({"id": 7, "text": BODY + " More."}),
    ]
    f = write(tmp_path / "feed.jsonl", "\n".join(lines))
    articles, problems = read(f)
    assert [a.id for a in articles] == ["a", "feed-4", "7"]
    assert articles[1].url == "https://x.test/b"
    assert all(a.format == "jsonl" for a in articles)
    assert [(p.record, p.path) for p in problems] == [(2, str(f)), (5, str(f))]
    assert "malformed JSON line" in problems[0].problem
    assert "not an object" in problems[1].problem


# --- bad inputs ---------------------------------------------------------------------------------


def test_binary_file(tmp_path: Path) -> None:
    bad = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    good = write(tmp_path / "ok.txt", BODY)
    articles, problems = read(bad, good)
    assert [a.id for a in articles] == ["ok"]
    assert "binary file" in only_problem(problems, bad).problem


def test_undecodable_noise_is_refused(tmp_path: Path) -> None:
    noise = random.Random(0).randbytes(4000).replace(b"\x00", b"\x01")
    bad = write(tmp_path / "noise.txt", noise)
    articles, problems = read(bad)
    assert articles == []
    assert "binary" in only_problem(problems, bad).problem


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty file"), (b"  \n\t\r\n  \n", "file contains only whitespace")],
)
def test_empty_and_blank_files(tmp_path: Path, content: bytes, message: str) -> None:
    bad = write(tmp_path / "blank.txt", content)
    good = write(tmp_path / "ok.txt", BODY)
    articles, problems = read(bad, good)
    assert [a.id for a in articles] == ["ok"]
    assert only_problem(problems, bad).problem == message


def test_oversized_file_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = write(tmp_path / "big.txt", "word " * 1000)
    good = write(tmp_path / "ok.txt", BODY)
    real_open = pathlib.Path.open

    def guarded_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        assert self.name != "big.txt", "oversized file was opened"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", guarded_open)
    articles, problems = read(big, good, options=Options(max_file_bytes=1000))
    assert [a.id for a in articles] == ["ok"]
    assert only_problem(problems, big).problem == "file too large (5000 bytes; limit is 1000)"


def test_missing_and_unsupported_named_paths(tmp_path: Path) -> None:
    pdf = write(tmp_path / "story.pdf", b"%PDF-1.4")
    missing = tmp_path / "nope.txt"
    good = write(tmp_path / "ok.txt", BODY)
    articles, problems = read(pdf, missing, good)
    assert [a.id for a in articles] == ["ok"]
    assert only_problem(problems, pdf).problem == "unsupported file type (.pdf)"
    assert only_problem(problems, missing).problem == "not found"


# --- encodings ----------------------------------------------------------------------------------

WESTERN = "Café “quoted” – naïve résumé of the minister’s remarks, Übersee and São Paulo. " * 3


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_encodings(tmp_path: Path, encoding: str) -> None:
    text = WESTERN if encoding == "cp1252" else "Café naïve résumé, Übersee and São Paulo. " * 3
    [art], problems = read(write(tmp_path / "legacy.txt", text.encode(encoding)))
    assert problems == []
    assert art.text == text.strip()


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    [art], _ = read(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + WESTERN.encode()))
    assert art.text == WESTERN.strip()


def test_utf16_with_bom(tmp_path: Path) -> None:
    [art], _ = read(write(tmp_path / "wide.txt", WESTERN.encode("utf-16")))
    assert art.text == WESTERN.strip()


def test_crlf_newlines(tmp_path: Path) -> None:
    f = write(tmp_path / "dos.txt", f"Japan talks with NATO\r\n\r\n{BODY}\r\n{BODY2}\r\n".encode())
    [art], _ = read(f)
    assert art.title == "Japan talks with NATO"
    assert art.text == f"{BODY}\n{BODY2}"


# --- directories, order, ids --------------------------------------------------------------------


def test_directory_walk_order_hidden_and_skipped(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for name in ["z.txt", "b/y.json", "a.html", "b/a/x.txt", "README.md", ".hidden.txt"]:
        content = HTML if name.endswith(".html") else BODY
        content = json.dumps({"text": BODY2}) if name.endswith(".json") else content
        write(root / name, content)
    write(root / ".git" / "HEAD.txt", BODY)
    articles, problems = read(root)
    assert [Path(a.path).relative_to(root).as_posix() for a in articles] == [
        "a.html",
        "b/a/x.txt",
        "b/y.json",
        "z.txt",
    ]
    assert problems == [InputProblem(str(root / "README.md"), "skipped: not an article file (.md)")]
    assert read(root) == (articles, problems)  # same result every time


def test_broken_links_in_a_directory_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "a.txt", BODY)
    (root / "gone.txt").symlink_to(root / "deleted.txt")
    (root / "loop1").symlink_to(root / "loop2")
    (root / "loop2").symlink_to(root / "loop1")
    (root / "ok.txt").symlink_to(root / "a.txt")
    articles, problems = read(root)
    assert [Path(a.path).name for a in articles] == ["a.txt", "ok.txt"]
    assert [(Path(p.path).name, p.problem) for p in problems] == [
        (name, "skipped: broken symbolic link") for name in ("gone.txt", "loop1", "loop2")
    ]


def test_an_entry_that_cannot_be_examined_skips_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "in"
    write(root / "a.txt", BODY)
    write(root / "locked.txt", BODY2)
    is_file = Path.is_file

    def guarded(self: Path) -> bool:  # as stat() on a link into /proc fails for a user
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return is_file(self)

    monkeypatch.setattr(Path, "is_file", guarded)
    articles, problems = read(root)
    assert [Path(a.path).name for a in articles] == ["a.txt"]
    assert [(Path(p.path).name, p.problem) for p in problems] == [
        ("locked.txt", "skipped: cannot examine it (permission denied)")
    ]


def test_ids_unique_across_files(tmp_path: Path) -> None:
    a = write(tmp_path / "a" / "story.txt", BODY)
    b = write(tmp_path / "b" / "story.txt", BODY2)
    c = write(tmp_path / "story.jsonl", json.dumps({"id": "story", "text": BODY}))
    articles, _ = read(a, b, c)
    assert [x.id for x in articles] == ["story", "story-2", "story-3"]


def test_stage_contract(tmp_path: Path) -> None:
    good = write(tmp_path / "ok.txt", BODY)
    earlier = InputProblem("earlier", "kept")
    doc = Document(inputs=(str(good), str(tmp_path / "missing.txt")), problems=(earlier,))
    out = run_stage(INGEST, doc, OPTS)
    assert out.articles is not None and [a.id for a in out.articles] == ["ok"]
    assert out.problems[0] == earlier and len(out.problems) == 2


# --- seeds --------------------------------------------------------------------------------------


@needs_seeds
def test_seed_headlines() -> None:
    articles, problems = read(SEEDS)
    by_id = {a.id[:3]: a for a in articles}
    assert sorted(by_id) == ["000", "001", "002", "003", "004"]
    assert [p.problem for p in problems] == ["skipped: not an article file (.md)"]
    assert by_id["000"].title is None
    assert by_id["000"].text.startswith(
        "Previously, China had cautioned Japan regarding such an action."
    )
    assert by_id["001"].title == (
        "In Japan, they wanted to open a NATO office amid the war in Ukraine"
    )
    assert by_id["002"].title is None
    assert by_id["003"].title is not None
    assert by_id["003"].title.startswith("Japan Discussing Possibility of Establishing NATO")
    assert by_id["004"].title is None
    assert all(a.dek is None for a in articles)


def test_a_saved_page_is_read_in_the_charset_its_meta_declares(tmp_path: Path) -> None:
    body = (
        "Prezydent Łodzi ogłosił w środę, że most na Wiśle zostanie zamknięty na trzy tygodnie "
        "z powodu pęknięcia, a kierowcy muszą korzystać z objazdów przez centrum miasta. "
    ) * 3

    def page(charset: str) -> str:
        return (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>Most zamknięty</title></head><body><article><h1>Most zamknięty</h1>"
            f"<p>{body}</p><p>{body}</p></article></body></html>"
        )

    write(tmp_path / "pl.html", page("iso-8859-2").encode("iso-8859-2"))
    # A UTF-8 page whose template still says latin-1: its bytes, not its label, are right.
    write(tmp_path / "stale.html", page("iso-8859-1").encode("utf-8"))
    articles, problems = read(tmp_path / "pl.html", tmp_path / "stale.html")
    assert problems == []
    for a in articles:
        assert "Prezydent Łodzi ogłosił w środę" in a.text, a.text[:80]
