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
from ..nlp.sentences import split_sentences
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


def _run_before(text: str, start: int, limit: int | None = None) -> list[str]:
    """The lower-cased words right before text[start], back to one that ends a post (`_STOP`,
    or no word at all); within the last `limit` words where given."""
    words: list[str] = []
    for w in reversed(text[:start].split()[-limit if limit else None :]):
        if not _WORD.match(w) or w.lower() in _STOP:
            break
        words.insert(0, w.lower())
    return words


def post_before(text: str, person: str) -> str | None:
    """The post written right before the person's name, lower-cased, honorifics left out
    ("council leader" of "Council leader Dr Margaret Ellison"); None where there is none of
    MIN_WORDS to MAX_WORDS words."""
    i = text.find(person)
    if i < 0:
        return None
    words = _run_before(text, i)
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


# What a post is in charge of: a service or ministry ("police chief", "Fire Commander",
# "finance minister") or a company's office ("chief executive", "chief financial officer").
# Two posts of one person that name different ones are different posts; the words around
# them (places, ranks, "head" or "chief") vary between honest retellings and are not read.
_FUNCTIONS = {
    **dict.fromkeys(("finance", "financial", "treasury"), "finance"),
    **dict.fromkeys(("defence", "defense"), "defence"),
    **dict.fromkeys(("labour", "labor"), "labour"),
    **dict.fromkeys(("economy", "economic"), "economy"),
    **dict.fromkeys(("technology", "technical"), "technology"),
    **dict.fromkeys(("operating", "operations"), "operations"),
    **{w: w for w in (
        "police", "fire", "health", "education", "foreign", "interior", "justice", "transport",
        "environment", "energy", "agriculture", "trade", "housing", "culture", "tourism",
        "immigration", "executive", "marketing", "legal", "commercial", "communications",
        "medical", "scientific", "sales",
    )},
}  # fmt: skip
_SPAN_WORDS = 10


def _around(text: str, start: int, end: int) -> list[str]:
    """The words of the post written right before a name at text[start:end] (up to a word
    that ends a post) and set off by a comma right after it (up to the next comma)."""
    before = _run_before(text, start, _SPAN_WORDS)
    after: list[str] = []
    rest = text[end:]
    if rest.startswith(","):
        clause = re.split(r"[,;.]", rest[1:], maxsplit=1)[0].split()[:_SPAN_WORDS]
        if clause and clause[0].lower() not in _STOP - {"the", "a", "an"}:
            after = [re.sub(r"[’']s$", "", w.lower()) for w in clause]
    return before + after


def _functions(words: list[str]) -> frozenset[str]:
    return frozenset(_FUNCTIONS[w] for w in words if w in _FUNCTIONS)


def _function_clash(document: str, person: str, claim: str) -> str | None:
    """What the document calls the person where the claim's post and every post the document
    gives them name different services or offices ("police chief" / "Fire Commander");
    None where either names none or they share one."""
    i = claim.find(person)
    mine = _functions(_around(claim, i, i + len(person)))
    if not mine:
        return None
    first, surname = person.split()[0], person.split()[-1]
    theirs: set[str] = set()
    shown = ""
    for m in re.finditer(rf"(?:\b([A-Z][a-z’'-]+)\s+)?\b{re.escape(surname)}\b", document):
        if m.group(1) and m.group(1) != first and m.group(1)[0] != first[0]:
            continue  # another person of that surname
        words = _around(document, m.start(), m.end())
        if words and (found := _functions(words)):
            theirs |= found
            shown = shown or " ".join(words)
    if not theirs or mine & theirs:
        return None
    return f"calls them {shown}"


def check_post(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The claim gives a person a post that the other article gives someone else, or one in
    charge of something else than every post the other article gives them."""
    for person in people(a):
        if person.split()[-1] not in b.text:
            continue
        document = ctx.article_text.get(b.article, "") or b.text
        post = post_before(a.text, person) or post_after(a.text, person)
        found = (post and _conflict(document, person, post)) or _function_clash(
            document, person, a.text
        )
        if found is not None:
            at = a.text.find(person)
            called = post or " ".join(_around(a.text, at, at + len(person)))
            reason = (
                f"different post: {ctx.name(a.article)} calls {person} {called}, "
                f"{ctx.name(b.article)} {found}"
            )
            return make_dispute(a, b, "entity", reason, CONFIDENCE)
    return None


def post_in(claim: Claim, article: str, ctx: Context) -> Dispute | None:
    """`check_post` against every sentence of the article that names one of the claim's people,
    not only those close to the claim: a person's post is the article's wherever it names them
    ("Halvorsen said it had no knowledge of the cargo" is the sentence the claim retells, "...,
    said Lars Henning, the company's communications director" the one with his post)."""
    document = ctx.article_text.get(article, "")
    surnames = {p.split()[-1] for p in people(claim)}
    if not document or not surnames:
        return None
    at = 0
    for k, sentence in enumerate(split_sentences(document)):
        start = document.find(sentence, at)
        at = max(at, start)
        if not any(s in sentence for s in surnames):
            continue
        other = Claim(f"{article}:{k}", article, k, start, start + len(sentence), sentence)
        found = check_post(claim, other, 0.0, ctx)
        if found is not None:
            return found
    return None
