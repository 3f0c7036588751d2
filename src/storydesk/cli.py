"""`storydesk` on the command line: a thin argparse layer over storydesk.api.

The library never imports this module. Errors the user can act on (StorydeskError) become one
`storydesk: error: ...` line and an exit status from the table in EPILOG; only bugs get tracebacks.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol, TextIO

from . import __version__, cli_archive, cli_check
from .briefing.render_html import to_html
from .briefing.render_json import dumps, extract_to_dict, to_json
from .briefing.render_markdown import to_markdown
from .briefing.render_quotes import quotes_to_dict, to_quotes_markdown
from .errors import InputError, NoArticlesError, OptionsError, StageError, StorydeskError
from .model import Article, Brief, InputProblem, QuoteGroup
from .options import Options
from .pipeline import ProgressHook, Timings

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NO_ARTICLES = 3
EXIT_IO = 4
EXIT_STAGE = 5
EXIT_INTERRUPTED = 130

EPILOG = """\
exit status:
  0  output written (inputs that had to be skipped are reported as warnings on stderr)
  1  any other storydesk error
  2  usage error: bad arguments or option values
  3  no usable articles in the inputs
  4  input/output error: an input path does not exist, or the output cannot be written
  5  a pipeline stage failed (the message names the stage)
"""

RENDERERS: dict[str, Callable[[Brief], str]] = {"json": to_json, "md": to_markdown, "html": to_html}
_EXTENSIONS = {".json": "json", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


class Api(Protocol):
    """The part of storydesk.api the CLI calls; tests substitute a fake through `load_api`."""

    def run_brief(
        self,
        paths: Sequence[str],
        options: Options | None = ...,
        progress: ProgressHook | None = ...,
        timings: Timings | None = ...,
    ) -> Brief: ...

    def extract(
        self, paths: Sequence[str], options: Options | None = ...
    ) -> tuple[tuple[Article, ...], tuple[InputProblem, ...]]: ...

    def run_quotes(
        self, paths: Sequence[str], options: Options | None = ...
    ) -> tuple[tuple[Article, ...], tuple[QuoteGroup, ...], tuple[InputProblem, ...]]: ...


def load_api() -> Api:
    # Imported on use so `--help`/`--version` stay fast and this module imports even while a stage
    # module is missing; tests monkeypatch this function rather than the pipeline.
    from . import api

    return api


class ProgressBar:
    """A one-line `[####....] 3/8 parse` bar on stderr, fed by the pipeline's ProgressHook."""

    WIDTH = 24

    def __init__(self, stream: TextIO, live: bool) -> None:
        self.stream = stream
        self.live = live  # TTY: redraw one line with \r; otherwise one line per stage
        self.started = time.monotonic()
        self._width = 0

    def __call__(self, name: str, i: int, n: int) -> None:
        done = self.WIDTH * (i - 1) // max(n, 1)
        bar = "#" * done + "." * (self.WIDTH - done)
        elapsed = time.monotonic() - self.started
        line = f"storydesk: [{bar}] {i}/{n} {name} ({elapsed:.1f}s)"
        if self.live:
            self.stream.write("\r" + line.ljust(self._width))
            self._width = max(self._width, len(line))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.live and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {value}")
    return number


def _common(p: argparse.ArgumentParser, paths: str = "+") -> None:
    p.add_argument("paths", nargs=paths, metavar="PATH", help="article files or directories")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout ('-')")
    p.add_argument("-q", "--quiet", action="store_true", help="no warnings and no progress")
    p.add_argument(
        "--max-file-bytes", type=_positive_int, metavar="N", help="skip input files larger than N"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storydesk",
        description="Turn several outlets' articles about one event into a cited, "
        "cross-checked brief.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    raw = argparse.RawDescriptionHelpFormatter
    b = sub.add_parser(
        "brief", help="write a brief (JSON, Markdown or HTML)", epilog=EPILOG, formatter_class=raw
    )
    _common(b, paths="*")  # none with --story
    cli_archive.add_story_options(b)
    b.add_argument(
        "--format",
        choices=sorted(RENDERERS),
        help="output format (default: from OUT's extension .json/.md/.html, else json)",
    )
    b.add_argument("--summary-sentences", type=int, metavar="N", help="summary length (5-8)")
    b.add_argument("--progress", action="store_true", help="show progress even when not a TTY")
    b.add_argument("--timings", action="store_true", help="report seconds per stage on stderr")
    b.set_defaults(func=_cmd_brief)
    e = sub.add_parser(
        "extract", help="print the cleaned articles as JSON", epilog=EPILOG, formatter_class=raw
    )
    _common(e)
    e.set_defaults(func=_cmd_extract)
    q = sub.add_parser(
        "quotes",
        help="list direct quotations with speakers, compared across outlets",
        epilog=EPILOG,
        formatter_class=raw,
    )
    _common(q)
    q.add_argument(
        "--format",
        choices=["json", "md"],
        help="output format (default: from OUT's extension .json/.md, else json)",
    )
    q.set_defaults(func=_cmd_quotes)
    cli_archive.register(
        sub,
        EPILOG,
        {"ingest": _cmd_ingest, "stories": _cmd_stories, "similarity": _cmd_similarity},
    )
    cli_check.register(sub, EPILOG)
    return parser


def output_format(output: str | None, explicit: str | None, default: str = "json") -> str:
    """The format asked for: --format, else the output file's extension, else `default`."""
    if explicit:
        return explicit
    if output and output != "-":
        return _EXTENSIONS.get(Path(output).suffix.lower(), default)
    return default


def _options(args: argparse.Namespace, progress: bool = False) -> Options:
    changes: dict[str, object] = {"progress": progress}
    if args.max_file_bytes is not None:
        changes["max_file_bytes"] = args.max_file_bytes
    if getattr(args, "summary_sentences", None) is not None:
        changes["summary_sentences"] = args.summary_sentences
    return Options().with_(**changes)


def _check_paths(paths: Iterable[str], output: str | None) -> None:
    """Fail before the slow pipeline runs, not after, when a path is plainly wrong."""
    from .ingest.fetch import is_url  # on use: the ingest package is slow to import

    for p in paths:
        if not is_url(p) and not os.path.exists(p):
            raise InputError(p, "no such file or directory")
    if output and output != "-":
        target = Path(output)
        if target.is_dir():
            raise InputError(output, "cannot write output: is a directory")
        if not target.parent.is_dir():
            raise InputError(output, "cannot write output: directory does not exist")


def _write(output: str | None, text: str) -> None:
    if not output or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    # Write aside and rename, so an interrupted run never leaves a truncated brief behind.
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise InputError(output, f"cannot write output: {exc.strerror or exc}") from exc


def _warn(problems: Iterable[InputProblem], quiet: bool) -> None:
    if quiet:
        return
    for problem in problems:
        print(f"storydesk: warning: {problem}", file=sys.stderr)


def _progress_bar(args: argparse.Namespace) -> ProgressBar | None:
    if args.quiet:
        return None
    live = sys.stderr.isatty()
    return ProgressBar(sys.stderr, live) if live or args.progress else None


def _cmd_brief(args: argparse.Namespace) -> int:
    if (args.story is None) == (not args.paths):
        raise OptionsError("give either article paths or --story N, not both or neither")
    if args.db is not None and args.story is None:
        raise OptionsError("--db only applies with --story")
    fmt = output_format(args.output, args.format)
    bar = _progress_bar(args)
    options = _options(args, progress=bar is not None)
    _check_paths(args.paths, args.output)
    if args.story is not None:
        return _brief_story(args, fmt, options, bar)
    timings = Timings()
    try:
        result = load_api().run_brief(args.paths, options, progress=bar, timings=timings)
    finally:
        if bar is not None:
            bar.close()
    _warn(result.problems, args.quiet)
    if args.timings:  # asked for by name: -q quiets warnings and progress, not this
        for name, seconds in timings.seconds.items():
            print(f"storydesk: timing: {name} {seconds:.2f}s", file=sys.stderr)
    _write(args.output, RENDERERS[fmt](result))
    return EXIT_OK


def _brief_story(
    args: argparse.Namespace, fmt: str, options: Options, bar: ProgressBar | None
) -> int:
    from .archive import brief_story, brief_story_json

    try:
        with cli_archive.open_store(args.db, existing=True) as store:
            if fmt == "json":  # the cached form: a repeated JSON brief skips the pipeline
                text = brief_story_json(store, args.story, options, progress=bar)
            else:
                text = RENDERERS[fmt](brief_story(store, args.story, options, progress=bar))
    finally:
        if bar is not None:
            bar.close()
    _write(args.output, text)
    return EXIT_OK


def _cmd_ingest(args: argparse.Namespace) -> int:
    _check_paths(args.paths, None)
    show = args.progress or sys.stderr.isatty()
    return cli_archive.cmd_ingest(args, _options(args), show_progress=show)


def _cmd_stories(args: argparse.Namespace) -> int:
    _check_paths([], args.output)
    if args.limit <= 0:
        raise OptionsError(f"--limit must be positive: {args.limit}")
    return cli_archive.cmd_stories(args, _write)


def _cmd_similarity(args: argparse.Namespace) -> int:
    _check_paths([args.pairs], args.output)
    return cli_archive.cmd_similarity(args, Options(), _write)


def _cmd_extract(args: argparse.Namespace) -> int:
    options = _options(args)
    _check_paths(args.paths, args.output)
    articles, problems = load_api().extract(args.paths, options)
    _warn(problems, args.quiet)
    # Written even when empty: the problems list is the useful part of a failed extraction.
    _write(args.output, dumps(extract_to_dict(articles, problems)))
    if not articles:
        raise NoArticlesError("no usable articles in the inputs")
    return EXIT_OK


def _cmd_quotes(args: argparse.Namespace) -> int:
    fmt = output_format(args.output, args.format)
    if fmt not in ("json", "md"):  # -o quotes.html: say so rather than write JSON into it
        raise OptionsError(f"quotes writes json or md, not {fmt}: name -o *.json or *.md")
    options = _options(args)
    _check_paths(args.paths, args.output)
    articles, groups, problems = load_api().run_quotes(args.paths, options)
    _warn(problems, args.quiet)
    if fmt == "md":
        _write(args.output, to_quotes_markdown(articles, groups))
    else:
        _write(args.output, dumps(quotes_to_dict(articles, groups, problems)))
    return EXIT_OK


def _error(message: object, status: int) -> int:
    print(f"storydesk: error: {message}", file=sys.stderr)
    return status


def _run(args: argparse.Namespace) -> int:
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except OptionsError as exc:
        return _error(exc, EXIT_USAGE)
    except NoArticlesError as exc:
        return _error(exc, EXIT_NO_ARTICLES)
    except InputError as exc:
        return _error(exc, EXIT_IO)
    except StageError as exc:
        return _error(exc, EXIT_STAGE)
    except StorydeskError as exc:
        return _error(exc, EXIT_ERROR)
    except KeyboardInterrupt:
        return _error("interrupted", EXIT_INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`storydesk brief ... | head`); stop quietly, as other tools do.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_IO


def main(argv: list[str] | None = None) -> int:
    """Entry point for the `storydesk` script and `python -m storydesk`; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: keep argparse's status
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or EXIT_OK
        return EXIT_USAGE
    return _run(args)


if __name__ == "__main__":
    sys.exit(main())
