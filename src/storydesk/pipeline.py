"""The document that flows through the pipeline, the stage contract, and the runner.

Like spaCy's components, each stage takes the shared document and returns it, and declares which
fields it reads and writes. The runner enforces the declaration: a stage that runs before its inputs
exist, forgets to write what it promised, or touches a field it did not declare fails with its name
in the error, instead of corrupting a later stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np

from .errors import StageError, StorydeskError
from .model import (
    Article,
    Claim,
    Derivation,
    Dispute,
    Fact,
    InputProblem,
    Quote,
    QuoteGroup,
    SummarySentence,
)
from .options import Options


@dataclass(frozen=True, eq=False)
class Document:
    """Everything known about one story so far. Stages return a new Document, never mutate."""

    inputs: tuple[str, ...] = ()
    problems: tuple[InputProblem, ...] = ()
    articles: tuple[Article, ...] | None = None
    claims: tuple[Claim, ...] | None = None
    # Every paragraph's spaCy Doc (nlp.claims.ParsedParagraph): the parse stage's, so later
    # stages that need syntax (quotations) do not parse the articles a second time.
    parses: tuple[Any, ...] | None = field(default=None, repr=False)
    embeddings: np.ndarray | None = field(default=None, repr=False)  # row i embeds claims[i]
    quotes: tuple[Quote, ...] | None = None
    quote_groups: tuple[QuoteGroup, ...] | None = None
    facts: tuple[Fact, ...] | None = None
    derivations: tuple[Derivation, ...] | None = None
    groups: tuple[tuple[str, ...], ...] | None = None  # independence groups of article ids
    disputes: tuple[Dispute, ...] | None = None
    summary: tuple[SummarySentence, ...] | None = None

    def update(self, **changes: Any) -> Document:
        return replace(self, **changes)

    def claim_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims or ()}

    def article_by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles or ()}


DOCUMENT_FIELDS = frozenset(f.name for f in fields(Document))

StageFunc = Callable[[Document, Options], Document]


@dataclass(frozen=True)
class Stage:
    name: str
    reads: frozenset[str]
    writes: frozenset[str]
    func: StageFunc

    def __post_init__(self) -> None:
        unknown = (self.reads | self.writes) - DOCUMENT_FIELDS
        if unknown:
            raise ValueError(f"stage {self.name} declares unknown fields: {sorted(unknown)}")


def stage(name: str, reads: Sequence[str], writes: Sequence[str]) -> Callable[[StageFunc], Stage]:
    """Decorator that turns `func(doc, options) -> doc` into a declared Stage."""

    def wrap(func: StageFunc) -> Stage:
        return Stage(name, frozenset(reads), frozenset(writes), func)

    return wrap


ProgressHook = Callable[[str, int, int], None]  # (stage name, index from 1, number of stages)


def _missing(doc: Document, names: frozenset[str]) -> list[str]:
    return sorted(n for n in names if getattr(doc, n) is None)


def run_stage(st: Stage, doc: Document, options: Options) -> Document:
    missing = _missing(doc, st.reads)
    if missing:
        raise StageError(st.name, f"needs {', '.join(missing)}, which no earlier stage wrote")
    try:
        out = st.func(doc, options)
    except StorydeskError as exc:
        if isinstance(exc, StageError):
            raise
        raise StageError(st.name, str(exc)) from exc
    except Exception as exc:  # any bug in a stage must name the stage
        raise StageError(st.name, f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(out, Document):
        raise StageError(st.name, f"returned {type(out).__name__}, not a Document")
    unwritten = _missing(out, st.writes)
    if unwritten:
        raise StageError(st.name, f"did not write {', '.join(unwritten)}")
    touched = sorted(
        n for n in DOCUMENT_FIELDS - st.writes if getattr(out, n) is not getattr(doc, n)
    )
    if touched:
        raise StageError(st.name, f"changed undeclared field(s) {', '.join(touched)}")
    return out


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)


def run(
    stages: Sequence[Stage],
    doc: Document,
    options: Options,
    progress: ProgressHook | None = None,
    timings: Timings | None = None,
) -> Document:
    for i, st in enumerate(stages, start=1):
        if progress is not None:
            progress(st.name, i, len(stages))
        t0 = time.perf_counter()
        doc = run_stage(st, doc, options)
        if timings is not None:
            timings.seconds[st.name] = time.perf_counter() - t0
    return doc
