"""WordPress's own test exports, brought in whole: counts checked against the files."""

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from lxml import etree
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.comments.models import Comment, CommentState
from newsdesk.home.models import StandardPage
from newsdesk.importers import wordpress_content
from newsdesk.importers.models import ImportRecord
from newsdesk.people.models import Author
from newsdesk.topics.models import Topic

pytestmark = pytest.mark.django_db


def _expected(path):
    """What the import should make of the file, worked out from the file on its own."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False)).getroot()
    channel = root.find("channel")
    WP = "{" + root.nsmap["wp"] + "}"  # http: or https:, as WordPress versions wrote it

    def text(element, name):
        return (element.findtext(WP + name) or "").strip()

    items = channel.findall("item")
    kinds = Counter()
    posts, comments, links = set(), 0, {}
    terms = {(text(t, "tag_slug"), text(t, "tag_name")) for t in channel.findall(WP + "tag")}
    for element in items:
        kind, status = text(element, "post_type"), text(element, "status")
        if kind not in ("post", "page") or status in ("trash", "auto-draft", "inherit"):
            continue
        kinds[kind] += 1
        link = urlsplit(element.findtext("link") or "")
        if link.path not in ("", "/") and not link.query:
            links[text(element, "post_id")] = link.path
        if kind == "post":
            posts.add(text(element, "post_id"))
            categories = element.findall("category[@domain='category']")
            tags = element.findall("category[@domain='post_tag']")
            terms |= {(c.get("nicename"), c.text) for c in categories[1:] + tags}
            comments += sum(
                1
                for c in element.findall(WP + "comment")
                if text(c, "comment_type") not in ("pingback", "trackback")
            )
    authors = len(channel.findall(WP + "author"))
    return {
        "articles": kinds["post"],
        "pages": kinds["page"],
        "authors": authors,
        "terms": terms,
        "comments": comments,
        "redirects": links,
    }


def _distinct_topics(terms):
    """
    Terms sharing a slug or a name are one topic: newsdesk's topics have unique names and
    slugs, and WordPress allows "Tags" and "tags" with one slug, or one name with two.
    """
    groups = []
    for slug, name in terms:
        joined = [g for g in groups if slug in g or name in g]
        merged = {slug, name}.union(*joined)
        groups = [g for g in groups if g not in joined] + [merged]
    return len(groups)


def test_the_theme_test_data_comes_in_whole(wordpress_export, run_import, client):
    path = wordpress_export("themeunittestdata.wordpress.xml")
    expected = _expected(path)
    output = run_import(path)
    assert ArticlePage.objects.count() == expected["articles"] == 58
    assert StandardPage.objects.count() == expected["pages"]
    assert Author.objects.count() == expected["authors"]
    # Every tag and secondary category is a topic, found by its slug or its name; terms
    # are merged only where they share one (topics' names and slugs are unique).
    terms = expected["terms"]
    assert _distinct_topics(terms) <= Topic.objects.count() <= len({name for _s, name in terms})
    slugs = set(Topic.objects.values_list("slug", flat=True))
    names = set(Topic.objects.values_list("name", flat=True))
    assert all(slug in slugs or name in names for slug, name in terms)
    assert Comment.objects.count() == expected["comments"]
    # Every old permalink redirects, except where the new address is the same.
    moved = {}
    for source_id, old_path in expected["redirects"].items():
        page = ImportRecord.objects.get(source_id=source_id, kind__in=["post", "page"]).target
        if Redirect.normalise_path(old_path) != Redirect.normalise_path(page.url):
            moved[Redirect.normalise_path(old_path)] = page.pk
    archives = ("/category/", "/tag/", "/author/", "/feed")
    redirects = {
        old_path: page_id
        for old_path, page_id in Redirect.objects.values_list("old_path", "redirect_page_id")
        if not old_path.startswith(archives)
    }
    assert redirects == moved
    assert len(moved) > 50
    assert "could not be imported" not in output

    # The scheduled post waits for its time; the draft stays a draft.
    scheduled = ArticlePage.objects.get(title="Scheduled")
    assert not scheduled.live and scheduled.go_live_at.year == 2030
    assert scheduled.get_latest_revision().approved_go_live_at.year == 2030
    assert not ArticlePage.objects.get(title="Draft").live
    # The password-protected post is kept from readers and named in the report.
    protected = ArticlePage.objects.get(slug="template-password-protected")
    assert not protected.live
    assert "Password-protected" in output
    # A post with no title gets one that says so, and is listed for editors.
    untitled = ArticlePage.objects.get(slug="edge-case-no-title")
    assert untitled.title.startswith("Untitled post") and untitled.live
    assert "Posts without a title" in output

    # Nested comments: replies to replies join the first comment's thread.
    threaded = ArticlePage.objects.get(slug="template-comments")
    deep = [c for c in Comment.objects.filter(article=threaded) if c.reply_to_id]
    assert deep, "the export's comment test post has nested replies"
    for reply in deep:
        assert reply.thread.thread_id is None
        assert reply.thread.article_id == threaded.pk
    assert any(reply.reply_to_id != reply.thread_id for reply in deep)
    assert set(Comment.objects.values_list("state", flat=True)) <= set(CommentState.values)
    # Comments on pages are kept in their import records (newsdesk has them on stories).
    on_pages = ImportRecord.objects.filter(kind="comment", object_id="")
    assert on_pages.count() == 5
    assert all(record.data["content"] for record in on_pages)

    # Old links: the permalink and ?p= both reach the new page.
    story = ArticlePage.objects.get(slug="markup-html-tags-and-formatting")
    record = ImportRecord.objects.get(kind="post", object_id=str(story.pk))
    old = urlsplit(record.data["link"]).path
    response = client.get(old)
    assert response.status_code == 301 and response["Location"].endswith(story.url)
    response = client.get(f"/?p={record.source_id}")
    assert response.status_code == 301 and response["Location"] == story.url
    assert client.get("/?p=999999").status_code == 200  # unknown ids are the home page's
    page = StandardPage.objects.filter(live=True).first()
    page_record = ImportRecord.objects.get(kind="page", object_id=str(page.pk))
    assert client.get(f"/?page_id={page_record.source_id}")["Location"] == page.url
    assert client.get(story.url).status_code == 200
    embeds = [b for s in ArticlePage.objects.all() for b in s.body if b.block_type == "embed"]
    # Every imported page renders for readers.
    for page in Page.objects.live().type(ArticlePage, StandardPage).specific():
        assert client.get(page.url).status_code == 200, page.url
    urls = {block.value["embed"].url for block in embeds}
    assert "https://youtu.be/ex8fMxXJDJw" in urls  # a core-embed/youtube block


def test_every_block_in_the_block_test_data_has_a_mapping(wordpress_export, run_import, client):
    path = wordpress_export("64-block-test-data.xml")
    names = set(re.findall(r"<!-- wp:([a-z0-9/-]+)", path.read_text(encoding="utf-8")))
    names = {name.removeprefix("core/") for name in names}
    assert len(names) == 77
    assert names <= set(wordpress_content.BLOCKS), names - set(wordpress_content.BLOCKS)

    output = run_import(path)
    assert "could not be imported" not in output
    for story in ArticlePage.objects.live():
        assert client.get(story.url).status_code == 200, story.url
    # Theme and dynamic blocks are dropped and named.
    for dropped in ("query", "navigation", "search", "comments", "latest-posts"):
        assert re.search(rf"^  {dropped} ×\d+$", output, re.M), dropped
    types = Counter(block.block_type for story in ArticlePage.objects.all() for block in story.body)
    for kind in ("heading", "paragraph", "quote", "pull_quote", "table", "code",
                 "separator", "html"):  # fmt: skip
        assert types[kind], kind

    def blocks(title, kind):
        story = ArticlePage.objects.get(title=title)
        found = [block.value for block in story.body if block.block_type == kind]
        assert found, (title, [block.block_type for block in story.body])
        return found

    table = blocks("Table", "table")[0]["table"]
    assert table.columns and table.row_data
    assert blocks("Code", "code")[0]["code"].strip()
    assert blocks("Preformatted", "code")[0]["code"].strip()
    assert blocks("Pullquote", "pull_quote")[0]["quote"]
    assert str(blocks("Quote", "quote")[0]["quote"])
    assert blocks("Separator", "separator")
    assert "<script" not in str(blocks("Custom HTML", "html")[0])
    # The test data's buttons link to "#": their words are kept, the empty links not.
    buttons = " ".join(str(value) for value in blocks("Buttons", "paragraph"))
    assert "Fill, linked · Outline, linked" in buttons
    # Pictures whose file was not given keep their address and caption for editors.
    kept = " ".join(str(value) for value in blocks("Image", "html"))
    assert "Picture not yet imported" in kept and "https://" in kept
