"""storydesk: many outlets' articles about one event in, one cited, cross-checked brief out.

`import storydesk` stays cheap: the API (and with it the NLP stack) loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import Article, Brief, Claim, Dispute, Fact, InputProblem, Mention, SummarySentence
from .options import Options

if TYPE_CHECKING:
    from .api import brief, extract, run_brief

__version__ = "0.1.0"

_API = ("brief", "extract", "run_brief")


def __getattr__(name: str) -> Any:
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'storydesk' has no attribute {name!r}")


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
