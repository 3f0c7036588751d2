"""MinHash over word 5-shingles, with LSH banding, for near-duplicate lookup in the archive.

Deliberately small and self-contained (provenance/ has its own; the two get unified later). Every
constant is fixed and derived from blake2b, not from a numpy random generator, because signatures
are persisted: numpy does not promise the same random stream across versions, and a changed
permutation would silently make every stored signature incomparable.

Banding: 128 permutations in 16 bands of 8 rows. Two texts become candidates when any band matches
exactly, with probability 1 - (1 - J^8)^16: 0.9999 at Jaccard 0.9, 0.06 at 0.5, 0.0004 at 0.3.
Candidates are then checked on their signatures and finally on exact shingle sets, so the 0.9
decision itself is exact and deterministic.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
import numpy.typing as npt

SHINGLE = 5
NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
_WORD = re.compile(r"\w+")

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]


def _constants(label: str, count: int, modulus: int) -> U64:
    values = [
        int.from_bytes(hashlib.blake2b(f"{label}:{i}".encode(), digest_size=8).digest(), "little")
        % modulus
        for i in range(count)
    ]
    return np.array(values, dtype=np.uint64)


# Multiply-shift hashing: h(x) = ((a*x + b) mod 2**64) >> 32 with odd a. Near-universal, and it
# needs no modulo by a prime (the slowest numpy operation here); uint64 wraps by design.
_A = _constants("storydesk-minhash-a", NUM_PERM, 2**63) * np.uint64(2) + np.uint64(1)
_B = _constants("storydesk-minhash-b", NUM_PERM, 2**64)
# Odd per-position multipliers make a shingle's hash depend on word order.
_POS = _constants("storydesk-minhash-pos", SHINGLE, 2**63) * np.uint64(2) + np.uint64(1)


def shingle_hashes(text: str) -> U64:
    """Sorted unique 32-bit hashes of the casefolded word 5-shingles (one shingle if shorter)."""
    words = _WORD.findall(text.casefold()) or [""]
    w = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))
    n = max(1, len(w) - SHINGLE + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(min(SHINGLE, len(w))):
        # uint64 arithmetic wraps modulo 2**64 by design: this is a polynomial hash.
        acc += w[j : j + n] * _POS[j]
    return np.unique(acc >> np.uint64(32))


def signature(hashes: U64) -> U32:
    """MinHash signature (NUM_PERM uint32 values) of a set of shingle hashes."""
    values = np.multiply.outer(hashes, _A)  # in place from here: no temporaries per step
    values += _B
    values >>= np.uint64(32)
    sig: U32 = values.min(axis=0).astype(np.uint32)
    return sig


def band_buckets(sig: U32) -> list[int]:
    """One signed 64-bit bucket id per band (SQLite INTEGER is signed)."""
    rows = sig.astype("<u4").reshape(BANDS, ROWS)
    return [
        int.from_bytes(
            hashlib.blake2b(row.tobytes(), digest_size=8).digest(), "little", signed=True
        )
        for row in rows
    ]


def estimate(a: U32, b: U32) -> float:
    """Jaccard estimate: the share of permutations whose minima agree."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def jaccard(a: U64, b: U64) -> float:
    """Exact Jaccard of two sorted unique hash arrays."""
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def to_blob(sig: U32) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> U32:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
