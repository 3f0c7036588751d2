"""Paragraphs and sentences by rule, for the paths that cannot afford a parse per document.

The brief's claims come from spaCy's sentences; the verifier's evidence windows, its features and
the draft checker split whole documents on every check, so they use these rules instead. One
splitter for all of them: evidence windows are what the cross-encoder reads, in training and at
run time alike, and a window cut at "Mr." or "p.m." hands the model half a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PARAGRAPH = re.compile(r"[^\n]+")
# "MARROWPORT, Oct 14 (Harbour Wire) - " / "TOKYO (Reuters) — ": metadata, not part of the claim,
# and a parser reads the city as the sentence's subject. CNN's house style glues the credit to
# the first word with no dash ("Washington (CNN)ISIS is ...", "(CNN)He's ..."): a parenthesis
# closed right against a capital letter never happens in running prose.
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}(?:,[^()\n\-–—]{1,30})?(?:\s*\([^)\n]{1,40}\))?\s*[-–—]+\s+"
    r"|^(?:[A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,3} ?)?\([A-Z][\w .&'’-]{0,30}\)(?=[A-Z“\"‘])"
)
# A candidate end: sentence punctuation, any closing marks, space, then what may open a sentence.
_CANDIDATE = re.compile(r"[.!?][\"”’)\]]*(\s+)(?=[\"“‘(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([\w.’'-]+)[.!?]$")
_NEXT_WORD = re.compile(r"[\"“‘(\[]?([\w’'-]+)")
# Words that end in a period inside sentences: titles before a name, "St." and "Mt." in place
# names, "No." before a number. "Inc.", "Corp.", "Ltd." and "etc." are left out: they end
# sentences as often as not (company suffixes go by the next word, as dotted abbreviations do).
_ABBREVIATED = frozenset(
    """mr mrs ms dr prof gov sen rep gen lt col capt sgt cmdr adm maj brig rev hon pres supt insp
    det cpl pvt st mt ft jr sr no nos vol fig vs atty dept univ""".split()  # noqa: SIM905
)
_COMPANY = frozenset({"co", "inc", "corp", "ltd", "plc", "llc", "bros"})
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())  # noqa: SIM905
# The calendar's month names, for every reader of dates (verify.checks builds on them).
MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# Capitalised words that open sentences. After a dotted abbreviation ("U.S.", "p.m.") a word like
# these starts a new sentence ("... in the U.S. The company"); a name goes on with the old one
# ("the U.S. Senate", "10 p.m. Paris time").
_OPENER_WORDS = """the a an he she it they we i you his her its their our this that these those
there here in on at for but and or so yet if when while after before as by from to with without
what who why how where which one two some many most all no not none meanwhile however also still
then now later earlier since during despite although though because instead police officials"""
_OPENERS = frozenset(_OPENER_WORDS.split())


# A "paragraph" longer than this (a whole text on one line) is parsed in pieces: spaCy refuses
# texts over its max_length (1,000,000 characters) and needs about 1 GB per 100,000 for a parse.
MAX_PARAGRAPH_CHARS = 20_000
_PIECE_END = re.compile(r"[.!?][\"”’)\]]*\s+|\s+")


def _pieces(start: int, para: str) -> Iterator[tuple[int, str]]:
    """A long paragraph in pieces of at most MAX_PARAGRAPH_CHARS, each ending after the last
    sentence end in its span, else the last space, else cut hard (one endless word)."""
    while len(para) > MAX_PARAGRAPH_CHARS:
        head = para[:MAX_PARAGRAPH_CHARS]
        ends = list(_PIECE_END.finditer(head))
        sentence_ends = [m for m in ends if not m.group().isspace()]
        cut = (sentence_ends or ends)[-1].end() if ends else MAX_PARAGRAPH_CHARS
        yield start, para[:cut]
        para, start = para[cut:], start + cut
    yield start, para


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for each non-empty line, datelines cut off; no sentence crosses a
    line. A line over MAX_PARAGRAPH_CHARS comes in pieces, cut at sentence ends."""
    for m in _PARAGRAPH.finditer(text):
        para, start = m.group(), m.start()
        dateline = _DATELINE.match(para)
        if dateline:
            para, start = para[dateline.end() :], start + dateline.end()
        if para.strip():
            yield from _pieces(start, para)


def _continues(before: str, after: str) -> bool:
    """Whether the period that ends `before` belongs to an abbreviation whose sentence goes on
    into `after`."""
    last = _LAST_WORD.search(before)
    nxt = _NEXT_WORD.match(after)
    if not last or not before.endswith("."):
        return False
    word = last.group(1)
    bare = word.rstrip(".").lower()
    if (bare in _ABBREVIATED and (word[0].isupper() or bare == "vs")) or (
        len(word) == 1 and word.isupper()
    ):
        return True  # "Mr. Smith", "ranked No. 1", "James W. Pennebaker"
    if bare in _MONTHS:
        return bool(nxt and nxt.group(1)[0].isdigit())  # "Oct. 14"
    if bare.isdigit() and len(bare) <= 2 and nxt and nxt.group(1).lower() in MONTH_NAMES:
        return True  # "Tuesday 17. November": a day in the German and Nordic style
    if "." in word or bare in _COMPANY:  # "U.S.", "p.m.", "Co. Inc.": the next word decides
        return bool(nxt and nxt.group(1).lower() not in _OPENERS and not nxt.group(1).isdigit())
    return False


def split_sentences(text: str) -> list[str]:
    """Sentences by punctuation, never across lines, with closing quotes kept on the sentence
    they close."""
    out: list[str] = []
    for _, para in paragraphs(text):
        start = 0
        for m in _CANDIDATE.finditer(para):
            end = m.start(1)
            if _continues(para[start:end].rstrip('"”’)]'), para[m.end() :]):
                continue
            out.append(para[start:end].strip())
            start = m.end()
        out.append(para[start:].strip())
    return [s for s in out if s]
