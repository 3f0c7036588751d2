"""The plain Python API. The CLI is a thin layer over this; this module never imports the CLI."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .briefing.build import SUMMARISE, assemble
from .clean import CLEAN
from .errors import NoArticlesError
from .facts.align import ALIGN
from .ingest import INGEST, PathArg, input_paths
from .model import Article, Brief, InputProblem, QuoteGroup
from .nlp.stages import EMBED, LANGUAGE, PARSE
from .options import DEFAULT_OPTIONS, Options
from .pipeline import Document, ProgressHook, Stage, Timings, run
from .provenance import PROVENANCE
from .quotes.stage import QUOTES
from .verify.stage import VERIFY

EXTRACT_STAGES: tuple[Stage, ...] = (INGEST, CLEAN, LANGUAGE)
BRIEF_STAGES: tuple[Stage, ...] = (
    *EXTRACT_STAGES,
    PARSE,
    EMBED,
    QUOTES,
    ALIGN,
    PROVENANCE,  # before VERIFY: corroboration counts its independence groups
    VERIFY,
    SUMMARISE,
)
QUOTE_STAGES: tuple[Stage, ...] = (*EXTRACT_STAGES, PARSE, QUOTES)
# For articles that are already read and cleaned (the archive's): the brief minus ingest and clean.
ARTICLE_BRIEF_STAGES: tuple[Stage, ...] = tuple(s for s in BRIEF_STAGES if s not in (INGEST, CLEAN))


def extract(
    paths: PathArg | Iterable[PathArg], options: Options | None = None
) -> tuple[tuple[Article, ...], tuple[InputProblem, ...]]:
    """Read and clean articles. Bad files become problems; they never stop the others."""
    doc = run(EXTRACT_STAGES, Document(inputs=input_paths(paths)), options or DEFAULT_OPTIONS)
    return doc.articles or (), doc.problems


def run_brief(
    paths: PathArg | Iterable[PathArg],
    options: Options | None = None,
    progress: ProgressHook | None = None,
    timings: Timings | None = None,
    stages: Sequence[Stage] = BRIEF_STAGES,
) -> Brief:
    opts = options or DEFAULT_OPTIONS
    doc = run(stages, Document(inputs=input_paths(paths)), opts, progress=progress, timings=timings)
    return assemble(doc)


def run_brief_articles(
    articles: Iterable[Article],
    options: Options | None = None,
    progress: ProgressHook | None = None,
    timings: Timings | None = None,
) -> Brief:
    """Brief articles that are already cleaned (e.g. `StoredArticle.to_article()`): every stage
    after cleaning. Article ids must be unique. Raises NoArticlesError for no articles."""
    doc = Document(articles=tuple(articles))
    if not doc.articles:
        raise NoArticlesError("no articles to brief")
    opts = options or DEFAULT_OPTIONS
    return assemble(run(ARTICLE_BRIEF_STAGES, doc, opts, progress=progress, timings=timings))


def brief(paths: PathArg | Iterable[PathArg], options: Options | None = None) -> Brief:
    """Brief one story from files or directories of articles.

    Raises NoArticlesError when no input yields a usable article; the problems are in its message.
    """
    return run_brief(paths, options)


def run_quotes(
    paths: PathArg | Iterable[PathArg], options: Options | None = None
) -> tuple[tuple[Article, ...], tuple[QuoteGroup, ...], tuple[InputProblem, ...]]:
    """Articles, their quotation groups and the input problems: what `storydesk quotes` prints.

    Raises NoArticlesError when no input yields a usable article.
    """
    doc = run(QUOTE_STAGES, Document(inputs=input_paths(paths)), options or DEFAULT_OPTIONS)
    if not doc.articles:
        detail = "; ".join(str(p) for p in doc.problems[:10]) or "no input files"
        raise NoArticlesError(f"no usable articles ({detail})")
    return doc.articles, doc.quote_groups or (), doc.problems


def quotes(
    paths: PathArg | Iterable[PathArg], options: Options | None = None
) -> tuple[QuoteGroup, ...]:
    """Direct quotations of a story, each grouped with the other outlets' wordings of it."""
    return run_quotes(paths, options)[1]


__all__ = [
    "ARTICLE_BRIEF_STAGES",
    "BRIEF_STAGES",
    "EXTRACT_STAGES",
    "QUOTE_STAGES",
    "NoArticlesError",
    "brief",
    "extract",
    "quotes",
    "run_brief",
    "run_brief_articles",
    "run_quotes",
]
