"""A person's name in the claim written as the evidence window writes it, for the model only.

News names a person in full once and by surname after that. A claim that says "Imelda Rusk said
no date had been set" meets its evidence as "Rusk said no date had been set", and the
cross-encoder, trained on entity swaps where a changed first name is a different person, reads
the longer name as a contradiction (0.99). When the document itself gives the claim's full name,
or gives that surname with no other first name ("Mr Alibek" for the claim's "Ken Alibek"), the
window's surname is that person, so the model reads the claim with the surname. A full name
against another first name the document gives ("Martin Rusk" where it says "Imelda Rusk") is
left alone: that may be another person, and so is a full name the document gives beside another
person of the same surname ("Samuel Okafor" and "Daniel Okafor"). The shown claim, the
features and the structured checks keep the name as written, so a first name the document never
gives is still reported by the coverage feature.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..quotes.speakers import TITLES
from .spans import modifier_span

_NAME_BEFORE = re.compile(r"((?:[A-Z][\w’'-]*\.?\s+){1,3})([A-Z][a-z][\w’'-]*)\b")
_SURNAME = re.compile(r"\b[A-Z][a-z][\w’'-]+\b")
_CAPITALS = re.compile(r"\b[A-Z][a-z]+\b.*\b[A-Z][a-z]+\b")  # two capitalised words: maybe a name


def _other_first_name(given: str, surname: str, document: str) -> bool:
    """Whether the document writes `surname` after a capitalised word other than `given` and
    other than a title ("Imelda Rusk" against the claim's "Martin")."""
    before = re.finditer(rf"([A-Z][\w’'-]*\.?)\s+{re.escape(surname)}\b", document)
    return any(m.group(1) != given and m.group(1).rstrip(".").lower() not in TITLES for m in before)


def as_window_names(claim: str, window: str, document: str) -> str:
    """`claim` with each full name the document gives, and the window writes by surname only,
    shortened to the surname."""
    surnames = set(_SURNAME.findall(window))
    out, pos = [], 0
    for m in _NAME_BEFORE.finditer(claim):
        surname = m.group(2)
        if surname not in surnames:
            continue
        words = list(re.finditer(r"\S+", m.group(1)))
        # Longest first: "James W. Pennebaker" before "W. Pennebaker"; titles never count.
        for j, first in enumerate(words):
            given = [w.group() for w in words[j:]]
            if first.group().rstrip(".").lower() in TITLES:
                continue
            full = " ".join([*given, surname])
            # A lone first name the document never contradicts is this person's; a longer run
            # ("Chief Executive Imelda") must be in the document, or it may hold a role. Where
            # the document names two people of that surname ("Samuel Okafor" testified against
            # his brother "Daniel Okafor"), the window's bare surname may be either: left alone.
            other = _other_first_name(given[-1], surname, document)
            if full not in window and not other and (full in document or len(given) == 1):
                out.append(claim[pos : m.start(1) + first.start()])
                pos = m.start(2)
                break
    out.append(claim[pos:])
    return "".join(out)


# What may stand before a name as its role ("NAB chief executive", "Sheriff's Department
# spokesman", "the director of"): anything else in the name's left subtree is not a role.
_ROLE_DEPS = frozenset({"compound", "amod", "poss", "case", "det", "nmod", "punct"})
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]")  # no trailing apostrophe: "Lions'" is "lions"
_FILLER = frozenset({"the", "a", "an", "of", "and", "for", "at", "in", "'s", "’s"})


def _missing(words: str, window: str) -> bool:
    """Whether a role's words, some of them, are absent from the window (lower-cased)."""
    found = [w for w in _WORD.findall(words.lower()) if w not in _FILLER]
    return any(not re.search(rf"\b{re.escape(w)}\b", window) for w in found)


def _role_cuts(doc: Any, window: str) -> list[tuple[int, int]]:
    """Character spans of roles the claim gives a person whom the window names by surname but
    describes otherwise: words before the name ("George Mason researcher Ken Alibek") and an
    apposition after it ("Ken Alibek, a researcher at George Mason,")."""
    lowered, cuts = window.lower(), []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or not re.search(rf"\b{re.escape(ent[-1].text)}\b", window):
            continue
        head = ent.root
        before = doc[head.left_edge.i : ent.start]
        is_role = len(before) > 0 and all(t.dep_ in _ROLE_DEPS for t in before)
        if is_role and _missing(before.text, lowered):
            cuts.append((before.start_char, ent.start_char))
        for child in head.children:
            if child.dep_ != "appos" or child.i < ent.end:
                continue
            lo, hi = modifier_span(doc, child)
            span = doc[lo:hi]
            if _missing(span.text, lowered):
                cuts.append((span.start_char, span.end_char))
    return cuts


def without_added_roles(pairs: Sequence[tuple[str, str]], nlp: Any) -> list[str]:
    """For each (claim, window), the claim without the roles it gives a person that the window
    names but does not describe so, for the model only.

    Retellings add or drop a person's role freely ("Mr Alibek said" / "George Mason researcher
    Ken Alibek said"), and the cross-encoder reads the added role as a contradiction (0.95 on
    that pair, 0.01 without it). Whether the role is right is the coverage features' question
    (they still read the claim as written); the model is asked about the event.
    """
    out = [c for c, _ in pairs]
    claims = list(dict.fromkeys(c for c, _ in pairs if _CAPITALS.search(c)))
    if not claims:
        return out
    docs = dict(zip(claims, nlp.pipe(claims), strict=True))
    for k, (claim, window) in enumerate(pairs):
        doc = docs.get(claim)
        if doc is None:
            continue
        text = claim
        for lo, hi in sorted(_role_cuts(doc, window), reverse=True):
            text = text[:lo] + text[hi:]
        if text != claim:
            text = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
            out[k] = text[:1].upper() + text[1:] if claim[:1].isupper() else text
    return out
