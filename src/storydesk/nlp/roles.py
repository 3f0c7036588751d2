"""Who does what in a parsed sentence: agents, patients, receivers, and the predicate a phrase
hangs on. Whether a verb is denied, hedged or asserted at all is nlp.assertion's. Reads spaCy
tokens; claims.py turns the result into records.
"""

from __future__ import annotations

from typing import Any

from ..model import Role
from . import wordnet
from .assertion import denied, unasserted
from .tense import tense

# A pronoun agent or patient is recorded as unknown: who "he" is is the pronoun reader's job
# (verify/pronouns.py), not something to compare as written.
PRONOUN_POS = frozenset({"PRON"})
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "pcomp", "prep", "conj", "dobj", "pobj"})


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
    if noun.endswith("ment"):
        stems = [noun[: -len("ment")]]
    elif noun.endswith("ation"):
        stems = [noun[: -len("ion")] + "e", noun[: -len("ation")]]  # "evacuate", "inform"
    else:
        return None  # before the WordNet lookup: most nouns on a date's climb end otherwise
    if not wordnet.names_a_happening(noun):
        return None
    verbs = wordnet.index("verb")
    return next((v for v in stems if len(v) > 2 and v in verbs), None)


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
