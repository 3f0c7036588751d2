"""FeatureVerifier: a claim against a document, with no trained network.

The features of features.py go through two small logistic models (support, contradiction) whose
weights fit.py learns from public NLI data and stores in weights/feature_verifier.json. A trained
cross-encoder joins these features in model_verifier.py (the default); this class is what
`storydesk check --no-model` runs.
"""

from __future__ import annotations

import json
import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np

from ..errors import StorydeskError
from ..model import Article, Claim, Dispute, Verdict, VerdictLabel
from ..nlp.claims import article_claims
from .clauses import clause_similarity
from .features import (
    FEATURE_NAMES,
    DocumentIndex,
    Embed,
    SentenceFeatures,
    check_fired,
    index_document,
)
from .features import sentence_features as _sentence_features

WEIGHTS_FILE = "feature_verifier.json"
# A structured check this sure is a contradiction by itself (actor, number, date, negation, place);
# a weaker one sets a floor under the contradiction score. A dropped hedge (modality) is neither:
# "may have" is not a denial, and the hedge is shown as a caution.
FIRM_DISPUTE = 0.6


@dataclass(frozen=True)
class Logistic:
    weights: tuple[float, ...]
    bias: float

    def __call__(self, x: Sequence[float]) -> float:
        z = self.bias + float(np.dot(self.weights, x))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


@dataclass(frozen=True)
class Weights:
    support: Logistic
    contradiction: Logistic
    t_support: float
    t_contradiction: float
    meta: dict[str, Any]


def load_weights(
    path: str | Path | None = None, features: tuple[str, ...] = FEATURE_NAMES
) -> Weights:
    """Fitted weights: the packaged FeatureVerifier JSON unless `path` names another file."""
    if path is None:
        raw = resources.files("storydesk.verify").joinpath("weights", WEIGHTS_FILE).read_text()
    else:
        raw = Path(path).read_text(encoding="utf-8")
    data = json.loads(raw)
    if tuple(data["features"]) != features:
        raise StorydeskError(f"weights in {path or WEIGHTS_FILE} were fit on other features; refit")
    return Weights(
        support=Logistic(tuple(data["support"]["weights"]), data["support"]["bias"]),
        contradiction=Logistic(
            tuple(data["contradiction"]["weights"]), data["contradiction"]["bias"]
        ),
        t_support=float(data["thresholds"]["support"]),
        t_contradiction=float(data["thresholds"]["contradiction"]),
        meta=data,
    )


def _reasons(f: SentenceFeatures, support: float) -> list[str]:
    named = f.named()
    out = [f"closest passage: USE similarity {named['best_similarity']:.2f}, "
           f"{named['best_precision']:.0%} of the claim's content words"]  # fmt: skip
    if f.missing:
        out.append("not in the document: " + ", ".join(f.missing[:5]))
    if named["novel_unigrams"] >= 0.3:
        out.append(f"{named['novel_unigrams']:.0%} of the claim's content words are not in it")
    if f.dispute is not None:
        out.append(f.dispute.reason)
    if named["negation_mismatch"] and f.dispute is None:
        out.append("the closest passage differs in negation")
    out.append(f"support {support:.2f}")
    return out


def judge(
    w: Weights, rows: Sequence[tuple[Sequence[float], Dispute | None]]
) -> tuple[list[float], list[float], VerdictLabel]:
    """Per-sentence support and contradiction (a structured dispute is explicit evidence of
    conflict: it sets a floor under the latter) and the claim's label. A claim is as supported
    as its weakest sentence and as contradicted as its most contradicted one; a firm dispute
    makes it contradicted by itself."""
    supports, contras = [], []
    for values, dispute in rows:
        c = w.contradiction(values)
        supports.append(w.support(values))
        contras.append(max(c, check_fired(dispute)))
    firm = any(d is not None and d.confidence >= FIRM_DISPUTE for _, d in rows)
    label: VerdictLabel = "unverified"
    if firm or max(contras) >= w.t_contradiction:
        label = "contradicted"
    elif all(_supports(s, c, w.t_support) for s, c in zip(supports, contras, strict=True)):
        label = "supported"
    return supports, contras, label


def _supports(support: float, contradiction: float, t_support: float) -> bool:
    """Whether a sentence's scores support it: support over its threshold and over the
    contradiction. The threshold is low (0.21: fit for balanced accuracy), and alone it let
    a sentence through that the model reads as contradicted ("were taken to Brackenford
    General Hospital" / "were taken to St Alder's Infirmary": support 0.24, contradiction
    0.28)."""
    return support >= t_support and support > contradiction


Item = TypeVar("Item")


def assemble(
    w: Weights,
    items: Sequence[Item],
    row: Callable[[Item], tuple[Sequence[float], Dispute | None]],
    cite: Callable[[Item], Sequence[str]],
    explain: Callable[[Item, float, float], list[str]],
) -> Verdict:
    """One claim's Verdict from its scored sentences: `judge` on each sentence's features and
    dispute, then the evidence each cites and the reasons each gives, in order, without repeats."""
    rows = [row(x) for x in items]
    supports, contras, label = judge(w, rows)
    evidence = [e for x in items for e in cite(x)]
    scored = zip(items, supports, contras, strict=True)
    reasons = [r for x, sup, con in scored for r in explain(x, sup, con)]
    return Verdict(
        label, min(supports), max(contras), tuple(dict.fromkeys(evidence)),
        tuple(dict.fromkeys(reasons)), any(d is not None for _, d in rows),
    )  # fmt: skip


Index = TypeVar("Index")


class LazyModels(Generic[Index]):
    """spaCy and the sentence encoder, loaded on first use, and a small LRU of per-document
    indexes: drafts check many sentences against the same few sources, so each is indexed once."""

    def __init__(self, nlp: Any, embed: Embed | None, cache_size: int) -> None:
        self._nlp, self._embed = nlp, embed
        self._cache: OrderedDict[str, Index] = OrderedDict()
        self._cache_size = cache_size

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from ..nlp.models import spacy_pipeline

            self._nlp = spacy_pipeline()
        return self._nlp

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._embed is None:
            from ..nlp.models import embedder

            self._embed = embedder().encode
        return self._embed(texts)

    def _indexed(self, document: str, build: Callable[[str], Index]) -> Index:
        found = self._cache.get(document)
        if found is None:
            found = self._cache[document] = build(document)
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        self._cache.move_to_end(document)
        return found


class FeatureVerifier(LazyModels[DocumentIndex]):
    """`verify(claim, document)`: each claim sentence scored on its own, then `judge`."""

    def __init__(
        self,
        weights: Weights | str | Path | None = None,
        nlp: Any = None,
        embed: Embed | None = None,
        top_k: int = 3,
        cache_size: int = 32,
    ) -> None:
        super().__init__(nlp, embed, cache_size)
        self.weights = weights if isinstance(weights, Weights) else load_weights(weights)
        self.top_k = top_k

    def index(self, document: str) -> DocumentIndex:
        return self._indexed(document, lambda d: index_document(d, self.encode))

    def claim_sentences(self, claim: str) -> list[Claim]:
        parsed = article_claims(self.nlp, [Article(id="claim", path="", text=claim)], 0)
        return [c for c in parsed if any(ch.isalnum() for ch in c.text)]

    def features(self, claim: str, document: str) -> list[SentenceFeatures]:
        sentences = self.claim_sentences(claim)
        if not sentences or not document.strip():
            return []
        index = self.index(document)
        vecs = self.encode([c.text for c in sentences])
        return [
            _sentence_features(self.nlp, c, v, index, self.top_k, clause_similarity(self.encode, v))
            for c, v in zip(sentences, vecs, strict=True)
        ]

    def verify(self, claim: str, document: str) -> Verdict:
        feats = self.features(claim, document)
        if not feats:
            return Verdict("unverified", 0.0, 0.0, (), ("empty claim or document",))
        return self.verdict(feats)

    def verdict(self, feats: Sequence[SentenceFeatures]) -> Verdict:
        # A dispute's conflicting sentence first, then every evidence window.
        return assemble(
            self.weights, feats, lambda f: (f.values, f.dispute),
            lambda f: ([f.dispute.b.text] if f.dispute else []) + list(f.evidence),
            lambda f, sup, _con: _reasons(f, sup),
        )  # fmt: skip
