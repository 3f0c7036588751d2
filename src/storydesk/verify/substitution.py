"""One name put in place of another in an otherwise identical sentence ("the director of the
Terry and Me program" where the source says "Mommy and Me"; "Turkey will act against Ankara's
attacks" for "Syria's attacks").

The cross-encoder reads such a sentence as the source's own (0.98 entailment on both examples):
every other word matches, and its training swapped names far less often than it copied
sentences. The place check sees only places, and only where the other source never mentions the
other place, which a swap of two names from one article always does. So this check reads the
words: the two sentences are the same but for one run of words, that run is a name in both (a
named entity of the same kind), and the names differ (not a shorter form, initials, another
spelling of one name, a place within the other (verify.places), or one inside the other
sentence).

A person against an organisation is left alone: "Rusk said" retold as "the authority said" is a
choice of whom to credit, not a swap. spaCy's small model tags many personal names ORG, so an ORG
with no organisation word in it ("Nadia Ferrant") may stand against a person.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..model import Claim, Dispute
from .checks import Context, make_dispute, same_name
from .places import nested

_WORD = re.compile(r"[\w'’.-]+")
_PEOPLE = frozenset({"PERSON"})
_GROUPS = frozenset({"GPE", "NORP", "LOC", "FAC"})
MIN_SAME_WORDS = 6
MIN_SAME_SHARE = 0.75  # of the longer sentence's words
_SPELLING = 0.8  # "Rusck" / "Rusk": a misspelt name is the same name


def _words(text: str) -> list[tuple[str, int, int]]:
    """(lowercased word, start, end) with trailing sentence dots and possessives stripped."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0).rstrip(".").removesuffix("'s").removesuffix("’s")
        if word:
            out.append((word.lower(), m.start(), m.start() + len(word)))
    return out


# Words that make a name an organisation's. The small parser tags many personal names ORG
# ("Nadia Ferrant"), so an ORG without one of these may be a person.
_ORG_WORDS = frozenset(
    {"authority", "council", "ministry", "department", "police", "party", "inc", "corp",
     "company", "association", "agency", "office", "bank", "university", "committee",
     "commission", "government", "army", "navy", "court", "union", "group", "foundation",
     "institute", "service", "board", "house", "news", "times", "post", "press", "club",
     "league", "team", "fund", "organisation", "organization", "network", "center", "centre"}
)  # fmt: skip


def _entity_at(claim: Claim, lo: int, hi: int) -> tuple[str, str] | None:
    """(text, kind) of the named entity that covers the characters lo..hi of the claim's text;
    kind is "person", "organisation", "place or group", or "name" for an ORG that may be a
    person."""
    for e in claim.entities:
        s, t = e.start - claim.start, e.end - claim.start
        if s <= lo and hi <= t:
            if e.label in _PEOPLE:
                return e.text, "person"
            if e.label == "ORG":
                words = {w.lower() for w in re.findall(r"\w+", e.text)}
                return e.text, "organisation" if words & _ORG_WORDS else "name"
            if e.label in _GROUPS:
                return e.text, "place or group"
    return None


def _same_kind(x: str, y: str) -> bool:
    return x == y or {x, y} in ({"person", "name"}, {"organisation", "name"})


def _replaced(a: Claim, b: Claim) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The one differing run of words (character spans in a's and b's text), if the sentences
    are otherwise the same."""
    wa, wb = _words(a.text), _words(b.text)
    sm = SequenceMatcher(None, [w for w, *_ in wa], [w for w, *_ in wb], autojunk=False)
    ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
    same = sum(i2 - i1 for tag, i1, i2, _, _ in sm.get_opcodes() if tag == "equal")
    if len(ops) != 1 or ops[0][0] != "replace":
        return None
    if same < MIN_SAME_WORDS or same < MIN_SAME_SHARE * max(len(wa), len(wb)):
        return None
    _, i1, i2, j1, j2 = ops[0]
    return (wa[i1][1], wa[i2 - 1][2]), (wb[j1][1], wb[j2 - 1][2])


def _one_name(x: str, y: str) -> bool:
    if same_name(x, y):
        return True
    return SequenceMatcher(None, x.lower(), y.lower()).ratio() >= _SPELLING


def check_substituted_name(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same sentence with one name in place of another."""
    found = _replaced(a, b)
    if found is None:
        return None
    (sa, ta), (sb, tb) = found
    ea, eb = _entity_at(a, sa, ta), _entity_at(b, sb, tb)
    if ea is None or eb is None or not _same_kind(ea[1], eb[1]):
        return None
    xa, xb = a.text[sa:ta], b.text[sb:tb]
    if _one_name(xa, xb) or _one_name(ea[0], eb[0]):
        return None
    if ea[1] == "place or group" and nested(ea[0], eb[0]):
        return None  # "Beijing" for "China": the same place named more or less precisely
    if re.search(rf"\b{re.escape(xa)}\b", b.text, re.I) or re.search(
        rf"\b{re.escape(xb)}\b", a.text, re.I
    ):
        return None
    reason = f"different name: {ctx.name(a.article)} says {xa}, {ctx.name(b.article)} says {xb}"
    return make_dispute(a, b, "entity", reason, 0.7)
