"""Which sources of a draft check are independent: the brief's provenance, applied to them.

A sentence that three outlets support is confirmed three times only if the three did not copy
one another. The sources go through the brief's own stages up to provenance (parse, embed,
quotes, provenance), so a draft check and a brief count independent sources the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article
from ..nlp.stages import EMBED, PARSE
from ..options import DEFAULT_OPTIONS, Options
from ..pipeline import Document, run
from ..provenance import PROVENANCE
from ..quotes.stage import QUOTES


def analyse_sources(articles: Sequence[Article], options: Options = DEFAULT_OPTIONS) -> Document:
    """The sources parsed, embedded, quoted and linked by provenance (`groups`, `parses`)."""
    return run((PARSE, EMBED, QUOTES, PROVENANCE), Document(articles=tuple(articles)), options)


def groups_of(doc: Document) -> dict[str, int]:
    """Article id -> its independence group (articles linked by derivation share one)."""
    return {a: k for k, group in enumerate(doc.groups or ()) for a in group}


def source_groups(
    articles: Sequence[Article], options: Options = DEFAULT_OPTIONS
) -> dict[str, int]:
    return groups_of(analyse_sources(articles, options))
