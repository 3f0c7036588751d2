"""Story rows: creation, membership, merging and the story listing.

`size` and `last_article_ts` are kept on the story row (updated on every assignment) so the
listing never has to aggregate the whole archive to sort stories by recency.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from .db import in_chunks
from .records import StoryRow, iso_utc
from .vectors import F32, from_f32_blob, to_f32_blob

_ARTICLE_TS = "coalesce(a.published_ts, a.ingested_at)"
_STORY_COLUMNS = "id, title, size, created, updated, last_article_ts, closed"


def create(
    con: sqlite3.Connection, title: str, now: int, centroid: npt.ArrayLike | None = None
) -> int:
    cur = con.execute(
        "INSERT INTO stories (title, created, updated, centroid) VALUES (?, ?, ?, ?)",
        (title, now, now, None if centroid is None else to_f32_blob(centroid)),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def update(
    con: sqlite3.Connection,
    story_id: int,
    now: int,
    *,
    title: str | None = None,
    centroid: npt.ArrayLike | None = None,
    closed: bool | None = None,
) -> None:
    sets = ["updated = ?"]
    params: list[Any] = [now]
    if title is not None:
        sets.append("title = ?")
        params.append(title)
    if centroid is not None:
        sets.append("centroid = ?")
        params.append(to_f32_blob(centroid))
    if closed is not None:
        sets.append("closed = ?")
        params.append(int(closed))
    cur = con.execute(f"UPDATE stories SET {', '.join(sets)} WHERE id = ?", (*params, story_id))
    if cur.rowcount == 0:
        raise KeyError(f"no story {story_id}")


def assign(con: sqlite3.Connection, article_id: int, story_id: int, now: int) -> None:
    """Put an article in a story, moving it out of any story it was in."""
    ts_row = con.execute(
        f"SELECT {_ARTICLE_TS} FROM articles a WHERE a.id = ?", (article_id,)
    ).fetchone()
    if ts_row is None:
        raise KeyError(f"no article {article_id}")
    old = con.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    if old is not None and old[0] == story_id:
        return
    cur = con.execute(
        "UPDATE stories SET size = size + 1, updated = ?,"
        " last_article_ts = max(coalesce(last_article_ts, ?), ?) WHERE id = ?",
        (now, ts_row[0], ts_row[0], story_id),
    )
    if cur.rowcount == 0:
        raise KeyError(f"no story {story_id}")
    con.execute(
        "INSERT OR REPLACE INTO story_articles (article_id, story_id) VALUES (?, ?)",
        (article_id, story_id),
    )
    if old is not None:
        refresh(con, int(old[0]), now)


def refresh(con: sqlite3.Connection, story_id: int, now: int) -> None:
    """Recompute size and last article time from the membership (after removals and merges)."""
    con.execute(
        "UPDATE stories SET updated = :now,"
        " size = (SELECT count(*) FROM story_articles WHERE story_id = :sid),"
        f" last_article_ts = (SELECT max({_ARTICLE_TS}) FROM story_articles sa"
        "   JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = :sid)"
        " WHERE id = :sid",
        {"now": now, "sid": story_id},
    )


def touch_article(con: sqlite3.Connection, article_id: int, now: int) -> None:
    """An article changed (a new version of its text): its story, if any, is active now and
    its time span follows the new publication time."""
    row = con.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is not None:
        refresh(con, int(row[0]), now)


def merge(con: sqlite3.Connection, keep: int, drop: int, now: int) -> None:
    """Move `drop`'s articles into `keep` and delete `drop`. Centroids combine weighted by size."""
    if keep == drop:
        raise ValueError("cannot merge a story into itself")
    rows = {
        r[0]: r
        for r in con.execute(
            "SELECT id, size, centroid FROM stories WHERE id IN (?, ?)", (keep, drop)
        )
    }
    for sid in (keep, drop):
        if sid not in rows:
            raise KeyError(f"no story {sid}")
    centroid = _merged_centroid(rows[keep][1:], rows[drop][1:])
    con.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (keep, drop))
    con.execute("DELETE FROM stories WHERE id = ?", (drop,))
    if centroid is not None:
        con.execute("UPDATE stories SET centroid = ? WHERE id = ?", (to_f32_blob(centroid), keep))
    refresh(con, keep, now)


def _merged_centroid(keep: tuple[Any, ...], drop: tuple[Any, ...]) -> F32 | None:
    (n_keep, blob_keep), (n_drop, blob_drop) = keep, drop
    if blob_keep is None or blob_drop is None:
        return None if blob_keep is None and blob_drop is None else _first(blob_keep, blob_drop)
    a, b = from_f32_blob(blob_keep), from_f32_blob(blob_drop)
    if a.shape != b.shape:
        return a  # different embedders: keep the surviving story's own centroid
    wa, wb = max(int(n_keep), 1), max(int(n_drop), 1)
    return ((a * wa + b * wb) / (wa + wb)).astype(np.float32)


def _first(*blobs: bytes | None) -> F32 | None:
    for blob in blobs:
        if blob is not None:
            return from_f32_blob(blob)
    return None


def article_ids(con: sqlite3.Connection, story_id: int) -> list[int]:
    rows = con.execute(
        f"SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        f" WHERE sa.story_id = ? ORDER BY {_ARTICLE_TS}, sa.article_id",
        (story_id,),
    )
    return [int(r[0]) for r in rows]


def stories_of(con: sqlite3.Connection, ids: Sequence[int]) -> dict[int, int]:
    """article id -> story id, for the given articles that belong to a story."""
    out: dict[int, int] = {}
    wanted = list(dict.fromkeys(int(i) for i in ids))
    for chunk, marks in in_chunks(wanted):
        sql = f"SELECT article_id, story_id FROM story_articles WHERE article_id IN ({marks})"
        out.update((int(a), int(s)) for a, s in con.execute(sql, chunk))
    return out


def listing(
    con: sqlite3.Connection,
    since_ts: int | None = None,
    limit: int | None = 50,
    include_closed: bool = True,
    ids: Iterable[int] | None = None,
) -> list[StoryRow]:
    """Stories, most recently active first, with their outlets and published span."""
    where, params = [], []
    if since_ts is not None:
        where.append("last_article_ts >= ?")
        params.append(int(since_ts))
    if not include_closed:
        where.append("closed = 0")
    if ids is not None:
        id_list = [int(i) for i in ids]
        where.append(f"id IN ({','.join('?' * len(id_list))})")
        params.extend(id_list)
    sql = f"SELECT {_STORY_COLUMNS} FROM stories"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY last_article_ts DESC, id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    stories = con.execute(sql, params).fetchall()
    details = _details(con, [s[0] for s in stories])
    return [_story_row(s, *details.get(s[0], ((), None, None))) for s in stories]


def _details(
    con: sqlite3.Connection, story_ids: list[int]
) -> dict[int, tuple[tuple[str, ...], int | None, int | None]]:
    """Per story: distinct outlets and the first/last published time, in one grouped query
    over the listed stories' members only."""
    out: dict[int, tuple[tuple[str, ...], int | None, int | None]] = {}
    for chunk, marks in in_chunks(story_ids):
        rows = con.execute(
            "SELECT sa.story_id, a.source, min(a.published_ts), max(a.published_ts)"
            " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            f" WHERE sa.story_id IN ({marks})"
            " GROUP BY sa.story_id, a.source",
            chunk,
        )
        for sid, source, first, last in rows:
            outlets, lo, hi = out.get(sid, ((), None, None))
            if source is not None:
                outlets = (*outlets, str(source))
            lo = first if lo is None else (lo if first is None else min(lo, first))
            hi = last if hi is None else (hi if last is None else max(hi, last))
            out[sid] = (outlets, lo, hi)
    return out


def _story_row(
    row: tuple[Any, ...], outlets: tuple[str, ...], first: int | None, last: int | None
) -> StoryRow:
    sid, title, size, created, updated, last_ts, closed = row
    return StoryRow(
        id=int(sid),
        title=str(title),
        size=int(size),
        outlets=tuple(sorted(outlets)),
        first_published=iso_utc(first),
        last_published=iso_utc(last),
        created=int(created),
        updated=int(updated),
        last_article_ts=None if last_ts is None else int(last_ts),
        closed=bool(closed),
    )


def centroids(con: sqlite3.Connection, open_only: bool = True) -> tuple[list[int], list[F32]]:
    """Story ids with their centroids (stories without one are left out)."""
    sql = "SELECT id, centroid FROM stories WHERE centroid IS NOT NULL"
    if open_only:
        sql += " AND closed = 0"
    ids: list[int] = []
    vectors: list[F32] = []
    for sid, blob in con.execute(sql + " ORDER BY id"):
        ids.append(int(sid))
        vectors.append(from_f32_blob(blob))
    return ids, vectors
