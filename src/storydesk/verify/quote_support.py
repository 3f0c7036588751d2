"""Which sources back a draft sentence that only quotes someone: those that print the quotation.

'Imelda Rusk said: "Nobody is going to drive across that span on a guess."' claims one thing, that
Rusk spoke these words. A source that prints them, credited to her, backs the sentence whatever
its model score (the model reads the sentence against a window that may lack the name, and
scored this one 0.02). A source that does not print them does not back it, however close its
paraphrase ("nobody will cross the span on the basis of a supposition" is the outlet's wording,
not her words). Sentences that say more than who said the quotation keep their model verdicts:
the rest of the sentence still needs a source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Verdict
from ..quotes.diff import words
from ..quotes.speakers import ROLE_NOUNS, SPEECH_FORMS, SPEECH_LEMMAS, TITLES
from .draft_quotes import QuoteCheck

# Relations under which the sources print the draft's own words (or a longer run holding them).
PRINTED = frozenset({"verbatim", "trimmed"})
# Relations under which the sources print the quotation in other words: the outlets that print
# it in any wording still back the gist, the quotation line says what changed.
REWORDED = frozenset({"edited", "paraphrased"})
# Words of a cue that add no claim of their own: "told reporters", "said in a statement".
_CUE_WORDS = frozenset({"according", "reporters", "journalists", "statement", "interview"})
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


# The speaker's role set off by commas after the name: "Dalia Ormerod, the union's regional
# organiser, said". Its words describe who speaks, like a title before the name.
_ROLE_APPOSITIVE = re.compile(
    rf",\s+(?:the|a|an|its|their|his|her)\s+[^,\d]{{0,60}}?\b(?:{'|'.join(sorted(ROLE_NOUNS))})s?"
    r"(?:\s+(?:of|for|at)\s+[^,\d]{0,40}?)?\s*,",
    re.IGNORECASE,
)


def _speech(word: str) -> bool:
    if word in SPEECH_FORMS or word in SPEECH_LEMMAS:
        return True
    return any(word.endswith(s) and word[: -len(s)] in SPEECH_LEMMAS for s in ("s", "d", "ed"))


def attribution_only(sentence: str, quotes: Sequence[QuoteCheck]) -> bool:
    """Whether the sentence says nothing outside its quotation marks but who said the quotation:
    the speaker's name, titles and roles, a reporting verb, stop words. Any other word (a place,
    a time, "told CNN", "after the vote") is a claim the quotation does not settle."""
    rest = sentence
    for q in quotes:
        # A quotation interrupted by its attribution is in pieces; the pieces another sentence
        # holds are not this sentence's words.
        held = [p for p in q.printed if p in rest]
        if not held:
            return False  # the quotation runs over two sentences: not this sentence's alone
        for piece in held:
            rest = rest.replace(piece, " ")
    names = {
        w.lower().strip(".'’")
        for q in quotes
        for who in (q.speaker, q.credited, q.written)
        if who
        for w in _WORD.findall(who)
    }
    allowed = (STOP_WORDS, names, TITLES, ROLE_NOUNS, _CUE_WORDS)
    for word in _WORD.findall(_ROLE_APPOSITIVE.sub(" ", rest)):
        w = word.lower().strip(".'’")
        if not (any(w in words for words in allowed) or _speech(w)):
            return False
    return True


def _shown(q: QuoteCheck, v: Verdict) -> bool:
    """Whether the verdict's evidence already prints the quotation (its words, as a run)."""
    mine = " ".join(words(q.text))
    return any(mine in " ".join(words(e)) for e in v.evidence)


def _printed(v: Verdict, quotes: Sequence[QuoteCheck]) -> Verdict:
    what = "this quotation" if len(quotes) == 1 else "these quotations"
    credited = sorted({q.credited for q in quotes if q.credited})
    who = f", credited to {' and '.join(credited)}" if credited else ""
    return replace(
        v,
        label="supported",
        support=1.0,
        contradiction=0.0,
        explained=False,
        evidence=(*(f"\u201c{q.text}\u201d" for q in quotes if not _shown(q, v)), *v.evidence),
        reasons=(f"prints {what} word for word{who}", *v.reasons),
    )


def _same_speaker(q: QuoteCheck) -> bool:
    """Whether the sources credit the quotation to the person the draft does: the draft's speaker
    is among the words the sources name ("Rusk" in "Imelda Rusk"). A description ("a court
    document", "Clinton's right-hand woman") may or may not be that person: not known to be."""
    if q.speaker is None:
        return True
    named = {w.lower() for w in _WORD.findall(q.credited or "")}
    return all(w.lower() in named for w in _WORD.findall(q.speaker))


def _found(q: QuoteCheck) -> bool:
    """Whether the sources print the quotation in some wording (an altered or misattributed one
    included: check.py makes those sources contradict the sentence)."""
    return q.relation in PRINTED or q.relation in REWORDED or q.conflicting


def _backs_gist(article: str, q: QuoteCheck) -> bool:
    """Whether the article prints the quotation, in the draft's wording or another."""
    if _found(q):
        return article in q.quoted_by or article in q.printed_by or article in q.canonical_by
    return False


def _not_printed(v: Verdict, q: QuoteCheck) -> Verdict:
    if _found(q):
        why = "does not print this quotation"
    else:
        why = f"no source prints this quotation ({q.relation}: {q.reason})"
    return replace(v, label="unverified", reasons=(why, *v.reasons))


def quote_backed(
    sentence: str, verdicts: Sequence[tuple[str, Verdict]], quotes: Sequence[QuoteCheck]
) -> list[Verdict]:
    """Each (article id, verdict) pair's verdict once the sentence's quotations are read: for a
    sentence that only says who said them (`attribution_only`), a source that prints every
    quotation of it, credited to the same person, supports it, and one that prints any of them
    in no wording does not, whether or not the quotation conflicts with the sources (check.py
    makes those that print a conflicting one contradict it). Other sentences: unchanged."""
    out = [v for _, v in verdicts]
    if not quotes or not attribution_only(sentence, quotes):
        return out
    for k, (article, v) in enumerate(verdicts):
        if all(
            q.relation in PRINTED and article in q.printed_by and _same_speaker(q) for q in quotes
        ):
            out[k] = _printed(v, quotes)
            continue
        lacking = next((q for q in quotes if not _backs_gist(article, q)), None)
        if lacking is not None and v.label == "supported":
            out[k] = _not_printed(v, lacking)
    return out
