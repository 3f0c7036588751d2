"""A "he" or "she" read as the person an earlier sentence names: in drafts, and in evidence.

Drafts name a person once and go on with a pronoun ("Imelda Rusk chairs the authority. She said
no date had been set."). Checked on its own, "She said no date had been set" meets a source that
says "Rusk said no date had been set", and the cross-encoder, which learnt that "she" for "he" is
a contradiction, reads the unknown "she" against the name as one too (0.94 on the example story).
The draft itself says who "she" is, so the sentence is checked as the draft means it. Only
subject pronouns that an earlier sentence resolves are replaced, with that person's fullest name
in the draft; the pronoun rules are the quote speakers' (nearest sentence with a person, its
subject first), and like them they know no gender.

The same holds the other way round: a source's "He was a Pakistani who acted as the group's
liaison" is the Farooq its previous sentence names, and the model read "Farooq was a Pakistani
who ..." against it as a contradiction (0.96). The model reads an evidence sentence with its
pronoun resolved in the few sentences before it (`resolved_window`); the evidence shown to the
user stays as the source wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from ..quotes.speakers import ArticleParse, Mention

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PERSONAL_SUBJECTS = frozenset({"he", "she"})
_HAS_PERSONAL = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
# Sentences before an evidence sentence searched for its pronoun's person: a paragraph or so.
CONTEXT_SENTENCES = 3


def _fullest(parse: ArticleParse, person: Mention, before: int) -> str:
    """The longest way the draft wrote this person before `before` ("Imelda Rusk", not "Rusk")."""
    names = [
        m.text
        for m in parse.mentions
        if m.kind == "person" and m.norm == person.norm and m.end <= before
    ]
    return max(names, key=len, default=person.text)


Naming = Callable[[str], str | None]  # the fullest name -> what to write, None to leave it


def _replaced(sentences: Sequence[str], nlp: Any, naming: Naming) -> list[str | None]:
    """Per sentence, its text with resolved subject pronouns written as `naming` says, or None
    where nothing was replaced (no pronoun, or no earlier person to resolve it to)."""
    docs = list(nlp.pipe(sentences))
    offsets, pos = [], 0
    for s in sentences:
        offsets.append(pos)
        pos += len(s) + 1
    parse = ArticleParse("\n".join(sentences), list(zip(offsets, docs, strict=True)))
    out: list[str | None] = []
    for off, doc in zip(offsets, docs, strict=True):
        text, shift, changed = doc.text, 0, False
        for tok in doc:
            if tok.lower_ not in _PERSONAL_SUBJECTS or tok.dep_ not in _SUBJECT_DEPS:
                continue
            person = parse.resolve(off + tok.idx, tok.lower_)
            # Only an antecedent in an earlier sentence: one in the same sentence is already
            # there for the model to read ("Rusk said she would stay").
            if person is None or person.kind != "person" or person.end > off:
                continue
            name = naming(_fullest(parse, person, off))
            if name is None:
                continue
            start = tok.idx + shift
            text = text[:start] + name + text[start + len(tok.text) :]
            shift += len(name) - len(tok.text)
            changed = True
        out.append(text if changed else None)
    return out


def resolve_sentences(sentences: Sequence[str], nlp: Any) -> list[str | None]:
    """Per draft sentence, its text with resolved subject pronouns replaced by the person's
    fullest name in the draft, or None where nothing was replaced."""
    return _replaced(sentences, nlp, lambda name: name)


def _as_claim_names(claim: str) -> Naming:
    """The longest tail of a name that the claim writes ("Rusk" of "Imelda Rusk"), else None."""

    def naming(name: str) -> str | None:
        words = name.split()
        for k in range(len(words)):
            tail = " ".join(words[k:])
            if re.search(rf"\b{re.escape(tail)}\b", claim, re.IGNORECASE):
                return tail
        return None

    return naming


def resolved_window(window: str, sentences: Sequence[str], nlp: Any, claim: str) -> str:
    """`window` (one of the document's `sentences`) with its "he"/"she" subjects replaced by the
    person the CONTEXT_SENTENCES before it name, written as the claim writes them; unchanged when
    the claim does not name that person or says "he"/"she" itself (it then matches the window's
    pronoun as it is)."""
    if not _HAS_PERSONAL.search(window) or _HAS_PERSONAL.search(claim):
        return window
    i = sentences.index(window) if window in sentences else 0
    if i == 0:  # not one sentence of the document, or its first: no sentence before it
        return window
    context = [*sentences[max(0, i - CONTEXT_SENTENCES) : i], window]
    return _replaced(context, nlp, _as_claim_names(claim))[-1] or window
