"""Whether one place lies within another ("Beijing" in "China", "England" in "Britain",
"Portugal" in "Europe"), by Princeton WordNet 3.0's part holonyms.

The place check reads two sentences that set one event in different places as a conflict. A
capital for its country, a region for its state, or a country for its continent is a retelling
that names the place more or less precisely, not a second place. WordNet is the only gazetteer
among the dependencies; it is from 2006 and knows the world's countries, capitals, states and
larger cities, and any sense of a name counts ("Paris" is also a town in Texas), so it only ever
keeps the check from firing.

The same files say where a state is governed from ("the capital and largest city of Japan",
"the federal government of the United States"): `same_government` lets the actor check and the
model's reading (verify.actors, verify.metonymy) take "Beijing warned" for "China warned".
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Claim, Dispute
from ..nlp.wordnet import available, governing_glosses, index, part_holonyms
from .checks import PLACES, Context, make_dispute, normalise_name, same_name

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


def seat_of(seat: str, state: str) -> bool:
    """Whether some sense of `seat` is where `state` is governed from: a capital within it
    ("Tokyo", "London" for Britain) or a seat its gloss names ("the Kremlin": "the offices of the
    Russian government"; "Washington": "the federal government of the United States")."""
    outer = set(_senses(state))
    for synset in _senses(seat):
        gloss = governing_glosses().get(synset)
        if gloss is None:
            continue
        if outer & _containers(synset):
            return True
        if _names(gloss, state):
            return True
    return False


def _names(gloss: str, state: str) -> bool:
    """The gloss names the state: the whole name as a phrase, or a one-word name in another form
    ("the Russian government"). Word by word, "North Korea" would be read in "northwestern
    South Korea"."""
    said, name = normalise_name(gloss), normalise_name(state)
    if not name:
        return False
    if re.search(rf"\b{re.escape(name)}\b", said):
        return True
    return " " not in name and any(same_name(name, word) for word in said.split())


@lru_cache(maxsize=16384)
def governs(name: str) -> bool:
    """Whether some sense of the name has a capital's or a government's gloss: the cheap test
    before `seat_of`, which only such a name can pass as the seat."""
    return available() and any(s in governing_glosses() for s in _senses(name))


def same_government(x: str, y: str) -> bool:
    """'Beijing' and 'China', 'the White House' and 'the United States': as the doer of an
    action ("Beijing warned NATO"), a capital or seat of government stands for its state. False
    when WordNet is missing."""
    return available() and ((governs(x) and seat_of(x, y)) or (governs(y) and seat_of(y, x)))


_PARTY_TAG = re.compile(r"\b[RDI]-$")  # "Sen. Pat Roberts (R-Kan.)": a senator's state


# A name whose last word says it is a place is one whatever spaCy's small model tags it: it
# tagged "Varnhold Spaceport" a person where the source's "Trennholm Spaceport" was a facility.
_PLACE_WORDS = frozenset(
    """spaceport airport airfield airbase port harbour harbor station terminal stadium arena
    street road avenue square bridge park bay island river lake valley county province district
    prison hospital infirmary clinic""".split()  # noqa: SIM905
)


def _places(claim: Claim) -> set[str]:
    """The places a sentence names, less a party tag's state: "(R-Kan.)" says where a senator
    was elected, not where anything happened."""
    return {
        e.text
        for e in claim.entities
        if (e.label in PLACES or e.text.split()[-1].lower() in _PLACE_WORDS)
        and not _PARTY_TAG.search(
            claim.text[max(e.start - claim.start - 2, 0) : e.start - claim.start]
        )
    }


def mentions(text: str, name: str) -> bool:
    return normalise_name(name) in normalise_name(text)


# Prepositions that put a place in a slot one event fills once: "lifted off from", "was taken
# to", "landed at". ("In" is left out: "announced in Paris" and "in a statement".)
_SLOT_PREPOSITIONS = frozenset({"from", "to", "at", "into", "near", "outside", "off"})
_PREPOSITION_BEFORE = re.compile(r"(\w+)\s+(?:the\s+)?$")
SAME_STATEMENT = 0.72  # sentences this similar say one thing, whatever their verbs
SAME_SLOT = 0.4  # sentences that put a place in one verb's slot need less


def _slots(claim: Claim) -> dict[tuple[str, str], set[str]]:
    """(verb, preposition) -> the places the sentence puts after that preposition on that verb:
    "lifted off from Trennholm Spaceport" gives ("lift off", "from")."""
    out: dict[tuple[str, str], set[str]] = {}
    places = _places(claim)
    for e in claim.entities:
        if e.text not in places or e.governor is None:
            continue
        before = _PREPOSITION_BEFORE.search(claim.text[: e.start - claim.start])
        if before and before.group(1).lower() in _SLOT_PREPOSITIONS:
            out.setdefault((e.governor, before.group(1).lower()), set()).add(e.text)
    return out


def _in_one_slot(a: Claim, b: Claim) -> tuple[set[str], set[str]]:
    """The places the two sentences put in the same slot of the same verb, where each puts one."""
    slots_b = _slots(b)
    for slot, xs in _slots(a).items():
        ys = slots_b.get(slot, set())
        if len(xs) == 1 and len(ys) == 1:
            return xs, ys
    return set(), set()


def check_place(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same statement set in different places, when neither source mentions the other place:
    near-identical sentences with one place each that the other lacks, or less similar ones
    that put a place in the same slot of one verb ("lifted off from Varnhold Spaceport" /
    "after lifting off from Trennholm Spaceport", similarity 0.54).

    The mention test keeps "Tokyo" vs "Japan" from firing: an article that names Japan elsewhere
    is not denying that Tokyo is in it.
    """
    if sim < SAME_SLOT:
        return None
    text_a, text_b = ctx.article_text.get(a.article, ""), ctx.article_text.get(b.article, "")
    if sim >= SAME_STATEMENT:
        pa, pb = _places(a) - _places(b), _places(b) - _places(a)
    else:
        pa, pb = _in_one_slot(a, b)
    # A place the other source names anywhere is no conflict: "east coast" beside the swapped
    # spaceport is the source's own.
    pa = {x for x in pa if not mentions(text_b, x)}
    pb = {x for x in pb if not mentions(text_a, x)}
    if len(pa) != 1 or len(pb) != 1:
        return None
    xa, xb = next(iter(pa)), next(iter(pb))
    if same_name(xa, xb) or nested(xa, xb) or xa.rstrip("s") == xb.rstrip("s"):
        return None  # "Americas farmers": a possessive that lost its apostrophe
    reason = f"different place: {ctx.name(a.article)} says {xa}, {ctx.name(b.article)} says {xb}"
    return make_dispute(a, b, "place", reason, 0.6)
