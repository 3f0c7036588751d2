"""An exported cross-encoder run with onnxruntime + tokenizers only: no torch at run time.

A model folder (verify/models/<name>/, written by storydesk.verify.train.export) holds
model.onnx (int8), tokenizer.json, verifier.json (labels, max length, evidence windows) and
MODEL_CARD.md. The packaged default is DEFAULT_MODEL.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import StorydeskError
from .evidence import best_evidence

DEFAULT_MODEL = "minilm-nli-v1"
_BATCH = 16


def packaged_model(name: str = DEFAULT_MODEL) -> Path:
    return Path(str(resources.files("storydesk.verify").joinpath("models", name)))


class CrossEncoder:
    """P(entailment), P(neutral), P(contradiction) for (claim, evidence) pairs."""

    def __init__(self, folder: str | Path | None = None, threads: int = 2) -> None:
        path = packaged_model() if folder is None else Path(folder)
        missing = [f for f in ("model.onnx", "tokenizer.json", "verifier.json")
                   if not (path / f).is_file()]  # fmt: skip
        if missing:
            raise StorydeskError(f"model folder {path} lacks {', '.join(missing)}")
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:  # both are dependencies; a broken install should say so
            msg = f"the cross-encoder needs onnxruntime and tokenizers: {exc}"
            raise StorydeskError(msg) from exc
        self.meta: dict[str, Any] = json.loads((path / "verifier.json").read_text("utf-8"))
        self.labels: tuple[str, ...] = tuple(self.meta["labels"])
        self.tok = Tokenizer.from_file(str(path / "tokenizer.json"))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(path / "model.onnx"), opts, providers=["CPUExecutionProvider"]
        )
        self.folder = path

    def evidence(self, claim: str, document: str) -> str:
        """The windows the model reads, picked exactly as in training."""
        return best_evidence(
            claim, document, self.meta["top_k_windows"], self.meta["window_sentences"]
        )

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """One row of label probabilities per (claim, evidence) pair, in self.labels order."""
        out = np.zeros((len(pairs), len(self.labels)), dtype=np.float64)
        if not pairs:
            return out
        encs = self.tok.encode_batch([(c, e) for c, e in pairs])
        order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))  # less padding
        for k in range(0, len(order), _BATCH):
            rows = order[k : k + _BATCH]
            width = max(len(encs[i].ids) for i in rows)
            feed = {n: np.zeros((len(rows), width), dtype=np.int64)
                    for n in ("input_ids", "token_type_ids", "attention_mask")}  # fmt: skip
            for r, i in enumerate(rows):
                e = encs[i]
                n = len(e.ids)
                feed["input_ids"][r, :n] = e.ids
                feed["token_type_ids"][r, :n] = e.type_ids
                feed["attention_mask"][r, :n] = 1
            logits = np.asarray(self.session.run(["logits"], feed)[0], dtype=np.float64)
            z = np.exp(logits - logits.max(axis=1, keepdims=True))
            out[rows] = z / z.sum(axis=1, keepdims=True)
        return out

    def score(self, claim: str, document: str) -> dict[str, float]:
        probs = self.probabilities([(claim, self.evidence(claim, document))])[0]
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}
