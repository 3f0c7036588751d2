"""A repair for one parse error on names the small English model has never seen: an unknown
capitalised word opening a sentence is tagged as an adverb ("Hallamere said it had paid" reads
"Hallamere" like "Here"), so the verb has no subject and the sentence no actor.

The word becomes the verb's subject (a proper noun) when all of these hold: it opens the
sentence, is capitalised, hangs from a verb as an adverb, is in none of WordNet's indexes (a
real adverb, "Meanwhile" or "Overall", is), and the verb has no subject of its own. Without
WordNet the component changes nothing.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from .wordnet import index

NAME = "storydesk_unknown_subjects"
_POS = ("noun", "verb", "adj", "adv")
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


def known_word(word: str) -> bool:
    lower = word.lower()
    return any(lower in index(pos) for pos in _POS)


def _misread_name(token: Any) -> bool:
    head = token.head
    return (
        token.i == token.sent.start
        and token.pos_ == "ADV"
        and token.dep_ == "advmod"
        and token.is_title
        and head.i != token.i
        and head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in _SUBJECTS for c in head.children)
        and not (token.i + 1 < len(token.doc) and token.nbor(1).is_punct)
        and not known_word(token.text)
    )


@Language.component(NAME)
def repair_unknown_subjects(doc: Any) -> Any:
    if not index("adv"):
        return doc  # no WordNet: nothing tells a name from an adverb
    for sent in doc.sents:
        token = sent[0]
        if _misread_name(token):
            token.pos_, token.tag_, token.dep_, token.lemma_ = "PROPN", "NNP", "nsubj", token.text
    return doc
