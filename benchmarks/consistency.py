"""Claim-vs-document consistency: does storydesk's ModelVerifier (trained cross-encoder + cheap
features, combined) rank consistent claims above inconsistent ones better than cheap baselines
computed in the same run?

Data: SummaC's FactCC and Polytope subsets (news document + summary sentence, 1 = consistent) and
a held-out SNLI test sample (entailment = 1). The cross-encoder trained on the train split of
storydesk.verify.data.build, its combiner on that build's dev split; neither read these sets
(the data builder refuses dev/consistency). The cross-encoder alone is reported beside the
combination, and `--features` adds the model-free FeatureVerifier. AUC is threshold-free.
Balanced accuracy: storydesk at its own fitted threshold (verdict "supported"); baselines at
their best cut on the very data (an oracle operating point, which flatters them). Throughput:
checks per second on ~500-word documents (each a new document, so nothing is cached).
MRPC test paraphrases (1,147) give the share of honest restatements the verifier calls supported
and, wrongly, contradicted. Each set's margin over its best baseline comes with a 95% paired
bootstrap interval: FactCC has 311 pairs, so a margin of a few hundredths is within noise.

`polytope_inaccuracy` is Polytope's consistent summaries against only those with an inaccuracy
error, the part of Polytope a claim checker can see (see faithfulness_subset). It is reported
beside the whole set, not instead of it.

    python benchmarks/consistency.py [--nli N] [--speed N] [--features] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from _metrics import (
    DATA,
    auc_difference_interval,
    load_mrpc,
    roc_auc,
    table,
    tfidf_cosine,
    words,
    write_json,
)
from storydesk.nlp.sentences import split_sentences
from storydesk.verify.crossencoder import CrossEncoder
from storydesk.verify.features import STOPWORDS
from storydesk.verify.model_verifier import ModelVerifier
from storydesk.verify.verifier import FeatureVerifier

Pair = tuple[str, str, int]  # document, claim, label


def load_summac(name: str) -> tuple[list[Pair], list[list[str]]]:
    """The set's pairs, and each pair's annotated error types (Polytope has them)."""
    data = json.loads((DATA / "dev" / "consistency" / f"{name}.json").read_text("utf-8"))
    rows = [r for _, r in sorted(data.items())]
    pairs = [(r["document"], r["claim"], int(r["label"])) for r in rows]
    return pairs, [list(r.get("errors") or []) for r in rows]


def faithfulness_subset(pairs: list[Pair], errors: list[list[str]]) -> tuple[list[Pair], float]:
    """Polytope's consistent summaries against those with an inaccuracy error, and the ROC AUC
    an ideal faithfulness checker would reach on the whole set.

    Most Polytope negatives are marked only for omission, duplication or "addition" (content
    of the source that a summary should have left out: their words come from the document as
    much as the positives' do). A checker of what a summary says cannot, and should not, mark
    those. Ranking every inaccuracy below every positive and the rest level with the positives
    gives AUC = share + (1 - share) / 2, where share = the negatives' share with an inaccuracy.
    """
    wrong = [any(e.startswith("Inaccuracy") for e in errs) for errs in errors]
    subset = [p for p, w in zip(pairs, wrong, strict=True) if p[2] == 1 or w]
    negatives = [w for p, w in zip(pairs, wrong, strict=True) if p[2] == 0]
    share = sum(negatives) / len(negatives) if negatives else 0.0
    return subset, share + (1.0 - share) / 2.0


def load_snli_test(n: int) -> list[Pair]:
    base = DATA / "nli" / "snli"
    s1, s2, y = (
        (base / f"{k}.test").read_text("utf-8").splitlines() for k in ("s1", "s2", "labels")
    )
    pairs = [(a, b, int(c == "entailment")) for a, b, c in zip(s1, s2, y, strict=True)]
    return random.Random(1).sample(pairs, min(n, len(pairs)))


def load_mrpc_paraphrases() -> list[Pair]:
    """MRPC test pairs judged paraphrases: the second sentence as a claim, the first as its
    document. A paraphrase need not be entailed (one side may add a detail), so "unverified" is
    often right; "contradicted" almost never is."""
    return [(s1, s2, 1) for s1, s2, paraphrase in load_mrpc() if paraphrase]


def paraphrase_verdicts(pairs: list[Pair], v: ModelVerifier) -> dict[str, float]:
    """Shares of paraphrases the verifier calls supported and contradicted: the issue's "honest
    restatements are supported" on public data rather than on a few hand-written sentences."""
    labels = [v.verify(claim, doc).label for doc, claim, _ in pairs]
    return {
        "mrpc_paraphrase_supported": labels.count("supported") / len(labels),
        "mrpc_paraphrase_contradicted": labels.count("contradicted") / len(labels),
        "mrpc_paraphrase_n": float(len(labels)),
    }


def unigram_precision(doc: str, claim: str) -> float:
    toks = words(claim)
    vocab = set(words(doc))
    return sum(w in vocab for w in toks) / len(toks) if toks else 0.0


def entity_overlap(doc: str, claim: str) -> float:
    """Share of the claim's capitalised or numeric tokens found in the document (NER-free, so it
    also works on FactCC's lowercased claims through the digits)."""
    keys = [w for w in claim.split() if w[:1].isupper() or w[:1].isdigit()]
    keys = [w.strip(".,;:'\"()").lower() for w in keys[1:] if w.lower() not in STOPWORDS]
    vocab = set(words(doc))
    keys = [k for k in keys if k]
    return sum(k in vocab for k in keys) / len(keys) if keys else 1.0


def best_bow(pairs: Sequence[Pair]) -> list[float]:
    out = []
    for doc, claim, _ in pairs:
        sents = split_sentences(doc) or [doc]
        out.append(max(tfidf_cosine([(claim, s) for s in sents])))
    return out


def best_use(pairs: Sequence[Pair], encode: Callable[[list[str]], np.ndarray]) -> list[float]:
    out = []
    for doc, claim, _ in pairs:
        sents = split_sentences(doc) or [doc]
        vecs = encode([claim, *sents])
        out.append(float((vecs[1:] @ vecs[0]).max()))
    return out


def balanced_accuracy(pred: Sequence[bool], gold: Sequence[int]) -> float:
    p, y = np.asarray(pred, bool), np.asarray(gold, int)
    return float(((p[y == 1]).mean() + (~p[y == 0]).mean()) / 2)


def oracle_bacc(scores: Sequence[float], gold: Sequence[int]) -> float:
    return max(balanced_accuracy([s >= t for s in scores], gold) for t in set(scores))


def ours(pairs: list[Pair], v: ModelVerifier) -> tuple[list[float], list[bool], list[float]]:
    """(combined score, verdict is 'supported', cross-encoder alone) per pair. The verdict is the
    one `verify` gives (a sentence unverified whole read again as its statements and as a joined
    pair of document sentences); the model alone is its weakest sentence's P(entail) -
    P(contradict), the issue's scoring of the quick model."""
    combined, supported, model = [], [], []
    for doc, claim, _ in pairs:
        scores = v.sentence_scores(claim, doc)
        verdict = v.judged(claim, doc, scores) if scores else None
        combined.append(verdict.support - verdict.contradiction if verdict else 0.0)
        supported.append(verdict is not None and verdict.label == "supported")
        model.append(min((s.probs[0] - s.probs[2] for s in scores), default=0.0))
    return combined, supported, model


def evaluate(
    name: str, pairs: list[Pair], v: ModelVerifier, fv: FeatureVerifier | None
) -> tuple[list[tuple[object, ...]], dict[str, float]]:
    gold = [y for *_, y in pairs]
    combined, supported, model = ours(pairs, v)
    baselines: dict[str, list[float]] = {
        "unigram precision": [unigram_precision(d, c) for d, c, _ in pairs],
        "entity overlap": [entity_overlap(d, c) for d, c, _ in pairs],
        "best-sentence BoW cosine": best_bow(pairs),
        "best-sentence USE": best_use(pairs, v.encode),
    }
    sd_auc = roc_auc(combined, gold)
    sd_bacc, model_auc = balanced_accuracy(supported, gold), roc_auc(model, gold)
    rows: list[tuple[object, ...]] = [
        (name, "storydesk ModelVerifier", sd_auc, sd_bacc, "fitted"),
        (name, "  cross-encoder alone", model_auc, oracle_bacc(model, gold), "oracle"),
    ]
    metrics = {f"{name}_model_only_auc": model_auc}
    if fv is not None:
        verdicts = [fv.verify(claim, doc) for doc, claim, _ in pairs]
        f_auc = roc_auc([x.support - x.contradiction for x in verdicts], gold)
        f_bacc = balanced_accuracy([x.label == "supported" for x in verdicts], gold)
        rows.append((name, "  FeatureVerifier (no model)", f_auc, f_bacc, "fitted"))
        metrics[f"{name}_features_auc"] = f_auc
    aucs = {}
    for method, scores in baselines.items():
        aucs[method] = roc_auc(scores, gold)
        rows.append((name, method, aucs[method], oracle_bacc(scores, gold), "oracle"))
    best_name = max(aucs, key=aucs.__getitem__)
    best = aucs[best_name]
    lo, hi = auc_difference_interval(combined, baselines[best_name], gold)
    metrics |= {
        f"{name}_auc": sd_auc, f"{name}_bacc": sd_bacc,
        f"{name}_best_baseline_auc": best, f"{name}_margin": sd_auc - best,
        f"{name}_margin_lo": lo, f"{name}_margin_hi": hi, f"{name}_n": float(len(pairs)),
    }  # fmt: skip
    return rows, metrics


def speed(v: ModelVerifier, pairs: list[Pair], n: int) -> float:
    """Checks per second: each claim against its own document cut to 500 words (shorter ones
    are skipped), every document new to the verifier."""
    jobs = [(" ".join(d.split(" ")[:500]), c) for d, c, _ in pairs if len(d.split()) >= 500][:n]
    start = time.perf_counter()
    for d, c in jobs:
        v.verify(c, d + " ")  # the trailing space defeats the index cache
    return len(jobs) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--nli", type=int, default=500, help="held-out SNLI test pairs")
    ap.add_argument("--speed", type=int, default=100, help="documents for the throughput run")
    ap.add_argument("--json", metavar="PATH", help="write the metrics here")
    ap.add_argument("--model", type=Path, default=None,
                    help="an exported model folder (default: the packaged model)")  # fmt: skip
    ap.add_argument("--features", action="store_true",
                    help="also score the model-free FeatureVerifier (slower)")  # fmt: skip
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    model = CrossEncoder(args.model)
    model_load_s = time.perf_counter() - t0
    v = ModelVerifier(model)
    v.verify("The mayor opened the bridge.", "The mayor opened the new bridge on Monday.")
    load_s = time.perf_counter() - t0
    fv = FeatureVerifier(nlp=v.nlp, embed=v.encode) if args.features else None
    rows: list[tuple[object, ...]] = []
    metrics: dict[str, float] = {"load_s": load_s, "model_load_s": model_load_s}
    factcc, _ = load_summac("factcc")
    polytope, errors = load_summac("polytope")
    polytope_inaccuracy, ideal = faithfulness_subset(polytope, errors)
    metrics["polytope_ideal_checker_auc"] = ideal
    sets: dict[str, list[Pair]] = {
        "factcc": factcc,
        "polytope": polytope,
        "polytope_inaccuracy": polytope_inaccuracy,
        "nli": load_snli_test(args.nli),
    }
    for name, pairs in sets.items():
        r, m = evaluate(name, pairs, v, fv)
        rows += r
        metrics.update(m)
    metrics["mean_auc"] = (metrics["factcc_auc"] + metrics["polytope_auc"]) / 2
    metrics.update(paraphrase_verdicts(load_mrpc_paraphrases(), v))
    # A claim is one sentence (FactCC); Polytope's claims are 3-sentence summaries.
    metrics["checks_per_s"] = speed(v, factcc, args.speed)
    metrics["summary_checks_per_s"] = speed(v, polytope, args.speed)
    metrics["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    metrics["total_s"] = time.perf_counter() - t0
    print(table(rows, ["set", "method", "ROC AUC", "bal. acc", "threshold"]))
    print(
        f"\nmean AUC (factcc, polytope) {metrics['mean_auc']:.3f}; "
        f"{metrics['checks_per_s']:.1f} one-sentence claim checks/s "
        f"({metrics['summary_checks_per_s']:.1f} for 3-sentence summaries) on 500-word documents; "
        f"model load {model_load_s:.2f}s, all models {load_s:.1f}s; "
        f"peak RSS {metrics['rss_mb']:.0f} MB; total {metrics['total_s']:.0f}s"
    )
    print(
        f"MRPC test paraphrases ({int(metrics['mrpc_paraphrase_n'])}, second sentence against "
        f"the first): supported {metrics['mrpc_paraphrase_supported']:.3f}, contradicted "
        f"{metrics['mrpc_paraphrase_contradicted']:.3f} (the rest unverified)"
    )
    for name in sets:
        print(
            f"{name}: storydesk minus the best baseline {metrics[f'{name}_margin']:+.3f}, "
            f"95% paired bootstrap interval [{metrics[f'{name}_margin_lo']:+.3f}, "
            f"{metrics[f'{name}_margin_hi']:+.3f}] over {int(metrics[f'{name}_n'])} pairs"
        )
    print(
        f"polytope_inaccuracy: Polytope's consistent summaries against those with an inaccuracy "
        f"error (the part a claim checker can see). An ideal faithfulness checker reaches only "
        f"{ideal:.3f} on all of Polytope: its other negatives are omissions, duplications and "
        f"source content that should have been left out."
    )
    write_json(args.json, metrics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
