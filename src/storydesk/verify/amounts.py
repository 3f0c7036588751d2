"""When two sums, lengths or multiples (nlp.measures) can be compared, and when they may be one.

They hang on words many events share ("was fined", "was jailed", "earned"), so a story's two
fines or two sentences are easily taken for one: they are compared only in very similar
sentences, with no other doer and no other period named ("in 2023" / "in 2024", "since 2015" /
"this year"). A rate is compared with a rate over a period it converts to ("£100 a month" is
"£1,200 a year"), never with a total. Written figures are rounded ("$17 million" for "$17.7
million") and lengths are hedged ("almost a year" for "11 months"), so close values may be one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..model import Claim, Quantity
from ..nlp.measures import FIGURE, scaled_number
from ..nlp.numbers import last_digit_unit

MIN_SIMILARITY = 0.7
# A rounded (or cut) figure is within one unit of its last digit and never this far off in
# ratio: "$17 million" may be "$17.7 million", "$5 million" is not "$5.9 million", "$1 million"
# is no rounding of "$1 billion", "$150 million" none of "$100 million".
_MAX_ROUNDING_RATIO = 1.1
# "About", "nearly", "almost" before a length allow this share either way.
_HEDGED_LENGTH = 0.2
_HEDGE = re.compile(
    r"\b(about|around|nearly|almost|roughly|some|approximately|more than|less than|over|under|"
    r"just)\b",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"\b((?:19|20)\d\d|(?:first|second|third|fourth|last) quarter|(?:last|this|next) "
    r"(?:year|month|week|quarter|decade)|since|until|now|previously|formerly|so far|to date|"
    r"in total|in all|annual\w*)\b",
    re.IGNORECASE,
)


_AMOUNT = re.compile(r"\d|[$€£¥]")


def kind(unit: str) -> str:
    """What a sum or length measures ("dollar" of "dollar budget"); a count's noun as is."""
    return unit.split(" ", 1)[0] if " " in unit else unit


def is_measure(unit: str) -> bool:
    return " " in unit


def is_rate(unit: str) -> bool:
    """A sum per period ("pound/year rent", nlp.measures)."""
    return "/" in kind(unit)


def periods(claim: Claim) -> frozenset[str]:
    """The periods the sentence puts its figures in; a rate's own period ("£2 million
    annually") is part of its figure, not one."""
    text = claim.text
    for q in claim.quantities:
        if is_rate(q.unit):
            text = text.replace(q.text, " ")
    return frozenset(m.group(0).lower() for m in _PERIOD.finditer(text))


def _doers(claim: Claim, predicate: str) -> list[str]:
    """Who does it, or whom it is done to ("the driver was jailed"); not the amount itself
    ("£1.5 million had been set aside")."""
    return [
        r.agent
        for r in claim.roles
        if r.predicate == predicate and r.agent and not _AMOUNT.search(r.agent)
    ]


def comparable(
    qa: Quantity, a: Claim, b: Claim, sim: float, same_name: Callable[[str, str], bool]
) -> bool:
    """Whether a sum, length or multiple of one claim may be set against the other's at all."""
    if not is_measure(qa.unit):
        return True
    if sim < MIN_SIMILARITY or periods(a) != periods(b):
        return False
    predicate = qa.unit.split(" ")[1]
    da, db = _doers(a, predicate), _doers(b, predicate)
    return not (da and db and not any(same_name(x, y) for x in da for y in db))


_FIGURE = re.compile(FIGURE, re.IGNORECASE)


def _written(q: Quantity) -> float | None:
    """The sum as written before any conversion ("£18,500 a week": 18,500)."""
    m = _FIGURE.search(q.text)
    return scaled_number(m.group(0)) if m else None


_ONE_DAY = frozenset({"day", "night", "shift"})


def _period(q: Quantity) -> str:
    return kind(q.unit).partition("/")[2]


def same_sum_other_period(qa: Quantity, quantities: Sequence[Quantity]) -> Quantity | None:
    """The other sentence's rate on the same word and currency that writes the same sum over a
    period that does not convert to this one's ("£18,500 a day" / "£18,500 a week"): whatever
    the days worked, a day's rate is not a week's. None when there is none."""
    if not is_rate(qa.unit):
        return None
    currency, anchor = kind(qa.unit).partition("/")[0], qa.unit.partition(" ")[2]
    written = _written(qa)
    for qb in quantities:
        if not is_rate(qb.unit) or qb.unit == qa.unit:
            continue
        if (kind(qb.unit).partition("/")[0], qb.unit.partition(" ")[2]) != (currency, anchor):
            continue
        if {_period(qa), _period(qb)} <= _ONE_DAY:
            continue  # "£40 a night" for a room is its day rate
        if written is not None and _written(qb) == written:
            return qb
    return None


def may_be_one(qa: Quantity, qb: Quantity) -> bool:
    """Two close values that one written figure could stand for."""
    if not is_measure(qa.unit):
        return False
    low, high = sorted((abs(qa.value), abs(qb.value)))
    if kind(qa.unit) == "duration":
        hedged = _HEDGE.search(qa.text) or _HEDGE.search(qb.text)
        return bool(hedged) and high - low <= _HEDGED_LENGTH * high
    if kind(qa.unit) == "times" or low == 0 or high / low >= _MAX_ROUNDING_RATIO:
        return False
    if is_rate(qa.unit) and qa.text.split()[-1] != qb.text.split()[-1]:
        return True  # converted between periods: "£60 a month" for "£15 a week" is close enough
    step = max(last_digit_unit(qa.value), last_digit_unit(qb.value))
    return high - low < step
