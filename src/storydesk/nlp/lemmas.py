"""A repair for the lemmas spaCy's rule lemmatizer gets wrong on regular verbs: it strips "-ed"
or "-ing" to any verb it knows, so "hoped" becomes "hop", "fined" "fin", "stared" "star" and
"installed" "instal". Two sources then fail to meet on one verb ("fined" / "will fine"), and a
synonym lookup reads the wrong word.

For a past or -ing form, every base form that regular English spelling allows ("hoped": "hope",
"hop"; "installed": "install", "instal") is looked up in WordNet, and the one tagged most often
in its sense-tagged corpora wins over spaCy's choice when it is tagged strictly more often.
Irregular verbs (no "-ed"/"-ing") and words WordNet lacks keep spaCy's lemma; without WordNet
the component changes nothing.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from .wordnet import index, verb_counts

NAME = "storydesk_verb_lemmas"
_SUFFIXES = {"VBD": "ed", "VBN": "ed", "VBG": "ing"}


def base_forms(word: str, suffix: str) -> set[str]:
    """The verbs a regular "-ed"/"-ing" form can come from: "hoped" -> hope, hop;
    "planned" -> plan; "carried" -> carry."""
    if not word.endswith(suffix) or len(word) < len(suffix) + 2:
        return set()
    stem = word[: -len(suffix)]
    forms = {stem, stem + "e"}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.add(stem[:-1])  # doubled consonant: planned, installed
    if suffix == "ed" and stem.endswith("i"):
        forms.add(stem[:-1] + "y")
    return forms


def better_lemma(word: str, tag: str, lemma: str) -> str:
    """The most frequent WordNet verb among the spellings `word` can come from, where it is
    tagged more often than spaCy's `lemma`; otherwise `lemma`."""
    suffix = _SUFFIXES.get(tag)
    if suffix is None:
        return lemma
    counts = verb_counts()
    verbs = index("verb")
    best, best_count = lemma, counts.get(lemma, 0)
    for form in sorted(base_forms(word.lower(), suffix)):
        if form in verbs and counts.get(form, 0) > best_count:
            best, best_count = form, counts[form]
    return best


@Language.component(NAME)
def repair_verb_lemmas(doc: Any) -> Any:
    for token in doc:
        if token.lemma_ and token.tag_ in _SUFFIXES:
            lemma = better_lemma(token.text, token.tag_, token.lemma_.lower())
            if lemma != token.lemma_.lower():
                token.lemma_ = lemma
    return doc
