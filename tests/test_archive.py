"""Stories from a stream: ingest into the archive, cluster, list, brief, and pair similarity,
with the real pipeline on the example story and the reference seeds."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from storydesk import archive
from storydesk.archive import IngestReport, StoryNotFoundError, parse_since, similarity_rows
from storydesk.cli_archive import summary_line
from storydesk.errors import NoArticlesError, OptionsError
from storydesk.model import Article
from storydesk.options import Options
from storydesk.store import Store, brief_key
from storydesk.stories import ArticleSignals

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "marrowport-bridge" / "articles"
OPTS = Options()


@pytest.fixture(scope="module")
def archived(
    tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path
) -> Iterator[tuple[Store, IngestReport]]:
    db = tmp_path_factory.mktemp("archive") / "x.db"
    with Store(db) as store:
        yield store, archive.ingest([str(EXAMPLE), str(seeds_dir)], store, OPTS)


def _story_paths(store: Store) -> dict[int, set[str]]:
    return {
        s.id: {Path(a.path).parent.name for a in store.get_articles(store.story_articles(s.id))}
        for s in store.stories(limit=None)
    }


def test_example_and_seeds_become_two_stories(archived: tuple[Store, IngestReport]) -> None:
    store, report = archived
    assert (report.read, report.added, report.duplicate_count) == (10, 10, 0)
    # The only problem is the seeds' README, which is not an article.
    assert all("not an article file" in p.problem for p in report.problems)
    assert report.stories_created == 2 and report.stories_joined == 8
    # What a user expects: one story per event, each holding exactly that event's articles.
    stories = _story_paths(store)
    assert sorted(stories.values(), key=sorted) == [{"articles"}, {"seeds"}]
    assert sorted(s.size for s in store.stories()) == [5, 5]


def test_second_ingest_of_the_same_inputs_changes_nothing(
    archived: tuple[Store, IngestReport], seeds_dir: Path
) -> None:
    store, _ = archived
    before = _story_paths(store)
    again = archive.ingest([str(EXAMPLE), str(seeds_dir)], store, OPTS)
    assert (again.read, again.added, again.duplicate_count) == (10, 0, 10)
    assert (again.stories_created, again.stories_joined) == (0, 0)
    assert _story_paths(store) == before
    state = json.loads(store.get_state(archive.STATE_KEY) or "{}")
    assert sorted(state["story_ids"].values()) == sorted(before)


def test_list_stories_shows_outlets_sizes_and_span(archived: tuple[Store, IngestReport]) -> None:
    store, _ = archived
    rows = {r.title: r for r in archive.list_stories(store, None, 10)}
    bridge = next(r for t, r in rows.items() if "Kestrel" in t)
    assert bridge.size == 5
    assert {"Harbour Wire", "The Marrowport Ledger", "Brineshore Digest"} <= set(bridge.outlets)
    assert bridge.first_published == "2025-10-14T00:00:00Z"
    assert len(archive.list_stories(store, None, 1)) == 1
    assert len(archive.list_stories(store, "2025-10-01", 10)) == 2
    # Nothing was active in the day before a "now" ten days ahead.
    assert archive.list_stories(store, "1d", 10, now=time.time() + 10 * 86400) == []


def test_brief_story_briefs_exactly_that_story(archived: tuple[Store, IngestReport]) -> None:
    store, _ = archived
    story = next(r for r in store.stories() if "Kestrel" in r.title)
    brief = archive.brief_story(store, story.id, OPTS)
    assert {a.id for a in brief.articles} == {str(i) for i in store.story_articles(story.id)}
    assert brief.facts_with("confirmed")
    first = archive.brief_story_json(store, story.id, OPTS)
    assert json.loads(first)["schema_version"] == "1"
    # Cached: the same texts and options give the stored JSON back (progress does not count).
    assert archive.brief_story_json(store, story.id, OPTS.with_(progress=True)) is not None
    texts = [a.text for a in store.get_articles(store.story_articles(story.id))]
    assert store.get_brief(brief_key(texts, OPTS)) == first


def test_unknown_story_is_a_clear_error(archived: tuple[Store, IngestReport]) -> None:
    store, _ = archived
    with pytest.raises(StoryNotFoundError, match="no story 999"):
        archive.brief_story(store, 999, OPTS)
    with pytest.raises(StoryNotFoundError):
        archive.brief_story_json(store, 999, OPTS)


def test_jsonl_duplicates_are_deduped_and_too_short_reported(tmp_path: Path) -> None:
    text = (EXAMPLE / "01_harbour_wire.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    rows = [
        {"text": text, "url": "https://a.example/1"},
        {"text": text, "url": "https://b.example/copy"},  # same text, other URL
        {"text": text, "url": "https://a.example/1/"},  # same URL, same text
        {"text": text + " Updated at noon.", "url": "https://a.example/1?utm_source=x"},
        {"text": "Too short to be an article."},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with Store(tmp_path / "x.db") as store:
        report = archive.ingest([str(path)], store, OPTS)
        assert (report.read, report.added, report.updated) == (5, 1, 1)
        assert report.duplicates == {"url": 1, "text": 1, "near": 0}
        assert report.problem_count == 1 and "too short" in report.problems[0].problem
        assert report.stories_created == 1 and store.count_articles() == 1
        # The update replaced the text and its sentences, and kept the story.
        (stored,) = store.get_articles(store.story_articles(store.stories()[0].id))
        assert stored.text.endswith("Updated at noon.")
        assert store.get_sentences(stored.id)[-1].text == "Updated at noon."


def test_articles_stored_but_not_clustered_are_picked_up(tmp_path: Path) -> None:
    """A run that died between storing a batch and clustering it leaves the ids pending."""
    text = (EXAMPLE / "01_harbour_wire.txt").read_text(encoding="utf-8")
    with Store(tmp_path / "x.db") as store:
        added = store.add_articles([Article(id="a", path="a.txt", text=text)])
        store.put_state(archive.PENDING_KEY, json.dumps(list(added.added_ids)))
        report = archive.ingest([], store, OPTS)
        assert report.stories_created == 1
        assert store.story_articles(store.stories()[0].id) == list(added.added_ids)
        assert store.get_state(archive.PENDING_KEY) == "[]"


NOW = datetime(2025, 10, 16, 12, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2d", NOW - 2 * 86400),
        ("36h", NOW - 36 * 3600),
        ("1w", NOW - 7 * 86400),
        ("90m", NOW - 90 * 60),
        (" 2D ", NOW - 2 * 86400),
        ("2025-10-14", datetime(2025, 10, 14, tzinfo=UTC).timestamp()),
        ("2025-10-14T06:00:00Z", datetime(2025, 10, 14, 6, tzinfo=UTC).timestamp()),
        ("2025-10-14T08:00:00+02:00", datetime(2025, 10, 14, 6, tzinfo=UTC).timestamp()),
    ],
)
def test_parse_since(text: str, expected: float) -> None:
    assert parse_since(text, NOW) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "yesterday", "2x", "-2d", "d2", "2025-13-01"])
def test_parse_since_rejects_bad_input_clearly(text: str) -> None:
    with pytest.raises(OptionsError, match="--since: cannot read"):
        parse_since(text, NOW)


BRIDGE_A = (
    "The Marrowport Port Authority closed the Kestrel Narrows Bridge on Tuesday after inspectors "
    "found a 40-centimetre crack in a steel beam under the main span. Police turned drivers back "
    "and trucks bound for the Hollin Point container terminal were sent through the tunnel."
)
BRIDGE_B = (
    "Inspectors found a crack about 40 centimetres long in a steel support beam beneath the main "
    "span of the Kestrel Narrows Bridge, and the Marrowport Port Authority shut it to all traffic "
    "on Tuesday. Freight for Hollin Point now has to go through the Greywater Tunnel."
)
FLOOD = (
    "Heavy rain flooded the lower town of Velsund overnight, and the fire brigade evacuated "
    "forty homes along the river. The mayor said the water had reached its highest level since "
    "records began, and schools in the district will stay closed on Friday."
)


def test_similarity_rows_same_event_vs_different_events() -> None:
    rows = [
        {"id": "same", "text1": BRIDGE_A, "text2": BRIDGE_B, "title1": "Bridge closed"},
        {"id": "different", "text1": BRIDGE_A, "text2": FLOOD},
    ]
    same, different = similarity_rows(rows, OPTS)
    assert same["id"] == "same" and same["title1"] == "Bridge closed"  # fields pass through
    assert same["same_story"] is True and different["same_story"] is False
    assert 0.0 <= different["similarity"] < same["similarity"] <= 1.0


def test_similarity_bad_lines_get_an_error_field_not_a_crash() -> None:
    lines = [
        json.dumps({"text1": BRIDGE_A, "text2": BRIDGE_B}),
        "{not json",
        "",
        json.dumps({"text1": BRIDGE_A}),
        json.dumps([1, 2]),
        json.dumps({"text1": BRIDGE_A, "text2": FLOOD, "published2": 5}),
        json.dumps({"text1": BRIDGE_A, "text2": FLOOD, "published1": "not a date"}),
    ]
    out = list(similarity_rows(lines, OPTS))
    assert len(out) == 6  # the blank line is skipped, but counted
    assert "similarity" in out[0] and "error" not in out[0]
    assert out[1]["error"].startswith("line 2:")
    assert out[2]["error"].startswith("line 4:") and "text2" in out[2]["error"]
    assert out[2]["text1"] == BRIDGE_A
    assert out[3]["error"].startswith("line 5: not a JSON object")
    assert out[4]["error"].startswith("line 6:") and "published2" in out[4]["error"]
    assert out[5]["error"] == "line 7: 'published1' is not an ISO 8601 date: 'not a date'"


def test_brief_of_no_articles_is_no_articles_error() -> None:
    from storydesk.api import run_brief_articles

    with pytest.raises(NoArticlesError):
        run_brief_articles([], OPTS)


def test_ingest_keeps_sentences_and_compact_embeddings(tmp_path: Path) -> None:
    import numpy as np

    from storydesk.archive import EMBEDDING_BODY, EMBEDDING_LEAD, ingest, sentence_spans
    from storydesk.store import Store

    example = Path(__file__).resolve().parents[1] / "examples" / "marrowport-bridge" / "articles"
    with Store(tmp_path / "a.db") as store:
        ingest([str(example)], store, Options())
        ids = [a.id for a in store.iter_articles()]
        for article in store.get_articles(ids):
            rows = store.get_sentences(article.id)
            assert len(rows) >= 5
            assert all(article.text[r.start : r.end] == r.text for r in rows)
        found, lead = store.get_article_embeddings(EMBEDDING_LEAD, ids)
        assert found == ids and lead.shape == (len(ids), 512)
        assert np.allclose(np.linalg.norm(lead, axis=1), 1.0, atol=0.01)  # float16 round trip
        assert store.get_article_embeddings(EMBEDDING_BODY, ids)[0] == ids
    text = "One. Two!  Three?\nFour"
    assert [t for _, _, t in sentence_spans(text)] == ["One.", "Two!", "Three?", "Four"]
    assert all(text[s:e] == t for s, e, t in sentence_spans(text))


def test_one_path_is_one_input_whatever_its_type(tmp_path: Path) -> None:
    one = EXAMPLE / "01_harbour_wire.txt"
    for given in (str(one), one, [one]):
        with Store(tmp_path / f"{type(given).__name__}.db") as store:
            report = archive.ingest(given, store, OPTS)
            assert (report.read, report.added, report.problem_count) == (1, 1, 0), given


def test_the_report_counts_stories_that_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One event from two angles (as tests/test_stories.py's remerge case): the first two
    # articles start two stories, the next three pull them together and they merge. The report
    # must not say more stories were made than exist.
    e0, e1 = np.eye(512, dtype=np.float32)[0], np.eye(512, dtype=np.float32)[1]
    between = (e0 + 1.2 * e1) / np.linalg.norm(e0 + 1.2 * e1)
    angle = {"Alpha": e0, "Beta": e1}

    def signals(articles: list[Article], options: Options) -> list[ArticleSignals]:
        return [
            ArticleSignals(a.id, angle.get(a.text.split()[0], between).astype(np.float32))
            for a in articles
        ]

    monkeypatch.setattr(archive, "signals_many", signals)
    lead = ["Alpha", "Beta", "M", "M", "M"]  # distinct words per article: no duplicates
    rows = [
        {"text": w + " " + " ".join(f"report{k} line{i} said" for i in range(12))}
        for k, w in enumerate(lead)
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with Store(tmp_path / "x.db") as store:
        report = archive.ingest(path, store, OPTS)
        assert (report.stories_created, report.stories_merged) == (2, 1)
        assert len(store.stories()) == 1
    assert summary_line(report).endswith("1 merged into others\n")
