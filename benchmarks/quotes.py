"""Direct-quotation extraction on PolNeAR (dev split): content spans and speakers, storydesk's
quotes extractor against textacy's `direct_quotations` (same spaCy model, same texts).

Gold: PolNeAR attributions (brat stand-off: Source, Cue, Content). An attribution counts as
DIRECT when at least 90 % of the word tokens of its content lie inside double quotation marks
(a per-paragraph toggle on " “ ” « »; the content's pieces are unioned). Paraphrased (indirect)
attributions are not quotations and are left out; the script prints how many of each there are.
One annotation file per article (the first by name when several annotators did it).

Units and matching. A predicted unit is one quotation's content (word tokens, quote marks
excluded). Consecutive predictions of one system with the same speaker mention and cue are merged
first, because PolNeAR annotates a split quotation (`"A," he said. "B."`) as one attribution.
Predictions and gold are matched one to one, best overlap first:
- exact: the same set of word tokens;
- overlap: |shared tokens| >= 50 % of the larger of the two (so both sides are half covered).
Speaker: a content match (overlap) whose predicted speaker overlaps the gold Source span or whose
last word (as written, or the resolved name) equals the Source's last word, case-insensitively.
Speaker precision is over predictions (those matched to a source-less gold excluded), recall over
direct gold attributions that have a Source.

    python benchmarks/quotes.py [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _metrics import DATA, polnear_documents, table, write_json
from storydesk.model import Article
from storydesk.nlp.models import spacy_pipeline
from storydesk.quotes.extract import extract

POLNEAR = DATA / "dev" / "polnear" / "data" / "dev"
_WORD = re.compile(r"\w+")
DIRECT_SHARE = 0.9


@dataclass
class Gold:
    tokens: frozenset[int]  # start offsets of the content's word tokens
    source: tuple[int, int] | None
    source_text: str


@dataclass
class Pred:
    tokens: frozenset[int]
    speaker_span: tuple[int, int] | None
    speaker_words: frozenset[str]  # last word of the speaker as written and as resolved
    key: tuple[object, ...]  # speaker mention and cue, for merging split quotations
    end: int


def inside_quotes(text: str) -> list[bool]:
    mask, inside = [], False
    for ch in text:
        if ch == "\n":
            inside = False
        elif ch in "“«":
            inside = True
        elif ch in "”»":
            inside = False
        elif ch == '"':
            inside = not inside
        mask.append(inside)
    return mask


def word_starts(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(m.start() + a for a, b in spans for m in _WORD.finditer(text[a:b]))


def last_word(text: str | None) -> str:
    found = _WORD.findall((text or "").replace("’s", "").replace("'s", ""))
    return found[-1].lower() if found else ""


def load_gold(text: str, ann: Path) -> tuple[list[Gold], int]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, where = parts[1].partition(" ")
            pieces = [tuple(map(int, p.split())) for p in where.split(";")]
            spans[parts[0]] = (label, [(a, b) for a, b in pieces])
        elif parts[0].startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    mask = inside_quotes(text)
    gold, indirect = [], 0
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        tokens = word_starts(text, content[1])
        if not tokens:
            continue
        if sum(mask[t] for t in tokens) < DIRECT_SHARE * len(tokens):
            indirect += 1
            continue
        src = spans.get(ev.get("Source", ""))
        sspan = (src[1][0][0], src[1][-1][1]) if src else None
        gold.append(Gold(tokens, sspan, text[sspan[0] : sspan[1]] if sspan else ""))
    return gold, indirect


def merge(preds: list[Pred]) -> list[Pred]:
    out: list[Pred] = []
    for p in sorted(preds, key=lambda p: p.end):
        if out and p.key == out[-1].key and p.key[0] is not None:
            last = out[-1]
            out[-1] = Pred(
                last.tokens | p.tokens, last.speaker_span, last.speaker_words, p.key, p.end
            )
        else:
            out.append(p)
    return out


def storydesk_preds(nlp: Any, text: str) -> list[Pred]:
    out = []
    for e in extract(nlp, [Article(id="d", path="d.txt", text=text)]):
        q = e.quote
        span = (
            (q.speaker_start, q.speaker_end)
            if q.speaker_start is not None and q.speaker_end is not None
            else None
        )
        words = {last_word(q.speaker), last_word(q.speaker_text)} - {""}
        tokens = word_starts(text, q.spans)
        out.append(Pred(tokens, span, frozenset(words), (span, q.cue), q.end))
    return merge(out)


def _textacy_doc(doc: Any, offset: int) -> list[Pred]:
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        content = triple.content
        span = None
        if triple.speaker:
            first, last = triple.speaker[0], triple.speaker[-1]
            span = (offset + first.idx, offset + last.idx + len(last.text))
        words = frozenset({last_word(triple.speaker[-1].text)} if triple.speaker else set())
        local = word_starts(doc.text, [(content.start_char, content.end_char)])
        tokens = frozenset(offset + t for t in local)
        cue = (offset, *(t.i for t in triple.cue))
        out.append(Pred(tokens, span, words, (span, cue), offset + content.end_char))
    return out


def textacy_preds(nlp: Any, text: str, bailouts: list[int]) -> list[Pred]:
    """textacy on the whole text; where it refuses (it raises ValueError on an odd number of
    quotation marks, by design), again paragraph by paragraph so one unclosed quotation costs
    the peer only its own paragraph."""
    try:
        return merge(_textacy_doc(nlp(text), 0))
    except ValueError:
        bailouts[0] += 1
    out: list[Pred] = []
    for m in re.finditer(r"[^\n]+", text):
        try:
            out.extend(_textacy_doc(nlp(m.group()), m.start()))
        except ValueError:
            bailouts[1] += 1
    return merge(out)


def _overlap(p: Pred, g: Gold) -> float:
    return len(p.tokens & g.tokens) / max(len(p.tokens), len(g.tokens), 1)


def _speaker_ok(p: Pred, g: Gold) -> bool:
    if g.source is None:
        return False
    if p.speaker_span and p.speaker_span[0] < g.source[1] and g.source[0] < p.speaker_span[1]:
        return True
    return last_word(g.source_text) in p.speaker_words


@dataclass
class Counts:
    pred: int = 0
    gold: int = 0
    gold_with_source: int = 0
    exact: int = 0
    overlap: int = 0
    speaker: int = 0
    pred_on_sourceless: int = 0

    def add(self, preds: list[Pred], gold: list[Gold]) -> None:
        self.pred += len(preds)
        self.gold += len(gold)
        self.gold_with_source += sum(1 for g in gold if g.source)
        self.exact += _matches(preds, gold, exact=True)[0]
        n, pairs = _matches(preds, gold, exact=False)
        self.overlap += n
        self.speaker += sum(1 for p, g in pairs if _speaker_ok(p, g))
        self.pred_on_sourceless += sum(1 for _, g in pairs if g.source is None)


def _matches(
    preds: list[Pred], gold: list[Gold], exact: bool
) -> tuple[int, list[tuple[Pred, Gold]]]:
    cands = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(preds) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p, used_g, pairs = set(), set(), []
    for score, i, j in cands:
        ok = preds[i].tokens == gold[j].tokens if exact else score >= 0.5
        if ok and i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((preds[i], gold[j]))
    return len(pairs), pairs


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def documents(limit: int | None) -> list[tuple[str, Path]]:
    docs = polnear_documents(POLNEAR)
    return docs[:limit] if limit else docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents (sorted by name)")
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"PolNeAR dev split not found at {POLNEAR}", file=sys.stderr)
        return 2
    nlp = spacy_pipeline()
    ours, peer = Counts(), Counts()
    indirect_total, t_ours, t_peer = 0, 0.0, 0.0
    bailouts = [0, 0]  # textacy refusals: documents, then paragraphs
    docs = documents(args.limit)
    for base, ann in docs:
        text = (POLNEAR / "text" / f"{base}.txt").read_text(encoding="utf-8")
        gold, indirect = load_gold(text, ann)
        indirect_total += indirect
        t0 = time.perf_counter()
        ours.add(storydesk_preds(nlp, text), gold)
        t1 = time.perf_counter()
        peer.add(textacy_preds(nlp, text, bailouts), gold)
        t_ours, t_peer = t_ours + t1 - t0, t_peer + time.perf_counter() - t1
    print(f"textacy refused {bailouts[0]} documents (re-run per paragraph; "
          f"{bailouts[1]} paragraphs still refused)")  # fmt: skip
    return report(args, ours, peer, len(docs), indirect_total, (t_ours, t_peer))


def _row(name: str, c: Counts, seconds: float) -> tuple[list[object], dict[str, float]]:
    ex = prf(c.exact, c.pred, c.gold)
    ov = prf(c.overlap, c.pred, c.gold)
    sp = prf(c.speaker, c.pred - c.pred_on_sourceless, c.gold_with_source)
    row: list[object] = [name, c.pred, *ex[2:], *ov, *sp, round(seconds, 1)]
    return row, {"exact": ex[2], "overlap_p": ov[0], "overlap_r": ov[1], "overlap": ov[2],
                 "speaker_p": sp[0], "speaker_r": sp[1], "speaker": sp[2]}  # fmt: skip


def report(
    args: argparse.Namespace, ours: Counts, peer: Counts, ndocs: int, indirect: int,
    seconds: tuple[float, float],
) -> int:  # fmt: skip
    print(f"PolNeAR dev: {ndocs} documents; {ours.gold} direct attributions "
          f"({ours.gold_with_source} with a source), {indirect} indirect left out")  # fmt: skip
    r1, m1 = _row("storydesk", ours, seconds[0])
    r2, m2 = _row("textacy direct_quotations", peer, seconds[1])
    header = ["system", "pred", "F1 exact", "P ovl", "R ovl", "F1 ovl", "P spk", "R spk",
              "F1 spk", "s"]  # fmt: skip
    print(table([r1, r2], header))
    metrics = {
        "content_f1_exact": m1["exact"],
        "content_f1_overlap": m1["overlap"],
        "content_precision_overlap": m1["overlap_p"],
        "content_recall_overlap": m1["overlap_r"],
        "speaker_f1": m1["speaker"],
        "peer_content_f1_exact": m2["exact"],
        "peer_content_f1_overlap": m2["overlap"],
        "peer_speaker_f1": m2["speaker"],
        "margin_content_f1": m1["overlap"] - m2["overlap"],
        "margin_speaker_f1": m1["speaker"] - m2["speaker"],
        "gold_direct": float(ours.gold),
    }
    write_json(args.json, metrics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
