"""Word-level comparison of two wordings of a quotation: tokens, diff, and the measurable signals
(overlap, containment, negation, numbers and time, a word put for its opposite) that the
relation classifier reads.

Everything here is plain string work (and, for opposites, a WordNet lookup), so each relation a
reader sees can be recomputed by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..nlp.lemmas import base_forms
from ..nlp.wordnet import antonyms, exceptions

# Words, with inner apostrophes kept ("don't", "Japan's"); "[has]" loses its brackets but keeps
# the word, because an editor's bracketed insertion stands for words the speaker did say.


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A number keeps its decimal point and thousands separators ("2.4", "42,000"): split at them,
# "2.4" and "4.2" would be the same two tokens and a changed figure would read as no change.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:['’]\w+)*|…|\.\.\.")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_ELLIPSIS = frozenset({"…", "..."})
NEGATIONS = frozenset(
    {"not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "cannot", "without"}
)
_NEGATED_SUFFIX = ("n't", "n’t")
NUMBER_WORDS = _wordset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion dozen half first third twice"
)
# Time units and deictic days: "within weeks" against "however long that takes" changes a promise.
# ("May" is left out: in quotes it is far more often the modal than the month.)
TIME_WORDS = _wordset(
    "minute hour day week month year decade century today tomorrow yesterday tonight "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december"
)
STOPWORDS = _wordset(
    "a an the and or but of to in on at for with by from as is are was were be been being am it "
    "its this that these those we i you he she they us our my your his her their them there here "
    "will would can could should do does did has have had so very more most than then also just "
    "about into over such what which who whom whose why how when where while if because"
)


def tokens(text: str) -> list[str]:
    """Lower-cased words and ellipsis marks; punctuation, case and brackets do not count."""
    return [_THOUSANDS.sub("", t.lower().replace("’", "'")) for t in _TOKEN.findall(text)]


def words(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in _ELLIPSIS]


def content_words(toks: list[str]) -> list[str]:
    return [t for t in toks if t not in STOPWORDS and t not in _ELLIPSIS]


def word_diff(a: str, b: str) -> tuple[tuple[str, str], ...]:
    """Ops that turn wording `a` (canonical) into `b` (variant): "=" kept, "-" dropped, "+" added.

    Diffed on normalised tokens so case and punctuation never show up as edits; the text of each
    op is the normalised words, joined by spaces.
    """
    ta, tb = words(a), words(b)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", " ".join(ta[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(ta[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(tb[j1:j2])))
    return tuple(ops)


def singular(word: str) -> str:
    """A plural's singular, near enough ("dollars" -> "dollar", "works" -> "work")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


# "We should have acted" says the acting did not happen: a counterfactual denies as "not" does,
# and a quotation that drops it ("We acted when the first warning reached us") turns it round.
_COUNTERFACTUAL = frozenset({"should", "could", "would", "ought"})
_HAVE_OBJECTS = _wordset("a an the some no any to more less much many this that these those their")


def negation_count(toks: list[str]) -> int:
    """Negation cues; "not only" adds to a statement rather than denying it: not counted. A
    counterfactual ("should have acted", "ought to have known") counts as one."""
    count = 0
    for i, t in enumerate(toks):
        if t in NEGATIONS or t.endswith(_NEGATED_SUFFIX):
            count += not (t == "not" and toks[i + 1 : i + 2] in (["only"], ["just"], ["merely"]))
        elif t in _COUNTERFACTUAL and "have" in toks[i + 1 : i + 3]:
            after = toks[i + 1 :][toks[i + 1 :].index("have") + 1 :][:1]
            count += not after or after[0] not in _HAVE_OBJECTS  # not "could have a plan"
        elif t[-3:] in ("'ve", "’ve") and t[:-3] in _COUNTERFACTUAL:
            count += 1
    return count


# "One" is as often a pronoun as a number: "we will not pay one", "the one", "no one".
_PRONOUN_ONE_AFTER = _wordset("the a no any every each this that which another some such only own")


def _pronoun_one(toks: list[str], i: int) -> bool:
    last = i + 1 == len(toks) or toks[i + 1] in _ELLIPSIS
    return last or (i > 0 and toks[i - 1] in _PRONOUN_ONE_AFTER) or toks[i + 1] == "another"


def numbers_and_times(toks: list[str]) -> set[str]:
    out = set()
    for i, t in enumerate(toks):
        stem = singular(t)
        if t == "one" and _pronoun_one(toks, i):
            continue
        if any(c.isdigit() for c in t) or t in NUMBER_WORDS or stem in TIME_WORDS:
            out.add(stem)
    return out


ALIGNED_RATIO = 0.5


@dataclass(frozen=True)
class Comparison:
    """Measured relation between a variant and the canonical wording (token level)."""

    ratio: float  # difflib ratio on words: 2 * matched / (len(a) + len(b))
    containment: float  # share of the variant's words found, in order, in the canonical
    contiguous: bool  # the variant (pieces split at ellipses) is a run of the canonical
    negation_flip: bool  # negation count differs inside the part of the canonical it covers
    changed_numbers: tuple[str, ...]  # numbers / time words present on one side only

    both_numbered: bool = False  # each side has a number or time word of its own
    # Words of the canonical put for their WordNet antonyms ("old" -> "new"), as pairs.
    opposites: tuple[tuple[str, str], ...] = ()
    # Words of the canonical that trade places across the same link ("savings ahead of the
    # river" / "the river ahead of savings"), as pairs.
    exchanged: tuple[tuple[str, str], ...] = ()
    # The ratio against the stretch of the canonical the variant covers: a variant quoting one
    # sentence of a long quotation lines up with that sentence, not with the whole.
    covered_ratio: float = 0.0

    @property
    def meaning_flag(self) -> bool:
        """Evidence the meaning changed. Negation, number and opposite-word differences only
        count where the wording otherwise lines up (ratio >= 0.5 over the part of the canonical
        the variant covers): in a loose paraphrase, "not only confined" vs "not confined" is
        rewording, not a flip. A number replaced by another always counts."""
        aligned = max(self.ratio, self.covered_ratio) >= ALIGNED_RATIO
        value_changed = self.both_numbered and bool(self.changed_numbers)
        flipped = (
            self.negation_flip
            or bool(self.changed_numbers)
            or bool(self.opposites)
            or bool(self.exchanged)
        )
        return (aligned and flipped) or value_changed


def _contiguous(canon: list[str], variant_tokens: list[str]) -> bool:
    """Each ellipsis-separated piece of the variant occurs as a run of the canonical, in order."""
    pieces: list[list[str]] = [[]]
    for t in variant_tokens:
        if t in _ELLIPSIS:
            pieces.append([])
        else:
            pieces[-1].append(t)
    pos = 0
    for piece in (p for p in pieces if p):
        found = next(
            (
                i
                for i in range(pos, len(canon) - len(piece) + 1)
                if canon[i : i + len(piece)] == piece
            ),
            None,
        )
        if found is None:
            return False
        pos = found + len(piece)
    return True


def _elided(ca: list[str], va_all: list[str]) -> list[str] | None:
    """The canonical words a variant trimmed with ellipses keeps, piece by piece ("We have
    looked at every option ... we will keep it open"), without what the ellipses leave out;
    None when the pieces are not runs of the canonical in order."""
    pieces: list[list[str]] = [[]]
    for t in va_all:
        if t in _ELLIPSIS:
            pieces.append([])
        else:
            pieces[-1].append(t)
    pieces = [p for p in pieces if p]
    if len(pieces) < 2 or not _contiguous(ca, va_all):
        return None
    return [t for p in pieces for t in p]


# Adjectives and verbs. Not adverbs, whose antonyms are mostly directions and places that
# phrasal verbs and deixis use without opposing anything ("wind up" / "wind down", "here" /
# "there"), nor light verbs of motion and posture, opposed in WordNet but not in set phrases
# ("came down" / "went down", "stand idly by" / "sit idly by").
_OPPOSABLE = ("adj", "verb")
_LIGHT_VERBS = frozenset(
    {"come", "go", "bring", "take", "give", "get", "put", "keep", "stand", "sit", "lie", "set"}
)
# Particles, which WordNet also lists as adjectives ("up" / "down"): "slow up" is "slow down".
_PARTICLES = frozenset({"up", "down", "in", "out", "on", "off", "over", "back", "away"})


def bases(word: str) -> set[str]:
    """The forms WordNet may list the word under: itself, an irregular's base ("rose": "rise",
    "worse": "bad"), a regular past, -ing or plural form's."""
    found = {word, *base_forms(word, "ed"), *base_forms(word, "ing")}
    found |= {exceptions(pos).get(word, word) for pos in ("verb", "adj")}
    if word.endswith("s"):
        found.add(word[:-1])
    return found


def opposite(x: str, y: str) -> bool:
    """Whether one word stands for the other's direct antonym in WordNet ("old" / "new",
    "rose" / "fell", "accept" / "reject")."""
    if x == y:
        return False
    bx, by = bases(x), bases(y)
    if (bx | by) & _LIGHT_VERBS or {x, y} & _PARTICLES:
        return False
    return any(b in antonyms(pos).get(a, ()) for pos in _OPPOSABLE for a in bx for b in by)


def _opposites(
    matcher: SequenceMatcher[str], ca: list[str], va: list[str], lo: int, hi: int
) -> tuple[tuple[str, str], ...]:
    """Words of the canonical's stretch lo..hi replaced one for one by their opposites."""
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1 or i1 < lo or i2 > hi:
            continue
        out += [(x, y) for x, y in zip(ca[i1:i2], va[j1:j2], strict=True) if opposite(x, y)]
    return tuple(out)


_FILLER = frozenset({"the", "a", "an", "its", "their", "our", "his", "her", "this", "that"})
_MAX_LINK = 3  # words between the two: "ahead of", "before", "rather than"
# Links whose two sides can trade places without changing what is said: "jobs and wages".
_SYMMETRIC = frozenset({"and", "or", "nor", "plus", "as", "well", "both", "either", "neither"})


def _link(seq: list[str], i: int, j: int) -> tuple[str, ...]:
    return tuple(w for w in seq[i + 1 : j] if w not in _FILLER)


def _exchanged(ca: list[str], va: list[str]) -> tuple[tuple[str, str], ...]:
    """Content words that each side writes once and that trade places across the same linking
    words: "put savings ahead of the river" / "put the river ahead of savings". Word order
    carries the meaning of such a link ("ahead of", "over", "before", "than")."""
    once = [w for w in content_words(ca) if ca.count(w) == 1 and va.count(w) == 1]
    out = []
    for x in once:
        for y in once:
            i, j, vi, vj = ca.index(x), ca.index(y), va.index(x), va.index(y)
            if not (i < j and vj < vi):
                continue
            link = _link(ca, i, j)
            symmetric = set(link) <= _SYMMETRIC
            if link and not symmetric and len(link) <= _MAX_LINK and link == _link(va, vj, vi):
                out.append((x, y))
    return tuple(out)


def compare(canonical: str, variant: str, both_sides: bool = False) -> Comparison:
    """`variant` measured against `canonical`. Meaning markers are compared only over the
    stretch of the canonical the variant covers; with `both_sides`, only over the stretch of the
    variant the canonical covers too (does a change in a longer draft touch these words?)."""
    ca, va_all = words(canonical), tokens(variant)
    va = [t for t in va_all if t not in _ELLIPSIS]
    matcher = SequenceMatcher(None, ca, va, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    matched = sum(b.size for b in blocks)
    # Compare meaning markers only inside the stretch of the canonical the variant covers, so a
    # trimmed quote that leaves out a clause with "not" or "2019" is not called altered; an
    # ellipsis leaves out what lies between its pieces.
    lo = blocks[0].a if blocks else 0
    hi = blocks[-1].a + blocks[-1].size if blocks else len(ca)
    region = _elided(ca, va_all) or (ca[lo:hi] if blocks else ca)
    covered = va[blocks[0].b : blocks[-1].b + blocks[-1].size] if both_sides and blocks else va
    region_nums, variant_nums = numbers_and_times(region), numbers_and_times(covered)
    nums = region_nums ^ variant_nums
    return Comparison(
        ratio=2 * matched / max(len(ca) + len(va), 1),
        containment=matched / max(len(va), 1),
        contiguous=bool(va) and _contiguous(ca, va_all),
        negation_flip=negation_count(region) != negation_count(covered),
        changed_numbers=tuple(sorted(nums)),
        both_numbered=bool(region_nums - variant_nums) and bool(variant_nums - region_nums),
        covered_ratio=2 * matched / max(len(region) + len(covered), 1),
        opposites=_opposites(matcher, ca, va, lo, hi),
        exchanged=_exchanged(ca, va),
    )


def overlap(a: str, b: str) -> float:
    """Share of the shorter wording's content words that the other also uses (0..1)."""
    ca, cb = set(content_words(words(a))), set(content_words(words(b)))
    if not ca or not cb:
        ca, cb = set(words(a)), set(words(b))
    if not ca or not cb:
        return 0.0
    # Against the shorter side, except for very short ones: one shared word of two proves little.
    shorter = min(len(ca), len(cb))
    return len(ca & cb) / (shorter if shorter >= 3 else max(len(ca), len(cb)))
