"""Why it happened: the same event given another cause than the source gives it.

"Lund and Marek were acquitted because they had cooperated with prosecutors" against "The court
acquitted them because it found insufficient evidence that either man knew of the payments";
"a faulty gas boiler may have triggered the explosion" against "a leak in the gas riser pipe may
have caused the explosion". The model reads such a pair as close (0.56 entailed on the first):
every word of the event is there, and the cause is one clause of many. The structured checks
compare doers by name, and a cause is seldom a name.

A cause here is a "because" (or "because of", "due to", "as a result of") phrase, or the doer of
a verb of causing ("caused", "triggered", "sparked") whose object is the same thing in both
sentences. The two causes differ when the claim's shares no content word with the source's, and
at least half of the claim's cause is printed nowhere in the source's article: a second cause
the article gives elsewhere ("the court also noted their cooperation") is not a conflict.
"""

from __future__ import annotations

import re

from ..model import Claim, Dispute, Role
from ..quotes.diff import STOPWORDS
from .checks import Context, make_dispute

CONFIDENCE = 0.6
_BECAUSE = re.compile(
    r"\b(?:because(?:\s+of)?|due\s+to|owing\s+to|as\s+a\s+result\s+of)\s+([^,;.:!?]+)",
    re.IGNORECASE,
)
_CAUSING = frozenset({"cause", "trigger", "spark", "set off", "ignite"})
_WORD = re.compile(r"[a-z]{3,}")


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOPWORDS}


def _stem(word: str) -> str:
    return word[:5]


def _apart(mine: str, theirs: str, document: str) -> bool:
    """Whether the claim's cause shares no content word (by its first letters: "cooperated" /
    "cooperation") with the source's, and half or more of it is nowhere in the article."""
    a, b = _content(mine), _content(theirs)
    if not a or not b or {_stem(w) for w in a} & {_stem(w) for w in b}:
        return False
    printed = {_stem(w) for w in _content(document)}
    return 2 * sum(_stem(w) not in printed for w in a) >= len(a)


_SCHEDULED = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.IGNORECASE)


def _because(text: str) -> str | None:
    """The sentence's first reason phrase; not "was due to begin", which schedules."""
    for m in _BECAUSE.finditer(text):
        if not _SCHEDULED.search(text[: m.start()]):
            return m.group(1).strip()
    return None


def _caused(claim: Claim) -> dict[str, Role]:
    """What the sentence says caused each thing: the patient of a verb of causing in the past
    ("caused", "may have triggered"; not "causing", whose doer is the clause's) -> its role.
    Only a cause that is no name: who did it is the actor check's."""
    return {
        r.patient: r for r in claim.roles
        if r.predicate in _CAUSING and r.patient and r.agent and not r.negated
        and r.agent_label is None and r.agent == r.agent.lower()
        and re.search(rf"\b{re.escape(r.predicate.split()[0][:4])}\w*ed\b", claim.text)
    }  # fmt: skip


def check_cause(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The claim gives the event a cause the source does not, where the source gives another."""
    if sim < 0.5 or a.negated != b.negated:
        return None
    document = ctx.article_text.get(b.article, "") or b.text
    found: tuple[str, str] | None = None
    ma, mb = _because(a.text), _because(b.text)
    if ma and mb and _apart(ma, mb, document):
        found = ma, mb
    if found is None:
        theirs = _caused(b)
        for what, mine in _caused(a).items():
            other = theirs.get(what)
            if other and _apart(mine.agent or "", other.agent or "", document):
                found = mine.agent or "", other.agent or ""
                break
    if found is None:
        return None
    reason = (
        f"different cause: {ctx.name(a.article)} says {found[0]}, "
        f"{ctx.name(b.article)} says {found[1]}"
    )
    return make_dispute(a, b, "cause", reason, CONFIDENCE)
