"""A claim sentence with a side clause or two verbs, checked as the two statements it makes.

Retellings compress: "Kesterline Energy, which made the battery cells, said it had found a
contamination problem" joins two sentences of its source ("The battery cells were made by
Kesterline Energy." and "Kesterline said it had identified a contamination problem ..."). The
cross-encoder reads a claim against one window at a time, and no one window says both halves:
it entailed the whole 0.20 against either sentence, though it entails each half against its
own. A non-restrictive relative clause is a statement of its own, so the claim is read as two:
the sentence without the clause ("Kesterline Energy said it had found ...") and the clause with
its antecedent as subject ("Kesterline Energy made the battery cells."). The verifier reads the
statements only where it does not support the sentence whole, and takes their reading only if
it supports every statement with no conflict (rereading.as_statements): a shortened
sentence parses differently, and its conflicts are the parser's as often as the document's.

A sentence whose main verb and a second verb share one subject ("The court has fined the company
3.8 million dollars and ordered it to pay costs", from two source sentences, the second telling
of the judge's order) is read the same way, as its two statements.

Only the clause whose relative pronoun ("which", "who") is its subject, set off by commas on both
sides, on a noun: "Velmora, which analysts value at 2 billion euros, said" is left whole (the
antecedent is the clause's object, and "Velmora analysts value at ..." would misread it), as is
a restrictive clause ("the company which made the cells"), which says which thing is meant and
states nothing by itself.
"""

from __future__ import annotations

import re
from typing import Any

_PRONOUNS = frozenset({"which", "who"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NOUNS = frozenset({"NOUN", "PROPN"})
MAX_CLAUSES = 2  # a sentence with more side clauses than this is read as written
_CLAUSE_OPENER = re.compile(
    r",\s+(?:which|who|a|an|the|its|his|her|their|but|although|though|whereas)\b|\band\b",
    re.IGNORECASE,
)
_SUBJECT_OF_ITS_OWN = frozenset({"nsubj", "nsubjpass", "expl"})


def _side_clauses(doc: Any) -> list[tuple[Any, Any]]:
    """(antecedent noun, relative clause verb) of each comma-bounded subject relative clause."""
    out = []
    for verb in doc:
        if verb.dep_ != "relcl" or verb.head.pos_ not in _NOUNS:
            continue
        pronoun = [c for c in verb.children if c.dep_ in _SUBJECTS and c.lower_ in _PRONOUNS]
        first, last = verb.left_edge.i, verb.right_edge.i
        if not pronoun or pronoun[0].i != first or first < 1 or last + 1 >= len(doc):
            continue
        if doc[first - 1].text == "," and doc[last + 1].text == ",":
            out.append((verb.head, verb))
    return out


def _text(tokens: Any) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _flat(text: str) -> str:
    return " ".join(text.lower().split())


def decompose(sentence: str, nlp: Any, document: str = "") -> list[str]:
    """The sentence's statements: without its side clauses and descriptions of a name, then each
    with its antecedent as subject; [sentence] when it has none (or more than MAX_CLAUSES). A
    clause the `document` prints on the same antecedent stays in place: one sentence of it says
    both ("Haleigh, who has been the face of the bill, was having ..."), and the model reads
    that sentence whole."""
    if not _CLAUSE_OPENER.search(sentence):
        return [sentence]  # no parse for the sentences that cannot have one
    doc = nlp(sentence)
    printed = _flat(document)
    found = sorted(
        (
            (noun, first, last, side)
            for noun, first, last, side in (*_clause_statements(doc), *_descriptions(doc))
            if _flat(doc[noun.i : last + 1].text) not in printed
        ),
        key=lambda x: x[1],
    )
    if not found or len(found) > MAX_CLAUSES:
        return _coordinated(doc) or [sentence]
    main, sides = doc.text, []
    for _, first, last, side in reversed(found):  # last first, so earlier offsets hold
        # The part goes with its commas: "X, which made Y, said" -> "X said"; one that ends
        # the sentence keeps the full stop: "took over from Aurel-2, a satellite ...".
        start = doc[first - 1].idx
        closing = doc[last + 1]
        end = closing.idx + 1 if closing.text == "," else closing.idx
        tail = main[end:].lstrip()
        main = main[:start].rstrip() + ("" if tail[:1] in (".", "!", "?", "") else " ") + tail
        sides.append(side[:1].upper() + side[1:] + ".")
    main = main.strip()
    # What is left may still join two verbs: "Paula Varga, the chief executive, apologised
    # ... and pledged ..." is three statements.
    rest = _coordinated(nlp(main)) if re.search(r"\band\b|,\s+(?:but|although)\b", main) else None
    return [*(rest or [main]), *reversed(sides)]


def _clause_statements(doc: Any) -> list[tuple[Any, int, int, str]]:
    """(antecedent, first token, last token, statement) of each side clause: "Kesterline
    Energy, which made the cells," -> "Kesterline Energy made the cells"."""
    out = []
    for noun, verb in _side_clauses(doc):
        first, last = verb.left_edge.i, verb.right_edge.i
        antecedent = _text(doc[noun.left_edge.i : noun.i + 1])
        out.append((noun, first, last, f"{antecedent} {_text(doc[first + 1 : last + 1])}"))
    return out


_DESCRIPTION_OPENERS = frozenset({"a", "an", "the", "its", "his", "her", "their"})


def _descriptions(doc: Any) -> list[tuple[Any, int, int, str]]:
    """(name, first token, last token, statement) of each description set off after a name by
    a comma ("Aurel-2, a satellite put into orbit in 2019 that is near the end of its design
    life", closed by a comma or the sentence's end) -> "Aurel-2 is a satellite put into orbit
    ...". A retelling joins what its source told of the name in a sentence of its own. Not a
    name after a name ("Paris, France"), nor a short one ("Smith, 45")."""
    out = []
    for t in doc:
        if t.dep_ != "appos" or t.head.pos_ != "PROPN" or t.pos_ != "NOUN":
            continue
        first, last = t.left_edge.i, t.right_edge.i
        opener = doc[first].lower_
        if first < 1 or doc[first - 1].text != "," or last + 1 >= len(doc):
            continue
        if opener not in _DESCRIPTION_OPENERS or last - first < 2:
            continue
        if doc[last + 1].text != "," and not doc[last + 1].is_sent_end:
            continue
        name = _text(doc[t.head.left_edge.i : t.head.i + 1])
        out.append((t.head, first, last, f"{name} is {_text(doc[first : last + 1])}"))
    return out


def _coordinated(doc: Any) -> list[str] | None:
    """The two statements of a sentence whose main verb and a second verb share the subject:
    "The court has fined the company 3.8 million dollars and ordered it to pay costs" -> "The
    court has fined the company 3.8 million dollars." and "The court has ordered it to pay
    costs." The second keeps the first's auxiliaries ("has", "will") when it has none. Two
    clauses with subjects of their own are `_two_clauses`. None when the sentence is not so
    built, or the second verb does not end it."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB":
        return None
    subject = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    second = [c for c in root.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if len(subject) != 1:
        return None
    if len(second) != 1:
        return _two_clauses(doc, root)
    verb = second[0]
    cc = doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    tail = [t for t in doc[verb.right_edge.i + 1 :] if not t.is_punct]
    if cc is None or cc.lower_ not in _JOINS or tail:
        return None
    if any(c.dep_ in _SUBJECT_OF_ITS_OWN for c in verb.children):
        return _two_clauses(doc, root)
    if cc.lower_ != "and":
        return None
    first = _text(doc[: cc.i]).rstrip(",;")
    aux = [c for c in root.children if c.dep_ == "aux" and c.i < root.i]
    own = any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    subj = _text(doc[subject[0].left_edge.i : subject[0].right_edge.i + 1])
    words = [subj, *([] if own else [a.text for a in aux])]
    rest = _text(doc[verb.left_edge.i : verb.right_edge.i + 1])
    second_text = " ".join([*words, rest])
    return [first + ".", second_text[:1].upper() + second_text[1:] + "."]


_JOINS = frozenset({"and", "but"})
_CONCESSIVE = frozenset({"although", "though", "whereas"})
_REPORTING = frozenset({"say", "add"})


def independent_clauses(sentence: str, nlp: Any) -> list[str] | None:
    """The two clauses of a sentence that joins two, each with its own subject, or None: "No
    one was killed, although two of those injured were seriously hurt" -> "No one was
    killed." and "Two of those injured were seriously hurt." Each keeps its own subject, so a
    swapped name stays in its clause (verbs that share one subject are not split here)."""
    if not _TWO_CLAUSES.search(sentence):
        return None
    doc = nlp(sentence)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return None if root is None or root.pos_ not in ("VERB", "AUX") else _two_clauses(doc, root)


_TWO_CLAUSES = re.compile(r",\s+(?:and|but|although|though|whereas)\b", re.IGNORECASE)


def _two_clauses(doc: Any, root: Any) -> list[str] | None:
    """The two statements of two clauses, each with its own subject, the second ending the
    sentence after a comma and "and", "but" or "although": "No one was hurt, and eight vessels
    had been told to leave the zone" (the model read the whole as contradicted by "Eight vessels
    were ordered to leave the zone": 0.88). Not "..., and he said" nor "..., and he told
    reporters it would appeal": a report's clause is read whole. None for a first clause with
    no comma before its joining word (a list of names may be parsed so: "Smith and Jones
    said")."""
    for verb in root.children:
        if verb.dep_ not in ("conj", "advcl") or verb.i < root.i:
            continue
        if not any(c.dep_ in _SUBJECT_OF_ITS_OWN for c in verb.children):
            continue
        if verb.dep_ == "conj":
            joint = doc[verb.left_edge.i - 1]
            if joint.lower_ not in _JOINS:
                continue
        else:
            joint = next((c for c in verb.children if c.dep_ == "mark"), None)
            if joint is None or joint.lower_ not in _CONCESSIVE or joint.i != verb.left_edge.i:
                continue
        tail = [t for t in doc[verb.right_edge.i + 1 :] if not t.is_punct]
        reports = any(c.dep_ == "ccomp" for c in verb.children)
        if tail or reports or verb.lemma_.lower() in _REPORTING or doc[joint.i - 1].text != ",":
            return None
        first = _text(doc[: joint.i - 1])
        rest = _as_named(doc, root, verb, joint)
        if rest is None or len(first.split()) < 3 or len(rest.split()) < 3:
            return None
        return [first + ".", rest[:1].upper() + rest[1:]]
    return None


_PERSONAL = frozenset({"he", "she", "it", "they"})


def _as_named(doc: Any, root: Any, verb: Any, joint: Any) -> str | None:
    """The second clause as a sentence of its own: its subject "he", "she", "it" or "they" is
    the first clause's subject ("the tumour was removed in 1997, but it returned" -> "The
    tumour returned"), which the pronoun stands for when the clauses share a sentence. Alone,
    "It's first among viewers" read as supported whatever "it" is. None where the pronoun is
    joined to a verb ("it's") or the first subject is a pronoun too."""
    tokens = list(doc[joint.i + 1 :])
    pronoun = next(
        (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _PERSONAL),
        None,
    )
    if pronoun is None:
        return _text(tokens)
    theirs = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if theirs is None or theirs.pos_ == "PRON" or doc[pronoun.i + 1].text.startswith("'"):
        return None
    name = _text(doc[theirs.left_edge.i : theirs.right_edge.i + 1])
    name = name[:1].lower() + name[1:] if doc[theirs.left_edge.i].pos_ == "DET" else name
    return "".join(
        (name + pronoun.whitespace_) if t.i == pronoun.i else t.text_with_ws for t in tokens
    ).strip()
