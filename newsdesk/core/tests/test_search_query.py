import pytest

from newsdesk.core.search_query import MAX_TERMS, clean_query, highlight


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("", ""),
        (None, ""),
        ("  harbour   ferry ", "harbour ferry"),
        ('he said "hello', "he said hello"),
        ("'; DROP TABLE articles; --", "DROP TABLE articles"),
        ("<script>alert(1)</script>", "script alert 1 script"),
        ("ferry AND harbour OR NOT near", "ferry harbour"),
        ("title:budget* (vote)^2", "title budget vote 2"),
        ("Modi's visit", "Modi visit"),
        ("workers’ rights", "workers rights"),
        ("Putin–Modi", "Putin Modi"),
        ("naïve café", "naïve café"),
        ('"""', ""),
    ],
)
def test_clean_query_keeps_only_plain_words(raw, cleaned):
    assert clean_query(raw) == cleaned


def test_clean_query_caps_terms_and_length():
    assert len(clean_query("word " * 5000).split()) == MAX_TERMS
    assert len(clean_query("x" * 10_000)) <= 40


def test_highlight_marks_matches_and_escapes_the_rest():
    text = "<p>The <b>ferry</b> returns to Harbour Point & the ferries run daily.</p>"

    snippet = highlight(text, "ferry")

    assert snippet == (
        "The <mark>ferry</mark> returns to Harbour Point &amp; the <mark>ferries</mark> run daily."
    )
    assert highlight(text, "ferries").count("<mark>") == 2


def test_highlight_centres_on_the_first_match_in_a_long_text():
    text = " ".join(f"w{n}" for n in range(200)) + " budget " + " ".join("z" * 3 for _ in range(50))

    snippet = highlight(text, "budget")

    assert snippet.startswith("… ")
    assert "<mark>budget</mark>" in snippet
    assert snippet.endswith(" …")


def test_highlight_never_lets_markup_through():
    snippet = highlight("<script>alert(1)</script> alert", "alert script")

    assert "<script>" not in snippet
    assert "<mark>alert</mark>" in snippet
