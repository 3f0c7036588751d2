"""Find the stories in a stream of articles: per-article signals, one similarity judgement, and
an incremental clusterer whose state is plain data (see each module's docstring)."""

from .cluster import Story, StoryClusterer
from .signals import ArticleSignals, signals, signals_many
from .similarity import SimilarityResult, story_similarity

__all__ = [
    "ArticleSignals",
    "SimilarityResult",
    "Story",
    "StoryClusterer",
    "signals",
    "signals_many",
    "story_similarity",
]
