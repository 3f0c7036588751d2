"""WARC archives and gzip'd JSON(L): streaming, record filtering, per-record and file problems."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from factories import BODY, BODY2, OPTS
from storydesk.ingest import iter_articles, read_inputs
from storydesk.model import Article, InputProblem
from storydesk.options import Options


def page(title: str, extra: str = "") -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World</nav><article>"
        f"<h1>{title}</h1><p>{BODY}</p><p>{BODY2}</p>{extra}</article></body></html>"
    ).encode()


def _response(w: WARCWriter, url: str, status: str, ctype: str, body: bytes, date: str) -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = w.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )
    w.write_record(record)


def write_warc(path: Path, gz: bool, big_page: bytes | None = None) -> Path:
    """2 HTML 200 responses, a PNG, a 404 page and a request record (CC-NEWS layout)."""
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.test")], is_http_request=True)
        w.write_record(
            w.create_warc_record(
                "https://news.test/a", "request", payload=io.BytesIO(b""), http_headers=request
            )
        )
        _response(
            w, "https://news.test/a", "200 OK", "text/html; charset=utf-8", page("Japan talks"),
            "2024-05-01T10:00:00Z",
        )  # fmt: skip
        _response(w, "https://news.test/logo.png", "200 OK", "image/png", b"\x89PNG" + bytes(64),
                  "2024-05-01T10:00:01Z")  # fmt: skip
        _response(w, "https://news.test/gone", "404 Not Found", "text/html", page("Not found"),
                  "2024-05-01T10:00:02Z")  # fmt: skip
        _response(w, "https://news.test/b", "200 OK", "application/xhtml+xml",
                  big_page or page("China responds"), "2024-05-02T11:00:00Z")  # fmt: skip
    return path


@pytest.mark.parametrize("name", ["cc-news.warc", "cc-news.warc.gz"])
def test_warc_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    f = write_warc(tmp_path / name, gz=name.endswith(".gz"))
    articles, problems = read_inputs([str(f)], OPTS)
    assert problems == []
    assert [(a.url, a.published, a.title) for a in articles] == [
        ("https://news.test/a", "2024-05-01T10:00:00Z", "Japan talks"),
        ("https://news.test/b", "2024-05-02T11:00:00Z", "China responds"),
    ]
    assert [a.id for a in articles] == ["cc-news-2", "cc-news-5"]  # record numbers
    assert all(a.format == "warc" and a.path == str(f) for a in articles)
    assert all(BODY in a.text and "Home | World" not in a.text for a in articles)


def test_truncated_gzip_warc_is_a_problem_and_others_load(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc.gz", gz=True).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) * 3 // 4])
    good = write_warc(tmp_path / "good.warc.gz", gz=True)
    articles, problems = read_inputs([str(cut), str(good)], OPTS)
    # The first page was complete and is kept; the archive stops where it was cut.
    assert [a.id for a in articles] == ["cut-2", "good-2", "good-5"]
    [problem] = problems
    assert problem.path == str(cut) and "truncated WARC" in problem.problem


def test_truncated_plain_warc_drops_the_cut_page(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc", gz=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[:-200])  # inside the last page
    articles, problems = read_inputs([str(cut)], OPTS)
    assert [a.url for a in articles] == ["https://news.test/a"]
    assert "record 5 ends" in problems[0].problem


def test_not_a_warc(tmp_path: Path) -> None:
    junk = tmp_path / "junk.warc"
    junk.write_text("hello world\n" * 5)
    articles, problems = read_inputs([str(junk)], OPTS)
    assert articles == []
    assert "corrupt or truncated WARC at the start" in problems[0].problem


def test_oversized_warc_page_is_a_record_problem(tmp_path: Path) -> None:
    big = page("Huge", extra="<p>" + "padding words here. " * 2000 + "</p>")
    f = write_warc(tmp_path / "big.warc.gz", gz=True, big_page=big)
    articles, problems = read_inputs([str(f)], Options(max_file_bytes=len(big) - 1))
    assert [a.url for a in articles] == ["https://news.test/a"]
    assert [(p.record, p.path) for p in problems] == [(5, str(f))]
    assert "page too large" in problems[0].problem


def test_iter_articles_is_lazy(tmp_path: Path) -> None:
    f = write_warc(tmp_path / "a.warc.gz", gz=True)
    stream: Iterator[Article | InputProblem] = iter_articles([str(f)], OPTS)
    first = next(stream)  # one record read, not the whole archive
    assert isinstance(first, Article) and first.url == "https://news.test/a"


# --- gzip'd JSON and JSONL ----------------------------------------------------------------------


def test_jsonl_gz_round_trip_and_bad_line(tmp_path: Path) -> None:
    rows = [
        json.dumps(
            {"id": "one", "text": BODY, "url": "https://x.test/1", "published": "2024-05-01"}
        ),
        "{broken",
        json.dumps({"text": BODY2, "source": "Wire"}),
    ]
    f = tmp_path / "dump.jsonl.gz"
    f.write_bytes(gzip.compress("\n".join(rows).encode()))
    articles, problems = read_inputs([str(f)], OPTS)
    assert [(a.id, a.text, a.format) for a in articles] == [
        ("one", BODY, "jsonl"),
        ("dump-3", BODY2, "jsonl"),
    ]
    assert articles[0].url == "https://x.test/1" and articles[1].source == "Wire"
    assert [(p.path, p.record) for p in problems] == [(str(f), 2)]
    assert "malformed JSON line" in problems[0].problem


def test_json_gz_document(tmp_path: Path) -> None:
    f = tmp_path / "batch.json.gz"
    f.write_bytes(gzip.compress(json.dumps([{"text": BODY}, {"text": BODY2}]).encode()))
    articles, problems = read_inputs([str(f)], OPTS)
    assert problems == [] and [a.id for a in articles] == ["batch-1", "batch-2"]


def test_truncated_jsonl_gz_keeps_earlier_lines(tmp_path: Path) -> None:
    rows = [json.dumps({"text": f"{BODY} {i}"}) for i in range(2000)]
    data = gzip.compress("\n".join(rows).encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    good = tmp_path / "ok.jsonl"
    good.write_text(json.dumps({"text": BODY2}))
    articles, problems = read_inputs([str(cut), str(good)], OPTS)
    assert 0 < len(articles) - 1 < 2000 and articles[-1].id == "ok-1"
    partial, cut_short = problems  # the line the cut ran through, then the cut itself
    assert partial.path == cut_short.path == str(cut)
    assert partial.record == len(articles) and "malformed JSON line" in partial.problem
    assert cut_short.problem == f"truncated gzip: the data ends early, at line {len(articles)}"


def test_small_truncated_jsonl_gz_keeps_its_whole_lines(tmp_path: Path) -> None:
    # Under 8 KiB: gzip's first read reached the cut and lost the lines before it too.
    rows = [json.dumps({"text": f"{BODY} {i}"}) for i in range(3)]
    data = gzip.compress("\n".join(rows).encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[:-12])
    articles, problems = read_inputs([str(cut)], OPTS)
    assert [a.id for a in articles] == ["cut-1", "cut-2"]
    assert problems[-1].problem.startswith("truncated gzip: the data ends early")


def test_concatenated_and_padded_gzip_members_read_in_turn(tmp_path: Path) -> None:
    one = gzip.compress((json.dumps({"text": BODY}) + "\n").encode())
    two = gzip.compress(json.dumps({"text": BODY2}).encode())
    f = tmp_path / "joined.jsonl.gz"
    f.write_bytes(one + two + b"\x00" * 512)
    articles, problems = read_inputs([str(f)], OPTS)
    assert problems == [] and [a.text for a in articles] == [BODY, BODY2]


def test_jsonl_streams_past_the_file_cap_with_a_line_cap(tmp_path: Path) -> None:
    rows = [
        json.dumps({"text": BODY}),
        json.dumps({"text": "x " * 600}),
        json.dumps({"text": BODY2}),
    ]
    f = tmp_path / "big.jsonl"
    f.write_text("\n".join(rows))
    articles, problems = read_inputs([str(f)], Options(max_file_bytes=1000))
    assert [a.id for a in articles] == ["big-1", "big-3"]
    assert [(p.record, p.problem) for p in problems] == [(2, "line too long (over 1000 bytes)")]


def test_jsonl_encodings_and_empty(tmp_path: Path) -> None:
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(
        json.dumps({"text": "Café naïve " + BODY}, ensure_ascii=False).encode("utf-16")
    )
    legacy = tmp_path / "legacy.jsonl"
    legacy.write_bytes(
        json.dumps({"text": "Café naïve " + BODY}, ensure_ascii=False).encode("cp1252")
    )
    empty = tmp_path / "empty.jsonl.gz"
    empty.write_bytes(gzip.compress(b""))
    not_gz = tmp_path / "plain.jsonl.gz"
    not_gz.write_text(json.dumps({"text": BODY}))
    paths = [str(p) for p in (wide, legacy, empty, not_gz)]
    articles, problems = read_inputs(paths, OPTS)
    assert [a.text for a in articles] == ["Café naïve " + BODY] * 2
    assert problems[0] == InputProblem(str(empty), "empty file")
    assert problems[1].problem.startswith("corrupt or truncated file at the start: Not a gzip")


def test_compound_suffixes_in_directories(tmp_path: Path) -> None:
    write_warc(tmp_path / "a.warc.gz", gz=True)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": BODY}).encode()))
    (tmp_path / "c.tar.gz").write_bytes(b"x")
    articles, problems = read_inputs([str(tmp_path)], OPTS)
    assert [a.id for a in articles] == ["a-2", "a-5", "b-1"]
    assert [p.problem for p in problems] == ["skipped: not an article file (.gz)"]


def test_a_warc_with_a_broken_header_says_so_in_words(tmp_path: Path) -> None:
    # warcio trips over the missing WARC-Target-URI/status line with an AttributeError of its
    # own; the user reads what is wrong with the file, not the parser's insides.
    bad = tmp_path / "cut.warc"
    bad.write_bytes(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n"
        b"HTTP/1.1 200 OK\r\n\r\n<html>"
    )
    _, problems = read_inputs([str(bad)], OPTS)
    assert len(problems) == 1 and problems[0].path == str(bad)
    assert "headers are missing or malformed" in problems[0].problem
    assert "NoneType" not in problems[0].problem
