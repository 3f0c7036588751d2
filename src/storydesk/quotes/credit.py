"""The same words credited to two different people by two outlets.

Grouping never puts quotations of two named people together (quotes.group.pair_score forbids
it), so a retelling that moves a quotation from the harbour master to the minister leaves two
groups that look unrelated, each "verbatim". Who said the words is exactly what the reader needs
to know is in dispute. Two groups are linked here when an outlet of each prints the same words,
near enough that chance is no explanation (a run of at least MIN_WORDS words, nearly all shared),
and the two outlets credit them to people that speakers_agree calls different. A role and a
name ("a ministry spokesperson", "Dunn") may be one person, so they are never linked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..model import OtherCredit, QuoteGroup
from .diff import compare, words
from .extract import Extracted
from .group import speakers_agree
from .speakers import PRONOUNS

# Short slogans and stock phrases ("we will not give up") are said by many people.
MIN_WORDS = 6
# Shared words (difflib ratio on words) for two wordings to be one utterance, or the shorter a
# contiguous run of the longer (outlets trim quotations).
MIN_RATIO = 0.8
# Sentence-embedding cosine below which no pair is compared word by word (a cheap pre-filter).
MIN_COSINE = 0.6
# Words around a cue that say the speaker passes on someone else's words: searched in the
# quotation's sentence and its attribution, not the whole paragraph ("repeated his call for
# calm" relays nothing).
_RELAYED = re.compile(
    r"\b(on behalf of|read out|reading (out )?(a |the |his |her |their )?(statement|letter)|"
    r"quoting|quoted|echoing|echoed|(statement|letter|message) (from|by))\b",
    re.IGNORECASE,
)
# Inside the quotation itself: "As the governor told us yesterday, no town ...".
_RELAYED_INSIDE = re.compile(
    r"\bas (the |a |my |our )?\w+( \w+)? (told|said|put it|has said|promised)\b", re.IGNORECASE
)
_CUE_REACH = 80  # characters after the speaker's name that still belong to the attribution
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def same_words(a: str, b: str) -> bool:
    """Whether two wordings are one utterance: nearly all words shared, or one a run of the
    other, and long enough that two people would not say it independently."""
    if min(len(words(a)), len(words(b))) < MIN_WORDS:
        return False
    shorter, longer = sorted((a, b), key=lambda t: len(words(t)))
    c = compare(longer, shorter)
    return c.ratio >= MIN_RATIO or c.contiguous


def _named_at_cue(e: Extracted) -> bool:
    """Whether a cue names the speaker outright: "he said" resolved to a person, a speaker
    carried over from the quotation before, or one guessed from the nearest name with no cue at
    all, is our reading, and on PolNeAR (train, 700 articles) both identical-words links such
    readings made were our errors."""
    q = e.quote
    return not e.carried and q.cue is not None and (q.speaker_text or "").lower() not in PRONOUNS


def _expand(names: Iterable[str]) -> frozenset[str]:
    """Name words lower-cased, hyphenated ones also in pieces ("jae-in", "jae", "in")."""
    out: set[str] = set()
    for w in names:
        out.add(w.lower())
        out.update(p for p in w.lower().split("-") if p)
    return frozenset(out)


def _keys(e: Extracted) -> frozenset[str]:
    """The speaker's name words as this outlet writes them."""
    return _expand([*_NAME_WORD.findall(e.quote.speaker or ""), *e.names])


# Speakers whose words are someone else's by office: "Kane's spokesman Leo Marr".
_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "aide"})


def _voice_of(e: Extracted, other: Extracted) -> bool:
    """A spokesperson or aide whom the outlet ties to the other person ("Kane's spokesman")."""
    said = _expand(
        w.removesuffix("'s").removesuffix("’s")
        for w in _NAME_WORD.findall(e.quote.speaker_text or "")
    )
    return bool(_VOICES & (set(e.titles) | said)) and bool(_keys(other) & (said | e.titles))


@dataclass(frozen=True)
class _Story:
    texts: Mapping[str, str]  # article id -> text
    people: tuple[frozenset[str], ...]  # every full name (two words or more) the story gives
    items: Sequence[Extracted]

    def one_person(self, a: Extracted, b: Extracted) -> bool:
        """Whether the story lets the two speakers be one person: one name a part of the other
        ("Varga" of "Elena Varga"), or a full name somewhere holding both ("Ana Lopez Garcia"
        for "Lopez" and "Garcia"). A first name in common is not enough: "John Abbott" and
        "John Reyes" are two people, and so are "Sarah Lee" and "Owen Morgan" though the story
        also names a "Lee Morgan"."""
        ka, kb = _keys(a), _keys(b)
        return ka <= kb or kb <= ka or any(ka | kb <= p for p in self.people)

    def paragraph(self, e: Extracted) -> tuple[str, int]:
        """The quotation's paragraph and its offset in the article."""
        text = self.texts.get(e.quote.article, "")
        start = text.rfind("\n", 0, e.quote.start) + 1
        end = text.find("\n", e.quote.end)
        return text[start : end if end >= 0 else len(text)], start

    def relayed(self, e: Extracted) -> bool:
        """The outlet says the speaker passes the words on: in the quotation's attribution or the
        sentence that introduces it, or inside the quotation ("as the governor told us")."""
        q = e.quote
        if _RELAYED_INSIDE.search(q.text):
            return True
        para, off = self.paragraph(e)
        lead = para[: max(q.start - off, 0)]
        lead = re.split(r"[.!?]\s", lead)[-1]  # the sentence before the quotation opens
        end = max(q.end, q.speaker_end or q.end) - off
        cue = para[q.end - off : end + _CUE_REACH]
        return bool(_RELAYED.search(lead) or _RELAYED.search(cue))

    def doubted(self, e: Extracted, other: Extracted) -> bool:
        """Whether this outlet's credit may not say who first spoke the words: it relays them,
        names the other person beside the quotation, or itself credits the words to them too."""
        if self.relayed(e) or _voice_of(e, other):
            return True
        para, _ = self.paragraph(e)
        keys = _keys(other) - _keys(e)  # "Lopez" of Carlos Lopez is also Maria Lopez's
        written = _NAME_WORD.findall(other.quote.speaker_text or "")
        for name in {w for w in written if len(w) > 2 and w.lower() in keys}:
            # "Hill" of "Grace Hill" in "Hill Street" names a street, not her.
            if name[:1].isupper() and re.search(
                rf"(?<![\w-]){re.escape(name)}(?![\w-])(?!\s+[A-Z])", para
            ):
                return True
        return any(
            x.quote.article == e.quote.article
            and x is not e
            and speakers_agree(x, other) is True
            and same_words(x.quote.text, e.quote.text)
            for x in self.items
        )


def _links(
    story: _Story, sims: np.ndarray, group_of: dict[str, QuoteGroup]
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(group id, other group id) -> the (quote, other quote) pairs of one utterance."""
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    items = story.items
    close: np.ndarray = (
        np.argwhere(np.triu(sims >= MIN_COSINE, k=1)) if len(items) else np.zeros((0, 2))
    )
    for i, j in close:
        a, b = items[int(i)], items[int(j)]
        if a.quote.article != b.quote.article and _disputed(story, a, b):
            ga, gb = group_of.get(a.quote.id), group_of.get(b.quote.id)
            if ga is None or gb is None or ga.id == gb.id:
                continue
            found.setdefault((ga.id, gb.id), []).append((a.quote.id, b.quote.id))
            found.setdefault((gb.id, ga.id), []).append((b.quote.id, a.quote.id))
    return found


def _disputed(story: _Story, a: Extracted, b: Extracted) -> bool:
    if not (_named_at_cue(a) and _named_at_cue(b)) or speakers_agree(a, b) is not False:
        return False
    if not same_words(a.quote.text, b.quote.text) or story.one_person(a, b):
        return False
    return not (story.doubted(a, b) or story.doubted(b, a))


def credited_elsewhere(
    groups: Sequence[QuoteGroup],
    items: Sequence[Extracted],
    sims: np.ndarray,
    texts: Mapping[str, str],
) -> list[QuoteGroup]:
    """`groups` with `credited_elsewhere` filled in. `sims` is the items' cosine matrix,
    `texts` each article's text by id."""
    group_of = {v.quote: g for g in groups for v in g.variants}
    by_id = {g.id: g for g in groups}
    article_of = {e.quote.id: e.quote.article for e in items}
    people = {_expand(e.names) for e in items if len(e.names) >= 2}
    people |= {
        _expand(_NAME_WORD.findall(g.speaker_name or ""))
        for g in groups
        if g.speaker_name and len(g.speaker_name.split()) >= 2
    }
    links = _links(_Story(texts, tuple(people), items), sims, group_of)
    out = []
    for g in groups:
        others = []
        for (mine, other_id), pairs in sorted(links.items()):
            if mine != g.id:
                continue
            other = by_id[other_id]
            speaker = other.speaker_name or other.speaker or ""
            articles = tuple(sorted({article_of[b] for _, b in pairs}))
            others.append(OtherCredit(other_id, speaker, articles, tuple(pairs)))
        out.append(replace(g, credited_elsewhere=tuple(others)) if others else g)
    return out
