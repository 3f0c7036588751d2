"""Small metric helpers shared by the benchmark scripts (no sklearn needed)."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
_WORD = re.compile(r"\w+")


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Mann-Whitney U form of ROC AUC, with ties counted half."""
    s = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=int)
    order = s.argsort(kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos, neg = int(y.sum()), int(len(y) - y.sum())
    if pos == 0 or neg == 0:
        return float("nan")
    return float((ranks[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))


def auc_difference_interval(
    a: Sequence[float], b: Sequence[float], labels: Sequence[int], n: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """95% paired bootstrap interval of roc_auc(a) - roc_auc(b): positives and negatives are
    resampled separately (so every resample has both) and the same draw scores both methods.
    On a few hundred pairs an AUC moves by about 0.03 between resamples, so a difference of a
    few hundredths between two methods may be noise; this says how much."""
    y = np.asarray(labels, dtype=int)
    sa, sb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(n):
        idx = np.concatenate([rng.choice(pos, len(pos)), rng.choice(neg, len(neg))])
        diffs.append(roc_auc(sa[idx], y[idx]) - roc_auc(sb[idx], y[idx]))
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    return float(lo), float(hi)


def prf(pred: Sequence[bool], gold: Sequence[int]) -> tuple[float, float, float]:
    tp = sum(1 for p, g in zip(pred, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(pred, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(pred, gold, strict=True) if not p and g)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_f1(scores: Sequence[float], gold: Sequence[int]) -> tuple[float, float]:
    """(best F1, its threshold) over all cut points: an oracle operating point for baselines."""
    best = (0.0, 0.0)
    for t in sorted(set(np.round(scores, 4))):
        f1 = prf([s >= t for s in scores], gold)[2]
        if f1 > best[0]:
            best = (f1, float(t))
    return best


def load_mrpc(limit: int | None = None) -> list[tuple[str, str, int]]:
    """MRPC test pairs (sentence 1, sentence 2, 1 if a paraphrase), in file order."""
    path = DATA / "nli" / "mrpc" / "msr_paraphrase_test.txt"
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.split("\t")
        if len(parts) == 5 and parts[0] in ("0", "1"):
            rows.append((parts[3], parts[4], int(parts[0])))
    return rows[:limit] if limit else rows


def polnear_documents(split: Path) -> list[tuple[str, Path]]:
    """(article name, annotation file) for one PolNeAR split folder, sorted by name: the first
    annotation file by name when several annotators did an article."""
    seen: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        base = re.sub(r"_[0-9a-f]+$", "", ann.stem)
        if base not in seen and (split / "text" / f"{base}.txt").is_file():
            seen[base] = ann
    return sorted(seen.items())


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def tfidf_cosine(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """Bag-of-words TF-IDF cosine, IDF from all texts of the benchmark."""
    docs = [Counter(words(t)) for pair in pairs for t in pair]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)
    idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}

    def vec(d: Counter[str]) -> dict[str, float]:
        return {w: c * idf[w] for w, c in d.items()}

    out = []
    for k in range(0, len(docs), 2):
        a, b = vec(docs[k]), vec(docs[k + 1])
        dot = sum(v * b.get(w, 0.0) for w, v in a.items())
        na = math.sqrt(sum(v * v for v in a.values()))
        nb = math.sqrt(sum(v * v for v in b.values()))
        out.append(dot / (na * nb) if na and nb else 0.0)
    return out


def jaccard(a: str, b: str) -> float:
    x, y = set(words(a)), set(words(b))
    return len(x & y) / len(x | y) if x | y else 0.0


def write_json(path: str | None, metrics: dict[str, float]) -> None:
    if path:
        Path(path).write_text(json.dumps(metrics, indent=2, sort_keys=True), encoding="utf-8")


def table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    cells = [
        [str(c) for c in header],
        *[[f"{c:.3f}" if isinstance(c, float) else str(c) for c in r] for r in rows],
    ]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# Speed benchmarks run each case in a fresh child process (so model loads and memory peaks of one
# case never leak into another); the child prints one marked JSON line, the parent finds it.
RESULT_MARK = "STORYDESK_BENCHMARK_RESULT "
MIB = 1024 * 1024


def emit_result(result: dict[str, Any]) -> None:
    print(RESULT_MARK + json.dumps(result), flush=True)


def child_result(stdout: str) -> dict[str, Any] | None:
    """The result a child printed with `emit_result`, or None if it printed none."""
    for line in stdout.splitlines():
        if line.startswith(RESULT_MARK):
            result: dict[str, Any] = json.loads(line[len(RESULT_MARK) :])
            return result
    return None


def peak_rss_mib(children: bool = False) -> float:
    """Peak resident set of this process (and, if asked, its waited-for children), in MiB."""
    import resource
    import sys

    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if children:
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return peak * scale / MIB
