"""A name the claim writes in another form than its window, written as the window writes it, for
the model only.

News writes one name several ways: "U.S." and "US" and "the United States", "AP" and "Associated
Press". The cross-encoder, trained on entity swaps, reads a name the window does not print as
another entity (0.54 contradiction on "Associated Press quotes a local policeman ..." against
"The AP quotes a local policeman ...", 0.01 with "AP"). Where a name of the claim is not in the
window and the window prints the same name in another form (the same after `normalise_name`'s
punctuation and aliases, or its initials), the model reads the claim with the window's form. The
shown claim, the features and the structured checks keep the claim's words.

The name helpers here (capitalised runs and the shorter runs within them) serve verify.metonymy
too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..nlp.acronyms import initials
from .checks import initials_of, normalise_name

MAX_WORDS = 4  # longer runs of capitalised words are headlines, not names
_RUN = re.compile(r"\b[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_ARTICLE = re.compile(r"^the\b\s*", re.IGNORECASE)
# Where a run of capitalised words holds two names: a sentence end ("on Monday. The United
# States") or a possessive ("the United States's Mr. Obama").
_NAME_BREAK = re.compile(r"(?<=[a-z]{2})\.(?:\s+|$)|['’]s\s+")


def says(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}(?!\w)", text) is not None


def names_in(text: str) -> list[str]:
    """The names a text may give: its capitalised runs, cut at a sentence end or a possessive,
    and the shorter runs of up to MAX_WORDS words within them ("Yesterday Beijing" at the start
    of a sentence holds "Beijing"), longest first; no possessive ending or leading 'The'. Bounded
    so that a title-case headline gives dozens of names, not hundreds."""
    pieces = (p for m in _RUN.finditer(text) for p in _NAME_BREAK.split(m.group()))
    found: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if piece.endswith(".") and piece.count(".") == 1:
            piece = piece[:-1]  # a sentence's full stop ("with the USA."), not "U.S."
        words = bare_name(piece).split()
        n = len(words)
        found += [" ".join(words[i : i + k])
                  for k in range(min(n, MAX_WORDS), 0, -1) for i in range(n - k + 1)]  # fmt: skip
    return sorted(dict.fromkeys(f for f in found if f), key=lambda f: -len(f.split()))


@lru_cache(maxsize=8192)
def _normal(name: str) -> str:
    return normalise_name(name)


def _initials(name: str) -> str:
    """'Associated Press' -> 'AP'; '' for a name of fewer than two capitalised words (the key
    `initials_of` would match it by)."""
    letters = initials(name.split())
    return letters if len(letters) >= 2 else ""


def bare_name(text: str) -> str:
    """A name without a leading 'the' or a possessive ending: "the Kremlin's" -> "Kremlin"."""
    return _ARTICLE.sub("", _POSSESSIVE.sub("", text))


def window_form(name: str, window: str) -> str:
    """The name as the window writes it: with 'the' when the window gives it one ("the UK")."""
    the = re.search(rf"\bthe\s+{re.escape(name)}(?!\w)", window, re.IGNORECASE)
    return "the " + name if the else name


def one_name(x: str, y: str) -> bool:
    """Two forms of one name: 'U.S.' / 'US' / 'United States', 'AP' / 'Associated Press'. Not a
    case difference alone ("IT" / "It"), which is as often two words as one name."""
    if x.lower() == y.lower():
        return False
    nx, ny = _normal(x), _normal(y)
    return bool(nx) and (nx == ny or initials_of(x, y) or initials_of(y, x))


def as_window_aliases(claim: str, window: str) -> str:
    """`claim` with each name the window does not print written as the window prints it."""
    theirs = [n for n in names_in(window) if not says(claim, n)]
    if not theirs:
        return claim
    # Indexes, so a pair of long title-case texts costs a lookup per name, not per pair.
    by_form: dict[str, list[str]] = {}
    for n in theirs:
        for key in {_normal(n), _initials(n), n if n.isupper() and n.isalpha() else ""} - {""}:
            by_form.setdefault(key, []).append(n)
    out = claim
    for name in names_in(claim):
        if says(window, name) or not says(out, name):
            continue
        keys = {_normal(name), _initials(name), name if name.isupper() and name.isalpha() else ""}
        near = [n for k in keys - {""} for n in by_form.get(k, ())]
        other = next((n for n in near if one_name(name, n)), None)
        if other is None:
            continue
        written = window_form(other, window)
        if written != other:  # "the UK" for "Britain"; a "the" the claim gives stays one
            out = re.sub(rf"\b(?:the\s+)?{re.escape(name)}(?!\w)", written, out, flags=re.I)
        else:
            out = re.sub(rf"\b{re.escape(name)}(?!\w)", other, out)
    return out[:1].upper() + out[1:] if claim[:1].isupper() else out
