"""Streaming ingest: files, directories, archives, feeds and URLs in; one record at a time out.

`iter_articles` yields each `Article` or `InputProblem` as soon as it is read, so a consumer that
does not keep them (an indexer, the speed benchmark) runs in memory that does not grow with the
size of a WARC or JSONL archive: those are read incrementally, a record at a time. Only the set of
article ids handed out grows, by one short string per article.

Where problems come from: a named path that is missing or of an unknown type, and skipped files in
directories, come first (discovery, as before); then each input in order. A bad record is a
problem with the file and record number; a file that cannot be read at all, or stops being
readable (corrupt gzip or WARC), yields one problem naming it and the rest of the batch goes on.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..model import Article, InputProblem
from ..options import Options
from .feeds import (
    HTML_TYPES,
    FeedEntry,
    complete,
    looks_like_feed,
    looks_like_opml,
    opml_feeds,
    parse_feed,
)
from .fetch import Fetched, Fetcher, is_url
from .files import decode, decode_declared, discover, kind_of, read_limited, read_text, stem_of
from .html import HtmlParts, parse_html
from .records import Record, iter_jsonl, parse_json, read_gzip_limited
from .text import split_text
from .warc import WarcPage, iter_warc

Item = Article | InputProblem
_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
    | {"application/xml", "text/xml"}
)
_OPML_TYPES = frozenset({"text/x-opml", "application/x-opml", "text/x-opml+xml"})


class Ids:
    """Hands out unique article ids, suffixing repeats ("a", "a-2", "a-3")."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self._seen:
            n += 1
            candidate = f"{wanted}-{n}"
        self._seen.add(candidate)
        return candidate


@dataclass
class _Run:
    options: Options
    fetcher: Fetcher
    ids: Ids = field(default_factory=Ids)


def _url_stem(url: str) -> str:
    """A readable id stem for a URL: its last path segment without extension, else its host."""
    parts = urllib.parse.urlsplit(url)
    name = PurePosixPath(parts.path).stem
    return re.sub(r"[^\w-]+", "-", name).strip("-") or parts.hostname or "page"


def _html_article(
    parts: HtmlParts,
    where: str,
    stem: str,
    run: _Run,
    fmt: str = "html",
    url: str | None = None,
    published: str | None = None,
) -> Article:
    return Article(
        id=run.ids.take(stem),
        path=where,
        text=parts.body,
        raw_text=parts.body,
        title=parts.title,
        dek=parts.dek,
        source=parts.source,
        url=url or parts.url,
        published=published or parts.published,
        language=parts.language,
        format=fmt,
    )


def _text_article(path: Path, run: _Run) -> Article:
    parts = split_text(read_text(path, run.options.max_file_bytes))
    if not parts.body:
        raise InputError(str(path), "no body text after the headline and metadata")
    meta = parts.meta
    return Article(
        id=run.ids.take(path.stem),
        path=str(path),
        text=parts.body,
        raw_text=parts.body,
        title=parts.title,
        dek=parts.dek,
        source=meta.get("source"),
        url=meta.get("url"),
        published=meta.get("published"),
        language=meta.get("language"),
        format="txt",
    )


def _records(
    path: Path, records: Iterable[Record | InputProblem], fmt: str, run: _Run
) -> Iterator[Item]:
    stem = stem_of(path)
    for rec in records:
        if isinstance(rec, InputProblem):
            yield rec
            continue
        f = rec.fields
        yield Article(
            id=run.ids.take(rec.record_id or f"{stem}-{rec.number}"),
            path=str(path),
            text=f["text"],
            raw_text=f["text"],
            title=f.get("title"),
            dek=f.get("dek"),
            source=f.get("source"),
            url=f.get("url"),
            published=f.get("published"),
            language=f.get("language"),
            format=fmt,
        )


def _warc(path: Path, run: _Run) -> Iterator[Item]:
    stem = stem_of(path)
    for page in iter_warc(path, run.options.max_file_bytes):
        if isinstance(page, WarcPage):
            # The page's own date first: WARC-Date is when it was captured, not published.
            date = page.parts.published or page.date
            where = f"{stem}-{page.number}"
            yield _html_article(page.parts, str(path), where, run, "warc", page.url, date)
        else:
            yield page


def _entries(
    data: bytes, where: str, stem: str, run: _Run, content_type: str | None = None
) -> Iterator[Item]:
    for entry in parse_feed(data, where, content_type):
        for item in complete(entry, where, run.fetcher, run.options):
            yield _entry_article(item, where, stem, run) if isinstance(item, FeedEntry) else item


def _entry_article(entry: FeedEntry, where: str, stem: str, run: _Run) -> Article:
    return Article(
        id=run.ids.take(f"{stem}-{entry.number}"),
        path=where,
        text=entry.text,
        raw_text=entry.text,
        title=entry.title,
        dek=entry.dek,
        source=entry.source,
        url=entry.url,
        published=entry.published,
        language=entry.language,
        format=entry.format,
    )


def _opml(data: bytes, where: str, run: _Run, base: Path | None) -> Iterator[Item]:
    """Every feed an OPML list names; local paths only when the list itself is a local file."""
    for location in opml_feeds(data, where):
        if is_url(location):
            yield from _guarded(_url(location, run, feeds_only=True), location)
        elif base is None:
            yield InputProblem(location, f"refused: remote OPML {where} names a local file")
        else:
            path = base / location
            yield from _guarded(_feed_file(path, run), str(path))


def _feed_file(path: Path, run: _Run) -> Iterator[Item]:
    data = read_limited(path, run.options.max_file_bytes)
    yield from _entries(data, str(path), stem_of(path), run)


def _xml(path: Path, run: _Run) -> Iterator[Item]:
    data = read_limited(path, run.options.max_file_bytes)
    if looks_like_opml(data):
        yield from _opml(data, str(path), run, path.parent)
    elif looks_like_feed(data):
        yield from _entries(data, str(path), stem_of(path), run)
    else:
        raise InputError(str(path), "XML file is not an RSS or Atom feed, nor an OPML list")


def _json_document(path: Path, run: _Run, gzipped: bool) -> Iterator[Item]:
    limit, name = run.options.max_file_bytes, str(path)
    text = decode(read_gzip_limited(path, limit), name) if gzipped else read_text(path, limit)
    yield from _records(path, parse_json(text, name), "json", run)


def _file(path: Path, run: _Run) -> Iterator[Item]:
    kind = kind_of(path)
    limit = run.options.max_file_bytes
    if kind == "txt":
        yield _text_article(path, run)
    elif kind == "html":
        parts = parse_html(read_text(path, limit, html=True), str(path))
        yield _html_article(parts, str(path), path.stem, run)
    elif kind in ("json", "json.gz"):
        yield from _json_document(path, run, gzipped=kind == "json.gz")
    elif kind in ("jsonl", "jsonl.gz"):
        yield from _records(path, iter_jsonl(path, limit), "jsonl", run)
    elif kind == "warc":
        yield from _warc(path, run)
    elif kind == "feed":
        yield from _feed_file(path, run)
    elif kind == "opml":
        yield from _opml(read_limited(path, limit), str(path), run, path.parent)
    else:
        yield from _xml(path, run)


def _url(url: str, run: _Run, feeds_only: bool = False) -> Iterator[Item]:
    """A fetched URL: an HTML page is one article, a feed its entries, an OPML list its feeds."""
    page: Fetched = run.fetcher.fetch(url)
    media, body, stem = page.content_type, page.body, _url_stem(url)
    if media in _OPML_TYPES or (media in _FEED_TYPES and looks_like_opml(body)):
        if feeds_only:  # OPML lists are not followed from OPML lists: no crawling by accident
            raise InputError(url, "an OPML list inside an OPML list is not followed")
        yield from _opml(body, url, run, base=None)
    elif media in _FEED_TYPES or (media not in HTML_TYPES and looks_like_feed(body)):
        declared = f"{media}; charset={page.charset}" if page.charset else media
        yield from _entries(body, url, stem, run, content_type=declared or None)
    elif feeds_only:
        raise InputError(url, f"not an RSS or Atom feed ({media or 'no content type'})")
    elif media in HTML_TYPES or not media:
        parts = parse_html(decode_declared(body, page.charset, url), url)
        yield _html_article(parts, url, stem, run, url=parts.url or page.final_url)
    else:
        raise InputError(url, f"unsupported content type ({media})")


def _guarded(items: Iterator[Item], where: str) -> Iterator[Item]:
    """The items of one input; an error stops that input only, as a problem naming it."""
    try:
        yield from items
    except InputError as exc:
        yield InputProblem(exc.path, exc.problem)
    except OSError as exc:  # permissions, vanished files, devices: this input only
        yield InputProblem(where, f"cannot read: {exc.strerror or exc}")


PathArg = str | PathLike[str]


def input_paths(inputs: PathArg | Iterable[PathArg]) -> tuple[str, ...]:
    """One input or several, as strings: a lone path string is one input, not a sequence of
    one-letter names."""
    if isinstance(inputs, str | PathLike):
        return (os.fspath(inputs),)
    return tuple(os.fspath(value) for value in inputs)


def iter_articles(inputs: PathArg | Iterable[PathArg], options: Options) -> Iterator[Item]:
    """Every article (and every problem) under `inputs`, one at a time; never raises for one bad
    input. Inputs are files, directories (walked recursively, sorted) and http(s) URLs: one, or
    several (`input_paths`)."""
    raw = input_paths(inputs)
    run = _Run(options, Fetcher(options))
    sources: list[Path | str] = []
    for value in raw:
        if is_url(value):
            sources.append(value)
            continue
        files, problems = discover([value])
        yield from problems
        sources.extend(files)
    for source in sources:
        if isinstance(source, Path):
            yield from _guarded(_file(source, run), str(source))
        else:
            yield from _guarded(_url(source, run), source)
