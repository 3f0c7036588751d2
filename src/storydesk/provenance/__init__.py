"""Provenance: which articles of a story derive from which, and its independence groups."""

from .stage import PROVENANCE, find_derivations, independence_groups

__all__ = ["PROVENANCE", "find_derivations", "independence_groups"]
