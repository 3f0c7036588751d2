"""How a supporting source stands against another that contradicts a draft sentence with a
reason (a structured check's: another number, date, actor, negation).

"Disputed" tells a reader that the sources disagree. A source the model reads as supporting the
sentence only sets it in dispute when it says what the sentence says: it prints the sentence's
figures (as values: "Fourteen" is 14, "1,200" is "1200", "£2.5m" is "£2,500,000"), it does not
print the sentence's rate over another period ("£10 a month" for "£10 a year"), its support is
more than its own contradiction, and, for a sentence with no figure to check, its support is
confident. Otherwise its support is the model's reading of the rest of the sentence, and such
supports turned a changed date and a flipped negation into "disputed" on hand-written QA drafts.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Verdict
from ..nlp.clock import hours_on_24_hour_clock, on_24_hour_clock
from ..nlp.measures import (
    CURRENCY_WORDS,
    FIGURE,
    RATE_ADVERBS,
    RATE_PERIODS,
    SCALE_SUFFIX,
    scaled_number,
)
from ..nlp.numbers import spaced_thousands

# Support a source must give, for a sentence with no figure, to set it in dispute.
CONFIDENT_SUPPORT = 0.5

_DIGITS = re.compile(rf"(?<![\w.,]){FIGURE}", re.IGNORECASE)
_WORD_NUMBER = re.compile(
    r"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|"
    r"four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|"
    r"dozen)\b",
    re.IGNORECASE,
)
# A sum with its period, in the forms nlp.measures reads in a parse: "£45 a week", "45 pounds
# per week", "$2m every year", "£45 weekly".
_RATE = re.compile(
    rf"(\d[\d,.]*{SCALE_SUFFIX})(?:\s+(?:{'|'.join(sorted(CURRENCY_WORDS))}))?\s+"
    rf"(?:(?:a|an|per|every)\s+({'|'.join(sorted(RATE_PERIODS))})s?"
    rf"|({'|'.join(sorted(RATE_ADVERBS))}))\b"
    r"(?!\s+(?:ago|later|earlier)\b|\s+(?:after|before)\s+(?!tax\b))",  # "a week ago": a time
    re.IGNORECASE,
)


def _value(written: str) -> float | None:
    return scaled_number(written.strip().rstrip(".,"))


def figures(text: str) -> dict[str, float]:
    """The figures a text writes, as written -> value: digits (with a scale word) and number
    words."""
    found: dict[str, float] = {}
    for pattern in (_DIGITS, _WORD_NUMBER):
        for m in pattern.finditer(text):
            value = _value(m.group(0))
            if value is not None:
                found[m.group(0).strip()] = value
    return found | spaced_thousands(text)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def missing_figures(claim: str, text: str) -> list[str]:
    """The claim's figures (digits only: a claim's "one" or "a dozen" is too often no figure)
    whose value the text never writes."""
    # A time on either clock: the "10" of "10:40 pm" is the "22" of the text's "22:40".
    have = list(figures(text).values()) + list(figures(on_24_hour_clock(text)).values())
    hours = hours_on_24_hour_clock(claim)
    wanted = {w: v for w, v in figures(claim).items() if any(c.isdigit() for c in w)}
    return [
        w for w, v in wanted.items()
        if not any(_close(v, h) or _close(hours.get(v, v), h) for h in have)
    ]  # fmt: skip


def other_period(claim: str, text: str) -> str | None:
    """A rate of the sentence ("£10 a year") the source prints only over another period ("£10
    a month"): the text it prints, else None."""
    for m in _RATE.finditer(claim):
        value, period = _value(m.group(1)), _period(m)
        found = [x for x in _RATE.finditer(text) if _value(x.group(1)) == value]
        if value is not None and found and all(_period(x) != period for x in found):
            return found[0].group(0)
    return None


def _period(m: re.Match[str]) -> str:
    """The period a matched rate is paid per: "per week" and "weekly" both give "week"."""
    if m.group(2):
        return m.group(2).lower()
    return RATE_ADVERBS[m.group(3).lower()]


def printed_figures(v: Verdict, claim: str, text: str) -> Verdict:
    """A supporting verdict, unless the source never prints one of the sentence's figures
    (digits, compared as values): then "unverified", with that reason. A source that says the
    strike begins "next week" does not attest "March 23", whatever the model reads."""
    if v.label != "supported":
        return v
    missing = missing_figures(claim, text)
    if not missing:
        return v
    why = f"does not print the sentence's figures ({', '.join(missing)})"
    return replace(v, label="unverified", reasons=(*v.reasons, why))


def against_a_reason(v: Verdict, claim: str, text: str) -> Verdict:
    """A supporting verdict as it stands against a reasoned contradiction from another source:
    unchanged where the source says what the sentence says (module docstring), else
    "unverified" with the reason appended."""
    if v.label != "supported":
        return v
    written = figures(claim)
    missing = missing_figures(claim, text)
    period = other_period(claim, text)
    if missing:
        why = f"does not print the sentence's figures ({', '.join(missing)}) another disputes"
    elif period:
        why = f"prints {period}, another period"
    elif v.contradiction >= v.support:
        why = f"contradicts it ({v.contradiction:.2f}) as much as it supports it"
    elif v.support < CONFIDENT_SUPPORT and not written:
        why = f"support {v.support:.2f} too weak against another source's reasoned contradiction"
    else:
        return v
    return replace(v, label="unverified", reasons=(*v.reasons, why))
