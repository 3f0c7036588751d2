"""Frozen records the store hands out. Kept here, not in model.py: they describe stored rows
(integer ids, timestamps, signatures), which the brief pipeline never sees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ..model import Article, Removed


def iso_utc(ts: int | None) -> str | None:
    """Seconds since the epoch as an ISO 8601 UTC string (None stays None)."""
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class StoredArticle:
    """One archived article. `id` is the store's own integer id, unique across the archive;
    `key` is the `Article.id` it was ingested with (often a file stem, so not unique)."""

    id: int
    key: str
    url: str | None
    source: str | None
    title: str | None
    dek: str | None
    published: str | None  # as given
    published_ts: int | None  # parsed, seconds since the epoch (UTC); None when unparseable
    language: str | None
    words: int
    text: str
    removed: tuple[Removed, ...]
    path: str
    format: str
    ingested_at: int

    @property
    def ts(self) -> int:
        """The time the archive files this article under: published when known, else ingested."""
        return self.published_ts if self.published_ts is not None else self.ingested_at

    def to_article(self) -> Article:
        """The pipeline's record. Its id is the store id as text, so a brief over articles from
        many ingest runs never sees two articles with the same id."""
        return Article(
            id=str(self.id),
            path=self.path,
            text=self.text,
            title=self.title,
            dek=self.dek,
            source=self.source,
            url=self.url,
            published=self.published,
            language=self.language,
            removed=self.removed,
            format=self.format,
        )


@dataclass(frozen=True)
class AddResult:
    """What `Store.add_articles` did. `ids[i]` is the store id for the i-th input: the new row,
    or the existing article it duplicates, so callers can always map input to archive."""

    added: int = 0
    updated: int = 0  # a stored URL with a new text: the stored article now has that text
    duplicate_url: int = 0
    duplicate_text: int = 0
    near_duplicate: int = 0
    ids: tuple[int, ...] = ()
    added_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()  # in input order; an id twice if updated twice

    @property
    def seen(self) -> int:
        dupes = self.duplicate_url + self.duplicate_text + self.near_duplicate
        return self.added + self.updated + dupes


@dataclass(frozen=True)
class StoryRow:
    """A story as listed: its articles summarised by outlet and time span."""

    id: int
    title: str
    size: int
    outlets: tuple[str, ...]  # distinct article sources, sorted
    first_published: str | None  # ISO UTC of the earliest dated article
    last_published: str | None
    created: int
    updated: int
    last_article_ts: int | None
    closed: bool


@dataclass(frozen=True)
class SentenceRow:
    article_id: int
    idx: int
    start: int  # character offsets into the article's cleaned text
    end: int
    text: str
