"""A person given another organisation's post: "Daniel Pryce, director of enforcement at the
Tessel Rivers Trust" where the source says "Daniel Pryce, director of enforcement at the ESA".

The cross-encoder never sees such a role: it is cut from the claim before the model reads it
(verify.names: retellings add and drop roles freely), and the coverage feature finds the wrong
organisation printed elsewhere in the story. So this check reads the post where news writes it,
right beside the name: "X, director at ORG", "X, the ORG's director", "ORG director X",
"X of ORG". It fires when both sentences name the same person (a shorter form counts), give
them a post with a word in common (or name no post, as in "X of ORG"), and name organisations
that are not one (not a shorter form, not initials, not one inside the other sentence), and
the other article never prints the claim's organisation in a sentence naming that person: "X,
who also chairs ORG2" elsewhere makes two posts, not a conflict.

Organisations are read as runs of capitalised words, not from the small parser's entity labels,
which miss or mislabel many ("Riders' Safety Council" untagged, "Kesterline" a place).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Claim, Dispute
from ..nlp.sentences import split_sentences
from ..nlp.subjects import known_word
from ..quotes.speakers import TITLES
from .checks import Context, initials_of, make_dispute, same_name

CONFIDENCE = 0.7  # an entity's: the organisation is read from the words beside the name

_CAP = r"[A-Z][\w’'&.-]*"
_ORG = rf"(?:{_CAP})(?:\s+(?:(?:of|for|and|on|the|&)\s+)*{_CAP})*"
_ROLE = r"[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,4}?"
_POSTED = r"(?:at|of|for|with|from)"
_END = r"(?=\s*(?:[,.;:)]|$|\s(?:said|says|told|added|who|and)\b))"
# "X, director of enforcement at the ESA" / "X, a spokesperson for Acme"
_AFTER = re.compile(
    rf"^,\s+(?:(?:the|a|an)\s+)?(?P<role>{_ROLE})\s+{_POSTED}\s+(?:the\s+)?(?P<org>{_ORG})"
)
# "X, the ESA's director of enforcement"
_AFTER_POSS = re.compile(rf"^,\s+(?:the\s+)?(?P<org>{_ORG})(?:'s|’s|'|’)\s+(?P<role>{_ROLE}){_END}")
# "X of Corran Valley Water"
_OF = re.compile(rf"^\s+(?:of|at|from)\s+(?:the\s+)?(?P<org>{_ORG})")
# "Riders' Safety Council director Marek Oyelaran"; "the ESA's director of enforcement, Pryce"
_BEFORE = re.compile(rf"(?:^|\s)(?:the\s+)?(?P<org>{_ORG})(?:'s|’s|'|’)?\s+(?P<role>{_ROLE}),?\s+$")
_FILLER = frozenset({"the", "a", "an", "of", "at", "for", "and", "in", "to", "with", "its"})
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Words that end a post: "A spokesperson said Pryce of the ESA" gives no post "spokesperson said".
_NOT_POST = frozenset(
    {"said", "says", "say", "told", "added", "who", "which", "that", "would", "will", "has",
     "had", "was", "is", "were", "are", "when", "while", "after", "before", "as", "and", "or",
     "but", "nor", "plus"}
)  # fmt: skip
_PRONOUNS = frozenset({"his", "her", "their", "its", "our", "my", "your", "whose"})


_PARTICLES = r"(?:de|van|von|der|den|da|di|du|le|la|bin|al|ter)"


def _name_spans(text: str, person: str) -> Iterator[tuple[bool, int, int]]:
    """Where the text names someone with the person's surname: (whether that may be the person,
    where the words of the person's own name begin, the end). Another given name right before
    the surname is another person ("Jonas Quell" for "Mara Quell"); a title or an English word
    there ("Dr Quell", "In March Quell said") is not. "Ahold Chairman Henny de Ruiter" begins at
    "Henny"."""
    words = person.split()
    surname = words[-1]
    run = rf"((?:(?:{_CAP}|{_PARTICLES})\s+){{0,4}}){re.escape(surname)}\b"
    for m in re.finditer(run, text):
        before = m.group(1).split()
        own = next((i for i, w in enumerate(before) if w in words), len(before))
        start = m.start(1) + sum(len(w) + 1 for w in before[:own])
        given = [w for w in before if not re.fullmatch(_PARTICLES, w)][-1:]
        other = bool(given) and given[0] not in words and not _not_a_given_name(given[0])
        yield not other, start, m.end()


def _not_a_given_name(word: str) -> bool:
    return word.rstrip(".").lower() in TITLES or _common_word(word)


def _common_word(word: str) -> bool:
    """An English word, not a name: "Union officer Dev Okafor", "Managing director Voss"."""
    return word.lower().endswith(("ing", "ed")) or known_word(word)


def _org(raw: str) -> str | None:
    org = _POSSESSIVE.sub("", _LEADING.sub("", raw.strip()))
    words = org.split()
    if not words or all(w.rstrip(".").lower() in TITLES | _FILLER for w in words):
        return None
    if words[0].rstrip(".").lower() in TITLES | _PRONOUNS:
        return None  # a person ("Mr. Cuomo's lawyer") or a pronoun ("His lawyer")
    if len(words) == 1 and _common_word(words[0]):
        return None  # a capitalised word of the sentence, not an organisation's name
    return org


def _post(role: str) -> frozenset[str] | None:
    """The post's words; None for words that are no post ("spokesperson said")."""
    words = role.lower().split()
    if any(w in _NOT_POST for w in words):
        return None
    return frozenset(w for w in words if w not in _FILLER)


def posts(text: str, person: str) -> list[tuple[frozenset[str], str]]:
    """(post words, organisation) the text gives someone named with the person's surname; post
    words are empty for "X of ORG"."""
    out = []
    for may_be, start, end in _name_spans(text, person):
        if not may_be:
            continue
        after, before = text[end:], text[:start]
        tried = ((_AFTER, after), (_AFTER_POSS, after), (_OF, after), (_BEFORE, before))
        for pattern, rest in tried:
            m = pattern.search(rest)
            org = _org(m.group("org")) if m else None
            if m is None or org is None or set(org.split()) & set(person.split()):
                continue
            words = _post(m.groupdict().get("role") or "")
            if words is not None:
                out.append((words, org))
    return out


def _one_organisation(x: str, y: str) -> bool:
    """One organisation written two ways: a shorter form, initials ("the ESA"), one inside the
    other, spacing ("J. C." / "J.C."), or initials for some of its words ("US State
    Department" / "United States State Department")."""
    if same_name(x, y) or x.lower() in y.lower() or y.lower() in x.lower():
        return True
    if re.sub(r"[\s.]", "", x).lower() == re.sub(r"[\s.]", "", y).lower():
        return True
    wx, wy = x.split(), y.split()
    rest_x = " ".join(w for w in wx if w not in wy)
    rest_y = " ".join(w for w in wy if w not in wx)
    return bool(rest_x and rest_y) and (initials_of(rest_x, rest_y) or initials_of(rest_y, rest_x))


def people(claim: Claim) -> list[str]:
    return [e.text for e in claim.entities if e.label == "PERSON" and len(e.text.split()) >= 2]


def named_with(text: str, surname: str, org: str) -> bool:
    """Whether any sentence of the text names the person and the organisation."""
    return any(surname in s and org.lower() in s.lower() for s in split_sentences(text))


def check_affiliation(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same person, the same kind of post, at two different organisations."""
    for person in people(a):
        surname = person.split()[-1]
        if surname not in b.text:
            continue
        if not any(may_be for may_be, _, _ in _name_spans(b.text, person)):
            continue
        for role_a, org_a in posts(a.text, person):
            for role_b, org_b in posts(b.text, person):
                if role_a and role_b and not role_a & role_b:
                    continue  # two posts: "professor at X" and "adviser to Y"
                if _one_organisation(org_a, org_b) or org_a.lower() in b.text.lower():
                    continue
                if named_with(ctx.article_text.get(b.article, ""), surname, org_a):
                    continue
                reason = (
                    f"different organisation: {ctx.name(a.article)} gives {person} a post at "
                    f"{org_a}, {ctx.name(b.article)} at {org_b}"
                )
                return make_dispute(a, b, "entity", reason, CONFIDENCE)
    return None
