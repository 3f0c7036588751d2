"""The ingest stage: files and directories in, `Article`s and `InputProblem`s out.

Each file is read on its own; anything wrong with it (missing, unsupported, binary, empty,
oversized, undecodable, malformed, no text) becomes an `InputProblem` naming the file, and the
rest of the batch still loads. Article ids come from the file stem (or a record's "id" field) and
are made unique with a "-2", "-3", ... suffix.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..model import Article, InputProblem
from ..options import Options
from ..pipeline import Document, stage
from .files import ARTICLE_SUFFIXES, discover, read_text
from .html import parse_html
from .records import Record, parse_json, parse_jsonl
from .text import split_text

__all__ = ["ARTICLE_SUFFIXES", "INGEST", "read_inputs"]


class _Ids:
    """Hands out unique article ids, suffixing repeats."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def take(self, wanted: str) -> str:
        candidate, n = wanted, 1
        while candidate in self._seen:
            n += 1
            candidate = f"{wanted}-{n}"
        self._seen.add(candidate)
        return candidate


def _from_text(path: Path, text: str, ids: _Ids) -> Article:
    parts = split_text(text)
    if not parts.body:
        raise InputError(str(path), "no body text after the headline and metadata")
    meta = parts.meta
    return Article(
        id=ids.take(path.stem),
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


def _from_html(path: Path, text: str, ids: _Ids) -> Article:
    parts = parse_html(text, str(path))
    return Article(
        id=ids.take(path.stem),
        path=str(path),
        text=parts.body,
        raw_text=parts.body,
        title=parts.title,
        dek=parts.dek,
        source=parts.source,
        url=parts.url,
        published=parts.published,
        language=parts.language,
        format="html",
    )


def _from_record(path: Path, rec: Record, fmt: str, ids: _Ids) -> Article:
    f = rec.fields
    return Article(
        id=ids.take(rec.record_id or f"{path.stem}-{rec.number}"),
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


def _read_file(path: Path, options: Options, ids: _Ids) -> list[Article | InputProblem]:
    text = read_text(path, options.max_file_bytes)
    suffix = path.suffix.lower()
    if suffix in (".txt", ".text"):
        return [_from_text(path, text, ids)]
    if suffix in (".html", ".htm"):
        return [_from_html(path, text, ids)]
    records = parse_json(text, str(path)) if suffix == ".json" else parse_jsonl(text, str(path))
    fmt = suffix.lstrip(".")
    return [r if isinstance(r, InputProblem) else _from_record(path, r, fmt, ids) for r in records]


def read_inputs(paths: Sequence[str], options: Options) -> tuple[list[Article], list[InputProblem]]:
    """Read every article file under `paths`; never raises for a problem with one file."""
    files, problems = discover(paths)
    articles: list[Article] = []
    ids = _Ids()
    for path in files:
        try:
            items = _read_file(path, options, ids)
        except InputError as exc:
            problems.append(InputProblem(exc.path, exc.problem))
            continue
        except OSError as exc:  # permissions, vanished files, devices: this file only
            problems.append(InputProblem(str(path), f"cannot read: {exc.strerror or exc}"))
            continue
        for item in items:
            if isinstance(item, InputProblem):
                problems.append(item)
            else:
                articles.append(item)
    return articles, problems


def _ingest(doc: Document, options: Options) -> Document:
    articles, problems = read_inputs(doc.inputs, options)
    return doc.update(articles=tuple(articles), problems=doc.problems + tuple(problems))


INGEST = stage("ingest", reads=["inputs"], writes=["articles", "problems"])(_ingest)
