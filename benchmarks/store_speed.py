"""How fast the archive ingests and lists, and whether its memory stays flat as it grows.

Each size runs in a fresh subprocess (so ru_maxrss is that run's own peak) against a new SQLite
file in a temporary directory:

1. ingest: `Store.add_articles` over a generator of N synthetic articles (~400 words of Zipf-
   distributed pseudo-words, one per minute of published time). 2 % are exact re-posts under a new
   URL and 2 % near-copies with two words changed that the same outlet re-posts (a near-copy by
   another outlet is a republication, which the archive keeps), so every dedup path runs. Text
   generation is timed apart and left out of `store_articles_per_s`.
2. re-ingest: the first 1,000 articles again (all must come back as duplicates).
3. stories: one story per 20 articles (created and assigned in one write transaction), then the
   median of 5 `stories(limit=50)` and of 3 `stories(limit=None)` calls.

    python benchmarks/store_speed.py                # N = 10,000 (under a minute)
    python benchmarks/store_speed.py --big          # also N = 100,000 (several minutes)
    python benchmarks/store_speed.py --json out.json

Targets (issue 5): end-to-end ingest >= 50 articles/s, so the store alone should be far faster;
RSS not growing with archive size; `stories` under 1 s on 100k articles. Misses exit 0 unless
`--strict`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _metrics import MIB, child_result, emit_result, peak_rss_mib
from storydesk.model import Article
from storydesk.store import Store

STORE_MIN_PER_S = 500.0  # 10x the end-to-end target: the store must not be the bottleneck
STORIES_MAX_S = 1.0
STORY_EVERY = 20
BASE_TS = 1_704_067_200  # 2024-01-01T00:00:00Z


def vocabulary(size: int = 20_000) -> tuple[list[str], list[float]]:
    """Pseudo-words with Zipf cumulative weights, so shingles repeat like real text's do."""
    rng = random.Random(5)
    syllables = [c + v for c in "bdfghklmnprstvz" for v in "aeiou"]
    words: dict[str, None] = {}
    while len(words) < size:
        words["".join(rng.choices(syllables, k=rng.randint(1, 4)))] = None
    cum = list(itertools.accumulate(1.0 / rank for rank in range(1, size + 1)))
    return list(words), cum


class Generator:
    """Deterministic article stream; times its own work so it can be subtracted."""

    def __init__(self) -> None:
        self.vocab, self.cum = vocabulary()
        self.seconds = 0.0

    def text(self, i: int) -> str:
        rng = random.Random(i)
        words = rng.choices(self.vocab, cum_weights=self.cum, k=rng.randint(300, 500))
        for k in range(rng.randint(10, 25), len(words), rng.randint(12, 25)):
            words[k] += "."  # sentence breaks, so the text reads as prose to the tokeniser
        return " ".join(words)

    def article(self, i: int) -> Article:
        outlet = i % 37
        if i % 50 == 49:  # an exact re-post of the previous article elsewhere
            text = self.text(i - 1)
        elif i % 50 == 24:  # its own outlet re-posts the previous article, two words changed
            words = self.text(i - 1).split()
            words[17] = words[230] = "amended"
            text, outlet = " ".join(words), (i - 1) % 37  # (another outlet's copy is kept)
        else:
            text = self.text(i)
        return Article(
            id=f"a{i}",
            path=f"synthetic/{i}.txt",
            text=text,
            title=f"Synthetic article {i}",
            source=f"Outlet {outlet}",
            url=f"https://outlet{i % 37}.example/news/{i}?utm_source=feed",
            published=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(BASE_TS + 60 * i)),
        )

    def stream(self, n: int, start: int = 0) -> Iterator[Article]:
        for i in range(start, start + n):
            t0 = time.perf_counter()
            a = self.article(i)
            self.seconds += time.perf_counter() - t0
            yield a


def timed(fn: Any, repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def assign_stories(store: Store, n: int) -> float:
    t0 = time.perf_counter()
    with store.write():
        story = 0
        for article_id in range(1, store.count_articles() + 1):
            if (article_id - 1) % STORY_EVERY == 0:
                story = store.create_story(f"story {article_id // STORY_EVERY}")
            store.assign(article_id, story)
    return time.perf_counter() - t0


def measure(n: int, db: Path) -> dict[str, Any]:
    gen = Generator()
    out: dict[str, Any] = {"n": n}
    with Store(db) as store:
        t0 = time.perf_counter()
        result = store.add_articles(gen.stream(n))
        total = time.perf_counter() - t0
        out |= {
            "ingest_s": total,
            "generate_s": gen.seconds,
            "store_articles_per_s": n / max(total - gen.seconds, 1e-9),
            "end_to_end_articles_per_s": n / total,
            "added": result.added,
            "duplicate_url": result.duplicate_url,
            "duplicate_text": result.duplicate_text,
            "near_duplicate": result.near_duplicate,
            "rss_after_ingest_mib": peak_rss_mib(),
        }
        again = store.add_articles(gen.stream(min(n, 1000)))
        out["reingest_added"] = again.added
        out["assign_s"] = assign_stories(store, n)
        out["stories_50_s"], rows = timed(lambda: store.stories(limit=50), 5)
        out["stories_all_s"], every = timed(lambda: store.stories(limit=None), 3)
        out["stories"] = len(every)
        out["top_story"] = {
            "title": rows[0].title,
            "size": rows[0].size,
            "outlets": len(rows[0].outlets),
        }
        out["articles_since_s"], _ = timed(
            lambda: store.articles_since(BASE_TS + 60 * (n - 500)), 3
        )
    out["db_mib"] = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / MIB
    out["peak_rss_mib"] = peak_rss_mib()
    return out


def run_child(n: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="store_speed_") as tmp:
        cmd = [sys.executable, __file__, "--child", str(n), "--db", str(Path(tmp) / "bench.db")]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    result = child_result(proc.stdout)
    if result is not None:
        return result
    raise RuntimeError(f"N={n} failed:\n{proc.stdout}\n{proc.stderr}")


def report(results: list[dict[str, Any]]) -> list[str]:
    """Print the table; return the targets missed."""
    print(
        f"{'N':>8} {'store/s':>8} {'e2e/s':>7} {'added':>7} {'url/text/near dup':>18} "
        f"{'RSS MiB':>8} {'DB MiB':>7} {'stories(50)':>11} {'stories(all)':>12} {'assign':>7}"
    )
    missed = []
    for r in results:
        dups = f"{r['duplicate_url']}/{r['duplicate_text']}/{r['near_duplicate']}"
        print(
            f"{r['n']:>8} {r['store_articles_per_s']:>8.0f} {r['end_to_end_articles_per_s']:>7.0f}"
            f" {r['added']:>7} {dups:>18} {r['peak_rss_mib']:>8.1f} {r['db_mib']:>7.1f}"
            f" {r['stories_50_s']:>10.4f}s {r['stories_all_s']:>11.4f}s {r['assign_s']:>6.2f}s"
        )
        if r["store_articles_per_s"] < STORE_MIN_PER_S:
            missed.append(
                f"N={r['n']}: store {r['store_articles_per_s']:.0f}/s < {STORE_MIN_PER_S}"
            )
        if r["stories_all_s"] > STORIES_MAX_S:
            missed.append(f"N={r['n']}: stories() {r['stories_all_s']:.2f}s > {STORIES_MAX_S}s")
        if r["reingest_added"]:
            missed.append(f"N={r['n']}: re-ingest added {r['reingest_added']}")
    if len(results) > 1:
        small, big = results[0], results[-1]
        growth = big["peak_rss_mib"] / small["peak_rss_mib"]
        print(
            f"peak RSS {small['n']} -> {big['n']}: {small['peak_rss_mib']:.1f} -> "
            f"{big['peak_rss_mib']:.1f} MiB (x{growth:.2f})"
        )
        if growth > 1.5:
            missed.append(f"RSS grew x{growth:.2f} from N={small['n']} to N={big['n']}")
    return missed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles in the default run")
    ap.add_argument("--big", action="store_true", help="also run N = 100,000")
    ap.add_argument("--json", type=Path, help="write the metrics here")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        emit_result(measure(args.child, args.db))
        return 0
    sizes = [args.n, 100_000] if args.big else [args.n]
    results = [run_child(n) for n in sizes]
    missed = report(results)
    for m in missed:
        print("MISSED:", m)
    if args.json:
        metrics = {f"n{r['n']}_{k}": v for r in results for k, v in r.items() if k != "n"}
        args.json.write_text(
            json.dumps({"metrics": metrics, "runs": results, "missed": missed}, indent=2)
        )
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
