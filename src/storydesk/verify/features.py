"""Cheap, explainable features of one claim sentence against one document.

Each feature targets one way a summary hallucinates: a name or number the document never gives,
words the document never uses, no passage that says anything close, or a passage that says the
opposite (the structured checks of checks.py). They are computed on the few best evidence windows
only, so a check costs one parse of a handful of sentences, not of the whole document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from ..model import Article, Claim, Dispute
from ..nlp.acronyms import initials_in, name_initials, spelled_out
from ..nlp.claims import article_claims
from ..nlp.clock import on_24_hour_clock
from ..nlp.numbers import parse_number, spaced_thousands
from ..nlp.sentences import split_sentences
from ..nlp.wordnet import names_a_person
from ..quotes.diff import singular
from .checks import Context, normalise_name, same_name
from .checkset import DEFAULT_CHECKS, compare
from .clauses import SpanSimilarity, dispute_on_clauses
from .hedged_causes import hedged_cause
from .hedges import dropped_hedge, free_words
from .titles import post_in

# Stopwords are kept local (and small) so that novelty counts content, not function words, without
# importing spaCy's language data on the lexical path.
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those he she they we you i his her their our your my me him them us
    has have had do does did not no so than then there here what which who whom whose when where
    why how all any both each few more most other some such only own same too very can will just
    s t would should could may might must shall into over under about after before up down out
    off again further once also said says say""".split()  # noqa: SIM905 (a list of 150 words)
)
NAMED_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
FEATURE_NAMES: tuple[str, ...] = (
    "entity_coverage",
    "has_entities",
    "number_coverage",
    "has_numbers",
    "novel_unigrams",
    "novel_bigrams",
    "best_similarity",
    "best_precision",
    "check_fired",
    "negation_mismatch",
    "similar_but_missing",
)
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")

Embed = Callable[[list[str]], np.ndarray]


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content(tokens: Sequence[str]) -> list[str]:
    return [w for w in tokens if w not in STOPWORDS]


def bigrams(tokens: Sequence[str]) -> set[tuple[str, str]]:
    return set(pairwise(tokens))


_LONE_SHARES = frozenset({"half", "halves"})


def number_values(text: str) -> set[float]:
    """Digits and number words ('14', 'fourteen', '1,200') as values, so forms compare equal."""
    text = on_24_hour_clock(text)  # "10:40 pm" is the "22:40" another outlet writes
    values = {v for m in _NUMBER.findall(text) if (v := parse_number(m)) is not None}
    values |= set(spaced_thousands(text).values())
    for w in words(text):
        # A lone "half" is as often no figure ("half the story", "halves the cost") as a share,
        # and the combiner was fit when it was none.
        if w.isalpha() and w not in _LONE_SHARES and (v := parse_number(w)) is not None:
            values.add(v)
    return values


@dataclass(frozen=True)
class TextIndex:
    """The lexical side of a document: what the coverage and novelty features look up."""

    text: str
    sentences: tuple[str, ...]
    words: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[float]
    normalised: str
    # "NATO" and "the North Atlantic Treaty Organization" name one thing: the all-capital
    # words the text uses, and the initials its full names spell.
    initials: frozenset[str]
    spelled: frozenset[str]


@dataclass(frozen=True)
class DocumentIndex(TextIndex):
    """A TextIndex plus embedded windows; built once per document and reused."""

    windows: tuple[tuple[int, ...], ...]  # sentence indices of each 1- and 2-sentence window
    vectors: np.ndarray  # one L2-normalised vector per window

    def window_text(self, w: int) -> str:
        return " ".join(self.sentences[i] for i in self.windows[w])


def text_index(document: str) -> TextIndex:
    sentences = tuple(split_sentences(document)) or (document.strip(),)
    tokens = words(document)
    return TextIndex(
        text=document,
        sentences=sentences,
        words=frozenset(tokens),
        bigrams=frozenset(bigrams(content(tokens))),
        numbers=frozenset(number_values(document)),
        normalised=f" {normalise_name(document)} ",
        initials=initials_in([document]),
        spelled=spelled_out(document),
    )


def index_document(document: str, embed: Embed) -> DocumentIndex:
    lex = text_index(document)
    sentences = lex.sentences
    sent_vecs = embed(list(sentences))
    windows: list[tuple[int, ...]] = [(i,) for i in range(len(sentences))]
    vecs = [sent_vecs[i] for i in range(len(sentences))]
    # Two-sentence windows use the mean of their sentences' vectors: half the encoder cost, and
    # close to encoding the pair (USE averages token contributions in much the same way).
    for i in range(len(sentences) - 1):
        windows.append((i, i + 1))
        v = sent_vecs[i] + sent_vecs[i + 1]
        vecs.append(v / max(float(np.linalg.norm(v)), 1e-12))
    return DocumentIndex(
        text=lex.text,
        sentences=sentences,
        words=lex.words,
        bigrams=lex.bigrams,
        numbers=lex.numbers,
        normalised=lex.normalised,
        initials=lex.initials,
        spelled=lex.spelled,
        windows=tuple(windows),
        vectors=np.asarray(vecs, dtype=np.float32).reshape(len(windows), -1),
    )


@dataclass(frozen=True)
class SentenceFeatures:
    """Features of one claim sentence, with the evidence windows and the words behind them."""

    values: tuple[float, ...]
    evidence: tuple[str, ...]
    missing: tuple[str, ...]  # names and numbers of the claim the document never gives
    dispute: Dispute | None

    def named(self) -> dict[str, float]:
        return dict(zip(FEATURE_NAMES, self.values, strict=True))


def _entity_found(name: str, index: TextIndex) -> bool:
    norm = normalise_name(name)
    if not norm or f" {norm} " in index.normalised:
        return True
    bare = name.removeprefix("the ").removeprefix("The ")
    if bare in index.spelled and initials_in([bare]) == {bare}:
        return True  # "NATO" where the document writes the name out
    letters = name_initials(bare)
    if letters is not None and letters in index.initials:
        return True  # the name written out where the document abbreviates it
    parts = [w for w in norm.split() if len(w) > 2 and w not in STOPWORDS]
    if bool(parts) and all(_word_found(w, index.words) for w in parts):
        return True
    # spaCy's model takes a capitalised calling before a name into it ("Fisherman Piet
    # Ormsby" opening a sentence): the name is found if the rest, a name of two words or
    # more, is.
    first, _, rest = bare.partition(" ")
    return len(rest.split()) >= 2 and names_a_person(first.lower()) and _entity_found(rest, index)


def _word_found(word: str, found: frozenset[str]) -> bool:
    """The word, or its singular or plural: "five days" is in "a five-day strike"."""
    return word in found or word.removesuffix("s") in found or f"{word}s" in found


def coverage(claim: Claim, index: TextIndex) -> tuple[float, float, float, float, list[str]]:
    """(entity share, has entities, number share, has numbers, what is missing)."""
    names = {e.text for e in claim.entities if e.label in NAMED_LABELS}
    missing = [n for n in sorted(names) if not _entity_found(n, index)]
    ent = 1.0 - len(missing) / len(names) if names else 1.0
    nums = number_values(claim.text)
    dates = {e.text for e in claim.entities if e.label == "DATE" and not _NUMBER.search(e.text)}
    lost_nums = [n for n in sorted(nums) if n not in index.numbers]
    lost_dates = [d for d in sorted(dates) if not _entity_found(d, index)]
    total = len(nums) + len(dates)
    num = 1.0 - (len(lost_nums) + len(lost_dates)) / total if total else 1.0
    lost = [_shown(v) for v in lost_nums] + lost_dates
    return ent, float(bool(names)), num, float(bool(total)), missing + lost


def _shown(value: float) -> str:
    """A figure as a reader writes it: "1,000,000", not "1e+06"; a year as "2025", not "2,025"."""
    if value.is_integer() and 1800 <= value <= 2100:
        return str(int(value))
    return f"{value:,.12g}"


def novelty(text: str, index: TextIndex) -> tuple[float, float]:
    """Share of the claim's content words and content bigrams that the document never uses."""
    toks = content(words(text))
    if not toks:
        return 0.0, 0.0
    uni = sum(1 for w in toks if w not in index.words) / len(toks)
    grams = bigrams(toks)
    bi = sum(1 for g in grams if g not in index.bigrams) / len(grams) if grams else uni
    return uni, bi


def precision(text: str, window: str) -> float:
    toks = set(content(words(text)))
    return len(toks & set(words(window))) / len(toks) if toks else 0.0


def best_windows(
    text: str, vec: np.ndarray, index: DocumentIndex, k: int
) -> list[tuple[int, float, float]]:
    """Top k windows as (window, USE similarity, lexical precision), ranked by both: similarity
    finds paraphrases, precision keeps a window that repeats the claim's exact names first."""
    sims = index.vectors @ vec
    precs = np.array([precision(text, index.window_text(w)) for w in range(len(index.windows))])
    order = np.argsort(-(0.7 * sims + 0.3 * precs), kind="stable")[:k]
    return [(int(w), float(sims[w]), float(precs[w])) for w in order]


# An evidence sentence states the claim when it holds every content word of it (names and
# numbers included) and reads this close to it: a copy, a shortening, the passive of it.
STATES_SIMILARITY = 0.8


def _states(claim: Claim, sentence: Claim) -> bool:
    """Whether the sentence holds every content word of the claim and gives each of the claim's
    doers the same action: "Moore said the company lost money" holds every word of "Moore lost
    money" but does not state it."""
    if precision(claim.text, sentence.text) < 1.0:
        return False
    return all(
        any(r.predicate == x.predicate and x.agent and same_name(r.agent, x.agent)
            for x in sentence.roles)
        for r in claim.roles if r.agent
    )  # fmt: skip


def prints_figures(claim: Claim, sentence: Claim) -> bool:
    """Whether the sentence gives every figure of the claim (and the claim gives some)."""
    theirs = [q.value for q in sentence.quantities]
    return bool(claim.quantities) and all(
        any(abs(q.value - v) < 1e-9 for v in theirs) for q in claim.quantities
    )


def first_dispute(
    claim: Claim, vec: np.ndarray, ctx: Context,
    evidence: Sequence[tuple[np.ndarray, Sequence[Claim]]],
    clauses: SpanSimilarity | None = None,
) -> tuple[Dispute | None, bool]:  # fmt: skip
    """The first structured conflict between the claim and the parsed evidence sentences, given
    best first as (sentence vector, its claims). Also says whether the best one differs in
    negation (a feature even when no check fires).

    A sentence that states the claim and does not conflict with it ends the search: the
    document says what the claim says, and another of its sentences that gives another number
    ("18 percent" of Hispanic voters in one poll, "70 percent" of Latino voters in another)
    or another doer is about something else. Checked first, best first, so a conflict with
    the stating sentence itself (a swapped actor keeps every word) is still found. A close
    sentence that prints every figure of the claim without a conflict ends the search for
    figures only: "Pellbrook shares fell 17 percent, while Halden shares rose 2.1 percent"
    says what "... while Halden's gained 2.1 percent" says of the shares, and a later "Halden
    holds a 24 percent share" counts another thing.

    `clauses`, when given, reads the gates on a long sentence's clauses too (verify.clauses),
    after every whole sentence and only if none states the claim (`_states`, at any similarity:
    a long sentence that holds every word of it says it): a document that says "Six
    people were killed when a car bomb exploded" is not contradicting it with the clause "At
    least 12 people were killed Sunday" of its lead."""
    figures = False  # a close sentence printed every figure of the claim
    for ev_vec, claims in evidence:
        sim = float(ev_vec @ vec)
        for other in claims:
            found = compare(claim, other, sim, ctx, DEFAULT_CHECKS)
            if found is not None and not (figures and found.kind == "number"):
                return found, True
        if sim >= STATES_SIMILARITY and any(_states(claim, other) for other in claims):
            break
        figures = figures or (
            sim >= STATES_SIMILARITY and any(prints_figures(claim, o) for o in claims)
        )
    # A person's post is the document's wherever it names them, whichever sentence states the
    # claim: "Halvorsen said it had no knowledge of the cargo" ends the search above before
    # "... said Lars Henning, the company's communications director".
    shown = next((o.article for _, claims in evidence for o in claims), None)
    if shown is not None and (found := post_in(claim, shown, ctx)) is not None:
        return found, True
    # Every word of the claim in one sentence, with its doers and its negation: stated, however
    # long that sentence ("the hull had not been breached" holds every word of "had been").
    stated = any(
        _states(claim, other) and other.negated == claim.negated
        for _, claims in evidence
        for other in claims
    )
    if clauses is not None and not stated:
        for ev_vec, claims in evidence:
            sim = float(ev_vec @ vec)
            for other in claims:
                found = dispute_on_clauses(claim, other, sim, ctx, clauses)
                if found is not None and not (figures and found.kind == "number"):
                    return found, True
    # A hedge is read whether or not a sentence states the claim: "may review" holds every
    # word of "will review".
    found = dropped_hedge(
        claim,
        [o for _, claims in evidence for o in claims],
        ctx,
        lambda c, o: holds_words(c, o, ctx.article_text.get(o.article, "")),
    )
    if found is None and shown is not None:
        found = hedged_cause(claim, shown, ctx)
    if found is not None:
        return found, False
    best = evidence[0][1] if evidence else ()
    return None, bool(best) and best[0].negated != claim.negated


# Words a retelling swaps for each other or adds without saying more: those that round a figure
# ("insured for roughly 180 million" holds the words of "believed to have been insured for about
# 180 million"; "about" is a stopword already), and "ever" or "already" ("waiting there ever
# since" / "waiting there since").
_ROUGHLY = frozenset(
    {"roughly", "approximately", "around", "circa", "nearly", "almost", "some", "ever", "already"}
)


def holds_words(claim: Claim, sentence: Claim, document: str = "") -> bool:
    """Whether the sentence has every content word of the claim but those it may write otherwise
    (`hedges.free_words`): "He said the sandbank may have shifted" holds "Callum Brodie said the
    sandbank shifted". Or, given the sentence's `document`, at least half of them, the rest
    printed elsewhere in it: "the upgrade could be finished by 2028" with "120 million dollars
    to upgrading the Millbrook works" a sentence before holds "the 120 million dollar upgrade of
    the Millbrook works will be finished by 2028"."""
    every = set(content(words(claim.text))) - _ROUGHLY
    mine = every - free_words(claim)
    if not mine:
        return False
    theirs = set(words(sentence.text))
    if mine <= theirs:
        return True
    # Half of the claim's words here, free words too (a claim whose doer and verbs are all
    # here may have one word of its own left: "the remaining western section of the building
    # will have to be demolished"), and the rest printed elsewhere, singular or plural: "a 120
    # million dollar upgrade" / "120 million dollars".
    half = any(2 * len(ws & theirs) >= len(ws) for ws in (mine, every))
    printed = {singular(w) for w in words(document)}
    return half and {singular(w) for w in mine} <= printed


def structured_dispute(
    nlp: object, claim: Claim, vec: np.ndarray, document: str,
    evidence: Sequence[tuple[str, np.ndarray]], clauses: SpanSimilarity | None = None,
) -> tuple[Dispute | None, bool]:  # fmt: skip
    """Run checks.py between the claim and each evidence sentence (text, vector), best first,
    each parsed as its own article so a dispute names the sentence."""
    arts = [Article(id=f"s{i}", path="", text=text) for i, (text, _) in enumerate(evidence)]
    parsed = article_claims(nlp, arts, min_content_words=0)
    ctx = Context(
        article_text={"claim": claim.text, **{a.id: document for a in arts}},
        labels={"claim": "the claim", **{a.id: "the document" for a in arts}},
    )
    grouped = [(v, [c for c in parsed if c.article == a.id])
               for a, (_, v) in zip(arts, evidence, strict=True)]  # fmt: skip
    return first_dispute(claim, vec, ctx, grouped, clauses)


def check_fired(dispute: Dispute | None) -> float:
    """The check feature: the dispute's confidence, but none for a dropped hedge, which is a
    caution (verify.hedges), not evidence against the claim. The combiners learnt the feature
    from conflicts, and would read "may bring charges" beside "will bring charges" as one."""
    return dispute.confidence if dispute is not None and dispute.kind != "modality" else 0.0


def sentence_features(
    nlp: object, claim: Claim, vec: np.ndarray, index: DocumentIndex, k: int = 3,
    clauses: SpanSimilarity | None = None,
) -> SentenceFeatures:  # fmt: skip
    top = best_windows(claim.text, vec, index, k)
    ent, has_ent, num, has_num, missing = coverage(claim, index)
    uni, bi = novelty(claim.text, index)
    best_sim = max(s for _, s, _ in top)
    best_prec = max(p for _, _, p in top)
    # Sentences of the top windows, best first, without repeats.
    sents = list(dict.fromkeys(i for w, _, _ in top for i in index.windows[w]))
    # 1-sentence windows come first in the index, so window i's vector is sentence i's.
    ev = [(index.sentences[i], index.vectors[i]) for i in sents[:4]]
    dispute, neg = structured_dispute(nlp, claim, vec, index.text, ev, clauses)
    values = (
        ent, has_ent, num, has_num, uni, bi, best_sim, best_prec,
        check_fired(dispute),
        float(neg),
        max(best_sim, 0.0) * (1.0 - min(ent, num)),
    )  # fmt: skip
    evidence = tuple(index.sentences[i] for i in index.windows[top[0][0]])
    return SentenceFeatures(values, evidence, tuple(missing), dispute)
