"""Fit FeatureVerifier's two logistic models on public NLI dev sets and store the weights.

    python -m storydesk.verify.fit [--per-set N] [--data DIR] [-o PATH]

Training data: SNLI 1.0 dev and MultiNLI dev (via TaxiNLI), premise = document, hypothesis =
claim. Support is fit on entailment vs the rest, contradiction on contradiction vs the rest.
A deterministic fifth of the pool (by hash of the pair) is held out and only reported. The
news consistency sets (FactCC, Polytope) are never read here: they are what the benchmark
reports on, so fitting on them would make those numbers meaningless.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .features import FEATURE_NAMES
from .verifier import WEIGHTS_FILE, FeatureVerifier, Logistic, Weights

Pair = tuple[str, str, str]  # premise, hypothesis, label
DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "nli"
DATASETS = {
    "snli_dev": {
        "path": "snli/{s1,s2,labels}.dev",
        "licence": "CC BY-SA 4.0 (SNLI, Bowman et al. 2015); e-SNLI repo MIT",
    },
    "mnli_dev": {
        "path": "mnli_taxinli/taxinli10k_MNLIDev.tsv",
        "licence": "MultiNLI text (OANC / CC BY-SA 3.0 parts); TaxiNLI annotations C-UDA v1.0",
    },
}


def load_snli_dev(base: Path) -> list[Pair]:
    d = base / "snli"
    s1, s2, y = ((d / f"{n}.dev").read_text("utf-8").splitlines() for n in ("s1", "s2", "labels"))
    return [(a.strip(), b.strip(), c.strip()) for a, b, c in zip(s1, s2, y, strict=True)]


def load_mnli_dev(base: Path) -> list[Pair]:
    path = base / "mnli_taxinli" / "taxinli10k_MNLIDev.tsv"
    with path.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["prem"], r["hyp"], r["label"]) for r in reader]


def held_out(pair: Pair) -> bool:
    return hashlib.sha1(f"{pair[0]}\t{pair[1]}".encode()).digest()[0] % 5 == 0


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 30) -> Logistic:
    """L2-regularised logistic regression by Newton's method (few features: exact and fast)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = l2 * np.eye(xb.shape[1])
    reg[-1, -1] = 0.0  # the bias is not shrunk
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -40, 40)))
        grad = xb.T @ (p - y) + reg @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-8:
            break
    return Logistic(tuple(float(v) for v in w[:-1]), float(w[-1]))


def fit_signed(
    x: np.ndarray, y: np.ndarray, signs: Sequence[int | None], l2: float = 1e-2
) -> Logistic:
    """Logistic regression whose weights keep the direction each feature was designed with
    (+1: may only raise the score, -1: may only lower it, 0: free, None: unused, weight 0).
    A weight that comes out with the wrong sign is pinned to zero and the rest refit, until
    none does. Correlated features (novel words against the whole document vs word precision of
    the best window) otherwise trade large opposite weights that fit the training mix and
    extrapolate badly."""
    free = [f for f in range(x.shape[1]) if signs[f] is not None]
    while True:
        m = fit_logistic(x[:, free], y, l2)
        wrong = [f for f, w in zip(free, m.weights, strict=True) if (signs[f] or 0) * w < 0]
        if not wrong:
            weights = [0.0] * x.shape[1]
            for f, w in zip(free, m.weights, strict=True):
                weights[f] = w
            return Logistic(tuple(weights), m.bias)
        worst = max(wrong, key=lambda f: abs(m.weights[free.index(f)]))
        free.remove(worst)


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    order = scores.argsort(kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos, neg = int(labels.sum()), int(len(labels) - labels.sum())
    return float((ranks[labels == 1].sum() - pos * (pos + 1) / 2) / max(pos * neg, 1))


def balanced_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The cut that maximises balanced accuracy on the training split."""
    best, best_t = -1.0, 0.5
    for t in np.unique(np.round(p, 3)):
        pred = p >= t
        bacc = (pred[y == 1].mean() + (~pred[y == 0]).mean()) / 2
        if bacc > best:
            best, best_t = float(bacc), float(t)
    return best_t


def precise_threshold(p: np.ndarray, y: np.ndarray, target: float = 0.8) -> float:
    """The lowest cut whose precision reaches `target`: a false 'contradicted' costs more trust
    than a missed one (the same stance as checks.py)."""
    for t in np.unique(np.round(p, 3)):
        pred = p >= t
        if pred.sum() >= 20 and y[pred].mean() >= target:
            return float(t)
    return 0.9


def featurise(pairs: list[Pair], verifier: FeatureVerifier) -> tuple[np.ndarray, list[Pair]]:
    rows, kept = [], []
    for pair in pairs:
        feats = verifier.features(pair[1], pair[0])
        if feats:
            rows.append(feats[0].values)  # NLI hypotheses are single sentences
            kept.append(pair)
    return np.asarray(rows, dtype=float), kept


def fit(pairs: list[Pair], verifier: FeatureVerifier) -> dict[str, Any]:
    x, kept = featurise(pairs, verifier)
    test = np.array([held_out(p) for p in kept])
    ent = np.array([p[2] == "entailment" for p in kept], dtype=float)
    con = np.array([p[2] == "contradiction" for p in kept], dtype=float)
    sup_m, con_m = fit_logistic(x[~test], ent[~test]), fit_logistic(x[~test], con[~test])
    ps = np.array([sup_m(r) for r in x])
    pc = np.array([con_m(r) for r in x])
    return {
        "features": list(FEATURE_NAMES),
        "support": {"weights": list(sup_m.weights), "bias": sup_m.bias},
        "contradiction": {"weights": list(con_m.weights), "bias": con_m.bias},
        "thresholds": {
            "support": balanced_threshold(ps[~test], ent[~test]),
            "contradiction": max(precise_threshold(pc[~test], con[~test]), 0.5),
        },
        "counts": {"train": int((~test).sum()), "held_out": int(test.sum())},
        "held_out": {
            "support_auc": auc(ps[test], ent[test]),
            "contradiction_auc": auc(pc[test], con[test]),
        },
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--per-set", type=int, default=2500, help="pairs sampled per data set")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared NLI directory")
    default_out = Path(__file__).parent / "weights" / WEIGHTS_FILE
    ap.add_argument("-o", "--output", type=Path, default=default_out, help="weights JSON")
    args = ap.parse_args(argv)
    rng = random.Random(0)
    pairs: list[Pair] = []
    for loader in (load_snli_dev, load_mnli_dev):
        pool = [p for p in loader(args.data) if p[2] in ("entailment", "neutral", "contradiction")]
        pairs.extend(rng.sample(pool, min(args.per_set, len(pool))))
    zero = Logistic((0.0,) * len(FEATURE_NAMES), 0.0)
    verifier = FeatureVerifier(Weights(zero, zero, 0.5, 0.5, {}))
    result = fit(pairs, verifier)
    result["data"] = {
        **DATASETS,
        "sampling": f"random.Random(0), {args.per_set} per set; held out: sha1(pair)[0] % 5 == 0",
        "never_used": "FactCC / Polytope (the dev sets benchmarks/consistency.py reports on)",
    }
    result["generated_by"] = "python -m storydesk.verify.fit"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: result[k] for k in ("counts", "held_out", "thresholds")}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
