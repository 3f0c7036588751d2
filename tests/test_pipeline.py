"""The stage contract: declared reads and writes are enforced, and failures name the stage."""

from __future__ import annotations

import pytest

from storydesk.errors import StageError
from storydesk.model import Article
from storydesk.options import Options
from storydesk.pipeline import Document, Timings, run, stage

ART = Article(id="a", path="a.txt", text="Some text.")


@stage("good", reads=["inputs"], writes=["articles"])
def good(doc: Document, options: Options) -> Document:
    return doc.update(articles=(ART,))


@stage("needs-claims", reads=["claims"], writes=["facts"])
def needs_claims(doc: Document, options: Options) -> Document:
    return doc.update(facts=())


@stage("forgetful", reads=["inputs"], writes=["articles"])
def forgetful(doc: Document, options: Options) -> Document:
    return doc


@stage("sneaky", reads=["inputs"], writes=["articles"])
def sneaky(doc: Document, options: Options) -> Document:
    return doc.update(articles=(ART,), claims=())


@stage("crashes", reads=["inputs"], writes=["articles"])
def crashes(doc: Document, options: Options) -> Document:
    raise ZeroDivisionError("boom")


def test_runner_runs_stages_in_order_and_times_them() -> None:
    timings = Timings()
    seen: list[tuple[str, int, int]] = []
    out = run([good], Document(inputs=("x",)), Options(), lambda *a: seen.append(a), timings)
    assert out.articles == (ART,)
    assert seen == [("good", 1, 1)]
    assert set(timings.seconds) == {"good"}


@pytest.mark.parametrize(
    ("st", "message"),
    [
        (needs_claims, "needs claims"),
        (forgetful, "did not write articles"),
        (sneaky, "changed undeclared field(s) claims"),
        (crashes, "ZeroDivisionError: boom"),
    ],
)
def test_contract_violations_name_the_stage(st: object, message: str) -> None:
    with pytest.raises(StageError) as info:
        run([st], Document(inputs=("x",)), Options())  # type: ignore[list-item]
    assert info.value.stage == st.name  # type: ignore[attr-defined]
    assert message in str(info.value)


def test_unknown_field_in_declaration_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown fields"):
        stage("bad", reads=["nonsense"], writes=[])(lambda d, o: d)


def test_options_are_checked() -> None:
    from storydesk.errors import OptionsError

    with pytest.raises(OptionsError):
        Options(summary_sentences=3)
    with pytest.raises(OptionsError, match="unknown option"):
        Options().with_(nope=1)
    assert Options().with_(summary_sentences=7).summary_sentences == 7


def test_brief_function_survives_importing_the_renderers() -> None:
    # A subpackage named like the API function would replace it on import; keep them apart.
    import storydesk
    import storydesk.briefing.render_json

    assert callable(storydesk.brief)
