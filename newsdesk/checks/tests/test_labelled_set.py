"""The labelled set's held-out files stay as they were when they were committed."""

import hashlib
from pathlib import Path

import pytest

LANGUAGE = Path(__file__).resolve().parents[3] / "benchmarks" / "language"
# Each file as it was committed, with the labels it was measured with. The held-out ones
# are measured and never tuned on; benchmarks/language/README.md says which they are.
FROZEN = {
    "heldout.txt": "82a06553829023d922acf758782c68f9baaa7daabf563c0d91e9b86f9c5af7ff",
    "fresh.txt": "4611b22692c8cd6ac37878478289c7900d189f62a4b1b9e124f3ce7a0e943b51",
    "third.txt": "b39064cb2d69052a57e5f8fde2087698b9bbcda6d3da0519c0410ab8b7070284",
    "fourth.txt": "9cdea8f060bb08cff8ad0bccfb113ac189717a7bef9908daa6ddf21cd0f182fc",
    "fifth.txt": "8eb99edb619925f3315662972e97794199e9dd2d605349403ee25bd5ace42a07",
    # labels of stories written outside the project (the text stays in the shared data)
    "outside-ghost.txt": "ce735154a255943460a04d0778b85081a688adec0dbb905f7c55518f1d740c85",
}


@pytest.mark.parametrize("name", FROZEN)
def test_the_heldout_files_are_unchanged(name):
    digest = hashlib.sha256((LANGUAGE / name).read_bytes()).hexdigest()
    assert digest == FROZEN[name], (
        f"benchmarks/language/{name} changed. Its labels are the ones it was measured with. "
        "Add sentences to tuning.txt, or start a new held-out file with a new digest and "
        "say so in benchmarks/language/README.md."
    )


@pytest.mark.parametrize(
    ("name", "at_least"),
    [
        ("tuning.txt", 500),
        ("heldout.txt", 500),
        ("fresh.txt", 300),
        ("third.txt", 200),
        ("fourth.txt", 150),
        ("fifth.txt", 90),
    ],
)
def test_every_line_is_labelled_in_the_set_format(name, at_least):
    sentences = 0
    for line in (LANGUAGE / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        tags, separator, text = line.partition(" | ")
        assert separator and text.strip(), line
        assert set(tags.split("@")[0]) <= set("ASODNR-"), line
        sentences += 1
    assert sentences >= at_least
