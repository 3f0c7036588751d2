"""Who does what in a parsed sentence: agents, patients, negation, hedges, and whether the
sentence asserts an event at all. Reads spaCy tokens; claims.py turns the result into records.
"""

from __future__ import annotations

from typing import Any

from ..model import Role
from . import wordnet
from .tense import tense

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
# A pronoun agent or patient is recorded as unknown: who "he" is is the pronoun reader's job
# (verify/pronouns.py), not something to compare as written.
PRONOUN_POS = frozenset({"PRON"})
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "pcomp", "prep", "conj", "dobj", "pobj"})


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


def _entity_of(token: Any) -> Any:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _agent_phrase(token: Any) -> tuple[str | None, str | None]:
    """Normalised text and entity label of the phrase headed by `token`, None for pronouns."""
    if token.pos_ in PRONOUN_POS:
        return None, None
    ent = _entity_of(token)
    if ent is not None:
        return ent.text.removeprefix("the ").removeprefix("The "), ent.label_
    mods = [  # not a day the parser hung on the noun ("On Friday police handed ...")
        t
        for t in token.lefts
        if t.dep_ in ("compound", "amod") and t.is_alpha and t.ent_type_ not in ("DATE", "TIME")
    ]
    if token.pos_ == "PROPN" and token.text[:1].isupper() and all(m.pos_ == "PROPN" for m in mods):
        return " ".join([*(m.text for m in mods), token.text]), "NAME"
    return " ".join([*(m.lemma_.lower() for m in mods), token.lemma_.lower()]), None


def _names_within(token: Any) -> tuple[str, ...]:
    """Named entities inside the phrase `token` heads (its subtree), as written."""
    lo, hi = token.left_edge.i, token.right_edge.i
    return tuple(
        e.text
        for e in token.doc.ents
        if e.start >= lo and e.end - 1 <= hi and e.label_ not in _NOT_NAMES
    )


# Entity labels that are no names: "On Friday police", "Two firefighters".
_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


def _subject(verb: Any) -> Any:
    """The verb's subject; of several (a parse error: "in Berea, OH, ..., Gov. John Kasich
    (R-OH), said" gives "said" both "OH" and "Kasich"), the one nearest the verb."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if not subjects:
        return None
    child = min(subjects, key=lambda c: abs(c.i - verb.i))
    if child.dep_ == "nsubjpass":
        by = [g for c in verb.children if c.dep_ == "agent" for g in c.children]
        if by:
            return by[0]
    return child


def find_agent(verb: Any) -> Any:
    """The verb's subject, else the subject of the clause it hangs from (bounded climb).

    This is what resolves "China claimed the islands, while building up forces" to China as the
    builder, and "Japan announced a buildup, including building up its navy" to Japan.
    """
    token = verb
    for _ in range(6):
        subj = _subject(token)
        if subj is not None:
            return subj
        if token.dep_ in ("acl", "relcl") and token.head.i != token.i:
            return token.head
        if token.dep_ not in _CLIMB_DEPS or token.head.i == token.i:
            return None
        if token.dep_ == "xcomp" and (controller := _controller(token)) is not None:
            return controller
        token = token.head
    return None


# Verbs whose object does what their infinitive says ("ordered the company to pay", "was pressed
# to sign"). A lexical class: after other verbs an infinitive says what for, and the subject
# does it ("fighters entered Iraq to attack coalition forces": the fighters attack).
_OBJECT_CONTROL = frozenset(
    {"urge", "press", "pressure", "push", "ask", "encourage", "advise", "order", "tell",
     "instruct", "persuade", "convince", "force", "compel", "oblige", "require", "allow",
     "permit", "enable", "help", "invite", "warn", "remind", "teach", "train", "lead", "cause",
     "inspire", "prompt", "authorize", "authorise", "empower", "forbid", "prohibit", "want",
     "expect", "need", "beg", "implore", "request", "command", "direct", "recruit", "appoint",
     "elect", "hire", "challenge", "dare", "get", "call", "mandate", "drive", "tempt", "trust"}
)  # fmt: skip


def _controller(xcomp: Any) -> Any:
    """Who does what an infinitive says when it is not its governing verb's subject: the object
    ("the court ordered the company to pay" -> the company; "pressed Yanukovych to sign"), or a
    passive's subject ("Yanukovych was pressed by Manafort to sign"), not the doer of the
    governing verb. None where the governing verb's subject is the one: a verb outside
    _OBJECT_CONTROL ("promised reporters to reopen"), or one with no object ("wants to win")."""
    head = xcomp.head
    if head.lemma_.lower() not in _OBJECT_CONTROL:
        return None
    for child in head.children:
        if child.dep_ == "nsubjpass":
            return child
        if child.dep_ in ("dobj", "dative") and child.i < xcomp.i:
            return child
    return None


def _patient(verb: Any) -> tuple[str | None, bool]:
    """The head lemma of what the verb acts on, and whether it is the direct object: a passive
    with its doer named ("B was criticised by A") acts on its subject as "A criticised B" does
    on its object."""
    if any(c.dep_ == "agent" for c in verb.children):
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if subj and subj[0].pos_ not in PRONOUN_POS:
            return str(subj[0].lemma_.lower()), True
    if (double := _double_object(verb)) is not None:  # "hand the council £3 million"
        return str(double[1].lemma_.lower()), True
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd"):
            return str(child.lemma_.lower()), child.dep_ == "dobj"
    for child in verb.children:  # "ordered [the bridge closed]": the object is the clause subject
        if child.dep_ in ("ccomp", "xcomp"):
            subj = [g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].pos_ not in PRONOUN_POS:
                return str(subj[0].lemma_.lower()), False
    for child in verb.children:
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return str(grandchild.lemma_.lower()), False
    return None, False


def _relative_head(verb: Any, agent: Any) -> Any:
    """The noun a relative "which", "that" or "who" subject stands for ("the trust, which has
    lent them to the gallery": the trust). Read only for a verb that hands something on (its
    giver and receiver are compared, verify.swaps): as every verb's doer it set more name
    variants against each other in the actor check ("Heather, who lost a leg" / "Lady
    McCartney lost a leg": two more MRPC paraphrases contradicted) than it found."""
    if agent.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.i != verb.i:
        return verb.head
    return agent


_NOT_RECEIVERS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})


def _double_object(verb: Any) -> tuple[Any, Any] | None:
    """(receiver, thing) of a verb with two objects, the first a noun right before the second
    ("would hand the council £3 million"), as the parser tags them: two `dobj`. Not two objects
    apart ("could reach €30 million once batteries ... are counted", a clause misread), nor
    joined by "and" ("chides Putin and praises Trump", "praises" read as a noun)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]  # "£3 million" heads on a NUM
    if len(objects) != 2 or objects[0].pos_ not in ("NOUN", "PROPN"):
        return None
    first, second = objects
    if any(c.dep_ in ("cc", "conj") for c in first.children):
        return None  # "chides Putin and praises Trump": a second verb misread as a noun
    return (first, second) if second.left_edge.i == first.right_edge.i + 1 else None


def _first_object(verb: Any) -> Any:
    """The noun that receives in a verb's two objects ("gave the police the footage"): the
    parser tags it `dative`, or it is the first of a double object."""
    dative = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN")]
    if dative:
        return dative[0]
    double = _double_object(verb)
    return double[0] if double else None


def _recipient(verb: Any) -> str | None:
    """The object of "to" beside a direct object ("reported the attack to the police",
    "sold the mill to a trust"), or the first of two objects ("gave the police the footage"),
    as `_agent_phrase` writes a subject; None for a pronoun or a place or time ("moved the
    office to Leeds", "to May")."""
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    if (first := _first_object(verb)) is not None:
        return None if first.ent_type_ in _NOT_RECEIVERS else _agent_phrase(first)[0]
    # The parser often hangs the "to" on the object ("reported [the attack to the council]") or
    # on a particle ("handed the painting [back to the gallery]").
    particles = [c for c in verb.children if c.dep_ in ("advmod", "prt")]
    for prep in (*verb.children, *dobj.children, *(g for p in particles for g in p.children)):
        if prep.dep_ in ("prep", "dative") and prep.lower_ == "to":
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is None or obj.ent_type_ in _NOT_RECEIVERS:
                return None
            return _agent_phrase(obj)[0] if obj.pos_ in ("NOUN", "PROPN") else None
    return None


def predicate_of(token: Any) -> str:
    particle = [c.text.lower() for c in token.children if c.dep_ == "prt"]
    return " ".join([token.lemma_.lower(), *particle])


def governor(token: Any) -> str | None:
    """The predicate a phrase attaches to: the nearest verb above it (bounded climb), or the
    verb a noun above it names ("a derailment on Wednesday" dates "derail", as "derailed on
    Tuesday" does, not the verb the derailment is the subject of)."""
    for _ in range(6):
        if token.pos_ == "VERB":
            return predicate_of(token)
        if token.pos_ == "NOUN" and (verb := nominalised(token.lemma_.lower())) is not None:
            return verb
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def nominalised(noun: str) -> str | None:
    """The verb a noun in "-ment" or "-ation" names ("derailment": "derail", "evacuation":
    "evacuate"), where WordNet has that verb and the noun's first sense is an act, event or
    process (not "government", "station"); else None. Other endings change the stem too much
    ("collision", "closure") to read without a derivation table."""
    if not wordnet.names_a_happening(noun):
        return None
    if noun.endswith("ment"):
        stems = [noun[: -len("ment")]]
    elif noun.endswith("ation"):
        stems = [noun[: -len("ion")] + "e", noun[: -len("ation")]]  # "evacuate", "inform"
    else:
        return None
    verbs = wordnet.index("verb")
    return next((v for v in stems if len(v) > 2 and v in verbs), None)


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


# "The agency said it had opened an inquiry": the "it" (or "they") of a clause an organisation
# reports is that organisation, so the actor checks compare the agency, not "it". Only where
# nothing else can be meant: a verb of saying (not "told X it must", not an outlet's "reported"),
# a reported verb with an object, no other name in the sentence or the one before, no question.
_REPORTING = frozenset({"say", "announce", "state", "confirm", "insist", "add"})


def _reporter_for(verb: Any, agent: Any) -> Any:
    """The reporting subject an "it"/"they" subject of a reported clause stands for, else the
    agent as found: "it" for a singular noun, "they" for a plural one, never for a person's
    "he"/"she" (whose gender the parse does not know) or another pronoun."""
    if agent.lower_ not in ("it", "they") or verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return agent
    head, sent = verb.head, verb.sent
    if head.lemma_.lower() not in _REPORTING or sent.text.rstrip().endswith("?"):
        return agent
    if not any(c.dep_ == "dobj" for c in verb.children):
        return agent  # "the council said it would reopen in May": the centre, maybe
    subj = _subject(head)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.ent_type_ == "PERSON":
        return agent
    before = sent.doc[max(0, sent.start - 1)].sent if sent.start > 0 else None
    own = _span_of(subj)
    rivals = [  # named subjects that are no person, or an organisation before the pronoun
        t
        for t in (*(before or ()), *sent)
        if t.pos_ == "PROPN"
        and t.i not in own
        and t.ent_type_ in ("ORG", "")
        and (t.dep_ in ("nsubj", "nsubjpass") or (t.ent_type_ == "ORG" and t.i < agent.i))
    ]
    if rivals:
        return agent  # "once the Ostler Trust bought the mill, it would restore the wheel"
    plural = subj.tag_ in ("NNS", "NNPS")
    return subj if plural == (agent.lower_ == "they") else agent


def _span_of(token: Any) -> set[int]:
    """Token indexes of the name or noun phrase `token` heads ("State Environmental Protection
    Agency")."""
    return {t.i for t in token.subtree}


def roles(sent: Any) -> tuple[Role, ...]:
    out: list[Role] = []
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        predicate = predicate_of(tok)
        agent_tok = find_agent(tok)
        recipient = _recipient(tok)
        if agent_tok is not None:
            agent_tok = _reporter_for(tok, agent_tok)
        if recipient is not None and agent_tok is not None:
            agent_tok = _relative_head(tok, agent_tok)
        agent, label = _agent_phrase(agent_tok) if agent_tok is not None else (None, None)
        negated = denied(tok)
        names = _names_within(agent_tok) if agent_tok is not None else ()
        patient, direct = _patient(tok)
        out.append(
            Role(
                predicate, agent, label, patient, negated, names, direct, unasserted(tok),
                tense(tok), any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children),
                recipient,
            )
        )  # fmt: skip
    return tuple(out)
