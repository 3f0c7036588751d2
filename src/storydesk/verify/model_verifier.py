"""ModelVerifier: the trained cross-encoder and the cheap hallucination features, combined.

Per claim sentence: the model reads the claim against each of its best evidence windows (picked
lexically, as in training) and keeps the most supportive; the same windows feed the structured
checks (actor, number, date, negation, place), and the whole document feeds the coverage
features (names, numbers and words the document never gives). Two small logistic models
(combiner.json beside the model, fit by storydesk.verify.fit_combiner on data the cross-encoder
never trained on) turn these into support and contradiction. A firm structured check is a
contradiction by itself, and says why.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..model import Article, Claim, Dispute, Verdict
from ..nlp.claims import claims_of, parse_paragraphs
from ..nlp.models import ParseMemo, detect_language
from ..nlp.sentences import split_sentences
from . import rereading
from .checks import Context
from .clauses import clause_similarity
from .crossencoder import CrossEncoder
from .evidence import rank_sentences
from .features import (
    FEATURE_NAMES,
    Embed,
    TextIndex,
    check_fired,
    coverage,
    first_dispute,
    novelty,
    precision,
    text_index,
)
from .readings import readings
from .verifier import LazyModels, Logistic, Weights, assemble, load_weights

COMBINER_FILE = "combiner.json"
ENT_NEU_CON = ("entailment", "neutral", "contradiction")
# Windows the structured checks see. A claim that fuses two facts conflicts with a sentence
# that is often not the closest one lexically (seed 003's "Japan ... building up its navy" sits
# next to, not in, the sentence it paraphrases), and the checks fire only on a conflict they
# can explain (same predicate, different actor...). A one-window model still reads one window.
CHECK_WINDOWS = 2
# How often a checked sentence is expected to contradict its document. The combiner is fit on
# data built a third contradictions (one corruption per supported sentence); real drafts conflict
# with their sources far less often, and a model calibrated on a third calls too much
# "contradicted" (three honest paraphrases of seed 003 at 0.55-0.82). The contradiction model's
# intercept is moved by the log prior-odds ratio (the standard label-shift correction); how it
# ranks contradictions is unchanged. An assumption, not a measurement: pass another prior (or
# None for the fit data's own) to ModelVerifier.
CONTRADICTION_PRIOR = 0.1
# The model's log-odds of entailment and contradiction, then FeatureVerifier's own features
# (all but its last, similar_but_missing, which the model's scores make redundant).
COMBINER_FEATURES: tuple[str, ...] = (
    "model_entailment",
    "model_contradiction",
    *FEATURE_NAMES[:10],
)


SHORT_DOCUMENT = 600  # characters: a document this short may be read whole (see _whole_when_unsure)
NOT_ENGLISH = 0.9  # language-id confidence above which a claim is read as not English


def _english(text: str) -> bool:
    """False only for a claim confidently in another language (py3langid: 1146 of MRPC's 1,147
    English claims are "en" at >= 0.9, the last "en" at less)."""
    lang, prob = detect_language(text)
    return lang == "en" or prob < NOT_ENGLISH


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class SentenceScore:
    """One claim sentence against one document: features, model output and what decided it."""

    sentence: str
    values: tuple[float, ...]
    probs: tuple[float, float, float]  # entailment, neutral, contradiction
    evidence: tuple[str, ...]
    missing: tuple[str, ...]
    dispute: Dispute | None
    # The document prints the sentence word for word: `probs` are then not the model's.
    printed: bool = False

    def named(self) -> dict[str, float]:
        return dict(zip(COMBINER_FEATURES, self.values, strict=True))


def prior_shifted(w: Weights, prior: float | None) -> Weights:
    """The weights with the contradiction intercept moved from the fit data's base rate to
    `prior` (unchanged when either is unknown)."""
    base = w.meta.get("contradiction_base_rate")
    if prior is None or base is None:
        return w
    if not 0.0 < prior < 1.0:
        raise ValueError(f"contradiction_prior must be in (0, 1), not {prior}")
    shift = _logit(prior) - _logit(float(base))
    con = Logistic(w.contradiction.weights, w.contradiction.bias + shift)
    return replace(w, contradiction=con)


class ModelVerifier(LazyModels[TextIndex]):
    """`verify(claim, document)`: each claim sentence scored on its own, then `judge`."""

    def __init__(
        self,
        model: CrossEncoder | str | Path | None = None,
        combiner: Weights | str | Path | None = None,
        nlp: Any = None,
        embed: Embed | None = None,
        cache_size: int = 32,
        contradiction_prior: float | None = CONTRADICTION_PRIOR,
    ) -> None:
        super().__init__(nlp, embed, cache_size)
        self.model = model if isinstance(model, CrossEncoder) else CrossEncoder(model)
        if isinstance(combiner, Weights):
            self.weights = combiner
        else:
            path = combiner if combiner is not None else self.model.folder / COMBINER_FILE
            self.weights = load_weights(path, COMBINER_FEATURES)
        self.weights = prior_shifted(self.weights, contradiction_prior)

    def index(self, document: str) -> TextIndex:
        return self._indexed(document, text_index)

    def _windows(self, part: str, document: str, k: int) -> list[str]:
        """The claim sentence's k best windows. A question asserts nothing: a claim that is not
        one is neither supported nor contradicted by a sentence that only asks it ("Can the
        authority sue the contractor?"), so question windows give way to the next best."""
        if _asks(part):
            return self.model.windows(part, document, k) or [document.strip()]
        found = [w for w in self.model.windows(part, document, 3 * k) if not _asks(w)]
        return found[:k] or [document.strip()]

    def sentence_scores(self, claim: str, document: str) -> list[SentenceScore]:
        parts = [p for p in split_sentences(claim) if any(ch.isalnum() for ch in p)]
        if not parts or not document.strip():
            return []
        index = self.index(document)
        # The structured checks and the features read at least CHECK_WINDOWS windows; the model
        # reads the first k of them, as many as it was trained on.
        k = int(self.model.meta["top_k_windows"])
        wide = max(CHECK_WINDOWS, k)
        checked = [self._windows(p, document, wide) for p in parts]
        evidence = [ws[:k] for ws in checked]
        ev_sents = [_evidence_sentences(p, ws) for p, ws in zip(parts, checked, strict=True)]
        unique = list(dict.fromkeys(t for ws in ev_sents for t in ws))
        # One spaCy pass and one encoder pass over every claim part and evidence sentence.
        arts = [Article(id=f"c{i}", path="", text=p) for i, p in enumerate(parts)]
        arts += [Article(id=f"e{j}", path="", text=t) for j, t in enumerate(unique)]
        by_article: dict[str, list[Claim]] = {a.id: [] for a in arts}
        parses = parse_paragraphs(self.nlp, arts)
        for c in claims_of(arts, parses, min_content_words=0):
            by_article[c.article].append(c)
        # The rewrites below parse these sentences (and the windows' context) again: once only.
        nlp = ParseMemo(self.nlp)
        nlp.keep(p.doc for p in parses)
        claims = [(i, c) for i in range(len(parts)) for c in by_article[f"c{i}"]
                  if any(ch.isalnum() for ch in c.text)]  # fmt: skip
        if not claims:
            return []
        vecs = self.encode([c.text for _, c in claims] + unique)
        ev_vec = dict(zip(unique, vecs[len(claims) :], strict=True))
        texts = [c.text for _, c in claims]
        best = self._best_readings(texts, [evidence[i] for i, _ in claims], index, document, nlp)
        ctx = Context(
            article_text={**{f"c{i}": claim for i in range(len(parts))},
                          **{f"e{j}": document for j in range(len(unique))}},
            labels={**{f"c{i}": "the claim" for i in range(len(parts))},
                    **{f"e{j}": "the document" for j in range(len(unique))}},
        )  # fmt: skip
        out = []
        for k, (i, claim_k) in enumerate(claims):
            window, probs, printed = best[k]
            # The window the model found most supportive leads the evidence; within it (a short
            # document is one window) the sentence closest to the claim comes first.
            vec = vecs[k]
            order = sorted(ev_sents[i], key=lambda t: (t not in window, -float(ev_vec[t] @ vec)))
            ev = [(t, ev_vec[t], by_article[f"e{unique.index(t)}"]) for t in order]
            scored = self._score(claim_k, vecs[k], ev, probs, index, ctx)
            out.append(replace(scored, printed=printed))
        return out

    def _best_readings(
        self, claims: list[str], windows: list[list[str]], index: TextIndex, document: str,
        nlp: ParseMemo,
    ) -> dict[int, tuple[str, np.ndarray, bool]]:  # fmt: skip
        """Per claim sentence, the window the model found most supportive (entailment minus
        contradiction), its (entailment, neutral, contradiction) probabilities, and whether the
        window prints the sentence word for word (then it is that window, read as entailed).
        The model reads each window in the shapes verify.readings gives, and the more
        supportive reading counts."""
        flat, said, read = readings(claims, windows, index.sentences, document, nlp)
        probs = self.model.probabilities(list(zip(said, read, strict=True)))
        ent, neu, con = (self.model.labels.index(n) for n in ENT_NEU_CON)
        best: dict[int, tuple[float, str, np.ndarray]] = {}  # claim -> (margin, window, probs)
        for (k, w), pr in zip(flat, probs, strict=True):
            margin = float(pr[ent] - pr[con])
            if k not in best or margin > best[k][0]:
                best[k] = (margin, w, pr[[ent, neu, con]])
        # A window that prints the claim sentence word for word says it, whatever the model
        # reads: v8 calls a few garbled copies contradicted by their own text (0.92).
        out = {k: (w, p, False) for k, (_, w, p) in best.items()}
        for k, ws in enumerate(windows):
            printed = next((w for w in ws if _prints(w, claims[k])), None)
            if printed is not None:
                out[k] = (printed, np.array([1.0, 0.0, 0.0]), True)
        return self._whole_when_unsure(claims, document, out)

    def _whole_when_unsure(
        self, claims: list[str], document: str, out: dict[int, tuple[str, np.ndarray, bool]]
    ) -> dict[int, tuple[str, np.ndarray, bool]]:
        """A short document (an NLI premise, a paragraph) read whole where no one sentence of
        it settles the claim: "It closed in 2020" alone says nothing of the museum the sentence
        before names. The model read whole premises in training; a sentence that does settle
        the claim ("Orbis shares fell 3%") keeps its reading, which the whole paragraph, where
        revenue also rose, can blur into support."""
        doc = document.strip()
        if len(doc) > SHORT_DOCUMENT or all(w == doc for w, _, _ in out.values()):
            return out
        unsure = [k for k, (_, p, printed) in out.items() if not printed and max(p[0], p[2]) < 0.5]
        if not unsure:
            return out
        probs = self.model.probabilities([(claims[k], doc) for k in unsure])
        ent, neu, con = (self.model.labels.index(n) for n in ENT_NEU_CON)
        for k, pr in zip(unsure, probs, strict=True):
            if max(pr[ent], pr[con]) >= 0.5:
                out[k] = (doc, pr[[ent, neu, con]], False)
        return out

    def _score(
        self, c: Claim, vec: np.ndarray, ev: list[tuple[str, np.ndarray, list[Claim]]],
        p: np.ndarray, index: TextIndex, ctx: Context,
    ) -> SentenceScore:  # fmt: skip
        ent, has_ent, num, has_num, missing = coverage(c, index)
        uni, bi = novelty(c.text, index)
        sims = [float(v @ vec) for _, v, _ in ev] or [0.0]
        precs = [precision(c.text, t) for t, _, _ in ev] or [0.0]
        # Structured checks look at the most similar sentence first. They read English parses:
        # a claim in another language gets none ("Las acciones ..." made "Las" a place).
        ranked = sorted(ev, key=lambda e: -float(e[1] @ vec))
        dispute, neg = (None, False)
        if _english(c.text):
            clauses = clause_similarity(self.encode, vec)
            dispute, neg = first_dispute(c, vec, ctx, [(v, cs) for _, v, cs in ranked], clauses)
        e, n, k = (float(x) for x in p)
        values = (
            _logit(e), _logit(k), ent, has_ent, num, has_num, uni, bi, max(sims), max(precs),
            check_fired(dispute), float(neg),
        )  # fmt: skip
        return SentenceScore(
            c.text, values, (e, n, k), tuple(t for t, _, _ in ev), tuple(missing), dispute
        )

    def verify(self, claim: str, document: str) -> Verdict:
        return self.judged(claim, document, self.sentence_scores(claim, document))

    def judged(self, claim: str, document: str, scores: Sequence[SentenceScore]) -> Verdict:
        """The verdict on the claim from its sentence scores (`sentence_scores(claim, document)`),
        read again in other shapes where the whole cannot settle it (verify.rereading)."""
        return rereading.judged(self, claim, document, scores)

    def verdict(self, scores: Sequence[SentenceScore]) -> Verdict:
        # A dispute cites its conflicting sentence; otherwise the model's best window.
        return assemble(
            self.weights, scores, lambda s: (s.values, s.dispute),
            lambda s: [s.dispute.b.text] if s.dispute else list(s.evidence[:1]), _reasons,
        )  # fmt: skip


_QUESTION_END = re.compile(r"\?[\"'”’)\]]*\s*$")


def _asks(text: str) -> bool:
    """Whether the text's last sentence is a question."""
    return bool(_QUESTION_END.search(text))


def _prints(window: str, sentence: str) -> bool:
    """Whether one of the window's sentences is `sentence`, spacing aside."""
    want = " ".join(sentence.split())
    return any(" ".join(s.split()) == want for s in split_sentences(window))


def _evidence_sentences(claim: str, windows: Sequence[str], limit: int = 4) -> tuple[str, ...]:
    """The sentences of the model's windows: the structured checks compare sentence with
    sentence (a whole short premise read as one would dilute the similarity gates). Past
    `limit` (a short document is one window, whole), those that share most with the claim."""
    found = list(dict.fromkeys(s for w in windows for s in split_sentences(w)))
    if len(found) <= limit:
        return tuple(found)
    keep = set(rank_sentences(claim, found)[:limit])
    return tuple(s for i, s in enumerate(found) if i in keep)


def _reasons(s: SentenceScore, support: float, contradiction: float) -> list[str]:
    e, _, k = s.probs
    named = s.named()
    out = [
        "the document prints this sentence word for word"
        if s.printed
        else f"model on the closest passage: entails {e:.2f}, contradicts {k:.2f}"
    ]
    if s.missing:
        out.append("not in the document: " + ", ".join(s.missing[:5]))
    if named["novel_unigrams"] >= 0.3:
        out.append(f"{named['novel_unigrams']:.0%} of the claim's content words are not in it")
    if s.dispute is not None:
        out.append(s.dispute.reason)
    out.append(f"support {support:.2f}, contradiction {contradiction:.2f}")
    return out
