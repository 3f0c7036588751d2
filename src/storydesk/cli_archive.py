"""The archive commands (`ingest`, `stories`, `similarity`, `brief --story`): a thin layer over
storydesk.archive, registered by cli.py. Kept apart so cli.py stays readable.

The archive, the store and the models are imported inside the commands, so `storydesk --help`
stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .errors import InputError, NoArticlesError, OptionsError
from .options import Options

if TYPE_CHECKING:
    from .archive import IngestReport
    from .store import Store, StoryRow

Writer = Callable[[str | None, str], None]
Command = Callable[[argparse.Namespace], int]


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        metavar="PATH",
        help="the archive's SQLite file (default: storydesk.db in the user data directory)",
    )


def register(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    epilog: str,
    commands: dict[str, Command],
) -> None:
    """Add `ingest`, `stories` and `similarity`; `commands` maps each name to its function (cli.py
    passes wrappers that bring its own output and option helpers)."""
    raw = argparse.RawDescriptionHelpFormatter
    i = sub.add_parser(
        "ingest",
        help="archive articles and group them into stories",
        epilog=epilog,
        formatter_class=raw,
    )
    i.add_argument("paths", nargs="+", metavar="INPUT", help="files, directories, http(s) URLs")
    _add_db(i)
    i.add_argument("-q", "--quiet", action="store_true", help="no warnings and no progress")
    i.add_argument("--progress", action="store_true", help="show progress even when not a TTY")
    i.add_argument("--max-file-bytes", type=int, metavar="N", help="skip input files larger than N")
    i.set_defaults(func=commands["ingest"])
    s = sub.add_parser(
        "stories", help="list the archive's stories", epilog=epilog, formatter_class=raw
    )
    _add_db(s)
    s.add_argument("--since", metavar="WHEN", help="active since: 90m, 36h, 2d, 1w or ISO date")
    s.add_argument("--limit", type=int, default=50, metavar="N", help="at most N stories (50)")
    s.add_argument(
        "--format", choices=("table", "json"), default=None, help="default: json for -o *.json"
    )
    s.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout ('-')")
    s.set_defaults(func=commands["stories"])
    m = sub.add_parser(
        "similarity",
        help="same-story similarity of text pairs (JSONL in, JSONL out)",
        epilog=epilog,
        formatter_class=raw,
    )
    m.add_argument("--pairs", required=True, metavar="FILE", help='JSONL: {"text1", "text2"}')
    m.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout ('-')")
    m.add_argument("-q", "--quiet", action="store_true", help="no warnings")
    m.set_defaults(func=commands["similarity"])


def add_story_options(b: argparse.ArgumentParser) -> None:
    """`brief --story N [--db PATH]`: brief an archived story instead of files."""
    b.add_argument("--story", type=int, metavar="N", help="brief story N from the archive")
    _add_db(b)


def open_store(db: str | None, *, existing: bool = False) -> Store:
    """The archive at `db` (default: the user's). `existing`: for commands that only read it,
    a missing file is an error, not an empty archive created on the spot (a mistyped --db
    would otherwise list nothing and leave a new file behind)."""
    from .store import Store, StoreError
    from .store.paths import default_db_path

    path = Path(db) if db is not None else default_db_path()
    if existing and not path.exists():
        hint = f" --db {db}" if db is not None else ""
        raise InputError(str(path), f"no archive here (storydesk ingest FILES{hint} makes one)")
    try:
        return Store(db)
    except StoreError as exc:  # cannot open or create the file: an I/O error for the exit status
        raise InputError(exc.path, exc.problem) from exc


def summary_line(r: IngestReport) -> str:
    kinds = ", ".join(f"{k} {v}" for k, v in r.duplicates.items())
    return (
        f"read {r.read}, added {r.added}, updated {r.updated}, "
        f"duplicates {r.duplicate_count} ({kinds}), "
        f"problems {r.problem_count}, stories {r.stories_created} new, "
        f"{r.stories_joined} joined"
        + (f", {r.stories_merged} merged into others" if r.stories_merged else "")
        + "\n"
    )


class IngestFeedback:
    """Warnings as they happen (not only at the end of a long run) and a progress line."""

    def __init__(self, stream: TextIO, quiet: bool, show_progress: bool) -> None:
        self.stream = stream
        self.quiet = quiet
        self.show_progress = show_progress and not quiet
        self.started = time.monotonic()
        self.warned = 0

    def __call__(self, report: IngestReport) -> None:
        self.warn(report)
        if self.show_progress:
            elapsed = time.monotonic() - self.started
            self.stream.write(
                f"storydesk: ingest: read {report.read}, added {report.added} ({elapsed:.1f}s)\n"
            )
            self.stream.flush()

    def warn(self, report: IngestReport) -> None:
        if self.quiet:
            return
        for problem in report.problems[self.warned :]:
            self.stream.write(f"storydesk: warning: {problem}\n")
        self.warned = len(report.problems)
        self.stream.flush()

    def finish(self, report: IngestReport) -> None:
        self.warn(report)
        hidden = report.problem_count - len(report.problems)
        if hidden and not self.quiet:
            self.stream.write(f"storydesk: warning: {hidden} more problems not listed\n")


def cmd_ingest(args: argparse.Namespace, options: Options, show_progress: bool) -> int:
    from .archive import ingest

    feedback = IngestFeedback(sys.stderr, args.quiet, show_progress)
    with open_store(args.db) as store:
        report = ingest(args.paths, store, options, progress=feedback)
    feedback.finish(report)
    sys.stdout.write(summary_line(report))
    # Usable: stored now, or already stored (a re-run). Read but all rejected is none usable.
    if report.added + report.updated + report.duplicate_count == 0:
        raise NoArticlesError("no usable articles in the inputs")
    return 0


def stories_table(rows: list[StoryRow]) -> str:
    lines = [f"{'ID':>5}  {'SIZE':>4}  {'FIRST .. LAST':<46}  TITLE / OUTLETS"]
    for r in rows:
        span = f"{r.first_published or '?'} .. {r.last_published or '?'}"
        closed = " (closed)" if r.closed else ""
        lines.append(f"{r.id:>5}  {r.size:>4}  {span:<46}  {r.title or '(untitled)'}{closed}")
        if r.outlets:
            lines.append(f"{'':>5}  {'':>4}  {'':<46}  {', '.join(r.outlets)}")
    return "\n".join(lines) + "\n"


def cmd_stories(args: argparse.Namespace, write: Writer) -> int:
    from .archive import list_stories

    suffix = Path(args.output or "").suffix.lower()
    if args.format is None and suffix in (".md", ".markdown", ".html", ".htm"):
        raise OptionsError(f"stories writes a table or json, not {suffix}: name -o *.txt or .json")
    with open_store(args.db, existing=True) as store:
        rows = list_stories(store, args.since, args.limit)
    if (args.format or ("json" if suffix == ".json" else "table")) == "json":
        write(
            args.output, json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
        )
    else:
        write(args.output, stories_table(rows))
    return 0


def _lines(path: str) -> Iterator[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            yield from f
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc


def cmd_similarity(args: argparse.Namespace, options: Options, write: Writer) -> int:
    from .archive import similarity_rows

    if not Path(args.pairs).is_file():
        raise InputError(args.pairs, "no such file")
    out: list[str] = []
    for row in similarity_rows(_lines(args.pairs), options):
        if "error" in row and not args.quiet:
            print(f"storydesk: warning: {args.pairs}: {row['error']}", file=sys.stderr)
        out.append(json.dumps(row, ensure_ascii=False) + "\n")
    # Collected, then written in one go: the writer's rename keeps OUT whole or untouched.
    write(args.output, "".join(out))
    return 0
