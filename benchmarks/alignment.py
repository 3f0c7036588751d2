"""Claim alignment quality on MRPC (test split): does storydesk link paraphrases, and only them?

storydesk's score is the one the aligner uses (multilingual USE cosine plus the shared-entity
bonus), reported at its configured threshold (the real operating point) and as ROC AUC. Baselines
in the same run: TF-IDF cosine and word Jaccard, each at its own best-F1 threshold chosen on the
test data itself (an oracle advantage the baselines get and storydesk does not).

    python benchmarks/alignment.py [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import sys
import time

from _metrics import (
    best_f1,
    jaccard,
    load_mrpc,
    prf,
    roc_auc,
    table,
    tfidf_cosine,
    write_json,
)
from storydesk.facts.align import pair_scores
from storydesk.model import Article
from storydesk.nlp.acronyms import abbreviate, initials_in
from storydesk.nlp.claims import quote_mask, sentence_claim
from storydesk.nlp.models import embedder, spacy_pipeline
from storydesk.options import Options


def storydesk_scores(pairs: list[tuple[str, str]], options: Options) -> list[float]:
    nlp = spacy_pipeline(options.spacy_model)
    texts = [t for pair in pairs for t in pair]
    claims = []
    for k, doc in enumerate(nlp.pipe(texts, batch_size=128)):
        art = Article(id=f"s{k}", path="", text=texts[k])
        claims.append(sentence_claim(art, 0, doc[:], 0, quote_mask(texts[k])))
    # As the embed stage does for a story: a full name is embedded as initials the pair uses.
    shown = []
    for a, b in pairs:
        known = initials_in((a, b))
        shown += [abbreviate(a, known), abbreviate(b, known)]
    changed = sum(x != y for x, y in zip(shown, texts, strict=True))
    print(f"{changed} sentences embedded with a full name written as the pair's initials")
    emb = embedder(options.embedder, options.embed_threads).encode(shown)
    out = []
    for k in range(0, len(claims), 2):
        sims = emb[k : k + 2] @ emb[k : k + 2].T
        out.append(float(pair_scores(claims[k : k + 2], sims, options)[0, 1]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    rows = load_mrpc(args.limit)
    pairs = [(a, b) for a, b, _ in rows]
    gold = [y for _, _, y in rows]
    options = Options()
    t0 = time.perf_counter()
    ours = storydesk_scores(pairs, options)
    elapsed = time.perf_counter() - t0
    p, r, f1 = prf([s >= options.align_threshold for s in ours], gold)
    results = [
        ("storydesk (at align_threshold)", roc_auc(ours, gold), p, r, f1, options.align_threshold)
    ]
    for name, scores in (
        ("tf-idf cosine (oracle thr.)", tfidf_cosine(pairs)),
        ("word jaccard (oracle thr.)", [jaccard(a, b) for a, b in pairs]),
    ):
        bf1, thr = best_f1(scores, gold)
        bp, br, _ = prf([s >= thr for s in scores], gold)
        results.append((name, roc_auc(scores, gold), bp, br, bf1, thr))
    print(
        f"MRPC test: {len(rows)} pairs, {sum(gold)} paraphrases; storydesk scored in {elapsed:.1f}s"
    )
    print(table(results, ["method", "roc_auc", "precision", "recall", "f1", "threshold"]))
    best = max(r[1] for r in results[1:])
    metrics = {
        "mrpc_auc": results[0][1],
        "mrpc_precision": p,
        "mrpc_f1": f1,
        "mrpc_auc_margin_over_best_baseline": results[0][1] - best,
    }
    write_json(args.json, metrics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
