"""Numbers in digits or words: "41", "1,200", "2.5 million", "fourteen", "31st", "third", and
shares: "one-third", "about half", "1/3"."""

from __future__ import annotations

import math
import re

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_UNITS = {w: i for i, w in enumerate(_UNIT_WORDS.split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(_TEN_WORDS.split())}
NUMBER_WORDS = (*_UNITS, *_TENS)  # "zero" to "nineteen", "twenty" to "ninety"
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "thirtieth": 30, "hundredth": 100,
}  # fmt: skip
_MULTIPLIERS = {"hundred": 100, "dozen": 12}
_DIGITS = re.compile(r"(\d[\d,]*(?:\.\d+)?)(?:st|nd|rd|th)?")
_TOKEN = re.compile(r"[a-z]+|\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?")
_FILLER = frozenset(
    {"a", "an", "and", "some", "about", "around", "nearly", "almost", "over", "more", "than"}
)


def _word_value(words: list[str]) -> float | None:
    """The first figure's value: "twenty one" and "2.5 million" are one figure; a second one (a
    range or dimensions: "12-inch-by-18-inch", "three percent to five percent") is not added."""
    total, current, seen, gap = 0.0, 0.0, False, False
    for w in words:
        if w in _FILLER:
            continue
        m = _DIGITS.fullmatch(w)
        is_number = bool(m) or w in _UNITS or w in _TENS or w in _ORDINALS
        if seen and is_number and (m or gap):
            break
        if m:
            current += float(m.group(1).replace(",", ""))
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _ORDINALS:
            current += _ORDINALS[w]
        elif w in _MULTIPLIERS:
            current = max(current, 1.0) * _MULTIPLIERS[w]
        elif w in SCALES:
            total += max(current, 1.0) * SCALES[w]
            current = 0.0
        else:
            gap = seen  # units like "percent", "people" inside the span
            continue
        seen = True
    return total + current if seen else None


_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_HEDGES = ("about", "around", "nearly", "almost", "roughly", "some", "over", "under", "just",
           "only", "more than", "less than", "at least", "at most", "up to")  # fmt: skip
_HEDGE = r"(?:(?:" + "|".join(_HEDGES) + r")\s+)*"
_FRACTION = re.compile(
    _HEDGE + r"(?:(a|an|one|two|three|four|five|six|seven|eight|nine|\d+)\s+)?"
    r"(half|halves|(?:third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)s?)"
)
_SLASHED = re.compile(_HEDGE + r"(\d+)\s*/\s*(\d+)")


def _fraction(text: str) -> float | None:
    """ "one-third", "a quarter", "two thirds", "about half", "1/3" as a share; "third" alone is
    an ordinal, so a denominator other than "half" needs its numerator."""
    slashed = _SLASHED.fullmatch(text)
    if slashed and int(slashed.group(2)):
        return int(slashed.group(1)) / int(slashed.group(2))
    m = _FRACTION.fullmatch(text)
    if m is None or (m.group(1) is None and not m.group(2).startswith("hal")):
        return None
    top = m.group(1) or "one"
    count = 1.0 if top in ("a", "an") else float(top) if top.isdigit() else float(_UNITS[top])
    return count / _DENOMINATORS[m.group(2).rstrip("s") if m.group(2) != "halves" else "half"]


def parse_number(text: str) -> float | None:
    """The value of a number phrase, or None when it holds no number ("several", "dozens of")."""
    low = " ".join(text.lower().replace("-", " ").split())
    share = _fraction(low)
    if share is not None:
        return share
    words = _TOKEN.findall(low)
    if not words:
        return None
    return _word_value(words)


# Counts in words with no figure ("dozens of vessels"), as the least each can mean: two dozen
# is 24, read as 20 to allow for loose use. A bound, not a value (value_range).
_VAGUE = {
    "dozens": 20.0, "scores": 40.0, "hundreds": 200.0, "tens of thousands": 20_000.0,
    "thousands": 2_000.0, "hundreds of thousands": 200_000.0, "millions": 2_000_000.0,
}  # fmt: skip
_VAGUE_COUNT = re.compile(rf"^(?:many\s+)?({'|'.join(sorted(_VAGUE, key=len, reverse=True))})$")


def vague_count(text: str) -> float | None:
    """The least a count in words means ("dozens": 20, "thousands": 2,000), or None."""
    m = _VAGUE_COUNT.match(" ".join(text.lower().split()))
    return _VAGUE[m.group(1)] if m else None


# Words that make a figure a bound or an estimate: "at least 40" and "more than 30" can both be
# true, "about 42,000" and "24,000" cannot.
# Checked in this order: "no more than" is an upper bound though it holds "more than".
_BOUNDS = (
    (_VAGUE_COUNT, "lower"),
    (re.compile(r"\b(?:no|not) more than\b"), "upper"),
    (re.compile(r"\b(?:no|not) (?:fewer|less) than\b"), "lower"),
    (re.compile(r"\b(?:nearly|almost|just under|close to)\b"), "near"),
    (re.compile(r"\b(?:at least|more than|over|upwards of|in excess of|above)\b"), "lower"),
    (re.compile(r"\b(?:at most|up to|fewer than|less than|under|below)\b"), "upper"),
    (re.compile(r"\b(?:about|around|approximately|roughly|some|an estimated)\b"), "about"),
)
APPROXIMATION = 0.10  # an estimate is taken to be within 10% ...


def last_digit_unit(value: float) -> float:
    """The place of a figure's last non-zero digit: 86,000 -> 1,000, 2.4 million -> 100,000,
    12.5 -> 0.1. An estimate is read no coarser than it is written."""
    v = abs(value)
    if v == 0:
        return 1.0
    unit = 10.0 ** math.floor(math.log10(v))
    while unit > 1e-6 and abs(v / unit - round(v / unit)) > 1e-6:
        unit /= 10
    return unit


def value_range(text: str, value: float) -> tuple[float, float]:
    """The values a written figure allows: "at least 40" -> [40, inf), "no more than 30" ->
    (-inf, 30], "nearly 50" -> [45, 50], "about 86,000" -> [85,000, 87,000], a bare "12" ->
    [12, 12]. ... and no further than one unit of its last written digit: "about 86,000" and
    "about 68,000" differ, "about 86,000" and "about 85,000" may not."""
    low = text.lower()
    kind = next((k for pattern, k in _BOUNDS if pattern.search(low)), None)
    margin = min(APPROXIMATION * abs(value), last_digit_unit(value))
    if kind == "near":
        return value - margin, value
    if kind == "lower":
        return value, math.inf
    if kind == "upper":
        return -math.inf, value
    if kind == "about":
        return value - margin, value + margin
    return value, value


def compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two value ranges share a value."""
    return a[0] <= b[1] and b[0] <= a[1]


_DECIMALS = re.compile(r"\d[\d,]*(?:\.(\d+))?")
# A figure rounded to a whole number stays this close to the one it rounds: "12 per cent" for
# 12.4, not "5 per cent" for 5.25 (a quarter point is a whole rate decision).
_WHOLE_ROUNDING = 0.035


def _written(text: str) -> tuple[float, int] | None:
    """The first figure as written, and its decimal places: "£1.24 million" -> (1.24, 2)."""
    m = _DECIMALS.search(text)
    if m is None:
        return None
    return float(m.group(0).replace(",", "")), len(m.group(1) or "")


def one_rounded(a_text: str, a: float, b_text: str, b: float) -> bool:
    """Whether the figure written with fewer decimal places is the other rounded to them, within
    less than half a unit of its last place ("0.7 per cent" for 0.66, "1.2 million" for 1.24
    million; never a half, which rounds either way: "0.25" / "0.3" is a change), and, rounded to
    a whole number, within 3.5% of it ("12 per cent" for 12.4, not "5 per cent" for 5.25)."""
    wa, wb = _written(a_text), _written(b_text)
    if wa is None or wb is None or wa[1] == wb[1] or not wa[0] or not wb[0]:
        return False
    (coarse, (cw, places)), (fine, _) = sorted(((a, wa), (b, wb)), key=lambda x: x[1][1])
    scale = coarse / cw  # "million" and the like
    if abs(fine - coarse) >= 0.5 * 10.0**-places * abs(scale) * (1 - 1e-9):
        return False
    return places >= 1 or abs(fine - coarse) <= _WHOLE_ROUNDING * abs(fine)


# "41 000" and "41 000" (a space, no-break space or narrow no-break space between groups of
# three): the thousands style of French, Nordic and machine-translated copy. Not a year
# before a count ("in 2024 300 people": the first group has four digits).
_SPACED_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]?\d)")


def spaced_thousands(text: str) -> dict[str, float]:
    """Figures written with spaces between their thousands, as written -> value."""
    return {
        m.group(0): float(re.sub(r"\D", "", m.group(0))) for m in _SPACED_THOUSANDS.finditer(text)
    }
