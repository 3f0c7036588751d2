"""CLI archive commands through `cli.main`, with the real pipeline and a temporary --db."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factories import Run
from storydesk import cli
from storydesk.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "marrowport-bridge" / "articles"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "x.db")


@pytest.fixture
def ingested(run: Run, db: str) -> str:
    code, _, err = run("ingest", str(EXAMPLE), "--db", db, "--quiet")
    assert code == 0, err
    return db


def test_ingest_prints_a_summary_and_a_second_run_adds_nothing(
    run: Run, db: str, seeds_dir: Path
) -> None:
    code, out, err = run("ingest", str(EXAMPLE), str(seeds_dir), "--db", db)
    assert code == 0
    assert out == (
        "read 10, added 10, updated 0, duplicates 0 (url 0, text 0, near 0), problems 1, "
        "stories 2 new, 8 joined\n"
    )
    assert "storydesk: warning:" in err and "README.md" in err
    code, out, err = run("ingest", str(EXAMPLE), str(seeds_dir), "--db", db, "-q", "--progress")
    assert code == 0 and err == ""  # --quiet wins over --progress
    assert (
        out.startswith("read 10, added 0, updated 0, duplicates 10")
        and "stories 0 new, 0 joined" in out
    )


def test_ingest_progress_goes_to_stderr(run: Run, db: str) -> None:
    code, _, err = run("ingest", str(EXAMPLE), "--db", db, "--progress")
    assert code == 0 and "storydesk: ingest: read 5, added 5" in err


def test_ingest_exit_codes(run: Run, db: str, tmp_path: Path) -> None:
    assert run("ingest", str(tmp_path / "missing"), "--db", db)[0] == 4
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run("ingest", str(empty), "--db", db)
    assert code == 3 and out.startswith("read 0,") and "empty.txt" in err
    short = tmp_path / "short.txt"
    short.write_text("Too short to be an article, though it reads.\n", encoding="utf-8")
    code, out, err = run("ingest", str(short), "--db", db)  # read, then rejected: none usable
    assert code == 3 and out.startswith("read 1, added 0") and "too short" in err
    assert run("ingest", str(EXAMPLE), "--db", str(tmp_path))[0] == 4  # --db is a directory
    assert run("ingest", "--db", db)[0] == 2


def test_urls_pass_the_path_check() -> None:
    cli._check_paths(["https://example.invalid/news/1", "http://example.invalid/feed"], None)


def test_stories_table_and_json(run: Run, ingested: str) -> None:
    code, out, _ = run("stories", "--db", ingested)
    assert code == 0
    header, row, outlets = out.splitlines()[:3]
    assert header.split()[:2] == ["ID", "SIZE"]
    assert row.split()[:2] == ["1", "5"] and "Kestrel Narrows" in row
    assert "2025-10-14T00:00:00Z .. 2025-10-14T16:30:00Z" in row
    assert "Harbour Wire" in outlets
    code, out, _ = run("stories", "--db", ingested, "--format", "json", "--since", "2025-10-01")
    stories = json.loads(out)
    assert code == 0 and [s["size"] for s in stories] == [5]
    assert "Brineshore Digest" in stories[0]["outlets"]
    # -o *.json writes JSON, as brief, quotes and check do; --format still wins.
    target = Path(ingested).parent / "st.json"
    assert run("stories", "--db", ingested, "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))[0]["size"] == 5
    run("stories", "--db", ingested, "-o", str(target), "--format", "table")
    assert target.read_text(encoding="utf-8").split()[:2] == ["ID", "SIZE"]
    page = Path(ingested).parent / "st.html"
    assert run("stories", "--db", ingested, "-o", str(page))[0] == 2 and not page.exists()


def test_stories_usage_errors(run: Run, ingested: str) -> None:
    assert run("stories", "--db", ingested, "--since", "yesterday")[0] == 2
    assert run("stories", "--db", ingested, "--limit", "0")[0] == 2
    assert run("stories", "--db", ingested, "--format", "xml")[0] == 2


def test_reading_commands_do_not_create_a_missing_archive(run: Run, tmp_path: Path) -> None:
    for args in (("stories",), ("brief", "--story", "1")):
        typo = tmp_path / "sub" / "typo.db"
        code, _, err = run(*args, "--db", str(typo))
        assert code == cli.EXIT_IO and "no archive here" in err and str(typo) in err, err
        assert not typo.exists() and not typo.parent.exists()


def test_brief_story_json_md_and_errors(run: Run, ingested: str, tmp_path: Path) -> None:
    code, out, _ = run("brief", "--story", "1", "--db", ingested)
    brief = json.loads(out)
    assert code == 0 and len(brief["articles"]) == 5
    assert run("brief", "--story", "1", "--db", ingested)[1] == out  # from the cache
    target = tmp_path / "b.md"
    assert run("brief", "--story", "1", "--db", ingested, "-o", str(target))[0] == 0
    md = target.read_text(encoding="utf-8")
    assert md.startswith("# Story brief")
    # An outlet with no name is cited by its file and store number, not a bare "[3]".
    assert re.search(r"03\\_velsund\\_posten #\d+", md), md[:2000]
    code, _, err = run("brief", "--story", "7", "--db", ingested)
    assert code == 2 and "no story 7" in err  # a bad --story value
    assert run("brief", "--db", ingested)[0] == 2  # neither paths nor --story
    assert run("brief", str(EXAMPLE), "--story", "1", "--db", ingested)[0] == 2  # both
    assert run("brief", str(EXAMPLE), "--db", ingested)[0] == 2  # --db without --story


def test_similarity_jsonl_in_and_out(run: Run, tmp_path: Path) -> None:
    texts = [
        (EXAMPLE / name).read_text(encoding="utf-8").split("\n\n", 1)[1]
        for name in ("01_harbour_wire.txt", "05_sallow_valley_courier.txt")
    ]
    pairs = tmp_path / "pairs.jsonl"
    lines = [json.dumps({"pair": 1, "text1": texts[0], "text2": texts[1]}), "{broken"]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, out, err = run("similarity", "--pairs", str(pairs), "-o", str(target))
    assert code == 0 and out == ""
    first, second = (json.loads(line) for line in target.read_text(encoding="utf-8").splitlines())
    assert first["pair"] == 1 and first["same_story"] is True and 0 < first["similarity"] <= 1
    assert second["error"].startswith("line 2:") and "line 2" in err
    assert run("similarity", "--pairs", str(tmp_path / "nope.jsonl"))[0] == 4
    assert run("similarity")[0] == 2


def test_store_state_survives_between_cli_runs(run: Run, ingested: str, seeds_dir: Path) -> None:
    code, out, _ = run("ingest", str(seeds_dir), "--db", ingested, "-q")
    assert code == 0 and "stories 1 new, 4 joined" in out
    with Store(ingested) as store:
        assert sorted(s.size for s in store.stories()) == [5, 5]
