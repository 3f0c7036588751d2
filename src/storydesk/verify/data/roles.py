"""Who-did-what operations (recipe 2026.2): the same event with its roles kept or moved.

The 2026.1 model read "B sued A" as entailed by "A sued B" (actor swaps right 13% of the time):
the one actor_swap op applied to few sentences and always in the active voice, so word overlap
was all the model needed. These ops give it the roles across voices and across reported speech:

- voice (supported): "A criticised B" -> "B was criticised by A", and passive to active.
- voice_swap (contradiction): "A criticised B" -> "A was criticised by B" ("B criticised A"
  from the passive).
- speaker_shift (neutral): "Moore said the company lost money" -> "Moore lost money". Summaries
  make this error when they drop an attribution (FactCC's "Angela Moore was back home resting",
  where the document has Moore, a publicist, saying someone else was). The document does not
  say the opposite, it says nothing about the speaker doing it: neutral.

All three need plain, contiguous phrases; anything else would garble the text and teach the
model to spot broken grammar instead of wrong roles.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

REPORTING = frozenset(
    {"say", "tell", "announce", "report", "claim", "state", "add", "explain", "note", "write",
     "insist", "argue", "warn", "confirm"}
)  # fmt: skip
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_MAX_PHRASE = 8


def _short_run(tok: Any, span: list[Any]) -> list[Any] | None:
    """`span` when it is a short contiguous run of words and its head `tok` is no pronoun."""
    if tok.pos_ == "PRON" or len(span) > _MAX_PHRASE or len(span) != span[-1].i - span[0].i + 1:
        return None
    return span


def _phrase(tok: Any) -> list[Any] | None:
    """The token's whole subtree as a short run, when it holds no punctuation or quote mark."""
    span = list(tok.subtree)
    if any(t.is_punct or t.is_quote for t in span):
        return None
    return _short_run(tok, span)


def _core(tok: Any) -> list[Any] | None:
    """A noun phrase without its appositions and clauses ("Angela Moore, a publicist for
    Claudette King," -> "Angela Moore"), when what is left is a short run."""
    cut = {t.i for c in tok.children if c.dep_ in ("appos", "relcl", "acl") for t in c.subtree}
    return _short_run(tok, [t for t in tok.subtree if t.i not in cut and not t.is_punct])


def _text(span: Sequence[Any]) -> str:
    return "".join(t.text_with_ws for t in span).strip()


def _moved(span: Sequence[Any], sent: Any) -> str:
    """A phrase moved away from the start of its sentence loses the sentence's capital."""
    out, first = _text(span), span[0]
    # A name keeps its capital, also one tagged as a common noun but found as an entity
    # ("Sanders"); a capital left mid-sentence on "Police" would mark the supported pairs.
    common = first.pos_ != "PROPN" and not first.ent_type_
    if first.i == sent.start and common and first.text != "I":
        out = out[0].lower() + out[1:]
    return out


def _plural(span: Sequence[Any], head: Any) -> bool:
    return head.tag_ in _PLURAL_TAGS or any(t.dep_ == "conj" and t.head.i == head.i for t in span)


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _active_parts(sent: Any) -> tuple[list[Any], Any, list[Any]] | None:
    """(subject, verb, object) of 'A verbed B': a regular verb in the simple past (its past
    form is also its participle), the three side by side."""
    root = sent.root
    if root.tag_ != "VBD" or root.pos_ != "VERB" or not root.lower_.endswith("ed"):
        return None
    if any(c.dep_ in ("aux", "auxpass", "neg", "prt", "dative") for c in root.children):
        return None
    subj = [c for c in root.children if c.dep_ == "nsubj"]
    obj = [c for c in root.children if c.dep_ == "dobj"]
    if not subj or not obj:
        return None
    a, b = _phrase(subj[0]), _phrase(obj[0])
    if a is None or b is None or a[-1].i + 1 != root.i or b[0].i != root.i + 1:
        return None
    return a, root, b


def _passive_parts(sent: Any) -> tuple[list[Any], Any, list[Any]] | None:
    """(agent, verb, patient) of 'B was verbed by A', the same kind of verb, side by side."""
    root = sent.root
    if root.tag_ != "VBN" or root.pos_ != "VERB" or not root.lower_.endswith("ed"):
        return None
    aux = [c for c in root.children if c.dep_ == "auxpass" and c.lower_ in ("was", "were")]
    subj = [c for c in root.children if c.dep_ == "nsubjpass"]
    agent = [c for c in root.children if c.dep_ == "agent" and c.lower_ == "by"]
    if len(aux) != 1 or not subj or not agent or any(c.dep_ == "neg" for c in root.children):
        return None
    pobj = [c for c in agent[0].children if c.dep_ == "pobj"]
    b, a = _phrase(subj[0]), _phrase(pobj[0]) if pobj else None
    if a is None or b is None:
        return None
    if not b[-1].i + 1 == aux[0].i == root.i - 1 == agent[0].i - 2 == a[0].i - 3:
        return None
    return a, root, b


def _voice(sent: Any, swap: bool) -> str | None:
    """The sentence in the other voice, its roles kept or (swap) exchanged."""
    active = _active_parts(sent)
    parts = active or _passive_parts(sent)
    if parts is None:
        return None
    a, verb, b = parts
    if _text(a).lower() == _text(b).lower():
        return None
    first, last = (a, b) if active else (b, a)  # the phrases' order in the sentence
    base, text = sent.start_char, str(sent.text)
    before = text[: first[0].idx - base]
    after = text[last[-1].idx + len(last[-1].text) - base :]
    if active:  # -> passive: the object moves to the front
        front, back = (a, b) if swap else (b, a)
        be = "were" if _plural(front, _head(front)) else "was"
        middle = f"{be} {verb.lower_} by"
    else:  # -> active: the agent moves to the front
        front, back = (b, a) if swap else (a, b)
        middle = verb.lower_
    lead = _text(front) if front[0].i == sent.start else _moved(front, sent)
    return _capital(f"{before}{lead} {middle} {_moved(back, sent)}{after}".strip())


def _head(span: Sequence[Any]) -> Any:
    """The token of the span whose head lies outside it."""
    ids = {t.i for t in span}
    return next(t for t in span if t.head.i not in ids or t.head.i == t.i)


def op_voice(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    return _voice(sent, swap=False)


def op_voice_swap(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    return _voice(sent, swap=True)


def _agrees(clause: Any, subject: Sequence[Any]) -> bool:
    """Whether the clause's first verb form after its subject shows number ('is', 'were',
    'says'); 'lost', 'will cut' or 'had' fit any subject."""
    verbs = [t for t in clause.subtree if t.i > subject[-1].i and t.pos_ in ("VERB", "AUX")]
    return bool(verbs) and (verbs[0].tag_ in ("VBZ", "VBP") or verbs[0].lower_ in ("was", "were"))


def op_speaker_shift(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """'Moore said (that) the company lost money.' -> 'Moore lost money.': the reported
    clause's subject replaced by the speaker (without an apposition). Only when neither is a
    pronoun (one may be the speaker), they share no word, agree in number, and nothing is
    quoted."""
    root = sent.root
    if root.lemma_ not in REPORTING or any(t.is_quote for t in sent):
        return None
    speakers = [c for c in root.children if c.dep_ == "nsubj"]
    clauses = [c for c in root.children if c.dep_ == "ccomp" and c.i > root.i]
    if not speakers or not clauses:
        return None
    speaker, clause = _core(speakers[0]), clauses[0]
    if speaker is None or speakers[0].pos_ not in ("PROPN", "NOUN"):
        return None
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or (said := _phrase(subjects[0])) is None:
        return None
    if {t.lower_ for t in said if not t.is_stop} & {t.lower_ for t in speaker if not t.is_stop}:
        return None
    if _agrees(clause, said) and _plural(speaker, speakers[0]) != _plural(said, subjects[0]):
        return None
    # A second reported clause ("... and that he can understand ...") is left out.
    gone = {t.i for c in clause.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    body = [t for t in clause.subtree if t.i > said[-1].i and t.i not in gone]
    lead = [t for t in clause.subtree if t.i < said[0].i]
    if not body or any(t.dep_ != "mark" for t in lead) or clause.left_edge.i < root.i:
        return None
    rest = _text(body).rstrip(",;")
    end = "" if rest[-1:] in ".!?" else "."
    return _capital(f"{_text(speaker)} {rest}{end}")
