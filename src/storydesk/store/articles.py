"""Article rows: dedup keys, duplicate lookup on insert, and the article queries.

Functions take a connection so they run inside whatever transaction the caller (Store) opened.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .. import minhash
from ..model import Article, Removed
from .db import in_chunks
from .keys import normalise_url, outlet_key, parse_ts, text_hash
from .records import StoredArticle

# Signatures are persisted: changing either number needs a migration that recomputes them.
# 16 bands of 8 rows: two texts become candidates when any band matches, with probability
# 1 - (1 - J^8)^16: 0.9999 at Jaccard 0.9, 0.06 at 0.5, 0.0004 at 0.3.
NUM_PERM, BANDS = 128, 16
NEAR_DUPLICATE_JACCARD = 0.9  # exact word 5-shingle Jaccard at which two texts count as one
# Signature pre-check before loading a candidate's text: the estimate's standard error at 0.9 is
# about 0.03 with 128 permutations, so 0.75 loses no true match and skips most band collisions.
_ESTIMATE_FLOOR = 0.75

Outcome = Literal["added", "updated", "duplicate_url", "duplicate_text", "near_duplicate"]

COLUMNS = (
    "id, key, url, source, title, dek, published, published_ts, language, words, text, removed,"
    " path, format, ingested_at"
)


@dataclass(frozen=True)
class Prepared:
    """An article with its dedup keys, computed outside the write lock (it is the CPU part)."""

    article: Article
    url_norm: str | None
    text_hash: bytes
    shingles: minhash.U64
    signature: minhash.U32
    buckets: list[int]
    published_ts: int | None


def prepare(article: Article) -> Prepared:
    shingles = minhash.shingle_hashes(article.text)
    sig = minhash.signature(shingles, NUM_PERM)
    return Prepared(
        article=article,
        url_norm=normalise_url(article.url),
        text_hash=text_hash(article.text),
        shingles=shingles,
        signature=sig,
        buckets=minhash.band_buckets(sig, BANDS),
        published_ts=parse_ts(article.published),
    )


def find_duplicate(con: sqlite3.Connection, p: Prepared) -> tuple[Outcome, int] | None:
    """The first kind of duplicate found (URL, then text, then near-identical) and its id.

    A stored URL with a different text is "updated": publishers correct and extend articles
    under the same address, and the archive keeps the latest version it was given (unless that
    text is already stored under another article, which makes it a text duplicate instead). A
    version published before the stored one is older, whatever order they arrive in (a crawl
    of an old snapshot after a fresh fetch): it stays a URL duplicate and changes nothing.
    """
    by_text = con.execute("SELECT id FROM articles WHERE text_hash = ?", (p.text_hash,)).fetchone()
    if p.url_norm is not None:
        row = con.execute(
            "SELECT id, published_ts FROM articles WHERE url_norm = ?", (p.url_norm,)
        ).fetchone()
        if row and (by_text is None or by_text[0] == row[0]):
            older = p.published_ts is not None and row[1] is not None and p.published_ts < row[1]
            return ("duplicate_url" if by_text or older else "updated"), int(row[0])
    if by_text:
        return "duplicate_text", int(by_text[0])
    near = _near_duplicate(con, p)
    return ("near_duplicate", near) if near is not None else None


def _near_duplicate(con: sqlite3.Connection, p: Prepared) -> int | None:
    candidates: set[int] = set()
    for band, bucket in enumerate(p.buckets):
        rows = con.execute(
            "SELECT article_id FROM lsh_bands WHERE band = ? AND bucket = ?", (band, bucket)
        )
        candidates.update(r[0] for r in rows)
    outlet = outlet_key(p.article.source)
    for cid in sorted(candidates):  # oldest first: a copy points at the earliest version
        sig_blob, text, source = con.execute(
            "SELECT minhash, text, source FROM articles WHERE id = ?", (cid,)
        ).fetchone()
        if outlet_key(source) != outlet:
            continue  # another outlet's republication (or an unnamed scrape): kept and linked
        if minhash.estimate(p.signature, minhash.from_blob(sig_blob)) < _ESTIMATE_FLOOR:
            continue
        if minhash.jaccard(p.shingles, minhash.shingle_hashes(text)) >= NEAR_DUPLICATE_JACCARD:
            return int(cid)
    return None


# The columns an article's version fills, in the order of _version_values.
_VERSION_COLUMNS = (
    "text_hash", "minhash", "source", "title", "dek", "published", "published_ts", "language",
    "words", "text", "removed", "path", "format",
)  # fmt: skip
# On an update, metadata the new version lacks keeps the stored value.
_KEEP_IF_MISSING = frozenset({"source", "title", "dek", "published", "published_ts"})


def _version_values(p: Prepared) -> tuple[object, ...]:
    a = p.article
    removed = json.dumps([[r.text, r.reason] for r in a.removed], ensure_ascii=False)
    return (
        p.text_hash, minhash.to_blob(p.signature), a.source, a.title, a.dek, a.published,
        p.published_ts, a.language, a.words, a.text, removed, a.path, a.format,
    )  # fmt: skip


def _put_bands(con: sqlite3.Connection, article_id: int, p: Prepared) -> None:
    con.executemany(
        "INSERT OR IGNORE INTO lsh_bands (band, bucket, article_id) VALUES (?, ?, ?)",
        [(band, bucket, article_id) for band, bucket in enumerate(p.buckets)],
    )


def insert(con: sqlite3.Connection, p: Prepared, now: int) -> int:
    a = p.article
    columns = ("key", "url", "url_norm", *_VERSION_COLUMNS, "ingested_at")
    cur = con.execute(
        f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        (a.id, a.url, p.url_norm, *_version_values(p), now),
    )
    article_id = cur.lastrowid
    assert article_id is not None  # an INSERT into a rowid table always sets it
    _put_bands(con, article_id, p)
    return article_id


def update(con: sqlite3.Connection, article_id: int, p: Prepared) -> None:
    """Replace a stored article's text and metadata with a newer version of it. Its id, story
    and ingest time stay; its sentences and vectors are dropped, for the caller to recompute."""
    sets = ", ".join(
        f"{c} = coalesce(?, {c})" if c in _KEEP_IF_MISSING else f"{c} = ?" for c in _VERSION_COLUMNS
    )
    values = list(_version_values(p))
    if p.published_ts is None:
        # A date that cannot be read is as missing as none: the stored date and its time stay
        # together, not "not a date" beside the old timestamp.
        values[_VERSION_COLUMNS.index("published")] = None
    con.execute(f"UPDATE articles SET {sets} WHERE id = ?", (*values, article_id))
    for table in ("lsh_bands", "sentences", "embeddings"):
        con.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    _put_bands(con, article_id, p)


def row_to_article(row: Sequence[Any]) -> StoredArticle:
    removed = tuple(Removed(text=t, reason=r) for t, r in json.loads(str(row[11])))
    return StoredArticle(
        id=int(row[0]),
        key=str(row[1]),
        url=_opt(row[2]),
        source=_opt(row[3]),
        title=_opt(row[4]),
        dek=_opt(row[5]),
        published=_opt(row[6]),
        published_ts=None if row[7] is None else int(row[7]),
        language=_opt(row[8]),
        words=int(row[9]),
        text=str(row[10]),
        removed=removed,
        path=str(row[12]),
        format=str(row[13]),
        ingested_at=int(row[14]),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def get_articles(con: sqlite3.Connection, ids: Iterable[int]) -> list[StoredArticle]:
    """Articles for `ids`, in that order; unknown ids are left out."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    found: dict[int, StoredArticle] = {}
    for chunk, marks in in_chunks(wanted):
        for row in con.execute(f"SELECT {COLUMNS} FROM articles WHERE id IN ({marks})", chunk):
            article = row_to_article(row)
            found[article.id] = article
    return [found[i] for i in wanted if i in found]


def articles_since(
    con: sqlite3.Connection, ts: int, limit: int | None = None
) -> list[StoredArticle]:
    """Articles filed at or after `ts` (published time, else ingest time), oldest first."""
    sql = (
        f"SELECT {COLUMNS} FROM articles WHERE coalesce(published_ts, ingested_at) >= ?"
        " ORDER BY coalesce(published_ts, ingested_at), id"
    )
    params: tuple[int, ...] = (int(ts),)
    if limit is not None:
        sql += " LIMIT ?"
        params += (int(limit),)
    return [row_to_article(r) for r in con.execute(sql, params)]


def page(con: sqlite3.Connection, after_id: int, size: int) -> list[StoredArticle]:
    """Keyset pagination by id: each page is an index range scan, however deep the archive."""
    rows = con.execute(
        f"SELECT {COLUMNS} FROM articles WHERE id > ? ORDER BY id LIMIT ?", (after_id, size)
    )
    return [row_to_article(r) for r in rows]
