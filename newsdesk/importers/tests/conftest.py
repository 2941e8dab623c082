from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"


def _shared(folder, name):
    path = DATA / folder / name
    if not path.exists():
        pytest.skip(f"the exports are not beside this checkout (shared/data/{folder}/{name})")
    return path


@pytest.fixture
def wordpress_export():
    """A WordPress export made by WordPress itself, from the shared test data."""
    return lambda name: _shared("wordpress", name)


@pytest.fixture
def ghost_export():
    """A Ghost export made by Ghost itself, from the shared test data."""
    return lambda name: _shared("ghost", name)


def _runner(source):
    def run_import(path, *options):
        out = StringIO()
        call_command("import", source, str(path), *options, stdout=out)
        return out.getvalue()

    return run_import


@pytest.fixture
def run_import(home):
    """Run ``newsdesk import wordpress`` and return what it printed."""
    return _runner("wordpress")


@pytest.fixture
def run_ghost_import(home):
    """Run ``newsdesk import ghost`` and return what it printed."""
    return _runner("ghost")


ITEM = """
<item>
  <title>{title}</title>
  <link>https://old.example.org/{year}/05/{slug}/</link>
  <dc:creator><![CDATA[{author}]]></dc:creator>
  <content:encoded><![CDATA[{content}]]></content:encoded>
  <excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
  <wp:post_id>{id}</wp:post_id>
  <wp:post_date>{year}-05-04 09:30:00</wp:post_date>
  <wp:post_date_gmt>{year}-05-04 08:30:00</wp:post_date_gmt>
  <wp:comment_status>open</wp:comment_status>
  <wp:post_name>{slug}</wp:post_name>
  <wp:status>{status}</wp:status>
  <wp:post_parent>0</wp:post_parent>
  <wp:post_type>{type}</wp:post_type>
  <wp:post_password>{password}</wp:post_password>
  <category domain="category" nicename="city"><![CDATA[City]]></category>
  <category domain="post_tag" nicename="harbour"><![CDATA[Harbour]]></category>
  {extra}
</item>"""

EXPORT = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
  <title>The Old Harbour Post</title>
  <link>https://old.example.org</link>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>https://old.example.org</wp:base_site_url>
  <wp:base_blog_url>https://old.example.org</wp:base_blog_url>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[rosa]]></wp:author_login>
    <wp:author_email><![CDATA[rosa@old.example.org]]></wp:author_email>
    <wp:author_display_name><![CDATA[Rosa Lind]]></wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[city]]></wp:category_nicename>
    <wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[City]]></wp:cat_name></wp:category>
  <wp:tag><wp:term_id>4</wp:term_id><wp:tag_slug><![CDATA[harbour]]></wp:tag_slug><wp:tag_name><![CDATA[Harbour]]></wp:tag_name></wp:tag>
  {items}
</channel>
</rss>"""

PHOTO = """
<item>
  <title>Harbour crane</title>
  <wp:post_id>90</wp:post_id>
  <wp:post_date>2024-05-01 10:00:00</wp:post_date>
  <wp:post_date_gmt>2024-05-01 09:00:00</wp:post_date_gmt>
  <wp:status>inherit</wp:status>
  <wp:post_parent>10</wp:post_parent>
  <wp:post_type>attachment</wp:post_type>
  <excerpt:encoded><![CDATA[The new crane at dawn.]]></excerpt:encoded>
  <wp:attachment_url><![CDATA[https://old.example.org/wp-content/uploads/2024/05/crane.jpg]]></wp:attachment_url>
  <wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key>
    <wp:meta_value><![CDATA[2024/05/crane.jpg]]></wp:meta_value></wp:postmeta>
  <wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key>
    <wp:meta_value><![CDATA[A yellow crane over the quay]]></wp:meta_value></wp:postmeta>
  <wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_metadata]]></wp:meta_key>
    <wp:meta_value><![CDATA[a:1:{{s:10:"image_meta";a:2:{{s:6:"credit";s:9:"Jo Harbor";
      s:9:"copyright";s:13:"© Jo Harbor";}}}}]]></wp:meta_value></wp:postmeta>
</item>"""


def item(**fields):
    values = {
        "title": "Ferry returns",
        "slug": "ferry-returns",
        "author": "rosa",
        "content": "The ferry is back.\n\nCrossings resume on Monday.",
        "excerpt": "",
        "id": "10",
        "year": "2024",
        "status": "publish",
        "type": "post",
        "password": "",
        "extra": "",
    }
    values.update(fields)
    return ITEM.format(**values)


def export(*items, version="1.2"):
    return EXPORT.format(version=version, items="".join(items or [item()]))


@pytest.fixture
def small_export(tmp_path):
    """Write an export of our own (``items`` made with :func:`item`) and return its path."""

    def small_export(*items, version="1.2", name="export.xml"):
        path = tmp_path / name
        path.write_text(export(*items, version=version), encoding="utf-8")
        return path

    return small_export
