"""A draft's quotations checked against the sources' (verify.draft_quotes, check --text)."""

from __future__ import annotations

from typing import Any

import pytest

from storydesk.model import Article, Verdict
from storydesk.nlp.models import spacy_pipeline
from storydesk.verify.check import SentenceCheck, check_text, checks_to_dict, to_markdown
from storydesk.verify.draft_quotes import DraftText, QuoteCheck, check_quotes
from storydesk.verify.quote_support import attribution_only, quote_backed
from storydesk.verify.verifier import FeatureVerifier

WIRE = Article(
    "wire",
    path="wire.txt",
    source="Harbour Wire",
    text="Imelda Rusk, the authority's chief executive, told reporters: \"We will not reopen the "
    'bridge until our engineers are certain it is safe, however long that takes." '
    "Nadia Ferrant, the engineer who led the inspection, said the crack was found early. "
    '"This is exactly what inspections are for," she said. Mayor Tobias Fenwright urged '
    "residents to leave their cars at home. The crack was found during a routine ultrasonic "
    "inspection of the bridge's underside.",
)
LEDGER = Article(
    "ledger",
    path="ledger.txt",
    source="The Ledger",
    text='"We will not reopen the bridge until our engineers are certain it is safe, however long '
    'that takes," Imelda Rusk said on Tuesday. Drivers are being sent through the tunnel.',
)
DIGEST = Article(
    "digest",
    path="digest.txt",
    source="Digest",
    text='Imelda Rusk told reporters: "We will reopen the bridge within weeks, once our engineers '
    'are certain it is safe." Ferries start on Wednesday.',
)
SOURCES = [WIRE, LEDGER, DIGEST]

DRAFT = (
    "# Draft\n\n"
    'Rusk said: "We will not reopen the bridge until our engineers are certain it is safe, '
    'however long that takes."\n'
    'Rusk said the authority would not reopen it "until our engineers are certain it is safe."\n'
    'Rusk told reporters: "We will reopen the bridge within weeks, once our engineers are '
    'certain it is safe."\n'
    '"This is exactly what inspections are for," Mayor Tobias Fenwright said.\n'
    'Ferrant said the beam "will need a complete rebuild before trucks can use it again."\n'
    "Ferries start on Wednesday, the Digest reported.\n"
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy_pipeline()


@pytest.fixture(scope="module")
def checks(nlp: Any) -> list[SentenceCheck]:
    return check_text(DRAFT, SOURCES, FeatureVerifier(), nlp)


def _only(check: SentenceCheck) -> QuoteCheck:
    assert len(check.quotes) == 1, check.quotes
    return check.quotes[0]


def test_quote_as_the_sources_print_it(checks: list[SentenceCheck]) -> None:
    q = _only(checks[0])
    assert q.relation == "verbatim"
    assert q.speaker == "Rusk"
    assert set(q.canonical_by) == {"wire", "ledger"}
    assert not any(s.verdict.reasons[0].startswith("quotation") for s in checks[0].contradicting)


def test_partial_quote_is_trimmed(checks: list[SentenceCheck]) -> None:
    q = _only(checks[1])
    assert q.relation == "trimmed"
    assert q.printed_by  # the outlets whose wording holds these words


def test_altered_quote_is_contradicted_by_the_outlets_that_print_the_original(
    checks: list[SentenceCheck],
) -> None:
    check = checks[2]
    q = _only(check)
    assert q.relation == "altered"
    assert "negation differs" in q.reason
    assert q.printed_by == ("digest",)  # the one outlet that printed it so: not the best-attested
    assert set(q.canonical_by) == {"wire", "ledger"}
    assert q.canonical is not None and q.canonical.startswith("We will not reopen")
    against = {s.article for s in check.contradicting if s.verdict.explained}
    assert {"wire", "ledger"} <= against
    wire = next(s for s in check.contradicting if s.article == "wire")
    assert wire.verdict.reasons[0].startswith("quotation altered")
    assert check.label in ("disputed", "contradicted")


def test_words_credited_to_the_wrong_person_are_misattributed(
    checks: list[SentenceCheck],
) -> None:
    check = checks[3]
    q = _only(check)
    assert q.relation == "misattributed"
    assert q.credited == "Ferrant" and q.speaker == "Fenwright"
    assert "Nadia Ferrant" in q.reason
    assert check.label == "contradicted"
    (wire,) = [s for s in check.contradicting if s.article == "wire"]
    assert wire.verdict.explained


def test_quote_no_source_prints_is_unattested(checks: list[SentenceCheck]) -> None:
    q = _only(checks[4])
    assert q.relation == "unattested"
    assert q.canonical is None and q.printed_by == ()


def test_sentence_without_quotation_has_no_quote_checks(checks: list[SentenceCheck]) -> None:
    assert checks[5].quotes == ()


def test_reporters_words_in_quotation_marks_are_unquoted(nlp: Any) -> None:
    draft = DraftText.of(
        [
            'Ferrant said the crack was found "during a routine ultrasonic inspection of the '
            "bridge's underside.\""
        ]
    )
    (q,) = check_quotes(draft, SOURCES, nlp)
    assert q.relation == "unquoted"
    assert q.printed_by == ("wire",)


def test_draft_without_quotations_parses_no_source() -> None:
    draft = DraftText.of(["Ferries start on Wednesday.", 'A "pun" is not a quotation.'])
    assert check_quotes(draft, SOURCES, nlp=None) == []  # nlp unused: nothing to look up


def test_quotation_over_two_sentences_belongs_to_both() -> None:
    text = DraftText.of(['"We found it early.', 'The rest is sound," she said.'])
    start = text.text.index("We")
    end = text.text.index(',"')
    assert text.sentences_of(start, end) == [0, 1]
    assert text.sentences_of(0, 3) == [0]


def test_outputs_carry_the_quote_checks(checks: list[SentenceCheck]) -> None:
    out = checks_to_dict(checks)
    assert out["quote_counts"]["altered"] == 1 and out["quote_counts"]["misattributed"] == 1
    assert sum(out["quote_counts"].values()) == 5
    row = out["sentences"][2]
    (quote,) = row["quotes"]
    assert quote["relation"] == "altered"
    assert quote["canonical_by"] == ["ledger", "wire"]
    assert ["-", "not"] in quote["diff"]  # canonical -> draft: the draft drops "not"
    md = to_markdown(checks, {a.id: a.source or a.id for a in SOURCES})
    assert "altered, negation differs" in md
    assert "the sources print: \u201cWe will not reopen" in md
    assert "the draft's wording is printed by: Digest" in md


def test_example_draft_quotations(nlp: Any) -> None:
    from pathlib import Path

    from storydesk.api import extract

    example = Path(__file__).resolve().parents[1] / "examples" / "marrowport-bridge"
    articles, _ = extract(example / "articles")
    draft = (example / "draft.md").read_text(encoding="utf-8")
    checks = check_text(draft, articles, FeatureVerifier(), nlp)
    relations = [q.relation for c in checks for q in c.quotes]
    assert relations == ["verbatim", "altered", "edited", "misattributed", "unattested"]
    altered = next(c for c in checks if any(q.relation == "altered" for q in c.quotes))
    assert {s.article for s in altered.contradicting if s.verdict.explained} >= {
        "01_harbour_wire",
        "02_marrowport_ledger",
    }
    traffic = checks[-1]
    assert {"01_harbour_wire", "02_marrowport_ledger"} <= set(traffic.supported_by)
    assert traffic.independent is not None and traffic.independent < len(traffic.supported_by)


# ------------------------------------------------------------- sentences that only quote someone


def test_a_quote_sentence_is_backed_by_the_outlets_that_print_the_quotation(
    checks: list[SentenceCheck],
) -> None:
    check = checks[0]  # 'Rusk said: "We will not reopen ..."', as the wire and the Ledger print it
    assert check.label in ("supported", "disputed")
    assert set(check.supported_by) == {"wire", "ledger"}
    assert check.best is not None and check.best.verdict.support == 1.0
    assert check.best.verdict.reasons[0] == (
        "prints this quotation word for word, credited to Imelda Rusk"
    )


def test_a_quote_sentence_is_not_backed_by_an_outlet_that_does_not_print_it(nlp: Any) -> None:
    paraphrase = Article(
        "para",
        path="para.txt",
        source="Para",
        text="Nadia Ferrant said that finding such cracks is exactly what inspections are for.",
    )
    draft = 'Nadia Ferrant said: "This is exactly what inspections are for."'
    (check,) = check_text(draft, [WIRE, paraphrase], FeatureVerifier(), nlp)
    assert check.supported_by == ("wire",)
    assert check.best is not None and check.best.article == "wire"
    assert check.label == "supported"


def test_invented_quotation_is_unverified_even_when_a_source_says_as_much(nlp: Any) -> None:
    source = Article(
        "s",
        path="s.txt",
        source="S",
        text="Mayor Tobias Fenwright said the city would keep traffic moving whatever it costs.",
    )
    draft = 'Mayor Tobias Fenwright said: "We will keep traffic moving whatever it costs."'
    (check,) = check_text(draft, [source], FeatureVerifier(), nlp)
    assert check.quotes[0].relation in ("unquoted", "unattested")
    assert check.label == "unverified"
    assert check.supported_by == ()


def test_only_attribution_outside_the_quotation_marks() -> None:
    q = QuoteCheck("We will not reopen the bridge", 0, 0, "Rusk", "verbatim", "",
                   credited="Imelda Rusk", written="Imelda Rusk")  # fmt: skip
    assert attribution_only('Imelda Rusk said: "We will not reopen the bridge."', [q])
    assert attribution_only('"We will not reopen the bridge," the chief executive said.', [q])
    assert attribution_only('Rusk told reporters: "We will not reopen the bridge."', [q])
    assert not attribution_only('Rusk told CNN: "We will not reopen the bridge."', [q])
    assert not attribution_only('On Tuesday Rusk said: "We will not reopen the bridge."', [q])
    # the speaker's role between commas describes who speaks; a clause there says more
    role = (
        'Imelda Rusk, the authority\'s regional organiser, said: "We will not reopen the bridge."'
    )
    assert attribution_only(role, [q])
    assert not attribution_only(role.replace("the authority's regional organiser", "who quit"), [q])
    # the quotation runs on into the next sentence: this one does not hold all of it
    assert not attribution_only('Rusk said: "We will not reopen', [q])


def test_quote_backed_reads_each_source_by_what_it_prints() -> None:
    q = QuoteCheck("We will not reopen the bridge", 0, 0, "Rusk", "verbatim", "",
                   credited="Imelda Rusk", printed_by=("a",), canonical_by=("a",),
                   written="Imelda Rusk", quoted_by=("a", "b"))  # fmt: skip
    yes = Verdict("supported", 0.7, 0.1, ("...",), ("model",))
    low = Verdict("unverified", 0.1, 0.1, ("...",), ("model",))
    sentence = 'Imelda Rusk said: "We will not reopen the bridge."'
    a, b, c = quote_backed(sentence, [("a", low), ("b", yes), ("c", yes)], [q])
    assert a.label == "supported" and a.support == 1.0  # prints it, credited to her
    assert b == yes  # prints it in other words: the model's reading stands
    assert c.label == "unverified" and c.reasons[0] == "does not print this quotation"
    # More than who said it: the model's verdicts stand for every source.
    more = 'On Tuesday Imelda Rusk said: "We will not reopen the bridge."'
    assert quote_backed(more, [("a", low), ("c", yes)], [q]) == [low, yes]
    # Credited to a description the draft's speaker may not be: not raised to supported.
    other = QuoteCheck(q.text, 0, 0, "Rusk", "verbatim", "", credited="court document",
                       printed_by=("a",), quoted_by=("a",))  # fmt: skip
    assert quote_backed(sentence, [("a", low)], [other]) == [low]
    # Misattributed: no source is raised, and one that prints it in no wording backs nothing
    # (check.py makes those that print it contradict the sentence).
    wrong = QuoteCheck(q.text, 0, 0, "Fenwright", "misattributed", "", credited="Imelda Rusk",
                       written="Tobias Fenwright",
                       canonical_by=("a",), quoted_by=("a",))  # fmt: skip
    said = 'Tobias Fenwright said: "We will not reopen the bridge."'
    a, c = quote_backed(said, [("a", yes), ("c", yes)], [wrong])
    assert a == yes
    assert c.label == "unverified" and c.reasons[0] == "does not print this quotation"


def test_markdown_report_escapes_draft_and_source_text(nlp: Any) -> None:
    draft = 'Rusk said the <b>bridge</b> will "stay shut <script>x()</script>".'
    evil = Article("x", path="x.txt", source="Outlet <script>alert(1)</script>", text=draft)
    md = to_markdown(check_text(draft, [evil], FeatureVerifier(), nlp), {"x": evil.source or ""})
    assert "<script>" not in md and "<b>" not in md
    assert r"\<script\>" in md


def test_quotation_interrupted_by_its_attribution_is_backed_by_the_whole(nlp: Any) -> None:
    draft = (
        '"We will not reopen the bridge," Imelda Rusk told reporters, "until our engineers are '
        'certain it is safe, however long that takes."'
    )
    (check,) = check_text(draft, [LEDGER], FeatureVerifier(), nlp)
    (q,) = check.quotes
    assert q.relation == "verbatim"
    assert q.pieces == (
        "We will not reopen the bridge",
        "until our engineers are certain it is safe, however long that takes.",
    )
    assert check.label == "supported"
    assert check.supported_by == ("ledger",)
    assert attribution_only(draft, [q])
    # Words outside both pieces are still a claim of their own.
    assert not attribution_only(draft.replace("told reporters", "told CNN"), [q])


def test_pieces_the_sources_do_not_print_as_one_quotation_answer_for_themselves(nlp: Any) -> None:
    draft = (
        '"Drivers are being sent through the tunnel," Imelda Rusk said, "until our engineers are '
        'certain it is safe."'
    )
    (check,) = check_text(draft, [LEDGER], FeatureVerifier(), nlp)
    assert [(q.relation, q.text) for q in check.quotes] == [
        ("unquoted", "Drivers are being sent through the tunnel"),
        ("trimmed", "until our engineers are certain it is safe."),
    ]
    assert check.label != "supported"


def test_sources_that_credit_the_words_to_someone_else_contradict_the_draft(nlp: Any) -> None:
    words = "All thirty men are alive and unhurt after two days underground"
    north = Article("north", "north.txt", text=f'"{words}," mine manager Oskar Brandt said.')
    courant = Article(
        "courant", "courant.txt", text=f'"{words}," said regional governor Marta Szabo.'
    )
    draft = f'"{words}," said Marta Szabo.'
    (check,) = check_text(draft, [north, courant], FeatureVerifier(), nlp)
    (q,) = check.quotes
    assert q.relation == "verbatim"
    assert q.elsewhere == (("Oskar Brandt", ("north",)),)
    assert check.supported_by == ("courant",)
    assert [s.article for s in check.contradicting] == ["north"]
    assert check.label == "disputed"
    assert "credited to Oskar Brandt by: north" in to_markdown([check])


def test_a_changed_sentence_of_a_longer_quotation_is_altered_in_every_outlet(nlp: Any) -> None:
    # The wire prints two sentences as one quotation, the gazette the second alone; the draft
    # flips the second. It lines up with that sentence, not with the whole wire quotation.
    wire = Article(
        "wire",
        path="wire.txt",
        source="Valley Wire",
        text='"We failed our customers this week," the director, Aline Marsh, told reporters. '
        '"Our backup generator started, but the dosing pump did not restart with it, and nobody '
        'noticed until the morning shift."',
    )
    gazette = Article(
        "gazette",
        path="gazette.txt",
        source="Greyhollow Gazette",
        text="Board director Aline Marsh said a power cut had stopped a chlorine pump. "
        '"Our backup generator started, but the dosing pump did not restart with it," she said.',
    )
    draft = (
        '"Our backup generator did not start, and the dosing pump did not restart with it," '
        "Marsh said."
    )
    (check,) = check_text(draft, [wire, gazette], FeatureVerifier(), nlp)
    q = _only(check)
    assert q.relation == "altered" and "negation differs" in q.reason
    assert set(q.against) == {"wire", "gazette"}
    assert check.label == "contradicted"
    assert {s.article for s in check.contradicting} == {"wire", "gazette"}


def test_a_word_put_for_one_of_another_meaning_alters_the_quotation(nlp: Any) -> None:
    wire = Article(
        "wire",
        path="wire.txt",
        source="Harbour Wire",
        text='"We are looking at every option, including a review of the lease, but we will not '
        'prejudge the inquiry," councillor Ada Brel said.',
    )
    draft = (
        '"We are looking at every option, including ending the lease, but we will not prejudge '
        'the inquiry," Brel said.\n'
        '"We are looking at all the options, including a review of the lease, but we will not '
        'prejudge the inquiry," Brel said.\n'
        '"We are looking at every choice, including a review of the lease, but we will not '
        'prejudge the inquiry," Brel said.'
    )
    swapped, added, synonym = check_text(draft, [wire], FeatureVerifier(), nlp)
    q = _only(swapped)
    assert q.relation == "altered" and "'ending' for 'a review of'" in q.reason
    assert swapped.label == "contradicted"
    # A word added, or a synonym put for a word, keeps the meaning: edited.
    assert _only(added).relation == "edited"
    assert _only(synonym).relation == "edited"
