"""Disjoint sets over string keys: which articles are one source (provenance, fact counting)."""

from __future__ import annotations


class DisjointSets:
    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        """The set's representative; an unseen key becomes a set of its own."""
        parent = self._parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving keeps the trees flat
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        """One set from a's and b's; a's representative stays."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[rb] = ra
