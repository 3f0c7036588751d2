"""Benchmark: ingest throughput and memory through `iter_articles` + the clean stage (no NLP).

Cases (synthetic, generated deterministically into a temporary folder, seed 7):
- jsonl_10k: 10,000 articles of ~400 words in one .jsonl file (~27 MB);
- jsonl_gz_10k: the same articles as .jsonl.gz;
- html_1k: 1,000 HTML pages (nav, article, footer) in one folder, through trafilatura;
- jsonl_100k (`--big` only): 100,000 articles in one .jsonl (~270 MB), to show memory does not
  grow with archive size.

Each case runs in a fresh Python subprocess, so imports and one case's memory never leak into
another. The child streams `iter_articles` and cleans in batches of CLEAN_BATCH with
`clean_articles`, keeping nothing: this is the shape of an indexer or a feed follower. (The brief
pipeline's CLEAN stage cleans every article of one story at once; its duplicate check compares
each article with every earlier one, fine for a story of 50 articles, quadratic for an archive:
hence batches, `--batch N`.) Reported per case: ingest-only articles per second (a first pass that
only counts), articles per second of ingest + clean (wall time after imports), peak RSS of the
child (ru_maxrss), and RSS sampled as the stream goes (at 10 % and at 100 % of the articles):
"growth" is the difference, which should stay small and not scale with the archive.

Target from the issue: >= 50 articles/s from JSONL on a 2-core machine; memory flat.

    python benchmarks/ingest_speed.py [--big] [--json PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _metrics import child_result, emit_result, peak_rss_mib, table, write_json

SEED = 7
WORDS_PER_ARTICLE = 400
# A story's worth: the brief pipeline's largest benchmarked story is 50 articles. The duplicate
# check inside clean_articles compares each article with every earlier one of its batch (O(n^2)),
# so the batch size, not ingest, sets the cost: 500 a batch runs at ~80 articles/s.
CLEAN_BATCH = 50
TARGET_ARTICLES_PER_S = 50.0


# ------------------------------------------------------------------------------------------------
# synthetic data


def _vocabulary(rng: random.Random) -> list[str]:
    syllables = ["ka", "lo", "mi", "ter", "an", "sol", "ve", "ri", "port", "na", "del", "os", "un"]
    words = {"".join(rng.choices(syllables, k=rng.randint(1, 3))) for _ in range(4000)}
    common = ["the", "a", "of", "to", "and", "in", "said", "that", "on", "for", "with", "was"]
    return sorted(words) + common * 40  # frequent function words, like real prose


def _article(rng: random.Random, vocab: list[str], n: int) -> dict[str, str]:
    paragraphs, words = [], 0
    while words < WORDS_PER_ARTICLE:
        sentences = []
        for _ in range(rng.randint(3, 5)):
            chosen = rng.choices(vocab, k=rng.randint(10, 24))
            sentences.append(" ".join(chosen).capitalize() + ".")
            words += len(chosen)
        paragraphs.append(" ".join(sentences))
    return {
        "id": f"a{n}",
        "title": f"Synthetic story number {n}",
        "source": f"Outlet {n % 37}",
        "url": f"https://outlet{n % 37}.test/story/{n}",
        "published": f"2024-05-{1 + n % 28:02d}",
        "text": "\n\n".join(paragraphs),
    }


def articles(count: int) -> Any:
    rng = random.Random(SEED)
    vocab = _vocabulary(rng)
    for n in range(count):
        yield _article(rng, vocab, n)


def write_jsonl(path: Path, count: int) -> Path:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as out:
        for record in articles(count):
            out.write(json.dumps(record) + "\n")
    return path


def write_html(folder: Path, count: int) -> Path:
    folder.mkdir()
    for record in articles(count):
        body = "".join(f"<p>{p}</p>" for p in record["text"].split("\n\n"))
        page = (
            f"<html><head><title>{record['title']}</title>"
            f"<meta property='og:site_name' content='{record['source']}'></head><body>"
            "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>{record['title']}</h1>{body}</article>"
            "<footer>© 2024 Outlet. All rights reserved.</footer></body></html>"
        )
        (folder / f"{record['id']}.html").write_text(page, encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------------------------
# the measured child


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _ingest_only(path: str) -> tuple[int, float]:
    from storydesk.ingest import iter_articles
    from storydesk.options import Options

    started = time.perf_counter()
    count = sum(1 for _ in iter_articles([path], Options()))
    return count, time.perf_counter() - started


def child(path: str, expected: int, batch_size: int) -> dict[str, Any]:
    from storydesk.clean import clean_articles
    from storydesk.ingest import iter_articles
    from storydesk.model import Article
    from storydesk.options import Options

    _, ingest_seconds = _ingest_only(path)
    options = Options()
    batch: list[Article] = []
    read = kept = problems = 0
    samples: list[float] = []
    started = time.perf_counter()
    for item in iter_articles([path], options):
        if not isinstance(item, Article):
            problems += 1
            continue
        batch.append(item)
        read += 1
        if len(batch) == batch_size:
            kept += len(clean_articles(tuple(batch), options)[0])
            batch.clear()
        if read % max(expected // 10, 1) == 0:
            samples.append(_rss_mib())
    kept += len(clean_articles(tuple(batch), options)[0])
    seconds = time.perf_counter() - started
    peak = peak_rss_mib()
    return {
        "articles": read,
        "kept": kept,
        "problems": problems,
        "ingest_only_articles_per_s": read / ingest_seconds if ingest_seconds else 0.0,
        "seconds": seconds,
        "articles_per_s": read / seconds if seconds else 0.0,
        "peak_rss_mib": peak,
        "rss_at_10pct_mib": samples[0] if samples else float("nan"),
        "rss_at_end_mib": samples[-1] if samples else float("nan"),
    }


def run_case(path: Path, expected: int, batch_size: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(path), str(expected), str(batch_size)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    result = child_result(done.stdout)
    if result is not None:
        return result
    raise RuntimeError(f"case {path.name} failed:\n{done.stderr[-3000:]}")


# ------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--big", action="store_true", help="also 100k articles (~2-3 minutes)")
    parser.add_argument("--json", metavar="PATH", help="write the metrics as JSON")
    parser.add_argument(
        "--batch", type=int, default=CLEAN_BATCH, help="articles per clean_articles call"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        path, count, batch = args.child
        emit_result(child(path, int(count), int(batch)))
        return 0
    with tempfile.TemporaryDirectory(prefix="ingest-speed-") as tmp:
        root = Path(tmp)
        cases: list[tuple[str, Path, int]] = [
            ("jsonl_10k", write_jsonl(root / "10k.jsonl", 10_000), 10_000),
            ("jsonl_gz_10k", write_jsonl(root / "10k.jsonl.gz", 10_000), 10_000),
            ("html_1k", write_html(root / "html", 1_000), 1_000),
        ]
        if args.big:
            cases.append(("jsonl_100k", write_jsonl(root / "100k.jsonl", 100_000), 100_000))
        results = {name: run_case(path, n, args.batch) for name, path, n in cases}
    rows = [
        [name, r["articles"], r["kept"], r["ingest_only_articles_per_s"], r["seconds"],
         r["articles_per_s"], r["peak_rss_mib"], r["rss_at_10pct_mib"],
         r["rss_at_end_mib"] - r["rss_at_10pct_mib"]]
        for name, r in results.items()
    ]  # fmt: skip
    header = ["case", "articles", "kept", "ingest art/s", "ingest+clean s", "art/s", "peak MiB",
              "RSS@10% MiB", "growth MiB"]  # fmt: skip
    print(table(rows, header))
    jsonl_rate = results["jsonl_10k"]["articles_per_s"]
    verdict = "PASS" if jsonl_rate >= TARGET_ARTICLES_PER_S else "FAIL"
    print(f"\ntarget: >= {TARGET_ARTICLES_PER_S:.0f} articles/s from JSONL: {verdict}")
    metrics = {f"{name}_{key}": value for name, r in results.items() for key, value in r.items()}
    write_json(args.json, metrics)
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
