"""Compact embedding blobs: float16, or int8 with one scale per vector.

Embeddings are only ever compared by cosine after L2 normalisation, so half precision (about 3
significant digits) or 8-bit steps of max|v|/127 change similarities by far less than the
thresholds that use them, and cut storage 2-4x against float32.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

Encoding = Literal["f16", "i8"]
F32 = npt.NDArray[np.float32]


def encode(vector: npt.ArrayLike, encoding: Encoding = "f16") -> tuple[bytes, float]:
    """Return (blob, scale). Little-endian explicitly, so a database moves between machines."""
    v = np.asarray(vector, dtype=np.float32)
    if v.ndim != 1 or v.size == 0:
        raise ValueError(f"an embedding must be a non-empty 1-D vector, got shape {v.shape}")
    if not np.all(np.isfinite(v)):
        raise ValueError("an embedding must be finite")
    if encoding == "f16":
        return v.astype("<f2").tobytes(), 1.0
    if encoding == "i8":
        peak = float(np.abs(v).max())
        scale = peak / 127.0 if peak > 0 else 1.0
        return np.round(v / scale).astype(np.int8).tobytes(), scale
    raise ValueError(f"unknown embedding encoding {encoding!r}")


def decode(blob: bytes, encoding: str, scale: float) -> F32:
    if encoding == "f16":
        return np.frombuffer(blob, dtype="<f2").astype(np.float32)
    if encoding == "i8":
        return np.frombuffer(blob, dtype=np.int8).astype(np.float32) * np.float32(scale)
    raise ValueError(f"unknown embedding encoding {encoding!r}")


def to_f32_blob(vector: npt.ArrayLike) -> bytes:
    """Full precision for story centroids: they are running means, updated many times, and
    rounding each update to float16 would drift."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_f32_blob(blob: bytes) -> F32:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)
