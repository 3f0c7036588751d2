"""RSS and Atom feeds (.rss, .atom, .xml that is a feed) and OPML lists of feeds (.opml).

Each feed entry becomes one article: title, link as url, published (as ISO 8601 UTC when the
feed's date parses), the feed's title as source, and the entry's content (else its summary) with
HTML stripped as text. Many feeds carry only a teaser; when `Options.fetch_linked_pages` is on, an
entry shorter than `Options.feed_summary_words` is replaced by its linked page, extracted like any
HTML file (the feed's title, date and source are kept where the page has none). A failed page
fetch keeps the summary and reports the page.

feedparser does the parsing: it copes with broken XML, the RSS dialects and Atom, sanitises
entry HTML and never loads external entities. It is given the bytes, never a name, so it cannot
open a file or URL on its own.
"""

from __future__ import annotations

import io
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any

import feedparser

from ..errors import InputError
from ..model import InputProblem
from ..options import Options
from .fetch import Fetcher
from .files import decode_declared
from .html import parse_html

# Root elements that make an .xml file (or a fetched body) a feed or an OPML list.
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_OPML_ROOT = re.compile(rb"<opml[\s>]", re.IGNORECASE)
_SNIFF = 4096
_SPACE = re.compile(r"\s+")
_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "tr", "table", "section"}
    | {"article", "figure", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


@dataclass(frozen=True)
class FeedEntry:
    number: int  # position in the feed, from 1
    text: str
    title: str | None = None
    dek: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    format: str = "rss"  # "rss" or "atom"


def looks_like_feed(data: bytes) -> bool:
    return _FEED_ROOT.search(data[:_SNIFF]) is not None


def looks_like_opml(data: bytes) -> bool:
    return _OPML_ROOT.search(data[:_SNIFF]) is not None


class _TextOnly(HTMLParser):
    """Text of an HTML fragment, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:  # newlines in HTML source are spaces; only blocks break lines
            self.parts.append(_SPACE.sub(" ", data))


def html_to_text(fragment: str) -> str:
    """Plain text of an entry's HTML: block elements become lines, spacing is collapsed."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _text_of(block: Any) -> str:
    value = str(block.get("value") or "")
    return value.strip() if block.get("type") == "text/plain" else html_to_text(value)


def _date(entry: Any) -> str | None:
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:  # feedparser normalises every date format it knows to a UTC struct_time
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            return raw.strip()
    return None


def _clean(value: Any) -> str | None:
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def _entry(entry: Any, number: int, feed: Any, fmt: str) -> FeedEntry:
    contents = [_text_of(c) for c in entry.get("content") or []]
    summary = html_to_text(str(entry.get("summary") or ""))
    body = max(contents, key=len, default="")
    # With full content, a distinct short summary is the entry's standfirst.
    dek = summary if body and summary and summary != body and len(summary) < 400 else None
    return FeedEntry(
        number=number,
        text=body or summary,
        title=_clean(entry.get("title")),
        dek=_clean(dek),
        url=_clean(entry.get("link")),
        published=_date(entry),
        source=_clean(feed.get("title")),
        language=_clean(feed.get("language")),
        format=fmt,
    )


def parse_feed(data: bytes, where: str, content_type: str | None = None) -> list[FeedEntry]:
    """The entries of an RSS/Atom document; raises InputError when it is no usable feed."""
    headers = {"content-type": content_type} if content_type else {}
    result = feedparser.parse(io.BytesIO(data), response_headers=headers)
    version = str(result.get("version") or "")
    if not result.entries:
        if result.get("bozo") and not version:
            reason = result.get("bozo_exception")
            raise InputError(where, f"not an RSS or Atom feed ({reason})")
        raise InputError(where, "feed has no entries")
    fmt = "atom" if version.startswith("atom") else "rss"
    return [_entry(e, n, result.feed, fmt) for n, e in enumerate(result.entries, start=1)]


def _linked_page(entry: FeedEntry, url: str, fetcher: Fetcher) -> FeedEntry:
    page = fetcher.fetch(url)
    if page.content_type and page.content_type not in HTML_TYPES:
        raise InputError(url, f"linked page is not HTML ({page.content_type})")
    parts = parse_html(decode_declared(page.body, page.charset, url), url)
    return replace(
        entry,
        text=parts.body,
        title=entry.title or parts.title,
        dek=entry.dek or parts.dek,
        published=entry.published or parts.published,
        source=entry.source or parts.source,
        language=parts.language or entry.language,
    )


def complete(
    entry: FeedEntry, where: str, fetcher: Fetcher, options: Options
) -> Iterator[FeedEntry | InputProblem]:
    """The entry, its text replaced by the linked page when it is a summary and that is wanted."""
    short = len(entry.text.split()) < options.feed_summary_words
    if short and options.fetch_linked_pages and entry.url:
        try:
            entry = _linked_page(entry, entry.url, fetcher)
        except InputError as exc:
            kept = "kept the feed's summary" if entry.text else "entry has no text"
            yield InputProblem(exc.path, f"linked page not used ({kept}): {exc.problem}")
    if entry.text:
        yield entry
    else:
        yield InputProblem(where, "feed entry has no text (no content or summary)", entry.number)


def opml_feeds(data: bytes, where: str) -> list[str]:
    """The feed locations (xmlUrl) an OPML document lists, in order, without repeats.

    ElementTree loads no external entities, and the bundled expat (2.4+) refuses
    entity-expansion bombs, so a hostile list cannot reach files or blow up memory.
    """
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(where, f"malformed OPML: {exc}") from exc
    if root.tag.lower() != "opml":
        raise InputError(where, f"not an OPML document (root element <{root.tag}>)")
    found: dict[str, None] = {}
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url and url.strip():
            found.setdefault(url.strip(), None)
    if not found:
        raise InputError(where, "OPML lists no feeds (no outline with xmlUrl)")
    return list(found)
