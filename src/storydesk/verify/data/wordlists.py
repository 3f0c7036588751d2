"""Word-list operations of the recipe: antonym flips and added details.

Recipe 2025.1 had no way to teach the model that one changed word can reverse a sentence
("voted to approve" / "voted to reject" read as entailment 0.76), nor that a claim adding a
detail the document never gives (a day, a place, a role) is unverified, which is the commonest
hallucination of summarisers. Both operations use small hand-checked lists, not a thesaurus:
a wrong "antonym" would teach the model a false contradiction.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from ..checks import WEEKDAYS

# word -> its opposite in the same inflection. One direction per entry: both directions are
# listed only where both words are unambiguous in news prose ("lost" -> "won" but "won" also
# names a currency, kept because the currency is rare and spelt "won" only after a number).
ANTONYMS = {
    "approve": "reject", "approved": "rejected", "approves": "rejects", "approving": "rejecting",
    "rejected": "approved", "rejects": "approves", "reject": "approve",
    "accepted": "refused", "refused": "accepted",
    "increase": "decrease", "increased": "decreased", "increases": "decreases",
    "decreased": "increased", "decreases": "increases",
    "rose": "fell", "fell": "rose", "risen": "fallen", "fallen": "risen",
    "rising": "falling", "falling": "rising", "rises": "falls", "falls": "rises",
    "won": "lost", "lost": "won", "wins": "loses", "loses": "wins",
    "gained": "lost", "allowed": "banned", "banned": "allowed", "allow": "ban",
    "supported": "opposed", "opposed": "supported", "supports": "opposes", "opposes": "supports",
    "opened": "closed", "closed": "opened", "reopened": "closed",
    "confirmed": "denied", "denied": "confirmed", "admitted": "denied",
    "praised": "criticised", "criticised": "praised", "criticized": "praised",
    "convicted": "acquitted", "acquitted": "convicted",
    "strengthened": "weakened", "weakened": "strengthened",
    "expanded": "reduced", "improved": "worsened", "worsened": "improved",
    "higher": "lower", "lower": "higher", "highest": "lowest", "lowest": "highest",
    "larger": "smaller", "smaller": "larger", "largest": "smallest", "smallest": "largest",
    "biggest": "smallest",
    "before": "after", "after": "before", "earlier": "later", "later": "earlier",
    "first": "last", "last": "first", "majority": "minority", "minority": "majority",
    "profit": "loss", "profits": "losses", "losses": "profits", "surplus": "deficit",
    "deficit": "surplus", "legal": "illegal", "illegal": "legal", "guilty": "innocent",
    "positive": "negative", "negative": "positive", "victory": "defeat", "defeat": "victory",
    "maximum": "minimum", "minimum": "maximum", "north": "south", "south": "north",
    "east": "west", "west": "east", "northern": "southern", "southern": "northern",
    "eastern": "western", "western": "eastern", "success": "failure", "failure": "success",
}  # fmt: skip
# Parts of speech the entries are meant for: "last" as a verb is left alone, and comparatives
# only flip as adjectives or adverbs ("to lower emissions" is a verb, "higher" is no opposite).
_POS = frozenset({"VERB", "ADJ", "ADV", "NOUN", "ADP", "SCONJ"})
_GRADED = frozenset({"JJR", "JJS", "RBR", "RBS"})
_COMPARATIVES = frozenset({"higher", "lower", "highest", "lowest", "larger", "smaller",
                           "largest", "smallest", "biggest", "earlier", "later"})  # fmt: skip
# Places and roles a summariser might invent. Any of them may be true of some story; the op
# only uses ones the article never mentions, so the claim is unverified against it.
PLACES = (
    "Berlin", "Paris", "Madrid", "Warsaw", "Ankara", "Cairo", "Nairobi", "Lagos", "Delhi",
    "Jakarta", "Manila", "Seoul", "Tokyo", "Sydney", "Toronto", "Chicago", "Houston", "Denver",
    "Lima", "Bogota", "Santiago", "Geneva", "Vienna", "Brussels", "Dublin", "Lisbon", "Oslo",
    "Helsinki", "Athens", "Prague", "Budapest", "Kyiv", "Riyadh", "Doha", "Karachi", "Dhaka",
)  # fmt: skip
ROLES = (
    "a former adviser", "a senior official", "the group's spokesperson", "a longtime critic",
    "the deputy director", "a retired judge", "the committee chair", "a party veteran",
    "an independent analyst", "the former minister", "a company executive", "a local organiser",
)  # fmt: skip


def op_antonym(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Swap one word for its opposite. Skips words under a negation (the flip of "did not
    approve" is not a clear contradiction) and words inside names ("Western Union")."""
    cands = [
        t
        for t in sent
        if t.lower_ in ANTONYMS
        and t.pos_ in _POS
        and (t.lower_ not in _COMPARATIVES or t.tag_ in _GRADED or t.lower_ in ("earlier", "later"))
        and not t.ent_type_
        and not any(c.dep_ == "neg" for c in (*t.children, *t.head.children))
    ]
    if not cands:
        return None
    tok = rng.choice(cands)
    new = ANTONYMS[tok.lower_]
    if tok.text[:1].isupper():
        new = new[0].upper() + new[1:]
    s = tok.idx - sent.start_char
    text = str(sent.text)
    return (text[:s] + new + text[s + len(tok.text) :]).strip()


def _unmentioned(pool: Sequence[str], ents: Sequence[tuple[str, str]], text: str) -> list[str]:
    seen = " ".join([text, *(t for t, _ in ents)]).lower()
    return [p for p in pool if p.lower() not in seen]


def op_added_detail(sent: Any, ents: Sequence[tuple[str, str]], rng: random.Random) -> str | None:
    """Add a detail the article never gives: a role after a named person, or a fronted day
    or place ("On Thursday, ..." / "In Lisbon, ..."). The rest of the claim stays true."""
    text = str(sent.text).strip()
    people = [
        e
        for e in sent.ents
        if e.label_ == "PERSON"
        and len(e) >= 2
        and e[-1].is_alpha
        and e[-1].whitespace_  # followed by a word, not by a comma, "'s" or a bracket
        and e.end < sent.end
        and sent.doc[e.end].is_alpha
    ]
    if people and rng.random() < 0.4:
        roles = _unmentioned(ROLES, ents, sent.doc.text)
        if roles:
            ent = rng.choice(people)
            end = ent.end_char - sent.start_char
            return f"{text[:end]}, {rng.choice(roles)},{text[end:]}"
    first = sent[0]
    if first.ent_type_ == "DATE" or first.lower_ in ("on", "in", "at", "but", "and", '"', "“"):
        return None
    if rng.random() < 0.5:
        days = [d.capitalize() for d in WEEKDAYS]
        words = _unmentioned(days, ents, sent.doc.text)
        lead = f"On {rng.choice(words)}" if words else None
    else:
        places = _unmentioned(PLACES, ents, sent.doc.text)
        lead = f"In {rng.choice(places)}" if places else None
    if lead is None:
        return None
    # Lower-case only words that are never names ("The", "He"); a mis-tagged name keeps its case.
    common = first.pos_ in ("DET", "PRON") or (first.is_stop and first.pos_ != "PROPN")
    rest = text[0].lower() + text[1:] if common and first.text != "I" else text
    return f"{lead}, {rest}"
