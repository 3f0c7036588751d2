"""Structured articles: .json (one object or an array of objects) and .jsonl (one object a line).

Fields: text (required; also "body" or "content"), title, dek, url, source (also "outlet", "site",
"sitename"), published (also "date", "published_at"), id, language. Values that are not strings are
ignored, except numeric ids. A record without text is a problem with its record number (the array
index or the line number, both from 1); the other records still load.

.jsonl and .jsonl.gz are streamed a line at a time, so a file may be far larger than
`Options.max_file_bytes`; that limit then applies to each line. The encoding is judged from the
first 8 KiB (BOM, UTF-8, else a best guess), and a line that does not fit it is decoded on its
own. .json and .json.gz hold one document, parsed whole: the limit applies to the decompressed
size. A corrupt or truncated gzip stops that file with a problem naming it.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..model import InputProblem
from .files import decode, guess_encoding
from .gzstream import Inflater, open_gzip

_SNIFF_BYTES = 8192
_SKIP_CHUNK = 64 * 1024
# Where a line can be split on b"\n" before decoding; UTF-16/32 need a text reader instead.
_WIDE = ("utf-16", "utf-32")
_GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)

_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "dek": ("dek", "subtitle", "description"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "site", "sitename"),
    "published": ("published", "date", "published_at"),
    "language": ("language", "lang"),
}


@dataclass(frozen=True)
class Record:
    number: int  # array index or line number, from 1
    fields: dict[str, str]
    record_id: str | None


def _first_string(obj: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = obj.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _record(obj: Any, number: int, path: str) -> Record | InputProblem:
    if not isinstance(obj, dict):
        return InputProblem(path, f"record is {type(obj).__name__}, not an object", number)
    values = {key: _first_string(obj, names) for key, names in _FIELDS.items()}
    if values["text"] is None:
        return InputProblem(path, "record has no text (expected text, body or content)", number)
    raw_id = obj.get("id")
    # bool is an int subclass; a true/false id is a data error, not an identifier.
    usable = isinstance(raw_id, str | int) and not isinstance(raw_id, bool) and str(raw_id).strip()
    return Record(
        number=number,
        fields={k: v for k, v in values.items() if v is not None},
        record_id=str(raw_id).strip() if usable else None,
    )


def _where(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg} (line {exc.lineno}, column {exc.colno})"


def parse_json(text: str, path: str) -> list[Record | InputProblem]:
    """Records from a .json file; malformed JSON raises InputError with line and column."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON: {_where(exc)}") from exc
    if isinstance(data, dict):
        return [_record(data, 1, path)]
    if isinstance(data, list):
        if not data:
            raise InputError(path, "JSON array holds no records")
        return [_record(obj, n, path) for n, obj in enumerate(data, start=1)]
    raise InputError(path, f"JSON holds a {type(data).__name__}, not an object or array")


def _line_record(line: str, number: int, path: str) -> Record | InputProblem:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputProblem(path, f"malformed JSON line: {_where(exc)}", number)
    return _record(obj, number, path)


def parse_jsonl(text: str, path: str) -> list[Record | InputProblem]:
    """Records from JSONL text already in memory; a bad line is a problem with its number."""
    lines = enumerate(text.split("\n"), start=1)
    return [_line_record(line, n, path) for n, line in lines if line.strip()]


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return open_gzip(path)  # a cut-short file ends where its data does (gzstream)
    return path.open("rb")


def _sniff(path: Path) -> str:
    """The encoding for the whole stream, from its head; refuses empty and binary files."""
    with _open(path) as handle:
        head = handle.read(_SNIFF_BYTES)
    if not head:
        raise InputError(str(path), "empty file")
    encoding = guess_encoding(head)
    if not encoding.startswith(_WIDE) and b"\x00" in head:
        raise InputError(str(path), "binary file (contains NUL bytes)")
    return encoding


def _raw_lines(handle: IO[Any], cap: int) -> Iterator[Any]:
    """Lines (bytes or str) of at most `cap` units; a longer one comes back as None, skipped."""
    while line := handle.readline(cap + 1):
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > cap and not line.endswith(newline):
            # Skip the rest of the line in bounded pieces rather than holding it.
            while (rest := handle.readline(_SKIP_CHUNK)) and not rest.endswith(newline):
                pass
            yield None
        else:
            yield line


def _decoded(line: bytes | str, encoding: str, path: str) -> str:
    if isinstance(line, str):
        return line
    try:
        return line.decode(encoding)
    except UnicodeDecodeError:
        return decode(line, path)  # this line alone is in another encoding (or binary)


def iter_jsonl(path: Path, max_line_bytes: int) -> Iterator[Record | InputProblem]:
    """Records from a .jsonl or .jsonl.gz file, read a line at a time (see module docstring)."""
    name, number, blank = str(path), 0, True
    try:
        encoding = _sniff(path)
        with _open(path) as binary:
            wide = encoding.startswith(_WIDE)
            handle: IO[Any] = io.TextIOWrapper(binary, encoding) if wide else binary
            for number, line in enumerate(_raw_lines(handle, max_line_bytes), start=1):
                if line is None:
                    blank = False
                    yield InputProblem(name, f"line too long (over {max_line_bytes} bytes)", number)
                    continue
                try:
                    text = _decoded(line, encoding, name)
                except InputError as exc:
                    blank = False
                    yield InputProblem(name, exc.problem, number)
                    continue
                if text.strip():
                    blank = False
                    yield _line_record(text, number, name)
            inflater = getattr(binary, "raw", None)
            if isinstance(inflater, Inflater) and inflater.truncated:
                blank = False
                cut = f"at line {number}" if number else "before its first line"
                yield InputProblem(name, f"truncated gzip: the data ends early, {cut}")
    except (*_GZIP_ERRORS, UnicodeDecodeError) as exc:
        where = f"after line {number}" if number else "at the start"
        raise InputError(name, f"corrupt or truncated file {where}: {exc}") from exc
    if blank:
        raise InputError(name, "file contains only whitespace")


def read_gzip_limited(path: Path, max_bytes: int) -> bytes:
    """A gzip file's decompressed bytes, refusing more than `max_bytes` (gzip bombs included)."""
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except _GZIP_ERRORS as exc:
        raise InputError(str(path), f"corrupt or truncated gzip: {exc}") from exc
    if len(data) > max_bytes:
        raise InputError(str(path), f"file too large (over {max_bytes} bytes uncompressed)")
    if not data:
        raise InputError(str(path), "empty file")
    return data
