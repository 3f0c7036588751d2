"""Who said it: does storydesk notice when a retelling credits a quotation to someone else?

Data: PolNeAR dev articles (real political news). For each article, one direct quotation of at
least 6 words whose cue names its speaker outright ("Senator Jane Smith said"), in an article
that names at least one other speaker the same way, gives two retellings of the whole article:
- misattributed: the speaker as written at that cue replaced by the other speaker as written
  ("Senator Jane Smith" -> "Gov. John Kasich"); the quotation's words are unchanged;
- faithful: the speaker as written replaced by its last word ("Senator Jane Smith" -> "Smith"),
  the way a second outlet shortens a name; only for speakers written in two words or more.
Each retelling is run through the quotes stage together with its original (a two-outlet story).

Scores:
- recall: share of misattributed retellings in which the original quotation's group lists the
  retelling's wording as credited elsewhere (quotes.credit);
- false flags: share of faithful retellings with any credited-elsewhere link at all;
- pooled: every dev article in one story (84 outlets on unrelated events): links found, where
  none is expected (one would be a real misattribution between two outlets, or our error).
Baseline, same pairs: the same words (quotes.credit.same_words) under speakers written
differently, which is what comparing the cue strings would do.

The retellings are synthetic: only the name changes, so they test the speaker reading and the
comparison, not how often outlets misattribute.

    python benchmarks/speaker_credit.py [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from _metrics import DATA, polnear_documents, table, write_json
from storydesk.model import Article, Quote, QuoteGroup
from storydesk.nlp.stages import PARSE
from storydesk.options import Options
from storydesk.pipeline import Document, run_stage
from storydesk.quotes.credit import MIN_WORDS, same_words
from storydesk.quotes.diff import words
from storydesk.quotes.group import _is_role
from storydesk.quotes.speakers import PRONOUNS
from storydesk.quotes.stage import QUOTES

POLNEAR = DATA / "dev" / "polnear" / "data" / "dev"


def _named(q: Quote) -> bool:
    return (
        q.cue is not None
        and q.speaker is not None
        and not _is_role(q.speaker)
        and q.speaker_start is not None
        and q.speaker_end is not None
        and (q.speaker_text or "").lower() not in PRONOUNS
        and not q.partial
    )


def _pick(quotes: Sequence[Quote]) -> tuple[Quote, Quote] | None:
    """The first long quotation named at its cue, and another speaker named at a cue."""
    named = [q for q in quotes if _named(q)]
    for q in named:
        if len(words(q.text)) < MIN_WORDS:
            continue
        other = next(
            (
                o
                for o in named
                if o.speaker and q.speaker and o.speaker.lower() != q.speaker.lower()
            ),
            None,
        )
        if other is not None:
            return q, other
    return None


def _respoken(text: str, q: Quote, speaker: str) -> str:
    assert q.speaker_start is not None and q.speaker_end is not None
    return text[: q.speaker_start] + speaker + text[q.speaker_end :]


def _linked(groups: Sequence[QuoteGroup], original: str) -> bool:
    return any(a == original for g in groups for o in g.credited_elsewhere for a, _ in o.quotes)


def _quotes_of(parsed: Document, ids: Sequence[str]) -> Document:
    arts = tuple(a for a in parsed.articles or () if a.id in ids)
    parses = tuple(p for p in parsed.parses or () if p.article in ids)
    return run_stage(QUOTES, Document(articles=arts, parses=parses), Options())


def _naive(quotes: Sequence[Quote], original: Quote) -> bool:
    """Baseline: the same words anywhere in the other outlet under a differently written name."""
    return any(
        q.article != original.article
        and (q.speaker_text or "") != (original.speaker_text or "")
        and same_words(q.text, original.text)
        for q in quotes
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"PolNeAR dev split not found at {POLNEAR}", file=sys.stderr)
        return 2
    docs = polnear_documents(POLNEAR)[: args.limit]
    originals = tuple(
        Article(id=name, path=f"{name}.txt", text=(POLNEAR / "text" / f"{name}.txt").read_text())
        for name, _ in docs
    )
    base = run_stage(PARSE, Document(articles=originals), Options())
    pooled = run_stage(QUOTES, base, Options())
    pooled_links = sum(
        len(o.quotes) for g in pooled.quote_groups or () for o in g.credited_elsewhere
    )
    by_article: dict[str, list[Quote]] = {}
    for q in pooled.quotes or ():
        by_article.setdefault(q.article, []).append(q)

    retold: list[Article] = []
    cases: list[tuple[str, Quote, str]] = []  # (kind, original quotation, retelling id)
    for a in originals:
        picked = _pick(by_article.get(a.id, []))
        if picked is None:
            continue
        q, other = picked
        assert other.speaker_text is not None and q.speaker_text is not None
        retold.append(
            Article(id=f"{a.id}~mis", path="mis.txt", text=_respoken(a.text, q, other.speaker_text))
        )
        cases.append(("misattributed", q, retold[-1].id))
        if len(q.speaker_text.split()) >= 2:
            short = q.speaker_text.split()[-1]
            retold.append(
                Article(id=f"{a.id}~same", path="same.txt", text=_respoken(a.text, q, short))
            )
            cases.append(("faithful", q, retold[-1].id))
    parsed = run_stage(PARSE, Document(articles=(*originals, *retold)), Options())

    found = {"misattributed": [0, 0, 0], "faithful": [0, 0, 0]}  # cases, ours, baseline
    for kind, q, rid in cases:
        doc = _quotes_of(parsed, (q.article, rid))
        groups = doc.quote_groups or ()
        hit = (
            _linked(groups, q.id)
            if kind == "misattributed"
            else any(g.credited_elsewhere for g in groups)
        )
        found[kind][0] += 1
        found[kind][1] += hit
        found[kind][2] += _naive([x for x in doc.quotes or () if x.article == rid], q)
    n_mis, ours_mis, base_mis = found["misattributed"]
    n_same, ours_same, base_same = found["faithful"]
    recall = ours_mis / n_mis if n_mis else 0.0
    false_rate = ours_same / n_same if n_same else 0.0
    print(f"PolNeAR dev: {len(originals)} articles; {n_mis} misattributed and {n_same} faithful "
          f"retellings")  # fmt: skip
    print(table(
        [["storydesk (quotes.credit)", recall, false_rate],
         ["baseline: same words, name written differently",
          base_mis / n_mis if n_mis else 0.0, base_same / n_same if n_same else 0.0]],
        ["method", "recall (misattributed)", "false flags (faithful)"],
    ))  # fmt: skip
    print(f"pooled dev articles, one story: {pooled_links} credited-elsewhere links")
    write_json(args.json, {
        "misattribution_recall": recall, "faithful_false_flags": false_rate,
        "pooled_links": float(pooled_links), "misattributed_cases": float(n_mis),
        "faithful_cases": float(n_same),
    })  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
