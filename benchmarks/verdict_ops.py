"""The verifier's verdicts per corruption of real news sentences: swapped actors, swapped names,
the passive with its roles exchanged, and the honest rewrites they must not catch.

Data: a small build of the training recipe (`python -m storydesk.verify.data.build --limit N`,
PolNeAR and SemEval-2022 news texts; about a minute for the default 400), its *dev* split only,
whose articles no shipped model trained on (the role ops, actor_swap / voice / voice_swap, were
left out of training altogether). For each op: the share of its claims storydesk's verifier
(`ModelVerifier.verify`) labels contradicted and supported, next to the cross-encoder alone (its
most supportive window's argmax, `recipe_ops.model_alone`) as the baseline.

    python benchmarks/verdict_ops.py [--limit 400] [--data DIR] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from _metrics import table, write_json
from recipe_ops import model_alone
from storydesk.verify.crossencoder import CrossEncoder
from storydesk.verify.model_verifier import ModelVerifier

# Corruptions the structured checks are there for, and the rewrites that must stay supported.
OPS = ("actor_swap", "voice_swap", "entity_swap", "copy", "compress", "rephrase", "voice")
REWRITES = ("copy", "compress", "rephrase", "voice")


def build(limit: int, out: Path) -> None:
    cmd = [sys.executable, "-m", "storydesk.verify.data.build", "--out", str(out), "--seed",
           "13", "--limit", str(limit)]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True)


def dev_rows(data: Path) -> dict[str, list[dict[str, str]]]:
    by_op: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (data / "dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("op") in OPS:
                by_op[row["op"]].append(row)
    return by_op


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--limit", type=int, default=400, help="articles in the data build")
    ap.add_argument("--data", type=Path, help="an existing data build (skips building)")
    ap.add_argument("--json", metavar="PATH", help="write the metrics here")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp) / "data"
        if args.data is None:
            build(args.limit, data)
        by_op = dev_rows(data)
    model = CrossEncoder()
    verifier = ModelVerifier(model)
    rows: list[tuple[object, ...]] = []
    metrics: dict[str, float] = {}
    for op in OPS:
        ours = Counter(verifier.verify(r["hypothesis"], r["premise"]).label for r in by_op[op])
        alone = Counter(model_alone(model, r) for r in by_op[op])
        n = max(len(by_op[op]), 1)
        for system, counts in (("storydesk", ours), ("cross-encoder alone", alone)):
            share = {k: counts[k] / n for k in ("contradicted", "supported")}
            rows.append((op, system, len(by_op[op]), share["contradicted"], share["supported"]))
            key = "storydesk" if system == "storydesk" else "model"
            metrics |= {f"{op}_{key}_{k}": v for k, v in share.items()}
    print(f"dev split of a --limit {args.limit} build" if args.data is None else str(args.data))
    print(table(rows, ["op", "system", "n", "contradicted", "supported"]))
    for op in ("actor_swap", "voice_swap", "entity_swap"):
        metrics[f"{op}_margin"] = (
            metrics[f"{op}_storydesk_contradicted"] - metrics[f"{op}_model_contradicted"]
        )
    metrics["rewrites_storydesk_contradicted_max"] = max(
        metrics[f"{op}_storydesk_contradicted"] for op in REWRITES
    )
    print(f"rewrites contradicted at most {metrics['rewrites_storydesk_contradicted_max']:.3f}; "
          f"total {time.perf_counter() - t0:.0f}s")  # fmt: skip
    write_json(args.json, metrics)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
