"""The synthesis recipe: each operation, determinism, article-level splits, licences, inputs."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from storydesk.nlp.models import spacy_pipeline
from storydesk.verify.data import context, nouns, roles, synth, wordlists
from storydesk.verify.data.build import _candidates, _role_pairs, build, split_of
from storydesk.verify.data.sources import NewsArticle

ARTICLE = (
    "Senator Mara Quill met Governor Tom Reyes in Springfield on Monday.\n"
    "The city council approved a budget of 450 million dollars in March 2024.\n"
    "Reyes said the plan will create 1,200 jobs.\n"
    "The committee did not approve the bridge, which was designed in Chicago.\n"
    "Police arrested the driver after the crash.\n"
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy_pipeline("auto")


def _sent(nlp: Any, line: int) -> Any:
    return next(iter(nlp(ARTICLE.splitlines()[line]).sents))


def _ents(nlp: Any) -> list[tuple[str, str]]:
    return sorted({(e.text, e.label_) for e in nlp(ARTICLE).ents})


def test_entity_swap_uses_same_type_from_article(nlp: Any) -> None:
    out = synth.op_entity_swap(_sent(nlp, 0), _ents(nlp), random.Random(1))
    assert out is not None and out != ARTICLE.splitlines()[0]
    assert "Mara Quill" not in out or "Tom Reyes" not in out or "Springfield" not in out


def test_number_and_date_change(nlp: Any) -> None:
    s = _sent(nlp, 1)
    num = synth.op_number(s, [], random.Random(2))
    assert num is not None and "450" not in num
    date = synth.op_date(s, [], random.Random(3))
    assert date is not None and date != s.text and ("March" not in date or "2024" not in date)
    monday = synth.op_date(_sent(nlp, 0), [], random.Random(4))
    assert monday is not None and "Monday" not in monday


def test_negation_flips_both_ways(nlp: Any) -> None:
    added = synth.op_negation(_sent(nlp, 4), [], random.Random(5))
    assert added == "Police did not arrest the driver after the crash."
    removed = synth.op_negation(_sent(nlp, 3), [], random.Random(6))
    assert removed is not None and " not " not in removed and "approve" in removed


def test_actor_swap_exchanges_subject_and_object(nlp: Any) -> None:
    out = synth.op_actor_swap(_sent(nlp, 4), [], random.Random(7))
    assert out == "The driver arrested police after the crash."


def _first(nlp: Any, text: str) -> Any:
    return next(iter(nlp(text).sents))


def test_pronoun_swaps_one_gender_by_its_grammatical_role(nlp: Any) -> None:
    def swap(text: str) -> str | None:
        return synth.op_pronoun(_first(nlp, text), [], random.Random(8))

    assert swap("Reyes said he would sign the bill.") == "Reyes said she would sign the bill."
    # "her" the object becomes "him", "her" the possessive becomes "his".
    assert swap("The governor thanked her on Friday.") == "The governor thanked him on Friday."
    assert swap("Quill lost her seat in 2024.") == "Quill lost his seat in 2024."
    assert swap("The mayor blamed herself.") == "The mayor blamed himself."
    # Both genders present: a swap would only exchange who is who.
    assert swap("He told her the meeting was over.") is None
    assert swap("Officials said the bridge would open on Monday.") is None


def test_voice_keeps_or_swaps_the_roles_both_ways(nlp: Any) -> None:
    rng = random.Random(0)
    active = _sent(nlp, 4)  # Police arrested the driver after the crash.
    assert roles.op_voice(active, [], rng) == "The driver was arrested by police after the crash."
    assert (
        roles.op_voice_swap(active, [], rng)
        == "Police were arrested by the driver after the crash."
    )
    passive = _first(nlp, "The bill was signed by the governor on Tuesday.")
    assert roles.op_voice(passive, [], rng) == "The governor signed the bill on Tuesday."
    assert roles.op_voice_swap(passive, [], rng) == "The bill signed the governor on Tuesday."
    # A conjoined subject moved behind the verb takes a plural one (recipe 2026.8).
    pair = _first(nlp, "The mayor and the governor signed the bill on Tuesday.")
    assert roles.op_voice(pair, [], rng) == (
        "The bill was signed by the mayor and the governor on Tuesday."
    )
    assert roles.op_voice_swap(pair, [], rng) == (
        "The mayor and the governor were signed by the bill on Tuesday."
    )
    # An irregular verb has no participle to borrow ("wrote" / "written"): the op does not apply.
    assert roles.op_voice(_first(nlp, "The mayor wrote the letter."), [], rng) is None
    assert synth.OPS["voice"].label == synth.ENTAILMENT
    assert synth.OPS["voice_swap"].label == synth.CONTRADICTION


def test_speaker_shift_puts_the_speaker_in_the_reported_clause(nlp: Any) -> None:
    rng = random.Random(0)
    said = _first(nlp, "The company's chief executive, John Lee, said the firm will cut 200 jobs.")
    assert (
        roles.op_speaker_shift(said, [], rng) == "The company's chief executive will cut 200 jobs."
    )
    # "Doctors is recovering" would be a grammar cue, not a role error: number must agree.
    agree = _first(nlp, "Doctors say the patient is recovering well.")
    assert roles.op_speaker_shift(agree, [], rng) is None
    # A pronoun may be the speaker ("she said she ..."), and a quotation is the speaker's own.
    assert roles.op_speaker_shift(_first(nlp, "Reyes said she will resign."), [], rng) is None
    quoted = _first(nlp, 'Reyes said "the plan will create jobs."')
    assert roles.op_speaker_shift(quoted, [], rng) is None
    assert synth.OPS["speaker_shift"].label == synth.NEUTRAL


def test_supported_ops_keep_meaning(nlp: Any) -> None:
    short = synth.op_compress(_sent(nlp, 3), [], random.Random(8))
    assert short is not None and len(short) < len(ARTICLE.splitlines()[3]) and "not" in short
    reworded = synth.op_rephrase(_sent(nlp, 2), [], random.Random(9))
    assert reworded is not None and reworded != ARTICLE.splitlines()[2]
    assert synth.OPS["copy"].label == synth.ENTAILMENT
    assert all(op.label == synth.CONTRADICTION for op in synth.NOT_SUPPORTED)


def test_antonym_flips_one_word_and_leaves_negated_and_named_words(nlp: Any) -> None:
    flips = {wordlists.op_antonym(_sent(nlp, 1), [], random.Random(i)) for i in range(5)}
    assert flips == {"The city council rejected a budget of 450 million dollars in March 2024."}
    # "did not approve" -> "did not reject" is no clear contradiction: the op must not apply.
    assert wordlists.op_antonym(_sent(nlp, 3), [], random.Random(1)) is None
    named = next(iter(nlp("Western Union cut fees for customers in Ohio.").sents))
    assert wordlists.op_antonym(named, [], random.Random(1)) is None
    assert all(a != b for a, b in wordlists.ANTONYMS.items())
    assert synth.OPS["antonym"].label == synth.CONTRADICTION


def test_added_detail_only_adds_what_the_article_never_says(nlp: Any) -> None:
    ents = _ents(nlp)
    outs = [wordlists.op_added_detail(_sent(nlp, 4), ents, random.Random(i)) for i in range(40)]
    assert all(
        o is not None and o.endswith("olice arrested the driver after the crash.") for o in outs
    )
    leads = {o.split(",")[0] for o in outs if o}
    assert "On Monday" not in leads and "In Chicago" not in leads  # both are in the article
    assert any(x.startswith("On ") for x in leads) and any(x.startswith("In ") for x in leads)
    roles = {wordlists.op_added_detail(_sent(nlp, 0), ents, random.Random(i)) for i in range(40)}
    assert any(o and ", " in o and o.startswith("Senator Mara Quill, ") for o in roles)
    # A sentence that already opens with a date or a place phrase gets no second one.
    dated = next(iter(nlp("On Monday the council met in the town hall for an hour.").sents))
    assert wordlists.op_added_detail(dated, [], random.Random(3)) is None
    assert synth.OPS["added_detail"].label == synth.NEUTRAL


def test_misattach_hangs_a_neighbours_phrase_on_the_sentence(nlp: Any) -> None:
    host = _first(nlp, "Police arrested the driver of the truck.")
    donor = _first(nlp, "The crash closed the road near the harbour for six hours.")
    outs = {context.op_misattach(host, [donor], random.Random(i)) for i in range(20)}
    assert outs <= {
        "Police arrested the driver of the truck near the harbour.",
        "Police arrested the driver of the truck for six hours.",
    }
    assert len(outs) == 2
    # The phrase must say something the sentence does not: no "truck" phrase onto a truck.
    same = _first(nlp, "A man was seen with the truck in the morning.")
    outs = {context.op_misattach(host, [same], random.Random(i)) for i in range(20)}
    assert outs == {"Police arrested the driver of the truck in the morning."}
    # Quotations, questions and sentences ending in a verb or adverb take no phrase.
    for text in ('Reyes said "the plan will create jobs."', "Did the police arrest him?",
                 "The driver was arrested quickly."):  # fmt: skip
        assert context.op_misattach(_first(nlp, text), [donor], random.Random(0)) is None
    # A sentence-initial phrase is capitalised: it is never moved into another sentence.
    opener = _first(nlp, "In the morning the crash closed the road near the harbour.")
    assert [p.text for p in context.phrases(opener)] == ["near the harbour"]


def test_noun_swap_takes_a_participant_noun_of_the_same_number_from_the_article(
    nlp: Any,
) -> None:
    docs = list(nlp.pipe([
        "Inspectors found a crack in a steel beam under the bridge.",
        "The union said its members wanted answers about the cables and the bearings.",
    ]))  # fmt: skip
    pool = nouns.noun_pool(docs)
    words = {w for w, _, _ in pool}
    assert {"crack", "beam", "cables", "bearings", "union"} <= words
    assert "members" not in words  # too general: swapping it changes no claim
    sent = next(iter(docs[0].sents))
    outs = {nouns.op_noun_swap(sent, pool, random.Random(i)) for i in range(30)}
    assert None not in outs and len(outs) > 2
    tags = {w: tag for w, _, tag in pool}
    before = sent.text.rstrip(".").split()
    for out in outs:
        assert out is not None
        after = out.rstrip(".").split()
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        ((old, new),) = changed  # exactly one word changed, to a noun of the article
        assert new.lower() in words
        # Of the same number: "a crack" never becomes "a cables", "Inspectors" no "Union".
        assert tags[new.lower()] == tags[old.lower()]
    # A sentence whose nouns are all too general, or named, has nothing to swap.
    plain = next(iter(nlp("Officials met Reyes in Springfield last week.").sents))
    assert nouns.op_noun_swap(plain, pool, random.Random(0)) is None


def _fake_data(root: Path) -> Path:
    """A miniature shared-data tree: PolNeAR-shaped articles, SNLI, and an evaluation set that
    the build must never open."""
    text = root / "dev/polnear/data/train/text"
    text.mkdir(parents=True)
    for i in range(12):
        (text / f"outlet_2016-01-{i + 1:02d}_story-{i}.txt").write_text(
            ARTICLE.replace("Springfield", f"Town{i}").replace("450", str(100 + i))
        )
    snli = root / "nli/snli"
    snli.mkdir(parents=True)
    for part in ("dev", "test"):
        (snli / f"s1.{part}").write_text("A man sleeps .\nA dog runs .\n")
        (snli / f"s2.{part}").write_text("A man rests .\nA cat runs .\n")
        (snli / f"labels.{part}").write_text("entailment\ncontradiction\n")
    cons = root / "dev/consistency"
    cons.mkdir(parents=True)
    (cons / "factcc.json").write_text("{}")
    return root


def test_build_is_deterministic_split_by_article_and_documented(tmp_path: Path) -> None:
    data = _fake_data(tmp_path / "data")
    first = build(data, tmp_path / "a", seed=13, limit=None)
    second = build(data, tmp_path / "b", seed=13, limit=None)
    assert first["outputs"] == second["outputs"]
    assert (tmp_path / "a/train.jsonl").read_bytes() == (tmp_path / "b/train.jsonl").read_bytes()
    assert first["recipe_version"] == synth.RECIPE_VERSION and first["seed"] == 13
    assert not any("consistency" in path for path in first["inputs"])
    assert {"polnear", "snli"} <= set(first["licences"])
    assert first["licences"]["snli"].startswith("CC BY-SA")
    rows = {
        s: [json.loads(x) for x in (tmp_path / f"a/{s}.jsonl").open()] for s in ("train", "dev")
    }
    assert set(rows["train"][0]) == {"premise", "hypothesis", "label", "source", "op", "article_id"}
    train_ids = {r["article_id"] for r in rows["train"]}
    assert train_ids.isdisjoint({r["article_id"] for r in rows["dev"]})
    ops = {r["op"] for r in rows["train"] + rows["dev"]}
    assert {"copy", "unrelated", "nli"} <= ops and ops & {"negation", "number", "entity_swap"}
    # Role ops run on every candidate sentence, not only the chosen ones.
    assert {"actor_swap", "voice", "voice_swap"} <= ops
    # Recipe 2026.4: a neighbouring sentence's phrase on a chosen sentence, not supported.
    mis = [r for r in rows["train"] + rows["dev"] if r["op"] == "misattach"]
    assert mis and all(r["label"] == "neutral" and r["hypothesis"] not in ARTICLE for r in mis)
    # Recipe 2026.6: a chosen sentence with one of its nouns swapped for another of the article.
    swapped = [r for r in rows["train"] + rows["dev"] if r["op"] == "noun_swap"]
    assert swapped and all(r["label"] == "neutral" for r in swapped)  # 2026.7
    assert all(r["hypothesis"] not in ARTICLE for r in swapped)


def test_role_claims_come_with_their_sentence_unless_it_was_chosen(nlp: Any) -> None:
    text = "Police arrested the young driver of the stolen truck after the crash near the harbour."
    art = NewsArticle("polnear:x", "polnear", text)
    cands = list(_candidates(nlp(text), 0, art.id))
    police = next(c for c in cands if c[0].text.startswith("Police"))
    pairs = _role_pairs(art, cands, chosen=[], seed=13)
    by_op = {p.op: p for p in pairs if p.hypothesis.lower().count("driver")}
    assert {"actor_swap", "voice", "voice_swap", "role_copy"} <= set(by_op)
    assert by_op["role_copy"].hypothesis == police[0].text
    assert by_op["role_copy"].label == synth.ENTAILMENT
    # A chosen sentence already has a supported claim of its own: no second copy.
    again = _role_pairs(art, cands, chosen=[police[0]], seed=13)
    assert not [p for p in again if p.op == "role_copy" and "driver" in p.hypothesis]


def test_split_is_a_function_of_seed_and_article() -> None:
    ids = [f"polnear:a{i}" for i in range(2000)]
    dev = [i for i in ids if split_of(i, 13, 0.1) == "dev"]
    assert 100 < len(dev) < 300
    assert dev == [i for i in reversed(ids) if split_of(i, 13, 0.1) == "dev"][::-1]
