"""The common-noun swap: "a crack in a steel beam" retold as "a crack in one of its cables".

Entity swaps (FactCC's) only ever change names. Summaries and drafts as often change what a
thing is: the object found, the place in a building, the group that acted. minilm-nli-v5 reads
"inspectors found cracks in two of its cables" as entailed by "inspectors found a crack in a
steel support beam" (entailment 0.44, contradiction 0.48; supported by the combiner; the
shipped minilm-nli-v8 still supports it). The
replacement noun comes from the same article, like entity swaps' names, so a word the document
lacks cannot give the corruption away.

Labelled neutral ("the document does not say so") since recipe 2026.7. In 2026.6 it was a
contradiction, and the model trained on that (v6, not shipped) called noun paraphrases false:
"the panel" for "the commission", "the power outage" for "the blackout" (MRPC paraphrases
contradicted 0.235, v5 0.181). The recipe cannot tell "cables" for "beam" from "panel" for
"commission"; neutral keeps the first from being supported without calling the second false.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from typing import Any

# Roles where a noun names a participant of the clause, not a measure or a manner.
_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
# Nouns too general to change a claim's meaning when swapped ("a day" for "a year" is the date
# op's business; "people" for "officials" is a near-synonym, not an error).
_LIGHT_WORDS = (
    "time times year years day days week weeks month months hour hours minute minutes way ways "
    "part parts thing things people person lot lots number numbers percent place places case "
    "cases point points kind kinds sort end side fact matter issue issues question questions "
    "one ones others group groups member members area areas world country countries state "
    "states statement statements report reports news story stories interview comment comments "
    "official officials source sources thousands hundreds millions dozens"
)
_LIGHT = frozenset(_LIGHT_WORDS.split())


def _swappable(tok: Any) -> bool:
    return bool(
        tok.pos_ == "NOUN"
        and tok.is_alpha
        and len(tok.text) >= 4
        and not tok.ent_type_
        and not tok.is_stop
        and tok.lower_ not in _LIGHT
        and tok.lemma_.lower() not in _LIGHT
    )


def noun_pool(docs: Iterable[Any]) -> list[tuple[str, str, str]]:
    """(word, lemma, tag) of every swappable noun of an article's parsed paragraphs, sorted so
    a seeded draw is the same on every run."""
    return sorted(
        {(t.lower_, t.lemma_.lower(), t.tag_) for doc in docs for t in doc if _swappable(t)}
    )


def op_noun_swap(sent: Any, pool: Sequence[tuple[str, str, str]], rng: random.Random) -> str | None:
    """The sentence with one participant noun replaced by another noun of the article, of the
    same number (NN/NNS) and a lemma the sentence does not use (not supported: the document
    says it of something else). None when no noun qualifies."""
    lemmas = {t.lemma_.lower() for t in sent}
    targets = [t for t in sent if t.dep_ in _ROLES and _swappable(t)]
    rng.shuffle(targets)
    for tok in targets:
        stem = tok.lemma_.lower()[:5]
        options = [
            word
            for word, lemma, tag in pool
            if tag == tok.tag_ and lemma not in lemmas and lemma[:5] != stem
        ]
        if not options:
            continue
        new = rng.choice(options)
        if tok.text[:1].isupper():
            new = new[0].upper() + new[1:]
        start = tok.idx - sent.start_char
        text = str(sent.text)
        return (text[:start] + new + text[start + len(tok.text) :]).strip()
    return None
