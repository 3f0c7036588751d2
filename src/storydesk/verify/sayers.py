"""Who said it: the same statement, word for word, credited to two different named sayers.

"Solvane Property Group said the last inspection had found no defects" against "Nordreg Gas
Networks ... said that the last inspection had found no defects": the statement is the source's,
the one who made it is not. The actor check leaves verbs of saying alone, because "X said"
against "Y said" is a common difference between faithful reports (a ministry and its spokesman,
two officials at one briefing), so this check asks for more than two names:

- the claim's reported words are the source's: every content word of what follows the claim's
  verb of saying is in the source's sentence;
- both sayers are named, neither name is a form of the other, and a person and an organisation
  are not named together anywhere in the source ("Reade, the Herald's reporter" / "the Herald
  reported" is whom to credit, not a dispute);
- the source's sentence does not name the claim's sayer at all ("Microsoft spokesman Jim Desler
  said" speaks for Microsoft), and its article names them elsewhere: it knows them as another
  party than the one it credits.
"""

from __future__ import annotations

import re

from ..model import Claim, Dispute, Role
from ..nlp.sentences import split_sentences
from ..quotes.diff import STOPWORDS
from ..quotes.speakers import SPEECH_LEMMAS
from .checks import Context, make_dispute, same_name

CONFIDENCE = 0.7
_PEOPLE = frozenset({"PERSON"})
_BODIES = frozenset({"ORG"})
_SAYING = re.compile(
    r"\b(?:said|says|told\s+\w+|stated|announced|confirmed|reported|added|explained)\b\s*(.*)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
_MIN_WORDS = 4


def _sayers(claim: Claim) -> list[Role]:
    return [
        r for r in claim.roles
        if r.predicate in SPEECH_LEMMAS and r.agent and r.agent_label in _PEOPLE | _BODIES
    ]  # fmt: skip


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOPWORDS}


def _mentions(text: str, name: str) -> bool:
    """Whether the text names `name` in any of its capitalised words ("Solvane" of "Solvane
    Property Group")."""
    own = [w for w in name.split() if w[:1].isupper() and len(w) > 2]
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in own)


def _may_speak_for(mine: Role, theirs: Role, x: str, y: str, document: str) -> bool:
    """A person and an organisation (as the parser tags them, which often takes a company for
    a person) that a sentence of the document names together: "Jon Rees, a Varn spokesman"
    speaks for Varn, and "Varn said" is whom to credit."""
    if {mine.agent_label, theirs.agent_label} in (_PEOPLE, _BODIES):
        return False
    return any(_mentions(s, x) and _mentions(s, y) for s in split_sentences(document))


def check_sayer(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The claim credits the source's reported words to another named sayer, one the source's
    article names elsewhere and never beside the sayer it credits."""
    m = _SAYING.search(a.text)
    said = _content(m.group(1)) if m else set()
    if len(said) < _MIN_WORDS or not said <= _content(b.text):
        return None
    document = ctx.article_text.get(b.article, "") or b.text
    for mine in _sayers(a):
        x = mine.agent_names[0] if mine.agent_names else mine.agent or ""
        if _mentions(b.text, x) or not _mentions(document, x):
            continue
        for theirs in _sayers(b):
            y = theirs.agent_names[0] if theirs.agent_names else theirs.agent or ""
            if same_name(x, y) or _may_speak_for(mine, theirs, x, y, document):
                continue
            reason = (
                f"different sayer: {ctx.name(a.article)} credits the words to {x}, "
                f"{ctx.name(b.article)} to {y}"
            )
            return make_dispute(a, b, "actor", reason, CONFIDENCE)
    return None
