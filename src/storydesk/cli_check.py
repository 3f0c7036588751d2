"""The `check` command: verify claims against documents, or a draft against its sources.

A thin layer over storydesk.verify.check, registered by cli.py. Verifiers and models are imported
inside the command, so `storydesk --help` stays fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, NoArticlesError, OptionsError
from .model import display_names

if TYPE_CHECKING:
    from .verify.interface import Verifier

EXIT_OK = 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], epilog: str) -> None:
    c = sub.add_parser(
        "check",
        help="check claims against documents, or a draft against its sources",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    what = c.add_mutually_exclusive_group(required=True)
    what.add_argument("--pairs", metavar="FILE", help='JSONL: {"document", "claim", ...}')
    what.add_argument("--sources", nargs="+", metavar="INPUT", help="source articles (any format)")
    c.add_argument(
        "--text", metavar="FILE",
        help="the draft to check against --sources (plain text or Markdown: headings are skipped)",
    )  # fmt: skip
    c.add_argument(
        "--format",
        choices=("table", "json", "md"),
        help="draft report (default: from -o: .json, .md; else table)",
    )
    c.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout ('-')")
    c.add_argument("--model", metavar="PATH_OR_NAME", help="a transformers NLI cross-encoder")
    c.add_argument(
        "--onnx-model",
        metavar="DIR",
        help="an exported storydesk model folder instead of the packaged one",
    )
    c.add_argument("--no-model", action="store_true",
                   help="features and structured checks only (no cross-encoder)")  # fmt: skip
    c.add_argument(
        "--contradiction-prior",
        type=float,
        metavar="P",
        help="how often a sentence is expected to contradict its source (default 0.1); higher "
        "finds more contradictions and more false ones (storydesk's model only)",
    )
    c.add_argument("--judge-url", metavar="URL", help="an OpenAI-compatible server to ask")
    c.add_argument("--judge-model", metavar="NAME", help="the model name for --judge-url")
    c.add_argument("-q", "--quiet", action="store_true", help="no warnings")
    c.set_defaults(func=cmd_check)


def make_verifier(args: argparse.Namespace) -> Verifier:
    chosen = [n for n in ("model", "judge_url", "onnx_model", "no_model") if getattr(args, n)]
    if len(chosen) > 1:
        flags = ", ".join("--" + n.replace("_", "-") for n in chosen)
        raise OptionsError(f"{flags} are alternatives; give one")
    prior = getattr(args, "contradiction_prior", None)
    if prior is not None and (chosen and chosen != ["onnx_model"]):
        raise OptionsError("--contradiction-prior applies to storydesk's own model only")
    if args.judge_model and not args.judge_url:
        raise OptionsError("--judge-model names the model at --judge-url: give both")
    if prior is not None and not 0.0 < prior < 1.0:
        raise OptionsError(f"--contradiction-prior must be between 0 and 1, not {prior:g}")
    if args.model:
        from .verify.backends import TransformersVerifier

        return TransformersVerifier(args.model)
    if args.judge_url:
        from .verify.backends import OpenAIJudgeVerifier

        if not args.judge_model:
            raise OptionsError("--judge-url needs --judge-model")
        key = os.environ.get("STORYDESK_JUDGE_API_KEY")
        return OpenAIJudgeVerifier(args.judge_url, args.judge_model, api_key=key)
    if args.no_model:
        from .verify.verifier import FeatureVerifier

        return FeatureVerifier()
    from .verify.model_verifier import CONTRADICTION_PRIOR, ModelVerifier

    return ModelVerifier(args.onnx_model, contradiction_prior=prior or CONTRADICTION_PRIOR)


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc


def cmd_check(args: argparse.Namespace) -> int:
    from .cli import _warn, _write, output_format
    from .verify.check import check_pairs, check_text, checks_to_dict, to_markdown, to_table

    if args.pairs:
        if args.text or args.format:
            raise OptionsError("--text and --format go with --sources, not --pairs")
        lines = _read(args.pairs).splitlines()
        verifier = make_verifier(args)
        out = [json.dumps(r, ensure_ascii=False) for r in check_pairs(lines, verifier)]
        _write(args.output, "".join(f"{line}\n" for line in out))
        return EXIT_OK
    if not args.text:
        raise OptionsError("--sources needs --text DRAFT")
    fmt = output_format(args.output, args.format, default="table")
    if fmt == "html":  # a table of article text in a .html file would render its markup
        raise OptionsError(
            "check writes a table, json or md, not html: name -o *.txt, .json or .md"
        )
    draft = _read(args.text)
    from .api import extract

    for p in args.sources:
        if "://" not in p and not os.path.exists(p):
            raise InputError(p, "no such file or directory")
    articles, problems = extract(args.sources)
    _warn(problems, args.quiet)
    if not articles:
        raise NoArticlesError("no usable articles in the sources")
    checks = check_text(draft, articles, make_verifier(args))
    if fmt == "json":
        text = json.dumps(checks_to_dict(checks), indent=2, ensure_ascii=False) + "\n"
    else:
        names = display_names(articles)
        text = to_markdown(checks, names) if fmt == "md" else to_table(checks)
    _write(args.output, text)
    if not args.quiet and not checks:
        print("storydesk: warning: the draft has no sentences", file=sys.stderr)
    return EXIT_OK
