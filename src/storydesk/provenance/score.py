"""From a pair's signals to a derivation score, a direction and evidence a reader can check.

The score is a logistic sum of "evidence units":

    e_i = clip((x_i - n_i) / (s_i - n_i), 0, CAP)
    z = BIAS + STEP * sum_i e_i                         score = 1 / (1 + exp(-z))

where x_i is a signal, n_i its *null level* (what two independent reports of one event reach on
their own: shared names and set phrases, one or two sentences that happen to match) and s_i its
*sufficient value*: the level at which that signal alone would be implausible for two articles
reported independently. The weights are not fitted to any data; they follow from one rule, so
each one can be argued about on its own:

- BIAS = -3: with no evidence at all the score is 0.05 (two articles about one event are
  independent unless something says otherwise).
- STEP = 3 = -BIAS: a signal at its sufficient value alone lifts z to 0, score 0.5, which is
  LINK_THRESHOLD. Two signals at half their sufficient values reach it together, because
  independent kinds of evidence add up.
- CAP = 2: one overwhelming signal cannot hide the absence of the others in the score's detail
  (and the logistic saturates anyway: z = 3 is 0.95).

Sufficient values (why each is implausible under independent reporting):

- overlap, s 0.25, n 0.05: a quarter of one article's 5-word sequences found verbatim in the
  other. Independent reports share names and short phrases, rarely 5-word runs outside quotations.
- order, s 0.5, n 0.1: half of one article's sentences have a near-identical sentence (cosine
  >= 0.8) in the other, in the same order. Independent reports state the same facts in their own
  sentences; one sentence in ten matching by chance is the null.
- quotes, s 4, n 0: identical quotations are weak evidence, since reporters at one press
  conference quote the same words; four of them (of four or more words each) are needed alone.
- errors, s 2, n 0: a name spelled the same wrong way by exactly two outlets is strong but not
  proof (transliteration can agree by chance), so two such errors are needed alone.

Publication time carries no weight: copies and independent reports of one event appear within
hours of each other alike, so time only orders a pair, it does not link it.

Direction: the earlier publication is the origin when both times can be ordered; otherwise the
fuller article, when the other's content is clearly more contained in it (containment asymmetry
of at least ASYMMETRY, averaged over sentences and 5-word sequences); otherwise undirected.
"""

from __future__ import annotations

import math

from ..model import Derivation
from .features import ArticleView, PairFeatures

BIAS = -3.0
STEP = 3.0
CAP = 2.0
SUFFICIENT: dict[str, float] = {"overlap": 0.25, "order": 0.5, "quotes": 4.0, "errors": 2.0}
NULL: dict[str, float] = {"overlap": 0.05, "order": 0.1, "quotes": 0.0, "errors": 0.0}
LINK_THRESHOLD = 0.5  # a derivation at or above it joins two articles in one independence group
ASYMMETRY = 0.1  # containment difference that makes the fuller article the origin


def signals(f: PairFeatures) -> dict[str, float]:
    return {
        "overlap": max(f.contain_ab, f.contain_ba),
        "order": max(f.ordered_ab, f.ordered_ba),
        "quotes": float(len(f.quotes)),
        "errors": float(len(f.errors)),
    }


def contributions(f: PairFeatures) -> dict[str, float]:
    """Each signal's share of the logit: STEP times its evidence units (0 up to the null level)."""
    out = {}
    for k, v in signals(f).items():
        units = (v - NULL[k]) / (SUFFICIENT[k] - NULL[k])
        out[k] = STEP * min(max(units, 0.0), CAP)
    return out


def derivation_score(f: PairFeatures) -> float:
    z = BIAS + sum(contributions(f).values())
    return 1.0 / (1.0 + math.exp(-z))


def asymmetry(f: PairFeatures) -> float:
    """Positive when b's content is more contained in a than a's in b (b looks derived)."""
    return ((f.cover_ba - f.cover_ab) + (f.contain_ba - f.contain_ab)) / 2.0


def orient(f: PairFeatures) -> tuple[int, str | None]:
    """+1: a is the origin, -1: b is, 0: undirected; with the reason in words (filled later)."""
    if f.hours is not None and f.hours != 0:
        return (1 if f.hours > 0 else -1), "time"
    lean = asymmetry(f)
    if abs(lean) >= ASYMMETRY:
        return (1 if lean > 0 else -1), "containment"
    return 0, None


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _hours(h: float) -> str:
    h = abs(h)
    if h < 1:
        return f"{max(round(h * 60), 1)} min"
    if h < 48:
        return f"{h:.0f} h" if h >= 10 else f"{h:.1f} h".replace(".0 h", " h")
    return f"{h / 24:.0f} days"


def _evidence(f: PairFeatures, src: str, dst: str, forward: bool, how: str | None) -> list[str]:
    """Readable reasons, strongest contribution first; src/dst are the two outlets' labels."""
    contain = f.contain_ba if forward else f.contain_ab
    ordered = f.ordered_ba if forward else f.ordered_ab
    cover_dst, cover_src = (f.cover_ba, f.cover_ab) if forward else (f.cover_ab, f.cover_ba)
    weighted: list[tuple[float, str]] = []
    parts = contributions(f)
    if ordered > 0:
        text = f"{_pct(ordered)} of {dst}'s sentences follow {src} in order"
        weighted.append((parts["order"], text))
    if contain >= NULL["overlap"]:
        text = f"{_pct(contain)} of {dst}'s 5-word sequences appear verbatim in {src}"
        weighted.append((parts["overlap"], text))
    if f.quotes:
        n = len(f.quotes)
        weighted.append((parts["quotes"], f"shares {n} quote{'s' * (n != 1)} word for word"))
    for wrong, right in f.errors:
        weighted.append((parts["errors"], f"both spell '{wrong}' where others write '{right}'"))
    weighted.sort(key=lambda item: -item[0])
    out = [text for _, text in weighted]
    if how == "time" and f.hours is not None:
        out.append(f"{dst} published {_hours(f.hours)} after {src}")
    elif how == "containment":
        out.append(
            f"{dst}'s content is mostly contained in {src} "
            f"({_pct(cover_dst)} vs {_pct(cover_src)} of sentences matched)"
        )
    elif f.hours is None:
        out.append("publication times cannot tell which came first")
    return out


def derivation(a: ArticleView, b: ArticleView, f: PairFeatures) -> Derivation:
    """The Derivation record for a pair, oriented origin -> derived when the evidence allows."""
    way, how = orient(f)
    forward = way >= 0
    src, dst = (a, b) if forward else (b, a)
    feats = {
        "score": derivation_score(f),
        "jaccard": f.jaccard,
        "containment": f.contain_ba if forward else f.contain_ab,
        "containment_reverse": f.contain_ab if forward else f.contain_ba,
        "ordered": f.ordered_ba if forward else f.ordered_ab,
        "ordered_reverse": f.ordered_ab if forward else f.ordered_ba,
        "quotes": float(len(f.quotes)),
        "errors": float(len(f.errors)),
        "asymmetry": asymmetry(f) if forward else -asymmetry(f),
    }
    if f.hours is not None:
        feats["hours"] = f.hours if forward else -f.hours
    return Derivation(
        source=src.id,
        target=dst.id,
        score=round(feats["score"], 4),
        directed=way != 0,
        evidence=tuple(_evidence(f, src.label, dst.label, forward, how)),
        features=tuple((k, round(v, 4)) for k, v in feats.items()),
    )
