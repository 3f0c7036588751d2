"""Verifiers for users with more compute, behind the same `Verifier` protocol.

Neither is a dependency: TransformersVerifier imports transformers/torch when built, and
OpenAIJudgeVerifier talks to any OpenAI-compatible server with the standard library only.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import InputError, StorydeskError
from ..model import Verdict, VerdictLabel
from ..nlp.sentences import split_sentences
from .features import precision

_ENTAIL = ("entail", "support", "consistent")
_CONTRA = ("contradict", "refute", "inconsistent")


def label_indices(id2label: Mapping[Any, str]) -> tuple[int, int | None]:
    """(entailment index, contradiction index or None) from a model's config.id2label.

    A 2-label model whose labels are unnamed (LABEL_0/LABEL_1) is read as not-entailed/entailed,
    the common layout of factual-consistency classifiers; it then never says "contradicted"."""
    names = {int(k): v.lower() for k, v in id2label.items()}
    contra = next((i for i, n in names.items() if any(c in n for c in _CONTRA)), None)
    entail = next(
        (i for i, n in names.items() if i != contra and any(e in n for e in _ENTAIL)), None
    )
    if entail is None and len(names) == 2:
        entail = 1
    if entail is None:
        raise StorydeskError(f"cannot tell the entailment label among {sorted(names.values())}")
    return entail, contra


def windows(document: str, claim: str, limit: int) -> list[str]:
    """1- and 2-sentence windows; beyond `limit`, the ones sharing most words with the claim."""
    sents = split_sentences(document) or [document.strip()]
    out = sents + [f"{a} {b}" for a, b in pairwise(sents)]
    if len(out) > limit:
        out = sorted(out, key=lambda w: -precision(claim, w))[:limit]
    return out


def _label(support: float, contra: float, t_s: float, t_c: float) -> VerdictLabel:
    if contra >= t_c:
        return "contradicted"
    return "supported" if support >= t_s else "unverified"


class TransformersVerifier:
    """An NLI cross-encoder (AutoModelForSequenceClassification) over the document's windows:
    a claim sentence is as supported as its best window, as contradicted as its worst."""

    def __init__(
        self,
        model_path_or_name: str,
        t_support: float = 0.5,
        t_contradiction: float = 0.5,
        max_windows: int = 48,
        batch_size: int = 16,
    ) -> None:
        as_path = Path(model_path_or_name).expanduser()
        if model_path_or_name.startswith((".", "~", "/")) and not as_path.exists():
            raise InputError(model_path_or_name, "no such model folder")  # not a hub name
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as exc:
            raise StorydeskError(
                "TransformersVerifier needs: pip install transformers torch"
            ) from exc
        self._torch = torch
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model_path_or_name)
            self.model = AutoModelForSequenceClassification.from_pretrained(model_path_or_name)
        except (OSError, ValueError) as exc:  # what transformers raises for a missing model
            why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(
                model_path_or_name, f"cannot load a transformers model: {why}"
            ) from exc
        self.model.eval()
        self.entail, self.contra = label_indices(self.model.config.id2label)
        self.t_support, self.t_contradiction = t_support, t_contradiction
        self.max_windows, self.batch_size = max_windows, batch_size

    def _probs(self, premises: list[str], hypothesis: str) -> list[list[float]]:
        out: list[list[float]] = []
        for k in range(0, len(premises), self.batch_size):
            batch = premises[k : k + self.batch_size]
            enc = self.tokenizer(
                batch, [hypothesis] * len(batch), truncation=True, padding=True,
                max_length=512, return_tensors="pt",
            )  # fmt: skip
            with self._torch.no_grad():
                logits = self.model(**enc).logits
            out.extend(self._torch.softmax(logits, dim=-1).tolist())
        return out

    def verify(self, claim: str, document: str) -> Verdict:
        sentences = split_sentences(claim) or [claim.strip()]
        if not any(sentences) or not document.strip():
            return Verdict("unverified", 0.0, 0.0, (), ("empty claim or document",))
        supports, contras, evidence = [], [], []
        for sent in sentences:
            wins = windows(document, sent, self.max_windows)
            probs = self._probs(wins, sent)
            ent = [p[self.entail] for p in probs]
            con = [p[self.contra] if self.contra is not None else 0.0 for p in probs]
            best = max(range(len(wins)), key=lambda i: ent[i])
            worst = max(range(len(wins)), key=lambda i: con[i])
            supports.append(ent[best])
            contras.append(con[worst])
            evidence.append(wins[worst] if con[worst] >= self.t_contradiction else wins[best])
        support, contra = min(supports), max(contras)
        reason = f"cross-encoder: entailment {support:.2f}, contradiction {contra:.2f}"
        label = _label(support, contra, self.t_support, self.t_contradiction)
        return Verdict(label, support, contra, tuple(dict.fromkeys(evidence)), (reason,))


PROMPT = """You check whether a CLAIM is supported by a DOCUMENT, using only the document.
Answer with one JSON object and nothing else:
{"label": "supported" | "contradicted" | "unverified", "support": <0..1>,
 "contradiction": <0..1>, "evidence": [<sentences copied exactly from the document>]}
"supported": the document states the claim; "contradicted": the document states something
incompatible with it; otherwise "unverified"."""
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


class OpenAIJudgeVerifier:
    """Asks an OpenAI-compatible chat server (/v1/chat/completions) for a JSON verdict.

    Bounded on every side: request timeout, response size, document length. A server that
    cannot be reached raises StorydeskError; an answer that is not the promised JSON becomes an
    "unverified" verdict that says so, so one bad answer never stops a batch."""

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_response_bytes: int = 1_000_000,
        max_document_chars: int = 24_000,
    ) -> None:
        base = base_url.rstrip("/")
        self.url = base + ("/chat/completions" if base.endswith("/v1") else "/v1/chat/completions")
        self.model, self.api_key, self.timeout = model, api_key, timeout
        self.max_response_bytes, self.max_document_chars = max_response_bytes, max_document_chars

    def _ask(self, claim: str, document: str) -> str:
        body = {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": PROMPT},
                {"role": "user", "content": f"DOCUMENT:\n{document}\n\nCLAIM:\n{claim}"},
            ],
        }
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        req = urllib.request.Request(self.url, json.dumps(body).encode(), headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read(self.max_response_bytes + 1)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise StorydeskError(f"judge at {self.url} failed: {exc}") from exc
        if len(raw) > self.max_response_bytes:
            raise StorydeskError(f"judge answer over {self.max_response_bytes} bytes")
        try:
            return str(json.loads(raw)["choices"][0]["message"]["content"])
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise StorydeskError(f"judge at {self.url} sent no chat completion") from exc

    def verify(self, claim: str, document: str) -> Verdict:
        doc = document[: self.max_document_chars]
        return parse_judgement(self._ask(claim, doc), doc)


def parse_judgement(content: str, document: str) -> Verdict:
    """The judge's JSON as a Verdict; evidence it did not copy from the document is dropped."""
    found = _JSON_OBJECT.search(content)
    try:
        data = json.loads(found.group()) if found else None
        label = data["label"] if isinstance(data, dict) else None
        if label not in ("supported", "contradicted", "unverified"):
            raise ValueError(f"label {label!r}")
        assert isinstance(data, dict)
        support = min(max(float(data.get("support", 0.0)), 0.0), 1.0)
        contra = min(max(float(data.get("contradiction", 0.0)), 0.0), 1.0)
    except (ValueError, TypeError, KeyError) as exc:
        why = f"judge answer unreadable ({exc}): {content[:120]!r}"
        return Verdict("unverified", 0.0, 0.0, (), (why,))
    raw = data.get("evidence") or []
    given = [e for e in ([raw] if isinstance(raw, str) else raw) if isinstance(e, str)]
    evidence = tuple(e for e in given if e.strip() and e.strip() in document)
    reasons = ["LLM judge"]
    if len(evidence) < len(given):
        reasons.append(f"{len(given) - len(evidence)} evidence quote(s) not in the document")
    explained = label == "contradicted" and bool(evidence)  # the judge quoted the conflict
    return Verdict(label, support, contra, evidence, tuple(reasons), explained)
