"""The shapes in which the model reads a claim sentence against each of its evidence windows.

The cross-encoder reads one (claim, window) pair at a time and misreads some honest retellings:
a name against a pronoun, a role the window leaves out, a synonym, a quotation retold as
reported speech. Each module below writes one such difference the other's way, for the model
only; ModelVerifier reads every shape and keeps the most supportive, and the evidence shown to
the user stays the source's own text.

- the window's "he"/"she" as the person named before it, and the window's person as the
  claim's unnamed "he"/"she" (verify.pronouns);
- a first-person quotation as the claim's reported speech (verify.reported);
- the claim without the roles it gives a person the window does not (verify.names), and
  without a describing word the window lacks but its document prints (verify.printed);
- the window without the modifiers the claim leaves out (verify.modifiers), and in the claim's
  synonyms, phrases, orderings and tenses (verify.synonyms);
- a window whose subject or sayer is a description ("The company", "..., the company said")
  with the name the sentence before gives it (verify.context);
- a window's "failed to act" as "did not act" where the claim writes a denial
  (verify.implicatives);
- and in every pair, a seat of government as the window names its state (verify.metonymy),
  the claim's day, date and clock time as the window writes them (verify.days, nlp.clock), its
  people named as the window names them (verify.names) and a name the window prints in another
  form ("US" for "U.S.") in the window's form (verify.aliases).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..nlp.clock import as_window_time
from .aliases import as_window_aliases
from .context import with_claims_name
from .days import as_window_date, as_window_days
from .implicatives import as_denial
from .metonymy import as_window_states
from .modifiers import without_dropped_modifiers
from .names import as_window_names, without_added_roles
from .printed import without_printed_modifiers
from .pronouns import as_claim_pronouns, resolved_window
from .reported import as_reported
from .synonyms import in_claim_words

Flat = list[tuple[int, str]]  # (claim index, window as the source wrote it)


def readings(
    claims: Sequence[str], windows: Sequence[Sequence[str]], sentences: Sequence[str],
    document: str, nlp: Any,
) -> tuple[Flat, list[str], list[str]]:  # fmt: skip
    """(claim index and window, the claim as read, the window as read) for every reading of
    every claim sentence's windows; a window may appear several times, once per shape."""
    flat = [(k, w) for k, ws in enumerate(windows) for w in ws]
    read = [resolved_window(w, sentences, nlp, claims[k]) for k, w in flat]
    pairs = [(claims[k], r) for (k, _), r in zip(flat, read, strict=True)]
    read = as_claim_pronouns(pairs, nlp, document)
    own = len(flat)
    reported = as_reported(claims, flat, document, nlp)
    flat += [flat[j] for j, _ in reported]
    read += [r for _, r in reported]
    pairs += [(claims[k], r) for (k, _), (_, r) in zip(flat[own:], reported, strict=True)]
    said = without_added_roles(pairs, nlp)
    fewer = without_printed_modifiers(list(zip(said, read, strict=True)), document, nlp)
    more = [j for j, (s, f) in enumerate(zip(said, fewer, strict=True)) if f != s]
    flat += [flat[j] for j in more]
    read += [read[j] for j in more]
    said += [fewer[j] for j in more]
    _reworded(flat, said, read, own, claims, sentences, nlp)
    said = as_window_states(list(zip(said, read, strict=True)), nlp)
    said = [
        as_window_aliases(as_window_names(_days(c, r, document), r, document), r)
        for c, r in zip(said, read, strict=True)
    ]
    return flat, said, read


def _reworded(
    flat: Flat, said: list[str], read: list[str], own: int, claims: Sequence[str],
    sentences: Sequence[str], nlp: Any,
) -> None:  # fmt: skip
    """Adds, in place, the windows without the claim's missing modifiers, in the claim's words,
    with the name for a described subject, and as a denial."""
    shorter = without_dropped_modifiers(list(zip(said, read, strict=True)), nlp)
    reworded = in_claim_words(list(zip(said, shorter, strict=True)), nlp)
    extra = [j for j, (r, s) in enumerate(zip(read, shorter, strict=True)) if s != r]
    again = [j for j, (s, w) in enumerate(zip(shorter, reworded, strict=True)) if w != s]
    named = _named(flat[:own], said, sentences, claims, nlp)
    denials = [as_denial(claims[k], r) for (k, _), r in zip(flat, reworded, strict=True)]
    denied = [j for j, d in enumerate(denials) if d is not None]
    flat += [flat[j] for j in extra + again] + [flat[j] for j, _ in named]
    said += [said[j] for j in extra + again] + [said[j] for j, _ in named]
    flat += [flat[j] for j in denied]
    said += [said[j] for j in denied]
    read += [shorter[j] for j in extra] + [reworded[j] for j in again]
    read += [f for _, f in named] + [denials[j] or "" for j in denied]


def _named(
    flat: Sequence[tuple[int, str]], said: Sequence[str], sentences: Sequence[str],
    claims: Sequence[str], nlp: Any,
) -> list[tuple[int, str]]:  # fmt: skip
    """(index into `flat`, reading) of each window whose described subject the sentence before
    names (verify.context), and of that reading in the claim's words where they differ
    (verify.synonyms): "..., the company said" as "..., Nordreg said" and its "found" as the
    claim's "had found"."""
    framed = [(j, with_claims_name(w, sentences, claims[k], nlp)) for j, (k, w) in enumerate(flat)]
    named = [(j, f) for j, f in framed if f is not None]
    worded = in_claim_words([(said[j], f) for j, f in named], nlp)
    return named + [(j, w) for (j, f), w in zip(named, worded, strict=True) if w != f]


def _days(claim: str, window: str, document: str) -> str:
    """The claim's day (verify.days) and clock time (nlp.clock) as the window writes them."""
    return as_window_time(as_window_date(as_window_days(claim, window), window, document), window)
