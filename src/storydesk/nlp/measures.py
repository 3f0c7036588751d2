"""Sums of money and lengths of time as quantities, so "$5 million" can meet "$5 billion" and
"lasted three weeks" can meet "lasted three months".

A count names what it counts ("14 people"); money and durations do not, so they are keyed by
the word they hang on instead: "a budget of $5 million" and "a $5m budget" give "dollar budget",
"was fined £2.3m" and "a fine of £2.3 million" give "pound fine", "lasted three weeks" gives
"duration last". A sum paid per period is a rate, keyed with its period and valued a year
where the period converts: "pays £100 a month" gives 1,200 "pound/year pay", which meets "pays
£1,200 a year" and differs from "pays £1,200 a month". Amounts on different words ("cost $5
million", "a $2 million overrun") are never compared, which keeps a story's many figures apart
at the price of missing a change that also moved the figure to another word.

spaCy's entity bounds around money vary ("£2.3m" arrives as the entity "2.3" between "£" and
"m"; "40 million euros" as a CARDINAL before "euros"), so the amount is read from the tokens
around the entity as well.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Quantity
from .numbers import SCALES, parse_number

_SYMBOLS = {"$": "dollar", "us$": "dollar", "€": "euro", "£": "pound", "¥": "yen"}
_WORDS = {
    "dollar": "dollar", "dollars": "dollar", "euro": "euro", "euros": "euro", "pound": "pound",
    "pounds": "pound", "sterling": "pound", "yen": "yen", "yuan": "yuan", "rupees": "rupee",
    "rupee": "rupee", "francs": "franc", "franc": "franc",
}  # fmt: skip
# Other currencies, by the names English news writes after a figure ("12 million Swedish
# crowns", "500,000 kroner", "3 billion roubles"); the word is the currency's key, its plural
# too. Not "marks", "real" or "won": after a figure they are as often something else ("the
# 10-year mark"). Without them a sum in crowns was a count of crowns, compared whatever verb
# it hung on ("insured for 180 million crowns" against "cost 212 million crowns").
for _name, _forms in {
    "crown": "crown crowns krona kronor krone kroner koruna koruny",
    "rouble": "rouble roubles ruble rubles",
    "peso": "peso pesos",
    "rand": "rand",
    "lira": "lira lire liras",
    "dinar": "dinar dinars",
    "dirham": "dirham dirhams",
    "riyal": "riyal riyals rial rials",
    "shekel": "shekel shekels",
    "zloty": "zloty zlotys",
    "forint": "forint forints",
    "baht": "baht",
    "ringgit": "ringgit",
    "rupiah": "rupiah",
    "naira": "naira",
    "shilling": "shilling shillings",
    "hryvnia": "hryvnia hryvnias",
    "renminbi": "renminbi",
}.items():
    _WORDS |= dict.fromkeys(_forms.split(), _name)
_SUBUNITS = {"cents": ("dollar", 0.01), "cent": ("dollar", 0.01), "pence": ("pound", 0.01)}
_SCALE_WORDS = {"m": "million", "mn": "million", "bn": "billion", "b": "billion", "k": "thousand"}
_GLUED = re.compile(r"(\d[\d,]*(?:\.\d+)?)(m|mn|bn|b|k)\.?")
_DAYS = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "fortnight": 14.0, "month": 365.25 / 12, "year": 365.25, "decade": 3652.5,
}  # fmt: skip
# A length of time, not a point: "three weeks", "about 18 months", "a year".
_DURATION = re.compile(
    r"(?:(?:about|around|nearly|almost|roughly|some|over|under|more than|less than|at least|"
    r"at most|up to|just)\s+)*(?P<n>[\w.,-]+(?:\s+[\w.,-]+)?)\s+(?P<u>[a-z]+?)s?"
)
# Words around a length of time that make it a point or an age: "two days ago", "a year later".
_COMPOUND = re.compile(r"^([\w.,]+)-([a-z]+)$")
_ORDINAL = re.compile(r"\d(st|nd|rd|th)\b|\b(first|second|third|fourth|fifth|last|next)\b")
_HALF = re.compile(r"(?:a )?half (?:a )?(thousand|million|billion)\b")
_RANGE = re.compile(r"\b(between|to|and|or)\b|\d\s*[-–]\s*\d")
# ("six months from January" is still six months long.)
_NOT_LENGTH = frozenset({"ago", "later", "earlier", "before", "after", "old", "since"})
_DEPENDENT = frozenset({"compound", "nmod", "amod", "nummod", "quantmod", "poss"})


# Words too general to say what an amount is ("it was $4.4 billion", "had $2 million", "up
# from $7.3 billion"): amounts on them are not compared.
_VAGUE = frozenset(
    {"be", "have", "do", "get", "make", "take", "go", "come", "say", "tell", "include", "give",
     "reach", "total", "compare", "amount", "figure", "sum", "value", "worth", "level", "price",
     "rate", "number", "estimate"}
)  # fmt: skip


# A rate says more than a total on a general verb: "they will get £10 a month" against "£10 a
# year" is one payment whose period changed.
_VAGUE_FOR_RATE = _VAGUE - {"get", "give", "take", "have", "make"}
# Lengths of time hang on fewer vague words: "took two weeks" says what lasted.
_VAGUE_FOR_TIME = frozenset({"be", "have", "do", "get", "make", "go", "come", "say", "tell"})
# Prepositions that make an amount a change or a level, not the thing itself: "raised its offer
# by $1 billion" against "to $5 billion", "fell to $38" against "fell $2".
_CHANGE = frozenset({"by", "to", "from"})


def _anchor(span: Any, vague: frozenset[str] = _VAGUE) -> str:
    """Lemma of the word an amount hangs on: the noun it modifies or is "of", else its verb,
    with "by", "to" or "from" when the amount is a change or a level ("raise by"); "" when that
    word is vague or not a noun or verb ("down from $7.3 billion")."""
    head = next((t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end), None)
    if head is None or head.head.i == head.i:
        return ""
    up, via = head.head, ""
    if head.dep_ == "pobj" and up.dep_ in ("prep", "agent") and up.head.i != up.i:
        via = up.lower_ if up.lower_ in _CHANGE else ""
        up = up.head  # "a budget of $5 million", "jailed for six months", "delayed by a week"
    if up.lemma_.lower() in _FRAMES and _framed(up):
        up, via = up.head.head, ""  # "chartered at a cost of £18,500 a day": the chartering
    lemma = str(up.lemma_.lower())
    if lemma in _MEASURING and (subject := _measured(up)) is not None:
        return subject  # "the works are valued at £2.4 million": the works' value
    if up.pos_ not in ("NOUN", "PROPN", "VERB") or lemma in vague:
        return ""
    return f"{lemma} {via}".strip()


# Words that say what something is worth, whose subject is the thing: "the works are valued at
# £2.4 million", "the paintings are worth £2.4 million", "the bill totalled £1.2 million".
_MEASURING = frozenset({"value", "worth", "total", "estimate"})


def _measured(word: Any) -> str | None:
    """The noun whose worth `word` states: its subject, or for "worth" its verb's ("are worth");
    None for a pronoun or another vague word."""
    verb = word.head if word.pos_ == "ADJ" and word.dep_ in ("acomp", "amod") else word
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = str(subject.lemma_.lower())
    return None if lemma in _VAGUE else lemma


# Nouns that only frame a sum ("at a cost of", "for a price of"): the sum is what the verb
# they hang from costs. Not "a total of" or "a value of", which add up more than one thing
# ("bought the two paintings for a total of £5 million", "a value of £2 billion including debt").
_FRAMES = frozenset({"cost", "price"})


def _framed(noun: Any) -> bool:
    """Whether the noun is the object of a preposition on a verb ("chartered at a cost")."""
    prep = noun.head
    return bool(
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.head.i != prep.i
        and prep.head.pos_ == "VERB"
    )


# After a sum: it is per something ("$2,000 a month", "50 cents a share", "$15 an hour").
_PER = frozenset({"a", "an", "per", "each", "apiece"})


# A rate's period, as the number of it in a year: rents, pay and fees are quoted a week, a month
# or a year and converted between them ("£100 a month" is "£1,200 a year"). A day or an hour
# has no one conversion (working days, working hours) and is compared only with itself.
_PER_YEAR = {
    "year": 1.0,
    "annum": 1.0,
    "quarter": 4.0,
    "month": 12.0,
    "fortnight": 26.0,
    "week": 52.0,
}
_OWN_PERIOD = frozenset({"day", "hour", "night", "shift"})
_RATE_ADVERBS = {
    "annually": "year", "yearly": "year", "quarterly": "quarter", "monthly": "month",
    "weekly": "week", "daily": "day", "nightly": "night", "hourly": "hour",
}  # fmt: skip


CURRENCY_WORDS = frozenset((*_WORDS, *_SUBUNITS))
RATE_PERIODS = frozenset((*_PER_YEAR, *_OWN_PERIOD))
RATE_ADVERBS = _RATE_ADVERBS


def _rate_period(span: Any) -> tuple[str, str] | None:
    """The period a sum is paid per, written right after it ("£1,200 a month", "$15 an hour",
    "€2 million annually"), with the words that say it; None for a total."""
    after = span.doc[span.end : span.end + 4]
    words = [t.lower_ for t in after]
    if words and words[0] in _RATE_ADVERBS:
        return _RATE_ADVERBS[words[0]], after[0].text
    if len(words) >= 2 and words[0] in ("a", "an", "per", "every", "each"):
        offset = words[2:3] and words[2] in ("after", "before") and words[3:4] != ["tax"]
        if offset or (words[2:3] and words[2] in ("ago", "later", "earlier")):
            return None  # "$5 million a year ago", "a week after the recall" (not "after tax")
        period = words[1][:-1] if words[1].endswith("s") else words[1]
        if period in _PER_YEAR or period in _OWN_PERIOD:
            return period, after[:2].text
    return None


_SHARED = frozenset({"each", "apiece", "per"})


def _rate(span: Any, value: float, currency: str, anchor: str) -> Quantity | None:
    """A sum paid per period, keyed "<currency>/<period> <anchor>" with its value a year where
    the period converts ("pound/year rent"), so "£1,200 a year" meets "£1,200 a month". None
    when the sentence also shares it out ("each", "per flat", "between them"): per what is then
    unclear."""
    found = _rate_period(span)
    if found is None:
        return None
    period, words = found
    own = {t.i for t in span.doc[span.end : span.end + 2]}
    low = span.sent.text.lower()
    shared = [t for t in span.sent if t.lower_ in _SHARED and t.i not in own and not _per_cent(t)]
    if shared or re.search(r"\bbetween them\b|\b(?:a|per) head\b", low):
        return None  # "£24,000 a month between them, or £600 per flat": per whom?
    if period in _PER_YEAR:
        value, period = value * _PER_YEAR[period], "year"
    return Quantity(value, f"{currency}/{period} {anchor}", f"{span.text} {words}")


def _per_unit(span: Any) -> bool:
    """A rate or a share ("$1,000 each", "$2,000 a month", "$15 an hour") is not a total, and
    an amount in a sentence that hands it out "each" may be either."""
    doc = span.doc
    after = [t.lower_ for t in doc[span.end : span.end + 2]]
    if after and (after[0] in ("each", "apiece", "per") or (after[0] in _PER and len(after) > 1)):
        return True
    return any(
        t.lower_ in ("each", "apiece", "per", "annually") and not _per_cent(t) for t in span.sent
    )


def _per_cent(token: Any) -> bool:
    """ "per cent" is a percentage, not a share ("a £11.4m loss, after a 22 per cent rise")."""
    if token.lower_ != "per" or token.i + 1 >= len(token.doc):
        return False
    return bool(token.nbor(1).lower_ == "cent")


def _widened(ent: Any) -> Any:
    """The entity with a currency sign before it and a scale or currency word after it."""
    doc, start, end = ent.doc, ent.start, ent.end
    if start > 0 and doc[start - 1].lower_ in _SYMBOLS:
        start -= 1
    while end < len(doc) and (
        doc[end].lower_.rstrip(".") in _SCALE_WORDS
        or doc[end].lower_ in _WORDS
        or doc[end].lower_ in _SUBUNITS
    ):
        end += 1
    return doc[start:end]


def money(ent: Any) -> Quantity | None:
    """A sum of money in or around the entity, keyed "<currency> <anchor>"; None when no
    currency is written (a bare CARDINAL) or no figure is found."""
    span = _widened(ent)
    low = [t.lower_ for t in span]
    if any(_per_cent(t) for t in span):
        return None  # "22 per cent", which the tagger may call MONEY: no cents
    currency, factor = next(((_SYMBOLS[w], 1.0) for w in low if w in _SYMBOLS), (None, 1.0))
    for w in low:
        if currency is None and w in _WORDS:
            currency = _WORDS[w]
        if w in _SUBUNITS:
            currency, factor = _SUBUNITS[w]
    if currency is None and ent.label_ != "MONEY":
        return None
    text = _spelled_out([w for w in low if w not in _SYMBOLS])
    half = _HALF.match(text)
    value = 0.5 * SCALES[half.group(1)] if half else parse_number(text)
    rate = _rate_period(span) is not None
    anchor = _anchor(span, _VAGUE_FOR_RATE if rate else _VAGUE)
    if value is None or not anchor or _RANGE.search(text):
        return None  # a range ("between $4,450 and $5,800") is no one value
    if rate:
        return _rate(span, value * factor, currency or "money", anchor)
    if _per_unit(span):
        return None
    return Quantity(value * factor, f"{currency or 'money'} {anchor}", span.text)


def _unglue(m: re.Match[str]) -> str:
    return f"{m.group(1)} {_SCALE_WORDS[m.group(2)]}"


def _spelled_out(words: list[str]) -> str:
    """Lower-case words with scale abbreviations written out: "2.5m" -> "2.5 million"."""
    return " ".join(
        _SCALE_WORDS.get(w.rstrip("."), w) if not w[0].isdigit() else _GLUED.sub(_unglue, w)
        for w in words
    )


# A figure as written, with the scale word or letter after it ("18,500", "2.5m", "1.2 million"),
# for readers of plain text; scaled_number gives its value.
SCALE_SUFFIX = r"(?:\s*(?:m|bn|k|million|billion|thousand|trillion)\b)?"
FIGURE = rf"\d[\d,]*(?:\.\d+)?{SCALE_SUFFIX}"


def scaled_number(written: str) -> float | None:
    """ "1,200" -> 1200, "2.5m" or "2.5 million" -> 2,500,000, "Fourteen" -> 14."""
    return parse_number(_spelled_out(written.lower().split()))


def duration(ent: Any) -> Quantity | None:
    """A length of time in days, keyed "duration <anchor>"; None for points in time ("two days
    ago", "last year", "Friday") and ages ("a 10-year-old")."""
    doc = ent.doc
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    low = ent.text.lower()
    if after in _NOT_LENGTH or any(w in _NOT_LENGTH for w in re.split(r"[\s-]+", low)):
        return None
    # "a three-week closure", "an 18-month project": the length of the noun it qualifies.
    low = _COMPOUND.sub(r"\1 \2", low) if ent.root.dep_ in ("compound", "amod", "nmod") else low
    if "-" in low:
        return None
    m = _DURATION.fullmatch(low)
    if m is None or m.group("u") not in _DAYS:
        return None
    count = m.group("n")
    if _ORDINAL.search(count):
        return None  # "first-year students"
    value = 1.0 if count in ("a", "an", "one") else parse_number(count)
    anchor = _anchor(ent, _VAGUE_FOR_TIME)
    if value is None or not anchor or _RANGE.search(low):
        return None
    return Quantity(value * _DAYS[m.group("u")], f"duration {anchor}", ent.text)


_MULTIPLYING = {"double": 2.0, "triple": 3.0, "treble": 3.0, "quadruple": 4.0, "halve": 0.5}


def multipliers(sent: Any) -> list[Quantity]:
    """ "doubled its profit", "profits tripled": a multiple of the thing changed, keyed "times
    <thing>" (the object, or the subject when there is none). "Doubled down" and "doubles as"
    change nothing; "more than doubled" keeps its bound in the text."""
    out = []
    for tok in sent:
        value = _MULTIPLYING.get(tok.lemma_.lower())
        if value is None or tok.pos_ != "VERB":
            continue
        if any(c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ == "as") for c in tok.children):
            continue
        thing = next((c for c in tok.children if c.dep_ == "dobj"), None) or next(
            (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None
        )
        if thing is None or thing.pos_ not in ("NOUN", "PROPN"):
            continue
        bound = [t for c in tok.children if c.dep_ == "advmod" and c.i < tok.i for t in c.subtree]
        text = " ".join([*(t.text for t in sorted(bound, key=lambda t: t.i)), tok.text])
        out.append(Quantity(value, f"times {thing.lemma_.lower()}", text))
    return out
