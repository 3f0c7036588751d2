"""The plain Python API. The CLI is a thin layer over this; this module never imports the CLI."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike

from .briefing.build import SUMMARISE, assemble
from .clean import CLEAN
from .errors import NoArticlesError
from .facts.align import ALIGN
from .ingest import INGEST
from .model import Article, Brief, InputProblem
from .nlp.stages import EMBED, LANGUAGE, PARSE
from .options import DEFAULT_OPTIONS, Options
from .pipeline import Document, ProgressHook, Stage, Timings, run
from .verify.stage import VERIFY

EXTRACT_STAGES: tuple[Stage, ...] = (INGEST, CLEAN, LANGUAGE)
BRIEF_STAGES: tuple[Stage, ...] = (*EXTRACT_STAGES, PARSE, EMBED, ALIGN, VERIFY, SUMMARISE)

PathArg = str | PathLike[str]


def _inputs(paths: PathArg | Iterable[PathArg]) -> tuple[str, ...]:
    if isinstance(paths, str | PathLike):
        return (str(paths),)
    return tuple(str(p) for p in paths)


def extract(
    paths: PathArg | Iterable[PathArg], options: Options | None = None
) -> tuple[tuple[Article, ...], tuple[InputProblem, ...]]:
    """Read and clean articles. Bad files become problems; they never stop the others."""
    doc = run(EXTRACT_STAGES, Document(inputs=_inputs(paths)), options or DEFAULT_OPTIONS)
    return doc.articles or (), doc.problems


def run_brief(
    paths: PathArg | Iterable[PathArg],
    options: Options | None = None,
    progress: ProgressHook | None = None,
    timings: Timings | None = None,
    stages: Sequence[Stage] = BRIEF_STAGES,
) -> Brief:
    opts = options or DEFAULT_OPTIONS
    doc = run(stages, Document(inputs=_inputs(paths)), opts, progress=progress, timings=timings)
    return assemble(doc)


def brief(paths: PathArg | Iterable[PathArg], options: Options | None = None) -> Brief:
    """Brief one story from files or directories of articles.

    Raises NoArticlesError when no input yields a usable article; the problems are in its message.
    """
    return run_brief(paths, options)


__all__ = ["BRIEF_STAGES", "EXTRACT_STAGES", "NoArticlesError", "brief", "extract", "run_brief"]
