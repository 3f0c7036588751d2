"""Who said a quotation: the cue ("told", "according to"), its subject, and that subject resolved
to a normalised speaker ("Foreign Minister Yoshimasa Hayashi" and "he" both become "Hayashi").

Mentions (people, roles, organisations outside quotation marks) are what pronouns and definite
roles ("the minister") resolve to; normalisation keeps one name per person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .diff import _wordset

SPEECH_LEMMAS = _wordset(
    "say tell add state stress note explain argue insist claim declare write tweet ask reply "
    "respond continue recall emphasize emphasise warn announce acknowledge admit comment remark "
    "suggest articulate underline conclude contend maintain observe predict promise vow pledge "
    "joke quip complain urge describe report confirm deny testify recount posit shout yell "
    "exclaim whisper concede assert mention caution counter agree reiterate boast lament"
)
# Forms accepted even when the tagger gets the part of speech wrong ("said" as an adjective).
SPEECH_FORMS = _wordset("said says told tells added adds stated wrote asked noted")
ROLE_NOUNS = _wordset(
    "spokesperson spokesman spokeswoman minister president secretary official officer executive "
    "chief director mayor governor senator representative lawmaker chairman chairwoman chair "
    "leader adviser advisor aide source analyst expert engineer driver ambassador general "
    "commander prosecutor judge lawyer attorney candidate nominee manager founder professor "
    "researcher economist resident witness head member premier chancellor strategist "
    "spokespeople officials sources experts analysts residents campaign agency authority "
    "organiser organizer councillor councilor"
)
_GENERIC = frozenset({"source", "official", "spokesperson", "spokesman", "spokeswoman"})
TITLES = _wordset(
    "mr mrs ms miss dr prof president minister secretary senator sen rep gov governor mayor sir "
    "lord lady gen general judge justice foreign prime chief"
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
_PERSONAL = frozenset({"he", "she", "him", "her"})
PRONOUNS = _PERSONAL | {"they", "them", "it"}
# Outside quotation marks "you" is the reader, never a speaker ("You can read the letter below:
# ..."). "I" and "we" stay: a columnist or the outlet does speak in its own articles.
READER = frozenset({"you"})
_NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
_DEFINITE = frozenset({"the", "this", "that"})
ROLE_PREPS = frozenset({"of", "for", "at"})  # "spokesperson for NATO": the role's complement
_ROLE_MAX_WORDS = 7  # a longer complement is a clause about the role, not its name


@dataclass(frozen=True)
class Attribution:
    speaker: str | None  # normalised ("Hayashi", "NATO spokesperson"), None when unresolved
    speaker_text: str | None  # as written at the cue ("he", "Foreign Minister Yoshimasa Hayashi")
    start: int | None  # offsets of speaker_text in the article
    end: int | None
    cue: str | None
    names: frozenset[str] = frozenset()  # all name words of the resolved person
    antecedent: str | None = None  # the resolved person as first named ("James Appathurai")


@dataclass(frozen=True)
class Mention:
    """A person, role or organisation mentioned outside quotation marks: pronoun antecedents."""

    start: int
    end: int
    text: str
    norm: str
    kind: str  # "person" | "role" | "org"
    subject: bool
    sent: int  # article offset of its sentence, to find the nearest sentence with a candidate
    names: frozenset[str]
    titles: frozenset[str]
    head: str
    speech: bool  # subject of a speech verb


_HYPHENS = frozenset("-‐‑")


def person_norm(words: list[str]) -> tuple[str, frozenset[str]]:
    """Surname-ish last word without titles, suffixes or possessive 's, and all name words. A
    hyphenated name is one word: the tokens of "Moon Jae-in" give "Jae-in", not "in"."""
    joined: list[str] = []
    for w in words:
        if joined and (w in _HYPHENS or joined[-1][-1:] in _HYPHENS):
            joined[-1] += w
        else:
            joined.append(w)
    words = joined
    kept = []
    for k, w in enumerate(words):
        w = w.removesuffix("'s").removesuffix("’s")
        bare = w.strip(".,").lower()
        # A title stands before a name or another title: last, it is the name ("Ravi Sen",
        # not "Sen. Warren"; "Prime Minister" gives "Minister").
        title = bare in TITLES and any(_name_word(x) for x in words[k + 1 :])
        if bare and not title and bare not in _SUFFIXES and any(c.isalpha() for c in w):
            kept.append(w.strip(".,"))
    if not kept:
        kept = [words[-1].strip(".,")] if words else [""]
    return kept[-1], frozenset(w.lower() for w in kept)


def _name_word(word: str) -> bool:
    """A word a title may stand before: a name or another title, not a suffix ("Jr.")."""
    bare = word.strip(".,").lower()
    return bare not in _SUFFIXES and any(c.isalpha() for c in word)


def _ent_of(token: Any) -> Any:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


_ORG_WORDS = _wordset(
    "authority council ministry department union party committee inc corp company agency office "
    "association house court police university times post news network group bank commission "
    "government administration campaign foundation institute center centre service "
    "herald radio echo courier gazette tribune journal chronicle press wire tv television "
    "magazine telegraph hospital school college clinic"
)
# "St Jude's", "St Mary's": a hospital, school or church named for a saint, not a person.
_SAINT = _wordset("st st. saint")


def _name_chain(token: Any) -> Any:
    """The proper-noun compound ending at `token` ("Callum Brisk")."""
    doc, i = token.doc, token.i
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].dep_ == "compound":
        i -= 1
    return doc[i : token.i + 1]


def _personish(token: Any) -> bool:
    """A proper-noun subject the small NER model missed or called an ORG ("Nadia Ferrant"):
    Title-case words, none of them an organisation word, not a place or nationality."""
    if token.pos_ != "PROPN" or token.ent_type_ in ("GPE", "NORP", "LOC", "FAC", "DATE"):
        return False
    chain = _name_chain(token)
    if chain[0].lower_ in _SAINT:
        return False
    return all(
        t.text[:1].isupper() and not t.text.isupper() and t.lower_ not in _ORG_WORDS for t in chain
    )


def _person_of(token: Any) -> Any:
    """The person naming this subject: itself, or in apposition ("the chief, Rusk")."""
    rels = [token, *(c for c in token.children if c.dep_ == "appos")]
    if token.dep_ == "appos":
        rels.append(token.head)
    for t in rels:
        ent = _ent_of(t)
        if ent is not None and ent.label_ == "PERSON":
            return ent
    for t in rels:
        if t.dep_ in (*_SUBJ, "appos") and _personish(t):
            return _name_chain(t)
    return None


def _title_start(ent: Any) -> int:
    """Index where the titles before a name begin ("Foreign Minister Yoshimasa Hayashi")."""
    doc, i = ent.doc, ent.start
    while i > 0 and doc[i - 1].dep_ in ("compound", "amod") and i <= doc[i - 1].head.i < ent.end:
        i -= 1
    return int(i)


def _speech(token: Any) -> bool:
    lemma = token.lemma_.lower()
    verbal = token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT"  # "posit" tagged a noun
    return bool((lemma in SPEECH_LEMMAS and verbal) or token.lower_ in SPEECH_FORMS)


def _role_words(token: Any) -> list[Any]:
    """The role phrase of a noun subject, determiners and possessive pronouns left out, with a
    short of/for/at complement right after it: "writers of the article", "spokesperson for the
    ministry" (a bare "writers" or "spokesperson" says nothing about whose)."""
    phrase = list(token.doc[token.left_edge.i : token.i + 1])
    while phrase and (phrase[0].pos_ in ("DET", "PRON") or phrase[0].tag_ == "PRP$"):
        phrase = phrase[1:]
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.head.i == token.i and nxt.lower_ in ROLE_PREPS:
        tail = list(token.doc[nxt.i : nxt.right_edge.i + 1])
        if len(phrase) + len(tail) <= _ROLE_MAX_WORDS:
            phrase += tail
    return [t for t in phrase if not t.is_punct] or [token]


def _mention(off: int, ent_or_tok: Any, kind: str, root: Any) -> Mention:
    if kind == "person":
        first = _title_start(ent_or_tok)
        words = [t.text for t in ent_or_tok]
        titles = {t.lemma_.lower() for t in root.doc[first : ent_or_tok.start]}
        # The role in apposition either way: "Tom Hale, the deputy leader," and "the deputy
        # leader, Tom Hale," (spaCy makes new Token objects on each access: compare indexes).
        apposed = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos" and root.head.i != root.i:
            apposed.append(root.head)
        for rel in apposed:
            titles |= {t.lemma_.lower() for t in rel.subtree if t.is_alpha}
        norm, names = person_norm(words)
        start, end, text = ent_or_tok.start_char, ent_or_tok.end_char, ent_or_tok.text
    else:
        words_ = _role_words(root) if kind == "role" else list(ent_or_tok)
        text = " ".join(t.text for t in words_)
        norm = text.removeprefix("the ").removeprefix("The ")
        names, titles = frozenset({norm.lower()}), set()
        start, end = words_[0].idx, words_[-1].idx + len(words_[-1])
    subject = root.dep_ in _SUBJ or (root.dep_ == "appos" and root.head.dep_ in _SUBJ)
    verb = root.head if root.dep_ in _SUBJ else root.head.head
    return Mention(
        off + start, off + end, text, norm, kind, subject, off + root.sent.start_char,
        names, frozenset(titles), root.lemma_.lower(), subject and _speech(verb),
    )  # fmt: skip


def paragraph_mentions(off: int, doc: Any) -> list[Mention]:
    out = []
    in_person: set[int] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent[0].lower_ not in _SAINT:
            out.append(_mention(off, ent, "person", ent.root))
            in_person.update(range(ent.start, ent.end))
        elif ent.label_ in _ORG_LABELS and ent.root.dep_ in _SUBJ:
            out.append(_mention(off, ent, "org", ent.root))
    for tok in doc:
        if tok.dep_ not in _SUBJ or tok.i in in_person:
            continue
        if _personish(tok):
            out.append(_mention(off, _name_chain(tok), "person", tok))
        elif tok.lemma_.lower() in ROLE_NOUNS and _ent_of(tok) is None:
            person = _person_of(tok)
            if person is None:
                out.append(_mention(off, tok, "role", tok))
            elif not in_person & set(range(person.start, person.end)):
                # "St Jude's chief medical officer Amara Osei", the name tagged an ORG.
                out.append(_mention(off, person, "person", person.root))
    return sorted(out, key=lambda m: m.start)


_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "lady": "f"}


_TITLE_BEFORE = re.compile(r"\b(mr|mrs|ms|miss|sir|lady)\.?\s+(?:[A-Z][\w'’-]*\s+)?$", re.I)


def _genders(parse: ArticleParse) -> dict[str, str]:
    """See ArticleParse.genders. A title counts only right before the name ("Mrs Whitlock",
    not the "Mrs" of another person in the apposition); a pronoun only in a sentence with no
    other person, role, organisation or noun subject it could be ("the driver ... his phone")."""
    found: dict[str, set[str]] = {}
    people = [m for m in parse.mentions if m.kind == "person"]
    for m in people:
        title = _TITLE_BEFORE.search(parse.text[max(0, m.start - 24) : m.start])
        if title:
            found.setdefault(m.norm, set()).add(_TITLE_GENDER[title.group(1).lower()])
    by_sentence: dict[int, list[Mention]] = {}
    for m in parse.mentions:
        by_sentence.setdefault(m.sent, []).append(m)
    for off, doc in parse.paras:
        for sent in doc.sents:
            here = by_sentence.get(off + sent.start_char, [])
            subjects = [  # "the man had lost his keys" (not "her staff": hers)
                t
                for t in sent
                if t.dep_ in _SUBJ
                and t.pos_ in ("NOUN", "PROPN")
                and not any(c.tag_ == "PRP$" for c in t.children)
                and not parse.inside_quote(off + t.idx)
            ]
            persons = [m for m in here if m.kind == "person"]
            others = [  # a role or an organisation; not the ORG tag of the person's own name
                m for m in here if m.kind != "person" and not any(
                    p.start <= m.start < p.end for p in persons
                )
            ]  # fmt: skip
            named = {m.norm for m in persons}
            if len(named) != 1 or others:
                continue
            if any(not any(m.start <= off + t.idx < m.end for m in here) for t in subjects):
                continue
            said = {
                _GENDER[t.lower_]
                for t in sent
                if t.lower_ in _GENDER and not parse.inside_quote(off + t.idx)
            }
            found.setdefault(named.pop(), set()).update(said)
    return {norm: next(iter(g)) for norm, g in found.items() if len(g) == 1}


@dataclass
class ArticleParse:
    """One article's parsed paragraphs (offset, spaCy Doc) and its quotation spans."""

    text: str
    paras: list[tuple[int, Any]] = field(default_factory=list)
    quote_spans: list[tuple[int, int]] = field(default_factory=list)
    _mentions: list[Mention] | None = None
    _genders: dict[str, str] | None = None

    def locate(self, pos: int) -> tuple[int, Any] | None:
        for off, doc in self.paras:
            if off <= pos <= off + len(doc.text):
                return off, doc
        return None

    def inside_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quote_spans)

    @property
    def mentions(self) -> list[Mention]:
        if self._mentions is None:
            found = [m for off, doc in self.paras for m in paragraph_mentions(off, doc)]
            # A title given once ("Foreign Minister Yoshimasa Hayashi") holds for later "Hayashi".
            titles: dict[str, set[str]] = {}
            for m in found:
                titles.setdefault(m.norm, set()).update(m.titles)
            self._mentions = [
                Mention(**{**m.__dict__, "titles": frozenset(titles[m.norm])}) for m in found
            ]
        return self._mentions

    @property
    def genders(self) -> dict[str, str]:
        """Person (norm) -> "m" or "f", where the article says: a title ("Mr", "Ms") or the
        he/his or she/her of a sentence naming that person alone as its subject ("Osei said
        her staff ..."). Unknown, or said both ways, is left out."""
        if self._genders is None:
            self._genders = _genders(self)
        return self._genders

    def titles_of(self, norm: str) -> frozenset[str]:
        """Title and apposition words this article gives the person normalised as `norm`."""
        return next(
            (m.titles for m in self.mentions if m.kind == "person" and m.norm == norm),
            frozenset(),
        )

    def before(self, pos: int) -> list[Mention]:
        return [m for m in self.mentions if m.end <= pos and not self.inside_quote(m.start)]

    def resolve(self, pos: int, pronoun: str) -> Mention | None:
        """Nearest fitting antecedent: the closest sentence with a candidate, its subject first."""
        if pronoun == "it":
            return self._resolve_it(pos)
        # "someone": the nearest person or role, whatever the gender (a quotation with no cue).
        personal = pronoun in _PERSONAL or pronoun == "someone"
        kinds = {"person", "role"} if personal else {"person", "role", "org"}
        cands = [m for m in self.before(pos) if m.kind in kinds]
        if pronoun in _GENDER:
            genders = self.genders
            cands = [m for m in cands if genders.get(m.norm) in (None, _GENDER[pronoun])]
        if not cands:
            return None
        latest = max(m.sent for m in cands)
        in_sent = [m for m in cands if m.sent == latest]
        return ([m for m in in_sent if m.subject] or in_sent)[-1]

    def _resolve_it(self, pos: int) -> Mention | None:
        """ "It said in a statement": the organisation named as the subject of this sentence
        (before "it") or the one before, when it is the only name there (outside quotation
        marks); else no one. "The Gazette asked Acme for comment. '...,' it said" names two,
        and the one that speaks is the object: a wrong organisation is worse than an unknown
        speaker (a draft crediting the right one would read as misattributed)."""
        sents = [(off, s) for off, doc in self.paras for s in doc.sents]
        here = max((k for k, (off, s) in enumerate(sents) if off + s.start_char <= pos), default=-1)
        named: list[tuple[int, Any]] = []  # (article offset, entity or lone proper noun)
        for off, sent in sents[max(0, here - 1) : here + 1] if here >= 0 else ():
            inside: set[int] = set()
            for ent in sent.ents:
                if ent.label_ in _NAMED_LABELS:
                    named.append((off + ent.start_char, ent))
                inside.update(range(ent.start, ent.end))
            named += [(off + t.idx, t) for t in sent if t.pos_ == "PROPN" and t.i not in inside]
        named = [(at, x) for at, x in named if at < pos and not self.inside_quote(at)]
        if len(named) != 1:
            return None
        at, ent = named[0]
        if getattr(ent, "label_", "") != "ORG" or ent.root.dep_ not in _SUBJ:
            return None
        return _mention(at - ent.start_char, ent, "org", ent.root)

    def resolve_definite(self, pos: int, noun: str) -> Mention | None:
        """ "the minister" -> the last person titled minister; "the source" -> the last speaker."""
        for m in reversed(self.before(pos)):
            if m.kind == "person" and noun in m.titles:
                return m
            if m.kind == "role" and m.head == noun:
                return m
            if noun in _GENERIC and m.speech:
                return m
        return None
