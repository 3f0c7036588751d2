"""A day in the claim written the way the evidence window writes it, for the model only.

One outlet writes "on Friday", another "yesterday": the same day, seen from a publication date
the checker often does not have. The cross-encoder, trained on changed dates, reads the pair as a
contradiction ("Lao officials on Friday called on France ..." against "Laotian officials
yesterday called on France ...": 0.92). When the window gives a relative day and no weekday and
the claim the other way round, the claim is read with the window's word. The structured date and
weekday checks still compare the texts as written, and a weekday against a weekday is left alone.
"""

from __future__ import annotations

import re

_WEEKDAY = re.compile(
    r"\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.IGNORECASE
)
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
