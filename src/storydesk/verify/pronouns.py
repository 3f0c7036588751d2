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
_HAS_CLAIM_PRONOUN = re.compile(r"\b(?:he|she|him|her|they|them)\b", re.IGNORECASE)
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


# A claim's pronouns that stand for a name the window may give, and what kind of name: "they"
# for an organisation or a people ("Democrats"), "he"/"him" for a person. "It" is left out:
# it is as often an event or a dummy subject ("it is raining") as a named thing.
_CLAIM_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person",
                   "they": "group", "them": "group"}  # fmt: skip
_OBJECT_DEPS = frozenset({"dobj", "dative"})
_PERSONAL = frozenset({*_CLAIM_PRONOUNS, "his", "hers", "their", "theirs", "it", "its"})
# Prepositions whose object, like a direct object, is not the verb's own subject.
_UNBOUND_AFTER = frozenset({"to", "about", "against", "for", "from", "at", "by", "on", "over"})
Role = tuple[str, str, str]  # dependency, verb lemma, preposition ("" if none)


def _role(tok: Any) -> Role | None:
    """The slot a noun fills: subject or object of a verb, or the object of a preposition on
    it ("named her to the board" -> ("pobj", "name", "to"))."""
    if tok.dep_ in _SUBJECT_DEPS or tok.dep_ in _OBJECT_DEPS:
        return tok.dep_, tok.head.lemma_.lower(), ""
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "dative", "agent"):  # "to" is either
        return "pobj", tok.head.head.lemma_.lower(), tok.head.lower_
    return None


def _free(tok: Any) -> bool:
    """Whether the claim leaves its pronoun unresolved: nothing before it that it could stand
    for ("Smith said he was innocent" names its "he"; so may "He said he was innocent"). The
    main verb's subject is free unless a pronoun comes before it ("If Beijing can build a wall,
    he said, then he can build one": the second "he" is the first). An object is never its own
    verb's subject ("President Bush named her", "Ferrant wrote to him": "himself" would be), so
    that subject does not bind it; a place may be ("Rusk looked behind her")."""
    before = tok.doc[: tok.i]
    if tok.dep_ in _SUBJECT_DEPS and tok.head.dep_ == "ROOT":
        return not any(t.lower_ in _PERSONAL for t in before)
    own = set()
    verb = tok.head if tok.dep_ in _OBJECT_DEPS else None
    if tok.dep_ == "pobj" and tok.head.lower_ in _UNBOUND_AFTER:
        verb = tok.head.head
    if verb is not None:
        subjects = (c for c in verb.children if c.dep_ in _SUBJECT_DEPS)
        own = {t.i for c in subjects for t in c.subtree}
    return not any((t.pos_ == "PROPN" or t.lower_ in _PERSONAL) and t.i not in own for t in before)


def _claim_pronouns(doc: Any) -> list[tuple[str, str, Role]]:
    """(pronoun as written, kind, role) for each free pronoun of the claim that fills a role."""
    out = []
    for tok in doc:
        kind = _CLAIM_PRONOUNS.get(tok.lower_)
        role = _role(tok)
        if kind is None or role is None or not _free(tok):
            continue
        if tok.lower_ == "her" and tok.dep_ not in _OBJECT_DEPS | {"pobj"}:
            continue  # a "her" the parser made a subject: a possessive it misread
        out.append((tok.text, kind, role))
    return out


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


def _fits(tok: Any, kind: str) -> bool:
    """Whether a name can be what a pronoun of this kind stands for."""
    if kind == "person":  # entity types are no help: the small model calls Malala a GPE
        return bool(tok.tag_ != "NNPS")
    return bool(tok.ent_type_ in ("NORP", "ORG") or tok.tag_ == "NNPS")


def _titles_name(t: Any) -> bool:
    """A word that may stand before a name as part of naming it: a capitalised word, "the",
    punctuation, or a lower-case title noun or adjective ("chief executive", "former")."""
    if t.text[:1].isupper() or t.is_punct or t.lower_ == "the":
        return True
    return t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "ADJ")


def _named_in_role(
    doc: Any, role: Role, kind: str, document: str, claim: str
) -> tuple[int, int] | None:
    """Character span of a name filling `role` in the window, from the start of its noun phrase
    ("the", and the names and titles before it: "Federal Agriculture Minister Warren Truss") to
    its head, or None. A phrase that describes as well as names ("Georgia's U.N. envoy Revaz
    Adamia") is left alone: a pronoun in its place would leave the description without its
    noun. So is a name the claim writes itself: its pronoun is someone else, or the name given
    later ("As he sat down, Samudra looked over").
    """
    for tok in doc:
        if _role(tok) != role or not _is_name(tok, document) or not _fits(tok, kind):
            continue
        if re.search(rf"\b{re.escape(tok.text)}\b", claim):
            continue
        left = doc[tok.left_edge.i : tok.i]
        # Titles, capitalised or not ("Chief executive Maria Brandt"), go with the name; a
        # possessive ("Georgia's U.N. envoy") describes.
        if all(_titles_name(t) for t in left):
            return tok.left_edge.idx, tok.idx + len(tok.text)
    return None


def as_claim_pronouns(pairs: Sequence[tuple[str, str]], nlp: Any, document: str = "") -> list[str]:
    """For each (claim, window), the window with the names that fill the roles of the claim's
    unresolved pronouns written as those pronouns.

    The mirror of `resolved_window`: a claim that says "She is being treated at the hospital"
    (its "she" named in a sentence the checker never sees) meets "Lobo is being treated at the
    hospital", and the model reads the pronoun against the name as a contradiction (0.98); so
    it does "Bush named her to the board" against "Bush named Kathleen Gregg to the board"
    (0.98), and "as he spoke by phone" against "as Ghafar spoke by phone". Only a name in the
    same role (subject, object, or object of the same preposition) of the same verb (lemma)
    is replaced, and only one that can be what the pronoun stands for (a person for "he", a
    group for "they"); a window whose slot holds a pronoun is left for the model to compare.
    """
    out = [w for _, w in pairs]
    claims = list(dict.fromkeys(c for c, _ in pairs if _HAS_CLAIM_PRONOUN.search(c)))
    if not claims:
        return out
    found = dict(zip(claims, map(_claim_pronouns, nlp.pipe(claims)), strict=True))
    todo = [k for k, (c, _) in enumerate(pairs) if found.get(c)]
    windows = nlp.pipe([pairs[k][1] for k in todo])
    for k, doc in zip(todo, windows, strict=True):
        spans = {}
        claim = pairs[k][0]
        for pronoun, kind, role in found[claim]:
            span = _named_in_role(doc, role, kind, document, claim)
            if span is not None:
                spans[span] = pronoun
        text = doc.text
        for (start, end), pronoun in sorted(spans.items(), reverse=True):
            word = pronoun.capitalize() if start == 0 else pronoun.lower()
            text = text[:start] + word + text[end:]
        out[k] = text
    return out
