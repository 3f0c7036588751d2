"""Find direct quotations in an article's cleaned text and turn them into Quote records.

Quotation marks are paired by a small state machine over paragraphs (the parser never sees a
sentence cross lines, see nlp.sentences.paragraphs), because marks follow typographic conventions a
tokenizer does not know: a quotation that runs over paragraphs reopens each paragraph without
closing the previous one, an unclosed quotation ends where the next one opens, and apostrophes
(don't, Japan’s) are never quotation marks. Speakers are found by quotes.cues on the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..model import Article, Quote
from ..nlp.claims import ParsedParagraph, parse_paragraphs
from ..nlp.sentences import paragraphs
from .cues import attribute
from .speakers import PRONOUNS, ArticleParse, Attribution

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_STRAIGHT = '"'
_ALL_DOUBLE = _DOUBLE_OPEN + _DOUBLE_CLOSE + _STRAIGHT
_SINGLE_OPEN = "‘'"
_SINGLE_CLOSE = "’'"
_BEFORE_OPENER = "([{—–-/"
# An unclosed quotation often swallows its own attribution ("... development, Mao Ning said in a
# briefing last week. "It should..."): a trailing ", <= 25 words with a speech verb." is cut off.
_EMBEDDED_CUE = re.compile(
    r"\b(said|says|told|tells|added|adds|stated|explained|noted|wrote|stressed|insisted|argued|"
    r"declared|asked|continued|according)\b",
    re.IGNORECASE,
)
_MAX_CUE_WORDS = 25
_MIN_PARTIAL_WORDS = 3  # shorter fragments inside a sentence are scare quotes, names or titles
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class QSpan:
    """Content of one quotation (article offsets, marks excluded) and how it ended."""

    start: int
    end: int
    closed: bool


def _shape(text: str, i: int) -> tuple[bool, bool]:
    """(looks like an opener, looks like a closer) from the characters around position i."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opener = (prev.isspace() or prev in _BEFORE_OPENER) and not nxt.isspace()
    closer = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    return opener, closer


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in (".", "!", "?", "…")


@dataclass
class _Scanner:
    """Pairs double quotation marks over an article's paragraphs (see module docstring)."""

    text: str
    spans: list[QSpan]
    open_at: int | None = None  # offset just after the current opening mark
    opener: str = ""
    depth: int = 0
    skip: int | None = None  # the re-opening mark of a continued paragraph

    def emit(self, end: int, closed: bool) -> None:
        if self.open_at is not None and end > self.open_at:
            self.spans.append(QSpan(self.open_at, end, closed))
        self.open_at, self.depth = None, 0

    def open(self, pos: int, ch: str) -> None:
        self.open_at, self.opener, self.depth = pos + 1, ch, 1

    def mark(self, para: str, i: int, pos: int) -> None:
        ch = para[i]
        looks_open, looks_close = _shape(para, i)
        if self.open_at is None:
            # A closer with nothing open, or a straight mark glued to a word (5'10"), opens nothing.
            if ch in _DOUBLE_CLOSE + _STRAIGHT and not looks_open:
                return
            self.open(pos, ch)
            return
        # „German“ closes with the English opening mark; and an opening mark typed where the
        # closing one belongs ("“We will,“ she said"), glued to the word before it and followed
        # by a space, can only close.
        closes = (self.opener == "„" and ch == "“") or (
            ch in _DOUBLE_OPEN and looks_close and not looks_open
        )
        if not closes and (ch in _DOUBLE_OPEN or (looks_open and not looks_close)):
            if _ends_sentence(self.text[self.open_at : pos]):
                self.emit(pos, closed=False)  # the previous quotation never closed
                self.open(pos, ch)
            elif ch in _DOUBLE_OPEN:
                self.depth += 1  # a quotation inside the quotation
            else:
                self.emit(pos, closed=True)
            return
        if self.depth > 1:
            self.depth -= 1
            return
        self.emit(pos, closed=True)

    def paragraph(self, off: int, para: str, nxt: tuple[int, str] | None) -> None:
        for i, ch in enumerate(para):
            if ch in _ALL_DOUBLE and off + i != self.skip:
                self.mark(para, i, off + i)
        if self.open_at is None:
            return
        lead = nxt[1].lstrip() if nxt else ""
        if nxt is not None and lead[:1] and lead[0] in _DOUBLE_OPEN + _STRAIGHT:
            # Journalistic convention: a quotation continuing into the next paragraph reopens it
            # without closing this one; that reopening mark is not a new quotation.
            self.skip = nxt[0] + len(nxt[1]) - len(lead)
            return
        self.emit(off + len(para.rstrip()), closed=False)


def _single_opener(para: str, i: int) -> bool:
    prev = para[i - 1] if i else " "
    nxt = para[i + 1] if i + 1 < len(para) else " "
    return para[i] in _SINGLE_OPEN and (prev.isspace() or prev in _BEFORE_OPENER) and nxt.isalpha()


def _british(para: str, singles: list[QSpan], off: int) -> bool:
    """Whether the paragraph quotes with single marks, its double marks all inside them: the
    quotation inside the quotation ('He shouted "run",' she said). A scare quote ('flagship')
    or an elision ('n', 'Til) before a double-quoted quotation leaves the double marks
    theirs."""
    inside = [(s.start - off, s.end - off) for s in singles]
    doubles = [i for i, ch in enumerate(para) if ch in _ALL_DOUBLE]
    return bool(inside) and all(any(a <= i < b for a, b in inside) for i in doubles)


def _single_closer(para: str, i: int) -> bool:
    """A single mark that may close: after a word or punctuation, before no letter or digit.
    "The firefighters' response" is a plural possessive, not a closer, where a mark that can
    only close follows before any quotation opens ('The firefighters' response,' he said); one
    of the same shape further on proves nothing ('the landlords' and the tenants' union)."""
    prev = para[i - 1] if i else " "
    nxt = para[i + 1] if i + 1 < len(para) else " "
    if prev.isspace() or nxt.isalnum() or para[i] not in _SINGLE_CLOSE:
        return False
    if _possessive_shape(para, i):
        for k in range(i + 1, len(para)):
            if _single_opener(para, k):
                return True  # another quotation opens first: this one closed
            sure = not para[k + 1 : k + 2].isalnum() and not _possessive_shape(para, k)
            if para[k] in _SINGLE_CLOSE and not para[k - 1].isspace() and sure:
                return False  # a sure closer follows: this was the possessive
    return True


def _possessive_shape(para: str, i: int) -> bool:
    """A mark after an s and before a word: a plural possessive ("the tenants' union") or a
    quotation ending in a plural ('a gift to the landlords' and ...)."""
    return para[i - 1 : i] == "s" and para[i + 1 : i + 2] == " " and para[i + 2 : i + 3].isalpha()


def _single_spans(off: int, para: str, nxt: str | None) -> Iterator[QSpan]:
    """Top-level single quotation marks ('Yes,' she said). Apostrophes sit between letters or
    after one, so they never open a quotation; a quotation still open at the end of the
    paragraph runs to its end when the next paragraph reopens it (the convention for a
    quotation over several paragraphs)."""
    open_at: int | None = None
    for i, ch in enumerate(para):
        if open_at is None:
            if _single_opener(para, i):
                open_at = i + 1
        elif ch in _SINGLE_CLOSE:
            prev = para[i - 1] if i else " "
            nxt_ch = para[i + 1] if i + 1 < len(para) else " "
            if prev.isalpha() and nxt_ch.isalpha():
                continue  # don't, it’s
            if _single_closer(para, i):
                if len(_WORD.findall(para[open_at:i])) >= 2:
                    yield QSpan(off + open_at, off + i, True)
                open_at = None
    lead = (nxt or "").lstrip()
    if open_at is not None and lead and _single_opener(lead, 0):
        end = len(para.rstrip())
        if len(_WORD.findall(para[open_at:end])) >= 2:
            yield QSpan(off + open_at, off + end, False)


def _cut_embedded_cue(text: str, span: QSpan) -> QSpan:
    """Cut ", <attribution clause>." off the end of an unclosed quotation."""
    segment = text[span.start : span.end]
    if not _ends_sentence(segment):
        return span
    for m in reversed(list(re.finditer(r",\s", segment))):
        rest = segment[m.end() :]
        if len(rest.split()) > _MAX_CUE_WORDS:
            break
        if _EMBEDDED_CUE.search(rest) and not re.search(r"[.!?]\s", rest.rstrip()):
            return QSpan(span.start, span.start + m.start(), span.closed)
    return span


def find_spans(text: str) -> list[QSpan]:
    """Every quotation's content span in `text`, in order. Never raises on odd marks."""
    paras = list(paragraphs(text))
    spans: list[QSpan] = []
    scanner = _Scanner(text, spans)
    for k, (off, para) in enumerate(paras):
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if scanner.open_at is None:
            singles = list(_single_spans(off, para, nxt[1] if nxt else None))
            if not any(c in _ALL_DOUBLE for c in para) or _british(para, singles, off):
                spans.extend(singles)
                continue
        scanner.paragraph(off, para, nxt)
    if scanner.open_at is not None:  # defensive: the text ended inside a quotation
        scanner.emit(len(text.rstrip()), closed=False)
    out = []
    for span in spans:
        span = _cut_embedded_cue(text, span) if not span.closed else span
        raw = text[span.start : span.end]
        start = span.start + len(raw) - len(raw.lstrip())
        # The comma before a closing mark is the reporter's sentence punctuation ("...takes," she
        # said), not the speaker's words.
        end = span.start + len(raw.rstrip().rstrip(",").rstrip())
        if end > start and _WORD.search(text[start:end]):
            out.append(QSpan(start, end, span.closed))
    return out


def is_partial(text: str, span: QSpan) -> bool:
    """A fragment inside the reporter's own sentence: starts lower-case after a word."""
    first = next((c for c in text[span.start : span.end] if c.isalpha()), "")
    before = text[: span.start - 1].rstrip()
    after_word = bool(before) and before[-1] not in ".!?:,;—–-\n" and not before.endswith("\n")
    return first.islower() and after_word


_SMALL_WORDS = frozenset({"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "at", "by"})


def is_title(text: str, span: QSpan) -> bool:
    """A name of a work, show or campaign inside the reporter's sentence ('Rand's "Atlas
    Shrugged"', 'a program called "The Overthrow Show,"'): two to six words, all capitalised
    but the small ones, right after a word. Nobody is quoted by it."""
    inside = _WORD.findall(text[span.start : span.end])
    before = text[: span.start - 1].rstrip()
    after_word = bool(before) and before[-1].isalnum()
    if not after_word or not 2 <= len(inside) <= 6:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in inside)


_REOPEN = re.compile(r"\s*[\"“„«‘']?\s*")


def _paragraph_pieces(text: str, span: QSpan) -> list[tuple[int, int]]:
    """A quotation over several paragraphs, one piece per paragraph, without the paragraph
    break and the mark that reopens the next one; one piece when it stays in one paragraph."""
    pieces, at = [], span.start
    for m in re.finditer(r"\n", text[span.start : span.end]):
        brk = span.start + m.start()
        if text[at:brk].strip():
            pieces.append((at, len(text[:brk].rstrip())))
        at = brk + 1
        at += len(_REOPEN.match(text, at).group(0))  # type: ignore[union-attr]
    if text[at : span.end].strip():
        pieces.append((at, span.end))
    return pieces


def _quote(article: Article, n: int, span: QSpan, who: Attribution | None, partial: bool) -> Quote:
    pieces = _paragraph_pieces(article.text, span)
    return Quote(
        id=f"{article.id}:q{n}",
        article=article.id,
        text=" ".join(article.text[a:b] for a, b in pieces),
        parts=tuple(pieces) if len(pieces) > 1 else (),
        start=span.start,
        end=span.end,
        speaker=who.speaker if who else None,
        speaker_text=who.speaker_text if who else None,
        cue=who.cue if who else None,
        partial=partial,
        closed=span.closed,
        speaker_start=who.start if who else None,
        speaker_end=who.end if who else None,
    )


@dataclass(frozen=True)
class Extracted:
    quote: Quote
    names: frozenset[str]  # every name word of the speaker ("yoshimasa", "hayashi")
    written: str | None = None  # the speaker as named: the cue's words, or what "he" resolved to
    # What the article calls a named speaker: titles and apposition words, lemmas ("a
    # representative for NATO" -> representative, for, nato); lets another outlet's role match.
    titles: frozenset[str] = frozenset()
    # The speaker was carried over from the quotation before (no cue of its own nearby): a
    # reading, not something the article says outright at this quotation.
    carried: bool = False


# Reporter words allowed between two pieces of one interrupted quotation: the attribution only
# ("," harbour master Joan Pike told reporters on Tuesday, ").
_MAX_INTERRUPTION_WORDS = 12


# Words that open a clause of the reporter's own inside the gap: what follows is not the cue
# ("Reyes said, but engineer Ada Quist disagreed", "Okafor said, adding that 300 homes ...").
# A relative or time clause about the speaker ("Okoye, who has worked at the dam since 2009,";
# "said as crews walked the crest") is still the cue.
_GAP_CLAUSE = frozenset(
    {"but", "while", "before", "after", "adding", "whereas", "although", "though", "because",
     "then", "and", "yet", "so"}
)  # fmt: skip
_ASKED = re.compile(r"\b(?:was|were|is|are|been)\s+asked\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;]\s")


def _interrupted(
    text: str,
    before: tuple[QSpan, Attribution | None, bool] | None,
    span: QSpan,
    who: Attribution | None,
    partial: bool,
) -> bool:
    """Whether `span` continues the quotation `before`, cut in two by its attribution: one
    paragraph, the same speaker, and nothing between the pieces but the cue naming them."""
    if before is None or partial or who is None:
        return False
    first, first_who, first_partial = before
    if (
        first_partial
        or first_who is None
        or who.speaker is None
        or who.speaker != first_who.speaker
        or first_who.start is None
        or first_who.end is None
    ):
        return False
    own_cue = who.cue is not None and who.start != first_who.start
    if own_cue and (who.speaker_text or "").lower() not in PRONOUNS:
        return False  # the piece has a cue naming its own speaker: another statement, or person
    gap = text[first.end : span.start]
    if "\n" in gap or len(_WORD.findall(gap)) > _MAX_INTERRUPTION_WORDS:
        return False
    if not first.end <= first_who.start < span.start:
        return False  # the cue lies elsewhere: two statements, not one interrupted
    if _ASKED.search(gap):
        return False  # a question put to the speaker ("Reyes was asked"), then the answer
    # One sentence of attribution, nothing after it: in '... Okoye said. Vance disagreed. "..."'
    # the second sentence is about someone else.
    after_cue = gap[first_who.end - first.end :]
    cut = _SENTENCE_END.search(after_cue)
    if cut is not None and _WORD.search(after_cue[cut.end() :]):
        return False
    rest = text[first.end : first_who.start] + " " + text[first_who.end : span.start]
    words = [w.lower() for w in _WORD.findall(rest)]
    verbs = [v for v in _EMBEDDED_CUE.findall(rest) if v.lower() != "according"]
    return len(verbs) <= 1 and not _GAP_CLAUSE.intersection(words)


def _joined(article: Article, quote: Quote, span: QSpan) -> Quote:
    """`quote` with the piece at `span` added after it."""
    # The comma before the closing mark is the reporter's: it stands for the speaker's full stop
    # when the next piece opens a sentence ("... difficult," he said. "Be patient."), and for
    # nothing when it goes on ("... the harbour," said Pike, "until the oil is gone.").
    piece = article.text[span.start : span.end]
    opens = next((c for c in piece if c.isalpha()), "").isupper()
    sep = ". " if opens and not _ends_sentence(quote.text) else " "
    return replace(
        quote,
        text=f"{quote.text}{sep}{piece}",
        end=span.end,
        closed=quote.closed and span.closed,
        parts=(*quote.spans, (span.start, span.end)),
    )


def article_quotes(article: Article, parse: ArticleParse) -> list[Extracted]:
    spans = find_spans(article.text)
    parse.quote_spans = [(s.start, s.end) for s in spans]
    out: list[Extracted] = []
    previous: tuple[QSpan, Attribution | None] | None = None
    kept: tuple[QSpan, Attribution | None, bool] | None = None  # the last quotation in `out`
    for span in spans:
        partial = is_partial(article.text, span)
        who = attribute(parse, span.start, span.end, partial, previous)
        carried = who is not None and previous is not None and who is previous[1]
        previous = (span, who)
        if is_title(article.text, span):
            kept = None
            continue
        if partial and (
            who is None
            or len(_WORD.findall(article.text[span.start : span.end])) < _MIN_PARTIAL_WORDS
        ):
            kept = None
            continue  # scare quotes and titles: a fragment nobody is said to have spoken
        if _interrupted(article.text, kept, span, who, partial):
            out[-1] = replace(out[-1], quote=_joined(article, out[-1].quote, span))
            kept = (span, kept[1] if kept else who, False)
            continue
        kept = (span, who, partial)
        quote = _quote(article, len(out) + 1, span, who, partial)
        written = (who.antecedent or who.speaker_text) if who else None
        titles = parse.titles_of(who.speaker) if who and who.speaker else frozenset()
        names = who.names if who else frozenset()
        out.append(Extracted(quote, names, written, titles, carried))
    return out


def extract(nlp: Any, articles: Iterable[Article], batch_size: int = 64) -> list[Extracted]:
    """Quotations of all articles; paragraphs are parsed in one batched pass."""
    articles = tuple(articles)
    return extract_parsed(articles, parse_paragraphs(nlp, articles, batch_size))


def extract_parsed(
    articles: Iterable[Article], parses: Sequence[ParsedParagraph]
) -> list[Extracted]:
    """Quotations of all articles from their parsed paragraphs (the parse stage's)."""
    articles = tuple(articles)
    by_article = {a.id: ArticleParse(a.text) for a in articles}
    for parsed in parses:
        if parsed.article in by_article:
            by_article[parsed.article].paras.append((parsed.offset, parsed.doc))
    out: list[Extracted] = []
    for article in articles:
        out.extend(article_quotes(article, by_article[article.id]))
    return out
