"""Run an exported verifier with onnxruntime + tokenizers only (what the runtime side loads).

No torch, no transformers: this is the contract of a model folder under verify/models/<name>/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .evidence import best_evidence


class OnnxCrossEncoder:
    def __init__(self, folder: Path, threads: int = 2) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.meta: dict[str, Any] = json.loads((folder / "verifier.json").read_text())
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(folder / "model.onnx"), opts,
                                            providers=["CPUExecutionProvider"])  # fmt: skip

    def probabilities(self, claim: str, document: str) -> dict[str, float]:
        ev = best_evidence(
            claim, document, self.meta["top_k_windows"], self.meta["window_sentences"]
        )
        enc = self.tok.encode(claim, ev)
        feed = {
            "input_ids": np.array([enc.ids], dtype=np.int64),
            "token_type_ids": np.array([enc.type_ids], dtype=np.int64),
            "attention_mask": np.array([enc.attention_mask], dtype=np.int64),
        }
        logits = np.asarray(self.session.run(["logits"], feed)[0][0], dtype=np.float64)
        probs = np.exp(logits - logits.max())
        probs /= probs.sum()
        return {label: float(p) for label, p in zip(self.meta["labels"], probs, strict=True)}
