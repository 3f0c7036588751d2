"""A day in the claim written the way the evidence window writes it, for the model only.

One outlet writes "on Friday", another "yesterday": the same day, seen from a publication date
the checker often does not have. The cross-encoder, trained on changed dates, reads the pair as a
contradiction ("Lao officials on Friday called on France ..." against "Laotian officials
yesterday called on France ...": 0.92). When the window gives a relative day and no weekday and
the claim the other way round, the claim is read with the window's word. The structured date and
weekday checks still compare the texts as written, and a weekday against a weekday is left alone.
"""

from __future__ import annotations

import datetime
import re

from ..nlp.sentences import MONTH_NAMES
from .checks import WEEKDAYS

_DAY_NAME = "|".join(WEEKDAYS)
_WEEKDAY = re.compile(rf"\b(?:on\s+)?(?:{_DAY_NAME})\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)


def as_window_days(claim: str, window: str) -> str:
    """`claim` with its one weekday written as the window's one relative day, or its one
    relative day as the window's one weekday; unchanged unless exactly that holds."""
    for ours, theirs in ((_WEEKDAY, _RELATIVE), (_RELATIVE, _WEEKDAY)):
        mine, other = ours.findall(claim), theirs.findall(window)
        if (
            len(mine) == 1
            and len(other) == 1
            and not theirs.search(claim)
            and not ours.search(window)
        ):
            word = re.sub(r"^on\s+", "", other[0], flags=re.IGNORECASE)
            if ours is _RELATIVE:
                word = "on " + word  # "said yesterday" -> "said on Friday"
            return ours.sub(word, claim, count=1)
    return claim


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH_DAY = (
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})\b|\b(?P<d2>\d{{1,2}})\.?\s+(?P<m2>{_MONTH}))"
)
_ANY_DATE = re.compile(rf"\b{_MONTH_DAY}", re.IGNORECASE)
# "Tuesday, November 17", "Tuesday 17 November", "Tuesday 17. November", with or without its year
_DATED_WEEKDAY = re.compile(
    rf"\b(?P<wd>{_DAY_NAME}),?\s+{_MONTH_DAY}"
    r"(?:,?\s+(?:19|20)\d\d\b)?",
    re.IGNORECASE,
)


def _month_day(m: re.Match[str]) -> tuple[str, int]:
    month = (m.group("m1") or m.group("m2"))[:3].lower()
    return month, int(m.group("d1") or m.group("d2"))


def as_window_date(claim: str, window: str, document: str) -> str:
    """`claim` without the date it gives its one weekday ("on Tuesday, November 17" -> "on
    Tuesday") when the window names that weekday and no date, and the document prints that
    date elsewhere (a dateline: "HARNFORD, Nov 17 (Meridian) - ... on Tuesday recalled"). The
    date is then the document's, and the model, trained on changed dates, reads its absence
    from the window as a conflict. Unchanged otherwise."""
    found = list(_DATED_WEEKDAY.finditer(claim))
    if len(found) != 1:
        return claim
    m = found[0]
    if _ANY_DATE.search(window):
        return _without_weekday(claim, m, window)
    if not re.search(rf"\b{m.group('wd')}\b", window, re.IGNORECASE):
        return claim
    if _month_day(m) not in {_month_day(d) for d in _ANY_DATE.finditer(document)}:
        return claim
    return claim[: m.start()] + m.group("wd") + claim[m.end() :]


def _without_weekday(claim: str, m: re.Match[str], window: str) -> str:
    """The claim's "Monday, 3 March 2025" as "3 March 2025" where the window gives that date
    and no weekday: the model read "arrested on Monday, March 3, 2025" against "arrested on
    March 3, 2025" as a contradiction (0.97). Whether that date was a Monday is the structured
    date check's to say."""
    if re.search(rf"\b(?:{_DAY_NAME})\b", window, re.IGNORECASE):
        return claim
    if _month_day(m) not in {_month_day(d) for d in _ANY_DATE.finditer(window)}:
        return claim
    date = re.sub(rf"^{m.group('wd')},?\s+", "", m.group(0))
    if not _falls_on(m.group("wd"), date, window):
        return claim
    return claim[: m.start()] + date + claim[m.end() :]


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _falls_on(weekday: str, date: str, window: str) -> bool:
    """Whether the date ("3 March 2025"; its year, or else the window's) is that weekday. A
    date of no known year is not read without its weekday: a wrong weekday must stay seen."""
    year = _YEAR.search(date) or _YEAR.search(window)
    m = _ANY_DATE.search(date)
    if year is None or m is None:
        return False
    month, day = _month_day(m)
    try:
        number = next(n for n, name in enumerate(MONTH_NAMES, 1) if name[:3] == month[:3])
        found = datetime.date(int(year.group(0)), number, day)
    except ValueError:
        return False
    return found.strftime("%A").lower() == weekday.lower()
