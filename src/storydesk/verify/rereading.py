"""A claim read again in other shapes where its reading as written cannot settle it.

The cross-encoder learnt its hypotheses one sentence long, from premises one sentence long, and
reads a claim against one evidence window at a time. A retelling compresses: it joins two
clauses, adds a side clause or a description to a name, or tells in one sentence what its
source told in two. So a verdict that the whole sentence leaves open, or that the model alone
decides, is read again:
  - a sentence of two clauses with subjects of their own, clause by clause (`by_clauses`);
  - a sentence left unverified, as the statements it makes (`as_statements`, verify.decompose)
    and against two sentences of the document that together hold it (`as_joined`,
    verify.joins).
Each rereading only ever turns a verdict the checks did not explain; an explained conflict or
caution on the whole sentence stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Verdict
from ..nlp.sentences import split_sentences
from .decompose import decompose, independent_clauses
from .joins import doer, joined_pair

if TYPE_CHECKING:
    from .model_verifier import ModelVerifier, SentenceScore


def judged(v: ModelVerifier, claim: str, document: str, scores: Sequence[SentenceScore]) -> Verdict:
    """The verdict on the claim from its sentence scores (`v.sentence_scores(claim, document)`):
    a sentence of two clauses is read clause by clause where no check found a conflict in it
    whole, and one left unverified is read again as its statements and as a joined pair."""
    if not scores:
        return Verdict("unverified", 0.0, 0.0, (), ("empty claim or document",))
    verdict = by_clauses(v, claim, document, v.verdict(scores))
    if verdict.label != "unverified" or any(s.dispute is not None for s in scores):
        return verdict  # support, a contradiction or a caution on the whole sentence stands
    verdict = as_statements(v, claim, document, verdict)
    return verdict if verdict.label == "supported" else as_joined(v, claim, document, verdict)


def as_statements(v: ModelVerifier, claim: str, document: str, verdict: Verdict) -> Verdict:
    """A sentence the document leaves unverified as a whole, read as the statements it
    makes (verify.decompose): supported if the document supports every one, alone or
    read against two of its sentences (`as_joined`, which must find every name and
    figure), with no conflict; else the whole sentence's verdict. Not tried where the
    model contradicts the whole sentence ("Canberra bushfires have scorched 12M acres and
    killed at least 2 people", a swapped name each half hides from it; two clauses with
    subjects of their own are read by `by_clauses`), nor where the whole has a conflict
    or a caution (a dropped hedge), which its statements would lose. Only ever toward
    support: a shortened sentence parses differently ("Priya Nandakumar called for Corran
    Valley Water to be returned" made her the one returned), so its conflicts are not
    trusted over the whole's."""
    sentences = split_sentences(claim)
    parts = [q for p in sentences for q in decompose(p, v.nlp, document)]
    if len(parts) == len(sentences):
        return verdict
    return each_supported(v, parts, document) or verdict


def by_clauses(v: ModelVerifier, claim: str, document: str, verdict: Verdict) -> Verdict:
    """A one-sentence claim that joins two clauses with subjects of their own (", and",
    ", but", ", although"), where no check found a conflict in it whole, read clause by
    clause. The model learnt its hypotheses one sentence long and reads such a sentence
    against the window closest to one clause:
      - it read "No one was killed, although two of those injured were seriously hurt"
        against "Seven of them were injured, two of them seriously" as a contradiction
        (0.89), though the document tells each clause: supported if each clause is;
      - it read "Two people were killed, although one of those injured was seriously hurt"
        as supported (0.61) by the injuries' sentence, though "Nobody was killed" denies
        the first clause: contradicted where a check finds a conflict in a clause.
    Verbs that share one subject are not split ("bushfires have scorched 12M acres and
    killed at least 2 people": a swapped name each half would hide)."""
    if verdict.explained or len(split_sentences(claim)) != 1:
        return verdict
    parts = independent_clauses(claim, v.nlp)
    if parts is None:
        return verdict
    if verdict.label == "contradicted":  # overruling the model: every name and figure found
        found = each_supported(v, parts, document, complete=True)
        if found is None:
            return verdict
        said = "each of its two clauses is supported; the model read the whole as contradicted"
        return replace(found, reasons=(said, *found.reasons))
    for part in parts:
        read = v.verdict(v.sentence_scores(part, document))
        if read.label == "contradicted" and read.explained:
            return replace(read, reasons=(f"its clause '{part}' is contradicted", *read.reasons))
    return verdict


def each_supported(
    v: ModelVerifier, parts: Sequence[str], document: str, complete: bool = False
) -> Verdict | None:
    """One supported verdict for statements the document supports each on its own, or as a
    joined pair (`as_joined`), none in conflict (and, if `complete`, none with a name or
    figure the document lacks); None if any is not."""
    read = []
    for part in parts:  # each on its own, as one-sentence claims are: two sentences may join
        scores = v.sentence_scores(part, document)
        if not scores or any(s.dispute is not None or (complete and s.missing) for s in scores):
            return None
        found = v.verdict(scores)
        if found.label == "unverified":
            found = as_joined(v, part, document, found)
        if found.label != "supported":
            return None
        read.append(found)
    return Verdict(
        "supported", min(v.support for v in read), max(v.contradiction for v in read),
        tuple(dict.fromkeys(e for v in read for e in v.evidence)),
        tuple(dict.fromkeys(r for v in read for r in v.reasons)),
        any(v.explained for v in read),
    )  # fmt: skip


def as_joined(v: ModelVerifier, claim: str, document: str, verdict: Verdict) -> Verdict:
    """A one-sentence claim the document leaves unverified, read against the two of its
    sentences that together hold it (verify.joins): supported, citing both, if the model and
    the combiner support it there with every name and figure found and no conflict; else
    the verdict as it was. Only ever toward support, as for statements."""
    if len(split_sentences(claim)) != 1:
        return verdict
    pair = joined_pair(claim, v.index(document).sentences, lambda: doer(claim, v.nlp))
    if pair is None:
        return verdict
    scores = v.sentence_scores(claim, pair)
    if not scores or any(s.dispute is not None or s.missing for s in scores):
        return verdict
    joined = v.verdict(scores)
    if joined.label != "supported":
        return verdict
    said = "two sentences of the document together say it"
    return replace(joined, evidence=tuple(split_sentences(pair)), reasons=(said, *joined.reasons))
