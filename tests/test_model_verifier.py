"""The packaged cross-encoder (onnxruntime, no torch) and ModelVerifier, its combined verifier.

These run on the real packaged model: it is small (int8) and loads in about a second, and a
verifier test on a stand-in would say nothing about what users get.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from storydesk.errors import OptionsError, StorydeskError
from storydesk.model import Dispute, Fact, Mention, Side
from storydesk.nlp.models import ParseMemo, spacy_pipeline
from storydesk.nlp.sentences import split_sentences
from storydesk.options import Options
from storydesk.verify.aliases import as_window_aliases, names_in
from storydesk.verify.context import with_claims_name
from storydesk.verify.crossencoder import CrossEncoder, packaged_model
from storydesk.verify.fit import fit_signed
from storydesk.verify.metonymy import as_window_states
from storydesk.verify.model_disputes import model_disputes
from storydesk.verify.model_verifier import COMBINER_FEATURES, ModelVerifier, prior_shifted
from storydesk.verify.verifier import Logistic, Weights, judge, load_weights

DOC = (
    "The Marrowport City Council approved the new harbour bridge on Tuesday. "
    "Mayor Anna Lind said 14 people were injured in the fire at the port. "
    "The council will not raise local taxes this year to pay for the repairs. "
    "Engineers expect the bridge to open to traffic in 2026."
)


@pytest.fixture(scope="module")
def model() -> CrossEncoder:
    return CrossEncoder()


@pytest.fixture(scope="module")
def verifier(model: CrossEncoder) -> ModelVerifier:
    return ModelVerifier(model)


def test_packaged_model_is_complete_and_small() -> None:
    folder = packaged_model()
    names = {p.name for p in folder.iterdir()}
    assert {"model.onnx", "tokenizer.json", "verifier.json", "combiner.json"} <= names
    assert "MODEL_CARD.md" in names
    assert (folder / "model.onnx").stat().st_size < 30e6
    card = (folder / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "licence" in card.lower() and "FactCC" in card


def test_probabilities_are_distributions_and_do_not_depend_on_neighbours(
    model: CrossEncoder,
) -> None:
    pairs = [
        ("The council approved the bridge.", "The Marrowport City Council approved the bridge."),
        ("The council rejected the bridge.", "The Marrowport City Council approved the bridge."),
        ("Cats sleep.", "Engineers expect the bridge to open to traffic in 2026 after repairs."),
    ]
    together = model.probabilities(pairs)
    assert together.shape == (3, 3)
    assert np.allclose(together.sum(axis=1), 1.0, atol=1e-6)
    alone = np.vstack([model.probabilities([p]) for p in pairs])
    # Dynamic int8 scales activations per tensor: a padded batch would let neighbours move a
    # pair's scores, so a pair's answer must not depend on what else is scored with it.
    assert np.allclose(together, alone, atol=1e-9)
    assert model.probabilities([]).shape == (0, 3)


def test_a_claim_longer_than_the_model_reads_is_trimmed_not_an_error(
    model: CrossEncoder, verifier: ModelVerifier
) -> None:
    long_claim = "The council said " + ", ".join(f"item {i} was approved" for i in range(80)) + "."
    probs = model.probabilities([(long_claim, "The council approved the bridge.")])
    assert probs.shape == (1, 3) and abs(float(probs.sum()) - 1.0) < 1e-6
    assert verifier.verify(long_claim, DOC).label in ("supported", "unverified", "contradicted")


PLAN = (
    "The city council met on Monday. After a long debate, the Council voted to approve the "
    "Kestrel bridge plan, which will cost 40 million euros. Residents welcomed the decision."
)


@pytest.mark.parametrize(
    ("claim", "label"),
    [
        ("The Council voted to approve the Kestrel bridge plan.", "supported"),
        # One word flipped to its opposite (recipe 2026.1; minilm-nli-v1 read it as entailment).
        ("The Council voted to reject the Kestrel bridge plan.", "contradicted"),
        # A detail the document never gives: not supported, and no conflict either.
        ("On Thursday, the Council voted to approve the Kestrel bridge plan.", "unverified"),
    ],
)
def test_antonyms_and_added_details(verifier: ModelVerifier, claim: str, label: str) -> None:
    assert verifier.verify(claim, PLAN).label == label


def test_reversed_roles_are_contradicted_with_the_reason(verifier: ModelVerifier) -> None:
    # The model alone reads the swap as a paraphrase (entailment 0.98): every word is there.
    document = (
        "The campaign began its advertising on Monday. The Future45 group has been hitting "
        "Senator Clinton with ads in Iowa and New Hampshire recently. Both sides expect more."
    )
    claim = "Senator Clinton has been hitting the Future45 group with ads in Iowa recently."
    verdict = verifier.verify(claim, document)
    assert verdict.label == "contradicted"
    assert any(r.startswith("reversed roles for 'hit'") for r in verdict.reasons)
    assert verdict.evidence[0].startswith("The Future45 group has been hitting")


def test_a_name_swapped_for_another_of_the_document_is_contradicted(
    verifier: ModelVerifier,
) -> None:
    # Both names are in the document, so the names feature finds nothing amiss, and the model
    # alone calls the claim supported (entailment 0.63, support 0.39 over the threshold).
    document = (
        "The talks resumed in Geneva on Monday. Turkey on Wednesday will announce a series of "
        "new steps it will take against the recent attacks by Syria on Turkish soldiers in the "
        "northwest, officials said. Greece has called for calm."
    )
    claim = document.split(". ")[1].replace("by Syria", "by Greece") + "."
    verdict = verifier.verify(claim, document)
    assert verdict.label == "contradicted"
    assert "different name: the claim says Greece, the document says Syria" in verdict.reasons


def test_a_capital_for_its_country_as_the_doer_is_supported(verifier: ModelVerifier) -> None:
    # Read as written, the model calls "Washington" against "The United States" a contradiction
    # (0.96), and the actor check called the two different actors.
    document = (
        "The talks in Geneva ended without agreement on Monday. The United States imposed new "
        "sanctions on Iran on Tuesday, targeting its oil exports. European governments said they "
        "would study the measures."
    )
    claim = "Washington imposed new sanctions on Iran on Tuesday, targeting its oil exports."
    assert verifier.verify(claim, document).label == "supported"
    other = verifier.verify(claim.replace("Washington", "Ottawa"), document)
    assert other.label == "contradicted"


def test_as_window_aliases(model: CrossEncoder) -> None:
    window = "The AP quotes a local policeman as saying the British troops were targeted."
    claim = "Associated Press quotes a local policeman as saying the British troops were targeted."
    read = as_window_aliases(claim, window)
    assert read == window
    con = model.labels.index("contradiction")
    before, after = model.probabilities([(claim, window), (read, window)])[:, con]
    assert before > 0.5 > after  # 0.54 and 0.01 when written
    assert as_window_aliases("The largest U.S. lender.", "The largest US lender.") == (
        "The largest US lender.")  # fmt: skip
    assert as_window_aliases("Britain said so.", "The UK said so.") == "The UK said so."
    assert as_window_aliases("The United States said so.", "The U.S. said so.") == (
        "The U.S. said so.")  # fmt: skip
    # A case difference alone is not another form of one name; another name is not either.
    assert as_window_aliases("The IT staff left.", "It left.") == "The IT staff left."
    assert as_window_aliases("Washington said so.", "The U.S. said so.") == "Washington said so."
    # A full stop is not part of the name it follows.
    assert as_window_aliases("The US and the UK said so.", "It borders the USA.") == (
        "The USA and the UK said so.")  # fmt: skip
    assert as_window_aliases("Covid-19 cases rose.", "Cases of COVID-19.") == "Covid-19 cases rose."


def test_name_readings_stay_cheap_on_title_case_text() -> None:
    # Every run of capitalised words yields its shorter runs; unbounded, two title-case
    # headlines gave hundreds of names each and took 1-2 s a pair. Counted, not timed.
    headline = " ".join(f"Word{i}" for i in range(40))
    assert len(names_in(headline)) == 40 + 39 + 38 + 37
    assert as_window_aliases(headline, headline.replace("Word3", "Other")) == headline


def test_as_window_states() -> None:
    nlp = ParseMemo(spacy_pipeline())
    cases = [
        ("The Kremlin denied it.", "Russia denied it.", "Russia denied it."),
        ("The Kremlin's spokesman denied it.", "Russia's spokesman denied it.",
         "Russia's spokesman denied it."),
        ("Washington imposed sanctions.", "The United States imposed sanctions.",
         "The United States imposed sanctions."),
        ("Mexico City kept its cool.", "Mexico kept its cool.", "Mexico kept its cool."),
        ("Washington imposed sanctions.", "The U.S. imposed sanctions.",
         "The U.S. imposed sanctions."),
        # Not a doer: "in Beijing" says more than "in China", and stays.
        ("The summit was held in Beijing.", "The summit was held in China.",
         "The summit was held in Beijing."),
        # The window names the claim's own doer: nothing to rewrite.
        ("Beijing warned NATO.", "Beijing and China's navy warned NATO.", "Beijing warned NATO."),
    ]  # fmt: skip
    got = as_window_states([(c, w) for c, w, _ in cases], nlp)
    assert got == [want for _, _, want in cases]


EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "marrowport-bridge" / "articles"


def test_a_full_name_is_read_as_the_windows_surname(verifier: ModelVerifier) -> None:
    # The wire names "Imelda Rusk" once; the sentence that says this writes "Rusk". Read with
    # the full name, v8 calls the claim contradicted (0.83).
    wire = (EXAMPLE / "01_harbour_wire.txt").read_text(encoding="utf-8")
    v = verifier.verify("Imelda Rusk said no date had been set for reopening.", wire)
    assert v.label == "supported", v


BRIDGE = (
    "The port authority closed the Kestrel Narrows Bridge on Tuesday after engineers found a "
    "crack in a steel beam under its main span. Drivers are being sent through the Greywater "
    "Tunnel, a detour that adds about 25 minutes at peak times. Imelda Rusk, the authority's "
    "chief executive, spoke to reporters at its offices on Quay Street. She said no date had been "
    "set for reopening. The city will run free shuttle ferries between Quay Street and Hollin "
    "Point from Wednesday, with a boat every 15 minutes. Shipping agents said vessels were still "
    "being unloaded on Tuesday, but trucks were queuing at the terminal gates. The bridge, which "
    "opened in 1968, was last closed for a full week in 2019, when its road deck was resurfaced."
)


def test_an_evidence_pronoun_is_read_as_the_person_named_before(verifier: ModelVerifier) -> None:
    # Against "She said no date had been set for reopening." as written, v8 calls a claim that
    # names Rusk a contradiction (0.97).
    for claim in ("Rusk said no date had been set for reopening.",
                  "Imelda Rusk said no date had been set for reopening."):  # fmt: skip
        v = verifier.verify(claim, BRIDGE)
        assert v.label == "supported", (claim, v)
        assert v.evidence[0] == "She said no date had been set for reopening."  # as written


def test_resolved_window() -> None:
    from storydesk.nlp.models import spacy_pipeline
    from storydesk.nlp.sentences import split_sentences
    from storydesk.verify.pronouns import resolved_window

    nlp, sents = spacy_pipeline(), split_sentences(BRIDGE)
    window = "She said no date had been set for reopening."
    said = "no date had been set for reopening."
    assert resolved_window(window, sents, nlp, "Rusk said " + said) == "Rusk said " + said
    assert resolved_window(window, sents, nlp, "rusk said " + said) == "Rusk said " + said
    full = "Imelda Rusk said " + said
    assert resolved_window(window, sents, nlp, full) == full
    # Left as written: the claim says "she" too, or names someone else.
    assert resolved_window(window, sents, nlp, "She said " + said) == window
    assert resolved_window(window, sents, nlp, "Fenwright said " + said) == window


def test_a_quoted_pronoun_is_not_its_speaker() -> None:
    from storydesk.nlp.models import spacy_pipeline
    from storydesk.verify.pronouns import resolved_window

    nlp = spacy_pipeline()
    before = "Imelda Rusk said later that he was back at work."
    window = '"He was struggling before, and he is a fighter," Rusk said.'
    # Rusk would say "I": the quoted "he" is someone else, and stays as written ...
    assert resolved_window(window, [before, window], nlp, "Rusk was struggling.") == window
    # ... while a quoted pronoun for someone other than the speaker is resolved.
    before = "Imelda Rusk chairs the authority."
    window = '"She will decide," Ferrant said.'
    out = resolved_window(window, [before, window], nlp, "Rusk will decide.")
    assert out == '"Rusk will decide," Ferrant said.'


def test_as_claim_pronouns() -> None:
    from storydesk.nlp.models import spacy_pipeline
    from storydesk.verify.pronouns import as_claim_pronouns

    window = "But Imelda Rusk recovered her composure before the questions began."
    pairs = [
        ("She recovered her composure.", window),
        ("but she recovered her composure.", window),
        # Left as written: the claim's "she" belongs to a name it gives, its verb differs, the
        # window's subject is a pronoun or no name, or the claim says no "he"/"she".
        ("Rusk said she recovered her composure.", window),
        ("She lost her composure.", window),
        ("She recovered her composure.", "But he recovered his composure."),
        ("She recovered her composure.", "But the crowd recovered its composure."),
        ("Rusk recovered her composure.", window),
    ]
    out = as_claim_pronouns(pairs, spacy_pipeline())
    assert out[:2] == ["But she recovered her composure before the questions began."] * 2
    assert out[2:] == [w for _, w in pairs[2:]]


@pytest.mark.parametrize(
    ("claim", "window", "read"),
    [
        # An object, the object of a preposition, the subject of a clause, a group.
        ("The council appointed her to the board.",
         "The council appointed Imelda Rusk to the board.",
         "The council appointed her to the board."),
        ("Ferrant wrote to him on Monday.", "Ferrant wrote to Mayor Tobias Fenwright on Monday.",
         "Ferrant wrote to him on Monday."),
        ("Traffic stopped as he spoke.", "Traffic stopped as Fenwright spoke.",
         "Traffic stopped as he spoke."),
        ("They voted against the levy.", "The Greens voted against the levy.",
         "They voted against the levy."),
        # Left as written: the claim's own name binds its pronoun, or the claim names the
        # person later; the pronoun before it may be the same one; the window's phrase describes
        # as well as names; "her" is a possessive; "they" meets a person.
        ("Rusk said he was innocent.", "Rusk said Fenwright was innocent.", None),
        ("He said he was innocent.", "Rusk said Fenwright was innocent.",
         "He said Fenwright was innocent."),
        ("If Rusk can close a bridge, he said, then he can close a road.",
         "If Fenwright can close a bridge, he said, then he can close a road.", None),
        ("As he sat down, Fenwright smiled.", "As Fenwright sat down, Fenwright smiled.", None),
        ("He spoke first.", "The port's chief executive Imelda Rusk spoke first.", None),
        ("The council praised her work.", "The council praised Imelda Rusk.", None),
        ("They voted against the levy.", "Imelda Rusk voted against the levy.", None),
    ],
)  # fmt: skip
def test_as_claim_pronouns_in_any_role(claim: str, window: str, read: str | None) -> None:
    from storydesk.nlp.models import spacy_pipeline
    from storydesk.verify.pronouns import as_claim_pronouns

    assert as_claim_pronouns([(claim, window)], spacy_pipeline()) == [read or window]


def test_as_claim_pronouns_reads_a_name_tagged_as_a_noun() -> None:
    from storydesk.nlp.models import spacy_pipeline
    from storydesk.verify.pronouns import as_claim_pronouns

    # spaCy's small model tags this sentence-initial "Fenwright" a common noun.
    window = "Fenwright is being treated at the Harbour Hospital, said Ferrant."
    pair = [("He is being treated at the Harbour Hospital.", window)]
    named = "Police said. Mayor Tobias Fenwright was hurt. A car hit Fenwright's bicycle. " + window
    out = as_claim_pronouns(pair, spacy_pipeline(), named)
    assert out == ["He is being treated at the Harbour Hospital, said Ferrant."]
    # Without a capitalised "Fenwright" after a lower-case word, it may be a common noun; so
    # it is when the document also writes it in lower case.
    assert as_claim_pronouns(pair, spacy_pipeline(), window) == [window]
    assert as_claim_pronouns(pair, spacy_pipeline(), named + " A fenwright is a tool.") == [window]
    # A lower-case title goes with the name it stands before; a possessive describes.
    titled = "Chief executive Maria Brandt said the site was chosen for its rail links."
    pair = [("She said the site was chosen for its rail links.", titled)]
    doc = "Hartwell Motors will build a plant. " + titled
    assert as_claim_pronouns(pair, spacy_pipeline(), doc) == [pair[0][0]]
    owned = "The firm's chief executive Maria Brandt said the site was chosen for its rail links."
    assert as_claim_pronouns([(pair[0][0], owned)], spacy_pipeline(), doc + owned) == [owned]


def test_a_claims_pronoun_meets_the_windows_name(verifier: ModelVerifier) -> None:
    # Read as written ("Ferrant was treated ..."), v8 calls the claim contradicted (0.86).
    doc = (
        "Rescuers reached the village on Monday. Ferrant was treated at the city hospital for a "
        "broken arm, officials said."
    )
    v = verifier.verify("She was treated at the city hospital for a broken arm.", doc)
    assert v.label == "supported", v


@pytest.mark.parametrize(
    ("claim", "window", "expected"),
    [
        ("Imelda Rusk said so.", "Rusk said so.", "Rusk said so."),
        ("Chief Executive Imelda Rusk said so.", "Rusk said so.", "Chief Executive Rusk said so."),
        ("Martin Rusk said so.", "Rusk said so.", "Martin Rusk said so."),  # not in the document
        ("Imelda Rusk said so.", "Imelda Rusk said so.", "Imelda Rusk said so."),
        ("Imelda Rusk met Nadia Ferrant.", "Rusk met Ferrant.", "Rusk met Ferrant."),
        # A first name the document never contradicts: "Mr Halden" is this Ken Halden.
        ("Ken Halden said so.", "Mr Halden said so.", "Halden said so."),
        ("Ken Rusk said so.", "Mr Rusk said so.", "Ken Rusk said so."),  # it says Imelda Rusk
    ],
)
def test_as_window_names(claim: str, window: str, expected: str) -> None:
    from storydesk.verify.names import as_window_names

    document = "Imelda Rusk and engineer Nadia Ferrant spoke. " + window
    assert as_window_names(claim, window, document) == expected


def test_a_surname_two_people_share_is_not_shortened() -> None:
    from storydesk.verify.names import as_window_names

    document = (
        "Samuel Okafor testified against his brother, former senator Daniel Okafor. "
        "Okafor was convicted of bribery."
    )
    window = "Okafor was convicted of bribery."
    claim = "Samuel Okafor was convicted of bribery."
    assert as_window_names(claim, window, document) == claim  # the window's Okafor is Daniel


def test_without_added_roles() -> None:
    from storydesk.nlp.models import spacy_pipeline
    from storydesk.verify.names import without_added_roles

    window = 'Mr Halden said: "Our results are very encouraging."'
    pairs = [
        ('"Our results are very encouraging," Marrowport University researcher Ken Halden said.',
         window),
        ("Ken Halden, a researcher at Marrowport University, said the results were encouraging.",
         window),
        # Kept: the window gives the role too, or does not name the person at all.
        ("Researcher Ken Halden said the results were encouraging.",
         "Researcher Halden said the results were encouraging."),
        ("Marrowport University researcher Ken Halden said so.", "The university said so."),
        # A plural possessive's apostrophe is not part of the word the window must give.
        ("Harbour Pilots' captain Ken Halden said so.",
         "Harbour Pilots' captain Ken Halden said so on Monday."),
    ]  # fmt: skip
    out = without_added_roles(pairs, spacy_pipeline())
    assert out[0] == '"Our results are very encouraging," Ken Halden said.'
    assert out[1] == "Ken Halden said the results were encouraging."
    assert out[2:] == [c for c, _ in pairs[2:]]


def test_an_added_role_is_not_a_contradiction(verifier: ModelVerifier) -> None:
    # With the role and the first name, v8 reads this against the window as a contradiction
    # (0.71): the claim comes out unverified.
    claim = (
        "Harbour police spokesman Chris Saunders said the man told them he was frustrated by the "
        "ferry company's response."
    )
    window = (
        "According to Saunders, the driver said he was frustrated by the ferry company's response."
    )
    v = verifier.verify(claim, window)
    assert v.label == "supported", v
    assert any("Chris Saunders" in r for r in v.reasons)  # the coverage feature still reads it


QUESTION_DOC = (
    "The Kestrel Narrows Bridge has been closed since Tuesday, when inspectors found a crack in a "
    "steel beam under the main span. The port authority says repairs will take months and has not "
    "yet named a contractor for the work. Traders at the container terminal are counting the "
    "cost of the detour, which adds an hour to every delivery. Can the authority sue the "
    "contractor that built the bridge for the lost revenue? Lawyers for the contractor declined "
    "to comment on Wednesday. The authority's board meets next week to discuss the repairs, the "
    "budget and the timetable for reopening. Commuters have been told to use the ring road or "
    "the ferry until further notice."
)
ASKED = "Can the authority sue the contractor that built the bridge for the lost revenue?"


def test_a_question_in_the_document_does_not_support_a_statement(
    verifier: ModelVerifier,
) -> None:
    stated = verifier.verify(
        "The authority can sue the contractor that built the bridge for the lost revenue.",
        QUESTION_DOC,
    )
    assert stated.label != "supported", stated  # before the question rule: supported, 0.84
    assert ASKED not in stated.evidence
    # A question is still matched with the question it repeats.
    asked = verifier.verify("Can the authority sue the contractor?", QUESTION_DOC)
    assert asked.evidence == (ASKED,)


def test_a_short_documents_evidence_is_its_closest_sentences(verifier: ModelVerifier) -> None:
    # Under 600 characters a document is one window, whole; its first four sentences used to be
    # all the structured checks saw, and the evidence shown was one of them.
    doc = (
        "The Kestrel Narrows Bridge has been closed since Tuesday, when inspectors found a crack "
        "in a steel beam. The port authority says repairs will take months. Traders at the "
        "container terminal are counting the cost. The authority's board meets next week. "
        "Lawyers for the contractor declined to comment on Wednesday. The ferry will run every "
        "hour."
    )
    said = "Lawyers for the contractor declined to comment on Wednesday."
    v = verifier.verify("Lawyers for the contractor declined to comment.", doc)
    assert v.evidence == (said,)
    v = verifier.verify("Lawyers for the contractor commented on Thursday.", doc)
    assert v.label == "contradicted" and v.evidence == (said,)
    assert any("Thursday" in r and "Wednesday" in r for r in v.reasons), v.reasons


def test_contradiction_prior_moves_the_intercept_only(verifier: ModelVerifier) -> None:
    w = verifier.weights
    base = float(w.meta["contradiction_base_rate"])
    assert 0.2 < base < 0.45  # the recipe builds about a third contradictions
    as_fit = prior_shifted(load_weights(verifier.model.folder / "combiner.json",
                                        COMBINER_FEATURES), None)  # fmt: skip
    x = [0.0] * len(COMBINER_FEATURES)
    assert as_fit.contradiction.weights == w.contradiction.weights
    assert w.contradiction(x) < as_fit.contradiction(x)  # 0.1 is below the fit data's rate
    same = prior_shifted(as_fit, base)
    assert same.contradiction.bias == pytest.approx(as_fit.contradiction.bias)
    with pytest.raises(ValueError):
        prior_shifted(as_fit, 1.0)


def test_model_tells_entailment_from_contradiction(model: CrossEncoder) -> None:
    e = model.score("The council approved the harbour bridge.", DOC)
    c = model.score("The council rejected the harbour bridge.", DOC)
    assert e["entailment"] > e["contradiction"]
    assert c["contradiction"] > e["contradiction"]


def test_a_folder_without_a_model_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "verifier.json").write_text(json.dumps({"labels": ["a", "b", "c"]}))
    with pytest.raises(StorydeskError, match=r"lacks model\.onnx, tokenizer\.json"):
        CrossEncoder(tmp_path)


def test_combiner_has_provenance_and_fits_these_features() -> None:
    w = load_weights(packaged_model() / "combiner.json", COMBINER_FEATURES)
    assert 0 < w.t_support < 1 and 0.5 <= w.t_contradiction <= 1
    assert "never_used" in w.meta["data"] and w.meta["generated_by"].startswith("python -m")
    assert w.meta["counts"]["fit"] > 1000
    with pytest.raises(StorydeskError, match="other features"):
        load_weights(packaged_model() / "combiner.json")  # FeatureVerifier's feature list


def test_verdict_reasons_name_the_model_and_what_is_missing(verifier: ModelVerifier) -> None:
    v = verifier.verify("Mayor Anna Lind said 14 people died in a fire in Oslo.", DOC)
    assert v.label != "supported", v
    assert any(r.startswith("model on the closest passage") for r in v.reasons)
    assert any("Oslo" in r for r in v.reasons), v.reasons
    assert verifier.verify("", DOC).label == "unverified"
    assert verifier.verify("A claim.", "   ").label == "unverified"


def _seed(seeds_dir: Path, prefix: str) -> str:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def test_seed_actor_swap_is_contradicted_with_the_right_evidence(
    verifier: ModelVerifier, seeds_dir: Path
) -> None:
    claim = (
        "Japan has also recently announced its most significant military buildup since World "
        "War II, including building up its navy and air force in areas surrounding Japan."
    )
    v = verifier.verify(claim, _seed(seeds_dir, "002"))
    assert v.label == "contradicted", v
    assert any("China" in e and "naval and air forces" in e for e in v.evidence), v.evidence
    assert any("China" in r and "Japan" in r for r in v.reasons), v.reasons


@pytest.mark.parametrize(
    ("claim", "source"),
    [
        ("Japan is in talks to open a NATO office in the country.", "000"),
        ("Hayashi told CNN that Japan is discussing a NATO liaison office.", "002"),
    ],
)
def test_seed_paraphrases_of_core_facts_are_supported(
    verifier: ModelVerifier, seeds_dir: Path, claim: str, source: str
) -> None:
    v = verifier.verify(claim, _seed(seeds_dir, source))
    assert v.label == "supported", v
    assert v.evidence and all(e in _seed(seeds_dir, source) for e in v.evidence)


class _Table:
    """A stand-in cross-encoder whose contradiction scores come from a lookup table."""

    labels = ("entailment", "neutral", "contradiction")

    def __init__(self, table: dict[tuple[str, str], float]) -> None:
        self.table = table
        self.seen: list[tuple[str, str]] = []

    def probabilities(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        self.seen += pairs
        c = np.array([self.table.get(p, 0.0) for p in pairs])
        return np.stack([1 - c, np.zeros_like(c), c], axis=1)


def _fact(fid: str, *mentions: tuple[str, str]) -> Fact:
    ms = tuple(Mention(art, f"{art}:{fid}", text, 0, len(text)) for art, text in mentions)
    return Fact(fid, ms[0].text, ms)


def test_model_disputes_need_both_directions_and_skip_explained_pairs() -> None:
    a, b, c = "The mayor opened it.", "The mayor closed it.", "The mayor shut it."
    facts = [_fact("f1", ("x", a), ("y", b)), _fact("f2", ("x", a), ("z", c))]
    model = _Table({(a, b): 0.97, (b, a): 0.95, (a, c): 0.97, (c, a): 0.4})
    found = model_disputes(facts, [], model, 0.9)  # type: ignore[arg-type]
    assert [(d.a.article, d.b.article, d.kind) for d in found] == [("x", "y", "model")]
    assert found[0].confidence == 0.95 and "0.95 each way" in found[0].reason
    known = [Dispute(Side("x", "x:f1", a), Side("y", "y:f1", b), "negation", "explained")]
    model.seen.clear()
    assert model_disputes(facts, known, model, 0.9) == []  # type: ignore[arg-type]
    assert (a, b) not in model.seen  # an explained pair is not even scored
    same_article = [_fact("f3", ("x", a), ("x", b))]
    assert model_disputes(same_article, [], model, 0.5) == []  # type: ignore[arg-type]


def test_model_disputes_read_a_seat_of_government_as_its_state(model: CrossEncoder) -> None:
    # Read as written, the packaged model finds these two incompatible both ways (0.97, 0.98).
    a, b = "The Kremlin denied any role in the drills.", "Russia denied any role in the drills."
    facts = [_fact("f1", ("x", a), ("y", b))]
    nlp = ParseMemo(spacy_pipeline())
    assert model_disputes(facts, [], model, 0.9, nlp) == []
    other = [_fact("f2", ("x", a.replace("The Kremlin", "Ottawa")), ("y", b))]
    assert [d.kind for d in model_disputes(other, [], model, 0.9, nlp)] == ["model"]


def test_model_dispute_threshold_is_checked() -> None:
    assert Options(model_dispute_threshold=None).model_dispute_threshold is None
    for bad in (0.2, 1.0):
        with pytest.raises(OptionsError, match="model_dispute_threshold"):
            Options(model_dispute_threshold=bad)


def test_fit_signed_keeps_designed_directions() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = (x[:, 0] + x[:, 1] + 0.3 * rng.normal(size=400) > 0).astype(float)
    free = fit_signed(x, y, (0, 0, 0))
    assert free.weights[0] > 0 and free.weights[1] > 0
    signed = fit_signed(x, y, (1, -1, None))  # feature 1 may only lower; feature 2 is unused
    assert signed.weights[0] > 0 and signed.weights[1] == 0.0 and signed.weights[2] == 0.0


@pytest.mark.parametrize(
    ("claim", "window", "expected"),
    [
        ("Officials on Friday asked for help.", "Officials yesterday asked for help.",
         "Officials yesterday asked for help."),
        ("He said yesterday that it was safe.", "He said Tuesday that it was safe.",
         "He said on Tuesday that it was safe."),
        ("Tension was high Friday morning.", "Tension was high yesterday morning.",
         "Tension was high yesterday morning."),
        # Left alone: a weekday against a weekday (the checks' business), or two days on a side.
        ("He died on Friday.", "He died on Saturday.", "He died on Friday."),
        ("He died on Friday.", "He died yesterday and was buried today.", "He died on Friday."),
    ],
)  # fmt: skip
def test_as_window_days(claim: str, window: str, expected: str) -> None:
    from storydesk.verify.days import as_window_days

    assert as_window_days(claim, window) == expected


def test_a_weekday_against_yesterday_is_not_a_contradiction(verifier: ModelVerifier) -> None:
    # Read as written, v8 calls this contradicted (0.73): the claim comes out unverified.
    claim = "Port officials on Friday asked the city to find another operator for the ferries."
    window = "Port officials yesterday asked the city to find another operator for the ferries."
    assert verifier.verify(claim, window).label == "supported"


def test_a_sentence_the_document_prints_is_supported_in_those_words(
    verifier: ModelVerifier,
) -> None:
    document = "The Kestrel Narrows Bridge closed on Tuesday.  Engineers found cracks in two piers."
    copied = verifier.verify("The Kestrel Narrows Bridge closed on Tuesday.", document)
    assert copied.label == "supported"
    assert copied.reasons[0] == "the document prints this sentence word for word"
    reworded = verifier.verify("The Kestrel Narrows Bridge shut on Tuesday.", document)
    assert reworded.reasons[0].startswith("model on the closest passage")


def test_a_claim_in_another_language_gets_no_english_checks(verifier: ModelVerifier) -> None:
    # spaCy's English parse made "Las" a place, and the place check called a faithful
    # translation contradicted, "explained".
    doc = (
        "Hartwell Motors will build a battery plant in Leipzig, Germany. Construction begins in "
        "September. The company's shares rose 4 percent in Frankfurt trading."
    )
    v = verifier.verify("Las acciones de la empresa subieron un 4 por ciento en Fráncfort.", doc)
    assert v.label != "contradicted" and not v.explained
    assert verifier.verify("The company's shares rose 4 percent in Paris.", doc).label == (
        "contradicted"
    )


def test_a_short_document_is_read_whole_only_where_no_sentence_settles_it(
    verifier: ModelVerifier,
) -> None:
    # "It closed in 2020" alone says nothing of the museum: the whole paragraph does.
    museum = "The museum opened in 1998. It closed in 2020."
    assert verifier.verify("The museum closed in 2020.", museum).label == "supported"
    # A sentence that settles the claim keeps its reading: read whole, the paragraph (where
    # revenue rose) blurred "shares fell" into support.
    orbis = (
        "Orbis Telecom reported a net profit of $310 million. Revenue rose 8% to $2.4 billion. "
        "Orbis shares fell 3% in New York after the announcement."
    )
    shares = "Orbis shares rose 3% in New York after the announcement."
    assert verifier.verify(shares, orbis).label != "supported"


def test_a_weekday_the_window_leaves_off_its_date_is_left_off_when_it_is_that_day() -> None:
    from storydesk.verify.days import as_window_date

    window = "He was arrested on March 3, 2025, and spent four months in detention."
    claim = "Verhagen was arrested on Monday, 3 March 2025."
    assert as_window_date(claim, window, window) == "Verhagen was arrested on 3 March 2025."
    us = "Verhagen was arrested on Monday, March 3, 2025."
    assert as_window_date(us, window, window) == "Verhagen was arrested on March 3, 2025."
    # 3 March 2025 was a Monday: another weekday, another date, or no year stays as written.
    for other in (claim.replace("Monday", "Tuesday"), claim.replace("3 March", "4 March"),
                  "Verhagen was arrested on Monday, 3 March."):  # fmt: skip
        assert as_window_date(other, window.replace(", 2025", ""), "") == other
    tuesday = claim.replace("Monday", "Tuesday")
    assert as_window_date(tuesday, window, window) == tuesday
    # A date without its year takes the window's.
    bare = "Verhagen was arrested on Monday, 3 March."
    assert as_window_date(bare, window, window) == "Verhagen was arrested on 3 March."


def test_a_date_the_document_gives_in_its_dateline_is_read_as_the_windows_weekday() -> None:
    from storydesk.verify.days import as_window_date

    doc = "ARDLE, Nov 17 (Wire) - Fenmark Foods on Tuesday recalled 9,000 jars of honey."
    window = "Fenmark Foods on Tuesday recalled 9,000 jars of honey."
    claim = "Fenmark Foods recalled 9,000 jars on Tuesday, November 17, the firm said."
    assert (
        as_window_date(claim, window, doc)
        == "Fenmark Foods recalled 9,000 jars on Tuesday, the firm said."
    )
    assert as_window_date(claim.replace("November 17", "17. November"), window, doc) == (
        "Fenmark Foods recalled 9,000 jars on Tuesday, the firm said."
    )
    assert as_window_date(claim.replace("November 17", "November 17, 2026"), window, doc) == (
        "Fenmark Foods recalled 9,000 jars on Tuesday, the firm said."
    )
    # Left as written: another date than the document's, another weekday than the window's,
    # a window with a date of its own.
    for other in (claim.replace("17", "18"), claim.replace("Tuesday", "Monday")):
        assert as_window_date(other, window, doc) == other
    dated = window.replace("on Tuesday", "on Tuesday, Nov. 10,")
    assert as_window_date(claim, dated, doc) == claim
    # Through the verifier: supported by the dateline's article (contradicted without the
    # rewrite: the model reads the date missing from the window as another date).
    article = (
        "ARDLE, Nov 17 (Wire) - Fenmark Foods on Tuesday recalled 9,000 jars of honey after "
        "tests found traces of a banned pesticide.\n\nThe jars were sold in supermarkets across "
        "the region between June and October, the company said in a statement.\n\nCustomers "
        "should return the jars to the store where they bought them for a full refund, a "
        "spokeswoman for Fenmark said.\n\nThe food standards office said it had opened an "
        "inquiry into how the honey passed the checks at the bottling plant in Ardle.\n\n"
        "Fenmark, which employs 240 people, said no illness had been reported."
    )
    draft = "Fenmark Foods recalled 9,000 jars of honey on Tuesday, November 17."
    assert ModelVerifier().verify(draft, article).label == "supported"


def test_a_missing_year_is_named_as_a_year() -> None:
    v = ModelVerifier().verify(
        "The Fenmark bottling plant opened in 2025.",
        "The Fenmark bottling plant opened in 2019 and employs 240 people in Ardle.",
    )
    assert any(r == "not in the document: 2025" for r in v.reasons), v.reasons


DESCRIBED_DOC = (
    "Fenby Oil reported a loss for the third year running, and its chief executive left in March. "
    "At Brisk Dairy, the chair said the board would now focus on exports to the south. "
    "The company will ask shareholders to approve a 90 million euro buyback at its meeting in "
    "July. Analysts expect the share price to recover by the end of the year. Milk prices in "
    "the region have fallen for six months in a row, and farmers have asked the ministry for "
    "help with feed costs. The ministry said it would publish its review of the sector in the "
    "autumn, after talks with the farmers' union and the country's largest buyers of milk."
)


def test_with_claims_name() -> None:
    nlp = spacy_pipeline()
    sentences = split_sentences(DESCRIBED_DOC)
    window = sentences[2]

    def read(claim: str, window: str = window) -> str | None:
        return with_claims_name(window, sentences, claim, nlp)

    claim = "Brisk Dairy will ask shareholders to approve a 90 million euro buyback in July."
    assert read(claim) == "Brisk Dairy" + window[len("The company") :]
    # Two sentences back is too far: "Fenby Oil" is not what "The company" stands for.
    assert read("Fenby Oil will ask shareholders to vote.") is None
    # The window names the claim's company itself, or its subject is no description.
    assert read(claim, sentences[1]) is None
    assert read("Fenby Oil lost money again.", sentences[0]) is None
    # The claim opens with no name, or one no sentence before names.
    assert read("The company will ask shareholders to vote.") is None
    assert read("Tarn Foods will ask shareholders to vote.") is None
    # A description inside the subject ("Shares in the company", "The company's shares").
    before = sentences[1]
    claim = "Brisk Dairy's share price fell by 9 percent."
    for written, named in (
        ("Shares in the company fell 9 percent.", "Shares in Brisk Dairy fell 9 percent."),
        ("The company's shares fell 9 percent.", "Brisk Dairy's shares fell 9 percent."),
    ):
        assert with_claims_name(written, [before, written], claim, nlp) == named
    # The sayer after its words ("..., the company said"), not any later description.
    said = "The last audit found no faults, the company said."
    claim = "Brisk Dairy said the last audit had found no faults."
    assert with_claims_name(said, [before, said], claim, nlp) == (
        "The last audit found no faults, Brisk Dairy said."
    )
    sold = "Its plant closed in May, and the company sold the land."
    assert with_claims_name(sold, [before, sold], claim, nlp) is None


def test_a_postposed_sayer_and_a_past_perfect_are_read_as_the_claim_writes_them(
    verifier: ModelVerifier,
) -> None:
    doc = (
        "Network operator Varn Gas said it cut the supply to the block at 7:20 a.m. "
        "The last inspection of the block's gas connection, in May 2024, found no defects, the "
        "company said. Harl Homes, the landlord, declined to comment on the blast."
    )
    # As written, the model reads this against the second sentence as a contradiction (0.75).
    claim = "Varn Gas said the last inspection of the block's gas connection had found no defects."
    assert verifier.verify(claim, doc).label == "supported"
    other = claim.replace("Varn Gas", "Harl Homes")
    assert verifier.verify(other, doc).label != "supported"


def test_a_description_for_the_claims_name_is_read_with_its_context(
    verifier: ModelVerifier,
) -> None:
    # Without the sentence before it, v8 reads "The company will ask ..." against "Brisk Dairy
    # will ask ..." as a contradiction. (Over 600 characters, so the model reads sentences, not
    # the whole document at once.)
    claim = "Brisk Dairy will ask shareholders to approve a 90 million euro buyback in July."
    assert verifier.verify(claim, DESCRIBED_DOC).label == "supported"


def test_a_total_or_a_closer_sentence_with_the_figures_is_no_number_conflict(
    verifier: ModelVerifier,
) -> None:
    doc = (
        "Brisk shares fell 12 percent on the Carrow exchange on Monday, while Fenby shares rose "
        "3.5 percent. Fenby holds a 30 percent share of the dairy market and Brisk 18 percent. "
        "Together the two firms would have run 200 farms, 120 of them Fenby's and 80 Brisk's."
    )
    v = verifier.verify("Brisk's shares fell 12 percent, while Fenby's gained 3.5 percent.", doc)
    assert v.label != "contradicted", v
    v = verifier.verify("Fenby, which runs 120 farms, agreed to buy the 80-farm Brisk in May.", doc)
    assert not any("different number" in r for r in v.reasons), v
    # A figure no sentence prints is still set against the closest one.
    v = verifier.verify("Brisk shares fell 21 percent on the Carrow exchange on Monday.", doc)
    assert v.label == "contradicted" and any("21 percent" in r for r in v.reasons), v


def test_support_over_its_threshold_is_not_enough_when_contradiction_is_higher() -> None:
    # Each logistic reads one value: support = sigmoid(x0), contradiction = sigmoid(x1).
    w = Weights(Logistic((1.0, 0.0), 0.0), Logistic((0.0, 1.0), 0.0), 0.213, 0.5, {})

    def row(support: float, contradiction: float) -> tuple[tuple[float, float], None]:
        logit = lambda p: math.log(p / (1 - p))  # noqa: E731
        return (logit(support), logit(contradiction)), None

    assert judge(w, [row(0.30, 0.28)])[2] == "supported"
    assert judge(w, [row(0.24, 0.28)])[2] == "unverified"  # over 0.213, under the contradiction
    assert judge(w, [row(0.20, 0.05)])[2] == "unverified"  # under the threshold
    assert judge(w, [row(0.30, 0.28), row(0.24, 0.28)])[2] == "unverified"  # every sentence
