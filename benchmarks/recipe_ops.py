"""The cross-encoder alone, per synthesis operation, on a data build's dev split.

For each model folder: the share of dev pairs of each op judged right as supported vs not (the
model's best window, argmax label), and the share where some window reads contradiction > 0.5.
Shows what a new recipe op taught a model (antonym, added_detail) and what it still misses
(actor_swap). Needs a data build (python -m storydesk.verify.data.build), so it is not in the
CI gate; the dev split never trained the model.

    python benchmarks/recipe_ops.py --data runs/data-v2 [MODEL_DIR ...]   # default: packaged
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

from _metrics import table
from storydesk.verify.crossencoder import CrossEncoder


def op_rows(data: Path, per_op: int, seed: int) -> dict[str, list[dict[str, str]]]:
    by_op: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (data / "dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("op", "nli") != "nli":
                by_op[row["op"]].append(row)
    rng = random.Random(seed)
    return {op: rng.sample(xs, min(per_op, len(xs))) for op, xs in sorted(by_op.items())}


def window_probs(model: CrossEncoder, row: dict[str, str]) -> tuple[Any, Any]:
    """(each window's probabilities, the most supportive window's): how the model alone reads
    a pair, its windows chosen as the verifier chooses them."""
    ent, con = model.labels.index("entailment"), model.labels.index("contradiction")
    windows = model.windows(row["hypothesis"], row["premise"]) or [row["premise"]]
    probs = model.probabilities([(row["hypothesis"], w) for w in windows])
    return probs, max(probs, key=lambda p: p[ent] - p[con])


def model_alone(model: CrossEncoder, row: dict[str, str]) -> str:
    """'supported' or 'contradicted' or 'unverified': the most supportive window's argmax, the
    cross-encoder's verdict without storydesk's features and checks."""
    ent, con = model.labels.index("entailment"), model.labels.index("contradiction")
    top = int(window_probs(model, row)[1].argmax())
    return "supported" if top == ent else "contradicted" if top == con else "unverified"


def score(model: CrossEncoder, rows: list[dict[str, str]]) -> tuple[float, float]:
    ent, con = model.labels.index("entailment"), model.labels.index("contradiction")
    right = conflict = 0
    for r in rows:
        probs, best = window_probs(model, r)
        right += (int(best.argmax()) == ent) == (r["label"] == "entailment")
        conflict += max(float(p[con]) for p in probs) > 0.5
    return right / len(rows), conflict / len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="a data build folder")
    ap.add_argument("models", nargs="*", help="exported model folders (default: packaged)")
    ap.add_argument("--per-op", type=int, default=120)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args(argv)
    ops = op_rows(args.data, args.per_op, args.seed)
    for folder in args.models or [None]:
        model = CrossEncoder(folder)
        rows = [(op, len(xs), *score(model, xs)) for op, xs in ops.items()]
        print(f"\n{folder or 'packaged model'}")
        print(table(rows, ["op", "n", "supported-vs-not right", "a window P(con) > 0.5"]))
        print(f"mean over ops {sum(r[2] for r in rows) / len(rows):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
