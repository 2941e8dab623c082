"""`newsdesk check` on text files, saved pages and stories; Django's own check untouched."""

import json
import re

import pytest
from django.core.management import CommandError, call_command

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.images.factories import NewsImageFactory

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("check", *args, stdout=out)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue()


def test_the_reference_text_file(tmp_path, reference_text):
    path = tmp_path / "reference-article.txt"
    path.write_text(reference_text, encoding="utf-8")

    code, out = run(str(path), "--published", "2025-12-01")

    assert code == 1
    assert "completeness.headline (error, 1)" in out
    assert "completeness.author (error, 1)" in out
    assert "2 error(s)," in out
    # Names with no topic page are offered, and counted apart from the warnings.
    assert "names.new_topic (suggestion," in out
    assert re.search(r"2 error\(s\), \d+ warning\(s\), \d+ suggestion\(s\)", out)


def test_a_headline_given_for_a_text_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Introduction\nThe council met on Monday. It voted.\n", encoding="utf-8")

    code, out = run(str(path), "--headline", "Council votes", "--json")

    (result,) = json.loads(out)
    assert [f["id"] for f in result["findings"]] == [
        "completeness.author",
        "completeness.standfirst",
        "dates.relative",
    ]
    assert code == 1


def test_a_saved_html_page(tmp_path):
    path = tmp_path / "saved.html"
    path.write_text(
        """<html><head><title>Site</title><meta name="description" content="Summary.">
        <script>var x = "<h1>not this</h1>";</script></head><body>
        <article><h1>Council votes</h1><a rel="author" href="/a/">Meera Raghavan</a>
        <h2>Introduction</h2><p>The council met. <b>It voted</b> TK.</p>
        <h4>Detail</h4><p>Read more: Another story</p></article></body></html>""",
        encoding="utf-8",
    )

    code, out = run(str(path), "--json")

    findings = json.loads(out)[0]["findings"]
    assert [f["id"] for f in findings] == [
        "completeness.heading_order",
        "completeness.placeholder",
        "related.unrelated_link",
    ]
    assert findings[1]["sentence"] == "It voted TK."
    assert code == 0


def test_a_story_by_slug_path_and_id(section):
    page = ArticlePageFactory(
        parent=section,
        slug="harbour",
        lead_image=NewsImageFactory(file__width=1600, file__height=900),
    )

    for target in ("harbour", "/world/harbour/", "http://testserver/world/harbour/", str(page.pk)):
        code, out = run(target)
        assert code == 0, target
        assert "No problems found." in out


def test_a_story_with_errors_fails(section):
    ArticlePageFactory(parent=section, slug="unsigned", authors=[])

    code, out = run("unsigned")

    assert code == 1
    assert "The story has no author." in out


def test_an_unknown_target_is_explained(home):
    with pytest.raises(CommandError, match="is not a file, nor a page or story on this site"):
        call_command("check", "no-such-story")


def test_an_unreadable_file_gives_findings_not_a_crash(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 40)

    code, _out = run(str(path), "--json")

    assert code == 1  # no headline, no author


def test_without_a_target_it_is_djangos_system_check():
    code, out = run()
    assert code == 0
    assert "System check identified no issues" in out
    assert run("articles")[0] == 0


def test_a_target_that_is_both_an_app_label_and_a_story_is_refused_until_said(section):
    ArticlePageFactory(
        parent=section, slug="live", lead_image=NewsImageFactory(file__width=1600, file__height=900)
    )

    with pytest.raises(CommandError, match="is both an app label and a story or file"):
        call_command("check", "live")
    code, out = run("--desk", "live")
    assert code == 0 and "No problems found." in out
    code, out = run("--system", "live")
    assert code == 0 and "System check identified no issues" in out
