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
from collections.abc import Mapping, Sequence
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
# contiguous run of the longer that holds at least MIN_RUN of its words (a speaker who quotes
# someone else inside a longer quotation of their own says more than those words).
MIN_RATIO = 0.8
MIN_RUN = 0.5
# Sentence-embedding cosine below which no pair is compared word by word (a cheap pre-filter).
MIN_COSINE = 0.6
# Words in the quotation's paragraph that say the speaker passes on someone else's words.
_RELAYED = re.compile(
    r"\b(on behalf of|read out|reading (out )?(a |the |his |her |their )?(statement|letter)|"
    r"quoting|quoted|echoing|echoed|repeating|repeated|(statement|letter|message) (from|by)|"
    r"as (the |a )?\w+( \w+)? (told|said|put it|has said))\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def same_words(a: str, b: str) -> bool:
    """Whether two wordings are one utterance: nearly all words shared, or one most of the
    other as a run, and long enough that two people would not say it independently."""
    na, nb = len(words(a)), len(words(b))
    if min(na, nb) < MIN_WORDS:
        return False
    shorter, longer = sorted((a, b), key=lambda t: len(words(t)))
    c = compare(longer, shorter)
    return c.ratio >= MIN_RATIO or (c.contiguous and min(na, nb) >= MIN_RUN * max(na, nb))


def _named_at_cue(e: Extracted) -> bool:
    """Whether a cue names the speaker outright: "he said" resolved to a person, a speaker
    carried over from the quotation before, or one guessed from the nearest name with no cue at
    all, is our reading, and on PolNeAR (train, 700 articles) both identical-words links such
    readings made were our errors."""
    q = e.quote
    return not e.carried and q.cue is not None and (q.speaker_text or "").lower() not in PRONOUNS


def _keys(e: Extracted) -> set[str]:
    """The speaker's name words as this outlet writes them, hyphenated ones also in pieces
    ("Jae-in", "jae", "in")."""
    out: set[str] = set()
    for w in [*_NAME_WORD.findall(e.quote.speaker or ""), *e.names]:
        out.add(w.lower())
        out.update(p for p in w.lower().split("-") if p)
    return out


# Speakers whose words are someone else's by office: "Kane's spokesman Leo Marr".
_VOICES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative", "aide"}
)


def _voice(e: Extracted) -> bool:
    said = {w.lower() for w in _NAME_WORD.findall(e.quote.speaker_text or "")}
    return bool(_VOICES & (set(e.titles) | said))


@dataclass(frozen=True)
class _Story:
    texts: Mapping[str, str]  # article id -> text
    people: tuple[frozenset[str], ...]  # every full name (two words or more) the story gives
    items: Sequence[Extracted]

    def one_person(self, a: Extracted, b: Extracted) -> bool:
        """Whether the story lets the two speakers be one person: a name word in common, or a
        full name somewhere holding a word of each ("Ana Lopez Garcia" for "Lopez" and
        "Garcia", "Luiz Inacio Lula da Silva" for "Lula" and "da Silva")."""
        ka, kb = _keys(a), _keys(b)
        return bool(ka & kb) or any(p & ka and p & kb for p in self.people)

    def paragraph(self, e: Extracted) -> str:
        text = self.texts.get(e.quote.article, "")
        start = text.rfind("\n", 0, e.quote.start) + 1
        end = text.find("\n", e.quote.end)
        return text[start : end if end >= 0 else len(text)]

    def doubted(self, e: Extracted, other: Extracted) -> bool:
        """Whether this outlet's credit may not say who first spoke the words: it relays them
        ("reading a statement on behalf of the minister", "as the governor told us"), names the
        other person beside the quotation, or itself credits the words to the other person too."""
        para = self.paragraph(e)
        if _RELAYED.search(para):
            return True
        names = {w for w in _keys(other) if len(w) > 2}
        if any(w.lower() in names for w in _NAME_WORD.findall(para) if w[:1].isupper()):
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
    if _voice(a) or _voice(b):
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
    people = {frozenset(e.names) for e in items if len(e.names) >= 2}
    people |= {
        frozenset(w.lower() for w in _NAME_WORD.findall(g.speaker_name or ""))
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
