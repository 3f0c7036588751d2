"""Finding input files and turning their bytes into text.

Every failure here raises `InputError` naming the file; `read_inputs` turns it into an
`InputProblem`, so one unreadable file never stops the rest of a batch.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from pathlib import Path

import charset_normalizer

from ..errors import InputError
from ..model import InputProblem

# File name ending -> the reader that handles it. Compound endings (".warc.gz") are matched
# before plain ones, so an archive is never taken for a gzip of unknown content.
KINDS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".json.gz": "json.gz",
    ".jsonl.gz": "jsonl.gz",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",  # a feed when its root says so; other XML is reported, not guessed at
    ".opml": "opml",
}
ARTICLE_SUFFIXES = frozenset(KINDS)
_BY_LENGTH = sorted(KINDS, key=len, reverse=True)

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
# Above this share of non-ASCII bytes the text is probably not a Western language, so cp1252
# is no longer the safe guess (cp1251 Russian also decodes "cleanly" as cp1252 mojibake).
_WESTERN_HIGH_BYTE_SHARE = 0.3
# Real text has almost no control characters; binaries without NUL bytes have many.
_MAX_CONTROL_SHARE = 0.01
_ASCII = bytes(range(128))
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NOT_ASCII_LETTERS = bytes(b for b in range(256) if b not in _ASCII_LETTERS)


def kind_of(path: Path) -> str | None:
    """The reader for a file name ("warc", "jsonl.gz", ...), or None when none handles it."""
    name = path.name.lower()
    return next((KINDS[end] for end in _BY_LENGTH if name.endswith(end)), None)


def stem_of(path: Path) -> str:
    """The name without its known ending: "cc-news.warc.gz" -> "cc-news"."""
    name = path.name
    end = next((e for e in _BY_LENGTH if name.lower().endswith(e)), path.suffix)
    return name[: len(name) - len(end)] or name


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _walk(root: Path) -> tuple[list[Path], list[InputProblem]]:
    found: list[Path] = []
    problems: list[InputProblem] = []
    # Sorting the full relative paths gives the same order on every filesystem.
    for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix()):
        if _hidden(path, root):
            continue
        try:
            regular = path.is_file()
            broken = not regular and path.is_symlink() and not path.exists()
        except OSError as exc:  # a link into /proc, a folder we may not enter: this entry only
            problems.append(InputProblem(str(path), f"skipped: cannot examine it ({_why(exc)})"))
            continue
        if not regular:
            # A link to nothing (or a loop) is an article the user meant to give and lost.
            if broken:
                problems.append(InputProblem(str(path), "skipped: broken symbolic link"))
            continue
        if kind_of(path) is not None:
            found.append(path)
        else:
            suffix = path.suffix or "no extension"
            problems.append(InputProblem(str(path), f"skipped: not an article file ({suffix})"))
    return found, problems


def discover(paths: Sequence[str]) -> tuple[list[Path], list[InputProblem]]:
    """Expand files and directories into article files, in a stable order.

    Directories are walked recursively in sorted order, hidden files and folders are ignored, and
    files of other types are reported as skipped. A named path that is missing or of an
    unsupported type is a problem too, never an exception.
    """
    files: list[Path] = []
    problems: list[InputProblem] = []
    for raw in paths:
        path = Path(raw)
        try:
            path.stat()
        except FileNotFoundError:
            pass  # reported below, with a broken link told apart
        except OSError as exc:
            problems.append(InputProblem(raw, f"cannot examine it ({_why(exc)})"))
            continue
        if path.is_dir():
            found, skipped = _walk(path)
            files.extend(found)
            problems.extend(skipped)
        elif not path.exists():
            problems.append(InputProblem(raw, "not found"))
        elif not path.is_file():
            problems.append(InputProblem(raw, "not a regular file"))
        elif kind_of(path) is None:
            suffix = path.suffix or "no extension"
            problems.append(InputProblem(raw, f"unsupported file type ({suffix})"))
        else:
            files.append(path)
    return files, problems


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; refuses files over `max_bytes` without reading them."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(str(path), f"file too large ({size} bytes; limit is {max_bytes})")
    with path.open("rb") as handle:
        # The file may have grown since stat(); never read more than the limit allows.
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(str(path), f"file too large (over {max_bytes} bytes)")
    if not data:
        raise InputError(str(path), "empty file")
    return data


def _legacy_decode(data: bytes) -> str | None:
    # bytes.translate with a delete table counts in C; a Python loop takes seconds on 5 MB.
    high = len(data.translate(None, _ASCII))
    letters = len(data.translate(None, _NOT_ASCII_LETTERS))
    if high <= _WESTERN_HIGH_BYTE_SHARE * max(letters + high, 1):
        # Short Western texts fool statistical detectors (cp1250 "naďve"); cp1252 is the
        # overwhelmingly common legacy encoding for them, and it is a superset of latin-1's
        # printable range.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


def decode(data: bytes, path: str) -> str:
    """Bytes to text: BOM, then strict UTF-8, then a best guess; binary data is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise InputError(path, f"undecodable text despite {encoding} BOM: {exc}") from exc
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(path, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _legacy_decode(data)
    if text is None:
        raise InputError(path, "binary or undecodable file (not UTF-8, no text encoding fits)")
    return text


def guess_encoding(sniff: bytes) -> str:
    """An encoding for a stream judged by its first bytes (BOM, UTF-8, then a best guess).

    Streamed files cannot be decoded whole, so the guess from the head is applied to each line;
    a line it does not fit is decoded on its own by `decode`.
    """
    for bom, encoding in _BOMS:
        if sniff.startswith(bom):
            return encoding
    try:
        # The sniff may end inside a multi-byte character; a non-final decode allows that.
        codecs.getincrementaldecoder("utf-8")().decode(sniff, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    high = len(sniff.translate(None, _ASCII))
    letters = len(sniff.translate(None, _NOT_ASCII_LETTERS))
    if high <= _WESTERN_HIGH_BYTE_SHARE * max(letters + high, 1):
        return "cp1252"
    best = charset_normalizer.from_bytes(sniff).best()
    return "utf-8" if best is None else str(best.encoding)


_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
# Browsers read a latin-1 or ASCII label as windows-1252 (WHATWG Encoding); pages rely on it.
_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii"})


def decode_declared(data: bytes, charset: str | None, path: str) -> str:
    """Web bytes to text: the charset the server declared, else the page's <meta>, else `decode`.

    A declaration that names no known codec or does not fit the bytes is ignored rather than
    trusted: servers and templates often get it wrong.
    """
    if charset is None:
        match = _META_CHARSET.search(data[:_SNIFF_BYTES])
        charset = match.group(1).decode("ascii") if match else None
    if charset is not None and not data.startswith(tuple(bom for bom, _ in _BOMS)):
        try:
            name = codecs.lookup(charset).name
            return data.decode("cp1252" if name in _AS_CP1252 else name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, path)


def _html_decode(data: bytes, path: str) -> str:
    if not data.startswith(tuple(bom for bom, _ in _BOMS)) and b"\x00" not in data[:_SNIFF_BYTES]:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return decode_declared(data, None, path)
    return decode(data, path)


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\f\v")
    return controls / max(len(text), 1)


def read_text(path: Path, max_bytes: int, html: bool = False) -> str:
    """Read and decode one file, with newlines normalised; empty or blank text is an error.

    An HTML file that is not valid UTF-8 is read in the charset its <meta> declares (a saved
    iso-8859-2 page is not cp1252, the best guess's answer): bytes that are valid UTF-8 are
    UTF-8 whatever the page says, because saved pages keep a stale declaration more often
    than a multi-byte legacy encoding happens to be valid UTF-8."""
    data = read_limited(path, max_bytes)
    text = _html_decode(data, str(path)) if html else decode(data, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _control_share(text[:_SNIFF_BYTES]) > _MAX_CONTROL_SHARE:
        raise InputError(str(path), "binary file (control characters in text)")
    if not text.strip():
        raise InputError(str(path), "file contains only whitespace")
    return text
