"""Incremental story clustering over a stream of articles.

Each open story keeps a summary of its members: the sums of their lead and body vectors (the
centroids, once normalised), how often each name token occurs, the span of publication times and
the member ids. An arriving article is compared with the open stories only, never with every
article seen: one matrix product against the open stories' centroids picks the candidates, and the
full `story_similarity` judgement (embedding, entities, time) decides among the best few. Cost
per `add` is proportional to the number of open stories.

- Join or start: the article joins the best-scoring open story when `same_story` holds, else it
  starts a new one. Ties go to the older story, so the result does not depend on dict order.
- Aging: the clock is the latest article time seen (article times, not the wall clock, so that
  replaying an archive gives the same stories). A story whose newest article is more than
  `story_max_age_days` behind the clock is closed and takes no new articles. Stories whose
  articles all lack times never age.
- Remerge: a story can start twice (the first reports were vague, or in another language) and the
  halves converge as articles arrive. `remerge()`, run periodically by the caller, merges open
  stories whose summaries now pass the same judgement; the older story keeps its id.
- State: `export_state()` is plain JSON-able data (lists of floats, strings); `from_state()`
  restores a clusterer that continues exactly as the original would have.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..options import DEFAULT_OPTIONS, Options
from .signals import ArticleSignals
from .similarity import ENTITY_WEIGHT, LEAD_WEIGHT, story_similarity

STATE_VERSION = 1
_TOP_ENTITIES = 20  # a story's name set: its most frequent tokens, so big stories are not diluted
_CANDIDATES = 10  # stories given the full judgement after the centroid pre-selection


@dataclass
class _Story:
    id: str
    seq: int  # creation order: the tie-breaker and the "older" in a merge
    lead_sum: np.ndarray  # float64 sums: exact to export, order-independent to a rounding error
    body_sum: np.ndarray
    body_n: int = 0
    entity_counts: dict[str, int] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    first_time: float | None = None
    last_time: float | None = None
    title: str = ""
    open: bool = True
    # Normalised centroids, refreshed on every change: the per-add matrix is built from these.
    lead_unit: np.ndarray = field(default_factory=lambda: np.zeros(512, dtype=np.float32))
    body_unit: np.ndarray | None = None
    top_entities: frozenset[str] = frozenset()

    def refresh(self) -> None:
        self.lead_unit = _unit(self.lead_sum)
        self.body_unit = _unit(self.body_sum) if self.body_n else None
        ranked = sorted(self.entity_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        self.top_entities = frozenset(k for k, _ in ranked[:_TOP_ENTITIES])

    def absorb(self, sig: ArticleSignals) -> None:
        self.lead_sum += sig.lead
        if sig.body is not None:
            self.body_sum += sig.body
            self.body_n += 1
        for key in sig.entities:
            self.entity_counts[key] = self.entity_counts.get(key, 0) + 1
        self.members.append(sig.id)
        self._extend_span(sig.time, sig.time)
        self.title = self.title or sig.title
        self.refresh()

    def merge(self, other: _Story) -> None:
        self.lead_sum += other.lead_sum
        self.body_sum += other.body_sum
        self.body_n += other.body_n
        for key, n in other.entity_counts.items():
            self.entity_counts[key] = self.entity_counts.get(key, 0) + n
        self.members.extend(other.members)
        self._extend_span(other.first_time, other.last_time)
        self.refresh()

    def _extend_span(self, first: float | None, last: float | None) -> None:
        if first is not None:
            self.first_time = first if self.first_time is None else min(self.first_time, first)
        if last is not None:
            self.last_time = last if self.last_time is None else max(self.last_time, last)

    def summary(self, near: float | None = None) -> ArticleSignals:
        """The story as one signals record. Its time is the point of its span nearest `near`:
        an article inside the span is as close in time as it gets."""
        time = self.last_time
        if near is not None and self.first_time is not None and self.last_time is not None:
            time = min(max(near, self.first_time), self.last_time)
        return ArticleSignals(
            id=self.id,
            lead=self.lead_unit,
            body=self.body_unit,
            entities=self.top_entities,
            time=time,
            title=self.title,
        )


@dataclass(frozen=True)
class Story:
    """A read-only view of one story."""

    id: str
    title: str
    members: tuple[str, ...]
    first_time: float | None
    last_time: float | None
    open: bool


def _unit(v: np.ndarray) -> np.ndarray:
    out: np.ndarray = (v / max(float(np.linalg.norm(v)), 1e-12)).astype(np.float32)
    return out


class StoryClusterer:
    def __init__(self, options: Options = DEFAULT_OPTIONS) -> None:
        self.options = options
        self._stories: dict[str, _Story] = {}
        # Open stories only, in creation order: per-add work must not grow with closed stories.
        self._open_stories: dict[str, _Story] = {}
        self._story_of: dict[str, str] = {}
        self._next = 1
        self._clock: float | None = None

    # --- the stream ---------------------------------------------------------------------------

    def add(self, sig: ArticleSignals) -> str:
        """Assign one article to a story (a new one if none fits) and return the story id."""
        if sig.id in self._story_of:
            return self._story_of[sig.id]
        if sig.time is not None:
            self._clock = sig.time if self._clock is None else max(self._clock, sig.time)
            self._age_out()
        story = self._best_match(sig)
        if story is None:
            story = _Story(f"story-{self._next:06d}", self._next, np.zeros(512), np.zeros(512))
            self._next += 1
            self._stories[story.id] = story
            self._open_stories[story.id] = story
        story.absorb(sig)
        self._story_of[sig.id] = story.id
        return story.id

    def add_many(self, sigs: Iterable[ArticleSignals]) -> list[str]:
        return [self.add(s) for s in sigs]

    def _open(self) -> list[_Story]:
        return list(self._open_stories.values())

    def _age_out(self) -> None:
        assert self._clock is not None
        limit = self._clock - self.options.story_max_age_days
        for story in self._open():
            if story.last_time is not None and story.last_time < limit:
                story.open = False
                del self._open_stories[story.id]

    def _best_match(self, sig: ArticleSignals) -> _Story | None:
        stories = self._open()
        if not stories:
            return None
        emb = _embedding_matrix(_vectors([sig.lead], [sig.body]), _story_vectors(stories))[0]
        # Entities add at most ENTITY_WEIGHT and time only lowers a score, so a story whose
        # embedding part is under this bound cannot reach the threshold: skip it unjudged.
        bound = (self.options.story_threshold - ENTITY_WEIGHT) / (1 - ENTITY_WEIGHT)
        order = np.argsort(-emb, kind="stable")[:_CANDIDATES]
        best: tuple[float, _Story] | None = None
        for k in order:
            if emb[k] < bound:
                break
            story = stories[int(k)]
            result = story_similarity(sig, story.summary(near=sig.time), self.options)
            if result.same_story and (best is None or result.score > best[0]):
                best = (result.score, story)
        return None if best is None else best[1]

    # --- periodic maintenance -----------------------------------------------------------------

    def remerge(self) -> list[tuple[str, str]]:
        """Merge open stories whose summaries now judge as the same story.

        Returns (kept id, merged-away id) pairs in merge order. Runs passes of best-pair-first
        merging (each story merges at most once per pass, since a merge changes its centroid)
        until a pass merges nothing."""
        merged: list[tuple[str, str]] = []
        while True:
            done = self._remerge_pass()
            if not done:
                return merged
            merged.extend(done)

    def _remerge_pass(self) -> list[tuple[str, str]]:
        stories = self._open()
        if len(stories) < 2:
            return []
        vectors = _story_vectors(stories)
        emb = _embedding_matrix(vectors, vectors)
        bound = (self.options.story_threshold - ENTITY_WEIGHT) / (1 - ENTITY_WEIGHT)
        pairs = []
        for i, j in zip(*np.nonzero(np.triu(emb >= bound, k=1)), strict=True):
            a, b = stories[int(i)], stories[int(j)]
            # Each side's time is the point of its span nearest the other's start, which makes
            # the time gap the gap between the two spans (0 when they overlap).
            result = story_similarity(
                a.summary(b.first_time), b.summary(a.first_time), self.options
            )
            if result.same_story:
                pairs.append((-result.score, a.seq, b.seq, a, b))
        pairs.sort(key=lambda p: p[:3])
        touched: set[str] = set()
        done = []
        for _, _, _, a, b in pairs:
            if a.id in touched or b.id in touched:
                continue
            touched.update((a.id, b.id))
            a.merge(b)
            del self._stories[b.id]
            del self._open_stories[b.id]
            for member in b.members:
                self._story_of[member] = a.id
            done.append((a.id, b.id))
        return done

    # --- views and state ------------------------------------------------------------------------

    def forget_closed(self) -> list[Story]:
        """Drop closed stories (and their members' assignments) from memory and return them, so
        a long-running stream stays bounded once the store has persisted them."""
        closed = [s for s in self.stories() if not s.open]
        for story in closed:
            del self._stories[story.id]
            for member in story.members:
                self._story_of.pop(member, None)
        return closed

    def story_of(self, article_id: str) -> str | None:
        return self._story_of.get(article_id)

    def assignments(self) -> dict[str, str]:
        return dict(self._story_of)

    def stories(self, open_only: bool = False) -> list[Story]:
        out = []
        for s in sorted(self._stories.values(), key=lambda s: s.seq):
            if s.open or not open_only:
                out.append(
                    Story(s.id, s.title, tuple(s.members), s.first_time, s.last_time, s.open)
                )
        return out

    def export_state(self) -> dict[str, Any]:
        """Everything needed to continue later, as JSON-able plain data."""
        return {
            "version": STATE_VERSION,
            "next": self._next,
            "clock": self._clock,
            "stories": [
                _story_state(s) for s in sorted(self._stories.values(), key=lambda s: s.seq)
            ],
        }

    @classmethod
    def from_state(
        cls, state: dict[str, Any], options: Options = DEFAULT_OPTIONS
    ) -> StoryClusterer:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unknown story state version {state.get('version')!r}")
        out = cls(options)
        out._next = int(state["next"])
        out._clock = None if state["clock"] is None else float(state["clock"])
        for data in sorted(state["stories"], key=lambda d: int(d["seq"])):
            story = _story_from_state(data)
            out._stories[story.id] = story
            if story.open:
                out._open_stories[story.id] = story
            for member in story.members:
                out._story_of[member] = story.id
        return out


_Vectors = tuple[np.ndarray, np.ndarray, np.ndarray]  # leads, bodies (zeros if none), has_body


def _vectors(leads: list[np.ndarray], bodies: list[np.ndarray | None]) -> _Vectors:
    zero = np.zeros(512, dtype=np.float32)
    body_rows = [zero if b is None else b for b in bodies]
    return np.stack(leads), np.stack(body_rows), np.array([b is not None for b in bodies])


def _story_vectors(stories: list[_Story]) -> _Vectors:
    return _vectors([s.lead_unit for s in stories], [s.body_unit for s in stories])


def _embedding_matrix(rows: _Vectors, cols: _Vectors) -> np.ndarray:
    """The embedding part of story_similarity for every (row, column) pair: the same formula as
    similarity.embedding_part, as matrix products."""
    cos = rows[0] @ cols[0].T
    mixed = LEAD_WEIGHT * cos + (1 - LEAD_WEIGHT) * (rows[1] @ cols[1].T)
    both = rows[2][:, None] & cols[2][None, :]
    out: np.ndarray = np.clip(np.where(both, mixed, cos), 0.0, 1.0)
    return out


def _story_state(s: _Story) -> dict[str, Any]:
    return {
        "id": s.id,
        "seq": s.seq,
        "title": s.title,
        "open": s.open,
        "members": list(s.members),
        "first_time": s.first_time,
        "last_time": s.last_time,
        "lead_sum": [float(x) for x in s.lead_sum],
        "body_sum": [float(x) for x in s.body_sum],
        "body_n": s.body_n,
        "entity_counts": dict(sorted(s.entity_counts.items())),
    }


def _story_from_state(d: dict[str, Any]) -> _Story:
    story = _Story(
        id=str(d["id"]),
        seq=int(d["seq"]),
        lead_sum=np.asarray(d["lead_sum"], dtype=np.float64),
        body_sum=np.asarray(d["body_sum"], dtype=np.float64),
        body_n=int(d["body_n"]),
        entity_counts={str(k): int(v) for k, v in d["entity_counts"].items()},
        members=[str(m) for m in d["members"]],
        first_time=None if d["first_time"] is None else float(d["first_time"]),
        last_time=None if d["last_time"] is None else float(d["last_time"]),
        title=str(d["title"]),
        open=bool(d["open"]),
    )
    story.refresh()
    return story
