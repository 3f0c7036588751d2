"""A draft's quotations against the sources' quotations: did the quote survive the retelling?

Each quotation in the draft is read with its speaker (the quotes module's extractor, so split
quotes, "he said" and titles work as in a brief), then matched to the sources' quotations with the
rules that group quotations across outlets (quotes.group.pair_score: same speaker and overlapping
content, or an unnamed speaker and closely matching words). What a newsroom needs to know:

- verbatim / trimmed: the draft quotes words the sources print (the best-attested wording, or a
  contiguous part of it);
- edited / paraphrased: the words inside the marks differ from what any source prints, meaning kept;
- altered: the draft's wording changes the meaning of the best-attested one (negation, numbers or
  times differ), even when one outlet printed it that way;
- misattributed: a source prints these words, but credits another named person with them;
- unquoted: the words are in a source, but as its reporter's words, not anyone's quotation;
- unattested: no source prints anything like it.

Relations are measured against the best-attested wording among the sources (the canonical of the
quotation's group, quotes.group.canonical), never against a single outlet: a draft that copies
one outlet's altered quote is still altered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np

from ..model import Article, QuoteGroup
from ..nlp.claims import ParsedParagraph
from ..quotes.credit import credited_elsewhere
from ..quotes.diff import bases, compare, content_words, word_diff, words
from ..quotes.extract import Extracted, extract, extract_parsed, find_spans
from ..quotes.group import build_groups, classify, pair_score, speakers_agree
from ..quotes.stage import harmonise_speakers
from .synonyms import synonyms

DRAFT_ID = "draft"
# Relations that mean the sources quote someone else's words or other words: the sentence is
# contradicted with a reason a reader can check in the source.
CONFLICTING = frozenset({"altered", "misattributed"})
RELATIONS = (
    "verbatim", "trimmed", "edited", "paraphrased", "altered", "misattributed", "unquoted",
    "unattested",
)  # fmt: skip
# The same words, whoever says them: quotes.group's bar for linking without a known speaker.
MISATTRIBUTED_COSINE = 0.85
_MIN_WORDS = 3  # "historic", "very serious": shared by chance, not a quotation to check

Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class QuoteCheck:
    """One quotation of the draft, compared with what the sources print."""

    text: str  # the words inside the draft's quotation marks
    start: int  # offsets in the draft text the checks were run on (DraftText.text)
    end: int
    speaker: str | None  # whom the draft credits, normalised ("Rusk"); None when it says nobody
    relation: str  # one of RELATIONS
    reason: str
    canonical: str | None = None  # the sources' best-attested wording of this quotation
    credited: str | None = None  # whom the sources credit with it
    printed_by: tuple[str, ...] = ()  # articles that print the draft's own wording
    canonical_by: tuple[str, ...] = ()  # articles that print the canonical wording
    diff: tuple[tuple[str, str], ...] = ()  # canonical -> draft, word level
    written: str | None = None  # the speaker as the draft names them ("Mayor Imelda Rusk")
    quoted_by: tuple[str, ...] = ()  # articles that print the quotation in any wording
    # The pieces as the draft prints them, when its attribution interrupts the quotation
    # ("We will not reopen," said Pike, "until ..."): `text` joins them (Quote.parts).
    pieces: tuple[str, ...] = ()
    # Other people the sources credit these same words to, with the articles that do so
    # (quotes.credit): who said them is in dispute among the sources themselves.
    elsewhere: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # For an altered quotation, every article whose own wording the draft's change contradicts:
    # the canonical's, and an outlet printing a shorter wording the change falls in.
    altered_in: tuple[str, ...] = ()

    @property
    def against(self) -> tuple[str, ...]:
        """The articles a conflicting quotation contradicts."""
        return self.altered_in or self.canonical_by

    @property
    def printed(self) -> tuple[str, ...]:
        """The quotation's words as runs of the draft's text: its pieces, or `text` whole."""
        return self.pieces or (self.text,)

    @property
    def conflicting(self) -> bool:
        return self.relation in CONFLICTING


@dataclass(frozen=True)
class DraftText:
    """The draft's sentences joined into one text, with each sentence's offsets in it."""

    text: str
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, sentences: Sequence[str]) -> DraftText:
        """One sentence per line: a cue never reaches across into the next sentence (`"...
        investigated" Vitter said: "..."` would credit Vitter with both quotations)."""
        spans, at = [], 0
        for s in sentences:
            spans.append((at, at + len(s)))
            at += len(s) + 1
        return cls("\n".join(sentences), tuple(spans))

    def sentences_of(self, start: int, end: int) -> list[int]:
        """Indexes of the sentences a quotation at [start, end) overlaps (it may run over two)."""
        return [k for k, (a, b) in enumerate(self.spans) if start < b and end > a]


def _embed_default(texts: list[str]) -> np.ndarray:
    from ..nlp.models import embedder

    vectors: np.ndarray = embedder().encode(texts)
    return vectors


def _group_of(groups: Sequence[QuoteGroup], quote_id: str) -> QuoteGroup | None:
    return next((g for g in groups if any(v.quote == quote_id for v in g.variants)), None)


def _printing(group: QuoteGroup, text: str) -> tuple[str, ...]:
    """Articles in the group whose wording is `text`'s words, or contains them as a run."""
    mine = words(text)
    return tuple(
        sorted(
            {v.article for v in group.variants if words(v.text) == mine or _within(text, v.text)}
        )
    )


def _within(part: str, whole: str) -> bool:
    c = compare(whole, part)
    return c.contiguous and not c.meaning_flag


# How close a draft's quotation must be to the sources' wording for a changed word in it to be
# read as a change of what was said, not a retelling in other words: a handful of words.
SWAP_RATIO = 0.8
# Below this cosine (the sentence embedder's) a word put in place of another is no synonym. Set
# low, from the other side: the synonym pairs of benchmarks/_provenance_ops.py run from 0.38
# ("says" / "states") to 0.96, and WordNet misses many of them ("poll" / "survey"); "ending" for
# "a review of" is 0.23. A swap of related words ("salmonella" / "norovirus", 0.42) stays edited.
SYNONYM_COSINE = 0.35


def _swapped_words(canonical: str, text: str, embed: Embed) -> tuple[str, str] | None:
    """(the sources' words, the draft's) where the draft's quotation, close to the canonical
    wording, puts words of its own in place of the canonical's that are neither another form nor
    a synonym of them: "including ending the contract" for "including a review of the
    contract". A word dropped or added ("all the options", "our" for "the city's") is no
    swap."""
    if compare(canonical, text).ratio < SWAP_RATIO:
        return None
    ops = word_diff(canonical, text)
    swaps = [
        (removed, added)
        for (op1, removed), (op2, added) in pairwise(ops)
        if (op1, op2) == ("-", "+")
        and content_words(removed.split())
        and content_words(added.split())
        and not _same_word(removed.split(), added.split())
    ]
    if not swaps:
        return None
    vectors = embed([w for pair in swaps for w in pair])
    for k, pair in enumerate(swaps):
        a, b = vectors[2 * k], vectors[2 * k + 1]
        if float(a @ b) / float(np.linalg.norm(a) * np.linalg.norm(b) or 1.0) < SYNONYM_COSINE:
            return pair
    return None


def _same_word(theirs: list[str], mine: list[str]) -> bool:
    """A word of one in another form ("looking" / "look") or a WordNet synonym ("kids" /
    "children") of a word of the other."""
    for x in content_words(theirs):
        for y in content_words(mine):
            bx, by = bases(x), bases(y)
            if bx & by or any(
                synonyms(a, b, pos) for a in bx for b in by for pos in ("NOUN", "VERB", "ADJ")
            ):
                return True
    return False


def _reread_edited(found: QuoteCheck, embed: Embed) -> QuoteCheck:
    """An edited quotation (quotes.group.classify) that swaps words for others of another
    meaning (`_swapped_words`) is altered, unless a source prints the draft's wording."""
    if found.relation != "edited" or found.printed_by or found.canonical is None:
        return found
    swapped = _swapped_words(found.canonical, found.text, embed)
    if swapped is None:
        return found
    reason = f"words changed: '{swapped[1]}' for '{swapped[0]}' ({found.reason})"
    return replace(found, relation="altered", reason=reason, altered_in=found.canonical_by)


def _against_group(
    d: Extracted, sources: Sequence[Extracted], cos: np.ndarray, group: QuoteGroup
) -> QuoteCheck:
    """The draft quotation's relation to a group's canonical (best-attested) wording."""
    canon = next(k for k, s in enumerate(sources) if s.quote.id == group.canonical_quote)
    relation, _, reason = classify(group.canonical, d.quote.text, float(cos[canon]))
    elsewhere = tuple((o.speaker, o.articles) for o in group.credited_elsewhere)
    if elsewhere:
        others = " and ".join(who for who, _ in elsewhere)
        reason += f"; the sources disagree who said it (also credited to {others})"
    canonical_by = _printing(group, group.canonical)
    altered_in: tuple[str, ...] = ()
    if relation == "altered":
        altered_in = tuple(
            sorted(
                {
                    v.article
                    for v in group.variants
                    if compare(v.text, d.quote.text, both_sides=True).meaning_flag
                }
                | set(canonical_by)
            )
        )
    return QuoteCheck(
        text=d.quote.text,
        start=d.quote.start,
        end=d.quote.end,
        speaker=d.quote.speaker,
        relation=relation,
        reason=reason,
        canonical=group.canonical,
        credited=group.speaker_name or group.speaker,
        printed_by=_printing(group, d.quote.text),
        canonical_by=canonical_by,
        diff=word_diff(group.canonical, d.quote.text),
        written=d.written,
        quoted_by=tuple(sorted({v.article for v in group.variants})),
        elsewhere=elsewhere,
        altered_in=altered_in,
    )


def _misattributed(d: Extracted, hits: Sequence[Extracted]) -> QuoteCheck:
    s = hits[0]
    who, mine = s.written or s.quote.speaker, d.written or d.quote.speaker
    return QuoteCheck(
        text=d.quote.text,
        start=d.quote.start,
        end=d.quote.end,
        speaker=d.quote.speaker,
        relation="misattributed",
        reason=f"the sources credit these words to {who}, the draft to {mine}",
        canonical=s.quote.text,
        credited=s.quote.speaker,
        printed_by=tuple(sorted({h.quote.article for h in hits})),
        canonical_by=tuple(sorted({h.quote.article for h in hits})),
        diff=word_diff(s.quote.text, d.quote.text),
        written=d.written,
    )


def _matched(
    d: Extracted,
    sources: Sequence[Extracted],
    cos: np.ndarray,
    groups: Sequence[QuoteGroup],
) -> QuoteCheck | None:
    """The draft quotation against the sources', closest wording first:

    1. source quotations that hold the draft's words as a run (or nearly: cosine >=
       MISATTRIBUTED_COSINE): by the same speaker or an unknown one, the draft quotes them,
       measured against their group's canonical; all credited to other named people, the
       draft misattributes them;
    2. else the loosest link quotations of one speaker get across outlets (quotes.group's
       pair_score: translations and paraphrases), measured against that group's canonical.
    """
    close = [
        k
        for k, s in enumerate(sources)
        if _within(d.quote.text, s.quote.text) or float(cos[k]) >= MISATTRIBUTED_COSINE
    ]
    fits = [k for k in close if speakers_agree(d, sources[k]) is not False]
    if fits:
        best = max(fits, key=lambda k: float(cos[k]))
        group = _group_of(groups, sources[best].quote.id)
        if group is not None:
            return _against_group(d, sources, cos, group)
    elif close:
        return _misattributed(d, [sources[k] for k in close])
    scores = [pair_score(d, s, float(cos[k])) for k, s in enumerate(sources)]
    best = int(np.argmax(scores)) if scores else -1
    if best < 0 or scores[best] <= 0:
        return None
    group = _group_of(groups, sources[best].quote.id)
    return _against_group(d, sources, cos, group) if group is not None else None


def _unlinked(d: Extracted, articles: Sequence[Article], pieces: Sequence[str]) -> QuoteCheck:
    mine = [" ".join(words(p)) for p in pieces]

    def prints(article: Article) -> bool:
        text = " ".join(words(article.text))
        return all(mine) and all(m in text for m in mine)

    holders = tuple(a.id for a in articles if prints(a))
    if holders:
        relation, reason = "unquoted", "the sources print these words, but not as a quotation"
    else:
        relation, reason = "unattested", "no source prints this quotation or one like it"
    return QuoteCheck(
        d.quote.text, d.quote.start, d.quote.end, d.quote.speaker, relation, reason,
        printed_by=holders, written=d.written,
    )  # fmt: skip


def check_quotes(
    draft: DraftText,
    articles: Sequence[Article],
    nlp: object,
    embed: Embed | None = None,
    parses: Sequence[ParsedParagraph] | None = None,
) -> list[QuoteCheck]:
    """Every quotation of at least _MIN_WORDS words in the draft, in reading order. `parses`,
    the sources' parsed paragraphs (the parse stage's), spares parsing them again."""
    if not any(
        len(words(draft.text[s.start : s.end])) >= _MIN_WORDS for s in find_spans(draft.text)
    ):
        return []  # no quotation: the sources need no parse
    doc = Article(DRAFT_ID, "draft", draft.text)
    if parses is None:
        extracted = extract(nlp, [*articles, doc])
    else:
        extracted = extract_parsed(articles, parses) + extract(nlp, [doc])
    items = harmonise_speakers(extracted)
    sources = [e for e in items if e.quote.article != DRAFT_ID]
    mine = [
        e for e in items if e.quote.article == DRAFT_ID and len(words(e.quote.text)) >= _MIN_WORDS
    ]
    if not mine:
        return []
    vectors = (embed or _embed_default)(
        [" ".join(words(e.quote.text)) or e.quote.text for e in items]
    )
    sims = vectors @ vectors.T
    src_rows = [k for k, e in enumerate(items) if e.quote.article != DRAFT_ID]
    src_sims = sims[np.ix_(src_rows, src_rows)]
    texts = {a.id: a.text for a in articles}
    groups = credited_elsewhere(build_groups(sources, src_sims), sources, src_sims, texts)
    out = []
    for d in mine:
        row = items.index(d)
        cos = sims[row, src_rows] if src_rows else np.zeros(0)
        pieces = tuple(draft.text[a:b] for a, b in d.quote.spans) if len(d.quote.spans) > 1 else ()
        found = _matched(d, sources, cos, groups) or _unlinked(
            d, articles, pieces or (d.quote.text,)
        )
        if pieces and found.relation not in _WHOLE:
            # Not printed as one quotation: the pieces may be two quotations the draft glued
            # together, or a real one beside the reporter's words. Each answers for itself.
            out.extend(
                _by_piece(d, draft.text, sources, vectors[src_rows], groups, articles, embed)
            )
            continue
        out.append(replace(_reread_edited(found, embed or _embed_default), pieces=pieces))
    return out


# Relations under which the sources print an interrupted draft quotation as one.
_WHOLE = frozenset({"verbatim", "trimmed"})


def _by_piece(
    d: Extracted,
    text: str,
    sources: Sequence[Extracted],
    source_vectors: np.ndarray,
    groups: Sequence[QuoteGroup],
    articles: Sequence[Article],
    embed: Embed | None,
) -> list[QuoteCheck]:
    """The draft quotation's pieces long enough to check, one by one, as quotations of the same
    speaker (`text` is the draft text the quotation's offsets point into)."""
    pieces = [
        replace(d, quote=replace(d.quote, text=text[a:b], start=a, end=b, parts=()))
        for a, b in d.quote.spans
        if len(words(text[a:b])) >= _MIN_WORDS
    ]
    if not pieces:
        return []
    vectors = (embed or _embed_default)([" ".join(words(p.quote.text)) for p in pieces])
    out = []
    for p, vector in zip(pieces, vectors, strict=True):
        cos = source_vectors @ vector if len(sources) else np.zeros(0)
        found = _matched(p, sources, cos, groups)
        out.append(found or _unlinked(p, articles, (p.quote.text,)))
    return out
