"""Benchmark: how well `clean` removes scraping leftovers, against two simple baselines.

Corpora (both optional; a missing one is reported, not fatal):
- the five real seed articles in ../shared/seeds, with their leftovers labelled below by exact text;
- every examples/*/ story whose expected.json lists its leftovers under "boilerplate".

Unit: one line of the ingested body (after whitespace normalisation). A removal is the exact text
a system took out; it is a *false removal* when it is not a labelled leftover (i.e. real article
text was lost) and a leftover is *missed* when no system output removed it. Systems, in one run:
- storydesk: the clean stage's line and tail rules (what `Article.removed` records);
- short-lines: drop every line with fewer than SHORT_LINE_WORDS words (a common heuristic);
- trafilatura: the body wrapped in <p> tags and re-extracted; lines it drops count as removed.
For an example story's HTML page, expected.json's "html_chrome" lines (cookie banner, nav, footer)
are also checked against the cleaned text: ingest (trafilatura) should have left them out.
A system that removes nothing scores precision 1.0 by convention; read it with recall.

Caveat, stated plainly: the labelled leftovers are few (4 seed + 6 example lines) and the rules
were written while looking at them, so storydesk's recall here is an upper bound, not a forecast.
False removals are the more telling number: every other line of these texts is real prose.

    python benchmarks/cleaning.py [--json PATH]
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from storydesk.clean import clean_article
from storydesk.clean.boilerplate import normalise_whitespace
from storydesk.ingest import read_inputs
from storydesk.model import Article
from storydesk.options import Options

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLES = REPO / "examples"
SHORT_LINE_WORDS = 6

# Ground truth for the seeds: every leftover line, by exact text. All other lines are article text.
SEED_LEFTOVERS: dict[str, set[str]] = {
    "000_101e48e4f0aa085b.txt": {"Japan is negotiating the opening of a NATO office / © Freepik"},
    "001_e7a9e3d448b427a1.txt": {"Exit mobile version"},
    "002_4f921f64bcc3627c.txt": {"© 2026 Newsmax. All rights reserved."},
    "003_f9803d3a2fa3b0c4.txt": {"Leave a Reply"},
    "004_77cacc868d0a283c.txt": set(),
}


@dataclass
class Case:
    corpus: str
    article: Article
    leftovers: set[str]
    lines: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return Path(self.article.path).name


@dataclass
class Score:
    removed: int = 0
    hits: int = 0
    false: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, removed: list[str], leftovers: set[str]) -> None:
        self.removed += len(removed)
        self.hits += sum(1 for r in removed if r in leftovers)
        self.false += [r for r in removed if r not in leftovers]
        self.missed += sorted(leftovers - set(removed))


System = Callable[[Case], list[str]]


def storydesk_system(case: Case) -> list[str]:
    return [r.text for r in clean_article(case.article, Options()).removed]


def short_lines_system(case: Case) -> list[str]:
    return [line for line in case.lines if len(line.split()) < SHORT_LINE_WORDS]


def trafilatura_system(case: Case) -> list[str]:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in case.lines)
    out = trafilatura.extract(f"<html><body><article>{paragraphs}</article></body></html>") or ""
    kept = {line.strip() for line in out.split("\n")}
    return [line for line in case.lines if line not in kept]


SYSTEMS: dict[str, System] = {
    "storydesk": storydesk_system,
    f"short<{SHORT_LINE_WORDS}w": short_lines_system,
    "trafilatura": trafilatura_system,
}


def _cases(corpus: str, folder: Path, labels: dict[str, set[str]]) -> list[Case]:
    articles, _ = read_inputs([str(folder)], Options())
    cases = []
    for article in articles:
        case = Case(corpus, article, labels.get(Path(article.path).name, set()))
        case.lines = normalise_whitespace(article.text).split("\n")
        cases.append(case)
    return cases


def _example_labels(expected: Path) -> tuple[Path, dict[str, set[str]]] | None:
    key = json.loads(expected.read_text(encoding="utf-8"))
    if "boilerplate" not in key:
        return None
    labels: dict[str, set[str]] = {}
    for item in key["boilerplate"]:
        labels.setdefault(item["outlet"], set()).add(item["line"])
    return expected.parent / key.get("articles_dir", "articles"), labels


def chrome_left(cases: list[Case]) -> tuple[int, int, list[str]]:
    """(chrome lines checked, chrome lines still in cleaned text, those lines)."""
    checked, left = 0, []
    for expected in sorted(EXAMPLES.glob("*/expected.json")):
        chrome = json.loads(expected.read_text(encoding="utf-8")).get("html_chrome")
        if not chrome:
            continue
        for case in cases:
            if case.corpus == f"examples/{expected.parent.name}" and case.name == chrome["outlet"]:
                text = clean_article(case.article, Options()).text
                checked += len(chrome["lines"])
                left += [line for line in chrome["lines"] if line in text]
    return checked, len(left), left


def load_cases(notes: list[str]) -> list[Case]:
    cases: list[Case] = []
    if SEEDS.is_dir():
        cases += _cases("seeds", SEEDS, SEED_LEFTOVERS)
    else:
        notes.append(f"seeds not found at {SEEDS}: skipped")
    for expected in sorted(EXAMPLES.glob("*/expected.json")):
        found = _example_labels(expected)
        if found is None:
            notes.append(f"{expected}: no 'boilerplate' labels, skipped")
            continue
        cases += _cases(f"examples/{expected.parent.name}", found[0], found[1])
    if not any(c.corpus.startswith("examples/") for c in cases):
        notes.append("no labelled example story under examples/: measured seeds only")
    return cases


def _ratio(num: int, den: int) -> float:
    return 1.0 if den == 0 else round(num / den, 4)


def run(cases: list[Case]) -> tuple[dict[str, Score], dict[str, list[str]], float]:
    scores = {name: Score() for name in SYSTEMS}
    rows: dict[str, list[str]] = {}
    seconds = 0.0
    for case in cases:
        cells = []
        for name, system in SYSTEMS.items():
            t0 = time.perf_counter()
            removed = system(case)
            if name == "storydesk":
                seconds += time.perf_counter() - t0
            before = (len(scores[name].false), len(scores[name].missed))
            scores[name].add(removed, case.leftovers)
            false = len(scores[name].false) - before[0]
            missed = len(scores[name].missed) - before[1]
            cells.append(f"{len(removed):>3} {false:>3} {missed:>3}")
        rows[f"{case.corpus}/{case.name}"] = [
            str(len(case.lines)),
            str(len(case.leftovers)),
            *cells,
        ]
    return scores, rows, seconds


def print_table(rows: dict[str, list[str]], scores: dict[str, Score], cases: list[Case]) -> None:
    head = f"{'article':<58} {'lines':>5} {'left':>4}"
    head += "".join(f" | {name:^11}" for name in SYSTEMS)
    print(head)
    print(f"{'':<58} {'':>5} {'':>4}" + " | rm  fp  fn" * len(SYSTEMS))
    for name, (lines, left, *cells) in rows.items():
        print(f"{name:<58} {lines:>5} {left:>4}" + "".join(f" | {c}" for c in cells))
    leftovers = sum(len(c.leftovers) for c in cases)
    print("\nrm = lines removed, fp = false removals (real text lost), fn = missed leftovers")
    for name, s in scores.items():
        print(
            f"{name:<12} removed {s.removed:>3}  false {len(s.false):>3}  missed "
            f"{len(s.missed):>3}  recall {_ratio(s.hits, leftovers):.2f}  "
            f"precision {_ratio(s.hits, s.removed):.2f}"
        )
    ours = scores["storydesk"]
    for label, items in (("false removal", ours.false), ("missed leftover", ours.missed)):
        for text in items:
            print(f"  storydesk {label}: {text!r}")


def metrics(cases: list[Case], scores: dict[str, Score], seconds: float) -> dict[str, float]:
    leftovers = sum(len(c.leftovers) for c in cases)
    out: dict[str, float] = {
        "articles": len(cases),
        "lines": sum(len(c.lines) for c in cases),
        "leftovers": leftovers,
        "clean_ms_per_article": round(1000 * seconds / max(len(cases), 1), 3),
    }
    for name, s in scores.items():
        prefix = "" if name == "storydesk" else f"baseline_{name.split('<')[0]}_"
        out[f"{prefix}removed"] = s.removed
        out[f"{prefix}false_removals"] = len(s.false)
        out[f"{prefix}missed_leftovers"] = len(s.missed)
        out[f"{prefix}leftover_recall"] = _ratio(s.hits, leftovers)
        out[f"{prefix}removal_precision"] = _ratio(s.hits, s.removed)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write {metric: value} here")
    args = parser.parse_args(argv)
    notes: list[str] = []
    cases = load_cases(notes)
    for note in notes:
        print(f"note: {note}")
    if not cases:
        print("nothing to measure", file=sys.stderr)
        return 1
    scores, rows, seconds = run(cases)
    print_table(rows, scores, cases)
    result = metrics(cases, scores, seconds)
    checked, left, lines = chrome_left(cases)
    if checked:
        print(f"\nHTML chrome lines still in cleaned text: {left} of {checked}")
        for line in lines:
            print(f"  chrome left: {line!r}")
        result["html_chrome_lines_checked"] = checked
        result["html_chrome_lines_in_text"] = left
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
