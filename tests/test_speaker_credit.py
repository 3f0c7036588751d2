"""The same words credited to two different people by two outlets (quotes.credit) and the
dispute the brief makes of it (verify.speaker_disputes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storydesk.api import run_brief
from storydesk.briefing.render_html import to_html
from storydesk.briefing.render_json import to_json
from storydesk.briefing.render_markdown import to_markdown
from storydesk.model import Article, QuoteGroup
from storydesk.nlp.stages import PARSE
from storydesk.options import Options
from storydesk.pipeline import Document, run_stage
from storydesk.quotes.credit import same_words
from storydesk.quotes.stage import QUOTES

WORDS = "We will not reopen the harbour until every drop of oil is gone"


def groups(*texts: str) -> tuple[QuoteGroup, ...]:
    arts = tuple(
        Article(id=chr(97 + i), path=f"{chr(97 + i)}.txt", text=t) for i, t in enumerate(texts)
    )
    parsed = run_stage(PARSE, Document(articles=arts), Options())
    return run_stage(QUOTES, parsed, Options()).quote_groups or ()


def test_same_words_credited_to_two_people_are_linked_both_ways() -> None:
    pike, dunn = groups(
        f'"{WORDS}," harbour master Joan Pike told reporters on Tuesday.',
        f'"{WORDS}," environment minister Carl Dunn said.',
    )
    assert (pike.speaker, dunn.speaker) == ("Pike", "Dunn")
    (other,) = pike.credited_elsewhere
    assert (other.group, other.speaker, other.articles) == (dunn.id, "Carl Dunn", ("b",))
    assert other.quotes == (("a:q1", "b:q1"),)
    assert dunn.credited_elsewhere[0].group == pike.id


def test_one_person_named_two_ways_or_a_role_is_not_someone_else() -> None:
    (one,) = groups(f'"{WORDS}," Joan Pike said.', f'"{WORDS}," Pike said on Tuesday.')
    assert one.credited_elsewhere == ()
    # A role may be the named person: never a dispute.
    found = groups(f'"{WORDS}," Joan Pike said.', f'"{WORDS}," a port spokesperson said.')
    assert all(g.credited_elsewhere == () for g in found)


def test_a_pronoun_resolved_speaker_is_our_reading_and_links_nothing() -> None:
    found = groups(
        f'"{WORDS}," Joan Pike said.',
        f'Carl Dunn visited the pier on Monday.\n\n"{WORDS}," he said.',
    )
    assert {g.speaker for g in found} == {"Pike", "Dunn"}
    assert all(g.credited_elsewhere == () for g in found)


def test_short_or_different_words_are_not_one_utterance() -> None:
    assert same_words(WORDS, WORDS.lower() + ", and that could take weeks")
    assert not same_words("We will not give up", "We will not give up")  # a slogan: 5 words
    assert not same_words(WORDS, "We will reopen the harbour as soon as the inspectors allow it")


def test_the_brief_disputes_who_said_it(tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(
        "Harbour closes after oil spill\n\n"
        "The harbour at Portsmouth was closed on Tuesday after a tanker leaked oil.\n\n"
        f'"{WORDS}," harbour master Joan Pike told reporters.\n',
        encoding="utf-8",
    )
    (tmp_path / "daily.txt").write_text(
        "Oil spill shuts Portsmouth harbour\n\n"
        "Portsmouth's harbour shut on Tuesday after a tanker leaked oil.\n\n"
        f'"{WORDS}," environment minister Carl Dunn said.\n\n'
        "Fishing <b>stopped</b> along the coast.\n",
        encoding="utf-8",
    )
    brief = run_brief([tmp_path / "wire.txt", tmp_path / "daily.txt"])
    (dispute,) = [d for d in brief.disputes if d.kind == "speaker"]
    assert {dispute.a.article, dispute.b.article} == {"wire", "daily"}
    assert "Joan Pike" in dispute.reason and "Carl Dunn" in dispute.reason
    quoted = [f for f in brief.facts if "drop of oil" in f.text]
    assert quoted and all(f.status == "disputed" for f in quoted)
    data = json.loads(to_json(brief))
    assert any(g["credited_elsewhere"] for g in data["quotes"])
    assert "Who said this is disputed" in to_markdown(brief)
    html = to_html(brief)
    assert "Who said this is disputed" in html
    assert "<b>stopped</b>" not in html


def test_a_full_name_elsewhere_in_the_story_makes_two_short_forms_one_person() -> None:
    found = groups(
        f'"{WORDS}," Health Minister Ana Lopez Garcia said.',
        f'"{WORDS}," Lopez said on Tuesday.',
        f'"{WORDS}," Ms. Garcia told reporters.',
    )
    assert all(g.credited_elsewhere == () for g in found)


@pytest.mark.parametrize(
    "relay",
    [
        # a spokesperson speaks for someone by office
        f'Asked about timing, Dunn\'s spokesman Leo Marr said: "{WORDS}."',
        # the outlet says the words are passed on
        f'Leo Marr, reading a statement on behalf of the minister, said: "{WORDS}."',
        # the other person is named beside the quotation
        f'Leo Marr said he agreed with Carl Dunn. "{WORDS}," Marr said.',
    ],
)
def test_words_passed_on_for_someone_else_are_not_disputed(relay: str) -> None:
    found = groups(f'"{WORDS}," environment minister Carl Dunn said.', relay)
    assert all(g.credited_elsewhere == () for g in found)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a first name in common does not make one person
        ("Mayor John Abbott", "fire chief John Reyes"),
        # a third person's name ("Lee Morgan") does not join "Sarah Lee" and "Owen Morgan"
        ("nurse Sarah Lee", "hospital director Owen Morgan"),
        # a spokesperson for someone else entirely
        ("Minister Carl Dunn", "Leo Marr, a spokesman for the shipping company Nordvik Lines,"),
        # a hyphenated surname holding the other's
        ("Interior Minister Anna Fischer-Lang", "Deputy Minister Tom Lang"),
    ],
)
def test_two_different_people_stay_two(first: str, second: str) -> None:
    found = groups(
        "Fire chief Lee Morgan spoke first.\n\n" + f'"{WORDS}," said {first}.',
        f'"{WORDS}," said {second}. He repeated his call for calm.',
    )
    assert any(g.credited_elsewhere for g in found)
