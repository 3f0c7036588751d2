"""`python -m storydesk.verify.train --data DIR --out DIR [--config cfg.json] [--resume]`.

A checkpoint holds model, optimizer, scheduler, every RNG state and the data position (epoch,
batch), so a resumed run takes exactly the steps an uninterrupted run would have taken.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from . import model as M
from .batches import Example, epoch_batches, load
from .config import NOT_ENTAILMENT, TrainConfig


class Run:
    def __init__(self, cfg: TrainConfig, data: Path, out: Path) -> None:
        self.cfg, self.out = cfg, out
        self.device = torch.device(
            "cuda"
            if cfg.device == "auto" and torch.cuda.is_available()
            else ("cpu" if cfg.device == "auto" else cfg.device)
        )
        torch.set_num_threads(cfg.threads)
        self.tok = M.tokenizer(cfg.max_length)
        skip = frozenset(cfg.exclude_ops)
        self.train = load(data / "train.jsonl", cfg.top_k_windows, cfg.window_sentences, None, skip)
        if cfg.nli_limit is not None:
            self.train = _cap_nli(self.train, cfg.nli_limit, cfg.seed)
        self.dev = load(data / "dev.jsonl", cfg.top_k_windows, cfg.window_sentences, None, skip)
        encs = self.tok.encode_batch([(e.claim, e.evidence) for e in self.train])
        self.lengths = [len(e.ids) for e in encs]
        self.steps_per_epoch = -(-len(self.train) // cfg.batch_size)
        self.total = self.steps_per_epoch * cfg.epochs
        _seed_all(cfg.seed)  # before build: the head's random init is part of the recipe
        self.model = M.build(cfg).to(self.device)
        if cfg.freeze_embeddings:
            self.model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
        params = [(n, p) for n, p in self.model.named_parameters() if p.requires_grad]
        decay = [p for n, p in params if "LayerNorm" not in n and "bias" not in n]
        no_decay = [p for n, p in params if "LayerNorm" in n or "bias" in n]
        self.opt = torch.optim.AdamW(
            [
                {"params": decay, "weight_decay": cfg.weight_decay},
                {"params": no_decay, "weight_decay": 0.0},
            ],
            lr=cfg.lr,
        )
        warm = max(1, int(cfg.warmup_fraction * self.total))
        self.sched = torch.optim.lr_scheduler.LambdaLR(
            self.opt,
            lambda s: min((s + 1) / warm, max(0.0, (self.total - s) / max(1, self.total - warm))),
        )
        self.step, self.epoch, self.batch = 0, 0, 0
        self.log = (out / "log.jsonl").open("a", encoding="utf-8")

    def save(self) -> None:
        ckpt = self.out / "checkpoint"
        ckpt.mkdir(parents=True, exist_ok=True)
        rng = {
            "python": random.getstate(),
            "numpy": np.random.get_state(),
            "torch": torch.get_rng_state(),
            "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None,
        }
        state = {
            "model": self.model.state_dict(),
            "optimizer": self.opt.state_dict(),
            "scheduler": self.sched.state_dict(),
            "rng": rng,
            "position": {"step": self.step, "epoch": self.epoch, "batch": self.batch},
        }
        tmp = ckpt / "state.pt.tmp"
        torch.save(state, tmp)
        tmp.replace(ckpt / "state.pt")  # atomic: a crash mid-save keeps the previous checkpoint
        (ckpt / "model_config.json").write_text(self.model.config.to_json_string())
        self.cfg.save(ckpt / "config.json")

    def restore(self) -> None:
        state = torch.load(
            self.out / "checkpoint" / "state.pt", map_location=self.device, weights_only=False
        )
        self.model.load_state_dict(state["model"])
        self.opt.load_state_dict(state["optimizer"])
        self.sched.load_state_dict(state["scheduler"])
        rng = state["rng"]
        random.setstate(rng["python"])
        np.random.set_state(rng["numpy"])
        torch.set_rng_state(rng["torch"].cpu())
        if rng["cuda"] is not None and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(rng["cuda"])
        pos = state["position"]
        self.step, self.epoch, self.batch = pos["step"], pos["epoch"], pos["batch"]

    def emit(self, record: dict[str, Any]) -> None:
        line = json.dumps(record)
        print(line, flush=True)
        self.log.write(line + "\n")
        self.log.flush()

    def evaluate(self, examples: list[Example]) -> dict[str, float]:
        self.model.eval()
        correct = 0
        with torch.no_grad():
            for i in range(0, len(examples), 64):
                chunk = examples[i : i + 64]
                enc = M.encode(self.tok, [(e.claim, e.evidence) for e in chunk], self.device)
                pred = self.model(**enc).logits.argmax(-1).tolist()
                for p, e in zip(pred, chunk, strict=True):
                    correct += (p != 0) if e.label == NOT_ENTAILMENT else (p == e.label)
        self.model.train()
        return {"dev_accuracy": correct / max(1, len(examples)), "dev_n": len(examples)}

    def train_step(self, idx: list[int]) -> float:
        chunk = [self.train[i] for i in idx]
        enc = M.encode(self.tok, [(e.claim, e.evidence) for e in chunk], self.device)
        labels = torch.tensor([e.label for e in chunk], device=self.device)
        loss = M.loss_fn(self.model(**enc).logits, labels)
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.cfg.grad_clip)
        self.opt.step()
        self.sched.step()
        return float(loss.item())

    def run(self, max_steps: int | None) -> None:
        stop = min(self.total, max_steps) if max_steps is not None else self.total
        self.model.train()
        t0, done = time.perf_counter(), 0
        while self.step < stop and self.epoch < self.cfg.epochs:
            order = epoch_batches(self.lengths, self.cfg.batch_size, self.cfg.seed, self.epoch)
            while self.batch < len(order) and self.step < stop:
                loss = self.train_step(order[self.batch])
                self.batch, self.step, done = self.batch + 1, self.step + 1, done + 1
                if self.step % self.cfg.log_every == 0 or self.step == stop:
                    rate = done / (time.perf_counter() - t0)
                    self.emit(
                        {
                            "step": self.step,
                            "epoch": self.epoch,
                            "loss": round(loss, 5),
                            "lr": self.sched.get_last_lr()[0],
                            "steps_per_s": round(rate, 3),
                        }
                    )
                if self.step % self.cfg.eval_every == 0:
                    self.emit({"step": self.step, **self.evaluate(self.dev[: self.cfg.dev_max])})
                if self.step % self.cfg.save_every == 0:
                    self.save()
            if self.batch >= len(order):
                self.epoch, self.batch = self.epoch + 1, 0
        self.save()
        final = self.evaluate(self.dev)
        self.emit({"step": self.step, "final": True, **final})
        (self.out / "metrics.json").write_text(json.dumps({"step": self.step, **final}, indent=2))


def _cap_nli(examples: list[Example], limit: int, seed: int) -> list[Example]:
    """All synthesised pairs plus a seeded sample of `limit` NLI pairs, in file order."""
    nli = [i for i, e in enumerate(examples) if not e.synthetic]
    if limit >= len(nli):
        return examples
    keep = set(random.Random(f"{seed}:nli_limit").sample(nli, limit))
    return [e for i, e in enumerate(examples) if e.synthetic or i in keep]


def _seed_all(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storydesk.verify.train")
    ap.add_argument(
        "--data", type=Path, required=True, help="output of storydesk.verify.data.build"
    )
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--config", type=Path, default=None)
    ap.add_argument("--resume", action="store_true", help="continue from OUT/checkpoint")
    ap.add_argument("--max-steps", type=int, default=None, help="stop after this global step")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    saved = args.out / "config.json"
    if args.resume:  # the saved config wins: a resumed run must be the same run
        cfg = TrainConfig.load(saved)
    else:
        cfg = TrainConfig.load(args.config) if args.config else TrainConfig()
        cfg.save(saved)
    manifest = args.data / "manifest.json"
    if manifest.is_file():  # the model card names the data this model saw
        (args.out / "data_manifest.json").write_text(manifest.read_text(encoding="utf-8"))
    run = Run(cfg, args.data, args.out)
    if args.resume:
        run.restore()
        run.emit({"resumed_at_step": run.step, "epoch": run.epoch, "batch": run.batch})
    run.run(args.max_steps)
    return 0
