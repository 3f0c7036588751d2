"""The evidence window without the modifiers a claim leaves out: a second window for the model.

Retellings shorten: "A group of six young Minnesota men conspired ..." becomes "A group of six
young men conspired ...", "found him Friday" becomes "found him". The cross-encoder, trained on
entity swaps where a changed modifier means another thing, reads the shorter claim against the
fuller window as a contradiction (0.91 on that pair, a FactCC dev claim). Leaving out an
intersective modifier only weakens a statement: a window that says "six young Minnesota men"
also says "six young men", so whatever the shorter window entails or contradicts, the window
does too. The verifier lets the model read both and keeps the more supportive.

Only where that inference holds:
- the claim names the modified word (same lemma) and gives it no description of its own that
  the window lacks: "six young Ohio men" against "six young Minnesota men" is a swap, kept;
- the modifier is not privative ("former", "alleged", "fake"): a former minister is no minister;
- no negation on the word or what it depends on, no quantifier like "no", "every", "only", and
  no superlative or ordinal on it ("the first female mayor" is not "the first mayor").
Only the kinds the model misreads are dropped: a name's roles, apposition and origin, names
compounded into a noun, an event's time. The shown evidence, the features and the structured
checks read the window as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .spans import modifier_span, rewrite_windows, without_tokens

_TIME_LABELS = frozenset({"DATE", "TIME"})
# Adjectives that deny or doubt what they modify; dropping them changes what is said.
PRIVATIVE = frozenset(
    {
        "former", "ex", "alleged", "suspected", "purported", "supposed", "so-called",
        "would-be", "fake", "false", "mock", "counterfeit", "imaginary", "fictional",
        "fictitious", "artificial", "potential", "possible", "proposed", "planned", "expected",
        "prospective", "probable", "likely", "unlikely", "apparent", "presumed", "reported",
        "claimed", "pretend", "faux", "pseudo", "non", "acting", "interim", "deputy", "vice",
        "assistant", "onetime", "erstwhile", "late", "nominal", "virtual",
    }
)  # fmt: skip
# Words after which a shorter description is no longer implied: negation, quantifiers that
# reverse or restrict the inference, and superlative or ordinal uniqueness.
_REVERSING = frozenset(
    {"no", "every", "all", "each", "any", "few", "only", "sole", "first", "last", "single",
     "unique"}
)  # fmt: skip
_NEGATIONS = frozenset(
    {"not", "n't", "never", "nor", "neither", "without", "none", "nobody", "nothing"}
)
_FILLER = frozenset({"the", "a", "an", "of", "and", "for", "at", "in", "on", "'s", "’s", ","})


def _words(span: Any) -> set[str]:
    """Content words of a span, as written and as lemmas."""
    found = {w for t in span if not t.is_punct for w in (t.lower_, t.lemma_.lower())}
    return {w.replace(".", "") for w in found} - _FILLER  # "U.S." is "US"


def _reversed(head: Any) -> bool:
    """Whether the word is quantified, ranked or negated so that a shorter description of it
    is no longer implied: its own "no"/"every"/"only"/"first" or superlative, or a negation on
    any word it depends on ("did not find six Minnesota men")."""
    if any(c.lower_ in _REVERSING or c.tag_ in ("JJS", "RBS") for c in head.children):
        return True
    chain = [head, *head.ancestors]
    return any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for t in chain for c in t.children)


def _claim_heads(claim: Any) -> dict[str, list[Any]]:
    heads: dict[str, list[Any]] = {}
    for t in claim:
        if t.pos_ in ("NOUN", "PROPN", "VERB"):
            heads.setdefault(t.lemma_.lower(), []).append(t)
    return heads


# What the claim may say about its word instead of the window's modifier: any of these with
# words the window lacks may be a swapped description ("China's" against "Chinese", "R-Iowa"
# against "an Iowa Republican"), and the window is then read as written.
_DESCRIBING = frozenset({"amod", "compound", "poss", "nmod", "appos", "prep", "nummod"})


def _swapped(head: Any, window_words: set[str]) -> bool:
    """Whether the claim's word has a description of its own that the window does not give: any
    modifier (a noun's), or, for a verb, whether the claim gives any time at all (the days module
    and the date checks compare times)."""
    if head.pos_ == "VERB":  # the claim's time may hang on another word of it
        return any(t.ent_type_ in _TIME_LABELS for t in head.doc)
    return any(c.dep_ in _DESCRIBING and _words(c.subtree) - window_words for c in head.children)


def _time(mod: Any) -> bool:
    return any(t.ent_type_ in _TIME_LABELS for t in mod.subtree)


def _droppable(head: Any, mod: Any) -> bool:
    """Whether `mod` is a kind of modifier a retelling leaves out without changing what it says
    of `head`: a name's role, apposition or origin ("Former Patriots star Aaron Hernandez",
    "Ferrant, 52, of Velsund"), a place or name compounded into a noun ("Minnesota men"), or
    the time of an event ("found him Friday"). Descriptive adjectives and phrases of common
    nouns are not dropped: there the model read the shorter window worse, not better (SNLI)."""
    if head.pos_ == "VERB":
        return mod.dep_ in ("npadvmod", "prep") and _time(mod)
    if head.pos_ == "PROPN" and head.ent_type_:  # a name spaCy also sees as an entity
        return bool(mod.dep_ in ("compound", "prep", "amod", "appos"))
    return bool(mod.dep_ == "compound" and mod.pos_ == "PROPN")


def _cuts(window: Any, claim: Any) -> list[tuple[int, int]]:
    """Token spans [lo, hi) of the window's modifiers that the claim leaves out."""
    heads = _claim_heads(claim)
    claim_words = _words(claim)
    window_words = _words(window)
    cuts = []
    for head in window:
        matches = heads.get(head.lemma_.lower(), [])
        if not matches or _reversed(head) or any(_reversed(c) for c in matches):
            continue
        for mod in head.children:
            if not _droppable(head, mod) or mod.lower_ in PRIVATIVE:
                continue
            words = _words(mod.subtree)
            if words & claim_words or not words:
                continue
            if any(_swapped(c, window_words) for c in matches):
                continue
            cuts.append(modifier_span(window, mod))
    return cuts


def without_dropped_modifiers(pairs: Sequence[tuple[str, str]], nlp: Any) -> list[str]:
    """For each (claim, window), the window without the modifiers the claim leaves out (see the
    module docstring for when that holds); the window as it is where none apply."""
    return rewrite_windows(pairs, nlp, _shorter)


def _shorter(window: Any, claim: Any) -> str | None:
    cuts = _cuts(window, claim)
    return without_tokens(window, cuts) if cuts else None
