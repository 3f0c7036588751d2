"""`storydesk similarity`: the clusterer's same-story judgement for given pairs of texts.

Each row is a JSON object (or a JSONL line) with "text1" and "text2", and optionally "title1",
"title2", "published1", "published2". The texts are cleaned as ingest cleans them and reduced to
the same signals, so a pair's "similarity" is exactly what the clusterer would compute for two
single-article stories. Other fields pass through; a bad row gets an "error" naming its line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from ..clean import clean_article
from ..model import Article
from ..options import DEFAULT_OPTIONS, Options
from .signals import parse_time, signals_many
from .similarity import story_similarity

CHUNK = 64  # pairs embedded together: the models batch well, memory stays flat

Row = Mapping[str, Any] | str


def _field(row: Mapping[str, Any], name: str, required: bool) -> str | None:
    value = row.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"{name!r} must be a non-empty string" if required else f"bad {name!r}")
    return value


def _date(row: Mapping[str, Any], name: str) -> str | None:
    """An ISO 8601 date or datetime; anything else is an error on this row, not a date quietly
    ignored (the time gap is one of the similarity's signals)."""
    value = _field(row, name, required=False)
    if value is not None and parse_time(value) is None:
        raise ValueError(f"{name!r} is not an ISO 8601 date: {value!r}")
    return value


def _article(row: Mapping[str, Any], side: str, line: int, options: Options) -> Article:
    text = _field(row, f"text{side}", required=True)
    assert text is not None
    article = Article(
        id=f"{line}-{side}",
        path=f"line {line}",
        text=text,
        title=_field(row, f"title{side}", required=False),
        published=_date(row, f"published{side}"),
    )
    return clean_article(article, options)


def _parse(line: int, row: Row, options: Options) -> tuple[dict[str, Any], list[Article]]:
    """The output row so far and its two articles; an "error" field and no articles if bad."""
    out: dict[str, Any] = {}
    try:
        data = json.loads(row) if isinstance(row, str) else row
        if not isinstance(data, Mapping):
            raise ValueError("not a JSON object")
        out = dict(data)  # from here on, a bad row keeps its fields next to the error
        return out, [_article(data, "1", line, options), _article(data, "2", line, options)]
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        return {**out, "error": f"line {line}: {exc}"}, []


def similarity_rows(
    rows: Iterable[Row], options: Options = DEFAULT_OPTIONS
) -> Iterator[dict[str, Any]]:
    """Each row with "similarity" (0..1) and "same_story" added, in input order. Rows are
    numbered from 1; blank string rows are skipped but still counted."""
    numbered = (
        (n, r) for n, r in enumerate(rows, start=1) if not (isinstance(r, str) and not r.strip())
    )
    while chunk := list(islice(numbered, CHUNK)):
        parsed = [_parse(n, r, options) for n, r in chunk]
        articles = [a for _, arts in parsed for a in arts]
        sigs = iter(signals_many(articles, options) if articles else [])
        for out, arts in parsed:
            if arts:
                result = story_similarity(next(sigs), next(sigs), options)
                out["similarity"] = round(result.score, 4)
                out["same_story"] = result.same_story
            yield out
