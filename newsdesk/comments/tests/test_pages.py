import json

import pytest
from django.test import Client
from lxml import html as lxml_html

from newsdesk.comments.models import Comment, CommentState, Policy, StoryCommentPolicy

pytestmark = pytest.mark.django_db

# Script and event-handler payloads, as they arrive in the wild.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<math><mtext><img src=x onerror=alert(1)>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<isindex action=javascript:alert(1) type=image>",
    "<table background=javascript:alert(1)>",
    '<div style="width:expression(alert(1))">',
    '<img src="x" onerror="&#97;lert(1)">',
    "<img src=x oNeRrOr=alert`1`>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "javascript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "{{ 7*7 }} {% debug %}",
    "${alert(1)}",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<xss onpointerover=alert(1)>hover</xss>",
    "<keygen autofocus onfocus=alert(1)>",
    "<select onfocus=alert(1) autofocus>",
    "<textarea onfocus=alert(1) autofocus>",
    "<button onclick=alert(1)>b</button>",
    "<base href=javascript:alert(1)//>",
    "<frameset onload=alert(1)>",
    "<applet code=javascript:alert(1)>",
    "<bgsound src=javascript:alert(1)>",
    "<img dynsrc=javascript:alert(1)>",
    "<img lowsrc=javascript:alert(1)>",
    '<div onmouseover="alert(1)">x</div>',
    "\u003cscript\u003ealert(1)\u003c/script\u003e",
    "<sCrIpT>alert(String.fromCharCode(88,83,83))</sCrIpT>",
    '<img src=1 href=1 onerror="javascript:alert(1)"></img>',
    "<svg><script>alert(1)</script></svg>",
]


def _no_live_markup(tree):
    """Nothing the payloads try to smuggle in exists as markup in ``tree``."""
    assert not tree.xpath("//*[@onerror or @onload or @onfocus or @onclick or @onmouseover]")
    assert not tree.xpath("//*[@ontoggle or @onstart or @onpointerover]")
    assert not tree.xpath("//a[starts-with(normalize-space(@href), 'javascript:')]")
    assert not tree.xpath("//iframe|//object|//embed|//applet|//frameset|//marquee")
    for script in tree.xpath("//script"):
        assert "alert" not in (script.text or "")
        assert "evil" not in (script.get("src") or "")


def test_injection_payloads_are_stored_as_given_and_shown_escaped_everywhere(
    client, article, form_data, moderator
):
    StoryCommentPolicy.objects.create(article=article, policy=Policy.OPEN)
    assert len(PAYLOADS) >= 50
    emails = []
    for n, payload in enumerate(PAYLOADS):
        name = payload[:80]
        # A quoted local part may hold <, >, = and the rest, but not spaces or quotes.
        local = payload[:40].replace('"', "").replace("\\", "").replace(" ", "-")
        email = f'"{local}{n}"@example.org'
        emails.append(email)
        data = form_data(name=name, email=email, body=f"{payload}\n\nPayload {n}.")
        response = client.post(f"/comments/{article.pk}/", data, REMOTE_ADDR=f"192.0.2.{n}")
        assert response.status_code == 302, (payload, response.content.decode()[-800:])
    stored = list(Comment.objects.order_by("pk"))
    assert len(stored) == len(PAYLOADS)
    for n, (payload, comment) in enumerate(zip(PAYLOADS, stored, strict=True)):
        assert comment.name == " ".join(payload[:80].split())
        assert comment.body == f"{payload}\n\nPayload {n}."
        assert comment.email == emails[n]
    Comment.objects.update(state=CommentState.APPROVED)

    story = client.get(article.url)
    tree = lxml_html.fromstring(story.content)
    _no_live_markup(tree)
    bodies = [
        " ".join(" ".join(p.text_content() for p in body.xpath("./p")).split())
        for body in tree.xpath('//div[@class="comment__body"]')
    ]
    for n, payload in enumerate(PAYLOADS):
        assert " ".join(f"{payload} Payload {n}.".split()) in bodies
    assert b"example.org" not in story.content  # e-mail addresses are never shown

    reply_to = stored[0].pk
    form_page = client.get(f"/comments/{article.pk}/?reply={reply_to}")
    _no_live_markup(lxml_html.fromstring(form_page.content))
    bad = form_data(name=PAYLOADS[7], body=PAYLOADS[9] + "\x07")  # refused: redisplayed
    redisplayed = client.post(f"/comments/{article.pk}/", bad)
    assert redisplayed.status_code == 400
    _no_live_markup(lxml_html.fromstring(redisplayed.content))

    client.force_login(moderator)
    queue = client.get("/admin/comments/")
    queue_tree = lxml_html.fromstring(queue.content)
    _no_live_markup(queue_tree)
    assert PAYLOADS[0] in queue_tree.text_content()
    for feed in ("/feeds/rss/", "/feeds/atom/"):
        assert b"Payload 0." not in client.get(feed).content  # comments are not syndicated


def test_an_anonymous_story_response_carries_no_cookie_and_does_not_vary_on_it(article, comment_on):
    StoryCommentPolicy.objects.create(article=article, policy=Policy.OPEN)
    comment_on(article)
    reader = Client()
    response = reader.get(article.url)
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert b"csrfmiddlewaretoken" not in response.content
    assert b"The agenda leaves out climate finance." in response.content
    assert b'href="/comments/' in response.content


def test_the_form_page_is_never_cached(client, article):
    response = client.get(f"/comments/{article.pk}/")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    fragment = client.get(f"/comments/{article.pk}/?fragment=1")
    assert fragment.content.lstrip().startswith(b"<form")


def test_counts_read_in_words_on_the_story_and_on_cards(
    client, article, comment_on, home, django_capture_on_commit_callbacks
):
    tree = lxml_html.fromstring(client.get(article.url).content)
    # Before the first comment nothing is counted: not beside the byline, not on cards.
    assert tree.xpath('//p[@class="comment-count"]') == []
    assert tree.xpath('//h2[@id="comments-heading"]/text()') == ["Comments"]
    home_tree = lxml_html.fromstring(client.get("/").content)
    assert home_tree.xpath('//span[@class="card__note"]') == []
    assert "0 comments" not in client.get("/").content.decode()
    StoryCommentPolicy.objects.create(article=article, policy=Policy.OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        comment_on(article)
    tree = lxml_html.fromstring(client.get(article.url).content)
    assert tree.xpath('//p[@class="comment-count"]/a/text()') == ["1 comment"]
    home_tree = lxml_html.fromstring(client.get("/").content)
    assert "1 comment" in home_tree.xpath('//span[@class="card__note"]/text()')
    with django_capture_on_commit_callbacks(execute=True):
        comment_on(article, body="Another view.", email="b@example.org")
    home_tree = lxml_html.fromstring(client.get("/").content)
    assert "2 comments" in home_tree.xpath('//span[@class="card__note"]/text()')


def test_comment_bodies_are_paragraphs_with_safe_links(client, article, comment_on):
    StoryCommentPolicy.objects.create(article=article, policy=Policy.OPEN)
    comment_on(article, body="First paragraph.\n\nSee https://example.org/report for more.")
    tree = lxml_html.fromstring(client.get(article.url).content)
    body = tree.xpath('//div[@class="comment__body"]')[0]
    assert [p.text_content() for p in body.xpath("./p")] == [
        "First paragraph.",
        "See https://example.org/report for more.",
    ]
    link = body.xpath(".//a")[0]
    assert link.get("href") == "https://example.org/report"
    assert link.get("rel") == "nofollow ugc noopener"


def test_privacy_export_gives_every_comment_under_an_address(
    client, article, comment_on, moderator
):
    comment_on(article)
    comment_on(article, body="Later thought.")
    client.force_login(moderator)
    response = client.post("/admin/privacy/", {"email": "PRIYA@example.org", "action": "export"})
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert [c["body"] for c in data["Comments"]] == [
        "The agenda leaves out climate finance.",
        "Later thought.",
    ]
