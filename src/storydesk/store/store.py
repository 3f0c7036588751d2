"""The archive's public API: articles in (deduplicated, streamed), stories and briefs out."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from os import PathLike

import numpy as np
import numpy.typing as npt

from ..model import Article
from . import articles as art
from . import embeddings as emb
from . import stories as st
from .db import Database
from .records import AddResult, SentenceRow, StoredArticle, StoryRow
from .vectors import F32, Encoding

BATCH = 500  # articles per commit: commits stay cheap, and a crash loses at most one batch


class Store(Database):
    """A persistent article archive in one SQLite file.

    >>> with Store(tmp / "x.db") as store:
    ...     result = store.add_articles(articles)
    """

    def __init__(
        self,
        path: str | PathLike[str] | None = None,
        *,
        readers: int = 4,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(path, readers=readers)
        self._clock = clock

    def _now(self) -> int:
        return int(self._clock())

    # -- articles ------------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article], *, batch: int = BATCH) -> AddResult:
        """Archive new articles, skipping any already stored by URL, text or near-identical text;
        a stored URL that comes with a new text is updated in place (same id and story).

        Streams: reads `batch` articles at a time and commits each batch, so memory stays flat
        however long the iterator is (apart from the returned ids, one int per input).
        Duplicates within the input are caught too (the writer sees its own uncommitted rows).
        """
        if batch < 1:
            raise ValueError("batch must be at least 1")
        kinds = ("added", "updated", "duplicate_url", "duplicate_text", "near_duplicate")
        counts = dict.fromkeys(kinds, 0)
        ids: list[int] = []
        added: list[int] = []
        updated: list[int] = []
        stream = iter(articles)
        while chunk := list(islice(stream, batch)):
            prepared = [art.prepare(a) for a in chunk]  # CPU work outside the write lock
            with self.write() as con:
                now = self._now()
                for p in prepared:
                    dup = art.find_duplicate(con, p)
                    if dup is None:
                        article_id = art.insert(con, p, now)
                        counts["added"] += 1
                        added.append(article_id)
                    else:
                        counts[dup[0]] += 1
                        article_id = dup[1]
                        if dup[0] == "updated":
                            art.update(con, article_id, p)
                            st.touch_article(con, article_id, now)
                            updated.append(article_id)
                    ids.append(article_id)
        return AddResult(
            **counts, ids=tuple(ids), added_ids=tuple(added), updated_ids=tuple(updated)
        )

    def get_articles(self, ids: Iterable[int]) -> list[StoredArticle]:
        """Stored articles for `ids`, in that order; unknown ids are left out."""
        with self.read() as con:
            return art.get_articles(con, ids)

    def articles_since(self, ts: int, *, limit: int | None = None) -> list[StoredArticle]:
        """Articles published at or after `ts` (ingest time when undated), oldest first."""
        with self.read() as con:
            return art.articles_since(con, ts, limit)

    def iter_articles(self, *, batch: int = BATCH) -> Iterator[StoredArticle]:
        """Every article by id, read `batch` at a time (a fresh snapshot per batch, so a long
        scan never pins the WAL and may see articles added meanwhile)."""
        after = 0
        while True:
            with self.read() as con:
                rows = art.page(con, after, batch)
            if not rows:
                return
            yield from rows
            after = rows[-1].id

    def count_articles(self) -> int:
        with self.read() as con:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])

    # -- sentences and embeddings --------------------------------------------------------------

    def put_sentences(self, article_id: int, spans: Iterable[tuple[int, int, str]]) -> int:
        """Replace an article's sentences with (start, end, text) spans; returns how many."""
        with self.write() as con:
            return emb.put_sentences(con, article_id, spans)

    def get_sentences(self, article_id: int) -> list[SentenceRow]:
        with self.read() as con:
            return emb.sentences(con, article_id)

    def put_article_embedding(
        self, article_id: int, kind: str, vector: npt.ArrayLike, *, encoding: Encoding = "f16"
    ) -> None:
        """Store one vector for the whole article (e.g. kind 'usem3:title+lead')."""
        with self.write() as con:
            emb.put(con, article_id, kind, [(emb.ARTICLE_IDX, vector)], encoding)

    def get_article_embeddings(self, kind: str, ids: Iterable[int]) -> tuple[list[int], F32]:
        """(ids that have a `kind` vector, in the order asked; float32 matrix, one row each)."""
        with self.read() as con:
            return emb.article_vectors(con, kind, ids)

    def put_sentence_embeddings(
        self, article_id: int, kind: str, matrix: npt.ArrayLike, *, encoding: Encoding = "f16"
    ) -> None:
        """Row i embeds sentence i of the article."""
        with self.write() as con:
            rows = np.asarray(matrix, dtype=np.float32)
            if rows.ndim != 2:
                raise ValueError(f"expected one row per sentence, got shape {rows.shape}")
            emb.put(con, article_id, kind, enumerate(rows), encoding)

    def get_sentence_embeddings(self, article_id: int, kind: str) -> F32:
        with self.read() as con:
            return emb.sentence_vectors(con, article_id, kind)

    # -- stories -------------------------------------------------------------------------------

    def create_story(
        self,
        title: str = "",
        *,
        centroid: npt.ArrayLike | None = None,
        article_ids: Iterable[int] = (),
    ) -> int:
        with self.write() as con:
            now = self._now()
            story_id = st.create(con, title, now, centroid)
            for article_id in article_ids:
                st.assign(con, article_id, story_id, now)
            return story_id

    def update_story(
        self,
        story_id: int,
        *,
        title: str | None = None,
        centroid: npt.ArrayLike | None = None,
        closed: bool | None = None,
    ) -> None:
        with self.write() as con:
            st.update(con, story_id, self._now(), title=title, centroid=centroid, closed=closed)

    def assign(self, article_id: int, story_id: int) -> None:
        """Put an article in a story (moving it out of its previous one). Wrap many calls in
        `with store.write():` to commit them together."""
        with self.write() as con:
            st.assign(con, article_id, story_id, self._now())

    def merge_stories(self, keep: int, drop: int) -> None:
        with self.write() as con:
            st.merge(con, keep, drop, self._now())

    def story_articles(self, story_id: int) -> list[int]:
        """Article ids of a story, oldest first."""
        with self.read() as con:
            return st.article_ids(con, story_id)

    def stories_of(self, article_ids: Iterable[int]) -> dict[int, int]:
        """Article id -> story id, for those of `article_ids` that are in a story."""
        with self.read() as con:
            return st.stories_of(con, list(article_ids))

    def stories(
        self, since_ts: int | None = None, *, limit: int | None = 50, include_closed: bool = True
    ) -> list[StoryRow]:
        """Stories active at or after `since_ts`, most recently active first."""
        with self.read() as con:
            return st.listing(con, since_ts, limit, include_closed)

    def get_story(self, story_id: int) -> StoryRow | None:
        with self.read() as con:
            rows = st.listing(con, limit=None, ids=[story_id])
        return rows[0] if rows else None

    def story_centroids(self, *, open_only: bool = True) -> tuple[list[int], list[F32]]:
        with self.read() as con:
            return st.centroids(con, open_only)

    # -- brief cache ---------------------------------------------------------------------------

    def get_brief(self, key: str) -> str | None:
        """Cached brief JSON for a `keys.brief_key(...)`, or None."""
        with self.read() as con:
            row = con.execute("SELECT json FROM briefs WHERE hash = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put_brief(self, key: str, brief_json: str) -> None:
        with self.write() as con:
            con.execute(
                "INSERT OR REPLACE INTO briefs (hash, json, created) VALUES (?, ?, ?)",
                (key, brief_json, self._now()),
            )

    # -- named state ---------------------------------------------------------------------------

    def get_state(self, key: str) -> str | None:
        """A value saved with `put_state`, or None (e.g. the story clusterer's JSON state)."""
        with self.read() as con:
            row = con.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def put_state(self, key: str, value: str) -> None:
        with self.write() as con:
            con.execute("INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)", (key, value))
