"""Average the weights of finished training runs ("model soup", Wortsman et al., ICML 2022).

Runs fine-tuned from the same MiniLM weights with the same configuration, on two versions of the
data recipe, tend to land in one basin of the loss, so the mean of their weights is itself a
model: it keeps much of what each run learned without a third training run. The output is a run
folder like a training run's (checkpoint/, data_manifest.json, metrics.json) plus soup.json,
which names the ingredients, their weights and their checkpoint hashes, so that
`storydesk.verify.train.export` and the model card read it unchanged.

    python -m storydesk.verify.train.soup --runs runs/verifier-v5 runs/verifier-v7 \
        --out runs/verifier-v8 [--weights 1 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch

from storydesk.verify.train.config import TrainConfig

# What the runtime reads from a model folder must not differ between ingredients: a soup of a
# 128-token and a 256-token model would be exported with one of the two settings, silently.
RUNTIME_KEYS = ("init", "max_length", "top_k_windows", "window_sentences")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_compatible(runs: Sequence[Path]) -> TrainConfig:
    first = runs[0] / "checkpoint"
    cfg = TrainConfig.load(first / "config.json")
    arch = json.loads((first / "model_config.json").read_text(encoding="utf-8"))
    for run in runs[1:]:
        other = TrainConfig.load(run / "checkpoint" / "config.json")
        differ = [k for k in RUNTIME_KEYS if getattr(other, k) != getattr(cfg, k)]
        if differ:
            raise ValueError(f"{run}: config differs from {runs[0]} in {differ}")
        other_arch = json.loads((run / "checkpoint" / "model_config.json").read_text("utf-8"))
        if other_arch != arch:
            raise ValueError(f"{run}: model architecture differs from {runs[0]}")
    return cfg


def average(states: Sequence[dict[str, Any]], weights: Sequence[float]) -> dict[str, Any]:
    """The weighted mean of float tensors; integer buffers (position ids) must agree."""
    keys = list(states[0])
    for i, st in enumerate(states[1:], start=1):
        if list(st) != keys:
            raise ValueError(f"ingredient {i} has different parameters from ingredient 0")
    out: dict[str, Any] = {}
    for key in keys:
        tensors = [st[key] for st in states]
        if tensors[0].is_floating_point():
            out[key] = sum(w * t.double() for w, t in zip(weights, tensors, strict=True)).to(
                tensors[0].dtype
            )
        elif all(torch.equal(tensors[0], t) for t in tensors[1:]):
            out[key] = tensors[0].clone()
        else:
            raise ValueError(f"non-float tensor '{key}' differs between ingredients")
    return out


def _manifest(runs: Sequence[Path]) -> dict[str, Any]:
    """One manifest for the card: the union of licences and each ingredient's data counts."""
    licences: dict[str, str] = {}
    counts: dict[str, Any] = {}
    recipes = []
    for run in runs:
        m = json.loads((run / "data_manifest.json").read_text(encoding="utf-8"))
        licences.update(m.get("licences", {}))
        for split, c in m.get("counts", {}).items():
            counts[f"{run.name} {split}"] = c
        recipes.append(f"{m.get('recipe_version', '?')} ({run.name})")
    seeds = {json.loads((r / "data_manifest.json").read_text("utf-8")).get("seed") for r in runs}
    return {"recipe_version": " + ".join(recipes), "seed": "/".join(map(str, sorted(seeds))),
            "limit": None, "licences": licences, "counts": counts}  # fmt: skip


def soup(runs: Sequence[Path], out: Path, weights: Sequence[float] | None = None) -> Path:
    if len(runs) < 2:
        raise ValueError("a soup needs at least two runs")
    mix = list(weights) if weights is not None else [1.0] * len(runs)
    if len(mix) != len(runs) or any(w <= 0 for w in mix):
        raise ValueError("one positive weight per run")
    mix = [w / sum(mix) for w in mix]
    cfg = _check_compatible(runs)
    states = [
        torch.load(r / "checkpoint" / "state.pt", map_location="cpu", weights_only=False)["model"]
        for r in runs
    ]
    ckpt = out / "checkpoint"
    ckpt.mkdir(parents=True, exist_ok=True)
    # Only the weights: a soup is not a resumable training state.
    torch.save({"model": average(states, mix)}, ckpt / "state.pt")
    (ckpt / "model_config.json").write_text(
        (runs[0] / "checkpoint" / "model_config.json").read_text(encoding="utf-8")
    )
    cfg.save(ckpt / "config.json")
    (out / "data_manifest.json").write_text(json.dumps(_manifest(runs), indent=2) + "\n")
    (out / "metrics.json").write_text("{}\n")
    record = [
        {
            "run": str(r),
            "weight": w,
            "state_sha256": _sha256(r / "checkpoint" / "state.pt"),
            "metrics": json.loads((r / "metrics.json").read_text("utf-8")),
        }
        for r, w in zip(runs, mix, strict=True)
    ]
    (out / "soup.json").write_text(json.dumps({"ingredients": record}, indent=2) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storydesk.verify.train.soup")
    ap.add_argument("--runs", type=Path, nargs="+", required=True, help="training --out folders")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--weights", type=float, nargs="+", help="one per run (default: equal)")
    args = ap.parse_args(argv)
    folder = soup(args.runs, args.out, args.weights)
    print(f"wrote {folder} (average of {len(args.runs)} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
