"""Saved pages: the reference page as text, and pages of our own in three sites' styles."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from newsdesk.articles.factories import ArticlePageFactory
from newsdesk.articles.models import ArticlePage
from newsdesk.importers.models import ImportRecord
from newsdesk.importers.page import read_credit

pytestmark = pytest.mark.django_db

HEADLINE = "Putin to visit India on December 4 for talks with Modi"
SECTIONS = ["Introduction", "Main Details", "Background", "Latest Updates", "Conclusion"]

# Written for these tests: a post as a WordPress theme saves it.
WORDPRESS_STYLE = """<!DOCTYPE html><html lang="en"><head>
<title>Quay cafe reopens | Harbour Post</title>
<meta property="og:title" content="Quay cafe reopens after the spring floods">
<meta property="og:description" content="The Anchor cafe serves again from Saturday.">
<meta property="og:url" content="https://harbourpost.example/2025/04/quay-cafe-reopens/">
<meta property="article:published_time" content="2025-04-12T08:15:00+00:00">
<script>window.tracker = 1;</script></head>
<body class="post-template-default"><header id="masthead"><nav><a href="/">Home</a></nav></header>
<div id="cookie-notice">We use cookies. <button>Accept</button></div>
<main><article class="post type-post"><header class="entry-header">
<h1 class="entry-title">Quay cafe reopens after the spring floods</h1>
<div class="entry-meta">By <a rel="author" href="/author/ines/">Ines Calder</a>
<time datetime="2025-04-12T08:15:00+00:00">12 April 2025</time></div></header>
<div class="entry-content"><p>The Anchor cafe on the quay opens again on Saturday, six weeks
after the river came through its doors.</p><h2>Repairs</h2>
<p>Owners replaced the floor and raised the sockets.</p>
<figure class="wp-block-image"><img src="https://harbourpost.example/wp-content/uploads/cafe.jpg"
alt="The cafe counter"><figcaption>The new counter.</figcaption></figure>
<p>Also Read: Harbour wall repairs finished early</p>
<div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3><a href="#">Facebook</a></div>
</div></article>
<div id="comments" class="comments-area"><h2>2 Comments</h2><p>Great news!</p></div></main>
<footer>© Harbour Post</footer></body></html>"""

# Written for these tests: a Ghost theme's page, with JSON-LD.
GHOST_STYLE = """<!DOCTYPE html><html><head><title>Tram depot plans</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article",
"headline": "Tram depot could become a maintenance hall", "author": {"@type": "Person",
"name": "Marta Lindqvist"}, "datePublished": "2025-11-24T17:42:00.000Z",
"description": "The council backs a plan for the old depot.",
"url": "https://riverside.example/tram-depot-plans/"}</script></head>
<body><div class="site-wrapper"><main class="site-main"><article class="article post">
<header class="article-header gh-canvas"><h1 class="article-title">Tram depot could become a
maintenance hall</h1></header><section class="gh-content gh-canvas">
<p>The depot has stood empty since 1961.</p><blockquote>We can bring it back.</blockquote>
<p>Work could start in 2027.</p>
<figure class="kg-card kg-embed-card"><iframe src="https://player.vimeo.com/video/905123456">
</iframe><figcaption>The depot today.</figcaption></figure>
<section class="gh-newsletter"><h3>Sign up for the Courier</h3><form><input></form></section>
</section></article></main></div></body></html>"""

# Written for these tests: a cluttered portal, ads and widgets around a short article.
PORTAL_STYLE = """<html><head><title>City News Now</title>
<meta name="description" content="Buses on route 7 change times in January.">
<meta name="author" content="Sam Okafor"></head><body>
<div class="top-ad ad-slot">ADVERTISEMENT</div><div class="breadcrumb">Home › City</div>
<div class="layout sidebar-left"><div class="sidebar"><p>Trending now</p><p>Most read</p></div>
<div class="content"><h1>Route 7 buses change times in January</h1>
<div class="social-share">Share on X · Share on WhatsApp</div>
<div itemprop="articleBody"><p>Buses on route 7 will run every twelve minutes from 4 January.</p>
<div class="inline-ad">Sponsored: cheap flights</div>
<p>Read more: Council backs new tram plan</p>
<table><thead><tr><th>Stop</th><th>First bus</th></tr></thead>
<tbody><tr><td>Quay</td><td>06:10</td></tr></tbody></table>
<p>The council says the change follows a survey of riders.</p></div>
<div class="newsletter-box">Get the morning briefing</div>
<div class="related-posts"><p>You may also like</p></div></div></div></body></html>"""


@pytest.fixture
def run_page_import(home):
    from .conftest import _runner

    return _runner("page")


def _saved(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_the_reference_page_comes_in_with_its_sections_credit_and_no_chrome(
    reference_text, tmp_path, run_page_import, section
):
    other = ArticlePageFactory(
        parent=section, title="Stranger Things 5: Fans Lose It After Volume 1 Drops"
    )
    other.save_revision().publish()
    path = _saved(tmp_path, "reference-article.txt", reference_text)
    output = run_page_import(path, "--headline", HEADLINE)
    story = ArticlePage.objects.get(title=HEADLINE)
    assert story.live
    headings = [str(b.value) for b in story.body if b.block_type == "heading"]
    assert headings == SECTIONS
    also_read = [b.value["article"] for b in story.body if b.block_type == "also_read"]
    assert [page.pk for page in also_read] == [other.pk]
    record = ImportRecord.objects.get(kind="story", object_id=str(story.pk))
    [credit] = record.data["credits"]
    assert credit["licence"] == "cc-by-4.0"  # CC BY 4.0
    assert (credit["creator"], credit["source"]) == ("kremlin.ru", "Wikimedia Commons")
    text = " ".join(str(b.value) for b in story.body)
    assert "0 Comments" not in text and "Photo Credits" not in text
    assert "0 Comments" in output  # named in the report as dropped
    # The standfirst comes from the first paragraph; the headline only from --headline.
    assert story.standfirst.startswith("Russian President Vladimir Putin will arrive")


def test_without_a_headline_the_reference_page_is_refused_not_guessed(
    reference_text, tmp_path, home
):
    out = StringIO()
    path = _saved(tmp_path, "reference-article.txt", reference_text)
    # Nothing came in: the command fails, so a script running it sees that.
    with pytest.raises(CommandError, match="Nothing was imported: every item was refused"):
        call_command("import", "page", str(path), stdout=out)
    assert not ArticlePage.objects.exists()
    assert "it has no headline of its own: give one with --headline" in out.getvalue()


def test_an_also_read_naming_no_story_here_is_reported(reference_text, tmp_path, run_page_import):
    output = run_page_import(
        _saved(tmp_path, "reference.txt", reference_text), "--headline", HEADLINE
    )
    story = ArticlePage.objects.get(title=HEADLINE)
    assert not [b for b in story.body if b.block_type == "also_read"]
    assert "Stranger Things 5: Fans Lose It After Volume 1 Drops" in output


@pytest.mark.database
def test_a_wordpress_style_page(tmp_path, run_page_import, client):
    output = run_page_import(_saved(tmp_path, "cafe.html", WORDPRESS_STYLE))
    story = ArticlePage.objects.get()
    assert story.title == "Quay cafe reopens after the spring floods"
    assert story.standfirst == "The Anchor cafe serves again from Saturday."
    assert [a.name for a in story.authors] == ["Ines Calder"]
    assert story.first_published_at.isoformat() == "2025-04-12T08:15:00+00:00"
    types = [b.block_type for b in story.body]
    assert types == ["paragraph", "heading", "paragraph", "html"]  # the picture is not here
    for chrome in ("a cookie notice", "share buttons", "the comments"):
        assert output.count(f": {chrome}\n") == 1, chrome  # named once, however nested
    text = " ".join(str(b.value) for b in story.body)
    assert "Share this" not in text and "Great news" not in text and "cookies" not in text
    assert "Harbour wall repairs finished early" in output  # Also Read, no such story
    redirect = Redirect.objects.get()
    assert (
        redirect.old_path == "/2025/04/quay-cafe-reopens" and redirect.redirect_page_id == story.pk
    )
    assert client.get(story.url).status_code == 200


def test_a_ghost_style_page_reads_its_json_ld(tmp_path, run_page_import):
    output = run_page_import(_saved(tmp_path, "tram.html", GHOST_STYLE))
    story = ArticlePage.objects.get()
    assert story.title == "Tram depot could become a maintenance hall"
    assert [a.name for a in story.authors] == ["Marta Lindqvist"]
    assert story.standfirst == "The council backs a plan for the old depot."
    assert [b.block_type for b in story.body] == ["paragraph", "quote", "paragraph", "embed"]
    assert story.body[3].value["embed"].url == "https://player.vimeo.com/video/905123456"
    assert "a newsletter box" in output


def test_a_cluttered_portal_page_keeps_only_the_article(tmp_path, run_page_import):
    output = run_page_import(_saved(tmp_path, "route7.html", PORTAL_STYLE))
    story = ArticlePage.objects.get()
    assert story.title == "Route 7 buses change times in January"
    assert [a.name for a in story.authors] == ["Sam Okafor"]
    assert [b.block_type for b in story.body] == ["paragraph", "table", "paragraph"]
    text = " ".join(str(b.value) for b in story.body)
    for chrome in ("ADVERTISEMENT", "Sponsored", "Trending", "Share on", "briefing", "also like"):
        assert chrome not in text, chrome
    for what in ("an advertisement", "share buttons", "a newsletter box", "a sidebar"):
        assert what in output, what
    assert "Council backs new tram plan" in output


def test_a_folder_of_pages_and_running_again(tmp_path, run_page_import):
    folder = tmp_path / "archive"
    folder.mkdir()
    _saved(folder, "cafe.html", WORDPRESS_STYLE)
    _saved(folder, "tram.html", GHOST_STYLE)
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (folder / "notes.txt").write_bytes(b"\x00\x01binary")
    output = run_page_import(folder)
    assert ArticlePage.objects.count() == 2
    assert "notes.txt: " in output and "binary" in output
    pages = Page.objects.count()
    output = run_page_import(folder)
    assert Page.objects.count() == pages
    assert "unchanged story: 2" in output


def test_a_story_is_named_after_its_headline_not_its_file(
    tmp_path, run_page_import, reference_text
):
    path = _saved(tmp_path, "Putin Visit (Final).TXT", reference_text)
    run_page_import(path, "--headline", HEADLINE)
    assert (
        ArticlePage.objects.get().slug == "putin-to-visit-india-on-december-4-for-talks-with-modi"
    )


def test_a_dry_run_writes_nothing(tmp_path, run_page_import):
    before = Page.objects.count()
    output = run_page_import(_saved(tmp_path, "cafe.html", WORDPRESS_STYLE), "--dry-run")
    assert Page.objects.count() == before and not ImportRecord.objects.exists()
    assert "created story: 1" in output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "is a binary file"),
        (
            "empty.html",
            b"<html><body><nav>Home</nav><div class='ad'>Buy</div></body></html>",
            "has no article in it",
        ),
        ("blank.txt", b"   \n\n", "has no article in it"),
        ("latin.txt", b"\xff\xfe\xfa\x81\x8d\x8f\x90", "is not text"),
    ],
)
def test_bad_files_get_a_clear_message_and_change_nothing(
    tmp_path, run_page_import, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    before = Page.objects.count()
    with pytest.raises(CommandError, match=re.escape(message)):
        run_page_import(path, "--headline", "A headline")
    assert Page.objects.count() == before


def test_a_missing_path_or_an_empty_folder_is_named(tmp_path, run_page_import):
    with pytest.raises(CommandError, match="does not exist"):
        run_page_import(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match="holds no saved pages"):
        run_page_import(tmp_path / "empty")


def test_credit_lines_are_read():
    credit = read_credit("Photo: Jo Harbor, CC BY-SA 4.0", "Jo Harbor, CC BY-SA 4.0")
    assert (credit["creator"], credit["licence"]) == ("Jo Harbor", "cc-by-sa-4.0")


@pytest.mark.parametrize(
    ("line", "creator", "source", "licence", "notice"),
    [
        ("Photo: Lee Marsh / Coast Daily", "Lee Marsh", "Coast Daily", "", ""),
        (
            "Image: Northwire via Wikimedia Commons, CC BY-SA 4.0",
            "Northwire",
            "Wikimedia Commons",
            "cc-by-sa-4.0",
            "",
        ),
        ("© Dana Reyes, all rights reserved", "Dana Reyes", "", "staff", "© Dana Reyes"),
        (
            "Photo Credits: kremlin.ru, CC BY 4.0, via Wikimedia Commons",
            "kremlin.ru",
            "Wikimedia Commons",
            "cc-by-4.0",
            "",
        ),
        # Near misses: a caption that mentions a photo, a plain name.
        ("Photographers gathered at the pier", "Photographers gathered at the pier", "", "", ""),
    ],
)
def test_credit_forms_give_creator_source_licence_and_notice(
    line, creator, source, licence, notice
):
    credit = read_credit(line)
    assert (credit["creator"], credit["source"], credit["licence"], credit["copyright"]) == (
        creator,
        source,
        licence,
        notice,
    )


@pytest.mark.parametrize(
    ("caption", "rest", "credit"),
    [
        (
            "The ferry at the pier. Photo: Lee Marsh / Coast Daily",
            "The ferry at the pier.",
            "Photo: Lee Marsh / Coast Daily",
        ),
        (
            "Flood water (Image: Northwire via Wikimedia Commons, CC BY-SA 4.0)",
            "Flood water",
            "Image: Northwire via Wikimedia Commons, CC BY-SA 4.0",
        ),
        (
            "The mayor speaks. © Dana Reyes, all rights reserved",
            "The mayor speaks.",
            "© Dana Reyes, all rights reserved",
        ),
        ("A photo of the harbour at night.", "A photo of the harbour at night.", ""),
        ("Pictures: what the storm left", "Pictures: what the storm left", ""),
    ],
)
def test_a_credit_closing_a_caption_is_split_from_it(caption, rest, credit):
    from newsdesk.importers.html import split_credit

    assert split_credit(caption) == (rest, credit)


def test_a_figure_caption_credit_is_read_into_the_import_record(tmp_path, run_page_import):
    page = WORDPRESS_STYLE.replace(
        "<figcaption>The new counter.</figcaption>",
        "<figcaption>The new counter. Photo: Lee Marsh / Harbour Post</figcaption>",
    )
    output = run_page_import(_saved(tmp_path, "cafe.html", page))
    record = ImportRecord.objects.get(kind="story")
    (credit,) = record.data["credits"]
    assert (credit["creator"], credit["source"]) == ("Lee Marsh", "Harbour Post")
    assert "Photo: Lee Marsh / Harbour Post" in output
    story = ArticlePage.objects.get()
    placeholder = next(b for b in story.body if b.block_type == "html")
    assert "The new counter." in str(placeholder.value)
    assert "Credit: Photo: Lee Marsh / Harbour Post" in str(placeholder.value)


# Written for these tests: a Ghost theme's header above the content.
GHOST_HEADER = """<!DOCTYPE html><html><head><title>Night buses</title></head><body>
<main class="site-main"><article class="article post tag-transport">
<header class="article-header gh-canvas">
<section class="article-tag"><a href="/tag/transport/">Transport</a></section>
<h1 class="article-title">Night buses return to the east side</h1>
<p class="article-excerpt">Three routes run again from Friday after a year without service.</p>
<div class="article-byline"><div class="article-byline-content">
<h4 class="author-name"><a href="/author/ola/" rel="author">Ola Berg</a></h4>
<div class="byline-meta-content"><time class="byline-meta-date" datetime="2025-11-20">Nov 20,
2025</time><span class="byline-reading-time"><span class="bull">&bull;</span> 3 min read
</span></div>
</div></div></header>
<section class="gh-content gh-canvas">
<p>Three night routes return to the east side on Friday, a year after they were cut.</p>
<p>The council found the money in its winter budget, officials said on Thursday.</p>
</section></article></main></body></html>"""

# Written for these tests: a portal's article with a desk byline, a banner and a footer.
PORTAL_BYLINE = """<html><head><title>Dam opens | River Post</title></head><body>
<div class="top-ad">ADVERTISEMENT</div>
<article><p class="kicker">Rivers</p><h1>New dam opens on the upper river</h1>
<p class="byline">City Desk | Updated: 4 Dec 2025, 10:42 IST</p>
<p><strong>BREAKING</strong></p>
<p>The new dam on the upper river opened on Thursday after six years of work.</p>
<p><strong>What happens next</strong></p>
<p>Water will flow through the turbines from March, the river board said.</p>
<p>Tags: dams, rivers</p>
<p>© 2025 River Post. All rights reserved.</p></article></body></html>"""


def test_a_ghost_header_gives_topic_standfirst_author_and_date_not_body(tmp_path, run_page_import):
    run_page_import(_saved(tmp_path, "buses.html", GHOST_HEADER))
    story = ArticlePage.objects.get()
    assert story.title == "Night buses return to the east side"
    assert story.standfirst == "Three routes run again from Friday after a year without service."
    assert [a.name for a in story.authors] == ["Ola Berg"]
    assert [t.name for t in story.topics.all()] == ["Transport"]
    assert story.first_published_at.date().isoformat() == "2025-11-20"
    text = " ".join(str(b.value) for b in story.body)
    assert [b.block_type for b in story.body] == ["paragraph", "paragraph"]
    for header in ("min read", "Transport", "Ola Berg", "a year without service"):
        assert header not in text, header


def test_a_portal_byline_banner_and_footer(tmp_path, run_page_import):
    output = run_page_import(_saved(tmp_path, "dam.html", PORTAL_BYLINE))
    story = ArticlePage.objects.get()
    assert [a.name for a in story.authors] == ["City Desk"]  # not the date, not "10:42 IST"
    assert story.standfirst.startswith("The new dam on the upper river opened")
    assert [b.block_type for b in story.body] == ["paragraph", "heading", "paragraph"]
    assert story.body[1].value == "What happens next"
    text = " ".join(str(b.value) for b in story.body)
    for furniture in ("BREAKING", "Tags:", "River Post", "Rivers", "ADVERTISEMENT"):
        assert furniture not in text, furniture
    assert "BREAKING" in output and "Tags: dams, rivers" in output
    # The "Updated" line's date is read by htmldate.
    assert story.first_published_at.date().isoformat() == "2025-12-04"


def test_an_old_address_the_site_answers_itself_is_reported_not_redirected(
    tmp_path, run_page_import
):
    page = WORDPRESS_STYLE.replace(
        "https://harbourpost.example/2025/04/quay-cafe-reopens/",
        "https://harbourpost.example/search/",
    )
    output = run_page_import(_saved(tmp_path, "search.html", page))
    story = ArticlePage.objects.get()
    assert not Redirect.objects.filter(old_path="/search").exists()
    assert "Old addresses the site answers itself (not redirected)" in output
    assert f"/search is newsdesk's search; the content is now at {story.url}" in output
