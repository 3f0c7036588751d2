"""Structured articles: .json (one object or an array of objects) and .jsonl (one object a line).

Fields: text (required; also "body" or "content"), title, dek, url, source (also "outlet", "site",
"sitename"), published (also "date", "published_at"), id, language. Values that are not strings are
ignored, except numeric ids. A record without text is a problem with its record number (the array
index or the line number, both from 1); the other records still load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..model import InputProblem

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


def parse_jsonl(text: str, path: str) -> list[Record | InputProblem]:
    """Records from a .jsonl file; a bad line is a problem with its line number."""
    out: list[Record | InputProblem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(InputProblem(path, f"malformed JSON line: {_where(exc)}", number))
            continue
        out.append(_record(obj, number, path))
    return out
