"""Explainable contradiction checks between two claims from different sources.

Each check looks at one kind of disagreement (who acted, how many, when, where, whether, how
surely) and returns a reason a reader can verify in the two sentences. They are deliberately
conservative: a false "disputed" costs more trust than a missed one, so every check demands that
the two sentences are first about the same thing (similarity gate and a shared predicate).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import combinations

from ..model import Claim, Dispute, Quantity, Role, Side
from ..nlp.acronyms import initials
from ..nlp.numbers import NUMBER_WORDS, compatible, one_rounded, value_range
from ..nlp.sentences import MONTH_NAMES, split_sentences
from ..nlp.wordnet import kind_of
from .amounts import comparable, is_measure, kind, may_be_one, same_sum_other_period
from .synonyms import synonyms

# Predicates too generic to say two sentences describe the same action.
GENERIC_PREDICATES = frozenset(
    {"be", "have", "do", "say", "tell", "add", "state", "note", "make", "get", "go", "take",
     "include", "come", "see", "know", "think", "want", "give", "use", "become", "seem"}
)  # fmt: skip
NAMED = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "NAME"}
)  # NAME: nlp.roles, an untagged proper noun
PLACES = frozenset({"GPE", "LOC", "FAC"})
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_DAY = re.compile(
    r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2})\b|\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\b"
)


@dataclass(frozen=True)
class Context:
    """What a check may know beyond the two claims: the other claims of each article."""

    article_text: dict[str, str]
    labels: dict[str, str]  # article id -> outlet name for reasons
    years: dict[str, int] = field(default_factory=dict)  # article id -> publication year

    def name(self, article: str) -> str:
        return self.labels.get(article, article)


Check = Callable[[Claim, Claim, float, Context], Dispute | None]


def make_dispute(a: Claim, b: Claim, kind: str, reason: str, confidence: float) -> Dispute:
    return Dispute(
        Side(a.article, a.id, a.text), Side(b.article, b.id, b.text), kind, reason, confidence
    )


_NOT_ONLY = re.compile(r"\b(not|n't)\s+(only|just|merely)\b", re.IGNORECASE)
_NAME_NOISE = re.compile(r"[-‐–—'’.,]|\bthe\b|\bregion\b|\bs\b")


# Common short forms of the same country or bloc: not a different place.
_ALIASES = {
    "us": "united states", "u s": "united states", "usa": "united states",
    "u s a": "united states", "america": "united states",
    "united states of america": "united states",
    "uk": "united kingdom", "u k": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "eu": "european union", "un": "united nations",
    "uae": "united arab emirates", "prc": "china", "dprk": "north korea",
    "kyiv": "kiev",  # WordNet 3.0 (2006) knows the older spelling only
}  # fmt: skip


# An apostrophe inside a name ("O'Connor") is often dropped in copy ("OConnor"); a possessive's
# is not inside one.
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w\w)")


# Dotted initials ("U.S.", "U.K."): joined before the dots go, or the possessive rule below
# would take the "s" of "u s" for one and leave "u".
_DOTTED = re.compile(r"(?<![\w.])((?:\w\.){2,})")


def normalise_name(name: str) -> str:
    """'the Asia-Pacific region' -> 'asia pacific'; 'Japan’s' -> 'japan'; 'US' and 'the U.S.'
    -> 'united states'; "O'Connor" -> 'oconnor'"""
    undotted = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), name.lower())
    joined = _INNER_APOSTROPHE.sub("", undotted)
    plain = " ".join(_NAME_NOISE.sub(" ", joined).split())
    return _ALIASES.get(plain, plain)


def initials_of(short: str, full: str) -> bool:
    """'LA' and 'Los Angeles': the short form, all capitals, spells the full name's capitalised
    words."""
    letters = initials(full.split())
    return len(letters) >= 2 and short.isupper() and short.isalpha() and short == letters


def _same_word(x: str, y: str) -> bool:
    """'east'/'eastern', 'china'/'chinese': one word is a form of the other (shared stem)."""
    if x == y:
        return True
    common = next(
        (i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y))
    )
    return common >= 4 and common >= min(len(x), len(y)) - 2


def same_name(x: str, y: str) -> bool:
    """'Yoshimasa Hayashi' = 'Hayashi', 'Eastern Europe' = 'East Europe', 'Chinese' = 'China';
    but 'Marrowport Port Authority' != 'Marrowport City Council' (every word must find a match)."""
    tx, ty = normalise_name(x).split(), normalise_name(y).split()
    if not tx or not ty:
        return False
    if initials_of(x, y) or initials_of(y, x):
        return True
    small, big = (tx, ty) if len(tx) <= len(ty) else (ty, tx)
    return all(any(_same_word(w, v) for v in big) for w in small)


WORD = re.compile(r"[\w'’-]+")  # a word with its apostrophes and hyphens


def described(a: str, b: str) -> bool:
    """Whether one doer is the other described more generally: its head word is a kind of the
    other's ("the utility" / "the company"). Not two kinds of one thing ("doctors" /
    "nurses"), nor one head with other modifiers ("the northern route" / "the southern
    route")."""
    ha, hb = ((WORD.findall(x) or [""])[-1].lower() for x in (a, b))
    return ha != hb and (kind_of(ha, hb) or kind_of(hb, ha))


def unnamed(r: Role) -> bool:
    """Whether the verb's doer is a description ("the utility"), not a name."""
    return not r.agent_names and bool(r.agent) and str(r.agent).islower()


def verb_stem(predicate: str) -> str:
    """The start every written form of a verb lemma shares, near enough: "close" -> "clos"
    ("closed", "closing"), "build up" -> "buil" ("built"). Words that begin with it are taken
    as forms of the verb."""
    stem = predicate.split(" ")[0]
    return stem[: max(3, len(stem) - 1)]


def generic(role: Role) -> bool:
    """Whether the verb says too little to compare: a light or reporting verb, except "add"
    with a direct object ("added two flights"), which is no report."""
    if role.predicate == "add" and role.direct and role.patient:
        return False
    return role.predicate in GENERIC_PREDICATES


def action_roles(claim: Claim) -> list[Role]:
    return [r for r in claim.roles if not generic(r) and r.patient]


# Lengths of time written in different units are equal within this share: "six months" (182.6
# days) is "26 weeks" (182), "a year" is "52 weeks" (nlp.measures).
_DURATION_TOLERANCE = 0.05


def _equal(a: float, b: float, unit: str) -> bool:
    if unit.startswith("duration "):
        return abs(a - b) <= _DURATION_TOLERANCE * max(abs(a), abs(b))
    return abs(a - b) < 1e-9


def _gives(quantities: Sequence[Quantity], value: float, unit: str, ordinal: bool) -> bool:
    """Whether a sentence gives this number of this thing, or gives it with no thing of its own:
    in "the second or third trimester" only "second" hangs on "trimester". A sum or a length
    counts on whatever word it hangs on: "$5 million" anywhere gives "$5 million"."""
    return any(
        _equal(q.value, value, unit)
        and q.ordinal == ordinal
        and (q.unit in (unit, "") or (is_measure(unit) and kind(q.unit) == kind(unit)))
        for q in quantities
    )


def _what_differs(unit: str) -> str:
    """ "number for 'people'", "amount for 'budget' (dollar)", "length of time for 'last'"."""
    kind, _, anchor = unit.partition(" ")
    if not anchor:
        return f"number for '{unit}'"
    if kind == "duration":
        return f"length of time for '{anchor}'"
    if kind == "times":
        return f"multiple for '{anchor}'"
    if "/" in kind:
        return f"rate for '{anchor}' ({kind.partition('/')[0]})"
    return f"amount for '{anchor}' ({kind})"


def a_total(value: float, quantities: Sequence[Quantity]) -> bool:
    """Whether the value is the sum of two or three of the other figures: a total against its
    parts ("680 stores" / "412 stores ... the 268-store Pellbrook"). Not under 10: small
    figures add up by chance ("four men" / "three men, one aged 28 and two aged 26")."""
    if value < _MIN_TOTAL:
        return False
    values = [q.value for q in quantities if q.value > 0]
    return any(abs(sum(c) - value) < 1e-9 for n in (2, 3) for c in combinations(values, n))


_MIN_TOTAL = 10
NUMBER_SIMILARITY = 0.55
# Counts of one thing in two sentences worded apart ("drew testimony from well over a hundred
# witnesses" / "heard 46 witnesses", cosine 0.43) are still compared where the other article
# counts that thing in that sentence only: it has one count of witnesses to give.
ONLY_COUNT_SIMILARITY = 0.40
_COUNT_WORD = rf"(?:\d[\d,.]*|(?:{'|'.join(NUMBER_WORDS)})(?:-\w+)?|hundreds?|dozens?|thousands)"


# Nouns that count people of any kind: one story counts its dead, injured, evacuated and
# mourners in "people" alike ("several thousand people gathered for a vigil" is no count of the
# "seven people" who died), so one such count in an article is no count of the same group.
_ANY_PEOPLE = frozenset(
    {"people", "person", "man", "woman", "child", "adult", "individual", "resident", "member",
     "family", "household", "citizen", "inhabitant"}
)  # fmt: skip


def counted_only_here(document: str, unit: str, sentence: str) -> bool:
    """Whether `sentence` is the only sentence of the document with a count of `unit` (a noun's
    lemma; "witness" finds "46 witnesses", "three key witnesses"); never for people of any
    kind (`_ANY_PEOPLE`)."""
    if unit in _ANY_PEOPLE:
        return False
    counting = _counting(document, unit)
    return len(counting) == 1 and sentence in counting[0]


@lru_cache(maxsize=256)
def _counting(document: str, unit: str) -> tuple[str, ...]:
    """The document's sentences with a count of `unit`: a draft check asks this of one source
    for every pair of sentences it compares."""
    count = re.compile(rf"\b{_COUNT_WORD}\s+(?:[\w-]+\s+){{0,2}}{re.escape(unit)}", re.IGNORECASE)
    return tuple(s for s in split_sentences(document) if count.search(s))


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_ROUNDING = re.compile(
    r"^(?:roughly|about|around|approximately|nearly|almost|some|more\s+than|over|at\s+least|"
    r"up\s+to|fewer\s+than|less\s+than)\s+",
    re.IGNORECASE,
)


def _another_years_count(q: Quantity, claim: str, sentence: str, document: str) -> bool:
    """Whether the sentence counts the noun for a year the claim does not name ("since the 2003
    blackout, when nearly 2 million households were left without electricity") while another
    sentence of the document prints the claim's own count of it ("about 1.2 million
    households"): two events, each counted, not two counts of one."""
    years = set(_YEAR.findall(sentence)) - set(_YEAR.findall(claim))
    written = _ROUNDING.sub("", q.text).strip()
    if not years or not any(ch.isdigit() for ch in written):
        return False
    count = re.compile(
        rf"\b{re.escape(written)}\s+(?:[\w-]+\s+){{0,2}}{re.escape(q.unit)}", re.IGNORECASE
    )
    return any(count.search(s) for s in _counting(document, q.unit) if s not in sentence)


def check_number(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """Counts of the same thing that differ ("14 people" vs "41 people")."""
    if sim < ONLY_COUNT_SIMILARITY:
        return None
    document = ctx.article_text.get(b.article, "") or b.text
    for qa in a.quantities:
        if not qa.unit or not comparable(qa, a, b, sim, same_name):
            continue
        if sim < NUMBER_SIMILARITY and (
            is_measure(qa.unit) or not counted_only_here(document, qa.unit, b.text)
        ):
            continue
        if _another_years_count(qa, a.text, b.text, document):
            continue
        same_unit = [q for q in b.quantities if q.unit == qa.unit and q.ordinal == qa.ordinal]
        other_period = not same_unit and qa.text not in b.text  # "£120 a week" printed too
        if other_period and (qb := same_sum_other_period(qa, b.quantities)) is not None:
            reason = (
                f"different {_what_differs(qa.unit)}: {ctx.name(a.article)} says {qa.text}, "
                f"{ctx.name(b.article)} says {qb.text}"
            )
            return make_dispute(a, b, "number", reason, 0.85)
        if not same_unit or _gives(b.quantities, qa.value, qa.unit, qa.ordinal):
            continue
        qb = same_unit[0]
        if _gives(a.quantities, qb.value, qa.unit, qa.ordinal):
            continue
        if compatible(value_range(qa.text, qa.value), value_range(qb.text, qb.value)):
            continue  # "at least 40" and "more than 30" can both be true
        if one_rounded(qa.text, qa.value, qb.text, qb.value):
            continue  # "0.7 per cent" for "0.66 percent"
        if may_be_one(qa, qb):
            continue
        if a_total(qb.value, a.quantities) or a_total(qa.value, b.quantities):
            continue  # "680 stores" for "412 stores" and "268-store": the parts and their sum
        reason = (
            f"different {_what_differs(qa.unit)}: {ctx.name(a.article)} says {qa.text}, "
            f"{ctx.name(b.article)} says {qb.text}"
        )
        return make_dispute(a, b, "number", reason, 0.85)
    return None


DateMention = tuple[
    str | None, tuple[int, int] | None, str | None
]  # governor, (month, day), weekday


def date_mentions(claim: Claim) -> list[DateMention]:
    """Dated mentions; "Wednesday, 14 October" arrives as two entities and is joined into one."""
    out: list[DateMention] = []
    last_end = -10
    for e in sorted((e for e in claim.entities if e.label == "DATE"), key=lambda e: e.start):
        low = e.text.lower()
        m = _MONTH_DAY.search(low)
        md = (MONTHS[m.group(1) or m.group(4)], int(m.group(2) or m.group(3))) if m else None
        weekday = next((w for w in WEEKDAYS if w in low), None)
        if not (md or weekday):
            continue
        if out and e.start - last_end <= 3 and (out[-1][1] is None) != (md is None):
            gov, prev_md, prev_wd = out.pop()
            md, weekday, governor = md or prev_md, weekday or prev_wd, gov or e.governor
        else:
            governor = e.governor
        out.append((governor, md, weekday))
        last_end = e.end
    return out


# Sentences this similar report one event, whatever verbs their dates hang on.
SAME_EVENT = 0.75


def same_event(ga: str | None, gb: str | None, a: Claim, b: Claim, sim: float) -> bool:
    """Two dates describe one event when they hang off the same predicate, or synonyms of it
    ("detected" and "discovered"); when each sentence dates a predicate the other does not
    mention at all, only near-identical sentences count."""
    if ga is not None and ga == gb:
        return True
    preds_a = {r.predicate for r in a.roles}
    preds_b = {r.predicate for r in b.roles}
    if (ga is not None and ga in preds_b) or (gb is not None and gb in preds_a):
        return False  # the other source mentions this event but dates something else
    if ga is not None and gb is not None and synonyms(ga, gb, "VERB"):
        return True
    return sim >= SAME_EVENT


def _calendar_note(md: tuple[int, int] | None, weekday: str | None, year: int | None) -> str:
    if md is None or year is None:
        return ""
    try:
        actual = WEEKDAYS[date(year, md[0], md[1]).weekday()]
    except ValueError:
        return ""
    fact = f"{md[1]} {list(MONTHS)[md[0] - 1].title()} {year} was a {actual.title()}"
    return f" ({fact})" if weekday != actual else ""


def _dated(mentions: list[DateMention], governor: str | None) -> set[object]:
    """The dates and weekdays a sentence gives one predicate: "on Tuesday or Wednesday" gives
    "appear" two, either of which the other source may name."""
    return {x for g, md, wd in mentions if g == governor for x in (md, wd) if x}


def check_date(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """The same event dated differently: another calendar date, or another weekday, that is
    none of the days the other source gives it."""
    if sim < 0.55:
        return None
    dates_a, dates_b = date_mentions(a), date_mentions(b)
    for ga, mda, wa in dates_a:
        for gb, mdb, wb in dates_b:
            # One calendar date given two weekdays is wrong in one of them, whatever it dates
            # ("will meet residents on Thursday 12 August" / "will hold a meeting on Wednesday,
            # 12 August").
            one_date = bool(mda and mda == mdb and wa and wb)
            if not one_date and not same_event(ga, gb, a, b, sim):
                continue
            va: object
            vb: object
            if mda and mdb and mda != mdb:
                what, va, vb = "date", mda, mdb
                xa = f"{list(MONTHS)[mda[0] - 1].title()} {mda[1]}"
                xb = f"{list(MONTHS)[mdb[0] - 1].title()} {mdb[1]}"
            elif wa and wb and wa != wb:
                what, va, vb, xa, xb = "day", wa, wb, wa.title(), wb.title()
            else:
                continue
            if vb in _dated(dates_a, ga) or va in _dated(dates_b, gb):
                continue  # "Thursday or Friday" against "Thursday evening or Friday"
            year = ctx.years.get(a.article) or ctx.years.get(b.article)
            note = _calendar_note(mda, wa, year) or _calendar_note(mdb, wb, year)
            reason = (
                f"different {what}: {ctx.name(a.article)} says {xa}, "
                f"{ctx.name(b.article)} says {xb}{note}"
            )
            return make_dispute(a, b, "date", reason, 0.75)
    return None


def _same_act(denied: Role, asserted: Role) -> bool:
    """The same predicate, or a WordNet synonym done to the same thing ("without setting off
    the alarm" / "the alarm was triggered"); not a synonym the parse left with no doer or object
    ("refrain from divulging specifics", read as a modifier, against "have not disclosed")."""
    if denied.predicate == asserted.predicate:
        return True
    if not synonyms(denied.predicate, asserted.predicate, "VERB") or denied.patient is None:
        return False
    return any(same_name(denied.patient, x) for x in (asserted.agent, asserted.patient) if x)


def check_negation(a: Claim, b: Claim, sim: float, ctx: Context) -> Dispute | None:
    """One source denies what the other asserts, about the same predicate."""
    if sim < 0.6 or a.negated == b.negated:
        return None
    neg, pos = (a, b) if a.negated else (b, a)
    if _NOT_ONLY.search(pos.text):
        return None  # "not only confined to" may deny or add; too ambiguous to call a conflict
    asserted = [r for r in pos.roles if not (r.negated or r.unasserted)]
    # Only a denial of the very predicate the other source asserts counts: without that anchor,
    # paraphrases like "lacks" / "does not have" read as flips (measured on MNLI). A condition
    # ("if they are not repealed" / "unless they are repealed") neither asserts nor denies.
    denied = [
        r
        for r in neg.roles
        if r.negated and not r.unasserted and any(_same_act(r, p) for p in asserted)
    ]
    if not denied:
        return None
    role = denied[0]
    # "have ... evidence": the direct object says what is denied when the verb alone says little.
    what = (
        f"{role.predicate} ... {role.patient}" if role.patient and role.direct else role.predicate
    )
    reason = (
        f"negation: {ctx.name(neg.article)} says '{what}' did not happen, "
        f"{ctx.name(pos.article)} says it did"
    )
    return make_dispute(a, b, "negation", reason, 0.75)
