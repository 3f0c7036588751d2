"""Frozen records that pass between pipeline stages.

Every offset (`start`, `end`) is a character offset into `Article.text`, the cleaned text, so a
citation can always be traced back to the exact span a reader sees in the Sources section.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal

# Han ideographs and Japanese kana (Hangul is spaced into words like Latin script).
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_PUNCTUATION = re.compile(
    r"[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
)

FactStatus = Literal["confirmed", "single_source", "disputed"]
QuoteRelation = Literal["verbatim", "trimmed", "edited", "paraphrased", "altered"]
VerdictLabel = Literal["supported", "contradicted", "unverified"]


@dataclass(frozen=True)
class Removed:
    """Text the cleaner took out, with the rule that matched, so the cleaning can be audited."""

    text: str
    reason: str


@dataclass(frozen=True)
class InputProblem:
    """A file (or record inside a file) that could not be used, and why. Never fatal for a batch."""

    path: str
    problem: str
    record: int | None = None  # line/record number inside JSONL or JSON arrays

    def __str__(self) -> str:
        where = f"{self.path}:{self.record}" if self.record is not None else self.path
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class Article:
    """One outlet's version of the story.

    `raw_text` is what ingest produced (for plain text, the body after the headline/dek lines);
    `text` is the cleaned body that every later offset refers to.
    """

    id: str
    path: str
    text: str
    raw_text: str = ""
    title: str | None = None
    dek: str | None = None
    source: str | None = None  # outlet or site name
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as given
    language: str | None = None
    removed: tuple[Removed, ...] = ()
    format: str = "txt"

    @property
    def words(self) -> int:
        """Words separated by spaces; in Chinese and Japanese, which do not space their words,
        each ideograph or kana counts as one (a 500-character report is not "1 word")."""
        cjk = len(_CJK.findall(self.text))
        if not cjk:
            return len(self.text.split())
        return cjk + len(_CJK_PUNCTUATION.sub(" ", _CJK.sub(" ", self.text)).split())

    @property
    def label(self) -> str:
        """Short human name used in briefs: the outlet when known, else the article id. An
        archived article's id is its store number, which reads as a footnote ("[3]"): its file
        name, with the number, says more ("03_velsund_posten #3")."""
        if self.source:
            return self.source
        if self.id.isdigit() and self.path:
            stem = PurePosixPath(self.path.replace("\\", "/").rstrip("/")).stem
            if stem:
                return f"{stem} #{self.id}"
        return self.id


def display_names(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> the name a reader sees (Article.label); the id is added when two articles
    share an outlet. Briefs and draft checks name sources the same way."""
    articles = tuple(articles)
    counts = Counter(a.label for a in articles)
    return {a.id: a.label if counts[a.label] == 1 else f"{a.label} ({a.id})" for a in articles}


@dataclass(frozen=True)
class Entity:
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, DATE, CARDINAL, ...
    start: int
    end: int
    governor: str | None = (
        None  # predicate the entity attaches to ("close" for "closed on Tuesday")
    )


@dataclass(frozen=True)
class Role:
    """A predicate with the participants the parser found for it.

    `agent` is the grammatical subject, inherited from the governing clause when the verb has none
    of its own ("..., while building up forces" -> the subject of the main clause). These triples
    are what lets the structured verifier say *who* does *what* differs between two sources.
    """

    predicate: str  # lemma, with particle ("build up")
    agent: str | None  # normalised head text of the subject phrase
    agent_label: str | None  # entity label of the agent, when it is a named entity
    patient: str | None  # head lemma of the direct object / prepositional object
    negated: bool = False
    # Every name inside the subject phrase: "Minnesota Vikings running back Adrian Peterson"
    # gives both, though the parser may make either the head.
    agent_names: tuple[str, ...] = ()
    # The patient is the verb's direct object ("Merkel credited Jacobs"), or the subject of a
    # passive whose doer is named ("Jacobs was credited by Merkel"), not a prepositional object
    # or a clause's subject: only then does exchanging it with the agent reverse who did what
    # to whom.
    direct: bool = False
    # The verb is a condition ("if the subsidies are not repealed") or only wished, asked or
    # tried for ("pressed Yanukovych to sign"): neither said to happen nor denied, so no
    # negation conflict can rest on it.
    unasserted: bool = False
    # "done" (built, has built, was built) or "planned" (will build, plans to build, is set to
    # build), None for neither (nlp.tense): a plan retold as done is a dispute.
    tense: str | None = None
    # A passive ("the plant was closed"): without a named doer, `agent` is what was acted on.
    passive: bool = False
    # To whom, beside a direct object: "reported the attack to the police" (in `agent`'s form),
    # so a retelling that makes the police the reporter reverses who did what to whom.
    recipient: str | None = None


@dataclass(frozen=True)
class Quantity:
    """A number in a claim with the noun it counts, so "14 people" can meet "41 people"."""

    value: float
    unit: str  # lemma of the counted noun ("people", "percent", "member"); "" if none found
    text: str
    ordinal: bool = False


@dataclass(frozen=True)
class Claim:
    """A sentence of an article, the unit that is aligned and verified."""

    id: str  # "<article id>:<sentence index>"
    article: str
    index: int  # sentence position in the article, from 0
    start: int
    end: int
    text: str
    entities: tuple[Entity, ...] = ()
    roles: tuple[Role, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    negated: bool = False  # any negation cue in the sentence
    modal: str | None = None  # hedging modal ("may", "could", ...), if any
    is_quote: bool = False  # mostly inside quotation marks
    content_words: int = 0  # non-stopword alphabetic tokens, used to skip fragments


@dataclass(frozen=True)
class Mention:
    """Where a fact is stated: one claim's article and span."""

    article: str
    claim: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """A group of claims from different articles that state the same thing."""

    id: str
    text: str  # the representative wording (the most central mention)
    mentions: tuple[Mention, ...]
    status: FactStatus = "single_source"
    cohesion: float = 1.0  # mean pairwise similarity of the mentions
    independent_sources: int = 0  # independence groups among the sources (0: not computed)
    credited: tuple[str, ...] = ()  # outlets the mentions credit ("told CNN"), counted once
    quoted_by: str | None = None  # the speaker, when `text` is the words of a direct quotation

    @property
    def sources(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.article, None)
        return tuple(seen)


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the words inside the marks, who said them, and the cue that says so."""

    id: str  # "<article id>:q<n>"
    article: str
    text: str  # content between the quotation marks (or to the end of the paragraph if unclosed)
    start: int  # offsets of `text` in Article.text
    end: int
    speaker: str | None = None  # normalised name ("Hayashi"), None when unknown
    speaker_text: str | None = None  # as written ("Foreign Minister Yoshimasa Hayashi", "he")
    cue: str | None = None  # "told", "said", "according to", ...
    partial: bool = False  # a fragment quoted inside the reporter's own sentence
    closed: bool = True  # False when the closing mark never came
    speaker_start: int | None = None  # offsets of `speaker_text` as written at the cue ("he")
    speaker_end: int | None = None
    # A quotation interrupted by its attribution ("We will not reopen," Pike said, "until ...")
    # is one quotation in several pieces: their offsets, in order. `text` is then the pieces
    # joined, and start/end run from the first piece to the last, the attribution included.
    parts: tuple[tuple[int, int], ...] = ()

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The quoted pieces' offsets; one piece for an uninterrupted quotation."""
        return self.parts or ((self.start, self.end),)


@dataclass(frozen=True)
class QuoteVariant:
    """One outlet's wording of a quotation, compared with the group's canonical wording."""

    quote: str  # Quote.id
    article: str
    text: str
    relation: QuoteRelation
    similarity: float  # 0..1, meaning-level similarity to the canonical wording
    diff: tuple[
        tuple[str, str], ...
    ] = ()  # word-level ops: ("=", "same words"), ("-", ...), ("+", ...)
    start: int | None = None  # offsets of `text` in its article's Article.text
    end: int | None = None
    reason: str = ""  # the measured signals the relation follows from, in words
    # Who this outlet credits, normalised like QuoteGroup.speaker: it can differ from the
    # group's ("NATO spokesperson" in one outlet, "Appathurai" in another).
    speaker: str | None = None
    parts: tuple[tuple[int, int], ...] = ()  # Quote.parts: the pieces when it was interrupted


@dataclass(frozen=True)
class OtherCredit:
    """The same words as a QuoteGroup's, which other outlets credit to someone else."""

    group: str  # the QuoteGroup that credits them to that person
    speaker: str  # that person, as the group names them (speaker_name, else speaker)
    articles: tuple[str, ...]  # the outlets that credit them so
    quotes: tuple[tuple[str, str], ...]  # (this group's Quote.id, the other's) that match


@dataclass(frozen=True)
class QuoteGroup:
    """The same quotation as reported by several outlets."""

    id: str
    speaker: str | None
    canonical: str  # best-attested wording
    canonical_quote: str  # Quote.id of that wording
    variants: tuple[QuoteVariant, ...]
    # The fullest name the outlets give the speaker, titles dropped ("Yoshimasa Hayashi" for the
    # speaker "Hayashi"); `speaker` stays the key quotations are grouped by.
    speaker_name: str | None = None
    # Other groups whose wording is these same words, credited to another named person: who
    # said them is in dispute (quotes.credit).
    credited_elsewhere: tuple[OtherCredit, ...] = ()


@dataclass(frozen=True)
class Derivation:
    """Evidence that one article derives from another ("target" rewrote "source")."""

    source: str  # article id of the origin (or one end, when undirected)
    target: str
    score: float  # 0..1 strength of derivation
    directed: bool  # False when the evidence cannot tell which came first
    evidence: tuple[str, ...]  # human-readable reasons, strongest first
    features: tuple[tuple[str, float], ...] = ()  # the raw signals, for audit and tuning


@dataclass(frozen=True)
class Side:
    article: str
    claim: str
    text: str


@dataclass(frozen=True)
class Dispute:
    """Two statements from different sources that cannot both be true, with the reason in words."""

    a: Side
    b: Side
    kind: (
        str  # "actor" | "number" | "date" | "place" | "negation" | "modality" | "speaker" | "model"
    )
    reason: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Verdict:
    """A verifier's judgement of a claim against a document. Always carries its evidence."""

    label: VerdictLabel
    support: float
    contradiction: float
    evidence: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    # A structured check (actor, number, date, negation, place, certainty) found a conflict and
    # says who says what, or a judge cited the document for one; False for a model's score alone.
    explained: bool = False


@dataclass(frozen=True)
class SummarySentence:
    text: str
    cites: tuple[str, ...]
    fact: str
    claim: str
    contested_by: tuple[str, ...] = ()  # articles whose version of this fact conflicts with it


@dataclass(frozen=True)
class Brief:
    """The product: what sources confirm, what one outlet alone says, where they disagree."""

    articles: tuple[Article, ...]
    facts: tuple[Fact, ...]
    disputes: tuple[Dispute, ...]
    summary: tuple[SummarySentence, ...]
    problems: tuple[InputProblem, ...] = ()
    claims: tuple[Claim, ...] = field(default=(), repr=False)
    quotes: tuple[QuoteGroup, ...] = ()
    derivations: tuple[Derivation, ...] = ()
    groups: tuple[tuple[str, ...], ...] = ()  # independence groups of article ids

    def group_of(self, article_id: str) -> int | None:
        for i, group in enumerate(self.groups):
            if article_id in group:
                return i
        return None

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def facts_with(self, status: FactStatus) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.status == status)
