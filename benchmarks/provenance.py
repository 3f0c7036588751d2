"""Provenance: does the stage link derived articles to their origin, and only them?

Stories are built from real PolNeAR articles (2016 US election coverage, 7 outlets; read in place
from ../shared/data/dev/polnear). Each story holds one origin, two versions derived from it by
known operations (exact copy, sentence deletion keeping 50-80 %, paragraph reordering, synonym
substitution, translation-like rewording, summary by sentence selection) and three independent
real articles on the same topic (the corpus articles closest to the origin by TF-IDF cosine: hard
negatives from the same campaign, often the same week). Candidates sharing a fifth or more of their
5-word sequences with the origin are skipped as possible real copies (wire stories), so a
"negative" is not secretly a positive; how many were skipped is printed.

Half of the stories carry publication times (derived versions 1-10 h after the origin); in the
other half no article has a time, so direction must come from containment. Direction is scored on
the true edges whose direction the evidence can tell: a time, or an asymmetric operation
(deletion, summary). Pairs of two versions derived from one origin are siblings: they belong in
one group but are neither a positive nor a negative edge, and are reported apart.

Baseline in the same run: word 5-gram Jaccard of the full texts, with its threshold chosen for the
best F1 on this same data (an oracle advantage the stage, whose threshold is fixed, does not get).

    python benchmarks/provenance.py [--stories N] [--json out.json]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import time
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import numpy as np

from _metrics import DATA, best_f1, prf, roc_auc, table, write_json
from _provenance_ops import ASYMMETRIC, OPS, WORD, Source, derive, load_corpus
from storydesk.api import BRIEF_STAGES
from storydesk.minhash import containment, jaccard, shingle_hashes
from storydesk.model import Article
from storydesk.options import Options
from storydesk.pipeline import Document, run
from storydesk.provenance.score import LINK_THRESHOLD, derivation_score, orient, signals
from storydesk.provenance.stage import scored_pairs


@dataclass(frozen=True)
class Pair:
    story: int
    a: str
    b: str
    label: int  # 1 origin-derived, 0 unrelated, -1 siblings (reported apart)
    op: str | None
    knowable: bool  # the evidence can tell the direction of this true edge
    origin: str | None
    same_event: bool = False  # a SemEval pair of two outlets' reports of one event


def _tfidf(corpus: list[Source]) -> np.ndarray:
    docs = [Counter(WORD.findall((s.title + " " + s.text).lower())) for s in corpus]
    df = Counter(w for d in docs for w in d)
    vocab = {w: i for i, w in enumerate(w for w, c in df.items() if 2 <= c <= len(docs) // 10)}
    mat = np.zeros((len(docs), len(vocab)), dtype=np.float32)
    for r, d in enumerate(docs):
        for w, c in d.items():
            if w in vocab:
                mat[r, vocab[w]] = (1 + math.log(c)) * math.log(len(docs) / df[w])
    normed: np.ndarray = mat / np.maximum(np.linalg.norm(mat, axis=1, keepdims=True), 1e-9)
    return normed


def _containment(a: str, b: str) -> float:
    """Share of the smaller text's 5-word sequences found in the other."""
    x, y = shingle_hashes(a), shingle_hashes(b)
    return containment(x, y) if x.size <= y.size else containment(y, x)


def independents(
    corpus: list[Source], sims: np.ndarray, origin: int, n: int
) -> tuple[list[Source], int]:
    """The n articles closest to the origin that are not copies of it or of each other."""
    chosen: list[Source] = []
    skipped = 0
    for j in np.argsort(-sims[origin], kind="stable"):
        cand = corpus[int(j)]
        if int(j) == origin or len(chosen) == n:
            continue
        texts = [corpus[origin].text, *(c.text for c in chosen)]
        if any(_containment(cand.text, t) >= 0.2 for t in texts):
            skipped += 1
            continue
        chosen.append(cand)
    return chosen, skipped


def _stamp(date: str, hours: float) -> str:
    moment = datetime.fromisoformat(date + "T08:00:00+00:00") + timedelta(hours=hours)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build(n_stories: int, seed: int) -> tuple[list[Article], list[Pair], int]:
    rng = random.Random(seed)
    corpus = [s for s in load_corpus() if sum(len(p) for p in s.paragraphs) >= 8]
    corpus = [s for s in corpus if not s.title.startswith("Paid Notice")]
    sims = _tfidf(corpus)
    sims = sims @ sims.T
    articles: list[Article] = []
    pairs: list[Pair] = []
    skipped = 0
    for k, origin_idx in enumerate(rng.sample(range(len(corpus)), n_stories)):
        src = corpus[origin_idx]
        timed = k % 2 == 0
        ops = (OPS[k % len(OPS)], OPS[(k + len(OPS) // 2) % len(OPS)])
        origin = Article(f"s{k:02d}-origin", src.name, src.text, title=src.title)
        if timed:
            origin = replace(origin, published=_stamp(src.date, 0))
        story = [origin]
        for op in ops:
            art = Article(f"s{k:02d}-{op}", src.name, derive(src, op, rng), title=src.title)
            story.append(
                replace(art, published=_stamp(src.date, rng.randint(1, 10))) if timed else art
            )
        indep, n_skip = independents(corpus, sims, origin_idx, 3)
        skipped += n_skip
        for i, other in enumerate(indep):
            story.append(
                Article(f"s{k:02d}-indep{i}", other.name, other.text, published=other.date)
            )
        articles.extend(story)
        pairs.extend(_label(k, story, ops, timed))
    return articles, pairs, skipped


def _label(k: int, story: list[Article], ops: tuple[str, str], timed: bool) -> list[Pair]:
    out = []
    for x, a in enumerate(story):
        for b in story[x + 1 :]:
            roles = {a.id.split("-")[1], b.id.split("-")[1]}
            derived = roles & set(ops)
            if "origin" in roles and derived:
                op = derived.pop()
                out.append(Pair(k, a.id, b.id, 1, op, timed or op in ASYMMETRIC, story[0].id))
            elif len(derived) == 2:
                out.append(Pair(k, a.id, b.id, -1, None, False, None))
            else:
                out.append(Pair(k, a.id, b.id, 0, None, False, None))
    return out


def same_event_pairs(first: int) -> tuple[list[Article], list[Pair], int]:
    """English SemEval-2022 pairs rated the same story (Overall <= 1.5) by its annotators.

    Hard negatives: two outlets' own reports of one event. Pairs sharing a fifth of their
    5-word sequences are skipped (likely the same wire story, i.e. real derivations).
    """
    csv.field_size_limit(1 << 30)
    path = DATA / "dev" / "semeval2022_task8" / "pairs.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["lang1"] == r["lang2"] == "en"]
    articles: list[Article] = []
    pairs: list[Pair] = []
    skipped = 0
    for row in sorted(rows, key=lambda r: r["pair_id"]):
        if float(row["Overall"]) > 1.5:
            continue
        if _containment(row["text1"], row["text2"]) >= 0.2:
            skipped += 1
            continue
        k = first + len(pairs)
        a = Article(f"s{k:02d}-event0", row["pair_id"], row["text1"])
        b = Article(f"s{k:02d}-event1", row["pair_id"], row["text2"])
        articles += [a, b]
        pairs.append(Pair(k, a.id, b.id, 0, None, False, None, same_event=True))
    return articles, pairs, skipped


def parse_all(articles: list[Article]) -> Document:
    """Parse, embed (and quote, when the pipeline has that stage) every article in one batch."""
    wanted = {"parse", "embed", "quotes"}
    stages = [s for s in BRIEF_STAGES if s.name in wanted]
    return run(stages, Document(articles=tuple(articles)), Options())


@dataclass(frozen=True)
class Scored:
    pair: Pair
    score: float
    baseline: float  # exact word 5-gram Jaccard
    way: int  # +1: pair.a is the origin, -1: pair.b is, 0: undirected
    overlap: float
    order: float
    longer: int  # +1: pair.a has more words, -1: pair.b has, 0: equal (baseline direction)


def score_stories(doc: Document, pairs: list[Pair]) -> list[Scored]:
    arts = {a.id: a for a in doc.articles or ()}
    claims = doc.claims or ()
    emb = doc.embeddings if doc.embeddings is not None else np.zeros((0, 512), np.float32)
    quotes = doc.quotes or ()
    feats = {}
    for k in sorted({p.story for p in pairs}):
        prefix = f"s{k:02d}-"
        story = [a for i, a in arts.items() if i.startswith(prefix)]
        rows = [i for i, c in enumerate(claims) if c.article.startswith(prefix)]
        sub = [claims[i] for i in rows]
        qs = [q for q in quotes if q.article.startswith(prefix)]
        for va, vb, f in scored_pairs(story, sub, emb[rows], qs):
            feats[(va.id, vb.id)] = f
    out = []
    for p in pairs:
        f = feats[(p.a, p.b)]
        sig = signals(f)
        jac = _jaccard(arts[p.a].text, arts[p.b].text)
        wa, wb = arts[p.a].words, arts[p.b].words
        longer = (wa > wb) - (wa < wb)
        way = orient(f)[0]
        out.append(Scored(p, derivation_score(f), jac, way, sig["overlap"], sig["order"], longer))
    return out


def _jaccard(a: str, b: str) -> float:
    return jaccard(shingle_hashes(a), shingle_hashes(b))


def _median(xs: list[float]) -> float:
    return float(np.median(xs)) if xs else float("nan")


def edge_metrics(rows: list[Scored]) -> dict[str, float]:
    scored = [r for r in rows if r.pair.label >= 0 and not r.pair.same_event]
    gold = [r.pair.label for r in scored]
    p, r, f1 = prf([s.score >= LINK_THRESHOLD for s in scored], gold)
    bf1, bthr = best_f1([s.baseline for s in scored], gold)
    bp, br, _ = prf([s.baseline >= bthr for s in scored], gold)
    m = {
        "edge_precision": p,
        "edge_recall": r,
        "edge_f1": f1,
        "auc": roc_auc([s.score for s in scored], gold),
    }
    m |= {"baseline_edge_precision": bp, "baseline_edge_recall": br, "baseline_edge_f1": bf1}
    m |= {"baseline_threshold": bthr, "baseline_auc": roc_auc([s.baseline for s in scored], gold)}
    for t in (0.3, 0.4, 0.6, 0.7):
        m[f"edge_f1_at_{t}"] = prf([s.score >= t for s in scored], gold)[2]
    return m


def direction_metrics(rows: list[Scored]) -> dict[str, float]:
    """On detected true edges: right origin where knowable; undirected where it is not."""
    found = [r for r in rows if r.pair.label == 1 and r.score >= LINK_THRESHOLD]
    knowable = [r for r in found if r.pair.knowable]
    right = [r for r in knowable if r.way == (1 if r.pair.a == r.pair.origin else -1)]
    wrong = [r for r in knowable if r.way == (-1 if r.pair.a == r.pair.origin else 1)]
    unknowable = [r for r in found if not r.pair.knowable]
    return {
        "direction_accuracy": len(right) / len(knowable) if knowable else float("nan"),
        "direction_wrong_rate": len(wrong) / len(knowable) if knowable else float("nan"),
        "direction_knowable_edges": float(len(knowable)),
        "undirected_rate_when_unknowable": (
            sum(r.way == 0 for r in unknowable) / len(unknowable) if unknowable else float("nan")
        ),
        # Baseline: the longer article is the origin (equal lengths count as wrong).
        "baseline_direction_accuracy": (
            sum(r.longer == (1 if r.pair.a == r.pair.origin else -1) for r in knowable)
            / len(knowable)
            if knowable
            else float("nan")
        ),
    }


def per_op(rows: list[Scored], bthr: float) -> list[tuple[object, ...]]:
    table_rows: list[tuple[object, ...]] = []
    for op in OPS:
        mine = [r for r in rows if r.pair.op == op]
        table_rows.append(
            (
                op,
                len(mine),
                sum(r.score >= LINK_THRESHOLD for r in mine) / len(mine),
                sum(r.baseline >= bthr for r in mine) / len(mine),
                _median([r.score for r in mine]),
                _median([r.overlap for r in mine]),
                _median([r.order for r in mine]),
            )
        )
    return table_rows


def negatives(rows: list[Scored]) -> dict[str, float]:
    """How close unrelated pairs come: the check on the null and sufficient values."""
    neg = [r for r in rows if r.pair.label == 0 and not r.pair.same_event]
    sib = [r for r in rows if r.pair.label == -1]
    event = [r for r in rows if r.pair.same_event]
    return {
        "same_event_pairs": float(len(event)),
        "same_event_linked": float(sum(r.score >= LINK_THRESHOLD for r in event)),
        "same_event_score_max": max((r.score for r in event), default=0.0),
        "same_event_order_max": max((r.order for r in event), default=0.0),
        "negatives": float(len(neg)),
        "negatives_linked": float(sum(r.score >= LINK_THRESHOLD for r in neg)),
        "negative_overlap_p95": float(np.percentile([r.overlap for r in neg], 95)),
        "negative_overlap_max": max(r.overlap for r in neg),
        "negative_order_p95": float(np.percentile([r.order for r in neg], 95)),
        "negative_order_max": max(r.order for r in neg),
        "negative_score_max": max(r.score for r in neg),
        "sibling_pairs": float(len(sib)),
        "sibling_linked": float(sum(r.score >= LINK_THRESHOLD for r in sib)),
    }


def report(rows: list[Scored], m: dict[str, float], elapsed: float, skipped: int) -> None:
    stories = len({r.pair.story for r in rows if not r.pair.same_event})
    print(f"{stories} stories + {m['same_event_pairs']:.0f} same-event pairs, {len(rows)} pairs")
    print(f"skipped {skipped} possible real copies; parse + embed + provenance {elapsed:.1f}s\n")
    print(
        table(
            [
                ("storydesk provenance", m["edge_precision"], m["edge_recall"], m["edge_f1"],
                 m["auc"], LINK_THRESHOLD),
                ("word 5-gram Jaccard (oracle thr.)", m["baseline_edge_precision"],
                 m["baseline_edge_recall"], m["baseline_edge_f1"], m["baseline_auc"],
                 m["baseline_threshold"]),
            ],
            ["method", "precision", "recall", "f1", "roc_auc", "threshold"],
        )
    )  # fmt: skip
    print()
    head = ["operation", "n", "recall", "baseline recall", "median score", "overlap", "order"]
    print(table(per_op(rows, m["baseline_threshold"]), head))
    lines = [
        f"direction, detected true edges whose direction is knowable "
        f"({m['direction_knowable_edges']:.0f}): right {m['direction_accuracy']:.3f}, "
        f"reversed {m['direction_wrong_rate']:.3f}; baseline 'longer is origin' "
        f"{m['baseline_direction_accuracy']:.3f}",
        f"symmetric operations without times left undirected: "
        f"{m['undirected_rate_when_unknowable']:.3f}",
        "F1 at other thresholds: "
        + ", ".join(f"{t}: {m[f'edge_f1_at_{t}']:.3f}" for t in (0.3, 0.4, 0.6, 0.7)),
        f"negatives: {m['negatives_linked']:.0f} of {m['negatives']:.0f} linked; overlap p95 "
        f"{m['negative_overlap_p95']:.3f} max {m['negative_overlap_max']:.3f}; order p95 "
        f"{m['negative_order_p95']:.3f} max {m['negative_order_max']:.3f}; "
        f"score max {m['negative_score_max']:.3f}",
        f"same-event pairs (SemEval, two outlets' own reports): {m['same_event_linked']:.0f} of "
        f"{m['same_event_pairs']:.0f} linked; score max {m['same_event_score_max']:.3f}, "
        f"order max {m['same_event_order_max']:.3f}",
        f"siblings (two versions of one origin): {m['sibling_linked']:.0f} of "
        f"{m['sibling_pairs']:.0f} linked",
    ]
    print("\n" + "\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--stories", type=int, default=32)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    articles, pairs, skipped = build(args.stories, args.seed)
    ev_articles, ev_pairs, ev_skipped = same_event_pairs(first=args.stories)
    articles, pairs, skipped = articles + ev_articles, pairs + ev_pairs, skipped + ev_skipped
    t0 = time.perf_counter()
    rows = score_stories(parse_all(articles), pairs)
    elapsed = time.perf_counter() - t0
    m = edge_metrics(rows) | direction_metrics(rows) | negatives(rows)
    for op, _n, rec, brec, *_ in per_op(rows, m["baseline_threshold"]):
        m[f"recall_{op}"] = float(rec)  # type: ignore[arg-type]
        m[f"baseline_recall_{op}"] = float(brec)  # type: ignore[arg-type]
    report(rows, m, elapsed, skipped)
    write_json(args.json, m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
