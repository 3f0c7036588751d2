"""The persistent archive: schema migrations, dedup on insert, stories, caches, concurrency."""

from __future__ import annotations

import random
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from storydesk.errors import StorydeskError
from storydesk.model import Article, Removed
from storydesk.options import Options
from storydesk.store import (
    SCHEMA_VERSION,
    Store,
    StoreError,
    brief_key,
    normalise_url,
    user_data_dir,
)
from storydesk.store import articles as art
from storydesk.store.schema import migrate, user_version

_VOCAB = [f"{a}{b}{c}" for a in "bdfgklmprst" for b in "aeiou" for c in ("n", "r", "s", "")]


def body(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    sentences: list[str] = []
    count = 0
    while count < words:
        n = rng.randint(8, 20)
        count += n
        sentences.append(" ".join(rng.choices(_VOCAB, k=n)).capitalize() + ".")
    return " ".join(sentences)


def make(i: int, text: str | None = None, **kw: object) -> Article:
    kw.setdefault("url", f"https://news.example/story/{i}")
    kw.setdefault("source", f"Outlet {i % 3}")
    return Article(id=f"a{i}", path=f"/in/a{i}.txt", text=text or body(i), **kw)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "archive.db", clock=lambda: 1_700_000_000) as s:
        yield s


# -- opening, schema ------------------------------------------------------------------------------


def test_new_database_is_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "dir" / "new.db"
    with Store(path) as s, s.read() as con:
        assert user_version(con) == SCHEMA_VERSION
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"articles", "sentences", "embeddings", "stories", "story_articles"} <= tables
        assert {"briefs", "lsh_bands"} <= tables
    with Store(path) as s, s.write() as con:
        assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO story_articles (article_id, story_id) VALUES (99, 99)")


def test_older_schema_is_migrated_keeping_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    con = sqlite3.connect(path, isolation_level=None)
    assert migrate(con, target=1) == (0, 1)
    con.execute("BEGIN")
    art.insert(con, art.prepare(make(1)), now=5)
    con.execute("COMMIT")
    con.close()
    with Store(path) as s:
        with s.read() as rc:
            assert user_version(rc) == SCHEMA_VERSION
        assert s.count_articles() == 1
        assert s.add_articles([make(1)]).duplicate_url == 1
        sid = s.create_story("old article", article_ids=[1])  # tables from step 2
        assert s.story_articles(sid) == [1]
        s.put_brief("k", "{}")  # table from step 3
        assert s.get_brief("k") == "{}"


def test_newer_schema_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 999")
    con.close()
    with pytest.raises(StoreError, match=r"future\.db.*newer"):
        Store(path)


@pytest.mark.parametrize("kind", ["directory", "parent_is_file", "not_sqlite"])
def test_bad_path_is_a_clear_error_naming_it(tmp_path: Path, kind: str) -> None:
    if kind == "directory":
        path = tmp_path / "adir"
        path.mkdir()
    elif kind == "parent_is_file":
        (tmp_path / "afile").write_text("x")
        path = tmp_path / "afile" / "db.sqlite"
    else:
        path = tmp_path / "notes.db"
        path.write_bytes(b"this is not a database, just text " * 100)
    with pytest.raises(StorydeskError) as info:
        Store(path)
    assert str(path) in str(info.value)


def test_closed_store_refuses_use(tmp_path: Path) -> None:
    s = Store(tmp_path / "x.db")
    s.close()
    s.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        s.count_articles()


def test_default_location_follows_the_platform(tmp_path: Path) -> None:
    home = tmp_path / "home"
    xdg = str(tmp_path / "xdg")
    assert user_data_dir("linux", {"XDG_DATA_HOME": xdg}, home) == Path(xdg) / "storydesk"
    assert user_data_dir("linux", {}, home) == home / ".local/share/storydesk"
    assert user_data_dir("linux", {"XDG_DATA_HOME": "rel"}, home) == home / ".local/share/storydesk"
    mac = user_data_dir("darwin", {}, home)
    assert mac == home / "Library/Application Support/storydesk"
    win = user_data_dir("win32", {"LOCALAPPDATA": str(tmp_path / "L")}, home)
    assert win == tmp_path / "L" / "storydesk"


# -- dedup ----------------------------------------------------------------------------------------


def test_url_normalisation() -> None:
    same = [
        "HTTPS://News.Example.com/a/b/?utm_source=x&id=3#comments",
        "https://news.example.com:443/a/b?id=3&utm_medium=y&fbclid=z",
        "https://news.example.com/a/b?id=3",
    ]
    assert len({normalise_url(u) for u in same}) == 1
    assert normalise_url("https://news.example.com/a/b?id=4") != normalise_url(same[0])
    assert normalise_url("https://news.example.com/A/b?id=3") != normalise_url(same[0])  # path case
    assert normalise_url(None) is None and normalise_url("  ") is None


def test_second_run_over_same_input_adds_nothing(store: Store) -> None:
    batch = [make(i) for i in range(6)]
    first = store.add_articles(batch)
    assert (first.added, first.seen) == (6, 6)
    again = store.add_articles(iter(batch))
    assert again.added == 0 and again.duplicate_url == 6
    assert again.ids == first.ids and again.added_ids == ()
    assert store.count_articles() == 6


def test_duplicate_kinds(store: Store) -> None:
    original = make(1, published="2024-05-01T10:00:00Z")
    store.add_articles([original])
    tracked = make(2, text=original.text, url="HTTPS://NEWS.Example/story/1/?utm_campaign=feed")
    words = original.text.split()
    edited = list(words)
    for k in (40, 160):  # two words changed in a 300-word text
        edited[k] = "changed"
    result = store.add_articles(
        [
            tracked,  # same URL (scheme/host case, trailing slash, tracking parameter)
            make(3, text="\n  " + original.text.upper().replace(" ", "   ") + " "),  # same text
            make(4, text=" ".join(edited)),  # near-identical
            make(7, text=" ".join(edited), url=None),  # near-identical, no URL
            make(6, text=body(6)),  # a different article
            # Another outlet running it: a republication, kept (provenance links the two).
            make(5, text=" ".join(edited), url=None),
        ]
    )
    assert (result.duplicate_url, result.duplicate_text) == (1, 1)
    assert (result.near_duplicate, result.added) == (2, 2)
    assert result.ids[:4] == (1, 1, 1, 1)
    assert store.count_articles() == 3


def test_same_url_with_new_text_updates_the_article_in_place(store: Store) -> None:
    first = store.add_articles([make(1, text=body(1)), make(2, text=body(2))])
    story = store.create_story("t", article_ids=[first.ids[0]])
    store.put_sentences(first.ids[0], [(0, 5, "Stale")])
    new_text = body(11)  # rewritten under the same address
    update = make(3, text=new_text, url="https://news.example/story/1", published="2024-06-01")
    result = store.add_articles([update])
    assert (result.updated, result.added, result.duplicate_url) == (1, 0, 0)
    assert result.ids == result.updated_ids == (first.ids[0],)
    stored = store.get_articles([first.ids[0]])[0]
    assert stored.text == new_text and store.count_articles() == 2
    assert store.stories_of([first.ids[0]]) == {first.ids[0]: story}  # keeps its story
    with store.read() as con:  # the story's activity index follows the new publication time
        (last,) = con.execute(
            "SELECT last_article_ts FROM stories WHERE id = ?", (story,)
        ).fetchone()
    assert last == 1_717_200_000  # 2024-06-01T00:00:00Z
    assert store.get_sentences(first.ids[0]) == []  # stale layers dropped for recomputing
    # Lookups follow the new text: its near-copy is found, the old text's is not.
    near_new = new_text.replace(new_text.split()[50], "changed", 1)
    near_old = body(1).replace(body(1).split()[50], "changed", 1)
    same_outlet = update.source
    again = store.add_articles(
        [make(4, text=near_new, url=None, source=same_outlet), make(5, text=near_old, url=None)]
    )
    assert (again.near_duplicate, again.added) == (1, 1) and again.ids[0] == first.ids[0]
    # A "new" text that another article already has is that article's duplicate: no update.
    clash = store.add_articles([make(6, text=body(2), url="https://news.example/story/1")])
    assert (clash.duplicate_text, clash.updated) == (1, 0) and clash.ids == (first.ids[1],)
    assert store.get_articles([first.ids[0]])[0].text == new_text
    # An older version arriving later (an archived snapshot) does not replace the newer one.
    old = make(7, text=body(12), url="https://news.example/story/1", published="2024-05-30")
    stale = store.add_articles([old])
    assert (stale.duplicate_url, stale.updated) == (1, 0) and stale.ids == (first.ids[0],)
    assert store.get_articles([first.ids[0]])[0].text == new_text
    # A later version whose date cannot be read keeps the stored date and time, as one with no
    # date does: not "not a date" beside the old timestamp.
    undated = make(8, text=body(13), url="https://news.example/story/1", published="not a date")
    assert store.add_articles([undated]).updated == 1
    kept = store.get_articles([first.ids[0]])[0]
    assert (kept.text, kept.published, kept.published_ts) == (body(13), "2024-06-01", 1_717_200_000)


def test_same_story_rewritten_is_not_a_near_duplicate(store: Store) -> None:
    text = body(7)
    words = text.split()
    rewritten = list(words)
    for k in range(0, len(words), 12):  # one word in twelve changed: Jaccard ~0.6
        rewritten[k] = "other"
    result = store.add_articles([make(1, text=text), make(2, text=" ".join(rewritten))])
    assert result.added == 2


def test_duplicates_inside_one_input_and_across_batches(store: Store) -> None:
    a = make(1)
    result = store.add_articles([a, make(2), a, make(3, text=a.text)], batch=1)
    assert (result.added, result.duplicate_url, result.duplicate_text) == (2, 1, 1)


def test_batches_are_committed_as_the_stream_goes(store: Store) -> None:
    def stream() -> Iterator[Article]:
        for i in range(5):
            yield make(i)
        raise RuntimeError("feed broke")

    with pytest.raises(RuntimeError):
        store.add_articles(stream(), batch=2)
    assert store.count_articles() == 4  # two full batches committed before the failure


# -- article queries ------------------------------------------------------------------------------


def test_article_round_trip_and_queries(store: Store) -> None:
    removed = (Removed("Leave a Reply", "comment form"),)
    store.add_articles(
        [
            make(1, published="2024-01-01", title="T1", removed=removed, language="en"),
            make(2, published="2024-03-01T12:00:00+02:00"),
            make(3, published="not a date"),  # filed under ingest time (the fixed clock)
        ]
    )
    a1, a2, a3 = store.get_articles([1, 2, 3])
    assert a1.title == "T1" and a1.removed == removed and a1.language == "en"
    assert a1.published == "2024-01-01" and a1.published_ts == 1_704_067_200
    assert a2.published_ts == 1_709_287_200 and a3.published_ts is None
    assert a3.ts == 1_700_000_000 and a1.words == len(a1.text.split())
    assert [a.id for a in store.get_articles([3, 99, 1])] == [3, 1]
    assert [a.id for a in store.articles_since(1_705_000_000)] == [2]
    assert [a.id for a in store.articles_since(0)] == [3, 1, 2]
    assert [a.id for a in store.iter_articles(batch=2)] == [1, 2, 3]
    article = a1.to_article()
    assert article.id == "1" and article.text == a1.text and article.source == "Outlet 1"


def test_embedding_round_trip_error_bounds(store: Store) -> None:
    store.add_articles([make(i) for i in range(3)])
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(3, 512)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store.put_article_embedding(1, "f16", vectors[0])
    store.put_article_embedding(3, "f16", vectors[2])
    store.put_article_embedding(1, "i8", vectors[0], encoding="i8")
    ids, got = store.get_article_embeddings("f16", [3, 2, 1])
    assert ids == [3, 1] and got.dtype == np.float32 and got.shape == (2, 512)
    f16_err = np.abs(got - vectors[[2, 0]]).max()
    assert f16_err <= np.abs(vectors).max() * 2**-11  # half precision: 11 significant bits
    _, got8 = store.get_article_embeddings("i8", [1])
    step = np.abs(vectors[0]).max() / 127
    assert np.abs(got8[0] - vectors[0]).max() <= step / 2 + 1e-7
    assert float(got8[0] @ vectors[0]) > 0.999  # cosine barely moves
    none_ids, none = store.get_article_embeddings("missing", [1])
    assert none_ids == [] and none.shape == (0, 0)


def test_sentences_and_sentence_embeddings(store: Store) -> None:
    store.add_articles([make(1, text="One two three. Four five six.")])
    assert store.put_sentences(1, [(0, 14, "One two three."), (15, 29, "Four five six.")]) == 2
    rows = store.get_sentences(1)
    assert [(r.idx, r.start, r.end, r.text) for r in rows][1] == (1, 15, 29, "Four five six.")
    matrix = np.eye(2, 4, dtype=np.float32)
    store.put_sentence_embeddings(1, "usem3", matrix)
    assert np.array_equal(store.get_sentence_embeddings(1, "usem3"), matrix)


# -- stories --------------------------------------------------------------------------------------


def test_story_listing_merge_and_reassign(store: Store) -> None:
    dated = [make(i, published=f"2024-02-0{i}T00:00:00Z") for i in range(1, 7)]
    store.add_articles(dated)
    s1 = store.create_story("Bridge", centroid=[1.0, 0.0], article_ids=[1, 2, 3])
    s2 = store.create_story("Flood", centroid=[0.0, 1.0])
    with store.write():  # many assignments, one commit
        for a in (4, 5):
            store.assign(a, s2)
    listed = store.stories()
    assert [s.id for s in listed] == [s2, s1]  # most recently active first
    bridge = listed[1]
    assert (bridge.title, bridge.size) == ("Bridge", 3)
    assert bridge.outlets == ("Outlet 0", "Outlet 1", "Outlet 2")
    assert (bridge.first_published, bridge.last_published) == (
        "2024-02-01T00:00:00Z",
        "2024-02-03T00:00:00Z",
    )
    assert [s.id for s in store.stories(since_ts=1_707_004_800)] == [s2]  # active from Feb 4
    assert [s.id for s in store.stories(limit=1)] == [s2]

    store.assign(3, s2)  # moves out of s1
    assert store.get_story(s1).size == 2  # type: ignore[union-attr]
    assert store.story_articles(s2) == [3, 4, 5]

    store.merge_stories(s1, s2)
    assert store.get_story(s2) is None
    merged = store.get_story(s1)
    assert merged is not None and merged.size == 5
    assert merged.last_published == "2024-02-05T00:00:00Z"
    assert store.story_articles(s1) == [1, 2, 3, 4, 5]
    ids, centroids = store.story_centroids()
    assert ids == [s1] and np.allclose(centroids[0], [2 / 5, 3 / 5])

    store.update_story(s1, title="Bridge and flood", closed=True)
    assert store.stories(include_closed=False) == []
    assert store.stories()[0].title == "Bridge and flood" and store.stories()[0].closed
    with pytest.raises(KeyError):
        store.assign(6, 12345)
    with pytest.raises(KeyError):
        store.merge_stories(s1, 12345)


def test_failed_nested_write_rolls_back_only_itself(store: Store) -> None:
    with store.write():
        kept = store.create_story("kept")
        with pytest.raises(KeyError):
            store.create_story("lost", article_ids=[404])  # no such article
    assert [s.title for s in store.stories()] == ["kept"] and kept


# -- brief cache ----------------------------------------------------------------------------------


def test_brief_cache_by_content_hash(store: Store) -> None:
    key = brief_key(["b text", "a text"], Options())
    assert key == brief_key(["a text", "b text"], Options())
    assert key != brief_key(["a text", "b text"], Options(summary_sentences=8))
    assert key != brief_key(["a textb", " text"], Options())
    assert store.get_brief(key) is None
    store.put_brief(key, '{"schema_version": "1"}')
    assert store.get_brief(key) == '{"schema_version": "1"}'
    store.put_brief(key, "{}")
    assert store.get_brief(key) == "{}"


# -- concurrency ----------------------------------------------------------------------------------


def test_concurrent_reads_while_writing(tmp_path: Path) -> None:
    errors: list[BaseException] = []
    done = threading.Event()
    seen: list[int] = []

    with Store(tmp_path / "busy.db", readers=3) as store:

        def writer() -> None:
            try:
                for start in range(0, 300, 30):
                    store.add_articles([make(i) for i in range(start, start + 30)], batch=10)
                    store.create_story(f"s{start}", article_ids=[start + 1])
            except BaseException as e:
                errors.append(e)
            finally:
                done.set()

        def reader() -> None:
            try:
                while not done.is_set():
                    n = store.count_articles()
                    seen.append(n)
                    store.stories(limit=5)
                    store.get_articles(range(1, n + 1, 7))
            except BaseException as e:
                errors.append(e)

        threads = [threading.Thread(target=writer)] + [
            threading.Thread(target=reader)
            for _ in range(5)  # more readers than pool slots
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert not errors, errors
        assert store.count_articles() == 300 and len(store.stories(limit=None)) == 10
    assert max(seen) <= 300
    assert any(0 < n < 300 for n in seen)  # readers really ran while the writer worked
