"""Shared test data: hand-built model objects (so renderer and CLI tests need no NLP stage),
sample article bodies, and where the reference seeds live.

Offsets are computed from the article text, the same contract the pipeline keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storydesk.model import (
    Article,
    Brief,
    Claim,
    Dispute,
    Fact,
    InputProblem,
    Mention,
    Removed,
    Side,
    SummarySentence,
)
from storydesk.options import Options
from storydesk.verify.crossencoder import CrossEncoder

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")

# What the `run` fixture (conftest.py) returns: call the CLI with argv, get (code, stdout, stderr).
Run = Callable[..., tuple[int, str, str]]

OPTS = Options()
BODY = (
    "Japan is in talks to open a NATO liaison office, the first of its kind in Asia, the foreign "
    "minister said on Wednesday. He said the war in Ukraine had made the world less stable."
)
BODY2 = (
    "China responded angrily to reports of the possible office and warned NATO against expanding "
    "into Asia. A spokesperson said the region should not become a platform for bloc politics."
)

HOSTILE = '<script>alert(1)</script> "quotes" & ampersands'

TEXT_A = (
    "The bridge closed on Monday after inspectors found cracks.\n\n"
    "Officials said 12 people were injured. "
    f"A witness wrote {HOSTILE} on a sign."
)
TEXT_B = (
    "Inspectors shut the bridge on Monday because of cracks.\n\n"
    "Officials said 15 people were injured | according to the mayor."
)
TEXT_C = "In Zürich-style prose: the river bridge closed Monday, a spokesperson confirmed."


def article(aid: str, text: str, **kw: Any) -> Article:
    return Article(id=aid, path=f"/data/{aid}.txt", text=text, raw_text=text, **kw)


def claim(a: Article, index: int, sentence: str) -> Claim:
    start = a.text.index(sentence)
    return Claim(
        id=f"{a.id}:{index}",
        article=a.id,
        index=index,
        start=start,
        end=start + len(sentence),
        text=sentence,
    )


def mention(c: Claim) -> Mention:
    return Mention(article=c.article, claim=c.id, text=c.text, start=c.start, end=c.end)


def make_articles() -> tuple[Article, Article, Article]:
    a = article(
        "a1",
        TEXT_A,
        title=f"Bridge closes {HOSTILE}",
        source='Outlet "A" & Co',
        url="https://example.com/a?x=1&y=2",
        published="2024-05-06",
        language="en",
        removed=(Removed("Subscribe now | <b>today</b>", "newsletter"),),
    )
    b = article(
        "b.2",
        TEXT_B,
        title="Bridge shut",
        source="Outlet B",
        url="javascript:alert(1)",
        published="2024-05-06T10:00:00Z",
        language="en",
    )
    c = article("c 3", TEXT_C, source="Outlet C", url=None)
    return a, b, c


def make_brief(problems: tuple[InputProblem, ...] | None = None) -> Brief:
    a, b, c = make_articles()
    ca0 = claim(a, 0, "The bridge closed on Monday after inspectors found cracks.")
    ca1 = claim(a, 1, "Officials said 12 people were injured.")
    ca2 = claim(a, 2, f"A witness wrote {HOSTILE} on a sign.")
    cb0 = claim(b, 0, "Inspectors shut the bridge on Monday because of cracks.")
    cb1 = claim(b, 1, "Officials said 15 people were injured | according to the mayor.")
    cc0 = claim(c, 0, "the river bridge closed Monday, a spokesperson confirmed.")
    confirmed = Fact(
        "f1", ca0.text, (mention(ca0), mention(cb0), mention(cc0)), "confirmed", cohesion=0.8
    )
    single = Fact("f2", ca2.text, (mention(ca2),), "single_source")
    disputed = Fact("f3", ca1.text, (mention(ca1), mention(cb1)), "disputed", cohesion=0.7)
    dispute = Dispute(
        Side("a1", ca1.id, ca1.text),
        Side("b.2", cb1.id, cb1.text),
        kind="number",
        reason="12 <vs> 15 people injured & counting",
        confidence=0.9,
    )
    summary = (
        SummarySentence(ca0.text, ("a1", "b.2", "c 3"), "f1", ca0.id),
        SummarySentence(ca2.text, ("a1",), "f2", ca2.id),
    )
    if problems is None:
        problems = (InputProblem("/data/<bad>.html", "not an article: too short", record=None),)
    return Brief(
        articles=(a, b, c),
        facts=(confirmed, single, disputed),
        disputes=(dispute,),
        summary=summary,
        problems=problems,
        claims=(ca0, ca1, ca2, cb0, cb1, cc0),
    )


def empty_brief() -> Brief:
    a = article("solo", "Just one short article about the bridge.", source="Solo")
    return Brief(articles=(a,), facts=(), disputes=(), summary=())


class RecordingModel(CrossEncoder):
    """The packaged model, remembering every window it is asked to read."""

    def __init__(self) -> None:
        super().__init__()
        self.read: list[str] = []

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        self.read += [w for _, w in pairs]
        return super().probabilities(pairs)


def pair_disputes(
    parse: Callable[..., list[Claim]], embed: Callable[[list[Claim]], np.ndarray], a: str, b: str
) -> list[Dispute]:
    """The structured checks' disputes between two one-article texts ("Outlet A", "Outlet B"),
    parsed and embedded by the conftest fixtures."""
    from storydesk.verify.checks import Context
    from storydesk.verify.stage import find_disputes

    claims = parse(a, b)
    emb = embed(claims)
    ctx = Context(article_text={"a": a, "b": b}, labels={"a": "Outlet A", "b": "Outlet B"})
    return find_disputes(claims, emb @ emb.T, ctx, min_sim=0.45)
