"""Group the same quotation across outlets, choose the canonical wording, classify each variant.

Thresholds (cosines are multilingual USE v3, L2-normalised; "overlap" is diff.overlap, the share of
the shorter wording's content words the other also uses). Set on the seeds and the example story
by looking at where real pairs fall, never on the benchmark data:

- Same speaker (names agree): link when max(cosine, overlap) >= 0.45. Translated and paraphrased
  quotations land around 0.5-0.9 ("cooperate very steadily" / "engaging in a very steady manner"
  0.55); unrelated quotations of one speaker stay under 0.4 (Hayashi's other quotations: <= 0.39
  against these, one pair at 0.45, which the one-quotation-per-article rule keeps apart).
- A role on one side and, on the other, a named speaker whose own article introduces them with
  that role's words ("NATO spokesperson" / "James Appathurai, a representative for NATO";
  spokesperson, spokesman and representative count as one word): the same speaker. A bare role
  ("the minister") fits too many people to count.
- A speaker missing (or only a role on either side): the wordings must carry the match alone:
  cosine >= 0.85, or cosine >= 0.6 with overlap >= 0.6. A different quotation of a related topic
  by another speaker reaches 0.77 ("has long-standing cooperation" / "cooperate very steadily").
- Different named speakers: never grouped.
- Clusters merge greedily from the strongest pair (average linkage: the mean score across the two
  clusters must stay >= 0.45), at most one quotation per article in a group.

Relation of a variant to the canonical wording, first rule that holds:
- verbatim: the same words (case, punctuation, brackets and ellipsis marks aside);
- altered: negation count or numbers/time words differ inside the stretch the variant covers;
- trimmed: its words (pieces between ellipses) are contiguous runs of the canonical, in order;
- edited: word ratio >= 0.6 and cosine >= 0.75 (a few words changed, meaning kept);
- paraphrased: otherwise (grouped, so the meaning was judged the same, but the words differ).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from difflib import SequenceMatcher

import numpy as np

from ..model import Quote, QuoteGroup, QuoteRelation, QuoteVariant
from .diff import compare, overlap, word_diff, words
from .extract import Extracted
from .speakers import ROLE_PREPS, TITLES

LINK_SAME_SPEAKER = 0.45
LINK_UNKNOWN_COSINE = 0.85
LINK_UNKNOWN_BOTH = 0.6
EDITED_RATIO = 0.6
EDITED_COSINE = 0.75
_NAME_SIMILAR = 0.8  # "Rusck" / "Rusk": a misspelt name is still the same speaker
_FORBID = -1.0
# Outlets name the one who speaks for an organisation with any of these words.
_SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "representative"})
_ROLE_FILLER = ROLE_PREPS | {"a", "an", "the"}
_WORD = re.compile(r"[\w'’-]+")


def role_parts(speaker: str) -> tuple[str, list[str]]:
    """(head word, lowercased qualifiers) of a speaker: "NATO spokesperson" -> spokesperson,
    [nato]; "writers of the article" -> writers, [article]. The head is the word before the
    first of/for/at, else the last word."""
    found = _WORD.findall(speaker) or [speaker]
    cut = next((k for k, w in enumerate(found) if k and w.lower() in ROLE_PREPS), len(found))
    quals = [w.lower() for k, w in enumerate(found) if k != cut - 1]
    return found[cut - 1], [w for w in quals if w not in _ROLE_FILLER]


def _is_role(speaker: str) -> bool:
    return role_parts(speaker)[0][:1].islower()


def role_fits(role: str, titles: frozenset[str]) -> bool:
    """Whether a role speaker ("NATO spokesperson") is a person whose article gives them these
    title and apposition words: the role's head (or a word for spokesperson, if it is one) and
    every qualifier. A bare role has no qualifier and never fits."""
    head, qualifiers = role_parts(role)
    head = head.lower()
    if not qualifiers:
        return False
    heads = _SPOKES if head in _SPOKES else {head, head.removesuffix("s")}
    return bool(heads & titles) and all(q in titles for q in qualifiers)


def same_name(a: str, b: str) -> bool:
    """The same speaker written alike, words for spokesperson aside ("NATO spokesman")."""

    def key(s: str) -> list[str]:
        return ["spokesperson" if w in _SPOKES else w for w in _WORD.findall(s.lower())]

    return key(a) == key(b)


def _other_first_names(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two full names that share a word but each have another the other lacks: "Maria Lopez"
    and "Carlos Lopez", "Hillary Clinton" and "Bill Clinton". ("Ana Lopez Garcia" and "Ana
    Garcia" are one name, longer and shorter.)"""
    if len(a) < 2 or len(b) < 2 or not a & b:
        return False
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return False
    # A short form or an initial is the same name: "Piet" of "Pieter", "J" of "John".
    return not any(x.startswith(y) or y.startswith(x) for x in only_a for y in only_b)


def speakers_agree(a: Extracted, b: Extracted) -> bool | None:
    """True for the same speaker, False for different named ones, None when unknown or a role."""
    sa, sb = a.quote.speaker, b.quote.speaker
    if not sa or not sb:
        return None
    if _other_first_names(a.names, b.names):
        return False  # "Maria Lopez" and "Carlos Lopez": one surname, two people
    la, lb = sa.lower(), sb.lower()
    if la == lb or same_name(sa, sb) or la in b.names or lb in a.names:
        return True
    # A name as written against another cue's normalised surname ("Michery el Soheil", whom
    # spaCy did not tag a person, against "Soheil"): one is the other's name words.
    wa, wb = la.split(), lb.split()
    if (
        set(wa) <= b.names
        or set(wb) <= a.names
        or (min(len(wa), len(wb)) == 1 and wa[-1] == wb[-1])
    ):
        return True
    role_a, role_b = _is_role(sa), _is_role(sb)
    if role_a != role_b:
        role, person = (sa, b) if role_a else (sb, a)
        if role_fits(role, person.titles):
            return True
    if role_a or role_b:
        return None
    return min(len(la), len(lb)) >= 4 and SequenceMatcher(None, la, lb).ratio() >= _NAME_SIMILAR


def pair_score(a: Extracted, b: Extracted, cosine: float) -> float:
    """Link strength of two quotations from different articles; 0 no link, -1 never together."""
    if a.quote.article == b.quote.article:
        return _FORBID
    agree = speakers_agree(a, b)
    if agree is False:
        return _FORBID
    ov = overlap(a.quote.text, b.quote.text)
    score = max(cosine, ov)
    if agree:
        return score if score >= LINK_SAME_SPEAKER else 0.0
    strong = cosine >= LINK_UNKNOWN_COSINE or min(cosine, ov) >= LINK_UNKNOWN_BOTH
    return score if strong else 0.0


def cluster(items: Sequence[Extracted], sims: np.ndarray) -> list[list[int]]:
    n = len(items)
    scores = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            scores[i, j] = scores[j, i] = pair_score(items[i], items[j], float(sims[i, j]))
    owner = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    pairs = sorted(((scores[i, j], i, j) for i in range(n) for j in range(i + 1, n)), reverse=True)
    for s, i, j in pairs:
        if s <= 0:
            break
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        cross = scores[np.ix_(members[ci], members[cj])]
        if cross.min() <= _FORBID or cross.mean() < LINK_SAME_SPEAKER:
            continue
        for k in members[cj]:
            owner[k] = ci
        members[ci].extend(members.pop(cj))
    return [sorted(m) for m in members.values()]


def _agreement(items: Sequence[Extracted], sims: np.ndarray, group: list[int], i: int) -> float:
    """How much of the other outlets' wording supports wording i (meaning-changing ones: none)."""
    total = 0.0
    for j in group:
        if j == i:
            continue
        c = compare(items[i].quote.text, items[j].quote.text)
        if not c.meaning_flag:
            total += max(c.ratio, float(sims[i, j]), 1.0 if c.contiguous else 0.0)
    return total


def canonical(items: Sequence[Extracted], sims: np.ndarray, group: list[int]) -> int:
    """Best-attested wording: most agreement, then the longest, then one printed in one piece
    (the others are joined around their attribution by us), then the earliest."""
    return max(
        group,
        key=lambda i: (
            round(_agreement(items, sims, group, i), 6),
            len(words(items[i].quote.text)),
            -len(items[i].quote.spans),
            -group.index(i),
        ),
    )


def classify(canon: str, text: str, cosine: float) -> tuple[QuoteRelation, float, str]:
    """(relation, similarity 0..1, reason in words) of a variant against the canonical wording."""
    if words(canon) == words(text):
        return "verbatim", 1.0, "same words as the canonical wording"
    sim = min(max(cosine, 0.0), 1.0)
    c = compare(canon, text)
    measured = f"word ratio {c.ratio:.2f}, meaning similarity {sim:.2f}"
    if c.meaning_flag:
        what = []
        if c.negation_flip:
            what.append("negation differs")
        if c.changed_numbers:
            what.append("numbers or times differ: " + ", ".join(c.changed_numbers))
        if c.opposites:
            what.append("opposite words: " + ", ".join(f"{x} / {y}" for x, y in c.opposites))
        if c.exchanged:
            what.append("words trade places: " + ", ".join(f"{x} / {y}" for x, y in c.exchanged))
        return "altered", sim, "; ".join(what) + f" ({measured})"
    if c.contiguous:
        return "trimmed", sim, f"a contiguous part of the canonical wording ({measured})"
    if c.ratio >= EDITED_RATIO and sim >= EDITED_COSINE:
        return "edited", sim, f"a few words changed ({measured})"
    return "paraphrased", sim, f"same statement in other words ({measured})"


def _group(
    items: Sequence[Extracted],
    sims: np.ndarray,
    group: list[int],
    gid: str,
    written: Mapping[str, list[str | None]],
) -> QuoteGroup:
    best = canonical(items, sims, group)
    canon = items[best].quote
    variants = []
    for i in group:
        q = items[i].quote
        relation, sim, reason = classify(canon.text, q.text, float(sims[best, i]))
        if i == best:
            relation, sim, reason = "verbatim", 1.0, "the canonical wording"
        variants.append(
            QuoteVariant(
                quote=q.id,
                article=q.article,
                text=q.text,
                relation=relation,
                similarity=round(sim, 4),
                diff=word_diff(canon.text, q.text),
                start=q.start,
                end=q.end,
                reason=reason,
                speaker=q.speaker,
                parts=q.parts,
            )
        )
    named = Counter(sp for i in group if (sp := items[i].quote.speaker))
    # A person before a role ("Appathurai" over "NATO spokesperson", whom another outlet names),
    # then the most used, then the canonical wording's.
    speaker = max(
        named, key=lambda sp: (not _is_role(sp), named[sp], sp == canon.speaker), default=None
    )
    name = full_name(speaker, written.get(speaker, []) if speaker else [])
    return QuoteGroup(gid, speaker, canon.text, canon.id, tuple(variants), name)


def full_name(speaker: str | None, written: Sequence[str | None]) -> str | None:
    """The longest name the story's cues give a person speaker, most used among equals: a
    group whose cues only say "he" or "Hayashi" still shows the name another quotation gives.

    Each written form ("Foreign Minister Yoshimasa Hayashi", "Chinese Foreign Ministry
    spokesperson Mao Ning") gives the run of capitalised words around the speaker's name, less
    everything up to its last title word: "Yoshimasa Hayashi", "Mao Ning". Roles, organisations
    and pronouns give nothing new, so the speaker itself is returned.
    """
    if speaker is None or _is_role(speaker) or " " in speaker:
        return speaker
    found: Counter[str] = Counter()
    for text in written:
        run = _capitalised_run((text or "").split(), speaker)
        last_title = max(
            (k for k, w in enumerate(run) if w.lower().strip(".") in TITLES), default=-1
        )
        name = run[last_title + 1 :][:4]
        if speaker in name:
            found[" ".join(name)] += 1
    if not found:
        return speaker
    return max(found, key=lambda n: (len(n.split()), found[n], n))


def _capitalised_run(words: Sequence[str], name: str) -> list[str]:
    """The words next to `name` that start with a capital, `name` included."""
    bare = [w.strip(",;:()").removesuffix("'s").removesuffix("’s") for w in words]
    if name not in bare:
        return []
    at = bare.index(name)
    lo, hi = at, at + 1
    while lo > 0 and bare[lo - 1][:1].isupper():
        lo -= 1
    while hi < len(bare) and bare[hi][:1].isupper():
        hi += 1
    return bare[lo:hi]


def build_groups(items: Sequence[Extracted], sims: np.ndarray) -> tuple[QuoteGroup, ...]:
    """Groups in reading order (the position of their first quotation in input order)."""
    if not items:
        return ()
    clusters = sorted(cluster(items, sims), key=lambda g: g[0])
    written: dict[str, list[str | None]] = {}  # each speaker as the story names it, for full_name
    for e in items:
        if e.quote.speaker:
            written.setdefault(e.quote.speaker, []).append(e.written)
    groups = [_group(items, sims, g, f"qg{k}", written) for k, g in enumerate(clusters, start=1)]
    return tuple(named_by_mention(groups, items))


Mention = tuple[str, int, int]  # article, start and end of a speaker as written at a cue


def _mention(q: Quote) -> Mention | None:
    if q.speaker_start is None or q.speaker_end is None:
        return None
    return (q.article, q.speaker_start, q.speaker_end)


def named_by_mention(groups: Sequence[QuoteGroup], items: Sequence[Extracted]) -> list[QuoteGroup]:
    """Groups whose speaker is only a role, named where one cue names its quotations' speaker.

    '"As to plans ...," a NATO spokesperson told CNN, adding that NATO and Japan "have a
    long-standing cooperation."' is one speaker for two quotations. When the first is grouped
    with another outlet's wording credited to James Appathurai, the mention "a NATO
    spokesperson" is Appathurai, so the second quotation's group is his too. Only the same
    mention at a cue counts, not the same role elsewhere (an article can quote two
    spokespeople), and only when every such mention in the group names one person.
    """
    quotes = {e.quote.id: e.quote for e in items}
    people: dict[Mention, set[tuple[str, str | None]]] = {}
    for g in groups:
        if g.speaker is None or _is_role(g.speaker):
            continue
        for v in g.variants:
            q = quotes[v.quote]
            if (q.speaker is None or _is_role(q.speaker)) and (m := _mention(q)) is not None:
                people.setdefault(m, set()).add((g.speaker, g.speaker_name))
    out = []
    for g in groups:
        if g.speaker is None or _is_role(g.speaker):
            found: set[tuple[str, str | None]] = set()
            for v in g.variants:
                m = _mention(quotes[v.quote])
                found |= people.get(m, set()) if m is not None else set()
            if len(found) == 1:
                speaker, name = found.pop()
                g = replace(g, speaker=speaker, speaker_name=name)
        out.append(g)
    return out
