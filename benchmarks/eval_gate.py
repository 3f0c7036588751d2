"""Quality gate: run each benchmark listed in floors.json and fail if a metric crosses its floor.

floors.json maps a benchmark script (a file in this folder) to its metrics and their floors:

    {
      "cleaning.py": {
        "_args": ["--quick"],                       # optional extra arguments for the script
        "false_removals": {"max": 0},
        "leftover_recall": {"min": 0.95, "note": "why this floor"}
      }
    }

Each script is run as ``python benchmarks/<name> --json <tmpfile> [_args...]`` and must write a
JSON object. A metric is looked up as a top-level key, then under ``"metrics"``, then as a dotted
path (``"cases.0.wall_s"``). Keys starting with ``_`` are settings, not metrics.

    python benchmarks/eval_gate.py                   # every benchmark in floors.json
    python benchmarks/eval_gate.py --only cleaning.py
    python benchmarks/eval_gate.py --floors other.json

Exit status 1 when any metric misses its floor, is missing from the output, or a script crashes,
times out or writes no JSON; 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FLOORS = HERE / "floors.json"


@dataclass(frozen=True)
class Row:
    script: str
    metric: str
    value: float | None
    floor: str
    ok: bool
    note: str = ""


def lookup(data: Any, name: str) -> Any:
    """The metric `name` in a benchmark's JSON output, or None."""
    if isinstance(data, dict):
        if name in data:
            return data[name]
        metrics = data.get("metrics")
        if isinstance(metrics, dict) and name in metrics:
            return metrics[name]
    node = data
    for part in name.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def check(script: str, metric: str, spec: dict[str, Any], output: Any) -> Row:
    bounds = {k: v for k, v in spec.items() if k in ("min", "max")}
    if not bounds:
        raise SystemExit(f"floors.json: {script} / {metric} has neither 'min' nor 'max'")
    floor = " ".join(f"{'>=' if k == 'min' else '<='} {v:g}" for k, v in bounds.items())
    note = str(spec.get("note", ""))
    value = lookup(output, metric)
    if isinstance(value, bool) or not isinstance(value, int | float):
        shown = "missing" if value is None else f"not a number: {value!r}"
        return Row(script, metric, None, floor, False, shown)
    ok = ("min" not in bounds or value >= bounds["min"]) and (
        "max" not in bounds or value <= bounds["max"]
    )
    return Row(script, metric, float(value), floor, ok, note)


def run_script(script: str, args: list[str], timeout: float) -> tuple[Any, str | None, float]:
    """(parsed JSON, error or None, seconds) for one benchmark run."""
    path = HERE / script
    if not path.is_file():
        return None, f"{path} does not exist", 0.0
    with tempfile.TemporaryDirectory(prefix="eval_gate_") as tmp:
        out = Path(tmp) / "metrics.json"
        cmd = [sys.executable, str(path), "--json", str(out), *args]
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, f"timed out after {timeout:g} s", time.perf_counter() - t0
        secs = time.perf_counter() - t0
        if proc.returncode != 0:
            tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-6:])
            return None, f"exited {proc.returncode}: {tail}", secs
        if not out.is_file():
            return None, "wrote no JSON (does it support --json PATH?)", secs
        try:
            return json.loads(out.read_text(encoding="utf-8")), None, secs
        except json.JSONDecodeError as exc:
            return None, f"wrote invalid JSON: {exc}", secs


def print_rows(rows: list[Row]) -> None:
    w_metric = max([len(f"{r.script}: {r.metric}") for r in rows] + [6])
    print(f"{'metric':<{w_metric}}  {'value':>12}  {'floor':<16} result")
    print("-" * (w_metric + 40))
    for r in rows:
        value = "-" if r.value is None else f"{r.value:.4g}"
        name = f"{r.script}: {r.metric}"
        note = f"  ({r.note})" if r.note else ""
        print(f"{name:<{w_metric}}  {value:>12}  {r.floor:<16} {'OK' if r.ok else 'FAIL'}{note}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", metavar="NAME", action="append", help="run only this benchmark")
    ap.add_argument("--floors", default=str(FLOORS), help="floors file (default floors.json)")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per benchmark script")
    args = ap.parse_args(argv)

    floors: dict[str, dict[str, Any]] = json.loads(Path(args.floors).read_text(encoding="utf-8"))
    scripts = [s for s in floors if not s.startswith("_")]
    if args.only:
        wanted = {o if o.endswith(".py") else f"{o}.py" for o in args.only}
        unknown = sorted(wanted - set(scripts))
        if unknown:
            print(f"not in {args.floors}: {', '.join(unknown)}", file=sys.stderr)
            return 1
        scripts = [s for s in scripts if s in wanted]

    rows: list[Row] = []
    for script in scripts:
        spec = floors[script]
        extra = [str(a) for a in spec.get("_args", [])]
        print(f"running {script} {' '.join(extra)}".rstrip() + " ...", flush=True)
        output, error, secs = run_script(script, extra, args.timeout)
        if error is not None:
            rows.append(Row(script, "(run)", None, "runs", False, error))
            continue
        print(f"  done in {secs:.1f} s", flush=True)
        for metric, bound in spec.items():
            if not metric.startswith("_"):
                rows.append(check(script, metric, bound, output))

    print()
    print_rows(rows)
    failed = [r for r in rows if not r.ok]
    print()
    print(f"{len(rows) - len(failed)}/{len(rows)} OK" + (f", {len(failed)} FAIL" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
