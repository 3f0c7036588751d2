"""Build the verifier's training data: `python -m storydesk.verify.data.build --out DIR`.

Writes train.jsonl, dev.jsonl (fields premise, hypothesis, label, source, op, article_id) and
manifest.json (recipe version, seed, input hashes, licences, counts). Splits are by article
(news) or premise (NLI), decided by a seeded hash, so no document text sits in both splits.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from ...nlp.sentences import paragraphs
from .context import NEIGHBOURS, op_misattach
from .nouns import noun_pool, op_noun_swap
from .sources import (
    LICENCES,
    Inputs,
    NewsArticle,
    Pair,
    nli_pool,
    polnear_articles,
    semeval_articles,
)
from .synth import (
    ENTAILMENT,
    EXTRA,
    NEUTRAL,
    NOT_SUPPORTED,
    RECIPE_VERSION,
    ROLE_OPS,
    SUPPORTED,
    first_applicable,
)

# The repository root is parents[4]; the shared data sits beside it (../shared/data).
DEFAULT_DATA = Path(__file__).resolve().parents[4].parent / "shared" / "data"
MAX_DOC_CHARS = 3000  # ~600 tokens: more than the model reads, so evidence retrieval matters
PER_ARTICLE = 6
# Share of chosen sentences that also get an added-detail claim: on all of them, "not
# supported" news pairs would outnumber supported ones two to one.
DETAIL_RATE = 0.5
MISATTACH_RATE = 0.5  # the same balance for the fused-clause claims (recipe 2026.4)
NOUN_SWAP_RATE = 0.5  # and for the common-noun swaps (recipe 2026.6; neutral since 2026.7)
ACTOR_SWAPS = 2


@dataclass(frozen=True)
class Sentence:
    article: str
    text: str
    start: int  # character offset in the article


def split_of(group: str, seed: int, dev_fraction: float) -> str:
    """A pure function of (seed, group): stable under reordering, limits and new sources."""
    digest = hashlib.sha256(f"{seed}:{group}".encode()).digest()
    return "dev" if int.from_bytes(digest[:4], "big") < dev_fraction * 2**32 else "train"


def window(text: str, start: int, max_chars: int = MAX_DOC_CHARS) -> str:
    """Whole paragraphs around character `start`, up to max_chars: the document a claim is
    checked against (paragraph edges keep sentences intact)."""
    paras = [(off, off + len(p)) for off, p in paragraphs(text)]
    idx = next((i for i, (s, e) in enumerate(paras) if s <= start < e), 0)
    lo = hi = idx
    while True:
        grew = False
        for cand in (lo - 1, hi + 1):
            if 0 <= cand < len(paras):
                s, e = paras[min(lo, cand)][0], paras[max(hi, cand)][1]
                if e - s <= max_chars:
                    lo, hi, grew = min(lo, cand), max(hi, cand), True
        if not grew:
            break
    return text[paras[lo][0] : paras[hi][1]][: max_chars * 2] if paras else text[:max_chars]


def _candidates(doc: Any, offset: int, article: str) -> Iterable[tuple[Sentence, Any]]:
    for sent in doc.sents:
        content = sum(1 for t in sent if t.is_alpha and not t.is_stop)
        if 8 <= len(sent) <= 60 and content >= 6 and sent.text.strip()[-1:] in '.!?"”':
            yield Sentence(article, sent.text.strip(), offset + sent.start_char), sent


def synthesise(
    nlp: Any, articles: Sequence[NewsArticle], seed: int, dev_fraction: float
) -> list[Pair]:
    """Supported + corrupted pairs for every chosen sentence (and each EXTRA op that applies,
    and for half of them a misattached phrase of a neighbour), the role claims of every
    candidate sentence, then one unrelated-sentence (neutral) pair per chosen sentence, its
    donor drawn from another article of the same split."""
    pairs: list[Pair] = []
    chosen: dict[str, list[Sentence]] = {}
    for art in articles:
        jobs = list(paragraphs(art.text))
        cands, ents, docs = [], set(), []
        for (offset, _), doc in zip(jobs, nlp.pipe(p for _, p in jobs), strict=True):
            ents |= {(e.text, e.label_) for e in doc.ents}
            cands += list(_candidates(doc, offset, art.id))
            docs.append(doc)
        rng = random.Random(f"{seed}:{art.id}")
        picks = sorted(rng.sample(range(len(cands)), min(PER_ARTICLE, len(cands))))
        ent_list = sorted(ents)
        chosen[art.id] = [cands[i][0] for i in picks]
        for i in picks:
            meta, sent = cands[i]
            doc_text = window(art.text, meta.start)
            for ops in (SUPPORTED, NOT_SUPPORTED, *((op,) for op in EXTRA)):
                if ops[0].name == "added_detail" and rng.random() >= DETAIL_RATE:
                    continue
                hit = first_applicable(ops, sent, ent_list, rng)
                if hit is not None:
                    op, claim = hit
                    pairs.append(Pair(doc_text, claim, op.label, art.source, op.name, art.id))
            if rng.random() < MISATTACH_RATE:
                fused = _misattached(cands, i, doc_text, rng)
                if fused is not None:
                    pairs.append(Pair(doc_text, fused, NEUTRAL, art.source, "misattach", art.id))
        pairs += _noun_swaps(art, cands, picks, noun_pool(docs), seed)
        pairs += _role_pairs(art, cands, chosen[art.id], seed)
    pairs += _unrelated(articles, chosen, seed, dev_fraction)
    return pairs


def _misattached(
    cands: Sequence[tuple[Sentence, Any]], i: int, doc_text: str, rng: random.Random
) -> str | None:
    """Candidate i with a phrase of a neighbouring sentence that the document window shows."""
    lo, hi = max(0, i - NEIGHBOURS), min(len(cands), i + NEIGHBOURS + 1)
    donors = [cands[j][1] for j in range(lo, hi) if j != i and cands[j][0].text in doc_text]
    return op_misattach(cands[i][1], donors, rng)


def _noun_swaps(
    art: NewsArticle,
    cands: Sequence[tuple[Sentence, Any]],
    picks: Sequence[int],
    pool: Sequence[tuple[str, str, str]],
    seed: int,
) -> list[Pair]:
    """A common-noun swap for NOUN_SWAP_RATE of the chosen sentences. Its own seeded Random
    (2026.6): drawing from the article's shared one would change every later op's claims, and
    the recipe's other rows would no longer match 2026.5's."""
    rng = random.Random(f"{seed}:nouns:{art.id}")
    out = []
    for i in picks:
        if rng.random() >= NOUN_SWAP_RATE:
            continue
        meta, sent = cands[i]
        claim = op_noun_swap(sent, pool, rng)
        if claim is not None and claim != meta.text:
            doc_text = window(art.text, meta.start)
            out.append(Pair(doc_text, claim, NEUTRAL, art.source, "noun_swap", art.id))
    return out


def _role_pairs(
    art: NewsArticle, cands: Sequence[tuple[Sentence, Any]], chosen: Sequence[Sentence], seed: int
) -> list[Pair]:
    """The ROLE_OPS claims of every candidate sentence, at most ACTOR_SWAPS actor swaps per
    article (seeded): that op applies to one sentence in ten or so and would swamp the rest.

    Each sentence that gives a role claim also gives itself, supported (op role_copy), unless
    it is a chosen sentence with its own supported claim. Recipe 2026.2 had no such copies: its
    model met 2,400 near-copies labelled contradiction against 750 labelled entailment, grew
    wary of every near-copy (copies judged right 0.87, down from 0.94) and lost 0.04 ROC AUC
    on FactCC. "A sued B" next to "B sued A" teaches the word order, not the suspicion.
    """
    found: list[tuple[Sentence, Pair]] = []
    swaps: list[tuple[Sentence, Pair]] = []
    for meta, sent in cands:
        claims = [(op, op.apply(sent, (), random.Random(0))) for op in ROLE_OPS]  # no op draws
        claims = [(op, c) for op, c in claims if c and c.strip() != meta.text]
        doc_text = window(art.text, meta.start) if claims else ""
        for op, claim in claims:
            pair = Pair(doc_text, str(claim), op.label, art.source, op.name, art.id)
            (swaps if op.name == "actor_swap" else found).append((meta, pair))
    rng = random.Random(f"{seed}:roles:{art.id}")
    found += rng.sample(swaps, min(ACTOR_SWAPS, len(swaps)))
    copies: dict[Sentence, Pair] = {}
    for meta, pair in found:
        if meta not in chosen and meta not in copies:
            copies[meta] = replace(pair, hypothesis=meta.text, label=ENTAILMENT, op="role_copy")
    return [pair for _, pair in found] + list(copies.values())


def _unrelated(
    articles: Sequence[NewsArticle], chosen: dict[str, list[Sentence]], seed: int, frac: float
) -> list[Pair]:
    by_split: dict[str, list[str]] = {}
    for art in articles:
        by_split.setdefault(split_of(art.id, seed, frac), []).append(art.id)
    out = []
    for art in articles:
        donors = [a for a in by_split[split_of(art.id, seed, frac)] if a != art.id and chosen[a]]
        rng = random.Random(f"{seed}:unrelated:{art.id}")
        for sent in chosen[art.id] if donors else []:
            other = rng.choice(chosen[rng.choice(donors)])
            doc_text = window(art.text, sent.start)
            out.append(Pair(doc_text, other.text, NEUTRAL, art.source, "unrelated", art.id))
    return out


def _limit(items: Sequence[Any], key: str, seed: int, limit: int | None) -> list[Any]:
    """A seeded, order-independent sample (by hash), so --limit is reproducible too. Salted
    apart from split_of: the same hash would put exactly the lowest-hash (dev) items first."""
    ranked = sorted(
        items, key=lambda x: hashlib.sha256(f"limit:{seed}:{getattr(x, key)}".encode()).digest()
    )
    return ranked[:limit] if limit is not None else ranked


def build(
    data: Path, out: Path, seed: int, limit: int | None, dev_fraction: float = 0.1
) -> dict[str, Any]:
    from ...nlp.models import spacy_pipeline

    if not (data / "nli").is_dir() and not (data / "dev").is_dir():
        raise SystemExit(f"{data} does not look like the shared data folder (no nli/ or dev/)")
    inp = Inputs(data)
    articles = _limit([*polnear_articles(inp), *semeval_articles(inp)], "id", seed, limit)
    news = synthesise(spacy_pipeline("auto"), articles, seed, dev_fraction)
    nli, skipped = nli_pool(inp)
    by_src: dict[str, list[Pair]] = {}
    for pair in nli:
        by_src.setdefault(pair.source, []).append(pair)
    pool = [p for src in sorted(by_src) for p in _limit(by_src[src], "hypothesis", seed, limit)]
    return write(out, news + pool, inp, seed, dev_fraction, skipped, limit)


def write(
    out: Path, pairs: list[Pair], inp: Inputs, seed: int, frac: float,
    skipped: dict[str, str], limit: int | None,
) -> dict[str, Any]:  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    splits: dict[str, list[Pair]] = {"train": [], "dev": []}
    for pair in pairs:
        splits[split_of(pair.article_id, seed, frac)].append(pair)
    hashes, counts = {}, {}
    for name, rows in splits.items():
        random.Random(f"{seed}:{name}").shuffle(rows)  # mixes sources for streaming readers
        body = "".join(json.dumps(asdict(p), ensure_ascii=False) + "\n" for p in rows)
        (out / f"{name}.jsonl").write_text(body, encoding="utf-8")
        hashes[name] = hashlib.sha256(body.encode()).hexdigest()
        counts[name] = _counts(rows)
    sources = sorted({p.source for p in pairs})
    manifest = {
        "recipe_version": RECIPE_VERSION, "seed": seed, "limit": limit, "dev_fraction": frac,
        "inputs": dict(sorted(inp.files.items())), "skipped_sources": skipped,
        "licences": {s: LICENCES[s] for s in sources}, "counts": counts, "outputs": hashes,
    }  # fmt: skip
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _counts(rows: list[Pair]) -> dict[str, Any]:
    return {
        "total": len(rows),
        "articles": len({p.article_id for p in rows}),
        "by_label": dict(sorted(Counter(p.label for p in rows).items())),
        "by_source": dict(sorted(Counter(p.source for p in rows).items())),
        "by_op": dict(sorted(Counter(f"{p.source}/{p.op}" for p in rows).items())),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m storydesk.verify.data.build")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--limit", type=int, default=None, help="cap articles and pairs per NLI set")
    ap.add_argument("--dev-fraction", type=float, default=0.1)
    args = ap.parse_args(argv)
    manifest = build(args.data.resolve(), args.out, args.seed, args.limit, args.dev_fraction)
    print(json.dumps(manifest["counts"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
