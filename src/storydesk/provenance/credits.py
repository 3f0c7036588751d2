"""News outlets a sentence credits for what it reports ("Hayashi told CNN", "according to Reuters").

Five outlets that each write "the spokesperson told CNN" confirm one report, CNN's, not five. The
independence groups of the provenance stage see only copying between the articles at hand; the
outlet a claim credits is an origin outside them. `credited` finds it with two kinds of cue:

- the outlet as source: "according to X", "X reported", "X's report", "as reported by X",
  "citing X";
- the outlet as the medium of a statement: "told X", "said in an interview with X", "in a
  statement to X", "speaking to X".

An outlet is a name from OUTLETS (agencies and large outlets, with their usual short forms), a
name the caller adds (the outlets of the story's own articles), or a capitalised name after
"the newspaper", "the news agency", "the broadcaster", ... Merely naming an outlet is not
crediting it ("CNN's headquarters", "a debate hosted by CNN" and "a CNN anchor" credit nothing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Canonical name -> other ways articles write it. Only names that are unambiguous in news prose
# when capitalised: "The Times", "The Post" or "Sun" alone name several papers.
OUTLETS: dict[str, tuple[str, ...]] = {
    "Reuters": ("Thomson Reuters",),
    "Associated Press": ("AP", "The Associated Press"),
    "AFP": ("Agence France-Presse", "Agence France Presse"),
    "dpa": ("DPA", "Deutsche Presse-Agentur"),
    "Bloomberg": ("Bloomberg News", "Bloomberg Politics"),
    "Kyodo": ("Kyodo News",),
    "Xinhua": ("Xinhua News Agency",),
    "TASS": ("Tass", "ITAR-TASS"),
    "RIA Novosti": ("RIA",),
    "Interfax": (),
    "Yonhap": ("Yonhap News Agency",),
    "ANSA": (),
    "EFE": (),
    "PTI": ("Press Trust of India",),
    "CNN": (),
    "BBC": ("BBC News", "the BBC"),
    "Fox News": (),
    "ABC News": ("ABC",),
    "NBC News": ("NBC",),
    "CBS News": ("CBS",),
    "MSNBC": (),
    "CNBC": (),
    "NPR": (),
    "PBS": (),
    "Sky News": (),
    "Al Jazeera": (),
    "Deutsche Welle": ("DW",),
    "France 24": (),
    "Euronews": (),
    "NHK": (),
    "The New York Times": ("New York Times", "NYT"),
    "The Washington Post": ("Washington Post",),
    "The Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "USA Today": ("USA TODAY",),
    "Los Angeles Times": ("LA Times",),
    "Politico": ("POLITICO",),
    "Axios": (),
    "The Hill": (),
    "Breitbart": ("Breitbart News",),
    "The Huffington Post": ("Huffington Post", "HuffPost"),
    "Newsmax": (),
    "The Guardian": ("Guardian",),
    "The Telegraph": ("Daily Telegraph",),
    "The Independent": (),
    "Financial Times": ("FT",),
    "The Economist": (),
    "Daily Mail": ("Mail Online",),
    "Le Monde": (),
    "Le Figaro": (),
    "Der Spiegel": ("Spiegel",),
    "Die Welt": (),
    "Süddeutsche Zeitung": (),
    "El País": ("El Pais",),
    "Corriere della Sera": (),
    "Nikkei": ("Nikkei Asia", "the Nikkei", "Nikkei Asian Review"),
    "Asahi Shimbun": ("The Asahi Shimbun",),
    "Yomiuri Shimbun": ("The Yomiuri Shimbun",),
    "South China Morning Post": ("SCMP",),
    "Global Times": (),
    "The Insider": (),
    "Kommersant": (),
    "Meduza": (),
    "Haaretz": (),
    "The Times of India": ("Times of India",),
    "Axel Springer": (),
}

# "the newspaper Kommersant", "the news agency Interfax": a kind of outlet, then its name.
_GENERIC = (
    r"(?:newspaper|news agency|broadcaster|daily|weekly|magazine|news site|news outlet|outlet)"
    r"\s+(?P<outlet>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})"
)
# What an outlet produces and others cite: "a CNN/ORC poll", "an AP tally", "Politico's analysis".
_PRODUCT = (
    r"(?:(?:national|new|latest|recent|own|exit|previous|tracking|exclusive|investigative)\s+)?"
    r"(?:poll|survey|analysis|count|tally|review|investigation|report|reporting|estimate|"
    r"projection|fact[- ]check(?:er)?|story|article|calculation|data)s?\b"
)
_AS_SOURCE_BEFORE = (
    r"(?:according to|as reported by|as first reported by|reported by|cited by|quoted by|citing|"
    r"in an article (?:by|in)|told to|"
    rf"(?:a|an|the)\s+{_PRODUCT}\s+(?:by|from|in|for))"
)
_AS_MEDIUM_BEFORE = (
    r"(?:told|tells|telling|said to|says to|speaking to|speaking with|spoke to|spoke with|"
    r"talked to|talking to|confirmed to|wrote to|"
    r"(?:(?:exclusive|recent|televised|phone|brief)\s+)?"
    r"(?:interview|exchange|conversation|statement|comments?|remarks)\s+(?:with|to))"
)
_VERB = (
    r"(?:first\s+|previously\s+|also\s+|later\s+|has\s+|had\s+|was\s+)?"
    r"(?:reported|reports|reporting|said|says|wrote|writes|noted|notes|revealed|reveals|learned|"
    r"confirmed|obtained|cited|quoted|estimated|estimates|projected|projects|counted|calculated|"
    r"published|released|broke the news|found|finds)\b"
)
# Co-sponsors of a poll ("NBC News/Wall Street Journal"), a possessive, or a staffer's name
# ("CNN's Jake Tapper reported"), then a verb or a product.
_AFTER = (
    r"(?:/[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})*(?:['’]s)?"
    r"(?:\s+[A-Z][\w.-]+){0,3}?"
    rf"\s+(?:{_VERB}|{_PRODUCT})"
)
# ", reports USA Today." The verb after the statement, then the outlet.
_INVERTED = r",\s+(?:reports|reported|writes|wrote|notes|noted)\s+"
_MEDIUM_AFTER = r"(?:['’]s)?\s+interview\b"


@lru_cache(maxsize=64)
def _names(extra: tuple[str, ...]) -> dict[str, str]:
    """Every written form -> canonical name, longest first so "NBC News" wins over "NBC"."""
    forms = {canon: canon for canon in OUTLETS}
    for canon, aliases in OUTLETS.items():
        for alias in aliases:
            forms[alias.removeprefix("the ")] = canon
    for name in extra:
        name = name.strip()
        if len(name) >= 3 and name[:1].isupper():
            forms.setdefault(name, name)
    return dict(sorted(forms.items(), key=lambda kv: -len(kv[0])))


@dataclass(frozen=True)
class Credit:
    start: int  # offsets of the outlet's name in the text
    end: int
    outlet: str  # canonical name
    kind: str  # "source" ("according to X") or "medium" ("told X")


@lru_cache(maxsize=64)
def _patterns(
    extra: tuple[str, ...],
) -> tuple[tuple[tuple[str, re.Pattern[str]], ...], dict[str, str]]:
    forms = _names(extra)
    name = "|".join(re.escape(f) for f in forms)
    known = rf"(?<![\w-])(?P<outlet>{name})(?![\w-])"
    the = r"\s+(?:[Tt]he\s+)?"
    # Cue words in any case ("According to ..."); outlet names only as written.
    source, medium = rf"\b(?i:{_AS_SOURCE_BEFORE}){the}", rf"\b(?i:{_AS_MEDIUM_BEFORE}){the}"
    return (
        ("source", re.compile(source + known)),
        ("source", re.compile(source + _GENERIC)),
        ("source", re.compile(known + _AFTER)),
        ("source", re.compile(_INVERTED + rf"(?:[Tt]he\s+)?{known}")),
        ("medium", re.compile(known + _MEDIUM_AFTER)),
        ("medium", re.compile(medium + known)),
        ("medium", re.compile(medium + _GENERIC)),
    ), forms


def _canonical(found: str, forms: dict[str, str]) -> str:
    found = re.sub(r"\s+", " ", found).strip()
    return forms.get(found, found)


def credits(text: str, outlets: Iterable[str] = ()) -> list[Credit]:
    """Every credit in `text`, in order; `outlets` adds names beyond OUTLETS, such as the
    story's own outlets ("Newsmax")."""
    patterns, forms = _patterns(tuple(sorted(set(outlets))))
    found = {
        (m.start("outlet"), m.end("outlet")): Credit(
            m.start("outlet"), m.end("outlet"), _canonical(m.group("outlet"), forms), kind
        )
        for kind, pattern in patterns
        for m in pattern.finditer(text)
    }
    return [found[k] for k in sorted(found)]


def credited(text: str, outlets: Iterable[str] = ()) -> tuple[str, ...]:
    """The outlets `text` credits, canonical names in order of first credit."""
    return tuple(dict.fromkeys(c.outlet for c in credits(text, outlets)))


def canonical(name: str) -> str:
    """An outlet's canonical name ("AP" -> "Associated Press"); unknown names as given."""
    return _canonical(name, _names(()))
