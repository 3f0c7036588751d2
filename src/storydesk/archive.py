"""Stories from a stream: ingest articles into the archive, cluster them into stories as they
arrive, list the stories, and brief one of them.

The pieces live elsewhere (ingest.iter_articles, clean.clean_article, the Store, the story
clusterer); this module wires them together. Memory stays flat however long the input is:
articles move through in batches of `BATCH`, and the clusterer keeps only open stories
(`forget_closed` after every batch). Its state is saved in the store after every batch, in the
same transaction as the story assignments, so the archive's stories and the clusterer never
disagree, and the next run continues where this one stopped.

Crash safety: a batch is stored first (with its new ids recorded as "pending" in the same
transaction), then embedded outside the write lock, then assigned to stories. A run that dies in
between leaves the ids pending, and the next `ingest` clusters them before anything else.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from typing import Any

import numpy as np

from .api import run_brief_articles
from .briefing.render_json import to_json
from .clean import clean_article
from .errors import OptionsError, StorydeskError
from .ingest import PathArg, iter_articles
from .model import Article, Brief, InputProblem
from .options import DEFAULT_OPTIONS, Options
from .pipeline import ProgressHook, Timings
from .store import Store, StoryRow, brief_key
from .store.records import AddResult
from .stories import ArticleSignals, StoryClusterer, signals_many
from .stories.pairs import similarity_rows

BATCH = 200  # articles per store commit and per embedding batch
MAX_PROBLEMS = 1000  # problems kept in the report; the rest are only counted
STATE_KEY = "stories.clusterer"
EMBEDDING_LEAD = "usem3:title+lead"  # kinds of article vectors kept in the store
EMBEDDING_BODY = "usem3:body"
PENDING_KEY = "stories.pending"

__all__ = [
    "BATCH",
    "IngestReport",
    "StoryNotFoundError",
    "brief_story",
    "brief_story_json",
    "ingest",
    "list_stories",
    "parse_since",
    "similarity_rows",
]


class StoryNotFoundError(OptionsError):
    """No story with that id in the archive: a bad --story value (usage error, exit 2)."""


@dataclass(frozen=True)
class IngestReport:
    """What one `ingest` run did. `read` counts articles the inputs yielded (before cleaning);
    `duplicates` counts skipped articles by kind ("url", "text", "near")."""

    read: int = 0
    added: int = 0
    updated: int = 0  # stored URLs that came with a new text (the archive keeps the new one)
    duplicates: dict[str, int] = field(default_factory=dict)
    problems: tuple[InputProblem, ...] = ()  # the first MAX_PROBLEMS
    problem_count: int = 0
    stories_created: int = 0
    stories_joined: int = 0
    stories_merged: int = 0  # two stories found to be one: the later one joined the other

    @property
    def duplicate_count(self) -> int:
        return sum(self.duplicates.values())


IngestProgress = Callable[[IngestReport], None]


class _Run:
    """One ingest run: counters, the clusterer and its story-id mapping."""

    def __init__(self, store: Store, options: Options) -> None:
        self.store = store
        self.options = options
        self.clusterer, self.story_ids = _load_state(store, options)
        self.read = self.added = self.updated = self.created = self.joined = self.merged = 0
        self.problem_count = 0
        self.duplicates = {"url": 0, "text": 0, "near": 0}
        self.problems: list[InputProblem] = []

    def problem(self, problem: InputProblem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)

    def report(self) -> IngestReport:
        return IngestReport(
            read=self.read,
            added=self.added,
            updated=self.updated,
            duplicates=dict(self.duplicates),
            problems=tuple(self.problems),
            problem_count=self.problem_count,
            stories_created=self.created,
            stories_joined=self.joined,
            stories_merged=self.merged,
        )

    def store_batch(self, articles: list[Article]) -> tuple[int, ...]:
        """Store a batch; returns the ids to cluster: new articles, then updated ones."""
        with self.store.write():
            result: AddResult = self.store.add_articles(articles)
            todo = tuple(dict.fromkeys((*result.added_ids, *result.updated_ids)))
            self.store.put_state(PENDING_KEY, json.dumps(list(todo)))
        self.added += result.added
        self.updated += result.updated
        self.duplicates["url"] += result.duplicate_url
        self.duplicates["text"] += result.duplicate_text
        self.duplicates["near"] += result.near_duplicate
        return todo

    def cluster(self, article_ids: Sequence[int]) -> None:
        """Assign newly stored articles to stories and save the clusterer, in one commit.
        An updated article already in a story keeps it and only gets its text layers again."""
        if not article_ids:
            return
        placed = self.store.stories_of(article_ids)
        self._refresh([i for i in article_ids if i in placed])
        article_ids = [i for i in article_ids if i not in placed]
        if not article_ids:
            self.store.put_state(PENDING_KEY, "[]")
            return
        # Read back from the store: the pipeline then sees exactly what a later brief will see,
        # with the store id as the article id (unique across runs, unlike file stems).
        articles = [a.to_article() for a in self.store.get_articles(article_ids)]
        sigs = signals_many(articles, self.options)  # the slow part: outside the write lock
        touched: set[str] = set()
        with self.store.write():
            for article, sig in zip(articles, sigs, strict=True):
                touched.add(self._assign(sig.id, self.clusterer.add(sig), sig.title))
                _keep_text_layers(self.store, article, sig)
            for keep, drop in self.clusterer.remerge():
                self.store.merge_stories(self.story_ids[keep], self.story_ids.pop(drop))
                self.merged += 1
                touched.discard(drop)
                touched.add(keep)
            for story in self.clusterer.forget_closed():
                sid = self.story_ids.pop(story.id, None)
                if sid is not None:
                    self.store.update_story(sid, closed=True)
                touched.discard(story.id)
            state = self.clusterer.export_state()
            _update_touched(self.store, state, self.story_ids, touched)
            saved = {"clusterer": state, "story_ids": self.story_ids}
            self.store.put_state(STATE_KEY, json.dumps(saved))
            self.store.put_state(PENDING_KEY, "[]")

    def _refresh(self, article_ids: Sequence[int]) -> None:
        if not article_ids:
            return
        articles = [a.to_article() for a in self.store.get_articles(article_ids)]
        sigs = signals_many(articles, self.options)
        with self.store.write():
            for article, sig in zip(articles, sigs, strict=True):
                _keep_text_layers(self.store, article, sig)

    def _assign(self, article_id: str, cluster_id: str, title: str) -> str:
        sid = self.story_ids.get(cluster_id)
        if sid is None:
            sid = self.store.create_story(title, article_ids=[int(article_id)])
            self.story_ids[cluster_id] = sid
            self.created += 1
        else:
            self.store.assign(int(article_id), sid)
            self.joined += 1
        return cluster_id


_SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？])\s+|\n+")


def sentence_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence by punctuation and line breaks.

    A regex, not the parser: ingest must keep its throughput, and a brief re-parses on demand.
    """
    spans: list[tuple[int, int, str]] = []
    start = 0
    for m in [*_SENTENCE_BREAK.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            body = piece.strip()
            spans.append((start + lead, start + lead + len(body), body))
        if m is not None:
            start = m.end()
    return spans


def _keep_text_layers(store: Store, article: Article, sig: ArticleSignals) -> None:
    """Sentences and the clusterer's vectors go into the archive with the article, so later
    searches and briefs can start from them instead of recomputing."""
    aid = int(article.id)
    store.put_sentences(aid, sentence_spans(article.text))
    store.put_article_embedding(aid, EMBEDDING_LEAD, sig.lead, encoding="f16")
    if sig.body is not None:
        store.put_article_embedding(aid, EMBEDDING_BODY, sig.body, encoding="f16")


def _update_touched(
    store: Store, state: dict[str, Any], story_ids: dict[str, int], touched: set[str]
) -> None:
    """Copy title and centroid (the normalised lead-vector sum) of changed stories to the store."""
    for data in state["stories"]:
        if data["id"] in touched and data["id"] in story_ids:
            lead = np.asarray(data["lead_sum"], dtype=np.float32)
            centroid = lead / max(float(np.linalg.norm(lead)), 1e-12)
            store.update_story(story_ids[data["id"]], title=data["title"], centroid=centroid)


def _load_state(store: Store, options: Options) -> tuple[StoryClusterer, dict[str, int]]:
    raw = store.get_state(STATE_KEY)
    if raw is None:
        return StoryClusterer(options), {}
    try:
        data = json.loads(raw)
        clusterer = StoryClusterer.from_state(data["clusterer"], options)
        return clusterer, {str(k): int(v) for k, v in data["story_ids"].items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise StorydeskError(f"{store.path}: saved story state is unreadable: {exc}") from exc


def _pending(store: Store) -> list[int]:
    raw = store.get_state(PENDING_KEY)
    return [int(i) for i in json.loads(raw)] if raw else []


def _cleaned(items: Iterable[Article | InputProblem], run: _Run) -> Iterator[Article]:
    """Articles cleaned one by one; problems (including a cleaning failure) go to the report.
    Duplicates are the store's job: it checks each article against the whole archive."""
    for item in items:
        if isinstance(item, InputProblem):
            run.problem(item)
            continue
        run.read += 1
        try:
            article = clean_article(item, run.options)
        except Exception as exc:  # one odd article must never stop a long ingest
            run.problem(InputProblem(item.path, f"article {item.id}: cleaning failed: {exc}"))
            continue
        if article.words < run.options.min_article_words:
            run.problem(
                InputProblem(
                    article.path,
                    f"too short: article {article.id} has {article.words} words after cleaning"
                    f" (minimum {run.options.min_article_words})",
                )
            )
            continue
        yield article


def ingest(
    inputs: PathArg | Iterable[PathArg],
    store: Store,
    options: Options = DEFAULT_OPTIONS,
    progress: IngestProgress | None = None,
) -> IngestReport:
    """Read, clean, archive and cluster `inputs` (files, directories, http(s) URLs).

    Articles already in the store (same URL, text or near-identical text) are counted as
    duplicates and not clustered again, so re-running over the same input changes nothing. A
    stored URL with a new text updates that article in place: it keeps its id and story, and its
    sentences and vectors are computed again.
    `progress` gets the report so far after every batch.
    """
    run = _Run(store, options)
    run.cluster(_pending(store))  # a previous run stored these but died before clustering
    stream = _cleaned(iter_articles(inputs, options), run)
    while batch := list(islice(stream, BATCH)):
        run.cluster(run.store_batch(batch))
        if progress is not None:
            progress(run.report())
    return run.report()


# -- listing -----------------------------------------------------------------------------------

_RELATIVE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_since(text: str, now: float) -> float:
    """ "90m", "36h", "2d", "1w" before `now`, or an ISO date/datetime (UTC unless it says)."""
    match = _RELATIVE.match(text)
    if match:
        return now - float(match.group(1)) * _UNIT_SECONDS[match.group(2).lower()]
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise OptionsError(
            f"--since: cannot read {text!r}; use 90m, 36h, 2d, 1w or an ISO date (2025-10-14)"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def list_stories(
    store: Store, since: str | None = None, limit: int | None = 50, now: float | None = None
) -> list[StoryRow]:
    """Stories with an article at or after `since`, most recently active first."""
    since_ts = (
        None if since is None else int(parse_since(since, time.time() if now is None else now))
    )
    return store.stories(since_ts, limit=limit)


# -- briefing ----------------------------------------------------------------------------------


def _story_articles(store: Store, story_id: int) -> list[Article]:
    if store.get_story(story_id) is None:
        raise StoryNotFoundError(f"no story {story_id} in {store.path}")
    return [a.to_article() for a in store.get_articles(store.story_articles(story_id))]


def brief_story(
    store: Store,
    story_id: int,
    options: Options = DEFAULT_OPTIONS,
    progress: ProgressHook | None = None,
    timings: Timings | None = None,
) -> Brief:
    """A fresh brief of one archived story (never cached: a Brief is not rebuilt from JSON)."""
    articles = _story_articles(store, story_id)
    return run_brief_articles(articles, options, progress=progress, timings=timings)


def brief_story_json(
    store: Store,
    story_id: int,
    options: Options = DEFAULT_OPTIONS,
    progress: ProgressHook | None = None,
) -> str:
    """The story's brief as JSON, from the store's cache when the same article texts were
    briefed with the same options before. The key ignores `progress` (display only)."""
    articles = _story_articles(store, story_id)
    key = brief_key([a.text for a in articles], replace(options, progress=False))
    cached = store.get_brief(key)
    if cached is not None:
        return cached
    text = to_json(run_brief_articles(articles, options, progress=progress))
    store.put_brief(key, text)
    return text
