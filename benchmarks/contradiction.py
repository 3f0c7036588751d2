"""Structured contradiction checks on public NLI pairs: when storydesk says two statements
conflict, how often is that right (precision), and how many conflicts does it catch (recall)?

Each premise/hypothesis pair is treated as two sources; a pair counts as flagged when any
check fires. Gold: the NLI "contradiction" label (entailment and neutral are negatives).
The checks are built to be conservative, so read precision first; recall is bounded because most
NLI contradictions are about world knowledge, not a swapped actor, number, date or negation.
Baselines in the same run: a negation-word mismatch and a digits mismatch heuristic.

    python benchmarks/contradiction.py [--per-set N] [--json out.json]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections.abc import Sequence

import numpy as np

from _metrics import DATA, prf, table, write_json
from storydesk.model import Article
from storydesk.nlp.claims import article_claims
from storydesk.nlp.models import embedder, spacy_pipeline
from storydesk.options import Options
from storydesk.verify.checks import Context
from storydesk.verify.stage import find_disputes

Pair = tuple[str, str, int]
_NEG = re.compile(r"\b(not|no|never|nobody|nothing|none|neither|nor)\b|n't\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")


def load_snli() -> list[Pair]:
    base = DATA / "nli" / "snli"
    s1 = (base / "s1.test").read_text(encoding="utf-8").splitlines()
    s2 = (base / "s2.test").read_text(encoding="utf-8").splitlines()
    labels = (base / "labels.test").read_text(encoding="utf-8").splitlines()
    return [
        (a.strip(), b.strip(), int(y == "contradiction"))
        for a, b, y in zip(s1, s2, labels, strict=True)
    ]


def load_mnli() -> list[Pair]:
    path = DATA / "nli" / "mnli_taxinli" / "taxinli10k.tsv"
    with path.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["prem"], r["hyp"], int(r["label"] == "contradiction")) for r in reader]


def storydesk_flags(pairs: Sequence[Pair], options: Options) -> list[bool]:
    nlp = spacy_pipeline(options.spacy_model)
    arts = [
        Article(id=f"{k}{side}", path="", text=text)
        for k, (a, b, _) in enumerate(pairs)
        for side, text in (("a", a), ("b", b))
    ]
    claims = article_claims(nlp, arts, min_content_words=1)
    emb = embedder(options.embedder, options.embed_threads).encode([c.text for c in claims])
    by_pair: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        by_pair.setdefault(int(c.article[:-1]), []).append(i)
    flags = []
    for k in range(len(pairs)):
        idx = by_pair.get(k, [])
        sub = [claims[i] for i in idx]
        sims = emb[idx] @ emb[idx].T if idx else np.zeros((0, 0))
        ctx = Context(article_text={f"{k}a": pairs[k][0], f"{k}b": pairs[k][1]}, labels={})
        flags.append(bool(find_disputes(sub, sims, ctx, options.dispute_min_similarity)))
    return flags


def negation_flags(pairs: Sequence[Pair]) -> list[bool]:
    return [bool(_NEG.search(a)) != bool(_NEG.search(b)) for a, b, _ in pairs]


def number_flags(pairs: Sequence[Pair]) -> list[bool]:
    out = []
    for a, b, _ in pairs:
        na, nb = set(_DIGITS.findall(a)), set(_DIGITS.findall(b))
        out.append(bool(na and nb and not na & nb))
    return out


def evaluate(
    name: str, pairs: list[Pair], options: Options
) -> tuple[list[tuple[object, ...]], dict[str, float]]:
    gold = [y for *_, y in pairs]
    rows: list[tuple[object, ...]] = []
    metrics: dict[str, float] = {}
    for method, flags in (
        ("storydesk checks", storydesk_flags(pairs, options)),
        ("negation mismatch", negation_flags(pairs)),
        ("digits mismatch", number_flags(pairs)),
    ):
        p, r, f1 = prf(flags, gold)
        rate = sum(flags) / len(flags)
        rows.append((name, method, p, r, f1, rate))
        key = method.split()[0]
        metrics.update({f"{name}_{key}_precision": p, f"{name}_{key}_recall": r})
    return rows, metrics


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-set", type=int, default=2000, help="pairs sampled from each set")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    options = Options()
    rows: list[tuple[object, ...]] = []
    metrics: dict[str, float] = {}
    for name, loader in (("snli", load_snli), ("mnli", load_mnli)):
        pairs = loader()
        sample = rng.sample(pairs, min(args.per_set, len(pairs)))
        r, m = evaluate(name, sample, options)
        rows += r
        metrics.update(m)
        pos = sum(y for *_, y in sample)
        print(
            f"{name}: {len(sample)} pairs, {pos} contradictions ({pos / len(sample):.0%} base rate)"
        )
    print(table(rows, ["set", "method", "precision", "recall", "f1", "flag rate"]))
    write_json(args.json, metrics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
