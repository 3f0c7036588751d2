"""A person given someone else's post: "Council leader Margaret Ellison apologised" where the
source says "Margaret Ellison, the council's chief executive" and "Council leader David Okafor";
or given another post of the same kind: "Finance Minister Paul Haddon" where the source says
"Emergency Services Minister Paul Haddon".

The cross-encoder never sees the post (verify.names cuts it from the claim before the model
reads it), and the sentence that says what she did supports the rest. So this check reads the
post written right before the claim's name ("Council leader Margaret Ellison", "said chief
executive Helen Varga") and looks for it in the other article: it fires when that article
writes the same post right before another person's full name, and no sentence of it names the
claim's person beside that post ("Ellison, who is also council leader" makes two posts); or
when it writes another post of the same kind right before the claim's person's name (the same
last word, and neither post's words within the other's: "chief executive" and "group chief
executive" may be one post).

Conservative: the post has at least two words ("council leader", "head of enforcement"), since
one-word posts ("Detective", "Minister", "Councillor") are held by many people at once; and the
other sentence of the pair names the claim's person, so the two are about them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Claim, Dispute
from ..nlp.sentences import split_sentences
from .checks import Context, make_dispute

CONFIDENCE = 0.7  # an entity's: the post is read from the words beside the name
MIN_WORDS, MAX_WORDS = 2, 4
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lady", "lord"})
# Words that end a post read leftwards from the name: "said chief executive Helen Varga" gives
# "chief executive"; "Acme's chief executive" gives "chief executive".
_STOP = frozenset(
    {"said", "says", "told", "added", "according", "to", "by", "and", "or", "but", "the", "a",
     "an", "its", "their", "his", "her", "with", "from", "of", "for", "as", "that", "who",
     "when", "while", "after", "before", "was", "is", "were", "are", "has", "had", "have",
     "in", "on", "at", "former", "acting", "interim", "new"}
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z][a-z’'-]*\.?$")
_NAME = r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)+"


def _people(claim: Claim) -> list[str]:
    return [e.text for e in claim.entities if e.label == "PERSON" and len(e.text.split()) >= 2]


def post_before(text: str, person: str) -> str | None:
    """The post written right before the person's name, lower-cased, honorifics left out
    ("council leader" of "Council leader Dr Margaret Ellison"); None where there is none of
    MIN_WORDS to MAX_WORDS words."""
    i = text.find(person)
    if i < 0:
        return None
    words: list[str] = []
    for w in reversed(text[:i].split()):
        if not _WORD.match(w) or w.lower() in _STOP:
            break
        words.insert(0, w.lower())
    while words and words[-1].rstrip(".") in _HONORIFICS:
        words.pop()
    return " ".join(words) if MIN_WORDS <= len(words) <= MAX_WORDS else None


def _holders(text: str, post: str) -> Iterator[str]:
    """The full names the text writes right after the post."""
    for m in re.finditer(rf"\b(?i:{re.escape(post)})\s+({_NAME})", text):
        yield m.group(1)


def _another_of_the_kind(mine: str, theirs: str) -> bool:
    """Two posts of one kind that cannot both be right: the same last word, and neither's other
    words among the other's ("finance minister" / "emergency services minister"; not "chief
    executive" / "group chief executive")."""
    a, b = mine.split(), theirs.split()
    if a[-1] != b[-1]:
        return False
    return not (_within(a, b) or _within(b, a))


def _within(words: list[str], others: list[str]) -> bool:
    """Whether each word is one of the others, or begins as one does ("japanese" / "japan's",
    "service" / "services"): a nation's post written two ways is one post."""
    return all(any(w[:4] == o[:4] for o in others) for w in words)


def _reason(a: Claim, b: Claim, ctx: Context, person: str, post: str, other: str) -> str:
    return f"different post: {ctx.name(a.article)} calls {person} {post}, " + other.format(
        ctx.name(b.article)
    )


def check_post(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The claim gives a person a post that the other article gives someone else, or gives the
    person another post of the same kind."""
    document = ctx.article_text.get(b.article, "") or b.text
    sentences = split_sentences(document)
    for person in _people(a):
        surname = person.split()[-1]
        post = post_before(a.text, person)
        if post is None or surname not in b.text:
            continue
        if any(surname in s and post in s.lower() for s in sentences):
            continue  # the other article names the person beside the claim's post too
        others = [h for h in _holders(document, post) if h.split()[-1] != surname]
        if others:
            other = f"{{}} gives that post to {others[0]}"
            return make_dispute(a, b, "entity", _reason(a, b, ctx, person, post, other), CONFIDENCE)
        theirs = [p for s in sentences if (p := post_before(s, person)) is not None]
        kind = next((p for p in theirs if _another_of_the_kind(post, p)), None)
        if kind is not None:
            other = f"{{}} calls them {kind}"
            return make_dispute(a, b, "entity", _reason(a, b, ctx, person, post, other), CONFIDENCE)
    return None
