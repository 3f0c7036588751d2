"""A draft's "he" and "she" read as the person an earlier draft sentence names.

Drafts name a person once and go on with a pronoun ("Imelda Rusk chairs the authority. She said
no date had been set."). Checked on its own, "She said no date had been set" meets a source that
says "Rusk said no date had been set", and the cross-encoder, which learnt that "she" for "he" is
a contradiction, reads the unknown "she" against the name as one too (0.94 on the example story).
The draft itself says who "she" is, so the sentence is checked as the draft means it. Only
subject pronouns that an earlier sentence resolves are replaced, with that person's fullest name
in the draft; the pronoun rules are the quote speakers' (nearest sentence with a person, its
subject first), and like them they know no gender.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..quotes.speakers import ArticleParse, Mention

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PERSONAL_SUBJECTS = frozenset({"he", "she"})


def _fullest(parse: ArticleParse, person: Mention, before: int) -> str:
    """The longest way the draft wrote this person before `before` ("Imelda Rusk", not "Rusk")."""
    names = [
        m.text
        for m in parse.mentions
        if m.kind == "person" and m.norm == person.norm and m.end <= before
    ]
    return max(names, key=len, default=person.text)


def resolve_sentences(sentences: Sequence[str], nlp: Any) -> list[str | None]:
    """Per draft sentence, its text with resolved subject pronouns replaced, or None where
    nothing was replaced (no pronoun, or no earlier person to resolve it to)."""
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
            name = _fullest(parse, person, off)
            start = tok.idx + shift
            text = text[:start] + name + text[start + len(tok.text) :]
            shift += len(name) - len(tok.text)
            changed = True
        out.append(text if changed else None)
    return out
