"""A first-person quotation read as the reported speech a draft makes of it.

Drafts retell quotations in the reporter's voice: the source prints `"I heard a crack like a
rifle shot," he said.` and the draft writes "Jonas Mell said he heard a crack like a rifle
shot." The cross-encoder reads the two as a contradiction (0.98 on a held-out draft): it learnt
from the training recipe's swapped pronouns that "I" against "he" is one. The source says
it, in the speaker's words, so the model also reads the window as that reported speech:
"Jonas Mell said he heard a crack like a rifle shot", with the draft's pronoun for the speaker.

Only where the draft's speaker is the quotation's: the quotes extractor (split quotations,
"he said", quotations carried on from the sentence before) names who spoke, and one of the
speaker's name words must be in the draft's subject of its "said". A draft that credits the
words to someone else gets no reading, so a misattributed quotation stays unsupported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..model import Article
from ..quotes.extract import Extracted, extract

# Verbs a draft reports speech with.
_SAY = frozenset(
    {"say", "tell", "add", "recall", "describe", "explain", "insist", "admit", "claim",
     "recount", "state", "report", "warn", "stress", "note"}
)  # fmt: skip
# The speaker's forms in the third person: subject, object, possessive, reflexive.
_FORMS = {
    "he": ("he", "him", "his", "himself"),
    "she": ("she", "her", "her", "herself"),
    "they": ("they", "them", "their", "themselves"),
}
_FIRST = re.compile(r"\b(?:I|me|my|myself)\b")
_FIRST_FORMS = ("I", "me", "my", "myself")
# "I'm" and the like as the third person writes them; "I'd" is left as "he'd".
_CONTRACTIONS = {"'m": {"he": " is", "she": " is", "they": " are"}, "'ve": {"he": " has",
                 "she": " has", "they": " have"}}  # fmt: skip
_CACHED = 16
_quotes: dict[str, list[Extracted]] = {}


def _document_quotes(document: str, nlp: Any) -> list[Extracted]:
    if document not in _quotes:
        if len(_quotes) >= _CACHED:
            _quotes.pop(next(iter(_quotes)))
        _quotes[document] = extract(nlp, [Article(id="document", path="", text=document)])
    return _quotes[document]


def _speech(claim: Any) -> tuple[str, frozenset[str], str] | None:
    """(the speaker as the claim names them, their name words, the pronoun the reported clause
    gives them) for the claim's first "X said he ..."; "they" where the clause has none."""
    for t in claim:
        if t.lemma_ not in _SAY or t.pos_ != "VERB":
            continue
        subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        name = [w for w in subject.subtree if w.pos_ == "PROPN"]
        if not name:
            continue
        clause = (w for c in t.children if c.dep_ == "ccomp" for w in c.children)
        pronoun = next((w.lower_ for w in clause if w.dep_ == "nsubj" and w.lower_ in _FORMS), "")
        words = frozenset(w.lower_ for w in name)
        return " ".join(w.text for w in name), words, pronoun or "they"
    return None


def _third_person(text: str, pronoun: str) -> str:
    forms = dict(zip(_FIRST_FORMS, _FORMS[pronoun], strict=True))
    for ending, says in _CONTRACTIONS.items():
        text = text.replace("I" + ending, "I" + says[pronoun])
    return _FIRST.sub(lambda m: forms[m.group(0)], text)


def _quoted_in(window: str, at: int, quote: Extracted) -> str:
    """The words of `quote` that lie inside the window starting at document offset `at`."""
    q = quote.quote
    pieces = q.parts or ((q.start, q.end),)
    end = at + len(window)
    found = [window[max(s, at) - at : min(e, end) - at] for s, e in pieces if s < end and e > at]
    return " ".join(p.strip(" ,;.") for p in found if p.strip())


def as_reported(
    claims: Sequence[str], flat: Sequence[tuple[int, str]], document: str, nlp: Any
) -> list[tuple[int, str]]:
    """(index into `flat`, reading) for each (claim, window) whose window quotes, in the first
    person, the person the claim says spoke: the window as "<claim's name> said <pronoun> ...".
    """
    if not _FIRST.search(document):
        return []
    out: list[tuple[int, str]] = []
    speech: dict[int, tuple[str, frozenset[str], str] | None] = {}
    for j, (k, window) in enumerate(flat):
        if not _FIRST.search(window) or (at := document.find(window)) < 0:
            continue
        if k not in speech:
            speech[k] = _speech(nlp(claims[k]))
        if (found := speech[k]) is None:
            continue
        name, words, pronoun = found
        for quote in _document_quotes(document, nlp):
            said = _quoted_in(window, at, quote)
            if said and quote.names & words and _FIRST.search(said):
                out.append((j, f"{name} said {_third_person(said, pronoun)}."))
                break
    return out
