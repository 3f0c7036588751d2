"""A cause the sources only suspect, told as established: "The outbreak was caused by a chicken
and rice dish" where the source says "we are treating the chicken dish as the most likely source,
but ... we cannot say that with certainty"; "The crush was caused by a bottleneck" where
"investigators believe a bottleneck formed".

`hedges.dropped_hedge` reads a hedge on the claim's own verb, with the same doer and object; a
retold cause seldom keeps either ("was caused by" for "the most likely source", "believe ...
formed"). This reads the cause itself: the claim states one firmly (a "caused by", "because of"
or "due to" phrase, or the doer of "caused", "triggered", "sparked"), the source's article
writes its words only in sentences that hedge ("likely", "may", "believe", "suspected",
"preliminary", "not yet confirmed", "whether"), and in none that states a cause without a hedge.
A caution, like every dropped hedge: the claim may be right, the sources do not yet say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Claim, Dispute
from ..nlp.sentences import split_sentences
from ..quotes.diff import STOPWORDS
from .causes import _because, _caused
from .checks import Context, make_dispute
from .hedges import CONFIDENCE, firm_words

_CAUSED_BY = re.compile(
    r"\b(?:caused|triggered|sparked|started|set\s+off)\s+by\s+([^,;.:!?]+)|"
    r"\bblamed\s+on\s+([^,;.:!?]+)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]{3,}")
# Words that leave a cause open. Not "suspects", which names people as often.
_HEDGING = re.compile(
    r"\b(?:may|might|could(?!\s+(?:not|never)\b)|likely|possible|possibly|probable|probably|suspected|believe[sd]?|"
    r"thought|suggest(?:s|ed)?|preliminary|initial|appears?|appeared|seems?|unconfirmed|"
    r"whether|focusing|examining|investigating)\b|"
    r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|established|clear|known)\b|"
    r"\bcannot\s+(?:yet\s+)?say\b|\bunclear\b",
    re.IGNORECASE,
)
_CAUSAL = re.compile(
    r"\b(?:caus\w*|because|due\s+to|blamed|trigger\w*|spark\w*|result\w*|led\s+to|source)\b",
    re.IGNORECASE,
)
_CAUSE_WORDS = 3  # the cause's first content words: "a chicken and rice dish served at ..."


def _cause_words(claim: Claim) -> list[str]:
    """The first content words of the cause the claim states, [] where it states none."""
    phrase = None
    if (m := _CAUSED_BY.search(claim.text)) is not None:
        phrase = m.group(1) or m.group(2)
    phrase = phrase or _because(claim.text)
    if phrase is None:
        doers = [r.agent for r in _caused(claim).values() if r.agent]
        phrase = doers[0] if doers else None
    if phrase is None:
        return []
    words = [w for w in _WORD.findall(phrase.lower()) if w not in STOPWORDS]
    return words[:_CAUSE_WORDS]


def _holds(sentence: str, words: list[str]) -> bool:
    """Whether the sentence writes every cause word, or all but one of three (by their first
    five letters: "bottleneck" / "bottlenecks")."""
    theirs = {w[:5] for w in _WORD.findall(sentence.lower())}
    found = sum(w[:5] in theirs for w in words)
    return found == len(words) or (len(words) >= 3 and found >= len(words) - 1)


def _hedge_on(sentence: str, words: list[str]) -> str | None:
    """The hedge written in the same clause as a cause word (no comma or semicolon between
    them): not "Although it is unclear whether Sobig was to blame, the Times shut down its
    computers because of system difficulties"."""
    lowered = sentence.lower()
    at = [m.start() for w in words for m in re.finditer(rf"\b{re.escape(w[:5])}", lowered)]
    for hedge in _HEDGING.finditer(sentence):
        for p in at:
            between = sentence[min(p, hedge.end()) : max(p, hedge.start())]
            if not re.search(r"[,;:]", between):
                return hedge.group(0).lower()
    return None


def _sentences(document: str) -> Iterator[tuple[int, int, str]]:
    at = 0
    for k, sentence in enumerate(split_sentences(document)):
        start = max(document.find(sentence, at), at)
        at = start
        yield k, start, sentence


def hedged_cause(claim: Claim, article: str, ctx: Context) -> Dispute | None:
    """The claim states a cause that the article writes only in hedged sentences."""
    words = _cause_words(claim)
    document = ctx.article_text.get(article, "")
    if not words or not document or not firm_words(claim):
        return None
    hedged: tuple[int, int, str, str] | None = None
    for k, start, sentence in _sentences(document):
        if not _holds(sentence, words):
            continue
        hedge = _hedge_on(sentence, words)
        if hedge is None and _CAUSAL.search(sentence):
            return None  # the article states a cause with these words
        if hedge is not None and hedged is None:
            hedged = k, start, sentence, hedge
    if hedged is None:
        return None
    k, start, sentence, word = hedged
    other = Claim(f"{article}:{k}", article, k, start, start + len(sentence), sentence)
    reason = (
        f"certainty differs: {ctx.name(article)} hedges the cause ('{word}'), "
        f"{ctx.name(claim.article)} states it as fact"
    )
    return make_dispute(claim, other, "modality", reason, CONFIDENCE)
