"""Plain-text articles (.txt, .text).

Layout, all parts optional except the body::

    Source: Example News          <- metadata block: `Key: value` lines, then a blank line
    URL: https://example.com/a
    Published: 2023-05-10

    Japan in talks to host NATO office         <- headline
    First liaison office of its kind in Asia   <- dek (subtitle)

    Body text, one paragraph per line or separated by blank lines.

Metadata keys are case-insensitive: source (also outlet, site), url (also link), published (also
date), title, dek (also subtitle), author (also byline, by), language (also lang). The block
counts only when *every* line before the first blank line is such a `Key: value` line or a
byline ("By Owen Castell", read as the author); author is accepted but not kept (Article has no
author field). Unknown keys make the block ordinary text.

A headline is a leading short line (at most 25 words) that does not end like a sentence or clause
(".", ":", ";", ",", "…"), holds no "©" credit, and has more text after it. A line followed directly
by a line starting in lower case is a hard-wrapped paragraph, not a headline. The line after a
headline is a dek when it passes the same test. When the metadata gives a title, no headline is
guessed: a first line repeating that title is dropped, anything else is body.

So "Previously, China had cautioned Japan." on its own first line stays in the body: it ends with
a period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_META_KEYS = {
    "source": "source",
    "outlet": "source",
    "site": "source",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "title": "title",
    "dek": "dek",
    "subtitle": "dek",
    "author": "author",
    "byline": "author",
    "by": "author",
    "language": "language",
    "lang": "language",
}
_META_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(\S.*?)\s*$")
# "By Owen Castell", "By Ana de la Cruz and Tom Hale": capitalised names, a few linking words.
_BYLINE = re.compile(
    r"^\s*By\s+((?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|la|van|von|der|bin)){0,7})\s*$"
)
_SENTENCE_END = re.compile(r"[.:;,…]['\"”’)\]]*$")
MAX_HEADLINE_WORDS = 25


@dataclass
class TextParts:
    body: str
    title: str | None = None
    dek: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _meta_block(lines: list[str]) -> tuple[dict[str, str], int]:
    """Metadata from the leading block and the index of the first line after it."""
    meta: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            # A block must end in a blank line with text after it; a lone block is the body.
            has_rest = any(rest.strip() for rest in lines[i:])
            keys = set(meta) - {"author"}  # a lone "By The Numbers" line is a headline
            return (meta, i) if keys and has_rest else ({}, 0)
        match = _META_LINE.match(line)
        key = match.group(1).strip().lower() if match else ""
        if match is not None and key in _META_KEYS:
            meta[_META_KEYS[key]] = match.group(2)
        elif byline := _BYLINE.match(line):
            meta["author"] = byline.group(1)
        else:
            return {}, 0
    return {}, 0


def _next_content(lines: list[str], start: int) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip():
            return i
    return None


def _is_heading(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    words = line.split()
    if not 1 <= len(words) <= MAX_HEADLINE_WORDS or "©" in line:
        return False
    if _SENTENCE_END.search(line):
        return False
    after = _next_content(lines, i + 1)
    if after is None:
        return False  # a headline needs a body after it
    # A wrapped paragraph continues on the next line in lower case.
    return not (after == i + 1 and lines[after].lstrip()[:1].islower())


def split_text(text: str) -> TextParts:
    """Split a plain-text article into metadata, headline, dek and body (see module docstring)."""
    lines = text.split("\n")
    meta, i = _meta_block(lines)
    parts = TextParts(body="", title=meta.get("title"), dek=meta.get("dek"), meta=meta)
    first = _next_content(lines, i)
    if first is None:
        return parts
    i = first
    if parts.title is not None and lines[i].strip().casefold() == parts.title.casefold():
        i = _next_content(lines, i + 1) or len(lines)  # the headline repeats the metadata title
        heading_found = True
    elif parts.title is None and _is_heading(lines, i):
        parts.title = lines[i].strip()
        i = _next_content(lines, i + 1) or len(lines)
        heading_found = True
    else:
        heading_found = False
    if heading_found and parts.dek is None and i < len(lines) and _is_heading(lines, i):
        parts.dek = lines[i].strip()
        i = _next_content(lines, i + 1) or len(lines)
    parts.body = "\n".join(lines[i:]).strip()
    return parts
