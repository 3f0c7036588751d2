"""Keys the store deduplicates and caches by: normalised URLs, text hashes, times, brief keys."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only say how a reader arrived; the same article is reached with any of them.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str | None) -> str | None:
    """One spelling per article URL: scheme and host lowercased, default port, fragment, tracking
    parameters and a trailing slash removed, remaining parameters sorted. None for no URL."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep the URL as written, do not guess
        return url.strip()
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING
    )
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, urlencode(query), ""))


def normalised_text(text: str) -> str:
    return " ".join(text.casefold().split())


def text_hash(text: str) -> bytes:
    """16-byte digest of the casefolded, whitespace-collapsed text: re-wrapped or re-cased copies
    of the same body collide, anything else (even punctuation) does not."""
    return hashlib.blake2b(normalised_text(text).encode("utf-8"), digest_size=16).digest()


def outlet_key(source: str | None) -> str | None:
    """One spelling per outlet name for comparing copies ("Meridian  WIRE" is "meridian wire");
    None for no name."""
    return " ".join(source.lower().split()) if source else None


def parse_ts(published: str | None) -> int | None:
    """Seconds since the epoch for an ISO 8601 (or RFC 2822) date or datetime; naive times are
    taken as UTC.
    None when absent or unparseable: a bad date must not stop an article being archived."""
    if not published:
        return None
    value = published.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        try:  # "Sun, 02 Mar 2025 08:00:00 GMT", as feeds and e-mail write dates
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp())


def brief_key(texts: Iterable[str], options: Any = None) -> str:
    """Content hash for the brief cache: the same article texts (in any order) briefed with the
    same options give the same key. `options` is an Options dataclass, a mapping, or None."""
    h = hashlib.sha256()
    for text in sorted(texts):
        data = text.encode("utf-8")
        # Length-prefix each text so ["ab", "c"] and ["a", "bc"] cannot collide.
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    if dataclasses.is_dataclass(options) and not isinstance(options, type):
        options = dataclasses.asdict(options)
    h.update(json.dumps(options, sort_keys=True, default=str).encode("utf-8"))
    return h.hexdigest()
