"""Persistent article archive: SQLite with one writer and pooled readers.

`Store()` opens (or creates) the default archive under the user data directory, `Store(path)` any
other file; `add_articles` archives a stream without duplicates, `stories()` lists stories.
"""

from __future__ import annotations

from .db import StoreError
from .keys import brief_key, normalise_url, text_hash
from .paths import default_db_path, user_data_dir
from .records import AddResult, SentenceRow, StoredArticle, StoryRow
from .schema import SCHEMA_VERSION
from .store import Store

__all__ = [
    "SCHEMA_VERSION",
    "AddResult",
    "SentenceRow",
    "Store",
    "StoreError",
    "StoredArticle",
    "StoryRow",
    "brief_key",
    "default_db_path",
    "normalise_url",
    "text_hash",
    "user_data_dir",
]
