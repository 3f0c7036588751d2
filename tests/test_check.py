"""Claim-vs-document verification: both built-in verifiers (FeatureVerifier, ModelVerifier),
`check_pairs`/`check_text`, `storydesk check`,
and the optional backends (a tiny random BERT built here; a local fake chat server)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from factories import Run
from storydesk import cli
from storydesk.errors import StorydeskError
from storydesk.model import Article, Verdict
from storydesk.nlp.sentences import split_sentences
from storydesk.verify.backends import OpenAIJudgeVerifier, label_indices
from storydesk.verify.check import (
    cautions,
    check_pairs,
    check_sentence,
    check_text,
    checks_to_dict,
    draft_sentences,
    to_markdown,
    to_table,
)
from storydesk.verify.independence import source_groups
from storydesk.verify.interface import Verifier
from storydesk.verify.model_verifier import ModelVerifier
from storydesk.verify.standing import other_period
from storydesk.verify.verifier import FeatureVerifier, load_weights

DOC = (
    "The Marrowport City Council approved the new harbour bridge on Tuesday. "
    "Mayor Anna Lind said 14 people were injured in the fire at the port. "
    "The council will not raise local taxes this year to pay for the repairs. "
    "Engineers expect the bridge to open to traffic in 2026."
)


@pytest.fixture(scope="module", params=["features", "model"])
def verifier(request: pytest.FixtureRequest) -> Verifier:
    """Every behaviour here holds for both built-in verifiers."""
    if request.param == "features":
        return FeatureVerifier()
    return ModelVerifier()


def test_paraphrase_is_supported_with_a_document_sentence_as_evidence(
    verifier: Verifier,
) -> None:
    v = verifier.verify("Mayor Anna Lind said that 14 people were hurt in the port fire.", DOC)
    assert v.label == "supported", v
    assert v.support > v.contradiction
    assert "Mayor Anna Lind said 14 people were injured in the fire at the port." in v.evidence
    assert all(any(e in s or s in e for s in split_sentences(DOC)) for e in v.evidence)
    assert v.reasons


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        ("Mayor Anna Lind said 41 people were injured in the fire at the port.", "number"),
        ("The Marrowport Port Authority approved the new harbour bridge on Tuesday.", "actor"),
        ("The Marrowport City Council did not approve the new harbour bridge on Tuesday.", "neg"),
    ],
)
def test_structured_changes_are_contradicted(verifier: Verifier, claim: str, kind: str) -> None:
    v = verifier.verify(claim, DOC)
    assert v.label == "contradicted", (kind, v)
    assert any("says" in r or "did not happen" in r for r in v.reasons), v.reasons
    assert v.evidence


def test_unrelated_claim_is_unverified(verifier: Verifier) -> None:
    v = verifier.verify("The football club from Seville won the cup final in Madrid.", DOC)
    assert v.label == "unverified", v
    assert any("not in the document" in r for r in v.reasons)


def test_a_name_and_its_initials_are_one_entity(verifier: Verifier) -> None:
    doc = "The North Atlantic Treaty Organization will open a liaison office in Tokyo next year."
    for claim in ("NATO will open a liaison office in Tokyo next year.", doc):
        for document in (doc, claim.replace("North Atlantic Treaty Organization", "NATO")):
            reasons = verifier.verify(claim, document).reasons
            assert not any("not in the document" in r for r in reasons), (claim, reasons)
    # Other initials are still missing.
    reasons = verifier.verify("The EU will open a liaison office in Tokyo.", doc).reasons
    assert any("not in the document: EU" in r for r in reasons), reasons


def test_multi_sentence_claim_is_as_weak_as_its_weakest_sentence(
    verifier: Verifier,
) -> None:
    good = "Engineers expect the bridge to open to traffic in 2026."
    both = verifier.verify(f"{good} The football club from Seville won the cup in Madrid.", DOC)
    assert both.support <= verifier.verify(good, DOC).support
    assert verifier.verify("", DOC).label == "unverified"


def test_weights_have_provenance() -> None:
    w = load_weights()
    assert 0 < w.t_support < 1 and 0 < w.t_contradiction <= 1
    data = w.meta["data"]
    assert {"snli_dev", "mnli_dev"} <= set(data)
    assert all("licence" in data[k] for k in ("snli_dev", "mnli_dev"))
    assert "never_used" in data and w.meta["generated_by"].startswith("python -m")
    assert w.meta["counts"]["train"] > 1000


class _Fixed:
    def verify(self, claim: str, document: str) -> Verdict:
        return Verdict("supported", 0.9, 0.0, (document[:5],), ("fixed",))


def test_check_pairs_passes_fields_and_reports_bad_lines() -> None:
    rows = [
        json.dumps({"document": "Hello world.", "claim": "Hi.", "id": 7}),
        "{not json",
        json.dumps({"claim": "no document"}),
        "",
        json.dumps([1, 2]),
    ]
    out = list(check_pairs(rows, _Fixed()))
    assert len(out) == 4
    assert out[0]["id"] == 7 and out[0]["verdict"] == "supported" and out[0]["evidence"]
    assert out[0]["support"] == 0.9 and "error" not in out[0]
    assert all("error" in r for r in out[1:])
    assert out[2]["claim"] == "no document" and out[1]["line"] == 2


def test_check_text_picks_best_source(verifier: Verifier) -> None:
    arts = [
        Article("a", "a.txt", DOC, source="Harbour Wire"),
        Article("b", "b.txt", "The weather in the region was mild and dry all week."),
    ]
    draft = "# Draft\n\nMayor Anna Lind said 41 people were injured in the fire at the port."
    checks = check_text(draft, arts, verifier)
    assert [c.sentence for c in checks] == [draft.splitlines()[-1]]  # the heading is no claim
    last = checks[-1]
    assert last.label == "contradicted" and last.contradicting[0].label == "Harbour Wire"
    assert checks_to_dict(checks)["counts"]["contradicted"] >= 1


def test_supporting_copies_count_as_one_independent_source(verifier: Verifier) -> None:
    other = (
        "Fourteen people were hurt when fire swept through a warehouse at the port, Mayor Anna "
        "Lind told reporters on Monday. Firefighters fought the blaze for six hours."
    )
    arts = [
        Article("wire", "wire.txt", DOC, source="Harbour Wire"),
        Article("copy", "copy.txt", DOC.replace("Tuesday", "Tuesday,"), source="Ledger"),
        Article("own", "own.txt", other, source="Courier"),
    ]
    groups = source_groups(arts)
    assert groups["wire"] == groups["copy"] != groups["own"]
    (check,) = check_text(
        "Mayor Anna Lind said 14 people were injured in the fire.", arts, verifier
    )
    assert {"wire", "copy"} <= set(check.supported_by)
    assert check.independent == len(check.supported_by) - 1  # the copy adds no confirmation
    row = checks_to_dict([check])["sentences"][0]
    assert row["independent_sources"] == check.independent
    assert f"/{check.independent}" in to_table([check]).splitlines()[1]


def test_independence_groups_given_are_used() -> None:
    arts = [Article("a", "a.txt", DOC), Article("b", "b.txt", DOC)]
    check = check_sentence("The council will not raise local taxes this year.", arts,
                           FeatureVerifier(), groups={"a": 0, "b": 1})  # fmt: skip
    assert check.supported_by == ("a", "b") and check.independent == 2
    alone = check_sentence("The council will not raise local taxes this year.", arts,
                           FeatureVerifier())  # fmt: skip
    assert alone.independent is None  # not computed, not guessed


def test_sources_that_disagree_make_a_sentence_disputed(verifier: Verifier) -> None:
    other = DOC.replace("14 people", "41 people")
    arts = [
        Article("a", "a.txt", DOC, source="Harbour Wire"),
        Article("b", "b.txt", other, source="Brineshore Digest"),
    ]
    (check,) = check_text(
        "Mayor Anna Lind said 14 people were injured in the port fire.", arts, verifier
    )
    assert check.label == "disputed", check
    assert check.best is not None and check.best.label == "Harbour Wire"
    assert [s.label for s in check.contradicting] == ["Brineshore Digest"]
    counts = checks_to_dict([check])["counts"]
    assert counts["disputed"] == 1 and counts["contradicted"] == 0


class _ByDocument:
    """A verifier that answers per document: {document: Verdict}."""

    def __init__(self, answers: dict[str, Verdict]) -> None:
        self.answers = answers

    def verify(self, claim: str, document: str) -> Verdict:
        return self.answers[document]


def test_with_no_support_the_closest_source_is_shown_not_the_least_related() -> None:
    far = "The weather in the region was mild and dry all week, forecasters said."
    near = "Four people were treated at St Anselm's Hospital in Ashcombe on Friday."
    verifier = _ByDocument(
        {
            far: Verdict("unverified", 0.05, 0.0, ("mild and dry",)),
            near: Verdict("unverified", 0.15, 0.6, ("St Anselm's Hospital in Ashcombe",)),
        }
    )
    arts = [Article("far", "far.txt", far), Article("near", "near.txt", near)]
    (check,) = check_text("Four people were treated at St Anselm's in Greyhollow.", arts, verifier)
    assert check.label == "unverified"
    assert check.best is not None and check.best.article == "near"
    assert "closest source" in to_markdown([check])
    # Where a source supports it, that one is shown, whatever another's scores.
    verifier.answers[far] = Verdict("supported", 0.5, 0.0, ("mild and dry",))
    (check,) = check_text("Four people were treated at St Anselm's in Greyhollow.", arts, verifier)
    assert check.label == "supported" and check.best is not None and check.best.article == "far"


def test_a_dropped_hedge_is_a_caution_beside_a_supported_sentence() -> None:
    doc = (
        "The state Environmental Protection Agency opened an investigation on Thursday into the "
        "failure at the treatment works. The plant may close for two weeks while repairs are "
        "made, agency spokesman Daniel Okafor said."
    )
    arts = [Article("wire", "wire.txt", doc, source="Test Wire")]
    draft = "The plant will close for two weeks while repairs are made, Okafor said."
    (check,) = check_text(draft, arts, ModelVerifier())
    assert check.label == "supported"
    assert cautions(check) == [
        "certainty differs: the document hedges ('may'), the claim states it as fact (Test Wire)"
    ]
    assert "caution                certainty differs" in to_table([check])
    assert "   - caution: certainty differs" in to_markdown([check])
    assert checks_to_dict([check])["sentences"][0]["cautions"] == cautions(check)
    # The sentence as the source says it carries none; nor one more careful than its source.
    (same,) = check_text(draft.replace("will", "may"), arts, ModelVerifier())
    assert same.label == "supported" and cautions(same) == []
    firm = [Article("wire", "wire.txt", doc.replace("may close", "will close"), source="W")]
    (careful,) = check_text(draft.replace("will", "may"), firm, ModelVerifier())
    assert cautions(careful) == []


def test_a_weak_or_figureless_support_does_not_dispute_a_reasoned_contradiction() -> None:
    dated = "The board issued the notice at 11 a.m. on Wednesday, March 11, officials said."
    vague = "The last comparable notice in the town was issued in 2011 and lasted six days."
    dated12 = vague + " The board issued the notice at 11 a.m. on March 12."
    why = ("claim says March 12, document says March 11",)
    no = Verdict("contradicted", 0.1, 0.75, (dated,), why, True)
    draft = "The board issued the notice at 11 a.m. on March 12."

    def label(other: str, support: float, contradiction: float = 0.1) -> str:
        yes = Verdict("supported", support, contradiction, (other,))
        arts = [Article("a", "a.txt", dated), Article("b", "b.txt", other)]
        (check,) = check_text(draft, arts, _ByDocument({dated: no, other: yes}))
        assert check.label != "disputed" or check.supported_by == ("b",)
        return check.label

    assert label(vague, 0.8) == "contradicted"  # never prints "12"
    assert label(dated12, 0.8) == "disputed"  # prints the figures and supports them
    assert label(dated12, 0.3) == "disputed"  # weakly, but it prints them
    assert label(dated12, 0.6, 0.7) == "contradicted"  # contradicts it more than it supports
    # The source set aside is shown, with why.
    yes = Verdict("supported", 0.8, 0.1, (vague,))
    arts = [Article("a", "a.txt", dated), Article("b", "b.txt", vague, source="Gazette")]
    (check,) = check_text(draft, arts, _ByDocument({dated: no, vague: yes}))
    assert [s.article for s in check.discounted] == ["b"]
    assert "not counted            Gazette: does not print the sentence's figures (11, 12)" in (
        to_table([check])
    )
    assert checks_to_dict([check])["sentences"][0]["not_counted"][0]["article"] == "b"


def test_with_no_figure_to_check_only_a_confident_support_disputes_a_reason() -> None:
    wire = "The firm confirmed it had not paid any ransom to the group."
    tech = "Greyvine has claimed the attack and says data was stolen."
    no = Verdict("contradicted", 0.05, 0.8, (wire,), ("negation: ...",), True)
    draft = "Hallamere said it had paid the ransom demanded by the group."
    for support, expected in ((0.34, "contradicted"), (0.7, "disputed")):
        yes = Verdict("supported", support, 0.1, (tech,))
        arts = [Article("w", "w.txt", wire), Article("t", "t.txt", tech)]
        (check,) = check_text(draft, arts, _ByDocument({wire: no, tech: yes}))
        assert check.label == expected


def test_a_source_printing_the_rate_over_another_period_does_not_dispute_it() -> None:
    wire = "Customers will receive £10 a month in bill credits, the company said."
    gazette = "They will get £10 a month off their bills for the next 12 months."
    no = Verdict("contradicted", 0.1, 0.85, (wire,), ("different rate",), True)
    yes = Verdict("supported", 0.66, 0.1, (gazette,))
    arts = [Article("w", "w.txt", wire), Article("g", "g.txt", gazette)]
    draft = "Customers will receive £10 a year in bill credits."
    (check,) = check_text(draft, arts, _ByDocument({wire: no, gazette: yes}))
    assert check.label == "contradicted"


def test_a_source_that_never_prints_the_sentences_figure_does_not_support_it() -> None:
    herald = "The strike begins next week, the union said."
    yes = Verdict("supported", 0.3, 0.2, (herald,))
    arts = [Article("h", "h.txt", herald)]
    (check,) = check_text("The strike begins on March 23.", arts, _ByDocument({herald: yes}))
    assert check.label == "unverified" and check.supported_by == ()
    assert "does not print the sentence's figures (23)" in check.discounted[0].verdict.reasons
    # A source that prints it still supports it.
    wire = "The strike begins on Monday, March 23, the union said."
    (check,) = check_text("The strike begins on March 23.", [Article("w", "w.txt", wire)],
                          _ByDocument({wire: yes}))  # fmt: skip
    assert check.label == "supported"
    # The source's own date counts as printed by it: "on Monday" in a report dated 2026-03-23.
    dated = "The strike began on Monday, the union said."
    draft = "The strike began on Monday, March 23, 2026."
    arts = [Article("d", "d.txt", dated, published="2026-03-23T10:40:00Z")]
    (check,) = check_text(draft, arts, _ByDocument({dated: yes}))
    assert check.label == "supported"
    undated = [Article("d", "d.txt", dated, published="2026-03-24")]
    (check,) = check_text(draft, undated, _ByDocument({dated: yes}))
    assert check.label == "unverified"


@pytest.mark.parametrize(
    ("source", "other"),
    [
        ("They are paid 45 pounds per week.", "45 pounds per week"),
        ("They are paid £45 weekly.", "45 weekly"),
        ("They are paid £45 every week.", "45 every week"),
        ("They are paid £45 a month.", None),  # the same period
        ("They were paid £45 a week ago.", None),  # a point in time, not a rate
        ("They are paid £45 a week after tax.", "45 a week"),
    ],
)
def test_a_rate_over_another_period_is_read_in_every_written_form(
    source: str, other: str | None
) -> None:
    assert other_period("Cleaners are paid £45 a month.", source) == other


def test_only_an_explained_contradiction_overrules_a_supporting_source() -> None:
    # (Article a prints the figure: a source that does not is no support against a reason.)
    arts = [Article(x, f"{x}.txt", x, source=x.upper()) for x in ("a 42,000", "b", "c")]
    yes = Verdict("supported", 0.8, 0.05, ("a",), ("model",))
    model_no = Verdict("contradicted", 0.05, 0.7, ("b",), ("model",))
    checked_no = Verdict("contradicted", 0.05, 0.9, ("c",), ("different number",), True)
    s = "The bridge carries 42,000 vehicles a day."
    check = check_sentence(s, arts[:2], _ByDocument({"a 42,000": yes, "b": model_no}))
    assert check.label == "supported" and [x.label for x in check.contradicting] == ["B"]
    assert checks_to_dict([check])["sentences"][0]["contradicting"][0]["explained"] is False
    check = check_sentence(s, arts, _ByDocument({"a 42,000": yes, "b": model_no, "c": checked_no}))
    assert check.label == "disputed"
    row = to_table([check]).splitlines()[1]
    assert "C" in row and "against 0.90" in row  # the explained contradiction, its own score
    assert "support 0.80" in to_table([check_sentence(s, arts[:1], _ByDocument({"a 42,000": yes}))])
    # With nothing supporting it, a model's contradiction still makes it contradicted.
    check = check_sentence(s, arts[1:2], _ByDocument({"b": model_no}))
    assert check.label == "contradicted"


def test_draft_pronouns_are_read_as_the_person_named_before() -> None:
    from storydesk.nlp.models import spacy_pipeline
    from storydesk.verify.pronouns import resolve_sentences

    nlp = spacy_pipeline()
    draft = [
        "Mayor Imelda Rusk visited the port on Tuesday.",
        "Rusk thanked the firefighters.",
        "She said no date had been set.",
        "Reporters asked her about the repairs.",  # an object pronoun stays as written
        "Tobias Fenwright said he would stay.",  # the person is in the sentence already
    ]
    assert resolve_sentences(draft, nlp) == [
        None,
        None,
        "Imelda Rusk said no date had been set.",  # the fullest name the draft gave
        None,
        None,
    ]
    assert resolve_sentences(["He said no.", "Nobody came."], nlp) == [None, None]


def test_draft_pronoun_is_checked_as_its_person() -> None:
    arts = [Article("a", "a.txt", DOC, source="Harbour Wire")]
    draft = "Anna Lind is the mayor. She said 14 people were injured in the fire at the port."
    checks = check_text(draft, arts, ModelVerifier())
    assert checks[1].read_as == "Anna Lind said 14 people were injured in the fire at the port."
    assert checks[1].label == "supported", checks[1]
    assert checks[1].sentence.startswith("She said")  # shown as the draft wrote it
    assert checks_to_dict(checks)["sentences"][1]["read_as"] == checks[1].read_as


def test_draft_is_read_as_markdown() -> None:
    draft = (
        "# Bridge closure: draft\n\nKey facts\n=========\n\n"
        "- The **bridge** was closed on [Tuesday](https://example.org/a).\n"
        "2. Engineers expect it to reopen within a week. It cost 3 million.\n"
        "> The mayor `resigned` on Friday.\n\n---\n"
        "![map](map.png) Traffic was sent through the tunnel\n"
    )
    assert draft_sentences(draft) == [
        "The bridge was closed on Tuesday.",
        "Engineers expect it to reopen within a week.",
        "It cost 3 million.",
        "The mayor resigned on Friday.",
        "Traffic was sent through the tunnel",
    ]
    # A setext heading of any length is a heading too; a rule after a blank line is only a rule.
    assert draft_sentences("What we know so far\n---\nThe port stayed open.\n\n---\n") == [
        "The port stayed open."
    ]
    # Plain text is read as it is; only labels too short to be claims are left out.
    assert draft_sentences("Summary\nThe port stayed open. Yes.") == ["The port stayed open."]


def test_cli_check_pairs(run: Run, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    good = {"document": DOC, "claim": "Engineers expect the bridge to open in 2026.", "k": "x"}
    pairs.write_text(json.dumps(good) + "\nnot json\n", encoding="utf-8")
    out_file = tmp_path / "scored.jsonl"
    code, _, _ = run("check", "--pairs", str(pairs), "-o", str(out_file))
    assert code == 0
    rows = [json.loads(x) for x in out_file.read_text().splitlines()]
    assert rows[0]["k"] == "x" and rows[0]["verdict"] in ("supported", "unverified")
    assert {"support", "contradiction", "evidence", "explained"} <= set(rows[0])
    assert "error" in rows[1]
    assert run("check", "--pairs", str(tmp_path / "missing.jsonl"))[0] == cli.EXIT_IO


def test_cli_check_sources(run: Run, tmp_path: Path) -> None:
    src = tmp_path / "wire.txt"
    src.write_text("Bridge approved\n\n" + DOC.replace(". ", ".\n\n"), encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text("Mayor Anna Lind said 41 people were injured in the fire at the port.\n")
    code, out, _ = run("check", "--sources", str(src), "--text", str(draft), "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    assert data["sentences"][0]["verdict"] == "contradicted"
    code, out, _ = run("check", "--sources", str(src), "--text", str(draft))
    assert code == 0 and out.startswith("verdict") and "contradicted" in out
    code, out, _ = run("check", "--sources", str(src), "--text", str(draft), "--format", "md")
    assert code == 0 and out.startswith("# Draft check")
    report = tmp_path / "report.json"  # the format follows the output file's name
    assert run("check", "--sources", str(src), "--text", str(draft), "-o", str(report))[0] == 0
    assert json.loads(report.read_text(encoding="utf-8"))["sentences"][0]["best"]["source"] == (
        "wire"  # named as the brief names it: no outlet, so the file's id, not its headline
    )
    assert run("check", "--sources", str(src))[0] == cli.EXIT_USAGE


def test_label_indices() -> None:
    assert label_indices({0: "ENTAILMENT", 1: "neutral", 2: "CONTRADICTION"}) == (0, 2)
    assert label_indices({"0": "LABEL_0", "1": "LABEL_1"}) == (1, None)
    with pytest.raises(StorydeskError):
        label_indices({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})


def test_transformers_verifier_with_tiny_random_bert(tmp_path: Path) -> None:
    pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from storydesk.verify.backends import TransformersVerifier

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *sorted(set(DOC.lower().split()))]
    (tmp_path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tok = transformers.BertTokenizer(str(tmp_path / "vocab.txt"))
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, num_labels=3,
        id2label={0: "entailment", 1: "neutral", 2: "contradiction"},
        label2id={"entailment": 0, "neutral": 1, "contradiction": 2},
    )  # fmt: skip
    transformers.BertForSequenceClassification(config).save_pretrained(tmp_path)
    tok.save_pretrained(tmp_path)
    v = TransformersVerifier(str(tmp_path))
    assert (v.entail, v.contra) == (0, 2)
    verdict = v.verify("The council approved the bridge. Engineers expect it in 2026.", DOC)
    assert verdict.label in ("supported", "contradicted", "unverified")
    assert 0 <= verdict.support <= 1 and 0 <= verdict.contradiction <= 1
    assert verdict.evidence and all(e in DOC for e in verdict.evidence)


class _Judge(BaseHTTPRequestHandler):
    answers: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        assert body["messages"][-1]["content"].startswith("DOCUMENT:")
        content = self.answers.pop(0)
        payload = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def judge() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Judge)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_openai_judge(judge: str) -> None:
    good = {
        "label": "supported", "support": 0.9, "contradiction": 0.05,
        "evidence": ["Engineers expect the bridge to open to traffic in 2026.", "made up"],
    }  # fmt: skip
    _Judge.answers = ["```json\n" + json.dumps(good) + "\n```", "I think it is true!"]
    v = OpenAIJudgeVerifier(judge, "tiny", timeout=5)
    first = v.verify("The bridge opens in 2026.", DOC)
    assert first.label == "supported" and first.support == 0.9
    assert first.evidence == ("Engineers expect the bridge to open to traffic in 2026.",)
    assert any("not in the document" in r for r in first.reasons)
    bad = v.verify("The bridge opens in 2026.", DOC)
    assert bad.label == "unverified" and "unreadable" in bad.reasons[0]


def test_openai_judge_unreachable_is_a_clear_error() -> None:
    with pytest.raises(StorydeskError, match="judge"):
        OpenAIJudgeVerifier("http://127.0.0.1:9", "m", timeout=2).verify("a", "b")


def test_cli_check_missing_model_is_an_input_error_not_a_traceback(
    run: Run, tmp_path: Path
) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"document": DOC, "claim": "A fire."}) + "\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    for flags, says in (
        (("--onnx-model", str(empty)), "not a model folder"),
        (("--model", str(tmp_path / "nowhere")), "no such model folder"),
    ):
        code, _, err = run("check", "--pairs", str(pairs), *flags)
        assert code == cli.EXIT_IO and says in err and "Traceback" not in err, err


def test_cli_check_verifier_choice(run: Run, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    bad = {"document": DOC, "claim": "Mayor Anna Lind said 41 people were injured in the fire."}
    pairs.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    for flags in ((), ("--no-model",)):
        code, out, _ = run("check", "--pairs", str(pairs), *flags)
        assert code == 0 and json.loads(out)["verdict"] == "contradicted", (flags, out)
    code, _, err = run("check", "--pairs", str(pairs), "--no-model", "--onnx-model", "x")
    assert code == cli.EXIT_USAGE and "alternatives" in err
    code, _, err = run("check", "--pairs", str(pairs), "--onnx-model", str(tmp_path))
    assert code != 0 and "lacks model.onnx" in err


def test_cli_check_contradiction_prior(run: Run, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    claim = {"document": DOC, "claim": "Officials have not said how the fire started."}
    pairs.write_text(json.dumps(claim) + "\n", encoding="utf-8")
    scores = []
    for prior in ("0.02", "0.1", "0.9"):
        code, out, _ = run("check", "--pairs", str(pairs), "--contradiction-prior", prior)
        assert code == 0
        scores.append(json.loads(out)["contradiction"])
    assert scores[0] < scores[1] < scores[2]  # the prior moves contradiction, in order
    for flags in (("--no-model",), ("--contradiction-prior", "1.5")):
        args = ("--contradiction-prior", "0.2", *flags) if flags[0] == "--no-model" else flags
        code, _, err = run("check", "--pairs", str(pairs), *args)
        assert code == cli.EXIT_USAGE and "--contradiction-prior" in err


def test_cli_check_text_refuses_html_output(run: Run, tmp_path: Path) -> None:
    source, draft = tmp_path / "s.txt", tmp_path / "d.md"
    source.write_text(DOC, encoding="utf-8")
    draft.write_text("A fire broke out at the harbour.\n", encoding="utf-8")
    page = tmp_path / "r.html"
    code, _, err = run("check", "--sources", str(source), "--text", str(draft), "-o", str(page))
    assert code == cli.EXIT_USAGE and "html" in err and not page.exists()


def test_cli_judge_model_needs_judge_url(run: Run, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"document": DOC, "claim": "A fire."}) + "\n", encoding="utf-8")
    code, _, err = run("check", "--pairs", str(pairs), "--judge-model", "tiny")
    assert code == cli.EXIT_USAGE and "--judge-url" in err
