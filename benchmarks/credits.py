"""Outlet credits on PolNeAR (train + dev): does storydesk's credit finder tell an outlet that is
the source of a statement ("according to CNN", "Politico reported") from one that is merely
named ("a CNN poll", "a debate hosted by Fox News")?

Units: every occurrence of a known outlet name (storydesk.provenance.credits.OUTLETS and their
short forms) in the articles. Gold: the occurrence lies inside an annotated Source span of an
attribution. storydesk: a "source" credit found on that occurrence. Baseline: every named outlet
is credited (what counting outlet names would do). PolNeAR annotates who makes a statement, not
through whom it reached the reporter, so "told CNN" (storydesk's "medium" credits) has no gold
here: those are counted and reported apart, never scored. One annotation file per article (the
first by name when several annotators did it).

    python benchmarks/credits.py [--json out.json]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from _metrics import DATA, polnear_documents, prf, table, write_json
from storydesk.provenance.credits import _names, credits

POLNEAR = DATA / "dev" / "polnear" / "data"


def source_spans(ann: Path) -> list[tuple[int, int]]:
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2 and parts[1].startswith("Source "):
            for piece in parts[1].removeprefix("Source ").split(";"):
                a, b = map(int, piece.split())
                out.append((a, b))
    return out


def documents() -> list[tuple[Path, Path]]:
    return [
        (POLNEAR / split / "text" / f"{base}.txt", ann)
        for split in ("train", "dev")
        for base, ann in polnear_documents(POLNEAR / split)
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    if not POLNEAR.is_dir():
        print(f"PolNeAR not found at {POLNEAR}", file=sys.stderr)
        return 2
    forms = _names(())
    named = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
    gold_flags: list[int] = []
    ours: list[bool] = []
    medium = medium_in_source = 0
    docs = documents()
    for text_path, ann in docs:
        text = text_path.read_text(encoding="utf-8")
        spans = source_spans(ann)
        found = credits(text)
        src = [(c.start, c.end) for c in found if c.kind == "source"]
        for c in found:
            if c.kind == "medium":
                medium += 1
                medium_in_source += any(a <= c.start and c.end <= b for a, b in spans)
        for m in named.finditer(text):
            gold_flags.append(int(any(a <= m.start() and m.end() <= b for a, b in spans)))
            ours.append(any(s < m.end() and m.start() < e for s, e in src))
    p, r, f = prf(ours, gold_flags)
    bp, br, bf = prf([True] * len(gold_flags), gold_flags)
    print(f"PolNeAR train+dev: {len(docs)} articles, {len(gold_flags)} named outlets, "
          f"{sum(gold_flags)} of them inside an attribution's Source span")  # fmt: skip
    print(table(
        [["storydesk source credits", sum(ours), p, r, f],
         ["baseline: every named outlet", len(ours), bp, br, bf]],
        ["method", "predicted", "precision", "recall", "F1"],
    ))  # fmt: skip
    print(f"medium credits ('told X', not scored): {medium}, of which {medium_in_source} "
          f"inside a Source span")  # fmt: skip
    write_json(args.json, {
        "source_credit_precision": p, "source_credit_recall": r, "source_credit_f1": f,
        "baseline_f1": bf, "margin_f1": f - bf, "named_outlets": float(len(gold_flags)),
        "medium_credits": float(medium),
    })  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
