"""The structured checks' similarity gates, read on the clauses of a long sentence as well.

A draft often retells one clause of a long wire sentence: "The strike begins on March 23"
against "Members voted for the strike, which begins on Monday, March 16 and runs until Friday,
March 20". The whole sentence reads too far from the claim (USE similarity 0.43) for the date
check's gate (0.55), though the clause it retells is close. So where a number, date, period or
negation check would fire on the sentence if its gate were open, the claim is compared with the
sentence's stretches between clause breaks (one or two pieces, never the whole), and what the
closest one writes (its figures and dates, read in the whole sentence's parse so each keeps the
verb it hangs on; the verbs written in it; a negation only if written in it) is checked at that
stretch's similarity. That similarity opens the gates and nothing more: it is held below the
level at which the checks take two near-identical sentences to report one event
(checks.SAME_EVENT), since a close clause says nothing of the rest of its sentence. A finding
names the whole sentence. Clauses are read last, and not at all where another sentence of the
document states the claim (features.first_dispute).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from ..model import Claim, Dispute, Role
from ..nlp.assertion import NEGATION_WORDS
from .checks import (
    MONTHS,
    SAME_EVENT,
    WEEKDAYS,
    WORD,
    Context,
    check_date,
    check_negation,
    check_number,
    described,
    same_name,
    unnamed,
    verb_stem,
)
from .checkset import compare
from .periods import check_period
from .plans import check_plan

# Where clauses meet: commas, semicolons, colons, brackets and dashes, the words that open a
# reported, relative, contrasting or coordinated clause ("announced on Tuesday that its members
# ..."; an "and" between two nouns makes pieces too short or too far from the claim to win), and
# the space after "said" before what was said. Not the
# comma inside a date ("Monday, March 16", "March 16, 2026"): a date split off its verb is
# parsed as hanging from the wrong one.
_MONTHS = "|".join(MONTHS)
_WEEKDAYS = "|".join(WEEKDAYS)
# A comma takes no space after it, so the word after it can open a clause ("in 2025, which");
# not the comma inside a figure ("640,000").
_BREAK = re.compile(
    r"\s*,(?!\d)|\s*(?:[;:()\[\]\u2013\u2014]|\s-\s)\s*"
    r"|\s+(?=(?:that|which|who|whose|while|whereas|because|although|but|and)\b)"
    r"|(?:(?<=\bsaid)|(?<=\bsays))\s+(?!that\b)",  # "Holt said the cuts followed ..."
    re.IGNORECASE,
)
# "Monday, March 16" and "March 16, 2026"; not "in 2025, which".
_DATE_BEFORE = re.compile(rf"\b(?:{_WEEKDAYS}|(?:{_MONTHS})\s+\d{{1,2}})$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^\s*(?:(?:{_MONTHS})\b|\d{{4}}\b)", re.IGNORECASE)
MIN_WORDS = 4  # a stretch shorter than this is a date or a name, not a clause
MAX_PIECES = 2
MAX_SPANS = 12
# The checks that compare what a clause writes: figures, dates, a denied verb, and a verb told as
# done or planned (its tense is read on the whole sentence's parse, and the verb is tied to the
# clause by being written there). Hedges and actors are read from the sentence's subjects and
# modals, which no offset ties to a clause.
CLAUSE_CHECKS = (check_number, check_date, check_period, check_negation, check_plan)
# The clause similarity, held just below where the checks take sentences to report one event.
_CEILING = SAME_EVENT - 0.01
# Below this a sentence is about something else: its clauses are not tried (and not embedded).
FLOOR = 0.3


SpanSimilarity = Callable[[list[str]], np.ndarray]  # texts -> each one's similarity to the claim


def clause_similarity(encode: Callable[[list[str]], np.ndarray], vec: np.ndarray) -> SpanSimilarity:
    return lambda texts: encode(texts) @ vec


def _pieces(text: str) -> list[tuple[int, int]]:
    """Offsets of the text's pieces between clause breaks."""
    out, start = [], 0
    for m in _BREAK.finditer(text):
        if "," in m.group() and (
            _DATE_BEFORE.search(text[: m.start()]) or _DATE_AFTER.match(text[m.end() :])
        ):
            continue  # inside a date
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [_trimmed(text, a, b) for a, b in out if text[a:b].strip()]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets without the spaces at either end."""
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the runs of one to MAX_PIECES consecutive pieces between clause breaks,
    shortest first, each of at least MIN_WORDS words; none for a sentence of one piece."""
    pieces = _pieces(text)
    spans: list[tuple[int, int]] = []
    for n in range(1, min(MAX_PIECES, len(pieces) - 1) + 1):
        for i in range(len(pieces) - n + 1):
            start, end = pieces[i][0], pieces[i + n - 1][1]
            if len(text[start:end].split()) >= MIN_WORDS:
                spans.append((start, end))
    return spans[:MAX_SPANS]


def _written_in(predicate: str, words: set[str]) -> bool:
    """Whether a form of the verb is among the words ("breach": "breached"; "build up": "built")."""
    stem = verb_stem(predicate)
    return any(w.startswith(stem) for w in words)


def _within(other: Claim, start: int, end: int) -> Claim:
    """The sentence with only what is written between the offsets: its dates, names and
    figures, the verbs written there, and a negation only if one is written there."""
    lo, hi = other.start + start, other.start + end
    text = other.text[start:end]
    words = {w.lower() for w in WORD.findall(text)}
    return replace(
        other,
        entities=tuple(e for e in other.entities if lo <= e.start and e.end <= hi),
        quantities=tuple(q for q in other.quantities if q.text in text),
        roles=tuple(r for r in other.roles if _written_in(r.predicate, words)),
        negated=bool(words & NEGATION_WORDS) or any(w.endswith(("n't", "n’t")) for w in words),
    )


def _other_doers(claim: Claim, other: Claim) -> bool:
    """Whether the sentences give one verb doers that each have a word the other's lacks: "the
    southern route will carry" / "the northern route will carry", "doctors will strike" /
    "nurses will strike". A close clause then tells of a parallel thing, not the claim's."""
    for ra in claim.roles:
        for rb in other.roles:
            if ra.predicate != rb.predicate or not ra.agent or not rb.agent:
                continue
            if same_name(ra.agent, rb.agent) or _acted_on(ra, rb) or _acted_on(rb, ra):
                continue
            if unnamed(ra) != unnamed(rb):
                continue  # "the utility" may be the draft's word for "Corran Valley Water"
            wa = {w.lower() for w in WORD.findall(ra.agent)}
            wb = {w.lower() for w in WORD.findall(rb.agent)}
            if wa - wb and wb - wa and not described(ra.agent, rb.agent):
                return True
    return False


def _acted_on(x: Role, y: Role) -> bool:
    """Whether y's subject is what x acts on: "the inquiry, opened on 19 January" (a participle
    the parser may read as "the inquiry opened") against "the authority opened the inquiry"."""
    return bool(x.patient and y.agent and same_name(x.patient, y.agent))


def dispute_on_clauses(
    claim: Claim, other: Claim, sim: float, ctx: Context, similarity: SpanSimilarity
) -> Dispute | None:
    """A number, date, period or negation conflict between the claim and `other`'s closest
    clause, when that clause is closer to the claim than the whole sentence (`sim`), such a
    check would fire on the whole sentence with its gate open, and no verb of the two has
    another doer in each (`_other_doers`); else None. The finding names `other`."""
    if sim < FLOOR or compare(claim, other, 1.0, ctx, CLAUSE_CHECKS) is None:
        return None
    if _other_doers(claim, other):
        return None
    spans = clause_spans(other.text)
    if not spans:
        return None
    scores = similarity([other.text[a:b] for a, b in spans])
    best = int(np.argmax(scores))
    if float(scores[best]) <= sim:
        return None
    gate = min(float(scores[best]), _CEILING)
    clause = _within(other, *spans[best])
    found = compare(claim, clause, gate, ctx, CLAUSE_CHECKS)
    if found is not None and found.kind == "negation" and not _same_occasion(claim, clause):
        return None  # "did not approve the merger in January" against "approved it in June"
    return found


def _same_occasion(claim: Claim, clause: Claim) -> bool:
    """Whether a clause's denial may be of the claim's event: the clause does not also assert
    the verb it denies ("did not approve it in January and approved it in June": which one the
    claim retells, the clause cannot say), dates nothing on days the claim does not name, and
    the denied verb has no other object than the claim's."""
    asserted = {r.predicate for r in clause.roles if not (r.negated or r.unasserted)}
    denied = [r for r in clause.roles if r.negated and not r.unasserted]
    if any(r.predicate in asserted for r in denied):
        return False
    dates = {e.text.lower() for e in claim.entities if e.label == "DATE"}
    theirs = {e.text.lower() for e in clause.entities if e.label == "DATE"}
    if dates and theirs and not dates & theirs:
        return False
    objects = {r.predicate: r.patient for r in claim.roles if r.patient}
    return not any(
        r.patient and r.predicate in objects and not same_name(r.patient, objects[r.predicate])
        for r in denied
    )
