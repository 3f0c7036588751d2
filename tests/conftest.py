"""Shared fixtures. Seeds are read in place from ../shared (never copied into the repo)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from storydesk.model import Article, Claim
from storydesk.options import Options

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"reference seeds not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def options() -> Options:
    return Options()


@pytest.fixture(scope="session")
def parse() -> Callable[..., list[Claim]]:
    """Parse texts as one article each (ids a, b, c, ...) into claims, with the real parser."""
    from storydesk.nlp.claims import article_claims
    from storydesk.nlp.models import spacy_pipeline

    nlp = spacy_pipeline()

    def run(*texts: str) -> list[Claim]:
        arts = [
            Article(id=chr(97 + i), path=f"{chr(97 + i)}.txt", text=t) for i, t in enumerate(texts)
        ]
        return article_claims(nlp, arts, min_content_words=1)

    return run


@pytest.fixture(scope="session")
def embed() -> Callable[[list[Claim]], np.ndarray]:
    from storydesk.nlp.models import embedder

    model = embedder()
    return lambda claims: model.encode([c.text for c in claims])


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the CLI in-process: run("brief", path, ...) -> (exit code, stdout, stderr)."""
    from storydesk import cli

    def go(*argv: str) -> tuple[int, str, str]:
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return go
