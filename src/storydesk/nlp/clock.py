"""Clock times in one form: "10:40 pm", "10.40 p.m." and "22:40" are one time.

Outlets write the time of an event on the 12-hour or the 24-hour clock, and a retelling may
switch: the coverage features would find "10" and "40" of "10:40 pm" missing from a source
that says "22:40", and the cross-encoder reads the two as different times.
"""

from __future__ import annotations

import re

_TWELVE = re.compile(
    r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>[ap])(?:\.\s?m\.|\s?m\b)",
    re.IGNORECASE,
)
# Only with a colon: "12.15" is as often a sum as a time.
_TWENTY_FOUR = re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b(?!\s*[ap]\.?\s?m\b)")


def _hours(m: re.Match[str]) -> tuple[int, int]:
    hour, minute = int(m.group("h")) % 12, int(m.group("m") or 0)
    return hour + (12 if m.group("ap").lower() == "p" else 0), minute


def on_24_hour_clock(text: str) -> str:
    """The text with its 12-hour times ("10:40 pm", "9 a.m.") written as "22:40", "09:00"."""
    return _TWELVE.sub(lambda m: "{:02d}:{:02d}".format(*_hours(m)), text)


def hours_on_24_hour_clock(text: str) -> dict[float, float]:
    """Each 12-hour time's hour as written -> that hour on the 24-hour clock ("10:40 pm": 10 ->
    22), so a figure "10" of the text may be found as another text's "22:40"."""
    return {float(m.group("h")): float(_hours(m)[0]) for m in _TWELVE.finditer(text)}


def times(text: str) -> set[tuple[int, int]]:
    """The (hour, minute) of every clock time in the text, on either clock."""
    text = on_24_hour_clock(text)
    return {(int(m.group("h")), int(m.group("m"))) for m in _TWENTY_FOUR.finditer(text)}


def as_window_time(claim: str, window: str) -> str:
    """The claim with each 12-hour time written as the window writes it where the window gives
    that time on the 24-hour clock ("10:40 pm" -> "22:40"), and the other way round; unchanged
    where the window gives no such time."""
    theirs = {(h, mi): m.group(0) for m in _TWELVE.finditer(window) for h, mi in [_hours(m)]}
    plain = on_24_hour_clock(window)
    for m in _TWENTY_FOUR.finditer(plain):
        theirs.setdefault((int(m.group("h")), int(m.group("m"))), m.group(0))

    def written(m: re.Match[str], hm: tuple[int, int]) -> str:
        return theirs.get(hm, m.group(0))

    claim = _TWELVE.sub(lambda m: written(m, _hours(m)), claim)
    if _TWELVE.search(window):
        claim = _TWENTY_FOUR.sub(
            lambda m: written(m, (int(m.group("h")), int(m.group("m")))), claim
        )
    return _DOUBLED.sub(".", claim)  # "at 10:40 p.m." written where the claim had "22:40."


_DOUBLED = re.compile(r"(?<=m)\.\.(?!\.)")
