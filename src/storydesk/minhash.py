"""Word 5-shingles, MinHash signatures and LSH banding: one implementation for the archive's
near-duplicate lookup (store/) and the story's derivation signals (provenance/).

A shingle is a run of SHINGLE consecutive casefolded words. Two texts that share many shingles
share wording verbatim, which independent reporting of one event rarely does beyond names and
quotations. MinHash estimates the Jaccard resemblance of two shingle sets from fixed-size
signatures, and LSH banding proposes the pairs worth a closer look without comparing all pairs.

Every constant is derived from blake2b, not from a random generator, because the archive
persists signatures: numpy does not promise the same random stream across versions, and a changed
permutation would silently make every stored signature incomparable. Callers choose the signature
length (the archive 128, provenance 256); the first k permutations are the same for every length,
so a test pins the persisted values.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

SHINGLE = 5  # words per shingle: long enough that set phrases ("the prime minister") drop out
MAX_PERM = 256
_WORD = re.compile(r"\w+")
_EMPTY = np.uint32(0xFFFFFFFF)

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
_A = _constants("storydesk-minhash-a", MAX_PERM, 2**63) * np.uint64(2) + np.uint64(1)
_B = _constants("storydesk-minhash-b", MAX_PERM, 2**64)
# Odd per-position multipliers make a shingle's hash depend on word order.
_POS = _constants("storydesk-minhash-pos", SHINGLE, 2**63) * np.uint64(2) + np.uint64(1)


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingle_hashes(text: str, size: int = SHINGLE) -> U64:
    """Sorted unique 32-bit hashes of the word shingles of `size` words, at most SHINGLE (one
    shingle if the text is shorter; none for a text without words)."""
    if not 0 < size <= SHINGLE:
        raise ValueError(f"shingle size must be in 1..{SHINGLE}, not {size}")
    toks = words(text)
    if not toks:
        return np.zeros(0, dtype=np.uint64)
    w = np.fromiter(map(zlib.crc32, map(str.encode, toks)), dtype=np.uint64, count=len(toks))
    n = max(1, len(w) - size + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(min(size, len(w))):
        # uint64 arithmetic wraps modulo 2**64 by design: this is a polynomial hash.
        acc += w[j : j + n] * _POS[j]
    return np.unique(acc >> np.uint64(32))


def signature(hashes: U64, num_perm: int = 128) -> U32:
    """MinHash signature (num_perm uint32 minima) of a set of shingle hashes; all-max if empty."""
    if not 0 < num_perm <= MAX_PERM:
        raise ValueError(f"num_perm must be in 1..{MAX_PERM}, not {num_perm}")
    if hashes.size == 0:
        return np.full(num_perm, _EMPTY, dtype=np.uint32)
    values = np.multiply.outer(hashes, _A[:num_perm])  # in place from here: no temporaries
    values += _B[:num_perm]
    values >>= np.uint64(32)
    sig: U32 = values.min(axis=0).astype(np.uint32)
    return sig


def _empty(sig: U32) -> bool:
    return bool(np.all(sig == _EMPTY))


def estimate(a: U32, b: U32) -> float:
    """Jaccard estimate: the share of permutations whose minima agree (0 for an empty set)."""
    if a.shape != b.shape:
        raise ValueError("signatures of different lengths")
    if _empty(a) or _empty(b):
        return 0.0
    return float(np.count_nonzero(a == b)) / a.size


def jaccard(a: U64, b: U64) -> float:
    """Exact Jaccard of two sorted unique hash arrays (1.0 for two empty sets)."""
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def containment(a: U64, b: U64) -> float:
    """Exact share of a's shingles found in b."""
    return np.intersect1d(a, b, assume_unique=True).size / a.size if a.size else 0.0


def band_buckets(sig: U32, bands: int) -> list[int]:
    """One signed 64-bit bucket id per band (SQLite INTEGER is signed), for persisted lookup."""
    rows = sig.astype("<u4").reshape(bands, sig.size // bands)
    return [
        int.from_bytes(
            hashlib.blake2b(row.tobytes(), digest_size=8).digest(), "little", signed=True
        )
        for row in rows
    ]


def lsh_candidates(signatures: Sequence[U32], bands: int) -> set[tuple[int, int]]:
    """Pairs (i < j) whose signatures agree on every row of at least one band, in memory.

    With r rows per band, a pair of resemblance J becomes a candidate with probability
    1 - (1 - J**r) ** bands: with 64 bands of 4 rows, about 0.98 at J = 0.3 and 0.006 at 0.05.
    """
    if not signatures:
        return set()
    rows = len(signatures[0]) // bands
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i, sig in enumerate(signatures):
        if _empty(sig):
            continue
        for band in range(bands):
            buckets[(band, sig[band * rows : (band + 1) * rows].tobytes())].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def to_blob(sig: U32) -> bytes:
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> U32:
    return np.frombuffer(blob, dtype="<u4").astype(np.uint32)
