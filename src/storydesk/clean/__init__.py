"""The clean stage: whitespace, scraping leftovers, too-short texts and duplicate articles.

Every removed line is kept in `Article.removed` with the rule's reason, so cleaning can be audited.
A copyright line that names the publisher fills in `Article.source` when ingest found none.
Articles too short after cleaning, and duplicates of an earlier article, become `InputProblem`s.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Article, InputProblem
from ..options import Options
from ..pipeline import Document, stage
from .boilerplate import COPYRIGHT, normalise_whitespace, publisher, remove_boilerplate
from .dedupe import find_duplicates

__all__ = ["CLEAN", "clean_article", "clean_articles"]


def clean_article(article: Article, options: Options) -> Article:
    """One article with normalised whitespace and, if enabled, its leftovers removed."""
    text = normalise_whitespace(article.text)
    if not options.clean_boilerplate:
        return replace(article, text=text)
    text, removed = remove_boilerplate(text)
    source = article.source
    if source is None:
        names = (publisher(r.text) for r in removed if r.reason == COPYRIGHT)
        source = next((n for n in names if n), None)
    return replace(article, text=text, source=source, removed=(*article.removed, *removed))


def clean_articles(
    articles: tuple[Article, ...], options: Options
) -> tuple[list[Article], list[InputProblem]]:
    """Clean each article, then drop too-short ones and duplicates, reporting each."""
    problems: list[InputProblem] = []
    long_enough: list[Article] = []
    for article in articles:
        cleaned = clean_article(article, options)
        if cleaned.words < options.min_article_words:
            problems.append(
                InputProblem(
                    cleaned.path,
                    f"too short: article {cleaned.id} has {cleaned.words} words after cleaning"
                    f" (minimum {options.min_article_words})",
                )
            )
        else:
            long_enough.append(cleaned)
    duplicates = find_duplicates(long_enough)
    for article in long_enough:
        if article.id in duplicates:
            problems.append(
                InputProblem(article.path, f"article {article.id}: {duplicates[article.id]}")
            )
    kept = [a for a in long_enough if a.id not in duplicates]
    return kept, problems


def _clean(doc: Document, options: Options) -> Document:
    articles, problems = clean_articles(doc.articles or (), options)
    return doc.update(articles=tuple(articles), problems=doc.problems + tuple(problems))


CLEAN = stage("clean", reads=["articles"], writes=["articles", "problems"])(_clean)
