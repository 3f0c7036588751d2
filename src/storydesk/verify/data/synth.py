"""FactCC-style claim synthesis from real news sentences (RECIPE_VERSION pins the behaviour).

Every operation takes one parsed sentence and returns a new claim text or None when it does not
apply, so the builder can fall back to another operation. Operations are pure functions of the
sentence, the article's entities and a seeded Random: the same seed always gives the same data.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..checks import MONTHS, WEEKDAYS
from .roles import op_speaker_shift, op_voice, op_voice_swap
from .wordlists import op_added_detail, op_antonym

# Bump whenever an operation, a word list or the sampling changes: the manifest records it so a
# model card can say exactly which data a model saw.
RECIPE_VERSION = "2026.9"

ENTAILMENT, CONTRADICTION, NEUTRAL = "entailment", "contradiction", "neutral"
SWAPPABLE = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})
# Small, hand-checked list: only swaps that keep the meaning in news prose.
SYNONYMS = {
    "said": "stated", "says": "states", "announced": "declared", "told": "informed",
    "big": "large", "large": "big", "begin": "start", "began": "started", "start": "begin",
    "started": "began", "buy": "purchase", "bought": "purchased", "help": "assist",
    "helped": "assisted", "show": "indicate", "showed": "indicated", "shows": "indicates",
    "about": "roughly", "enough": "sufficient", "quickly": "rapidly", "nearly": "almost",
    "almost": "nearly", "also": "additionally", "however": "nevertheless", "because": "since",
    "tried": "attempted", "try": "attempt", "ended": "finished", "end": "finish",
    "asked": "requested", "chose": "selected", "need": "require", "needs": "requires",
}  # fmt: skip
_MONTH_LIST = list(MONTHS)
_AUX_NEG = frozenset({"is", "was", "are", "were", "has", "have", "had", "will", "would", "can",
                      "could", "should", "did", "does", "do", "must", "may", "might"})  # fmt: skip
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class Op:
    name: str
    label: str
    apply: Callable[[Any, Sequence[tuple[str, str]], random.Random], str | None]


def _join(tokens: Sequence[Any]) -> str:
    """Rebuild text from tokens with their own trailing whitespace (spaCy keeps it exactly)."""
    text = "".join(t.text_with_ws for t in tokens).strip()
    return re.sub(r"\s+([,.;:])", r"\1", re.sub(r",\s*,", ",", text))


def _replace_span(sent: Any, start: int, end: int, new: str) -> str:
    """The sentence with the characters [start, end) (sentence-relative) replaced."""
    text = str(sent.text)
    return (text[:start] + new + text[end:]).strip()


def _changed(sent: Any, out: str | None) -> str | None:
    if out is None or out.strip() == sent.text.strip():
        return None
    return out


# ---- supported claims -----------------------------------------------------------------------


def op_copy(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    return str(sent.text).strip()


def op_compress(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Drop one optional subtree: an adverbial/relative clause or a verb's prepositional phrase.
    A shorter sentence that only removes material is still entailed by the original."""
    droppable = [
        t for t in sent
        if (t.dep_ in ("advcl", "relcl") or (t.dep_ == "prep" and t.head.pos_ == "VERB"))
        and not any(c.dep_ == "neg" for c in t.head.children if t.dep_ == "prep")
    ]  # fmt: skip
    if not droppable:
        return None
    cut = rng.choice(droppable)
    gone = {t.i for t in cut.subtree}
    kept = [t for t in sent if t.i not in gone]
    if len(kept) < 5 or len(gone) < 2:
        return None
    out = _join(kept)
    return _changed(sent, out[0].upper() + out[1:] if out else None)


def _front_attribution(sent: Any) -> str | None:
    """'X did Y, Z said.' -> 'According to Z, X did Y.'"""
    root = sent.root
    if root.lemma_ not in ("say", "tell") or root.i < sent.start + 3:
        return None
    subj = [c for c in root.children if c.dep_ == "nsubj"]
    comp = [c for c in root.children if c.dep_ == "ccomp"]
    if not subj or not comp or comp[0].i > root.i:
        return None
    body = _join([t for t in comp[0].subtree]).rstrip(",")
    who = _join(list(subj[0].subtree))
    if subj[0].pos_ == "PRON" or not body:
        return None
    return f"According to {who}, {body[0].lower() + body[1:]}."


def op_rephrase(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Light rewording that keeps meaning: attribution fronting, else synonym swaps."""
    fronted = _front_attribution(sent)
    if fronted is not None and rng.random() < 0.5:
        return fronted
    words = [t for t in sent if t.lower_ in SYNONYMS and not t.ent_type_]
    if not words:
        return fronted
    picks = {t.i for t in rng.sample(words, min(len(words), 2))}
    parts = []
    for t in sent:
        word = SYNONYMS[t.lower_] if t.i in picks else t.text
        if t.i in picks and t.text[:1].isupper():
            word = word[0].upper() + word[1:]
        parts.append(word + t.whitespace_)
    return _changed(sent, "".join(parts).strip())


# ---- not-supported claims (contradiction) ---------------------------------------------------


def op_entity_swap(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Replace a named entity with a different one of the same type from the same article, so
    the model cannot spot the corruption by an entity that is absent from the document."""
    cands = [e for e in sent.ents if e.label_ in SWAPPABLE]
    rng.shuffle(cands)
    for ent in cands:
        here = {e.text.lower() for e in sent.ents}
        pool = sorted({t for t, lab in ents if lab == ent.label_ and t.lower() not in here})
        pool = [
            t
            for t in pool
            if t.lower() not in ent.text.lower() and ent.text.lower() not in t.lower()
        ]
        if pool:
            s = ent.start_char - sent.start_char
            return _replace_span(sent, s, s + len(ent.text), rng.choice(pool))
    return None


def _shift_number(text: str, rng: random.Random) -> str | None:
    m = _DIGITS.search(text)
    if m is None:
        return None
    raw = m.group().replace(",", "")
    value = float(raw)
    if _YEAR.match(raw):
        new = str(int(value) + rng.choice([-3, -2, -1, 1, 2, 3]))
    elif "." in raw:
        digits = len(raw.split(".")[1])
        new = f"{value * rng.choice([0.5, 1.5, 2.0]) + rng.choice([0.1, 1.0]):.{digits}f}"
    else:
        new = str(max(int(value * rng.choice([0.5, 2, 3]) + rng.choice([1, 2, 5])), int(value) + 1))
        if "," in m.group():
            new = f"{int(new):,}"
    return text[: m.start()] + new + text[m.end() :]


def op_number(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Change one figure (count, money, percent) to a clearly different value."""
    cands = [e for e in sent.ents if e.label_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")]
    rng.shuffle(cands)
    for ent in cands:
        new = _shift_number(ent.text, rng)
        if new is not None:
            s = ent.start_char - sent.start_char
            return _replace_span(sent, s, s + len(ent.text), new)
    return None


def _new_date_word(word: str, rng: random.Random) -> str | None:
    low = word.lower()
    if low in WEEKDAYS:
        pool = [w for w in WEEKDAYS if w != low]
    elif low in MONTHS and low != "may":  # "may" is mostly the modal verb
        pool = [m for m in _MONTH_LIST if m not in (low, "may")]
    else:
        return _shift_number(word, rng) if _DIGITS.fullmatch(word) else None
    return rng.choice(pool).capitalize()


def op_date(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Change a weekday, a month or a year inside a DATE entity."""
    for ent in (e for e in sent.ents if e.label_ == "DATE"):
        for tok in ent:
            new = _new_date_word(tok.text, rng)
            if new is not None:
                s = tok.idx - sent.start_char
                return _replace_span(sent, s, s + len(tok.text), new)
    return None


def op_negation(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Flip the main verb's polarity: drop its 'not', or add one ('did not' + base form)."""
    root = sent.root
    negs = [c for c in root.children if c.dep_ == "neg"]
    if negs:
        tokens = [t for t in sent if t.i != negs[0].i]
        return _changed(sent, _join(tokens).replace(" n't", "").replace("ca ", "can "))
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.lower_ in _AUX_NEG]
    target = aux[0] if aux else (root if root.lower_ in _AUX_NEG else None)
    if target is not None and not (
        target.i + 1 < len(sent.doc) and sent.doc[target.i + 1].lower_ == "yet"
    ):
        s = target.idx + len(target.text) - sent.start_char
        return _replace_span(sent, s, s, " not")
    if root.tag_ in ("VBD", "VBZ", "VBP") and root.pos_ == "VERB":
        do = {"VBD": "did", "VBZ": "does", "VBP": "do"}[root.tag_]
        s = root.idx - sent.start_char
        return _replace_span(sent, s, s + len(root.text), f"{do} not {root.lemma_}")
    return None


def op_actor_swap(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Swap the subject and the object of the main verb ('A sued B' -> 'B sued A')."""
    root = sent.root
    subj = [c for c in root.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    obj = [c for c in root.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
    if not subj or not obj:
        return None
    a, b = list(subj[0].subtree), list(obj[0].subtree)
    a_text, b_text = _join(a), _join(b)
    # Only the plain 'A verb B' order with contiguous phrases; anything else garbles the text.
    contiguous = all(len(x) == x[-1].i - x[0].i + 1 for x in (a, b))
    if not contiguous or not a[-1].i < root.i < b[0].i or a_text.lower() == b_text.lower():
        return None
    if len(a) > 8 or len(b) > 8:
        return None
    if a[0].i == sent.start and a[0].pos_ != "PROPN":  # sentence-initial capital moves away
        a_text = a_text[0].lower() + a_text[1:]
    base = sent.start_char
    sa, ea = a[0].idx - base, a[-1].idx + len(a[-1].text) - base
    sb, eb = b[0].idx - base, b[-1].idx + len(b[-1].text) - base
    text = str(sent.text)
    out = text[:sa] + b_text + text[ea:sb] + a_text + text[eb:]
    return _changed(sent, out[0].upper() + out[1:])


# The other gender's form of each third-person pronoun; "her" and "his" by their tag, since
# "her" is both "his" (PRP$) and "him" (PRP), and "his" both "her" (PRP$) and "hers" (PRP).
_PRONOUNS = {
    ("he", "PRP"): "she", ("she", "PRP"): "he", ("him", "PRP"): "her", ("her", "PRP"): "him",
    ("his", "PRP$"): "her", ("her", "PRP$"): "his", ("his", "PRP"): "hers", ("hers", "PRP"): "his",
    ("himself", "PRP"): "herself", ("herself", "PRP"): "himself",
}  # fmt: skip


def op_pronoun(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Swap one gendered pronoun for the other gender's ("he said" -> "she said"): the claim
    now speaks of a person the document does not mean, an error abstractive summaries make and
    FactCC's own recipe synthesises. Only when all of the sentence's gendered pronouns are of
    one gender: in "he told her" a swap would only exchange who is who, ambiguously."""
    found = [t for t in sent if (t.lower_, t.tag_) in _PRONOUNS]
    genders = {t.lower_ in ("he", "him", "his", "himself") for t in found}
    if not found or len(genders) > 1:
        return None
    tok = rng.choice(found)
    new = _PRONOUNS[(tok.lower_, tok.tag_)]
    if tok.text[:1].isupper():
        new = new.capitalize()
    s = tok.idx - sent.start_char
    return _replace_span(sent, s, s + len(tok.text), new)


_TRANSLATIONESE = (
    (re.compile(r"\bthe\s+", re.IGNORECASE), ""),
    (re.compile(r"\bhas been\b"), "was"),
    (re.compile(r"\bwill\b"), "is going to"),
    (re.compile(r"\bsaid\b"), "has said"),
    (re.compile(r"\babout\b"), "concerning"),
)


def op_translationese(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """A corrupted sentence reworded the way machine translation words it (dropped articles,
    periphrastic tenses), so the model meets contradictions in foreign-outlet phrasing too."""
    for corrupt in rng.sample(CORRUPTIONS, len(CORRUPTIONS)):
        bad = corrupt.apply(sent, ents, rng)
        if bad is None:
            continue
        pat, new = rng.choice(_TRANSLATIONESE)
        reworded = pat.sub(new, bad, count=2)
        return reworded[0].upper() + reworded[1:] if reworded != bad else None
    return None


SUPPORTED = (Op("copy", ENTAILMENT, op_copy), Op("compress", ENTAILMENT, op_compress),
             Op("rephrase", ENTAILMENT, op_rephrase))  # fmt: skip
CORRUPTIONS = (
    Op("entity_swap", CONTRADICTION, op_entity_swap),
    Op("number", CONTRADICTION, op_number),
    Op("date", CONTRADICTION, op_date),
    Op("negation", CONTRADICTION, op_negation),
    Op("pronoun", CONTRADICTION, op_pronoun),
    ACTOR_SWAP := Op("actor_swap", CONTRADICTION, op_actor_swap),
)
# actor_swap moved to ROLE_OPS in 2026.2; translationese still rewords it.
NOT_SUPPORTED = (
    *(op for op in CORRUPTIONS if op is not ACTOR_SWAP),
    Op("translationese", CONTRADICTION, op_translationese),
)
# Tried on every chosen sentence besides the two draws above (2026.1): drawn among the others,
# an op that applies to few sentences would almost never be picked.
EXTRA = (
    Op("antonym", CONTRADICTION, op_antonym),
    Op("added_detail", NEUTRAL, op_added_detail),
)
# Tried on every candidate sentence of an article, not only the chosen ones (2026.2): each
# applies to one sentence in 40-100, and the 2026.1 model, with 190 actor swaps, read "B sued A"
# as entailed by "A sued B". voice and voice_swap come from the same sentence, so the passive
# voice itself says nothing about the label.
ROLE_OPS = (
    ACTOR_SWAP,
    Op("voice", ENTAILMENT, op_voice),
    Op("voice_swap", CONTRADICTION, op_voice_swap),
    Op("speaker_shift", NEUTRAL, op_speaker_shift),
)
OPS = {op.name: op for op in (*SUPPORTED, *NOT_SUPPORTED, *EXTRA, *ROLE_OPS)}


def first_applicable(
    ops: Sequence[Op], sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random
) -> tuple[Op, str] | None:
    """Try the operations in a seeded random order; the first that applies wins."""
    for op in rng.sample(list(ops), len(ops)):
        out = (
            _changed(sent, op.apply(sent, ents, rng))
            if op.name != "copy"
            else op.apply(sent, ents, rng)
        )
        if out:
            return op, out
    return None
