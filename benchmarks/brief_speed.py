"""How long a brief takes and how much memory it needs, cold and warm, from 5 to 50 articles.

Every measurement runs in a fresh Python subprocess, so one case's model loading, caches and memory
peak never leak into another's:

* ``seeds_cold``: new process, ``import storydesk`` + one brief of ../shared/seeds (5 real
  articles). The wall time includes imports and model loading: what one CLI call costs.
* ``seeds_warm``: new process, one untimed brief of the seeds, then a second, timed one. Its peak is
  the resident-set high-water mark during the second brief only (reset through
  /proc/self/clear_refs where Linux allows it), i.e. what a long-running service needs.
* ``story_N`` (N = 10, 25, 50): new process, one cold brief of N articles made from the example's
  and the seeds' articles (see ``build_story``). Like ``seeds_cold`` it includes model loading.

Peak memory is ``resource.getrusage(...).ru_maxrss`` of the subprocess (self and children), not
tracemalloc, which misses numpy, spaCy and other native allocations.

    python benchmarks/brief_speed.py                 # all cases, table + targets
    python benchmarks/brief_speed.py --quick         # seeds cold/warm + 10 articles
    python benchmarks/brief_speed.py --json out.json # also write the metrics (used by eval_gate.py)

Exit status: 1 when a measurement crashed; target misses exit 0 unless ``--strict`` (timings are
noisy; eval_gate.py decides with floors.json).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _metrics import child_result, emit_result, peak_rss_mib

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
EXAMPLE = REPO / "examples" / "marrowport-bridge" / "articles"
SIZES = (10, 25, 50)

# (metric in the JSON, limit, description): the project's speed and memory targets
SEEDS_WARM_MAX_S = 3.0
STORY_50_MAX_S = 60.0
PEAK_MAX_MIB = 2048.0


# ------------------------------------------------------------------------------------------------
# memory


def reset_hwm() -> bool:
    """Reset the kernel's resident high-water mark (Linux >= 4.0); False where not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def hwm_mib() -> float | None:
    """VmHWM from /proc/self/status, in MiB, or None off Linux."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    m = re.search(r"^VmHWM:\s+(\d+)\s+kB", status, re.M)
    return int(m.group(1)) / 1024 if m else None


# ------------------------------------------------------------------------------------------------
# the worker: one measurement, in its own process


def worker(spec: dict[str, Any]) -> dict[str, Any]:
    t0 = time.perf_counter()
    from storydesk.api import run_brief  # imported here so a cold case pays for it
    from storydesk.pipeline import Timings

    import_s = time.perf_counter() - t0
    paths: list[str] = spec["paths"]
    out: dict[str, Any] = {"case": spec["case"], "mode": spec["mode"], "import_s": import_s}
    run_peak: float | None = None
    if spec["mode"] == "warm":
        run_brief(paths)  # warm-up: loads models and fills caches
        hwm_reset = reset_hwm()
        timings = Timings()
        t1 = time.perf_counter()
        brief = run_brief(paths, timings=timings)
        out["wall_s"] = out["brief_s"] = time.perf_counter() - t1
        run_peak = hwm_mib() if hwm_reset else None
    else:
        timings = Timings()
        t1 = time.perf_counter()
        brief = run_brief(paths, timings=timings)
        now = time.perf_counter()
        out["brief_s"] = now - t1
        out["wall_s"] = now - t0
    out["process_peak_rss_mib"] = peak_rss_mib(children=True)
    out["run_peak_rss_mib"] = run_peak
    out["peak_rss_mib"] = run_peak if run_peak is not None else out["process_peak_rss_mib"]
    out["stages"] = dict(timings.seconds)
    out["articles_in"] = spec["articles_in"]
    out["articles_kept"] = len(brief.articles)
    out["facts"] = len(brief.facts)
    out["disputes"] = len(brief.disputes)
    out["problems"] = len(brief.problems)
    return out


def measure(spec: dict[str, Any], timeout: float, repeat: int) -> dict[str, Any]:
    """Best (lowest wall time) of `repeat` fresh-process runs; all wall times are kept."""
    runs = [run_worker(spec, timeout) for _ in range(max(1, repeat))]
    good = [r for r in runs if "error" not in r]
    if not good:
        return runs[0]
    best = min(good, key=lambda r: r["wall_s"])
    best["all_wall_s"] = [round(r["wall_s"], 3) for r in good]
    best["peak_rss_mib"] = max(r["peak_rss_mib"] for r in good)
    best["process_peak_rss_mib"] = max(r["process_peak_rss_mib"] for r in good)
    return best


def run_worker(spec: dict[str, Any], timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(spec)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    except subprocess.TimeoutExpired:
        error = f"timed out after {timeout:g} s"
        return {"case": spec["case"], "mode": spec["mode"], "error": error}
    result = child_result(proc.stdout)
    if result is not None:
        return result
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-8:]
    return {
        "case": spec["case"],
        "mode": spec["mode"],
        "error": f"worker exited {proc.returncode}: " + " | ".join(tail),
    }


# ------------------------------------------------------------------------------------------------
# building bigger stories from the example's and the seeds' articles

_SENT_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Source:
    story: str
    label: str
    title: str
    published: str
    sentences: tuple[str, ...]


def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = para.strip()
        if not para:
            continue
        out.extend(s.strip() for s in _SENT_END.split(para) if len(s.split()) >= 3)
    return out


def load_sources() -> list[Source]:
    """Cleaned articles of both stories, through storydesk's own ingest and cleaning."""
    from storydesk.api import extract

    sources: list[Source] = []
    for story, folder in (("seeds", SEEDS), ("example", EXAMPLE)):
        if not folder.is_dir():
            print(f"warning: {folder} not found; story_N cases use the other story only")
            continue
        articles, _ = extract(folder)
        for a in sorted(articles, key=lambda a: a.id):
            sents = split_sentences(a.text)
            if len(sents) >= 4:
                sources.append(
                    Source(story, a.label, a.title or a.label, a.published or "", tuple(sents))
                )
    if not sources:
        raise SystemExit("no source articles found for the story_N cases")
    return sources


def make_variant(src: Source, other: Source, rng: random.Random) -> str:
    """Keep a random 60-80% of the source's sentences, in order, and mix in 1-3 sentences of
    another article of the same story; regroup into paragraphs and swap two of them. Different
    enough from every other variant that near-duplicate removal keeps it."""
    n = len(src.sentences)
    keep = max(4, round(n * rng.uniform(0.6, 0.8)))
    picked = [src.sentences[i] for i in sorted(rng.sample(range(n), min(keep, n)))]
    for s in rng.sample(other.sentences, min(len(other.sentences), rng.randint(1, 3))):
        picked.insert(rng.randint(1, len(picked)), s)
    paras: list[str] = []
    i = 0
    while i < len(picked):
        step = rng.randint(1, 3)
        paras.append(" ".join(picked[i : i + step]))
        i += step
    if len(paras) > 3:
        j = rng.randint(1, len(paras) - 2)  # the lead stays first
        paras[j], paras[j + 1] = paras[j + 1], paras[j]
    return "\n\n".join(paras)


def build_story(n: int, sources: list[Source], folder: Path) -> list[str]:
    """Write n .txt variants into folder, alternating stories and source articles."""
    by_story: dict[str, list[Source]] = {}
    for s in sources:
        by_story.setdefault(s.story, []).append(s)
    order = [s for group in zip(*by_story.values(), strict=False) for s in group]
    order += [s for s in sources if s not in order]
    paths: list[str] = []
    for k in range(n):
        src = order[k % len(order)]
        variant = k // len(order) + 1
        rng = random.Random(f"brief_speed/{n}/{k}")
        peers = [s for s in by_story[src.story] if s is not src] or [src]
        body = make_variant(src, rng.choice(peers), rng)
        slug = re.sub(r"[^a-z0-9]+", "-", src.label.lower()).strip("-")[:30] or "article"
        path = folder / f"{k:03d}_{src.story}_{slug}_v{variant}.txt"
        head = [
            f"Source: {src.label} (variant {variant})",
            f"URL: https://variants.example/{src.story}/{k:03d}",
        ]
        if re.match(r"^\d{4}-\d{2}-\d{2}", src.published):
            head.append(f"Published: {src.published}")
        head.append(f"Title: {src.title}")
        path.write_text("\n".join(head) + "\n\n" + body + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


# ------------------------------------------------------------------------------------------------
# report


def slowest(stages: dict[str, float]) -> str:
    if not stages:
        return "-"
    name, secs = max(stages.items(), key=lambda kv: kv[1])
    return f"{name} {secs:.2f}s"


def print_table(results: list[dict[str, Any]]) -> None:
    header = f"{'case':<12} {'mode':<5} {'articles':>9} {'wall s':>8} {'brief s':>8} "
    header += f"{'peak RSS MiB':>13}  slowest stage"
    print(header)
    print("-" * len(header))
    for r in results:
        if "error" in r:
            print(f"{r['case']:<12} {r['mode']:<5} ERROR {r['error']}")
            continue
        arts = f"{r['articles_kept']}/{r['articles_in']}"
        print(
            f"{r['case']:<12} {r['mode']:<5} {arts:>9} {r['wall_s']:>8.2f} {r['brief_s']:>8.2f} "
            f"{r['peak_rss_mib']:>13.0f}  {slowest(r['stages'])}"
        )


def check_targets(metrics: dict[str, float]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(name: str, limit: float, what: str) -> None:
        value = metrics.get(name)
        ok = value is not None and value < limit
        rows.append({"metric": name, "value": value, "max": limit, "what": what, "ok": ok})

    add("seeds_warm_wall_s", SEEDS_WARM_MAX_S, "seeds, warm")
    if "story_50_wall_s" in metrics:
        add("story_50_wall_s", STORY_50_MAX_S, "50 articles, cold")
    add("peak_rss_mib", PEAK_MAX_MIB, "peak RSS, any case")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="only seeds cold/warm and 10 articles")
    ap.add_argument("--json", metavar="PATH", help="write metrics and per-case results here")
    ap.add_argument("--sizes", type=int, nargs="+", help=f"story sizes (default {SIZES})")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per measurement")
    ap.add_argument("--repeat", type=int, default=1, help="runs per case; the fastest is kept")
    ap.add_argument("--keep", metavar="DIR", help="write the generated stories here and keep them")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        spec = json.loads(args.worker)
        try:
            result = worker(spec)
        except Exception as exc:
            traceback.print_exc()
            print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        emit_result(result)
        return 0

    if not SEEDS.is_dir():
        print(f"seeds not found at {SEEDS}", file=sys.stderr)
        return 1
    sizes: tuple[int, ...] = tuple(args.sizes) if args.sizes else ((10,) if args.quick else SIZES)
    seed_paths = [str(SEEDS)]
    n_seeds = sum(1 for p in SEEDS.iterdir() if p.suffix in {".txt", ".html", ".json", ".jsonl"})

    results: list[dict[str, Any]] = []
    for mode in ("cold", "warm"):
        spec = {"case": "seeds", "mode": mode, "paths": seed_paths, "articles_in": n_seeds}
        print(f"measuring seeds ({mode}) ...", flush=True)
        results.append(measure(spec, args.timeout, args.repeat))

    with tempfile.TemporaryDirectory(prefix="brief_speed_") as tmp:
        base = Path(args.keep) if args.keep else Path(tmp)
        sources = load_sources()
        for n in sizes:
            folder = base / f"story_{n}"
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("*.txt"):
                old.unlink()
            paths = build_story(n, sources, folder)
            spec = {"case": f"story_{n}", "mode": "cold", "paths": [str(folder)], "articles_in": n}
            print(f"measuring story_{n} ({len(paths)} articles, cold) ...", flush=True)
            results.append(measure(spec, args.timeout, args.repeat))

    print()
    print_table(results)

    metrics: dict[str, float] = {}
    for r in results:
        if "error" in r:
            continue
        key = f"{r['case']}_{r['mode']}" if r["case"] == "seeds" else r["case"]
        metrics[f"{key}_wall_s"] = round(r["wall_s"], 3)
        metrics[f"{key}_brief_s"] = round(r["brief_s"], 3)
        metrics[f"{key}_peak_rss_mib"] = round(r["peak_rss_mib"], 1)
        metrics[f"{key}_articles_kept"] = r["articles_kept"]
    peaks = [r["process_peak_rss_mib"] for r in results if "error" not in r]
    if peaks:
        metrics["peak_rss_mib"] = round(max(peaks), 1)
    crashed = [r for r in results if "error" in r]
    metrics["crashed_cases"] = len(crashed)

    targets = check_targets(metrics)
    print()
    for t in targets:
        value = "missing" if t["value"] is None else f"{t['value']:.2f}"
        verdict = "PASS" if t["ok"] else "FAIL"
        print(f"{t['what']:<20} {t['metric']:<20} {value:>9} < {t['max']:<8g} {verdict}")

    if args.json:
        payload = {
            "benchmark": "brief_speed",
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "processor": platform.processor() or platform.machine(),
            },
            "metrics": metrics,
            "targets": targets,
            "cases": results,
        }
        Path(args.json).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    if crashed:
        return 1
    if args.strict and not all(t["ok"] for t in targets):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
