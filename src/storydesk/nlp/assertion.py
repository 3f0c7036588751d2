"""Whether a parsed verb is asserted: denied ("did not pay", "failed to pay", "no refusal"),
hedged by a modal on the main verb, or not asserted at all (wanted, planned, conditional,
ended). Reads spaCy tokens; nlp.roles records the result on each role.
"""

from __future__ import annotations

from typing import Any

# Modals that hedge a statement; "would" and "will" are left out because news uses them for
# plain future and conditional reporting ("which would be the first of its kind").
HEDGES = frozenset({"may", "might", "could"})
NEGATION_WORDS = frozenset(
    {
        "not",
        "n't",
        "never",
        "no",
        "neither",
        "nor",
        "without",
        "nothing",
        "nobody",
        "none",
        "nowhere",
    }
)


def is_main_hedge(token: Any) -> bool:
    """A hedging modal on the sentence's main verb (or a reported clause), not in a side clause
    like "leave cars at home where they could"."""
    if token.tag_ != "MD" or token.lower_ not in HEDGES:
        return False
    verb = token.head
    if token.lower_ == "could" and any(is_negation(c) for c in verb.children):
        return False  # "could not reach a verdict": a past inability, stated as fact
    for _ in range(3):  # "had opened an inquiry and may fine the firm": the second main verb
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        if verb.dep_ != "conj" or verb.head.i == verb.i or own_subject:
            break  # "... and he may face charges" is a clause of its own
        verb = verb.head
    return bool(verb.dep_ == "ROOT" or (verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT"))


def is_negation(token: Any) -> bool:
    """A negation cue, except "not only" (which adds to a statement rather than denying it)."""
    if not (token.dep_ == "neg" or token.lower_ in NEGATION_WORDS):
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return not (nxt is not None and nxt.lower_ in ("only", "just", "merely"))


# Words whose infinitive complement did not happen ("failed to pay", "was unable to reach",
# "declined to comment"): the complement is denied as surely as "did not pay" denies it.
NEGATIVE_IMPLICATIVES = frozenset(
    {"fail", "unable", "refuse", "decline", "neglect", "forget", "avoid"}
)
# Verbs that end what their gerund says ("stopped responding", "quit producing"); "cease" also
# with an infinitive ("ceased to exist"). The action went on until then and not after: neither
# asserted nor denied ("stopped producing cars in 2020" and "produced cars until 2020" agree, so
# do "stopped responding" and "did not respond any more"). "Stopped to buy milk" is a purpose.
_ENDING = frozenset({"stop", "cease", "quit", "discontinue"})


def _no_longer(verb: Any) -> bool:
    return any(
        c.lower_ == "longer" and any(is_negation(n) for n in c.children) for c in verb.children
    )


def _ended(verb: Any) -> bool:
    """ "stopped responding", "ceased to exist", "no longer responded": a change of state."""
    if _no_longer(verb):
        return True
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in _ENDING
        and (verb.tag_ == "VBG" or head.lemma_.lower() == "cease")
    )


# The same as nouns: "his refusal to participate", "the failure to disclose".
_NEGATIVE_NOUNS = frozenset({"refusal", "failure", "inability"})
# "decided against pursuing", "refrained from commenting": a preposition that, after these
# verbs, denies the gerund it takes.
_DENYING_PREPS = {"against": frozenset({"decide", "vote", "opt", "choose"}),
                  "from": frozenset({"refrain", "abstain"})}  # fmt: skip


_DENIABLE_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
# After "no X", these make an exception or a comparison, not a denial: "no choice but to
# resign", "no other airline", "no one else", "no team has won more titles than Harlow".
_NOT_DENYING = frozenset({"but", "other", "else", "than", "except"})


def _no_determiner(noun: Any, verb: Any) -> bool:
    """ "no evidence", "no one", "nobody": the argument is none at all."""
    none = noun.lower_ in ("nobody", "nothing", "none") or any(
        d.dep_ == "det" and d.lower_ == "no" for d in noun.children
    )
    if not none:
        return False
    after = noun.doc[noun.right_edge.i + 1] if noun.right_edge.i + 1 < len(noun.doc) else None
    exceptions = (*noun.subtree, *([after] if after is not None else []))
    return not any(t.lower_ in _NOT_DENYING for t in exceptions) and not any(
        t.lower_ == "than" for t in verb.subtree
    )


def denied(verb: Any) -> bool:
    """Whether the sentence says the verb's event did not happen: a negation on the verb itself
    ("did not reach"), "without" before it ("left without paying": the paying is denied, the
    leaving is not), or a negative implicative above it ("unable to reach", "decided against
    pursuing") not itself negated, or "no" before its subject or object ("found no evidence")."""
    if _no_longer(verb):
        return False  # a change of state: see unasserted
    if any(
        is_negation(c) and c.lower_ != "without" and c.dep_ not in _DENIABLE_ARGS
        for c in verb.children
    ):
        return True
    if any(c.dep_ in _DENIABLE_ARGS and _no_determiner(c, verb) for c in verb.children):
        return True  # "found no evidence", "no one was hurt"
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "without":
        return True
    if verb.dep_ == "pcomp" and head.lower_ == "of" and head.head.lower_ == "short":
        return True  # "stopped short of blaming": no blame
    if verb.dep_ == "pcomp" and head.head.lemma_.lower() in _DENYING_PREPS.get(head.lower_, ()):
        return not any(is_negation(c) for c in head.head.children)
    if (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in ("have", "be")
        and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children)
    ):
        return True  # "has yet to exhibit growth", "is yet to decide": not so far
    if verb.dep_ == "xcomp" and head.lemma_.lower() in NEGATIVE_IMPLICATIVES:
        return not any(is_negation(c) for c in head.children)  # "did not fail to" did
    if verb.dep_ == "acl" and head.lemma_.lower() in _NEGATIVE_NOUNS:
        return not any(is_negation(c) for c in head.children)  # "no refusal to" is no denial
    return False


_CONDITIONS = frozenset({"if", "unless"})


# Verbs whose infinitive ("urged residents to avoid the bridge", "tried to stop the car") says
# what was wanted, asked, planned or attempted, not that it happened.
_UNASSERTING = frozenset(
    {"urge", "press", "pressure", "push", "ask", "call", "encourage", "advise", "order", "tell",
     "instruct", "demand", "request", "invite", "want", "wish", "hope", "plan", "intend", "aim",
     "seek", "try", "attempt", "expect", "promise", "vow", "pledge", "threaten", "propose",
     "offer", "agree", "allow", "permit", "need", "prepare", "consider",
     # and as adjectives, forecasts and readiness ("likely to pay", "set to close")
     "likely", "unlikely", "set", "poised", "due", "ready", "willing", "eager", "keen",
     "determined", "expected"}
)  # fmt: skip
# Of these, the ones whose clause complement is as unasserted as their infinitive ("wants Jones
# to win" is parsed as a clause); "told reporters the bridge would close" reports a fact.
_UNASSERTING_CLAUSE = frozenset({"want", "wish", "hope", "expect", "plan", "demand", "request"})


def unasserted(verb: Any) -> bool:
    """Whether the sentence neither says the verb's event happened nor that it did not: it is
    a condition ("if the subsidies are not repealed", "unless they are repealed") or only wanted,
    asked for or tried ("pressed Yanukovych to sign", "hopes to win"). A verb inside such a
    clause counts too ("if he fails to pay" holds "pay"). So is an action said to have ended
    ("stopped responding", "no longer trusts": it happened, and does not now)."""
    if _ended(verb):
        return True
    for _ in range(4):
        if verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in verb.children
        ):
            return True
        if verb.head.i == verb.i or verb.dep_ not in ("xcomp", "ccomp", "conj", "acl", "pcomp"):
            return False
        governor = verb.head.lemma_.lower()
        if (verb.dep_ == "xcomp" and governor in _UNASSERTING) or (
            verb.dep_ == "ccomp" and governor in _UNASSERTING_CLAUSE
        ):
            return True
        verb = verb.head
    return False
