"""
Import a generated WordPress export of 10,000 posts into an empty newsroom (SQLite in
var/bench-import, made afresh each run) and report the time and the peak memory.

    .venv/bin/python benchmarks/wordpress_import.py [--posts N]

Each post has two categories and two tags out of 40, three block-editor or classic
paragraphs with a heading, a list and a quotation, and every fifth post two comments.

Everything the import does in its own process is timed (Wagtail's search and reference
index tasks run immediately, as in the demo). The related-story refresh it hands to the
task worker at the end is timed apart, on a sample of the imported stories.
"""

import argparse
import os
import platform
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench-import"

POST = """<item><title>Story {n}: council weighs harbour plan</title>
<link>https://old.example.org/2024/{month:02d}/story-{n}/</link>
<dc:creator><![CDATA[writer{author}]]></dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date>2024-{month:02d}-10 09:00:00</wp:post_date>
<wp:post_date_gmt>2024-{month:02d}-10 08:00:00</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status><wp:post_name>story-{n}</wp:post_name>
<wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent>
<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="desk-{c1}"><![CDATA[Desk {c1}]]></category>
<category domain="category" nicename="desk-{c2}"><![CDATA[Desk {c2}]]></category>
<category domain="post_tag" nicename="tag-{t1}"><![CDATA[Tag {t1}]]></category>
<category domain="post_tag" nicename="tag-{t2}"><![CDATA[Tag {t2}]]></category>
{comments}</item>
"""
BLOCKS = (
    "<!-- wp:paragraph --><p>The council met on <strong>Tuesday</strong> to weigh plan {n}."
    "</p><!-- /wp:paragraph --><!-- wp:heading --><h2>Background</h2><!-- /wp:heading -->"
    "<!-- wp:list --><ul><li>First point</li><li>Second point</li></ul><!-- /wp:list -->"
    '<!-- wp:quote --><blockquote class="wp-block-quote"><p>We will decide soon.</p>'
    "<cite>The mayor</cite></blockquote><!-- /wp:quote -->"
    "<!-- wp:paragraph --><p>Residents have until May to respond.</p><!-- /wp:paragraph -->"
)
CLASSIC = (
    "The council met on <strong>Tuesday</strong> to weigh plan {n}.\n\n<h2>Background</h2>\n\n"
    "<ul><li>First point</li><li>Second point</li></ul>\n\n"
    "<blockquote>We will decide soon.</blockquote>\n\nResidents have until May to respond."
)
COMMENT = """<wp:comment><wp:comment_id>{id}</wp:comment_id>
<wp:comment_author><![CDATA[Reader {id}]]></wp:comment_author>
<wp:comment_author_email>reader{id}@example.org</wp:comment_author_email>
<wp:comment_date_gmt>2024-05-11 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[A reader's view, number {id}.]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>{parent}</wp:comment_parent>
</wp:comment>"""
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Generated</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example.org</wp:base_site_url>
"""


def generate(path, posts):
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for a in range(20):
            out.write(
                f"<wp:author><wp:author_login>writer{a}</wp:author_login>"
                f"<wp:author_display_name>Writer {a}</wp:author_display_name></wp:author>\n"
            )
        for n in range(1, posts + 1):
            comments = ""
            if n % 5 == 0:
                comments = COMMENT.format(id=n * 10, parent=0) + COMMENT.format(
                    id=n * 10 + 1, parent=n * 10
                )
            body = (BLOCKS if n % 2 else CLASSIC).format(n=n)
            out.write(
                POST.format(
                    n=n,
                    month=n % 12 + 1,
                    author=n % 20,
                    body=body,
                    comments=comments,
                    c1=n % 8,
                    c2=(n + 3) % 8,
                    t1=n % 40,
                    t2=(n + 7) % 40,
                )  # fmt: skip
            )
        out.write("</channel></rss>\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    args = parser.parse_args()
    shutil.rmtree(DATA, ignore_errors=True)
    DATA.mkdir(parents=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings.dev"
    os.environ["NEWSDESK_DATA_DIR"] = str(DATA)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page

    from newsdesk.home.models import HomePage

    call_command("migrate", verbosity=0)
    root = Page.get_first_root_node()
    if not HomePage.objects.exists():
        from wagtail.models import Site

        for page in root.get_children():
            page.delete()
        home = root.add_child(instance=HomePage(title="Imported", slug="home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    export = DATA / "export.xml"
    generate(export, args.posts)
    size = export.stat().st_size / 1e6
    from newsdesk.articles import related

    handed_over = []

    class Worker:
        """Stands in for the task worker: keeps what the import hands it."""

        def enqueue(self, ids):
            handed_over.extend(ids)

        call = related.refresh_many.call

    related.refresh_many = Worker()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("import", "wordpress", str(export), stdout=quiet)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sample = handed_over[:: max(1, len(handed_over) // 50)][:50]
    refresh_started = time.perf_counter()
    related.refresh_many.call(sample)
    per_story = (time.perf_counter() - refresh_started) / max(1, len(sample))
    from newsdesk.articles.models import ArticlePage
    from newsdesk.comments.models import Comment

    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, Django {django.get_version()}, SQLite"
    )
    print(f"export: {args.posts:,} posts, {size:.1f} MB")
    print(
        f"imported {ArticlePage.objects.count():,} stories and {Comment.objects.count():,} "
        f"comments in {elapsed:.0f} s ({args.posts / elapsed:.1f} posts/s)"
    )
    print(f"peak memory: {peak / 1024:.0f} MB (before the import: {before / 1024:.0f} MB)")
    print(
        f"related stories, handed to the task worker for {len(handed_over):,} stories: "
        f"{per_story * 1000:.0f} ms a story on a sample of {len(sample)} "
        f"(about {per_story * len(handed_over) / 60:.0f} min of worker time)"
    )


if __name__ == "__main__":
    main()
