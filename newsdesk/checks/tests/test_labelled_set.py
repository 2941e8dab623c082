"""The labelled set's held-out half stays as it was when it was split off."""

import hashlib
from pathlib import Path

import pytest

LANGUAGE = Path(__file__).resolve().parents[3] / "benchmarks" / "language"
FROZEN = "82a06553829023d922acf758782c68f9baaa7daabf563c0d91e9b86f9c5af7ff"


def test_the_heldout_half_is_unchanged():
    heldout = LANGUAGE / "heldout.txt"
    digest = hashlib.sha256(heldout.read_bytes()).hexdigest()
    assert digest == FROZEN, (
        "benchmarks/language/heldout.txt changed. It is the frozen half the checks are "
        "measured on: add sentences to tuning.txt, or start a new held-out file with a new "
        "digest and say so in benchmarks/language/README.md."
    )


@pytest.mark.parametrize("half", ["tuning.txt", "heldout.txt"])
def test_every_line_is_labelled_in_the_set_format(half):
    sentences = 0
    for line in (LANGUAGE / half).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        tags, separator, text = line.partition(" | ")
        assert separator and text.strip(), line
        assert set(tags.split("@")[0]) <= set("ASODNR-"), line
        sentences += 1
    assert sentences >= 500
