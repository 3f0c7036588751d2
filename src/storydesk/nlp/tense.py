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
# Verbs and adjectives whose infinitive (or -ing form) is an event still to come: "plans to
# cut", "is set to close", "is going to build", "is due to open", "threatened to strike", "is
# considering closing", "is likely to approve". Not "agree", "vote" or "decide": "agreed to
# settle", "voted to approve", "decided to retire" are written for the act itself (MRPC
# paraphrases and QA pairs read as disputes with them). A perfect infinitive ("is likely to have
# collapsed") is past, and a passive "is considered to" is a belief, not a plan.
_PLANNING = frozenset(
    {"go", "plan", "intend", "aim", "set", "due", "expect", "prepare", "schedule", "propose",
     "promise", "vow", "pledge", "hope", "want", "seek", "poise", "slate", "consider",
     "threaten", "likely"}
)  # fmt: skip
_SAYING = frozenset({"say", "announce", "tell", "state", "confirm", "report", "add"})
# Nouns whose infinitive is a plan: "announced plans to close the plant".
_PLAN_NOUNS = frozenset({"plan", "proposal", "intention", "bid", "decision", "pledge", "promise"})
_CONDITIONS = frozenset({"if", "unless"})


def _conditional(verb: Any) -> bool:
    """ "would close the plant only if sales kept falling": neither done nor planned."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in c.children)
        for c in verb.children
    )


def tense(verb: Any) -> Tense | None:
    """ "done", "planned", or None when the parse says neither (present, progressive, modal,
    conditional)."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if _conditional(verb):
        return None
    if aux & _FUTURE_AUX:
        return "planned"
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i and _plans(head, aux):
        return "planned"
    if verb.dep_ == "xcomp" and head.lemma_ == "be" and "to" in aux:
        return "planned"  # "is to close", "was to reopen"
    if verb.dep_ == "acl" and head.lemma_.lower() in _PLAN_NOUNS:
        return "planned"
    if "would" in aux and verb.dep_ == "ccomp" and head.lemma_.lower() in _SAYING:
        return "planned"  # "said it would build": the plan as reported
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and head.lower_ in ("after", "since"):
        return "done"  # "after selling 80,000 last year"
    if aux - _PERFECT_AUX - {"did", "was", "were"}:
        return None  # "may build", "could have built", "is building", "to build"
    if verb.tag_ == "VBD" and not aux:
        return "done"
    if verb.tag_ == "VBN" and (aux & _PERFECT_AUX or _passive_past(verb)):
        return "done"
    if verb.tag_ == "VBN" and verb.dep_ == "ROOT" and not aux and not _has_auxpass(verb):
        return "done"  # "The bridge reopened on Friday", tagged as a participle
    return None


def _plans(head: Any, aux: set[str]) -> bool:
    """Whether the verb or adjective an infinitive hangs from makes it a plan."""
    lemma = head.lemma_.lower()
    if lemma not in _PLANNING or "have" in aux:
        return False  # "is likely to have collapsed": done, if anything
    return not (lemma == "consider" and _has_auxpass(head))


def _has_auxpass(verb: Any) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _passive_past(verb: Any) -> bool:
    """ "was built", "were closed" (not "is built", "will be built")."""
    return any(c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in verb.children)
