"""Whether a verb's event is reported as done or as still to come: "has built", "built", "was
built" against "will build", "plans to build", "is set to build", "said it would build".

A plan restated as a fact is a common error of retellings and summaries ("the company will cut
2,000 jobs" becomes "the company cut 2,000 jobs"), and the model, trained on sentence pairs that
rarely turn on tense, reads the two as the same statement.
"""

from __future__ import annotations

from typing import Any, Literal

Tense = Literal["done", "planned"]

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_PERFECT_AUX = frozenset({"has", "have", "had", "'s", "'ve", "'d"})
# Verbs and adjectives whose infinitive is an event still to come: "plans to cut", "is set to
# close", "is going to build", "is due to open".
_PLANNING = frozenset(
    {"go", "plan", "intend", "aim", "set", "due", "expect", "prepare", "schedule", "propose",
     "promise", "vow", "pledge", "hope", "want", "seek", "poise", "slate"}
)  # fmt: skip
_SAYING = frozenset({"say", "announce", "tell", "state", "confirm", "report", "add"})


def tense(verb: Any) -> Tense | None:
    """ "done", "planned", or None when the parse says neither (present, progressive, modal,
    conditional)."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if aux & _FUTURE_AUX:
        return "planned"
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i and head.lemma_.lower() in _PLANNING:
        return "planned"
    if "would" in aux and verb.dep_ == "ccomp" and head.lemma_.lower() in _SAYING:
        return "planned"  # "said it would build": the plan as reported
    if aux - _PERFECT_AUX - {"did", "was", "were"}:
        return None  # "may build", "could have built", "is building", "to build"
    if verb.tag_ == "VBD" and not aux:
        return "done"
    if verb.tag_ == "VBN" and (aux & _PERFECT_AUX or _passive_past(verb)):
        return "done"
    return None


def _passive_past(verb: Any) -> bool:
    """ "was built", "were closed" (not "is built", "will be built")."""
    return any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in verb.children)
