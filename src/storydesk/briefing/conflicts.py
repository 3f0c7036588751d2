"""Disputes gathered into conflicts: one entry per disagreement, with every outlet on each side.

The verifier reports disputes pairwise, claim against claim. When two outlets that copy each
other both contradict a third, that is one disagreement reported twice ("Harbour Wire says
42,000, the Courier 24,000" and "the Ledger says 42,000, the Courier 24,000"), and a reader
counting entries would count copies, which is what the brief exists not to do. So the renderers
show conflicts: the disputes of one kind between the same two facts whose claims form a
two-sided graph (every dispute joins one side to the other) become one entry, and each side
says how many independent sources it holds. The facts keep two disagreements apart that happen
to share a sentence (its vehicle count disputed by one outlet, its truck count by another).
Where the graph is not two-sided (three outlets giving three figures, each against the other
two), there is no honest pair of sides, so each dispute stays its own entry. When the two sides
lie in two facts, each side also lists its fact's other sentences: the alignment put them with
that side, though no pairwise check compared them with the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Brief, Dispute, Fact, Side

_Key = tuple[str, str]  # (article, claim)


@dataclass(frozen=True)
class Conflict:
    kind: str
    sides: tuple[tuple[Side, ...], tuple[Side, ...]]
    reasons: tuple[str, ...]  # the disputes' reasons, in order, without repeats
    confidence: float  # the most confident dispute's
    disputes: tuple[int, ...]  # indexes into Brief.disputes
    independent: tuple[int, int]  # independent sources on each side (independence groups)


def _key(side: Side) -> _Key:
    return (side.article, side.claim)


def _components(disputes: Sequence[Dispute], indexes: Sequence[int]) -> list[list[int]]:
    """Disputes joined through a shared claim, each component in the disputes' order."""
    parent: dict[_Key, _Key] = {}

    def find(k: _Key) -> _Key:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in indexes:
        parent[find(_key(disputes[i].a))] = find(_key(disputes[i].b))
    groups: dict[_Key, list[int]] = {}
    for i in indexes:
        groups.setdefault(find(_key(disputes[i].a)), []).append(i)
    return list(groups.values())


def _two_sides(disputes: Sequence[Dispute], component: Sequence[int]) -> dict[_Key, int] | None:
    """Side 0 or 1 for each claim so that every dispute joins the two sides; None if impossible.

    The first dispute's `a` claim is side 0, so a single dispute keeps its order."""
    side: dict[_Key, int] = {_key(disputes[component[0]].a): 0}
    changed = True
    while changed:  # components are small: a few claims per fact
        changed = False
        for i in component:
            a, b = _key(disputes[i].a), _key(disputes[i].b)
            for known, other in ((a, b), (b, a)):
                if known in side and other not in side:
                    side[other] = 1 - side[known]
                    changed = True
    if any(side[_key(disputes[i].a)] == side[_key(disputes[i].b)] for i in component):
        return None
    return side


def _independent(brief: Brief, sides: Sequence[Side]) -> int:
    groups = {brief.group_of(s.article) for s in sides}
    groups.discard(None)
    ungrouped = {s.article for s in sides if brief.group_of(s.article) is None}
    return len(groups) + len(ungrouped)


def _fact_mates(
    brief: Brief, members: tuple[list[Side], list[Side]], kind: str, fact_of: dict[_Key, Fact]
) -> None:
    """Adds to each side the other sentences of its fact: when the two sides lie in two facts,
    a sentence the alignment put with one side says what that side says, though the pairwise
    checks never compared it with the other side (03_velsund_posten's "approximately 42,000"
    against the Courier's "about 24,000" sat below the number check's similarity bar).
    Sentences already in a dispute of this kind stay where their own disputes put them."""
    facts = [{fact_of[_key(s)].id for s in side if _key(s) in fact_of} for side in members]
    if len(facts[0]) != 1 or len(facts[1]) != 1 or facts[0] == facts[1]:
        return
    disputed = {_key(s) for d in brief.disputes if d.kind == kind for s in (d.a, d.b)}
    for k, side in enumerate(members):
        fact = fact_of[_key(next(s for s in side if _key(s) in fact_of))]
        others = {s.article for s in members[1 - k]}
        for m in fact.mentions:
            if (m.article, m.claim) not in disputed and m.article not in others:
                side.append(Side(m.article, m.claim, m.text))


def _conflict(
    brief: Brief, component: Sequence[int], side_of: dict[_Key, int], fact_of: dict[_Key, Fact]
) -> Conflict:
    members: tuple[list[Side], list[Side]] = ([], [])
    seen: set[_Key] = set()
    for i in component:
        d = brief.disputes[i]
        for s in (d.a, d.b):
            if _key(s) not in seen:
                seen.add(_key(s))
                members[side_of[_key(s)]].append(s)
    _fact_mates(brief, members, brief.disputes[component[0]].kind, fact_of)
    reasons = tuple(dict.fromkeys(brief.disputes[i].reason for i in component))
    return Conflict(
        kind=brief.disputes[component[0]].kind,
        sides=(tuple(members[0]), tuple(members[1])),
        reasons=reasons,
        confidence=max(brief.disputes[i].confidence for i in component),
        disputes=tuple(component),
        independent=(_independent(brief, members[0]), _independent(brief, members[1])),
    )


def conflicts(brief: Brief) -> tuple[Conflict, ...]:
    """The brief's disputes as conflicts, in the order of each one's first dispute."""
    fact_of = {(m.article, m.claim): f for f in brief.facts for m in f.mentions}
    buckets: dict[tuple[str, frozenset[object]], list[int]] = {}
    for i, d in enumerate(brief.disputes):
        # A claim in no fact is its own "fact", so it only groups with disputes it is part of.
        facts = frozenset(f.id if (f := fact_of.get(_key(s))) else _key(s) for s in (d.a, d.b))
        buckets.setdefault((d.kind, facts), []).append(i)
    found: list[Conflict] = []
    for indexes in buckets.values():
        for component in _components(brief.disputes, indexes):
            side_of = _two_sides(brief.disputes, component)
            if side_of is not None:
                found.append(_conflict(brief, component, side_of, fact_of))
                continue
            for i in component:
                d = brief.disputes[i]
                found.append(_conflict(brief, [i], {_key(d.a): 0, _key(d.b): 1}, fact_of))
    return tuple(sorted(found, key=lambda c: c.disputes[0]))


def _outlets(sides: Sequence[Side], names: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(names.get(s.article, s.article) for s in sides))


def _listed(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def sides_line(conflict: Conflict, names: dict[str, str]) -> str:
    """ "Harbour Wire and The Marrowport Ledger (1 independent source) against Sallow Valley
    Courier", or "" for one sentence against one, whose reason already names both outlets.
    Plain text: the caller escapes it for its format."""
    if all(len(side) == 1 for side in conflict.sides):
        return ""
    parts = []
    for sides, independent in zip(conflict.sides, conflict.independent, strict=True):
        outlets = _outlets(sides, names)
        part = _listed(outlets)
        if independent < len(outlets):
            part += f" ({independent} independent source{'s' if independent != 1 else ''})"
        parts.append(part)
    return f"{parts[0]} against {parts[1]}"
