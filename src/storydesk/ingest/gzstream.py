"""A .gz file as a byte stream that ends where its data ends, and says whether it was cut short.

gzip.GzipFile raises EOFError on a truncated file when a read reaches the cut, and the lines
already decompressed into that read are lost with it: a small truncated .jsonl.gz gave no record
at all, though its first lines were whole. Here a cut is the end of the stream, flagged
`truncated`, so a line reader keeps every whole line and the caller reports the cut. Corrupt
data (a bad header, a bad block) still raises zlib.error. Concatenated members are read in turn,
as gzip does; zero padding after the last member is ignored.
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from typing import IO, Any

_GZIP = 16 + zlib.MAX_WBITS  # a gzip header and trailer around deflate data
_CHUNK = 64 * 1024
_MAGIC = b"\x1f\x8b"


class Inflater(io.RawIOBase):
    """Decompressed bytes of a gzip stream, read `_CHUNK` compressed bytes at a time."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw
        self._inflate = zlib.decompressobj(_GZIP)
        self._member_started = False
        self._pending = b""
        self._at = 0
        self._ended = False
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._at >= len(self._pending) and not self._ended:
            self._fill()
        n = min(len(buffer), len(self._pending) - self._at)
        buffer[:n] = self._pending[self._at : self._at + n]
        self._at += n
        return n

    def _fill(self) -> None:
        chunk = self._raw.read(_CHUNK)
        if not chunk:
            self._ended = True
            self.truncated = self._member_started and not self._inflate.eof
            return
        if not self._member_started and not chunk.startswith(_MAGIC):
            raise gzip.BadGzipFile(f"Not a gzipped file ({chunk[:2]!r})")  # as gzip says it
        out: list[bytes] = []
        while chunk:
            if self._inflate.eof:
                if not chunk.strip(b"\x00"):
                    break  # padding after the last member
                self._inflate = zlib.decompressobj(_GZIP)  # the next member
            out.append(self._inflate.decompress(chunk))
            self._member_started = True
            chunk = self._inflate.unused_data if self._inflate.eof else b""
        self._pending, self._at = self._pending[self._at :] + b"".join(out), 0

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_gzip(path: Path) -> io.BufferedReader:
    """The decompressed file, buffered (readline works); `.raw` is its Inflater."""
    return io.BufferedReader(Inflater(path.open("rb")))
