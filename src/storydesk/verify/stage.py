"""The verify stage: find disputes between sources and set each fact's status."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from ..model import Claim, Dispute, Fact, FactStatus
from ..options import Options
from ..pipeline import Document, stage
from ..provenance.credits import canonical, credited
from ..unionfind import DisjointSets
from .checks import Check, Context, action_roles
from .checkset import DEFAULT_CHECKS, compare
from .speaker_disputes import credit_disputes


def candidate_pairs(
    claims: Sequence[Claim], sims: np.ndarray, min_sim: float
) -> list[tuple[int, int]]:
    """Cross-article pairs worth checking: similar enough, or sharing a specific action."""
    articles = np.array([c.article for c in claims])
    close = np.triu(sims >= min_sim, k=1) & (articles[:, None] != articles[None, :])
    pairs = {(int(i), int(j)) for i, j in zip(*np.nonzero(close), strict=True)}
    by_action: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        for r in action_roles(c):
            by_action[(r.predicate, r.patient)].append(i)
    for idx in by_action.values():
        for x, i in enumerate(idx):
            for j in idx[x + 1 :]:
                if claims[i].article != claims[j].article:
                    pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def find_disputes(
    claims: Sequence[Claim],
    sims: np.ndarray,
    ctx: Context,
    min_sim: float,
    checks: Sequence[Check] = DEFAULT_CHECKS,
    unparsed: frozenset[str] = frozenset(),
) -> list[Dispute]:
    """Structured disputes between claims of different articles; `unparsed` names articles in
    a language the English checks cannot read (their claims take part in none)."""
    found = []
    for i, j in candidate_pairs(claims, sims, min_sim):
        if claims[i].article in unparsed or claims[j].article in unparsed:
            continue
        dispute = compare(claims[i], claims[j], float(sims[i, j]), ctx, checks)
        if dispute is not None:
            found.append(dispute)
    found.sort(key=lambda d: (-d.confidence, d.a.claim, d.b.claim))
    return found


def independent_count(
    fact: Fact,
    groups: Sequence[Sequence[str]],
    outlets: Mapping[str, str] | None = None,
) -> tuple[int, tuple[str, ...]]:
    """Independent sources of a fact, and the outlets its mentions credit.

    Each source article counts as its independence group (an ungrouped article is its own). A
    mention that credits an outlet ("..., a spokesperson told CNN") relays that outlet's report:
    every group whose mention credits CNN, and the group of CNN's own article when the story has
    one (`outlets`: article id -> outlet name), counts once, as CNN. Credits only ever merge
    sources: a fact no two mentions of which credit one outlet keeps its count.
    """
    outlets = outlets or {}
    group_of = {a: f"g{i}" for i, g in enumerate(groups) for a in g}
    node = {a: group_of.get(a, f"solo:{a}") for a in fact.sources}
    names = tuple(outlets.values())
    cited = {m.article: credited(m.text, names) for m in fact.mentions}
    relayed = {o.lower() for found in cited.values() for o in found}
    sets = DisjointSets()
    for article, found in cited.items():
        own = outlets.get(article)
        for outlet in {*found, *([canonical(own)] if own else [])}:
            if outlet.lower() in relayed:
                sets.union("outlet:" + outlet.lower(), node[article])
    count = len({sets.find(n) for n in node.values()})
    return count, tuple(dict.fromkeys(o for found in cited.values() for o in found))


def with_status(
    facts: Sequence[Fact],
    disputes: Sequence[Dispute],
    groups: Sequence[Sequence[str]] | None = None,
    outlets: Mapping[str, str] | None = None,
) -> list[Fact]:
    """Disputed, else confirmed when two independent sources state the fact, else single source.

    With `groups` (the provenance stage's independence groups) an article and its copies count
    once, so a fact stated only by an article and its rewrites stays single_source (its `sources`
    still list them all), and so do mentions that relay one outlet's report (independent_count).
    Without groups every article counts as independent.
    """
    disputed = {s.claim for d in disputes for s in (d.a, d.b)}
    out = []
    for fact in facts:
        independent, relayed = (
            independent_count(fact, groups, outlets) if groups is not None else (0, ())
        )
        support = independent if groups is not None else len(fact.sources)
        if any(m.claim in disputed for m in fact.mentions):
            status: FactStatus = "disputed"
        else:
            status = "confirmed" if support > 1 else "single_source"
        out.append(replace(fact, status=status, independent_sources=independent, credited=relayed))
    return out


def _year(published: str | None) -> int | None:
    return int(published[:4]) if published and published[:4].isdigit() else None


@stage(
    "verify",
    reads=["articles", "claims", "embeddings", "facts", "groups", "quotes", "quote_groups"],
    writes=["facts", "disputes"],
)
def VERIFY(doc: Document, options: Options) -> Document:
    claims = doc.claims or ()
    emb = doc.embeddings if doc.embeddings is not None else np.zeros((0, 512), np.float32)
    articles = doc.articles or ()
    ctx = Context(
        article_text={a.id: a.text for a in articles},
        labels={a.id: a.label for a in articles},
        years={a.id: y for a in articles if (y := _year(a.published)) is not None},
    )
    # The checks read spaCy's English parses; another language's parse names "Las" a place.
    foreign = frozenset(a.id for a in articles if a.language not in (None, "en"))
    disputes = find_disputes(
        claims, emb @ emb.T, ctx, options.dispute_min_similarity, unparsed=foreign
    )
    disputes += credit_disputes(claims, doc.quotes or (), doc.quote_groups or (), ctx)
    if options.model_dispute_threshold is not None:
        from ..nlp.models import ParseMemo, spacy_pipeline
        from .crossencoder import load
        from .model_disputes import model_disputes

        model = load(None, options.embed_threads)
        threshold = options.model_dispute_threshold
        nlp = ParseMemo(spacy_pipeline(options.spacy_model))
        disputes += model_disputes(doc.facts or (), disputes, model, threshold, nlp)
    outlets = {a.id: a.source for a in articles if a.source}
    facts = with_status(doc.facts or (), disputes, doc.groups, outlets)
    return doc.update(facts=tuple(facts), disputes=tuple(disputes))
