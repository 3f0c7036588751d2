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

from ..nlp.claims import quote_mask
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


def _speaks(parse: ArticleParse, person: Mention, start: int, length: int) -> bool:
    """Whether the sentence at [start, start + length) names `person` outside its quotation
    marks: in '"He was struggling," Moore said' the quoted "he" is not Moore, who would have
    said "I"."""
    return any(m.norm == person.norm and start <= m.start < start + length for m in parse.mentions)


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
        quoted = quote_mask(doc.text)
        for tok in doc:
            if tok.lower_ not in _PERSONAL_SUBJECTS or tok.dep_ not in _SUBJECT_DEPS:
                continue
            person = parse.resolve(off + tok.idx, tok.lower_)
            # Only an antecedent in an earlier sentence: one in the same sentence is already
            # there for the model to read ("Rusk said she would stay").
            if person is None or person.kind != "person" or person.end > off:
                continue
            if quoted[tok.idx] and _speaks(parse, person, off, len(doc.text)):
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


def _pronoun_subject(doc: Any) -> tuple[str, str] | None:
    """(pronoun as written, its verb's lemma) when the subject of the claim's main verb is a
    bare "he"/"she"; else None ("Smith said he was innocent" names its "he")."""
    for tok in doc:
        if tok.lower_ in _PERSONAL_SUBJECTS and tok.dep_ in _SUBJECT_DEPS:
            if tok.head.dep_ == "ROOT":
                return tok.text, tok.head.lemma_.lower()
            return None
    return None


def _is_name(tok: Any, document: str) -> bool:
    """A proper noun, or a capitalised word the small model tagged as a common noun at the start
    of a sentence ("Lobo is being treated ...") that the document writes capitalised after a
    lower-case word too ("thrown into Lobo's car") and never in lower case ("Police", which
    the document also calls "the police", stays a noun): spaCy's small model misses rarer names
    there."""
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ != "NOUN" or tok.i != tok.sent.start or not tok.text[:1].isupper():
        return False
    if re.search(rf"\b{re.escape(tok.text.lower())}\b", document):
        return False
    return bool(re.search(rf"\b[a-z]+,? {re.escape(tok.text)}\b", document))


def _named_subject(doc: Any, verb: str, document: str) -> tuple[int, int] | None:
    """Character span of a proper-noun subject of `verb` (lemma) in the window, with the names
    compounded into it ("Imelda Rusk"), or None."""
    for tok in doc:
        is_subject = tok.dep_ in _SUBJECT_DEPS and tok.head.lemma_.lower() == verb
        if is_subject and _is_name(tok, document):
            names = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            start = min((t.idx for t in names), default=tok.idx)
            return start, tok.idx + len(tok.text)
    return None


def as_claim_pronouns(pairs: Sequence[tuple[str, str]], nlp: Any, document: str = "") -> list[str]:
    """For each (claim, window), the window with the person who is the subject of the claim's
    verb written as the claim's "he"/"she".

    The mirror of `resolved_window`: a claim that says "She is being treated at the hospital"
    (its "she" named in a sentence the checker never sees) meets "Lobo is being treated at the
    hospital", and the model reads the pronoun against the name as a contradiction (0.98). Only
    a proper-noun subject of the same verb (lemma) as the claim's main-verb "he"/"she" is
    replaced: a window whose subject is a pronoun is left for the model to compare.
    """
    out = [w for _, w in pairs]
    claims = list(dict.fromkeys(c for c, _ in pairs if _HAS_PERSONAL.search(c)))
    if not claims:
        return out
    subjects = dict(zip(claims, map(_pronoun_subject, nlp.pipe(claims)), strict=True))
    todo = [k for k, (c, _) in enumerate(pairs) if subjects.get(c) is not None]
    windows = nlp.pipe([pairs[k][1] for k in todo])
    for k, doc in zip(todo, windows, strict=True):
        found = subjects[pairs[k][0]]
        assert found is not None
        pronoun, verb = found
        span = _named_subject(doc, verb, document)
        if span is not None:
            word = pronoun.capitalize() if span[0] == 0 else pronoun.lower()
            out[k] = doc.text[: span[0]] + word + doc.text[span[1] :]
    return out
