"""The training loader's op filter and its config key (torch-free, so CI runs it)."""

from __future__ import annotations

import json
from pathlib import Path

from storydesk.verify.train.batches import load
from storydesk.verify.train.config import TrainConfig

DOC = "Police arrested the driver on Monday. The bridge reopened after 3 days."


def _rows(path: Path) -> Path:
    rows = [
        {"premise": DOC, "hypothesis": "Police arrested the driver.", "label": "entailment",
         "source": "t", "op": "copy"},
        {"premise": DOC, "hypothesis": "The driver arrested police.", "label": "contradiction",
         "source": "t", "op": "actor_swap"},
        {"premise": DOC, "hypothesis": "A man is outside.", "label": "neutral", "source": "snli"},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_excluded_ops_are_left_out_and_nli_rows_kept(tmp_path: Path) -> None:
    path = _rows(tmp_path / "train.jsonl")
    assert [e.claim for e in load(path, 1, 1)] == [
        "Police arrested the driver.", "The driver arrested police.", "A man is outside.",
    ]  # fmt: skip
    kept = load(path, 1, 1, exclude=frozenset({"actor_swap"}))
    assert [(e.claim, e.synthetic) for e in kept] == [
        ("Police arrested the driver.", True), ("A man is outside.", False),
    ]  # fmt: skip


def test_exclude_ops_survives_a_config_round_trip(tmp_path: Path) -> None:
    cfg = TrainConfig(exclude_ops=("voice", "voice_swap"))
    cfg.save(tmp_path / "config.json")
    assert TrainConfig.load(tmp_path / "config.json") == cfg
    assert TrainConfig().exclude_ops == ()
