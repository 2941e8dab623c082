from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[4] / "shared" / "reference" / "reference-article.txt"


@pytest.fixture
def reference_text():
    if not REFERENCE.exists():
        pytest.skip("the reference page is not beside this checkout (shared/reference/)")
    return REFERENCE.read_text(encoding="utf-8")
