"""storydesk: many outlets' articles about one event in, one cited, cross-checked brief out."""

from .api import brief, extract, run_brief
from .model import Article, Brief, Claim, Dispute, Fact, InputProblem, Mention, SummarySentence
from .options import Options

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Brief",
    "Claim",
    "Dispute",
    "Fact",
    "InputProblem",
    "Mention",
    "Options",
    "SummarySentence",
    "__version__",
    "brief",
    "extract",
    "run_brief",
]
