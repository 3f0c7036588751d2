"""A capital for its country as the doer ("Beijing warned NATO" for "China warned NATO"): the
verifier must read it as the same claim, and a different country's capital as a different one.

Data: sentences of real news (the English texts of SemEval-2022 Task 8 and PolNeAR's train and
dev articles) in which a country of the table below is the subject of a verb, outside
quotations. Each gives two claims against its own article: the country replaced by its capital
(`seat`: must be supported) and by another country's capital, drawn at random (`other_seat`:
must be contradicted). Not every replacement is idiomatic ("Washington spends more than the
other nations combined"), but each keeps the claim's meaning for a reader who knows the capital.

Systems: storydesk's verifier (`ModelVerifier.verify`) against the cross-encoder alone (its most
supportive window's argmax, `recipe_ops.model_alone`).

    python benchmarks/metonymy.py [--limit 200] [--json out.json]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from _metrics import DATA, table, write_json
from recipe_ops import model_alone
from storydesk.nlp.models import spacy_pipeline
from storydesk.nlp.sentences import split_sentences
from storydesk.verify.crossencoder import CrossEncoder
from storydesk.verify.model_verifier import ModelVerifier

# Countries as news writes them, with their capitals (2026). "America" is left out: as a
# subject it is more often the people than the government.
CAPITALS = {
    "United States": "Washington", "U.S.": "Washington", "Russia": "Moscow", "China": "Beijing",
    "Britain": "London", "France": "Paris", "Germany": "Berlin", "Japan": "Tokyo",
    "Iran": "Tehran", "Israel": "Jerusalem", "Syria": "Damascus", "Ukraine": "Kyiv",
    "North Korea": "Pyongyang", "South Korea": "Seoul", "Turkey": "Ankara", "Canada": "Ottawa",
    "India": "New Delhi", "Egypt": "Cairo", "Saudi Arabia": "Riyadh", "Iraq": "Baghdad",
    "Afghanistan": "Kabul", "Cuba": "Havana", "Venezuela": "Caracas", "Italy": "Rome",
    "Spain": "Madrid", "Greece": "Athens", "Poland": "Warsaw", "Australia": "Canberra",
    "Pakistan": "Islamabad", "Mexico": "Mexico City",
}  # fmt: skip
_COUNTRY = re.compile(r"\b(" + "|".join(re.escape(c) for c in CAPITALS) + r")(?!\w)")
_QUOTES = re.compile('["“”]')
OPS = ("seat", "other_seat")


def articles() -> Iterator[str]:
    """English news texts of 200 to 1,500 words, each once, in a fixed order."""
    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    with (DATA / "dev" / "semeval2022_task8" / "pairs.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            texts += [row[f"text{k}"] for k in (1, 2) if row[f"lang{k}"] == "en"]
    for split in ("train", "dev"):
        folder = DATA / "dev" / "polnear" / "data" / split / "text"
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    yield from (t for t in dict.fromkeys(texts) if 200 <= len(t.split()) <= 1500)


def _usable(sentence: str) -> bool:
    words = len(sentence.split())
    return 8 <= words <= 40 and bool(_COUNTRY.search(sentence)) and not _QUOTES.search(sentence)


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)


def _subject_country(ent: Any) -> bool:
    root = ent.root
    return (
        ent.label_ == "GPE"
        and root.dep_ == "nsubj"
        and root.head.pos_ == "VERB"
        and _bare(ent.text) in CAPITALS
    )


def cases(limit: int, seed: int) -> list[dict[str, str]]:
    """Up to `limit` sentences, two claims each; a sentence's country must be a verb's subject."""
    nlp = spacy_pipeline()
    rng = random.Random(seed)
    docs = list(articles())
    rng.shuffle(docs)
    candidates = [(d, s) for d in docs for s in split_sentences(d) if _usable(s)]
    out: list[dict[str, str]] = []
    parsed = nlp.pipe([s for _, s in candidates], batch_size=64)
    for (doc, sent), parse in zip(candidates, parsed, strict=True):
        found = next((e for e in parse.ents if _subject_country(e)), None)
        if found is None:
            continue
        country = _bare(found.text)
        start = found.start_char
        if found.text == country and sent[max(start - 4, 0) : start].lower() == "the ":
            start -= 4
        seat = CAPITALS[country]
        other = rng.choice(sorted({c for c in CAPITALS.values() if c != seat}))
        for op, name in (("seat", seat), ("other_seat", other)):
            claim = sent[:start] + name + sent[found.end_char :]
            out.append({"op": op, "premise": doc, "hypothesis": claim[0].upper() + claim[1:]})
        if len(out) >= 2 * limit:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--limit", type=int, default=200, help="sentences (two claims each)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", metavar="PATH", help="write the metrics here")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    rows = cases(args.limit, args.seed)
    model = CrossEncoder()
    verifier = ModelVerifier(model)
    metrics: dict[str, float] = {}
    lines: list[tuple[object, ...]] = []
    for op in OPS:
        mine = [r for r in rows if r["op"] == op]
        ours = Counter(verifier.verify(r["hypothesis"], r["premise"]).label for r in mine)
        alone = Counter(model_alone(model, r) for r in mine)
        for system, counts in (("storydesk", ours), ("cross-encoder alone", alone)):
            share = {k: counts[k] / max(len(mine), 1) for k in ("supported", "contradicted")}
            lines.append((op, system, len(mine), share["supported"], share["contradicted"]))
            key = "storydesk" if system == "storydesk" else "model"
            metrics |= {f"{op}_{key}_{k}": v for k, v in share.items()}
    print(table(lines, ["op", "system", "n", "supported", "contradicted"]))
    metrics["seat_margin"] = metrics["seat_storydesk_supported"] - metrics["seat_model_supported"]
    rate, base = metrics["seat_storydesk_supported"], metrics["seat_model_supported"]
    took = time.perf_counter() - t0
    print(f"seat supported: storydesk {rate:.3f}, cross-encoder alone {base:.3f}; {took:.0f}s")
    write_json(args.json, metrics)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
