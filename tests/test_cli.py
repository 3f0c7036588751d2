"""CLI: exit codes, output format, warnings and progress, against a fake API (no NLP stages)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import storydesk
from factories import Run, make_brief
from storydesk import cli
from storydesk.errors import NoArticlesError, StageError
from storydesk.model import Article, Brief, InputProblem
from storydesk.options import Options
from storydesk.pipeline import ProgressHook, Timings


@dataclass
class FakeApi:
    """Stands in for storydesk.api; records what the CLI passed and can be told to fail."""

    brief: Brief = field(default_factory=make_brief)
    error: Exception | None = None
    calls: list[tuple[Sequence[str], Options | None]] = field(default_factory=list)

    def run_brief(
        self,
        paths: Sequence[str],
        options: Options | None = None,
        progress: ProgressHook | None = None,
        timings: Timings | None = None,
    ) -> Brief:
        self.calls.append((paths, options))
        for i, name in enumerate(("ingest", "parse", "summarise"), start=1):
            if progress is not None:
                progress(name, i, 3)
            if timings is not None:
                timings.seconds[name] = 0.01 * i
        if self.error is not None:
            raise self.error
        return self.brief

    def extract(
        self, paths: Sequence[str], options: Options | None = None
    ) -> tuple[tuple[Article, ...], tuple[InputProblem, ...]]:
        self.calls.append((paths, options))
        if self.error is not None:
            raise self.error
        return self.brief.articles, self.brief.problems


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> FakeApi:
    fake = FakeApi()
    monkeypatch.setattr(cli, "load_api", lambda: fake)
    return fake


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    paths = []
    for name in ("a.txt", "b.html"):
        p = tmp_path / name
        p.write_text("placeholder", encoding="utf-8")
        paths.append(str(p))
    return paths


def test_brief_json_to_stdout(api: FakeApi, inputs: list[str], run: Run) -> None:
    code, out, err = run("brief", *inputs)
    assert code == 0
    assert json.loads(out)["schema_version"] == "1"
    assert api.calls[0][0] == inputs
    assert "storydesk: warning: /data/<bad>.html: not an article: too short" in err


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.json", lambda t: json.loads(t)["articles"][0]["id"] == "a1"),
        ("out.md", lambda t: t.startswith("# Story brief")),
        ("OUT.HTML", lambda t: t.startswith("<!DOCTYPE html>")),
        ("out.htm", lambda t: t.startswith("<!DOCTYPE html>")),
        ("out.txt", lambda t: "schema_version" in json.loads(t)),  # unknown extension: JSON
    ],
)
def test_format_from_output_extension(
    api: FakeApi, inputs: list[str], run: Run, tmp_path: Path, name: str, check: Any
) -> None:
    target = tmp_path / name
    code, out, _ = run("brief", *inputs, "-o", str(target))
    assert code == 0 and out == ""
    assert check(target.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_explicit_format_wins(api: FakeApi, inputs: list[str], run: Run, tmp_path: Path) -> None:
    target = tmp_path / "brief.json"
    assert run("brief", *inputs, "-o", str(target), "--format", "md")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Story brief")
    code, out, _ = run("brief", *inputs, "--format", "html", "-q")
    assert code == 0 and out.startswith("<!DOCTYPE html>")


def test_quiet_silences_warnings_and_progress(api: FakeApi, inputs: list[str], run: Run) -> None:
    code, out, err = run("brief", *inputs, "--quiet", "--progress")
    assert code == 0 and out and err == ""
    # Timings asked for by name still come: -q is about warnings and progress.
    _, _, err = run("brief", *inputs, "--quiet", "--timings")
    assert err and all(line.startswith("storydesk: timing: ") for line in err.splitlines())


def test_progress_when_asked(api: FakeApi, inputs: list[str], run: Run) -> None:
    _, _, err = run("brief", *inputs, "--progress")
    assert "1/3 ingest" in err and "3/3 summarise" in err
    assert api.calls[0][1] is not None and api.calls[0][1].progress is True
    _, _, err = run("brief", *inputs)  # stderr is not a TTY under capsys
    assert "1/3" not in err


def test_timings(api: FakeApi, inputs: list[str], run: Run) -> None:
    _, _, err = run("brief", *inputs, "--timings")
    assert "storydesk: timing: parse 0.02s" in err


def test_options_are_passed(api: FakeApi, inputs: list[str], run: Run) -> None:
    args = ("--summary-sentences", "7", "--max-file-bytes", "1000")
    assert run("brief", *inputs, *args)[0] == 0
    options = api.calls[0][1]
    assert options is not None
    assert options.summary_sentences == 7 and options.max_file_bytes == 1000


@pytest.mark.parametrize(
    "bad",
    [
        ("--summary-sentences", "99"),
        ("--max-file-bytes", "0"),
        ("--max-file-bytes", "lots"),
        ("--format", "pdf"),
    ],
)
def test_bad_option_values_are_usage_errors(
    api: FakeApi, inputs: list[str], run: Run, bad: tuple[str, str]
) -> None:
    code, _, err = run("brief", *inputs, *bad)
    assert code == 2
    assert "storydesk: error:" in err or "error:" in err
    assert api.calls == []


def test_usage_errors(api: FakeApi, run: Run) -> None:
    assert run()[0] == 2
    assert run("brief")[0] == 2
    assert run("frobnicate", "x")[0] == 2


def test_version_and_help(run: Run) -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"storydesk {storydesk.__version__}"
    code, out, _ = run("brief", "--help")
    assert code == 0 and "exit status:" in out and "no usable articles" in out


def test_no_articles_exit_3(api: FakeApi, inputs: list[str], run: Run) -> None:
    api.error = NoArticlesError("no usable articles: a.txt: empty")
    code, out, err = run("brief", *inputs)
    assert code == 3 and out == ""
    assert err == "storydesk: error: no usable articles: a.txt: empty\n"


def test_stage_error_exit_5(api: FakeApi, inputs: list[str], run: Run) -> None:
    api.error = StageError("parse", "boom")
    code, _, err = run("brief", *inputs, "--progress")
    assert code == 5
    assert err.splitlines()[-1] == "storydesk: error: stage 'parse' failed: boom"
    assert "Traceback" not in err


def test_missing_input_exit_4(api: FakeApi, inputs: list[str], run: Run, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    code, _, err = run("brief", *inputs, missing)
    assert code == 4
    assert err == f"storydesk: error: {missing}: no such file or directory\n"
    assert api.calls == []  # failed before the slow pipeline


def test_unwritable_output_exit_4(
    api: FakeApi, inputs: list[str], run: Run, tmp_path: Path
) -> None:
    code, _, err = run("brief", *inputs, "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert code == 4 and "cannot write output" in err
    assert api.calls == []
    code, _, err = run("brief", *inputs, "-o", str(tmp_path))
    assert code == 4 and "is a directory" in err


def test_dash_means_stdout(api: FakeApi, inputs: list[str], run: Run) -> None:
    code, out, _ = run("brief", *inputs, "-o", "-", "--format", "md")
    assert code == 0 and out.startswith("# Story brief")


def test_extract_prints_articles(api: FakeApi, inputs: list[str], run: Run) -> None:
    code, out, err = run("extract", *inputs)
    assert code == 0
    data = json.loads(out)
    assert [a["id"] for a in data["articles"]] == ["a1", "b.2", "c 3"]
    first = data["articles"][0]
    for key in ("source", "title", "dek", "published", "url", "language", "words", "text"):
        assert key in first
    assert first["removed_reasons"] == [
        {"text": "Subscribe now | <b>today</b>", "reason": "newsletter"}
    ]
    assert data["problems"][0]["path"] == "/data/<bad>.html"
    assert "storydesk: warning:" in err


def test_extract_with_no_articles_exit_3(
    api: FakeApi, inputs: list[str], run: Run, tmp_path: Path
) -> None:
    api.brief = Brief((), (), (), (), problems=(InputProblem("x.txt", "empty", 3),))
    target = tmp_path / "articles.json"
    code, _, err = run("extract", *inputs, "-o", str(target), "-q")
    assert code == 3
    assert err == "storydesk: error: no usable articles in the inputs\n"
    assert json.loads(target.read_text(encoding="utf-8"))["problems"][0]["record"] == 3


def test_problem_with_record_number(api: FakeApi, inputs: list[str], run: Run) -> None:
    api.brief = make_brief(problems=(InputProblem("feed.jsonl", "no text field", record=4),))
    _, _, err = run("brief", *inputs)
    assert "storydesk: warning: feed.jsonl:4: no text field" in err


def test_progress_bar_redraws_on_a_tty() -> None:
    stream = io.StringIO()
    bar = cli.ProgressBar(stream, live=True)
    bar("ingest", 1, 2)
    bar("parse", 2, 2)
    bar.close()
    text = stream.getvalue()
    assert "\n" not in text  # one line, redrawn in place, then wiped
    assert text.count("\r") == 4 and "2/2 parse" in text
    assert text.endswith("\r")


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "storydesk", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("storydesk ")


# ---------------------------------------------------------------------------------------- quotes


@dataclass
class FakeQuotesApi(FakeApi):
    def run_quotes(
        self, paths: Sequence[str], options: Options | None = None
    ) -> tuple[tuple[Article, ...], tuple[Any, ...], tuple[InputProblem, ...]]:
        from storydesk.model import QuoteGroup, QuoteVariant

        self.calls.append((paths, options))
        if self.error is not None:
            raise self.error
        a = self.brief.articles[0]
        v = QuoteVariant("a1:q1", a.id, "We will <reopen>", "verbatim", 1.0, (("=", "x"),), 0, 5)
        return self.brief.articles, (QuoteGroup("qg1", "Rusk", v.text, v.quote, (v,)),), ()


@pytest.fixture
def qapi(monkeypatch: pytest.MonkeyPatch) -> FakeQuotesApi:
    fake = FakeQuotesApi()
    monkeypatch.setattr(cli, "load_api", lambda: fake)
    return fake


def test_quotes_json_and_markdown(qapi: FakeQuotesApi, inputs: list[str], run: Run) -> None:
    code, out, _ = run("quotes", *inputs)
    assert code == 0
    data = json.loads(out)
    assert data["quotes"][0]["speaker"] == "Rusk"
    assert data["quotes"][0]["variants"][0]["relation"] == "verbatim"
    code, out, _ = run("quotes", *inputs, "--format", "md")
    assert code == 0 and out.startswith("# Quotes") and r"\<reopen\>" in out


def test_quotes_output_file_and_errors(
    qapi: FakeQuotesApi, inputs: list[str], run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "q.md"
    assert run("quotes", *inputs, "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Quotes")
    assert run("quotes", *inputs, "--format", "html")[0] == 2
    code, _, err = run("quotes", *inputs, "-o", str(tmp_path / "q.html"))
    assert code == 2 and "json or md" in err and not (tmp_path / "q.html").exists()
    qapi.error = NoArticlesError("no usable articles")
    assert run("quotes", *inputs)[0] == 3
