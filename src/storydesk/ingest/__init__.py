"""The ingest stage: files, directories, archives, feeds and URLs in; `Article`s and
`InputProblem`s out.

Each input is read on its own; anything wrong with it (missing, unsupported, binary, empty,
oversized, undecodable, malformed, no text, unreachable) becomes an `InputProblem` naming the file
or URL, and the rest of the batch still loads. Article ids come from the file stem (or a record's
"id" field, or "<stem>-<record number>" inside archives and feeds) and are made unique with a
"-2", "-3", ... suffix. `iter_articles` (stream.py) yields the same records one at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, InputProblem
from ..options import Options
from ..pipeline import Document, stage
from .files import ARTICLE_SUFFIXES
from .stream import PathArg, input_paths, iter_articles

__all__ = ["ARTICLE_SUFFIXES", "INGEST", "PathArg", "input_paths", "iter_articles", "read_inputs"]


def read_inputs(paths: Sequence[str], options: Options) -> tuple[list[Article], list[InputProblem]]:
    """Read every article under `paths`; never raises for a problem with one input."""
    articles: list[Article] = []
    problems: list[InputProblem] = []
    for item in iter_articles(paths, options):
        if isinstance(item, InputProblem):
            problems.append(item)
        else:
            articles.append(item)
    return articles, problems


def _ingest(doc: Document, options: Options) -> Document:
    articles, problems = read_inputs(doc.inputs, options)
    return doc.update(articles=tuple(articles), problems=doc.problems + tuple(problems))


INGEST = stage("ingest", reads=["inputs"], writes=["articles", "problems"])(_ingest)
