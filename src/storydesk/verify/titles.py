"""A person given someone else's post: "Council leader Margaret Ellison apologised" where the
source says "Margaret Ellison, the council's chief executive" and "Council leader David Okafor".

The cross-encoder never sees the post (verify.names cuts it from the claim before the model
reads it), and the sentence that says what she did supports the rest. So this check reads the
post written right before the claim's name ("Council leader Margaret Ellison", "said chief
executive Helen Varga") or set off by a comma right after it ("Colin Ashworth, chief inspector
of the Light Rail Safety Board,") and looks for it in the other article: it fires when that
article writes the same post with another person's full name (before it, or set off after
it: "Dr Helena Marsh, the board's chief inspector"), and no sentence of it names the claim's
person beside that post ("Ellison, who is also council leader" makes two posts).

A post that differs without another holder ("Regional Finance Minister" / "Emergency Services
Minister Paul Haddon") is not read: posts are written with places and organisations that vary
between honest retellings ("Missouri Education Commissioner" / "State Education Commissioner",
"Board Chairman" / "Ahold Chairman"), and comparing them called six MRPC paraphrases
contradicted.

Conservative: the post has at least two words ("council leader", "head of enforcement"), since
one-word posts ("Detective", "Minister", "Councillor") are held by many people at once; and the
other sentence of the pair names the claim's person, so the two are about them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Claim, Dispute
from .affiliations import named_with, people
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


# Who the post belongs to, before it: "the ", "its ", "the board's ", "BMT's ".
_OWNER = r"(?:(?:the|its)\s+)?(?:[\w-]+(?:\s+[\w-]+){0,4}?[’']s\s+)?"
# A post set off after the name: "Colin Ashworth, chief inspector of the board," or "Helena
# Marsh, the board's chief inspector". Lower-case words: a name or an organisation is not one.
_AFTER = re.compile(
    rf",\s+{_OWNER}((?:[a-z][a-z-]*\s+){{1,3}}[a-z][a-z-]*)(?=\s+(?:of|at|for)\b|\s*[,.;])"
)


def post_after(text: str, person: str) -> str | None:
    """The post set off by a comma right after the person's name ("chief inspector" of "Colin
    Ashworth, chief inspector of the Light Rail Safety Board,"); None where there is none of
    MIN_WORDS to MAX_WORDS words."""
    i = text.find(person)
    m = _AFTER.match(text, i + len(person)) if i >= 0 else None
    if m is None:
        return None
    words = m.group(1).split()
    if any(w in _STOP for w in words):
        return None  # "Ashworth, who was appointed", "Ashworth, said the company"
    return " ".join(words) if MIN_WORDS <= len(words) <= MAX_WORDS else None


def _holders(text: str, post: str) -> Iterator[str]:
    """The full names the text writes with the post: right after it ("chief inspector Helena
    Marsh", "its chief inspector, Dr Helena Marsh") or set off after the name ("Helena Marsh,
    the board's chief inspector")."""
    p = re.escape(post)
    for m in re.finditer(rf"\b(?i:{p}),?\s+({_NAME})", text):
        yield m.group(1)
    for m in re.finditer(rf"({_NAME}),\s+{_OWNER}(?i:{p})\b", text):
        yield m.group(1)


def _conflict(document: str, person: str, post: str) -> str | None:
    """What the other article says instead of the claim's post, in words; None if nothing."""
    surname = person.split()[-1]
    if named_with(document, surname, post):
        return None  # the other article names the person beside the claim's post too
    others = [h for h in _holders(document, post) if h.split()[-1] != surname]
    return f"gives that post to {others[0]}" if others else None


def check_post(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The claim gives a person a post that the other article gives someone else."""
    for person in people(a):
        post = post_before(a.text, person) or post_after(a.text, person)
        if post is None or person.split()[-1] not in b.text:
            continue
        found = _conflict(ctx.article_text.get(b.article, "") or b.text, person, post)
        if found is not None:
            reason = (
                f"different post: {ctx.name(a.article)} calls {person} {post}, "
                f"{ctx.name(b.article)} {found}"
            )
            return make_dispute(a, b, "entity", reason, CONFIDENCE)
    return None
