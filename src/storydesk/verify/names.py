"""A person's name in the claim written as the evidence window writes it, for the model only.

News names a person in full once and by surname after that. A claim that says "Imelda Rusk said
no date had been set" meets its evidence as "Rusk said no date had been set", and the
cross-encoder, trained on entity swaps where a changed first name is a different person, reads
the longer name as a contradiction (0.99). When the document itself gives the claim's full name,
the window's surname is that person, so the model reads the claim with the surname. The shown
claim, the features and the structured checks keep the name as written; a full name the
document never gives is left alone, for the coverage feature to report.
"""

from __future__ import annotations

import re

from ..quotes.speakers import TITLES

_NAME_BEFORE = re.compile(r"((?:[A-Z][\w’'-]*\.?\s+){1,3})([A-Z][a-z][\w’'-]*)\b")
_SURNAME = re.compile(r"\b[A-Z][a-z][\w’'-]+\b")


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
            if full not in window and full in document:
                out.append(claim[pos : m.start(1) + first.start()])
                pos = m.start(2)
                break
    out.append(claim[pos:])
    return "".join(out)
