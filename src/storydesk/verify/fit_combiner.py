"""Fit ModelVerifier's combiner on data its cross-encoder never trained on.

    python -m storydesk.verify.fit_combiner --data runs/data-v1 --model DIR [--nli N] [-o PATH]

Reads the *dev* split of the training data build (storydesk.verify.data.build): every
synthesised news pair plus a seeded sample of N NLI pairs. The cross-encoder trained on the
train split only, so its scores here are honest held-out scores, and the combiner learns how far
to trust them next to the cheap features. A fifth of the rows (by article) is held out and only
reported. The consistency sets that benchmarks/consistency.py reports on are never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

import numpy as np

from .fit import auc, balanced_threshold, fit_signed, precise_threshold
from .model_verifier import COMBINER_FEATURES, COMBINER_FILE, ModelVerifier
from .verifier import Logistic, Weights

Row = dict[str, Any]
# The direction each feature was designed to push (+1 up, -1 down, 0 free), per model. Support:
# the model's entailment, found names/numbers, similar and overlapping windows raise it; the
# model's contradiction, novel words, a fired check or a negation mismatch lower it.
SUPPORT_SIGNS = (1, -1, 1, 0, 1, 0, -1, -1, 1, 1, -1, -1)
# Contradiction rests only on evidence of conflict: the model's reading and the structured
# checks. Fit with the word-overlap features too, it learnt the synthetic data's shape
# ("similar, all words found, not entailed" = a corrupted copy) and called honest paraphrases
# in the seeds contradicted with the model itself at 0.10 (a seed-003 draft against its
# sources). A false "contradicted" costs more trust than a missed one.
CONTRADICTION_SIGNS: tuple[int | None, ...] = (
    -1, 1, None, None, None, None, None, None, None, None, 1, 1,
)  # fmt: skip


def load_rows(data: Path, nli: int, seed: int) -> list[Row]:
    rows = [json.loads(line) for line in (data / "dev.jsonl").open(encoding="utf-8")]
    news = [r for r in rows if r.get("op", "nli") != "nli"]
    pool = [r for r in rows if r.get("op", "nli") == "nli"]
    return news + random.Random(seed).sample(pool, min(nli, len(pool)))


def held_out(row: Row) -> bool:
    key = f"{row.get('article_id') or row['premise']}".encode()
    return hashlib.sha256(key).digest()[0] % 5 == 0


def featurise(rows: list[Row], verifier: ModelVerifier) -> tuple[np.ndarray, list[Row]]:
    x, kept = [], []
    for n, row in enumerate(rows, start=1):
        scores = verifier.sentence_scores(row["hypothesis"], row["premise"])
        if scores:
            x.append(scores[0].values)  # hypotheses are single sentences
            kept.append(row)
        if n % 500 == 0:
            print(f"featurised {n}/{len(rows)}", file=sys.stderr, flush=True)
    return np.asarray(x, dtype=float), kept


def fit(x: np.ndarray, kept: list[Row]) -> dict[str, Any]:
    test = np.array([held_out(r) for r in kept])
    sup = np.array([r["label"] == "entailment" for r in kept], dtype=float)
    con = np.array([r["label"] == "contradiction" for r in kept], dtype=float)
    # A 2-way 'not_entailment' says nothing about contradiction: left out of that model.
    three = np.array([r["label"] != "not_entailment" for r in kept])
    sup_m = fit_signed(x[~test], sup[~test], SUPPORT_SIGNS)
    con_m = fit_signed(x[~test & three], con[~test & three], CONTRADICTION_SIGNS)
    ps = np.array([sup_m(r) for r in x])
    pc = np.array([con_m(r) for r in x])
    return {
        "features": list(COMBINER_FEATURES),
        "signs": {"support": list(SUPPORT_SIGNS), "contradiction": list(CONTRADICTION_SIGNS)},
        "support": {"weights": list(sup_m.weights), "bias": sup_m.bias},
        "contradiction": {"weights": list(con_m.weights), "bias": con_m.bias},
        "thresholds": {
            "support": balanced_threshold(ps[~test], sup[~test]),
            "contradiction": max(precise_threshold(pc[~test & three], con[~test & three]), 0.5),
        },
        # The share of contradictions the contradiction model was fit on (a third, by the
        # recipe's construction), for ModelVerifier's prior-shift correction.
        "contradiction_base_rate": float(con[~test & three].mean()),
        "counts": {"fit": int((~test).sum()), "held_out": int(test.sum())},
        "held_out": {
            "support_auc": auc(ps[test], sup[test]),
            "contradiction_auc": auc(pc[test & three], con[test & three]),
            "model_only_support_auc": auc(x[test, 0], sup[test]),
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storydesk.verify.fit_combiner")
    ap.add_argument("--data", type=Path, required=True, help="a storydesk.verify.data.build output")
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: packaged)")
    ap.add_argument("--nli", type=int, default=2500, help="NLI dev pairs sampled")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("-o", "--output", type=Path, default=None, help="default: MODEL/combiner.json")
    args = ap.parse_args(argv)
    zero = Logistic((0.0,) * len(COMBINER_FEATURES), 0.0)
    verifier = ModelVerifier(args.model, combiner=Weights(zero, zero, 0.5, 0.5, {}))
    x, kept = featurise(load_rows(args.data, args.nli, args.seed), verifier)
    result = fit(x, kept)
    manifest = json.loads((args.data / "manifest.json").read_text(encoding="utf-8"))
    result["data"] = {
        "split": "dev of the training build (the cross-encoder never saw it)",
        "recipe_version": manifest.get("recipe_version"),
        "seed": manifest.get("seed"),
        "nli_sample": f"random.Random({args.seed}), {args.nli} pairs",
        "held_out": "sha256(article_id or premise)[0] % 5 == 0",
        "never_used": "dev/consistency (FactCC, Polytope): the benchmark's data",
    }
    result["generated_by"] = "python -m storydesk.verify.fit_combiner"
    out = args.output or verifier.model.folder / COMBINER_FILE
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: result[k] for k in ("counts", "held_out", "thresholds")}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
