"""Readers for the shared data: news articles to synthesise from, and the public NLI pool.

Every reader records the files it opened (with their hashes) in an `Inputs` log, so the
manifest proves which data a build saw, and that dev/consistency (the evaluation sets) was not
among them.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

csv.field_size_limit(1 << 30)

# Never read: these are the claim-vs-document evaluation sets (benchmarks/consistency.py).
FORBIDDEN = ("dev/consistency",)

LICENCES = {
    "polnear": "no licence file; article texts belong to their publishers (research use)",
    "semeval2022_task8": "repo Apache-2.0; article texts belong to their publishers",
    "snli": "CC BY-SA 4.0 (SNLI); e-SNLI repo MIT",
    "mnli_taxinli": "C-UDA v1.0 (TaxiNLI); MultiNLI text OANC / CC BY-SA 3.0",
    "sick": "CC BY-NC-SA 3.0",
    "conjnli": "MIT",
    "rte": "GLUE RTE, research use (no explicit open licence)",
    "fever_nli_dev": "CC BY-SA 3.0 (FEVER, Wikipedia-derived)",
    "climate_fever": "CC BY-SA 3.0 (per HF card, not verified)",
    "healthver": "no licence file found in repo",
    "covidfact": "no licence file found in repo",
    "scifact_rte": "CC BY-NC 2.0 (SciFact)",
}
# 2-way sets say only "not_entailment"; the trainer scores that label as P(neutral)+P(contra).
_LABELS = {
    "entailment": "entailment", "neutral": "neutral", "contradiction": "contradiction",
    "supports": "entailment", "refutes": "contradiction", "not_enough_info": "neutral",
    "not_entailment": "not_entailment",
}  # fmt: skip


@dataclass
class Inputs:
    root: Path
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256

    def open(self, rel: str) -> Path:
        if any(rel.startswith(f) for f in FORBIDDEN):
            raise ValueError(f"{rel} is an evaluation set and must not be read for training")
        path = self.root / rel
        self.files[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        return path


@dataclass(frozen=True)
class NewsArticle:
    id: str
    source: str
    text: str


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: str
    source: str
    op: str
    article_id: str


def polnear_articles(inp: Inputs) -> Iterator[NewsArticle]:
    for comp in ("train", "dev"):
        folder = inp.root / "dev/polnear/data" / comp / "text"
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            text = inp.open(str(path.relative_to(inp.root))).read_text(encoding="utf-8")
            yield NewsArticle(f"polnear:{path.stem}", "polnear", text)


def semeval_articles(inp: Inputs) -> Iterator[NewsArticle]:
    """English texts of the SemEval pairs; one article can sit in several pairs, so the id is
    the text's hash (a repeated article gets one id and lands in one split)."""
    rel = "dev/semeval2022_task8/pairs.csv"
    if not (inp.root / rel).is_file():
        return
    seen: set[str] = set()
    with inp.open(rel).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            for lang, text in ((row["lang1"], row["text1"]), (row["lang2"], row["text2"])):
                key = hashlib.sha1(text.strip().encode()).hexdigest()[:16]
                if lang == "en" and len(text) > 400 and key not in seen:
                    seen.add(key)
                    yield NewsArticle(f"semeval:{key}", "semeval2022_task8", text)


def _tsv(path: Path, quoting: Literal[0, 1, 2, 3] = csv.QUOTE_MINIMAL) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=quoting)


def _pair(src: str, premise: str, hypothesis: str, label: str) -> Pair | None:
    mapped = _LABELS.get(label.strip().lower())
    if mapped is None or not premise.strip() or not hypothesis.strip():
        return None
    group = hashlib.sha1(premise.strip().lower().encode()).hexdigest()[:16]
    return Pair(premise.strip(), hypothesis.strip(), mapped, src, "nli", f"{src}:{group}")


def _snli(inp: Inputs) -> Iterator[Pair | None]:
    for part in ("dev", "test"):
        cols = [inp.open(f"nli/snli/{n}.{part}").read_text(encoding="utf-8").splitlines()
                for n in ("s1", "s2", "labels")]  # fmt: skip
        for p, h, lab in zip(*cols, strict=True):
            yield _pair("snli", p, h, lab)


def _fever(inp: Inputs) -> Iterator[Pair | None]:
    cols = [inp.open(f"nli/fever_nli_dev/dev.{n}").read_text(encoding="utf-8").splitlines()
            for n in ("raw.input0", "raw.input1", "label")]  # fmt: skip
    for p, h, lab in zip(*cols, strict=True):
        # FEVER here has NEI removed, so not_entailment is REFUTES: a contradiction.
        yield _pair("fever_nli_dev", p, h, "contradiction" if lab == "not_entailment" else lab)


def _tsv_sets(inp: Inputs) -> Iterator[Pair | None]:
    for row in _tsv(inp.open("nli/mnli_taxinli/taxinli10k.tsv"), csv.QUOTE_NONE):
        yield _pair("mnli_taxinli", row["prem"], row["hyp"], row["label"])
    for row in _tsv(inp.open("nli/sick/SICK.txt")):
        yield _pair("sick", row["sentence_A"], row["sentence_B"], row["entailment_label"])
    for name in ("adversarial_train_15k.tsv", "conj_dev.tsv"):
        for row in _tsv(inp.open(f"nli/conjnli/{name}"), csv.QUOTE_NONE):
            yield _pair("conjnli", row["Premise"], row["Hypothesis"], row["Label"])
    rte = [("rte", f"nli/rte/{n}.tsv") for n in ("train", "dev", "test_split")]
    rte += [("covidfact", f"nli/covidfact/RTE-covidfact_{n}.tsv") for n in ("train", "dev")]
    rte += [("scifact_rte", f"nli/scifact_rte/RTE-scifact_{n}.tsv") for n in ("train", "dev")]
    for src, rel in rte:
        for row in _tsv(inp.open(rel), csv.QUOTE_NONE):
            vals = list(row.values())
            yield _pair(src, vals[1], vals[2], vals[3])


def _claim_sets(inp: Inputs) -> Iterator[Pair | None]:
    with inp.open("nli/climate_fever/climate-fever.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            for ev in rec["evidences"]:
                yield _pair("climate_fever", ev["evidence"], rec["claim"], ev["evidence_label"])
    for part in ("dev", "test"):
        with inp.open(f"nli/healthver/healthver_{part}.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                yield _pair("healthver", row["evidence"], row["claim"], row["label"])


NLI_READERS: tuple[tuple[str, Callable[[Inputs], Iterator[Pair | None]]], ...] = (
    ("snli", _snli), ("fever_nli_dev", _fever), ("tsv", _tsv_sets), ("claims", _claim_sets),
)  # fmt: skip


def nli_pool(inp: Inputs) -> tuple[list[Pair], dict[str, str]]:
    """All NLI pairs, deduplicated on (premise, hypothesis), plus readers that were skipped
    because their files are missing (a partial checkout still builds; the manifest says so)."""
    seen: set[tuple[str, str]] = set()
    out: list[Pair] = []
    skipped: dict[str, str] = {}
    for name, reader in NLI_READERS:
        try:
            pairs = list(reader(inp))
        except FileNotFoundError as exc:
            skipped[name] = f"missing: {exc.filename}"
            continue
        for pair in pairs:
            key = (
                (" ".join(pair.premise.lower().split()), " ".join(pair.hypothesis.lower().split()))
                if pair
                else ("", "")
            )
            if pair is not None and key not in seen:
                seen.add(key)
                out.append(pair)
    return out, skipped
