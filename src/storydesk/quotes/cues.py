"""Cue rules: where a quotation's attribution is, and the speaker its subject names.

The rules, in the order tried, mirror how news attributes speech: an attribution right after the
quotation (`"...," he said`), a speech verb the quotation hangs from (`He added that they are
"engaging..."`), one before it in the same sentence (`Rusk told reporters: "..."`), then the
previous quotation's speaker (split and multi-paragraph quotations), then the nearest person
mentioned before a stand-alone quotation. A fragment tries the sentence it sits in first.

Punctuation names a cue the speech-verb list misses: a colon before the opening mark hands the
quotation to its sentence's subject (`Clinton has since apologized: "..."`, `Smith was blunt:
"..."`) or, where only a name stands before it on the line, to the person the article gives
that name (`Osei: "..."`; an interview's `Q:` and `A:` give an unknown speaker, not the last
one named), and a short clause ending the sentence after a quotation closed on a comma is how
it was said (`"...," an angry Hollande retaliated.`). A fragment under a verb that
characterises a claim ("called it", "rejected as") has no speaker. Where the parser gives a cue
verb no subject outside the quotation, the name or noun phrase right after it (`"...," said the
woman, who ...`) speaks. A medium is not a speaker: in "she released a statement saying" she
is.
"""

from __future__ import annotations

import re
from typing import Any

from ..nlp.roles import find_agent
from .labels import LABEL_CUE, line_label
from .speakers import (
    _DEFINITE,
    _ORG_LABELS,
    PRONOUNS,
    READER,
    ROLE_NOUNS,
    ArticleParse,
    Attribution,
    _ent_of,
    _person_of,
    _role_words,
    _speech,
    _title_start,
    person_norm,
)

_MAX_TRAILING_TOKENS = 20
_MAX_MANNER_TOKENS = 8  # '"...," an angry Hollande retaliated.': a short clause after the quote
_MAX_CLIMB = 8
_MAX_GAP_WORDS = 12  # reporter words allowed between a quotation and the one it continues
# `"..." ― Karen Bobadilla`: a name after a dash right behind the closing mark (readers' voices,
# social posts, epigraphs). Up to four capitalised words on the quotation's line.
_DASH_CREDIT = re.compile(
    r"[\"”’»]?[ \t]*(?:[―—–]|--?)[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
)
_CREDIT_LINE = re.compile(
    r"[\"”’»]?[ \t]*\n(?:[ \t]*\n)?[ \t]*(?:[―—–]|--?)[ \t]*"
    r"([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})[ \t]*\.?[ \t]*(?:\n|$)"
)


# A quotation's medium rather than its speaker: "she released a statement saying", "the RNC
# emailed an article reporting that". Whoever issued it speaks.
_MEDIA = frozenset(
    {"statement", "release", "message", "letter", "email", "e-mail", "memo", "note", "post",
     "tweet", "report", "article", "ad", "advertisement", "video", "filing", "notice"}
)  # fmt: skip


def _issuer(tok: Any) -> Any:
    """Who issued a medium: the subject of the verb a medium noun is the object of ("she" of
    "she released a statement"), or the one it is from ("a statement from St Jude's
    Hospital", "the council's statement", "a hospital statement"); else the noun itself."""
    if tok.lemma_.lower() not in _MEDIA:
        return tok
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
        if child.dep_ in ("poss", "compound") and child.pos_ in ("NOUN", "PROPN"):
            return child
    if tok.dep_ in ("dobj", "pobj"):
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        agent = find_agent(verb) if verb.pos_ == "VERB" else None
        if agent is not None:
            return agent
    return tok


def _describe(parse: ArticleParse, off: int, tok: Any, cue: str) -> Attribution:
    """The speaker a cue's subject token names, resolved and normalised."""
    if tok.lower_ in ("who", "that") and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "Rusk, who told reporters ..."
    at = off + tok.idx
    if tok.lower_ in READER:
        return Attribution(None, tok.text, at, at + len(tok), cue)
    if tok.lower_ in PRONOUNS:
        m = parse.resolve(at, tok.lower_)
        names = m.names if m else frozenset()
        name = m.text if m else None
        return Attribution(m.norm if m else None, tok.text, at, at + len(tok), cue, names, name)
    person = _person_of(tok)
    if person is not None:
        words = [t.text for t in person]
        norm, names = person_norm(words)
        span = tok.doc[min(_title_start(person), person.start) : person.end]
        start = off + span.start_char
        return Attribution(norm, span.text, start, start + len(span.text), cue, names)
    ent = _ent_of(tok)
    if ent is not None and ent.label_ in _ORG_LABELS:
        norm = ent.text.removeprefix("the ").removeprefix("The ")
        start = off + ent.start_char
        return Attribution(norm, ent.text, start, start + len(ent.text), cue, frozenset())
    words = _role_words(tok)
    text = tok.doc[words[0].i : words[-1].i + 1].text
    start = off + words[0].idx
    head = tok.lemma_.lower()
    definite = tok.doc[tok.left_edge.i].lower_ in _DEFINITE
    if definite and (head in ROLE_NOUNS):
        m = parse.resolve_definite(at, head)
        if m is not None:
            return Attribution(m.norm, text, start, start + len(text), cue, m.names, m.text)
    return Attribution(text, text, start, start + len(text), cue, frozenset({text.lower()}))


def _according_to(tok: Any) -> Any:
    """The object of "according to X" / "as per X" when `tok` is "according" or "per"."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tok.lower_ == "according" and nxt is not None and nxt.lower_ == "to":
        prep = nxt
    elif tok.lower_ == "per" and tok.i > 0 and tok.nbor(-1).lower_ == "as":
        prep = tok
    else:
        return None
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if objs:
        return objs[0]
    return nxt if tok.lower_ == "per" else (prep.nbor(1) if prep.i + 1 < len(tok.doc) else None)


_NP_START = frozenset({"DET", "ADJ", "NUM", "ADV"})


def _noun_after(verb: Any) -> Any:
    """The noun phrase right after an inverted cue ("..., said the woman, who ..."): its head,
    the last word of a compound ("a former senior law enforcement official")."""
    for t in verb.doc[verb.i + 1 : verb.i + 7]:
        if t.pos_ in ("NOUN", "PROPN"):
            while t.dep_ == "compound" and t.head.i > t.i:
                t = t.head
            return t
        if t.pos_ not in _NP_START:
            return None
    return None


def _unparsed_subject(verb: Any) -> Any:
    """A cue's speaker where the parser gave the verb no subject outside the quotation: the first
    name after it ('"...," said Hayashi'), else the noun phrase right after it ('"...," said the
    woman, who ...', which the parser makes the subject of the relative clause's verb). The
    nearest name *before* such a cue was tried twice and lost more than it won (PolNeAR dev
    speaker F1 -0.001, three more wrong quotations on 200 train documents)."""
    after = [t for t in verb.doc[verb.i + 1 : verb.i + 6] if t.ent_type_ == "PERSON"]
    if after:
        return after[0]
    return _noun_after(verb)


def _titled_person(parse: ArticleParse, off: int, verb: Any) -> Any:
    """'"...," engineer Ruth Okoye said': the parser reads the title as a verb hanging from the
    cue (its clausal subject or complement) with the person as its object; that person speaks."""
    for c in verb.children:
        if c.dep_ in ("csubj", "ccomp") and c.pos_ == "VERB" and c.i < verb.i:
            if parse.inside_quote(off + c.idx):
                continue
            person = next(
                (d for d in c.children if d.dep_ == "dobj" and d.ent_type_ == "PERSON"), None
            )
            if person is not None:
                return person
    return None


def _from_cue(parse: ArticleParse, off: int, tok: Any) -> Attribution | None:
    if tok.lower_ in ("according", "per"):
        obj = _according_to(tok)
        cue = "according to" if tok.lower_ == "according" else "as per"
        return _describe(parse, off, _issuer(obj), cue) if obj is not None else None
    subj = _titled_person(parse, off, tok) or find_agent(tok)
    if subj is None or parse.inside_quote(off + subj.idx):
        subj = _unparsed_subject(tok)
    if subj is not None:
        subj = _issuer(subj)
    if subj is None or parse.inside_quote(off + subj.idx):
        return None
    return _describe(parse, off, subj, tok.lemma_.lower() if _speech(tok) else tok.lower_)


def _is_cue(tok: Any) -> bool:
    return _speech(tok) or _according_to(tok) is not None


def _tokens_between(parse: ArticleParse, start: int, end: int) -> list[tuple[int, Any]]:
    loc = parse.locate(start)
    if loc is None:
        return []
    off, doc = loc
    return [
        (off, t) for t in doc if start <= off + t.idx < end and not parse.inside_quote(off + t.idx)
    ]


def _trailing(parse: ArticleParse, end: int) -> Attribution | None:
    """`"...," he said.`: a cue after the closing mark, before the sentence or next quote ends."""
    text = parse.text
    if text[end - 1 : end] == "." and not text[end + 1 : end + 3].strip()[:1].islower():
        return None  # the quotation ended its sentence; what follows is a new one
    stop = len(text)
    for i in range(end + 1, len(text)):
        if text[i] in ".!?\n" or parse.inside_quote(i):
            stop = i
            break
    tokens = _tokens_between(parse, end, stop)[:_MAX_TRAILING_TOKENS]
    for off, tok in tokens:
        if _is_cue(tok):
            return _from_cue(parse, off, tok)
    return _manner_cue(parse, end, tokens)


def _manner_cue(parse: ArticleParse, end: int, tokens: list[tuple[int, Any]]) -> Attribution | None:
    """`"...," an angry Hollande retaliated.`: a quotation closed on a comma, question or
    exclamation mark, then a short clause ending the sentence: its verb is how the words were
    said ("retaliated", "mocked", "shot back"), whatever the verb."""
    # The comma sits outside the content (find_spans strips it); a "?" or "!" inside.
    if parse.text[end : end + 1] != "," and parse.text[end - 1 : end] not in ("?", "!"):
        return None
    if not tokens or len(tokens) > _MAX_MANNER_TOKENS:
        return None
    for off, tok in tokens:
        if tok.pos_ == "VERB" and tok.dep_ == "ROOT":
            return _from_cue(parse, off, tok)
    return None


def _dash_credit(parse: ArticleParse, end: int) -> Attribution | None:
    """`"..." ― Karen Bobadilla`: the name a dash puts right after the quotation, or on a line of
    its own under it (fact-checks: the quotation, then "- Sanders.")."""
    m = _DASH_CREDIT.match(parse.text, end) or _CREDIT_LINE.match(parse.text, end)
    if m is None:
        return None
    words = [w.rstrip(".,") for w in m.group(1).split()]
    norm, names = person_norm(words)
    at = m.start(1)
    return Attribution(norm, m.group(1), at, at + len(m.group(1)), "\u2015", names)


def _leading(parse: ArticleParse, start: int) -> Attribution | None:
    """`Rusk told reporters: "..."`: the cue nearest before the opening mark, same sentence."""
    text, i = parse.text, start - 1
    while i > 0 and text[i - 1] != "\n":
        if text[i - 1] in ".!?" and text[i].isspace() and not parse.inside_quote(i - 1):
            break
        i -= 1
    tokens = _tokens_between(parse, i, start - 1)
    for off, tok in reversed(tokens):
        if _is_cue(tok):
            return _from_cue(parse, off, tok)
    if text[:start].rstrip(" \t\"“‘'").endswith(":"):
        label = line_label(parse, start)
        if label is not None:
            return label
        # `Clinton has since apologized for what happened: "..."`, `Smith was blunt: "..."`: a
        # colon hands the sentence's subject the quotation, whatever its verb. The parser may
        # hang that verb from the quotation's ("apologized" a ccomp), so the first verb whose
        # head lies outside counts.
        here = {tok.i for _, tok in tokens}
        for off, tok in tokens:
            verbal = tok.pos_ == "VERB" or (tok.pos_ == "AUX" and _someone_is(tok))
            if verbal and (tok.dep_ == "ROOT" or tok.head.i not in here):
                return _from_cue(parse, off, tok)
    return None


def _someone_is(copula: Any) -> bool:
    """ "Smith was blunt:", "the council is clear:" (someone who can speak), not "the sign is
    blunt:", "her advice is simple:" or "the question now is:"."""
    subj = next((c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    if subj.pos_ == "PRON":
        return subj.lower_ not in ("it", "this", "that", "which", "what")
    return (
        subj.ent_type_ in ("PERSON", *_ORG_LABELS)
        or _person_of(subj) is not None
        or subj.lemma_.lower() in ROLE_NOUNS
    )


def _introduced(parse: ArticleParse, start: int) -> Attribution | None:
    """`He said:` closing one paragraph, the quotation opening the next: the cue in the last
    sentence before the colon."""
    text = parse.text
    line = text.rfind("\n", 0, start) + 1
    if text[line:start].strip(" \t\"“‘'"):
        return None  # reporter's words before the quotation on its own line: not introduced
    colon = len(text[:line].rstrip())
    if colon == 0 or text[colon - 1] != ":":
        return None
    return _leading(parse, colon)


def _governing(parse: ArticleParse, start: int, end: int) -> Attribution | None:
    """`He added that ... are "engaging ..."`: a speech verb the quotation's words hang from."""
    loc = parse.locate(start)
    if loc is None:
        return None
    off, doc = loc
    inside = [t for t in doc if start <= off + t.idx < end]
    roots = [t for t in inside if not start <= off + t.head.idx < end]
    for tok in roots[:1]:
        for _ in range(_MAX_CLIMB):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if start <= off + tok.idx < end:
                continue
            if _characterises(tok) and find_agent(tok) is not None:
                # Someone's words about it, not the speech verb's further up: no speaker.
                return Attribution(None, tok.text, off + tok.idx, off + tok.idx, CHARACTERISED)
            if _is_cue(tok):
                return _from_cue(parse, off, tok)
    return None


# Verbs by which someone characterises a claim or a person: "a claim Osei rejected as "simply
# not true"", "Osei called that "a lie"". Met on the way up from a quotation, they end the climb:
# the words are not the speech verb's further up ("..., Quill said, a claim Osei rejected as").
# Crediting their subject instead was tried: on PolNeAR such fragments are mostly the
# reporter's scare quotes (content F1 0.786 -> 0.773, speaker F1 0.741 -> 0.733).
_CHARACTERISING = frozenset(
    {"call", "reject", "dismiss", "brand", "label", "term", "dub", "deride", "denounce", "slam",
     "hail", "praise", "criticise", "criticize", "condemn", "decry"}
)  # fmt: skip


CHARACTERISED = "characterised"


def _characterises(tok: Any) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() in _CHARACTERISING


def _known(who: Attribution | None) -> bool:
    return who is not None and who.speaker is not None


def _unresolved_it(who: Attribution | None) -> bool:
    """A cue whose speaker is an "it" no organisation nearby fits, or an interview's turn label
    ("Q:"): the speaker is unknown, not the nearest person named before (the fallback for
    quotations with no cue)."""
    if who is None or who.speaker is not None:
        return False
    return (who.speaker_text or "").lower() == "it" or who.cue == LABEL_CUE


def attribute(
    parse: ArticleParse,
    start: int,
    end: int,
    partial: bool,
    previous: tuple[Any, Attribution | None] | None,
) -> Attribution | None:
    """The attribution of the quotation whose content is text[start:end]."""
    if not partial:
        credit = _dash_credit(parse, end)
        if _known(credit):
            return credit
    found = {
        "trailing": lambda: _trailing(parse, end),
        "leading": lambda: _leading(parse, start),
        "governing": lambda: _governing(parse, start, end),
        "introduced": lambda: _introduced(parse, start),
    }
    # A fragment belongs to the sentence it sits in; a full quotation's attribution follows it.
    order = (
        ("governing", "leading", "trailing")
        if partial
        else ("trailing", "leading", "governing", "introduced")
    )
    for name in order:
        who: Attribution | None = found[name]()
        if who is not None and who.cue == CHARACTERISED:
            return None
        if _known(who) or _unresolved_it(who):
            return who
    if not partial and previous is not None and previous[1] is not None and _known(previous[1]):
        # Split and multi-paragraph quotations: little reporter text since the last quotation,
        # and nobody else named in it ('"..." Osei shook her head. "..."' is Osei's).
        gap, carried = parse.text[previous[0].end : start], previous[1]
        someone_else = any(  # as a sentence's subject: "She thanked Tom Pell" is still hers
            m.kind == "person" and m.subject and m.norm != carried.speaker
            for m in parse.mentions
            if previous[0].end <= m.start < start
        )
        if len(gap.split()) <= _MAX_GAP_WORDS and not someone_else:
            return carried
    if partial:
        return None
    m = parse.resolve(start, "someone")
    if m is None:
        return None
    return Attribution(m.norm, m.text, m.start, m.end, None, m.names)
