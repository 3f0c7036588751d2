"""Whether one place lies within another ("Beijing" in "China", "England" in "Britain",
"Portugal" in "Europe"), by Princeton WordNet 3.0's part holonyms.

The place check reads two sentences that set one event in different places as a conflict. A
capital for its country, a region for its state, or a country for its continent is a retelling
that names the place more or less precisely, not a second place. WordNet is the only gazetteer
among the dependencies; it is from 2006 and knows the world's countries, capitals, states and
larger cities, and any sense of a name counts ("Paris" is also a town in Texas), so it only ever
keeps the check from firing.
"""

from __future__ import annotations

import re

from ..model import Claim, Dispute
from .checks import PLACES, Context, make_dispute, normalise_name, same_name
from .wordnet import available, index, part_holonyms

_DEPTH = 6  # city -> region -> country -> continent, with room for WordNet's extra levels


def _senses(name: str) -> tuple[int, ...]:
    key = normalise_name(name).replace(" ", "_")
    return index("noun").get(key, ())


def _containers(synset: int) -> set[int]:
    parts = part_holonyms()
    found: set[int] = set()
    frontier = {synset}
    for _ in range(_DEPTH):
        frontier = {p for s in frontier for p in parts.get(s, ()) if p not in found}
        if not frontier:
            break
        found |= frontier
    return found


def within(inner: str, outer: str) -> bool:
    """Whether some sense of `inner` is a part (at any remove) of some sense of `outer`."""
    outer_senses = set(_senses(outer))
    return bool(outer_senses) and any(outer_senses & _containers(s) for s in _senses(inner))


def nested(x: str, y: str) -> bool:
    """Either place within the other; False when WordNet is missing."""
    return available() and (within(x, y) or within(y, x))


_PARTY_TAG = re.compile(r"\b[RDI]-$")  # "Sen. Pat Roberts (R-Kan.)": a senator's state


def _places(claim: Claim) -> set[str]:
    """The places a sentence names, less a party tag's state: "(R-Kan.)" says where a senator
    was elected, not where anything happened."""
    return {
        e.text
        for e in claim.entities
        if e.label in PLACES
        and not _PARTY_TAG.search(
            claim.text[max(e.start - claim.start - 2, 0) : e.start - claim.start]
        )
    }


def mentions(text: str, name: str) -> bool:
    return normalise_name(name) in normalise_name(text)


def check_place(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same statement set in different places, when neither source mentions the other place.

    The mention test keeps "Tokyo" vs "Japan" from firing: an article that names Japan elsewhere
    is not denying that Tokyo is in it.
    """
    if sim < 0.72:
        return None
    pa, pb = _places(a) - _places(b), _places(b) - _places(a)
    if len(pa) != 1 or len(pb) != 1:
        return None
    xa, xb = next(iter(pa)), next(iter(pb))
    if same_name(xa, xb) or nested(xa, xb):
        return None
    if mentions(ctx.article_text.get(a.article, ""), xb) or mentions(
        ctx.article_text.get(b.article, ""), xa
    ):
        return None
    reason = f"different place: {ctx.name(a.article)} says {xa}, {ctx.name(b.article)} says {xb}"
    return make_dispute(a, b, "place", reason, 0.6)
