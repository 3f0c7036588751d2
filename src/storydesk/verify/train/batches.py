"""Examples and the length-grouped batch order (torch-free, deterministic from seed + epoch)."""

from __future__ import annotations

import json
import random
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..evidence import best_evidence
from .config import LABEL_IDS

POOL = 50  # batches per sorting pool: grouping by length within it, shuffled between


@dataclass(frozen=True)
class Example:
    claim: str
    evidence: str
    label: int
    source: str
    synthetic: bool = False  # a synthesised news pair (not from the NLI pool)


def load(
    path: Path, top_k: int, size: int, limit: int | None = None, exclude: Set[str] = frozenset()
) -> list[Example]:
    """The rows of a data build as Examples, skipping rows whose op is in `exclude`."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row: dict[str, Any] = json.loads(line)
            if row.get("op", "nli") in exclude:
                continue
            ev = best_evidence(row["hypothesis"], row["premise"], top_k, size)
            synthetic = row.get("op", "nli") != "nli"
            label = LABEL_IDS[row["label"]]
            out.append(Example(row["hypothesis"], ev, label, row["source"], synthetic))
            if limit is not None and len(out) >= limit:
                break
    return out


def epoch_batches(lengths: list[int], batch_size: int, seed: int, epoch: int) -> list[list[int]]:
    """Shuffle, sort by length within pools of POOL batches (less padding, so faster on CPU),
    then shuffle the batches so lengths do not trend through the epoch."""
    rng = random.Random(f"{seed}:epoch:{epoch}")
    order = list(range(len(lengths)))
    rng.shuffle(order)
    batches: list[list[int]] = []
    span = batch_size * POOL
    for start in range(0, len(order), span):
        pool = sorted(order[start : start + span], key=lambda i: lengths[i])
        batches += [pool[i : i + batch_size] for i in range(0, len(pool), batch_size)]
    rng.shuffle(batches)
    return batches
