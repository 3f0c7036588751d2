"""Web archives (.warc, .warc.gz), such as Common Crawl's CC-NEWS, read one record at a time.

Only `response` records with HTTP status 200 and an HTML content type are pages; requests,
metadata, redirects, errors, images and the rest are passed over silently, as they are most of an
archive. A page's payload (after HTTP chunking and Content-Encoding are undone) is read up to
`Options.max_file_bytes`; a larger one is a problem with its record number, as is a page whose
text cannot be decoded or holds no article. The page goes through the same trafilatura path as an
.html file; its URL is the record's WARC-Target-URI. Its date is the one the page states, else the
record's WARC-Date (the capture time, which for news crawls is within hours of publication).

warcio's ArchiveIterator streams: memory holds one record's payload, never the archive. A
truncated or corrupt archive stops that file with a problem naming it and the record where it
broke; the records before it have been yielded already.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from ..errors import InputError
from ..model import InputProblem
from .files import decode_declared
from .html import HtmlParts, parse_html

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class WarcPage:
    number: int  # position of the record in the archive, from 1, counting every record type
    url: str | None
    date: str | None  # WARC-Date
    parts: HtmlParts


def _read_capped(stream: IO[bytes], cap: int) -> bytes | None:
    """The stream's bytes, or None once it passes `cap` (the rest is left for warcio to skip)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > cap:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    media, *params = (p.strip() for p in value.split(";"))
    charset = next(
        (p.split("=", 1)[1].strip("\"' ") for p in params if p.lower().startswith("charset=")),
        None,
    )
    return media.lower(), charset or None


def _page(record: Any, number: int, path: str, max_bytes: int) -> WarcPage | InputProblem | None:
    """One record as a page, a problem, or None when it is not an HTML 200 response."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    media, charset = _media_type(record.http_headers.get_header("Content-Type"))
    if media not in HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        payload = _read_capped(record.content_stream(), max_bytes)
    except (OSError, EOFError, zlib.error, ValueError) as exc:  # broken gzip/chunked payload
        return InputProblem(path, f"unreadable payload for {url}: {exc}", number)
    if payload is None:
        return InputProblem(path, f"page too large (over {max_bytes} bytes): {url}", number)
    if not payload.strip():
        return InputProblem(path, f"empty page: {url}", number)
    where = url or path
    try:
        parts = parse_html(decode_declared(payload, charset, where), where)
    except InputError as exc:
        return InputProblem(path, f"{exc.problem}: {url}", number)
    date = record.rec_headers.get_header("WARC-Date")
    return WarcPage(number=number, url=url, date=date, parts=parts)


def _check_complete(record: Any, number: int, path: str) -> None:
    """Raise when the archive ended inside this record.

    warcio stops quietly at a truncated file (a cut gzip member just decompresses to less), so
    the signs are a record whose header block lacks its type or length, and one that delivers
    fewer bytes than its Content-Length promised.
    """
    headers = record.rec_headers
    if not record.rec_type or headers.get_header("Content-Length") is None:
        # Every WARC record names its type and length; a header block cut short does not.
        raise InputError(path, f"truncated or corrupt WARC: record {number} has broken headers")
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    missing = getattr(stream, "limit", 0)
    if missing > 0:
        raise InputError(path, f"truncated WARC: record {number} ends {missing} bytes early")


class _Truncated(Exception):
    """The gzip stream ended inside a member. Not an EOFError: warcio takes that for the end."""


class _Gunzip:
    """A .warc.gz as the plain WARC stream warcio reads, with truncation made loud.

    warcio decompresses by itself, but a member cut short just yields less data and a cut inside
    record headers ends its iteration quietly, so a damaged archive would look complete.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")

    def read(self, size: int = -1) -> bytes:
        try:
            # read1 decompresses once per call, so the data before a cut reaches warcio and the
            # complete records ahead of it are still yielded; read() would lose the whole block.
            return self._gz.read1(size) if size > 0 else self._gz.read()
        except EOFError as exc:
            raise _Truncated(f"gzip stream cut short ({exc})") from exc

    def tell(self) -> int:
        return self._gz.tell()

    def close(self) -> None:
        self._gz.close()


def _why(exc: Exception) -> str:
    """What went wrong, in words a user can act on: a Python error from inside warcio's parser
    ("'NoneType' object has no attribute 'startswith'") says only that a header was missing or
    malformed, and that is what to say."""
    if isinstance(exc, (AttributeError, TypeError, KeyError, IndexError)):
        return f"a record's headers are missing or malformed ({type(exc).__name__} in the parser)"
    return str(exc)


def iter_warc(path: Path, max_bytes: int) -> Iterator[WarcPage | InputProblem]:
    """The archive's HTML pages and per-record problems, in archive order, one at a time.

    Raises InputError naming the file when the archive itself is unreadable or cut short.
    """
    number, seen = 0, 0
    try:
        with path.open("rb") as raw:
            # Sniff the gzip magic rather than trust the name: ".warc" files are often gzipped.
            gzipped = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            handle = _Gunzip(raw) if gzipped else raw
            records = ArchiveIterator(handle)
            for number, record in enumerate(records, start=1):
                item = _page(record, number, str(path), max_bytes)
                # Before yielding: a page cut off by the truncation must not become an article.
                _check_complete(record, number, str(path))
                if item is not None:
                    seen += 1
                    yield item
            # warcio ends quietly when a record's headers are cut off; the header line it had
            # already read for that record is still pending.
            if getattr(records, "next_line", None):
                raise _Truncated(f"archive ends inside the headers of record {number + 1}")
    except InputError:
        raise
    # warcio parses untrusted bytes and a damaged header surfaces as whatever its parser trips
    # on (ArchiveLoadFailed, zlib/gzip errors, even AttributeError on a missing header), so any
    # error from the iteration means this archive is unreadable from here on.
    except Exception as exc:
        where = f"after record {number}" if number else "at the start"
        raise InputError(str(path), f"corrupt or truncated WARC {where}: {_why(exc)}") from exc
    if seen == 0:
        raise InputError(str(path), "WARC holds no HTML page (no 200 text/html response)")
