"""An evidence window's "failed to act" read as "did not act", for the model only.

"Failed to", "refused to", "declined to" and their kin deny their complement as surely as "did
not" (nlp.roles reads them so for the structured checks). The cross-encoder does not: against
"... but failed to act" it read the claim "... but it did not act on them" as a contradiction
(0.89) and the same claim against "... but did not act" as neutral at worst. Where the claim
writes a denial, the model also reads the window with the implicative written as one; as with the
other extra readings, the more supportive reading counts and the evidence shown is the window as
written.
"""

from __future__ import annotations

import re

_PAST = re.compile(r"\b(failed|refused|declined|neglected|forgot)\s+to\b")
_PRESENT = re.compile(r"\b(fails|refuses|declines|neglects|forgets)\s+to\b")
_DENIAL = re.compile(r"\b(?:not|never)\b|n[’']t\b", re.IGNORECASE)


def as_denial(claim: str, window: str) -> str | None:
    """The window with "failed to X" as "did not X" ("fails to" as "does not"), where the claim
    writes a denial and the window an implicative; else None."""
    if not _DENIAL.search(claim):
        return None
    read = _PRESENT.sub("does not", _PAST.sub("did not", window))
    return read if read != window else None
