"""Speaker labels opening a quotation's line: a transcript's `Osei: "..."`, an interview's
`Q: "..."` / `A: "..."`.

A label names the person the article names by it (or the parser tags a person); a turn label
gives an unknown speaker, never the last one named; a heading ("Meanwhile:", "Factbox:") or a
note ("Update:", "Photo:") is no speaker, and the other cue rules then apply.
"""

from __future__ import annotations

import re

from .speakers import ArticleParse, Attribution, person_norm

LABEL_CUE = "label"

# A transcript's or interview's speaker label opening the line: `Osei: "..."`, `Q: "..."`.
_LABEL = re.compile(r"(?:^|\n)[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]*$")
# Labels that name a turn, not a person: the speaker is unknown, not the last one named.
INTERVIEW_TURNS = frozenset({"q", "a", "question", "answer", "interviewer", "host"})
# Line labels that head a note, not a speaker's words.
_NOT_SPEAKERS = frozenset(
    {"update", "note", "editor's note", "photo", "caption", "source", "correction", "warning",
     "verdict", "title", "summary", "quote", "headline", "statement", "transcript", "live"}
)  # fmt: skip


def line_label(parse: ArticleParse, start: int) -> Attribution | None:
    """The speaker a line's label names, where nothing but the label stands before the
    quotation on its line; a turn label ("Q", "A") gives an unknown speaker (cue LABEL_CUE)."""
    before = parse.text[:start].rstrip(" \t\"“‘'")
    m = _LABEL.search(before)
    if m is None:
        return None
    at, word = m.start(1), m.group(1)
    if word.lower().rstrip(".") in INTERVIEW_TURNS:
        return Attribution(None, word, at, at + len(word), LABEL_CUE)
    if word.lower() in _NOT_SPEAKERS:
        return None
    # A person the article names before: "Osei" of "Dr Amara Osei". The parser often reads a
    # lone label as a common noun, and "Update:" or "Verdict:" are no speakers.
    last = word.split()[-1].lower()
    named = [p for p in parse.before(at) if p.kind == "person" and last in p.names]
    if named:
        p = named[-1]
        return Attribution(p.norm, word, at, at + len(word), LABEL_CUE, p.names, p.text)
    # Or a surname the article writes after a first name or title elsewhere ("Dr Amara Osei",
    # which the parser need not tag as a person).
    full = re.search(rf"(?:[A-Z][\w'’-]*[ \t]+){{1,3}}{re.escape(word)}\b", parse.text)
    if full is not None:
        norm, names = person_norm(full.group(0).split())
        return Attribution(norm, word, at, at + len(word), LABEL_CUE, names, full.group(0))
    # Else the label itself, only where the parser tags it a person: "Meanwhile:", "Factbox:",
    # "Translated:" head the line, and a name the article never gives is no one it can check.
    loc = parse.locate(at)
    tok = next((t for t in loc[1] if loc[0] + t.idx == at), None) if loc else None
    if tok is None or tok.ent_type_ != "PERSON":
        return None
    norm, names = person_norm(word.split())
    return Attribution(norm, word, at, at + len(word), LABEL_CUE, names)
