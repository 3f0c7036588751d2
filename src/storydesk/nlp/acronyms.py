"""Names written out in full where the rest of the story uses their initials.

One outlet writes "the North Atlantic Treaty Organization", the others "NATO". The sentence
encoder does not know they are one name: Newsmax's "a liaison office for the North Atlantic
Treaty Organization" sits at cosine 0.69 to "Japan is in talks to open a NATO office", 0.81 with
"NATO" written in. So the text that is embedded (never the text shown) has each full name replaced
by initials that the story itself uses.

A full name is a run of two or more capitalised words, small words (of, and, for, on, the) allowed
between them; its initials are those of the capitalised words. Only initials that occur in the
story as an all-capital word count, so nothing is abbreviated that no article abbreviates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# A word of its own: not a ticker's part (".DJI", "GS.N"), so the story's prose, not its
# market data, decides what is abbreviated.
_INITIALS = re.compile(r"(?<![\w.$&-])[A-Z]{2,6}(?![\w.&-])")
_SMALL = r"(?:of|and|for|on|the|de|&)"
_GLOSS = re.compile(r"\s*\(([A-Z]{2,6})\)")  # "Federal Trade Commission (FTC)"
_CAP = r"[A-Z][a-z]+"
# A run of capitalised words with small words between them, never starting or ending on one.
_RUN = re.compile(rf"\b{_CAP}(?:\s+(?:{_SMALL}\s+)*{_CAP})+\b")


def initials_in(texts: Iterable[str]) -> frozenset[str]:
    """Every all-capital word of 2-6 letters the texts use ("NATO", "EU", "SEC")."""
    return frozenset(m.group(0) for t in texts for m in _INITIALS.finditer(t))


def spelled_out(text: str) -> frozenset[str]:
    """Every set of initials a full name in `text` spells ("North Atlantic Treaty Organization
    Secretary General" gives NATO, NATOSG..., ATO...), to find "NATO" in a text that never
    abbreviates it."""
    found: set[str] = set()
    for run in _RUN.finditer(text):
        words = run.group(0).split()
        for i in range(len(words)):
            found.update(letters for _, letters in _names_from(words, i) if len(letters) <= 6)
    return frozenset(found)


def name_initials(name: str) -> str | None:
    """The initials a full name spells ("North Atlantic Treaty Organization" -> "NATO")."""
    if not _RUN.fullmatch(name.strip()):
        return None
    letters = initials(name.split())
    return letters if 2 <= len(letters) <= 6 else None


def initials(words: Sequence[str]) -> str:
    """The first letters of the capitalised words: "Los Angeles" -> "LA"."""
    return "".join(w[0] for w in words if w[:1].isupper())


def _names_from(words: list[str], i: int) -> list[tuple[int, str]]:
    """(end, initials) of each name starting at word i, longest first: capitalised at both
    ends, two or more initials."""
    if not words[i][:1].isupper():
        return []
    out = []
    for j in range(len(words), i + 1, -1):
        letters = initials(words[i:j])
        if words[j - 1][:1].isupper() and len(letters) >= 2:
            out.append((j, letters))
    return out


def _title_case(text: str) -> bool:
    """A headline in title case, where capitals spell nothing ("Nothing Applies To Our ..."):
    no lowercase word longer than the small words a headline keeps lowercase."""
    words = re.findall(r"[A-Za-z]+", text)
    return len(words) >= 3 and not any(w.islower() and len(w) >= 4 for w in words)


def _names(words: list[str], known: frozenset[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping (first, end, initials) word spans, left to right, longest match first."""
    found = []
    i = 0
    while i < len(words):
        end, letters = next(((j, x) for j, x in _names_from(words, i) if x in known), (0, ""))
        if not end:
            i += 1
            continue
        found.append((i, end, letters))
        i = end
    return found


def abbreviate(text: str, known: frozenset[str]) -> str:
    """`text` with each full name whose initials are in `known` replaced by those initials
    ("the European Union and the Securities and Exchange Commission" -> "the EU and the SEC").
    Text in title case is left alone."""
    if not known or _title_case(text):
        return text
    out: list[str] = []
    last = 0
    for run in _RUN.finditer(text):
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", run.group(0))]
        words = [run.group(0)[a:b] for a, b in spans]
        for i, j, letters in _names(words, known):
            start, end = run.start() + spans[i][0], run.start() + spans[j - 1][1]
            gloss = _GLOSS.match(text, end)
            if gloss and gloss.group(1) == letters:
                end = gloss.end()  # the name's own gloss would repeat the initials
            out.append(text[last:start] + letters)
            last = end
    return "".join(out) + text[last:]
