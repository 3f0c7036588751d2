"""Text operations for benchmarks/provenance.py: the PolNeAR corpus and how versions derive.

Each operation is deterministic given its random.Random, so the benchmark's stories are the same
on every run. Kept apart from the benchmark's scoring so each file stays readable on its own.
"""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from dataclasses import dataclass, replace

from _metrics import DATA

# The six operations, then two composites that stack them the way real rewrites do:
# "digest" = deletion + paragraph reordering + translation-like rewording; "rewrite" = summary by
# selection + rewording (the closest this benchmark comes to a summary-style rewrite).
OPS = (
    "copy", "deletion", "reorder", "synonym", "translation", "summary", "digest", "rewrite",
)  # fmt: skip
ASYMMETRIC = frozenset({"deletion", "summary", "digest", "rewrite"})
MAX_WORDS = 500  # long articles are cut at a paragraph boundary, to keep the run under 2 minutes
POLNEAR = DATA / "dev" / "polnear" / "data"
_SENT = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z0-9])")
WORD = re.compile(r"[a-z]{4,}")
SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "also": "additionally",
    "big": "large", "many": "numerous", "about": "roughly", "people": "individuals",
    "show": "demonstrate", "shows": "demonstrates", "help": "assist", "start": "begin",
    "started": "began", "after": "following", "before": "prior to", "because": "since",
    "during": "throughout", "supporters": "backers", "candidate": "contender", "poll": "survey",
    "polls": "surveys", "won": "secured", "percent": "per cent", "voters": "electors",
    "campaign": "bid", "called": "described as", "asked": "questioned", "major": "significant",
    "important": "crucial", "think": "believe", "thinks": "believes", "wants": "wishes",
    "want": "wish", "get": "obtain", "need": "require", "recent": "latest", "attack": "assault",
    "attacks": "assaults", "leader": "chief", "claims": "assertions", "meeting": "gathering",
}  # fmt: skip
# Function-word choices a literal translation makes differently (applied to 60 % of occurrences).
FUNCTION_SWAPS = {
    "and": "as well as", "but": "however", "with": "together with", "in": "within",
    "on": "upon", "for": "for the sake of", "which": "that", "very": "extremely",
    "more": "further", "because": "due to the fact that", "also": "likewise", "is": "is being",
    "has": "possesses", "to": "in order to", "by": "through", "at": "by", "from": "out of",
}  # fmt: skip
FILLERS = ("In fact, ", "Moreover, ", "As it is known, ", "At the same time, ", "Besides, ")


@dataclass(frozen=True)
class Source:
    name: str
    date: str
    title: str
    paragraphs: tuple[tuple[str, ...], ...]  # sentences per paragraph

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs)


def load_corpus() -> list[Source]:
    out = []
    for split in ("train", "dev"):
        for path in sorted((POLNEAR / split / "text").glob("*.txt")):
            head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
            paras, words = [], 0
            for block in body.split("\n\n"):
                sents = tuple(s.strip() for s in _SENT.split(block.strip()) if s.strip())
                if sents and words < MAX_WORDS:
                    paras.append(sents)
                    words += sum(len(s.split()) for s in sents)
            _outlet, date = path.stem.split("_")[:2]
            out.append(Source(path.stem, date, head.strip(), tuple(paras)))
    return out


def derive(src: Source, op: str, rng: random.Random) -> str:
    if op in ("digest", "rewrite"):
        steps = (
            ("deletion", "reorder", "translation") if op == "digest" else ("summary", "translation")
        )
        for step in steps:
            text = derive(src, step, rng)
            blocks = tuple(tuple(_SENT.split(block)) for block in text.split("\n\n"))
            src = replace(src, paragraphs=blocks)
        return src.text
    paras: list[list[str]] = [list(p) for p in src.paragraphs]
    if op == "deletion":
        sents = [(i, s) for i, p in enumerate(paras) for s in p]
        keep = set(rng.sample(range(len(sents)), max(1, round(len(sents) * rng.uniform(0.5, 0.8)))))
        kept: list[list[str]] = [[] for _ in paras]
        for k, (i, s) in enumerate(sents):
            if k in keep:
                kept[i].append(s)
        paras = [p for p in kept if p]
    elif op == "reorder":
        if len(paras) < 3:  # regroup short articles into 2-sentence paragraphs first
            flat = [s for p in paras for s in p]
            paras = [flat[i : i + 2] for i in range(0, len(flat), 2)]
        order = list(range(len(paras)))
        while order == sorted(order) and len(order) > 1:
            rng.shuffle(order)
        paras = [paras[i] for i in order]
    elif op == "synonym":
        paras = [[_synonyms(s, rng) for s in p] for p in paras]
    elif op == "translation":
        paras = [[_reword(s, rng) for s in p] for p in paras]
    elif op == "summary":
        paras = [_summary([s for p in paras for s in p])]
    return "\n\n".join(" ".join(p) for p in paras)


def _synonyms(sentence: str, rng: random.Random, swap_rate: float = 0.1) -> str:
    """Every listed word replaced, and about one word pair in ten swapped with its neighbour."""

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        new = SYNONYMS.get(word.lower())
        if new is None:
            return word
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    words = re.sub(r"[A-Za-z]+", swap, sentence).split(" ")
    for i in range(1, len(words) - 2):
        if words[i].isalpha() and words[i + 1].isalpha() and rng.random() < swap_rate:
            words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def _reword(sentence: str, rng: random.Random) -> str:
    """Translationese: clause swaps, possessives, expanded forms, dropped articles, fillers."""
    s = re.sub(r"\bthe (\w+) of the (\w+)\b", r"the \2's \1", sentence)
    s = re.sub(r"\b(\w+)n't\b", r"\1 not", s).replace("can not", "cannot")
    s = re.sub(r"\bwill\b", "is going to", s)
    s = re.sub(r"\bcan\b", "is able to", s)
    s = re.sub(r"\b(said|says|told \w+) (?!that\b)", r"\1 that ", s)
    m = re.match(r"^(.{20,}), ((?:[A-Z]\w+ )*[A-Z]\w+|he|she|they) (said|says)\.$", s)
    if m:
        s = f"{m.group(2)[:1].upper()}{m.group(2)[1:]} {m.group(3)} that {m.group(1)}."
    head, sep, tail = s.partition(", ")
    if sep and len(head.split()) >= 4 and len(tail.split()) >= 4 and rng.random() < 0.5:
        tail = tail.rstrip(".!?")
        s = f"{tail[:1].upper()}{tail[1:]}, {head[:1].lower()}{head[1:]}."
    words = [
        w for w in s.split(" ") if not (w.lower() in ("the", "a", "an") and rng.random() < 0.5)
    ]
    words = [FUNCTION_SWAPS[w] if w in FUNCTION_SWAPS and rng.random() < 0.6 else w for w in words]
    s = _synonyms(" ".join(words), rng, swap_rate=0.0)
    if rng.random() < 0.3:
        s = rng.choice(FILLERS) + s[:1].lower() + s[1:]
    return s


def _summary(sents: list[str]) -> list[str]:
    """First sentence plus the top 30 % of the rest by centroid word weight, in story order."""
    freq = Counter(w for s in sents for w in WORD.findall(s.lower()))

    def weight(s: str) -> float:
        ws = WORD.findall(s.lower())
        return sum(math.log(1 + freq[w]) for w in ws) / math.sqrt(len(ws) + 1)

    rest = range(1, len(sents))
    top = sorted(rest, key=lambda i: -weight(sents[i]))[: max(1, round(0.3 * len(sents)))]
    return [sents[0]] + [sents[i] for i in sorted(top)]
