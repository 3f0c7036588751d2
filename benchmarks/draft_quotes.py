"""Draft quotations: does `check --text` tell a faithful quote from an edited, altered,
misattributed or invented one? Real quotations, known changes.

Sources are PolNeAR dev articles (2016 US election coverage). Each direct attribution with a
named source (benchmarks/quotes.py's gold: >= 90 % of its content inside quotation marks; a
Source span holding a capitalised name) and 6-60 words of content becomes draft sentences
`NAME said: "CONTENT"`, one per operation, with the relation a checker should report:

| operation     | the draft's quotation                                        | expected      |
| ------------- | ------------------------------------------------------------ | ------------- |
| verbatim      | the content as printed                                       | faithful      |
| trim          | a contiguous run of 60-80 % of its words (>= 5)              | faithful      |
| synonym       | one or two words swapped for a synonym (meaning kept)        | edited        |
| negation      | the first "n't" or "not" dropped, or "not" put after the      | conflict      |
|               | first auxiliary verb                                         |               |
| number        | a number in it changed (only quotes with a number)           | conflict      |
| opposite      | one word put for its opposite from a hand-written list       | conflict      |
|               | ("good" / "bad", "support" / "oppose"; only quotes with one) |               |
| swap          | its longest noun-like word (>= 6 letters) put for the longest | conflict      |
|               | one of an invented quotation's (another article's): another  |               |
|               | thing said ("the tax plan" / "the border plan")              |               |
| misattribute  | the content credited to another named source of the article  | conflict      |
| invent        | a quotation from another article, credited to this source    | missing       |

storydesk's relations map to these classes: verbatim, trimmed -> faithful; edited, paraphrased ->
edited; altered, misattributed -> conflict; unattested, unquoted -> missing. Each article is one
draft checked against that article alone (`verify.draft_quotes.check_quotes`), so the numbers
measure the quotation check and the quote extractor under it (a source quotation the extractor
misses or credits to nobody cannot be matched), not retrieval across outlets.

Then the verdict `check --text` gives each draft sentence (the default verifier; a sentence that
only quotes someone is backed by the sources that print the quotation, verify.quote_support):
faithful -> supported, conflict -> contradicted or disputed, invented -> not supported; beside it,
the same verifier's verdicts with no quotation reading.

Baseline in the same run, the check a newsroom script does: a quotation whose words appear as a
run in the source text is faithful; anything else is flagged (it cannot tell an edit from a
changed meaning, and it passes any misattribution).

    python benchmarks/draft_quotes.py [--split dev|train] [--limit N] [--json out.json]

The quotation check was built looking at the dev split; `--split train` (516 articles it was
never run on while building) is the check that it generalises.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _metrics import DATA, polnear_documents, table, write_json
from _provenance_ops import SYNONYMS
from quotes import load_gold
from storydesk.model import Article, Verdict
from storydesk.nlp.models import spacy_pipeline
from storydesk.quotes.diff import words
from storydesk.verify.check import check_sentence
from storydesk.verify.draft_quotes import DraftText, QuoteCheck, check_quotes
from storydesk.verify.model_verifier import ModelVerifier

OPS = (
    "verbatim", "trim", "synonym", "negation", "number", "opposite", "swap", "misattribute",
    "invent",
)  # fmt: skip
EXPECTED = {
    "verbatim": "faithful", "trim": "faithful", "synonym": "edited", "negation": "conflict",
    "number": "conflict", "opposite": "conflict", "swap": "conflict", "misattribute": "conflict",
    "invent": "missing",
}  # fmt: skip
# Opposites a reporter could put in a quotation, written by hand (not read from WordNet, which
# storydesk's check uses): some are WordNet antonyms, some ("support" / "oppose", "success" /
# "failure") are not, so the operation measures the check, not the list it reads.
_PAIRS = (
    "good bad, better worse, best worst, right wrong, strong weak, true false, high low, "
    "higher lower, large small, big small, rich poor, safe dangerous, legal illegal, "
    "possible impossible, fair unfair, honest dishonest, easy hard, early late, long short, "
    "clear unclear, likely unlikely, positive negative, happy unhappy, old new, young old, "
    "cheap expensive, win lose, won lost, winning losing, increase decrease, rise fall, "
    "accept reject, agree disagree, support oppose, supported opposed, love hate, open close, "
    "success failure, strength weakness, more less, most least, up down, everyone nobody"
)
OPPOSITES = {a: b for a, b in (pair.split() for pair in _PAIRS.split(", "))}
CLASS_OF = {
    "verbatim": "faithful", "trimmed": "faithful", "edited": "edited", "paraphrased": "edited",
    "altered": "conflict", "misattributed": "conflict", "unattested": "missing",
    "unquoted": "missing",
}  # fmt: skip
CLASSES = ("faithful", "edited", "conflict", "missing")
POLNEAR = DATA / "dev" / "polnear" / "data"
MIN_WORDS, MAX_WORDS = 6, 60
_AUX = re.compile(
    r"\b(is|are|was|were|will|would|can|could|should|do|does|did|has|have|had)\b(?!['’])"
    r"( not\b)?",
    re.IGNORECASE,
)
_NOT = re.compile(r"\b(\w+)n['’]t\b", re.IGNORECASE)
_UNCONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}
_NUMBER = re.compile(r"\b\d[\d,.]*\b")


@dataclass(frozen=True)
class Case:
    article: str
    op: str
    sentence: str
    quote: str  # the draft's quotation text


def _name(nlp: Any, source_text: str) -> str | None:
    """The first person the gold Source span names ("Nick Witney, of the European Defense
    Agency" -> Nick Witney); None for organisations and pronouns."""
    people = [e.text for e in nlp(source_text).ents if e.label_ == "PERSON"]
    return people[0] if people else None


def _content(text: str, tokens: frozenset[int]) -> str | None:
    """The quotation's words, or None for a quotation split around its attribution ("A," he
    said. "B."): a draft would quote the pieces, and the sources hold them as two quotations."""
    lo, hi = min(tokens), max(tokens)
    end = re.match(r"\w+", text[hi:])
    span = text[lo : hi + (end.end() if end else 0)]
    if any(mark in span for mark in '"\u201c\u201d'):
        return None
    return " ".join(span.split())


def _synonym(q: str, rng: random.Random) -> str | None:
    toks = q.split()
    spots = [i for i, t in enumerate(toks) if t.lower().strip(",.;:") in SYNONYMS]
    if not spots:
        return None
    for i in rng.sample(spots, min(2, len(spots))):
        bare = toks[i].lower().strip(",.;:")
        toks[i] = toks[i].lower().replace(bare, SYNONYMS[bare])
    return " ".join(toks)


def _negation(q: str) -> str | None:
    """The first negation or auxiliary, whichever comes first, flipped: "doesn't" -> "does",
    "is not" -> "is", "will" -> "will not"."""
    aux, neg = _AUX.search(q), _NOT.search(q)
    if neg is not None and (aux is None or neg.start() <= aux.start()):
        stem = neg.group(1)
        return q[: neg.start()] + _UNCONTRACTED.get(stem.lower(), stem) + q[neg.end() :]
    if aux is None:
        return None
    flipped = aux.group(1) if aux.group(2) else aux.group(1) + " not"
    return q[: aux.start()] + flipped + q[aux.end() :]


def _number(q: str, rng: random.Random) -> str | None:
    m = _NUMBER.search(q)
    if m is None:
        return None
    digits = re.sub(r"\D", "", m.group(0))
    if not digits:
        return None
    new = str(int(digits) + rng.choice((2, 3, 7, 11)))
    return q[: m.start()] + new + q[m.end() :]


def _opposite(q: str) -> str | None:
    """The first word of the hand-written list put for its opposite."""
    toks = q.split()
    for i, t in enumerate(toks):
        bare = t.lower().strip(",.;:?!")
        if bare in OPPOSITES:
            toks[i] = t.replace(bare, OPPOSITES[bare]).replace(
                bare.title(), OPPOSITES[bare].title()
            )
            return " ".join(toks)
    return None


_LONG_WORD = re.compile(r"\b[a-z]{6,}\b")


def _swap(q: str, other: str | None) -> str | None:
    """The quotation's longest lower-case word of six letters or more put for the other
    quotation's longest one not in it (ties: the first): a word of another meaning, mostly. None
    where either has none, or they are the same word."""
    mine, theirs = _LONG_WORD.findall(q), _LONG_WORD.findall(other or "")
    theirs = [w for w in theirs if w not in mine]
    if not mine or not theirs:
        return None
    old, new = max(mine, key=len), max(theirs, key=len)
    return re.sub(rf"\b{old}\b", new, q, count=1)


def _trim(q: str, rng: random.Random) -> str | None:
    toks = q.split()
    n = max(5, round(len(toks) * rng.uniform(0.6, 0.8)))
    if n >= len(toks):
        return None
    at = rng.randrange(0, len(toks) - n + 1)
    return " ".join(toks[at : at + n])


def cases_for(
    name: str, quotes: Sequence[tuple[str, str]], elsewhere: Sequence[str], rng: random.Random
) -> list[Case]:
    """Draft sentences for one article's (speaker, content) pairs; `elsewhere` holds other
    articles' quotations for the invented ones."""
    speakers = sorted({s for s, _ in quotes})
    out = []
    for speaker, q in quotes:
        others = [s for s in speakers if s.split()[-1] != speaker.split()[-1]]
        invented = rng.choice(elsewhere) if elsewhere else None
        variants = {
            "verbatim": (speaker, q),
            "trim": (speaker, _trim(q, rng)),
            "synonym": (speaker, _synonym(q, rng)),
            "negation": (speaker, _negation(q)),
            "number": (speaker, _number(q, rng)),
            "opposite": (speaker, _opposite(q)),
            "swap": (speaker, _swap(q, invented)),
            "misattribute": (rng.choice(others) if others else None, q),
            "invent": (speaker, invented),
        }
        for op, (who, text) in variants.items():
            if who and text:
                stop = "" if text[-1] in ".?!" else "."
                out.append(Case(name, op, f'{who} said: "{text}{stop}"', text))
    return out


def gold_quotes(nlp: Any, split: Path, base: str, ann: Path) -> tuple[str, list[tuple[str, str]]]:
    text = (split / "text" / f"{base}.txt").read_text(encoding="utf-8")
    gold, _ = load_gold(text, ann)
    found = []
    for g in gold:
        who = _name(nlp, g.source_text) if g.source else None
        content = _content(text, g.tokens)
        if who and content and MIN_WORDS <= len(content.split()) <= MAX_WORDS:
            found.append((who, content))
    return text, found


def baseline(case: Case, source: str) -> str:
    mine = " ".join(words(case.quote))
    return "faithful" if mine and mine in " ".join(words(source)) else "conflict"


class _Memo:
    """The default verifier, each (claim, document) scored once: both readings below share it."""

    def __init__(self) -> None:
        self.verifier = ModelVerifier()
        self.nlp = self.verifier.nlp
        self.seen: dict[tuple[str, str], Verdict] = {}

    def verify(self, claim: str, document: str) -> Verdict:
        key = (claim, document)
        if key not in self.seen:
            self.seen[key] = self.verifier.verify(claim, document)
        return self.seen[key]


@dataclass
class Run:
    relations: list[tuple[Case, str, str]]  # case, storydesk's class, the baseline's class
    verdicts: list[tuple[Case, str, str]]  # case, check's sentence verdict, the model's alone
    seconds: float


def run(split: Path, limit: int | None, seed: int) -> Run:
    rng = random.Random(seed)
    docs = polnear_documents(split)
    docs = docs[:limit] if limit else docs
    nlp = spacy_pipeline()
    memo = _Memo()
    loaded = [(base, *gold_quotes(nlp, split, base, ann)) for base, ann in docs]
    out = Run([], [], 0.0)
    for k, (base, text, quotes) in enumerate(loaded):
        if not quotes:
            continue
        elsewhere = [q for j, (_, _, qs) in enumerate(loaded) if j != k for _, q in qs]
        cases = cases_for(base, quotes, elsewhere[:: max(1, len(elsewhere) // 50)], rng)
        source = Article(base, f"{base}.txt", text, source=base)
        draft = DraftText.of([c.sentence for c in cases])
        t0 = time.perf_counter()
        checks = check_quotes(draft, [source], nlp)
        out.seconds += time.perf_counter() - t0
        per_sentence: list[list[QuoteCheck]] = [[] for _ in cases]
        for q in checks:
            for i in draft.sentences_of(q.start, q.end):
                per_sentence[i].append(q)
        for i, c in enumerate(cases):
            # No quotation found in the draft sentence is the extractor's miss: scored "missing".
            found = CLASS_OF[per_sentence[i][0].relation] if per_sentence[i] else "missing"
            out.relations.append((c, found, baseline(c, text)))
            full = check_sentence(c.sentence, [source], memo, quotes=per_sentence[i]).label
            alone = check_sentence(c.sentence, [source], memo).label
            out.verdicts.append((c, full, alone))
    return out


def report(results: list[tuple[Case, str, str]], seconds: float) -> dict[str, float]:
    rows, m = [], {}
    for op in OPS:
        mine = [(c, s, b) for c, s, b in results if c.op == op]
        if not mine:
            continue
        want = EXPECTED[op]
        ours = sum(s == want for _, s, _ in mine) / len(mine)
        base = sum(b == want for _, _, b in mine) / len(mine)
        got = Counter(s for _, s, _ in mine).most_common(3)
        rows.append((op, len(mine), want, ours, base, ", ".join(f"{k} {v}" for k, v in got)))
        m[f"accuracy_{op}"], m[f"baseline_accuracy_{op}"] = ours, base
    print(table(rows, ["operation", "n", "expected", "storydesk", "baseline", "storydesk said"]))
    ours_macro = sum(m[f"accuracy_{op}"] for op in OPS if f"accuracy_{op}" in m)
    base_macro = sum(m[f"baseline_accuracy_{op}"] for op in OPS if f"accuracy_{op}" in m)
    n_ops = sum(f"accuracy_{op}" in m for op in OPS)
    m["macro_accuracy"], m["baseline_macro_accuracy"] = ours_macro / n_ops, base_macro / n_ops
    for who, col in (("", 1), ("baseline_", 2)):
        flagged = [r[col] == "conflict" for r in results]
        gold = [EXPECTED[r[0].op] == "conflict" for r in results]
        tp = sum(f and g for f, g in zip(flagged, gold, strict=True))
        p = tp / max(sum(flagged), 1)
        r = tp / max(sum(gold), 1)
        m[f"{who}conflict_precision"], m[f"{who}conflict_recall"] = p, r
        m[f"{who}conflict_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    print(
        table(
            [
                ("storydesk", m["macro_accuracy"], m["conflict_precision"],
                 m["conflict_recall"], m["conflict_f1"]),
                ("substring baseline", m["baseline_macro_accuracy"],
                 m["baseline_conflict_precision"], m["baseline_conflict_recall"],
                 m["baseline_conflict_f1"]),
            ],
            ["checker", "macro accuracy", "conflict P", "conflict R", "conflict F1"],
        )
    )  # fmt: skip
    m["margin_conflict_f1"] = m["conflict_f1"] - m["baseline_conflict_f1"]
    m["cases"] = float(len(results))
    print(f"\n{len(results)} draft quotations; check_quotes {seconds:.1f}s in all")
    return m


# What a sentence's verdict should be, by the class of its quotation: a faithful quotation is
# supported, a changed one contradicted (or disputed), an invented one not supported. Edited
# quotations keep their meaning: supported or unverified are both fair, so they are not scored.
VERDICT_GROUPS = (
    ("faithful", ("verbatim", "trim"), ("supported",)),
    (
        "conflict",
        ("negation", "number", "opposite", "swap", "misattribute"),
        ("contradicted", "disputed"),
    ),
    ("invented", ("invent",), ("unverified", "contradicted")),
)


def report_verdicts(verdicts: list[tuple[Case, str, str]]) -> dict[str, float]:
    """The draft sentences' verdicts from `check` (quotations read against the sources'), next
    to the same verifier's verdicts with no quotation reading, in the same run."""
    rows, m = [], {}
    for name, ops, right in VERDICT_GROUPS:
        mine = [(full, alone) for c, full, alone in verdicts if c.op in ops]
        if not mine:
            continue
        ours = sum(full in right for full, _ in mine) / len(mine)
        alone = sum(a in right for _, a in mine) / len(mine)
        rows.append((name, len(mine), " or ".join(right), ours, alone))
        m[f"verdict_{name}"], m[f"model_verdict_{name}"] = ours, alone
    print(
        "\nSentence verdicts of `storydesk check --text` (one source: the article)\n"
        + table(rows, ["quotation", "n", "right verdict", "check", "model alone"])
    )
    return m


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents (sorted by name)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    split = POLNEAR / args.split
    if not split.is_dir():
        print(f"PolNeAR {args.split} split not found at {split}", file=sys.stderr)
        return 2
    done = run(split, args.limit, args.seed)
    metrics = report(done.relations, done.seconds)
    metrics.update(report_verdicts(done.verdicts))
    write_json(args.json, metrics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
