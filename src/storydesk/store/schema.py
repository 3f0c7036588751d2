"""The schema as an ordered list of migrations; `PRAGMA user_version` records how many have run.

Never edit a released step: append a new one. Opening a database applies the missing steps in one
transaction, so a crash mid-upgrade leaves the old version intact rather than half a schema.
"""

from __future__ import annotations

import sqlite3

# Step i takes user_version i to i + 1. Statements are listed one by one because
# sqlite3.executescript() commits first, which would break the all-or-nothing upgrade.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the article archive with its dedup keys, sentences and embeddings.
    (
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: stories and caches keep ids
            key TEXT NOT NULL,                     -- Article.id at ingest (file stem, not unique)
            url TEXT,
            url_norm TEXT,
            text_hash BLOB NOT NULL,
            minhash BLOB NOT NULL,
            source TEXT,
            title TEXT,
            dek TEXT,
            published TEXT,
            published_ts INTEGER,
            language TEXT,
            words INTEGER NOT NULL,
            text TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            path TEXT NOT NULL,
            format TEXT NOT NULL,
            ingested_at INTEGER NOT NULL
        )""",
        "CREATE UNIQUE INDEX articles_url ON articles(url_norm) WHERE url_norm IS NOT NULL",
        "CREATE UNIQUE INDEX articles_text_hash ON articles(text_hash)",
        # Range queries file undated articles under their ingest time.
        "CREATE INDEX articles_ts ON articles(coalesce(published_ts, ingested_at))",
        """CREATE TABLE sentences (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        ) WITHOUT ROWID""",
        """CREATE TABLE embeddings (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,        -- which model/view, e.g. 'usem3:title+lead'
            idx INTEGER NOT NULL,      -- sentence index, or -1 for the whole article
            encoding TEXT NOT NULL,    -- 'f16' or 'i8'
            scale REAL NOT NULL,
            dim INTEGER NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (article_id, kind, idx)
        ) WITHOUT ROWID""",
        """CREATE TABLE lsh_bands (
            band INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band, bucket, article_id)
        ) WITHOUT ROWID""",
        # Without it, deleting one article would scan every band row for the cascade.
        "CREATE INDEX lsh_bands_article ON lsh_bands(article_id)",
    ),
    # 2: stories found by clustering; an article belongs to at most one story.
    (
        """CREATE TABLE stories (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL DEFAULT '',
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            last_article_ts INTEGER,
            centroid BLOB,
            size INTEGER NOT NULL DEFAULT 0,
            closed INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX stories_last ON stories(last_article_ts)",
        """CREATE TABLE story_articles (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE
        )""",
        "CREATE INDEX story_articles_story ON story_articles(story_id, article_id)",
    ),
    # 3: rendered briefs cached by the content hash of their inputs.
    (
        """CREATE TABLE briefs (
            hash TEXT PRIMARY KEY,
            json TEXT NOT NULL,
            created INTEGER NOT NULL
        )""",
    ),
    # 4: small named values that must survive between runs (the story clusterer's state).
    ("CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",),
)

SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchemaError(Exception):
    def __init__(self, found: int) -> None:
        super().__init__(
            f"schema version {found} is newer than this storydesk understands ({SCHEMA_VERSION});"
            " upgrade storydesk"
        )
        self.found = found


def user_version(con: sqlite3.Connection) -> int:
    return int(con.execute("PRAGMA user_version").fetchone()[0])


def migrate(con: sqlite3.Connection, target: int = SCHEMA_VERSION) -> tuple[int, int]:
    """Bring the database to `target` (for tests: an older version). Returns (from, to).

    `con` must be in autocommit mode (isolation_level=None): this function owns the transaction.
    """
    # IMMEDIATE takes the write lock before reading the version, so two processes opening the
    # same new file cannot both run step 1.
    con.execute("BEGIN IMMEDIATE")
    try:
        found = user_version(con)
        if found > SCHEMA_VERSION:
            raise NewerSchemaError(found)
        for step in MIGRATIONS[found:target]:
            for statement in step:
                con.execute(statement)
        if target > found:
            con.execute(f"PRAGMA user_version = {int(target)}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return found, max(found, target)
