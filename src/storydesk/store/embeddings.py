"""Embedding and sentence rows. Article-level vectors (e.g. title + lead) use idx -1; sentence
vectors use the sentence index, so one table serves both without a nullable key."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from .db import in_chunks
from .records import SentenceRow
from .vectors import F32, Encoding, decode, encode

ARTICLE_IDX = -1


def put(
    con: sqlite3.Connection,
    article_id: int,
    kind: str,
    rows: Iterable[tuple[int, npt.ArrayLike]],
    encoding: Encoding,
) -> None:
    values = []
    for idx, vector in rows:
        blob, scale = encode(vector, encoding)
        values.append((article_id, kind, idx, encoding, scale, len(np.asarray(vector)), blob))
    con.executemany(
        "INSERT OR REPLACE INTO embeddings (article_id, kind, idx, encoding, scale, dim, vector)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def article_vectors(
    con: sqlite3.Connection, kind: str, ids: Iterable[int]
) -> tuple[list[int], F32]:
    """(ids that have a vector of this kind, in the order asked; matrix with one row each)."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    found: dict[int, F32] = {}
    for chunk, marks in in_chunks(wanted):
        rows = con.execute(
            "SELECT article_id, encoding, scale, vector FROM embeddings"
            f" WHERE kind = ? AND idx = {ARTICLE_IDX} AND article_id IN ({marks})",
            (kind, *chunk),
        )
        for article_id, enc, scale, blob in rows:
            found[int(article_id)] = decode(blob, enc, scale)
    have = [i for i in wanted if i in found]
    return have, _stack([found[i] for i in have])


def sentence_vectors(con: sqlite3.Connection, article_id: int, kind: str) -> F32:
    rows = con.execute(
        "SELECT encoding, scale, vector FROM embeddings"
        " WHERE article_id = ? AND kind = ? AND idx >= 0 ORDER BY idx",
        (article_id, kind),
    )
    return _stack([decode(blob, enc, scale) for enc, scale, blob in rows])


def _stack(vectors: Sequence[F32]) -> F32:
    if not vectors:
        return np.zeros((0, 0), dtype=np.float32)
    if len({v.shape for v in vectors}) > 1:
        raise ValueError("stored vectors of one kind have different dimensions")
    return np.stack(vectors).astype(np.float32)


def put_sentences(
    con: sqlite3.Connection, article_id: int, spans: Iterable[tuple[int, int, str]]
) -> int:
    """Replace the article's sentences with `spans` (start, end, text), indexed in order."""
    con.execute("DELETE FROM sentences WHERE article_id = ?", (article_id,))
    rows = [(article_id, i, s, e, t) for i, (s, e, t) in enumerate(spans)]
    con.executemany(
        'INSERT INTO sentences (article_id, idx, start, "end", text) VALUES (?, ?, ?, ?, ?)', rows
    )
    return len(rows)


def sentences(con: sqlite3.Connection, article_id: int) -> list[SentenceRow]:
    rows = con.execute(
        'SELECT idx, start, "end", text FROM sentences WHERE article_id = ? ORDER BY idx',
        (article_id,),
    )
    return [SentenceRow(article_id, int(i), int(s), int(e), str(t)) for i, s, e, t in rows]
