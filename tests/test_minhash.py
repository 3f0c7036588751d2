"""The shared MinHash module: estimates, containment, banding, and the persisted values."""

from __future__ import annotations

import random

import numpy as np
import pytest

from storydesk import minhash
from storydesk.provenance.stage import BANDS as PROVENANCE_BANDS
from storydesk.provenance.stage import NUM_PERM as PROVENANCE_PERM
from storydesk.store.articles import BANDS, NUM_PERM

PINNED = (
    "The Marrowport bridge will close on Monday for repairs, "
    "the city council said in a statement on Friday."
)


def _random_text(rng: random.Random, n: int, vocab: list[str]) -> list[str]:
    return [rng.choice(vocab) for _ in range(n)]


def test_persisted_signatures_never_change() -> None:
    """The archive stores signatures and bucket ids: these values were computed by the store's
    own MinHash before the two implementations were merged, and must hold for every release."""
    hashes = minhash.shingle_hashes(PINNED)
    sig = minhash.signature(hashes, NUM_PERM)
    assert hashes[:4].tolist() == [70393345, 335457705, 834128482, 1311987766]
    assert sig[:6].tolist() == [874885633, 526645357, 72854007, 387217650, 28221103, 548982250]
    assert sig[-3:].tolist() == [8854812, 285319081, 183370923]
    assert minhash.band_buckets(sig, BANDS)[:2] == [1788221221632063903, 4372430013320044839]
    assert minhash.from_blob(minhash.to_blob(sig)).tolist() == sig.tolist()
    # A longer signature starts with the shorter one, so both users share permutations.
    longer = minhash.signature(hashes, PROVENANCE_PERM)
    assert longer[:NUM_PERM].tolist() == sig.tolist()


@pytest.mark.parametrize("num_perm", [NUM_PERM, PROVENANCE_PERM])
def test_estimate_is_close_to_exact_jaccard(num_perm: int) -> None:
    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(400)]
    for keep in (0.0, 0.2, 0.5, 0.8, 1.0):
        base = _random_text(rng, 400, vocab)
        other = [w if rng.random() < keep else rng.choice(vocab) for w in base]
        x, y = minhash.shingle_hashes(" ".join(base)), minhash.shingle_hashes(" ".join(other))
        exact = minhash.jaccard(x, y)
        est = minhash.estimate(minhash.signature(x, num_perm), minhash.signature(y, num_perm))
        assert abs(est - exact) < 0.1, (keep, exact, est)


def test_exact_containment_and_empty_sets() -> None:
    small = minhash.shingle_hashes("one two three four five six")
    large = minhash.shingle_hashes("one two three four five six seven eight nine ten")
    assert minhash.containment(small, large) == 1.0
    assert minhash.containment(large, small) == pytest.approx(2 / 6)
    assert minhash.jaccard(small, large) == pytest.approx(2 / 6)
    empty = minhash.shingle_hashes("... !!")
    assert empty.size == 0
    full = minhash.shingle_hashes("a b c d e f")
    assert minhash.estimate(minhash.signature(empty), minhash.signature(full)) == 0.0
    assert minhash.containment(full, full) == 1.0 and minhash.containment(empty, full) == 0.0
    with pytest.raises(ValueError):
        minhash.signature(full, minhash.MAX_PERM + 1)


def test_shingles_ignore_case_and_punctuation_but_not_order() -> None:
    a = minhash.shingle_hashes("The bridge will close on Monday.")
    assert np.array_equal(a, minhash.shingle_hashes("the BRIDGE, will close on monday"))
    assert not np.array_equal(a, minhash.shingle_hashes("The bridge will on close Monday."))


def test_lsh_proposes_near_copies_and_not_unrelated_texts() -> None:
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(5000)]
    a = _random_text(rng, 300, vocab)
    b = list(a)
    b[150] = "changed"
    c = _random_text(rng, 300, vocab)
    sigs = [
        minhash.signature(minhash.shingle_hashes(" ".join(t)), PROVENANCE_PERM) for t in (a, b, c)
    ]
    assert minhash.lsh_candidates(sigs, PROVENANCE_BANDS) == {(0, 1)}
    buckets = [minhash.band_buckets(s[:NUM_PERM], BANDS) for s in sigs]
    assert set(buckets[0]) & set(buckets[1]) and not set(buckets[0]) & set(buckets[2])
