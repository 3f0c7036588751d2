"""Story similarity and incremental story clustering, on small fictional events."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from storydesk.errors import OptionsError
from storydesk.model import Article
from storydesk.options import Options
from storydesk.stories import ArticleSignals, StoryClusterer, signals_many, story_similarity
from storydesk.stories.signals import lead_text, parse_time

FLOOD_EN = (
    "Orvel River flood sweeps away Karvik footbridge",
    "Flooding on the Orvel River swept away the Karvik footbridge on Monday, and the town's "
    "mayor, Lina Marsh, ordered 300 residents to leave their homes. Water rose two metres in "
    "six hours. Emergency crews from Dunmere were sent to help with the evacuation.",
)
FLOOD_PARAPHRASE = (
    "Karvik evacuates 300 as swollen Orvel destroys bridge",
    "The mayor of Karvik, Lina Marsh, told about 300 people to evacuate after the swollen Orvel "
    "River destroyed the town's footbridge early on Monday. The river climbed two metres in six "
    "hours, and rescue teams from Dunmere arrived to assist.",
)
FLOOD_DE = (
    "Hochwasser am Orvel reißt Fußgängerbrücke von Karvik weg",
    "Hochwasser am Fluss Orvel hat am Montag die Fußgängerbrücke von Karvik weggerissen, und die "
    "Bürgermeisterin der Stadt, Lina Marsh, ordnete an, dass 300 Einwohner ihre Häuser verlassen. "
    "Das Wasser stieg in sechs Stunden um zwei Meter. Rettungskräfte aus Dunmere wurden zur "
    "Unterstützung der Evakuierung entsandt.",
)
CHESS = (
    "Teenager Tomas Reyvik wins Baltic chess open",
    "The chess prodigy Tomas Reyvik, 14, won the Baltic Open in Riga on Saturday, beating "
    "grandmaster Ilse Varga in the final round. He is the youngest winner in the tournament's "
    "history and takes home a prize of 20,000 euros.",
)
CHESS_PARAPHRASE = (
    "Fourteen-year-old Reyvik takes Baltic Open title",
    "Tomas Reyvik, a 14-year-old from Tallinn, became the youngest champion of the Baltic Open "
    "chess tournament in Riga after defeating grandmaster Ilse Varga in Saturday's last round.",
)
BUDGET = (
    "Pellham council cuts library budget",
    "Pellham city council voted 7 to 2 on Thursday to cut the public library budget by a fifth, "
    "closing two branch libraries from March. Councillor Omar Fenwick said the savings would pay "
    "for road repairs.",
)
TEXTS = {
    "flood": FLOOD_EN,
    "flood2": FLOOD_PARAPHRASE,
    "flood_de": FLOOD_DE,
    "chess": CHESS,
    "chess2": CHESS_PARAPHRASE,
    "budget": BUDGET,
}
LANGS = {"flood_de": "de"}


@pytest.fixture(scope="module")
def sig() -> dict[str, ArticleSignals]:
    arts = [
        Article(id=k, path=f"{k}.txt", text=body, title=title, language=LANGS.get(k, "en"))
        for k, (title, body) in TEXTS.items()
    ]
    return {s.id: s for s in signals_many(arts, Options())}


def at(s: ArticleSignals, day: float, new_id: str | None = None) -> ArticleSignals:
    return replace(s, time=day, id=new_id or s.id)


def test_signals_fields(sig: dict[str, ArticleSignals]) -> None:
    s = sig["flood"]
    assert s.lead.shape == (512,) and abs(float(np.linalg.norm(s.lead)) - 1) < 1e-4
    assert s.body is not None
    assert {"karvik", "marsh"} <= s.entities
    assert "karvik" in sig["flood_de"].entities  # capitalised-token heuristic for German
    assert s.title.startswith("Orvel")


def test_similarity_symmetric_and_bounded(sig: dict[str, ArticleSignals]) -> None:
    keys = sorted(sig)
    for a in keys:
        for b in keys:
            ab = story_similarity(sig[a], sig[b])
            ba = story_similarity(sig[b], sig[a])
            assert 0.0 <= ab.score <= 1.0
            assert ab.score == pytest.approx(ba.score)
            assert set(ab.parts) == {"embedding", "entities", "time"}


def test_paraphrase_scores_above_different_event(sig: dict[str, ArticleSignals]) -> None:
    same = story_similarity(sig["flood"], sig["flood2"])
    different = story_similarity(sig["flood"], sig["chess"])
    assert same.score > different.score + 0.2
    assert same.same_story and not different.same_story
    assert story_similarity(sig["flood"], sig["flood_de"]).same_story


def test_time_lowers_and_unknown_is_neutral(sig: dict[str, ArticleSignals]) -> None:
    a, b = sig["flood"], sig["flood2"]
    unknown = story_similarity(a, b)
    same_day = story_similarity(at(a, 100.0), at(b, 100.2))
    weeks = story_similarity(at(a, 100.0), at(b, 121.0))
    assert unknown.parts["time"] is None
    assert same_day.score == pytest.approx(unknown.score, abs=0.03)
    assert weeks.score < same_day.score and not weeks.same_story


def test_german_translation_joins_story(sig: dict[str, ArticleSignals]) -> None:
    c = StoryClusterer(Options())
    first = c.add(sig["flood"])
    assert c.add(sig["chess"]) != first
    assert c.add(sig["flood_de"]) == first


def test_different_events_make_different_stories(sig: dict[str, ArticleSignals]) -> None:
    c = StoryClusterer(Options())
    ids = c.add_many(sig[k] for k in ("flood", "chess", "budget", "flood2", "chess2", "flood_de"))
    flood, chess, budget = ids[0], ids[1], ids[2]
    assert len({flood, chess, budget}) == 3
    assert ids[3:] == [flood, chess, flood]
    assert [s.members for s in c.stories()] == [
        ("flood", "flood2", "flood_de"),
        ("chess", "chess2"),
        ("budget",),
    ]


def test_aging_closes_story(sig: dict[str, ArticleSignals]) -> None:
    # A long half-life takes the time penalty out, so only aging can keep the articles apart.
    slow = Options(story_half_life_days=1000.0, story_max_age_days=7.0)
    c = StoryClusterer(slow)
    first = c.add(at(sig["flood"], 0.0))
    c.add(at(sig["chess"], 10.0))
    assert [s.open for s in c.stories()] == [False, True]
    assert c.add(at(sig["flood2"], 10.5)) != first
    patient = StoryClusterer(slow.with_(story_max_age_days=30.0))
    first = patient.add(at(sig["flood"], 0.0))
    patient.add(at(sig["chess"], 10.0))
    assert patient.add(at(sig["flood2"], 10.5)) == first
    forgotten = c.forget_closed()
    assert [s.members for s in forgotten] == [("flood",)]
    assert c.story_of("flood") is None and all(s.open for s in c.stories())


def _unit(v: np.ndarray) -> np.ndarray:
    out: np.ndarray = (v / np.linalg.norm(v)).astype(np.float32)
    return out


def test_remerge_merges_converging_stories() -> None:
    # One event reported from two angles: e0 and e1 are orthogonal, so the first two articles
    # start two stories; articles between them join the e1 story and pull it towards e0.
    e0, e1 = np.eye(512)[0], np.eye(512)[1]
    c = StoryClusterer(Options())
    a = c.add(ArticleSignals(id="a", lead=_unit(e0)))
    b = c.add(ArticleSignals(id="b", lead=_unit(e1)))
    assert a != b
    between = _unit(e0 + 1.2 * e1)
    for k in range(3):
        assert c.add(ArticleSignals(id=f"m{k}", lead=between)) == b
    assert len(c.stories()) == 2
    assert c.remerge() == [(a, b)]
    assert set(c.assignments().values()) == {a}
    assert c.stories()[0].members == ("a", "b", "m0", "m1", "m2")
    assert c.remerge() == []


def test_export_import_round_trip(sig: dict[str, ArticleSignals]) -> None:
    order = ["flood", "chess", "budget", "flood2", "chess2", "flood_de"]
    stream = [at(sig[k], float(i)) for i, k in enumerate(order)]
    whole = StoryClusterer(Options())
    whole.add_many(stream)
    whole.remerge()
    part = StoryClusterer(Options())
    part.add_many(stream[:3])
    state = json.loads(json.dumps(part.export_state()))
    resumed = StoryClusterer.from_state(state, Options())
    assert resumed.export_state() == state
    resumed.add_many(stream[3:])
    resumed.remerge()
    assert resumed.assignments() == whole.assignments()
    assert resumed.export_state() == whole.export_state()


def test_bad_state_version_and_options() -> None:
    with pytest.raises(ValueError):
        StoryClusterer.from_state({"version": 99})
    with pytest.raises(OptionsError):
        Options(story_threshold=1.5)


def test_text_helpers() -> None:
    assert parse_time("1970-01-02") == pytest.approx(1.0)
    assert parse_time("1970-01-01T12:00:00Z") == pytest.approx(0.5)
    assert parse_time("yesterday") is None and parse_time(None) is None
    lead = lead_text("Title", " ".join(["One two three four five."] * 40))
    assert lead.startswith("Title One") and len(lead.split()) <= 81
