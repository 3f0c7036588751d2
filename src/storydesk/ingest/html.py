"""HTML pages (.html, .htm): main text and metadata through trafilatura.

trafilatura keeps paragraphs as separate lines and drops navigation, footers and comments. A page
where it finds no main text is a problem ("no article text found in HTML"), not an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import trafilatura

from ..errors import InputError


@dataclass(frozen=True)
class HtmlParts:
    body: str
    title: str | None = None
    dek: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None


def _attr(doc: Any, name: str) -> str | None:
    value = getattr(doc, name, None)
    return (value.strip() or None) if isinstance(value, str) else None


def _drop_title_line(body: str, title: str | None) -> str:
    # trafilatura often repeats the <h1> as the first line; the title is kept apart already.
    first, _, rest = body.partition("\n")
    if title and first.strip().casefold() == title.casefold() and rest.strip():
        return rest.strip()
    return body


# Where pages state their publication time: meta tags (attributes in either order) and JSON-LD.
_TIME_KEYS = r"(?:article:published_time|og:published_time|datepublished|pubdate|publishdate)"
_PUBLISHED = (
    re.compile(
        rf"<meta\b[^>]*?\b(?:property|name|itemprop)\s*=\s*[\"']{_TIME_KEYS}[\"'][^>]*?"
        r"\bcontent\s*=\s*[\"']([^\"'<>]{10,40})[\"']",
        re.IGNORECASE,
    ),
    re.compile(
        r"<meta\b[^>]*?\bcontent\s*=\s*[\"']([^\"'<>]{10,40})[\"'][^>]*?"
        rf"\b(?:property|name|itemprop)\s*=\s*[\"']{_TIME_KEYS}[\"']",
        re.IGNORECASE,
    ),
    re.compile(r"[\"']datePublished[\"']\s*:\s*[\"']([^\"'<>]{10,40})[\"']"),
)
_SNIFF = 200_000  # the head and any JSON-LD sit near the top; a huge page is not scanned whole


def _published(html: str, date: str | None) -> str | None:
    """The page's publication time when it states one (trafilatura keeps the date alone, so
    "14:05" is lost and an evening report reads as earlier than a morning one); else `date`.
    A stated time is used only when it is ISO 8601 and on the day trafilatura found."""
    head = html[:_SNIFF]
    for pattern in _PUBLISHED:
        for match in pattern.finditer(head):
            value = match.group(1).strip()
            try:
                datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            if len(value) > 10 and (date is None or value.startswith(date)):
                return value
    return date


def parse_html(html: str, path: str) -> HtmlParts:
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    # trafilatura/lxml raise a variety of parser errors on broken markup; any of them means
    # this one file is unusable, which must not stop the batch.
    except Exception as exc:
        raise InputError(path, f"malformed HTML ({type(exc).__name__}: {exc})") from exc
    body = _attr(doc, "text") if doc is not None else None
    if body is None:
        raise InputError(path, "no article text found in HTML")
    title = _attr(doc, "title")
    return HtmlParts(
        body=_drop_title_line(body, title),
        title=title,
        dek=_attr(doc, "description"),
        source=_attr(doc, "sitename"),
        url=_attr(doc, "url"),
        published=_published(html, _attr(doc, "date")),
        language=_attr(doc, "language"),
    )
