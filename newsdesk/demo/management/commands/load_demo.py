import io
import json
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.utils import timezone
from rich.console import Console
from rich.table import Table
from wagtail.models import Page, Site

from newsdesk.articles.models import ArticleAuthor, ArticlePage, SectionPage
from newsdesk.comments.models import Comment, CommentState
from newsdesk.core.models import NewsroomSettings
from newsdesk.demo import content, pictures
from newsdesk.home.models import HomePage, StandardPage
from newsdesk.images.models import NewsImage
from newsdesk.live import coverage
from newsdesk.live.models import CorrectionsPage, Coverage, LiveUpdate
from newsdesk.newsletters import subscriptions
from newsdesk.newsletters.models import (
    Newsletter,
    NewsletterSettings,
    Subscriber,
    Subscription,
)
from newsdesk.people.models import Author, AuthorLink
from newsdesk.topics.models import Topic

ROLES = [
    ("reporter", "Reporters", "writes and submits stories for review"),
    ("editor", "Editors", "approves and publishes"),
    ("admin", None, "administers the site"),
]
PICTURE_CREDIT = {
    "creator": "newsdesk demo studio",
    "source_name": "the newsdesk demo library",
    "source_url": "https://github.com/newsdesk",
    "licence": "cc-by-4.0",
}


class Command(BaseCommand):
    help = (
        "Load the demo newsroom (sections, authors, stories, pictures and one login per "
        "role). Safe to run again: what exists is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Host the site is served on.")
        parser.add_argument("--port", type=int, default=8000, help="Port the site is served on.")
        parser.add_argument(
            "--no-warm",
            action="store_true",
            help="Skip making renditions and rendering each page once.",
        )

    def handle(self, *args, host, port, no_warm, **options):
        with transaction.atomic():
            home = self.home_page()
            self.site(home, host, port)
            logins = self.logins()
            editor = get_user_model().objects.get(username="editor")
            reporter = get_user_model().objects.get(username="reporter")
            authors = self.authors()
            topics = self.topics()
            images = self.images()
            sections = self.sections(home, editor)
            created = self.stories(sections, authors, topics, images, reporter, editor)
            self.about_page(home, editor)
            self.corrections_page(home, editor)
            self.newsletter()
            if created:
                self.live_coverage(authors, editor)
                self.comments()
        if not no_warm:
            self.warm(host, port)
        self.report(created, logins, host, port)

    def newsletter(self):
        """The "Daily briefing" list, its sign-up form on every story, and three readers."""
        data = content.NEWSLETTER
        newsletter, _ = Newsletter.objects.get_or_create(slug=data["slug"], defaults=data)
        settings = NewsletterSettings.for_site(Site.objects.get(is_default_site=True))
        if not settings.postal_address:
            settings.postal_address = content.POSTAL_ADDRESS
            settings.save()
        for email, name in content.NEWSLETTER_READERS:
            subscriber, _ = Subscriber.objects.get_or_create(email=email, defaults={"name": name})
            subscription, made = Subscription.objects.get_or_create(
                subscriber=subscriber,
                newsletter=newsletter,
                defaults={"source": "demo data", "wording": newsletter.consent_wording},
            )
            if made:
                subscriptions.confirm(subscription, how="demo data")

    def home_page(self):
        home = HomePage.objects.first()
        if home:
            return home
        root = Page.get_first_root_node()
        # Wagtail's initial "Welcome" page holds the slug the front page should have.
        for page in root.get_children().filter(slug="home"):
            if page.specific_class is Page:
                page.delete()
        home = root.add_child(instance=HomePage(title=content.SITE_NAME, slug="home"))
        home.save_revision().publish()
        return home

    def site(self, home, host, port):
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        site.hostname, site.port = host, port
        site.root_page = home
        site.site_name = content.SITE_NAME
        site.save()
        # The flagship is reported from New Delhi: times read as the newsroom's own.
        newsroom = NewsroomSettings.for_site(site)
        if not newsroom.time_zone:
            newsroom.time_zone = content.TIME_ZONE
            newsroom.save()

    def logins(self):
        path = settings.DATA_DIR / "demo-logins.json"
        saved = json.loads(path.read_text()) if path.exists() else {}
        User = get_user_model()
        for username, group, _duty in ROLES:
            password = saved.get(username) or secrets.token_urlsafe(9)
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.org", "first_name": username.title()},
            )
            if created or username not in saved:
                user.set_password(password)
            if group:
                user.groups.add(Group.objects.get(name=group))
            else:
                user.is_staff = user.is_superuser = True
            user.save()
            saved[username] = password
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(saved, indent=2))
        path.chmod(0o600)
        return saved

    def authors(self):
        authors = {}
        for data in content.AUTHORS:
            author, created = Author.objects.get_or_create(
                slug=data["slug"],
                defaults={"name": data["name"], "role": data["role"], "bio": data["bio"]},
            )
            if created:
                for label, url in data["links"]:
                    AuthorLink.objects.create(author=author, label=label, url=url)
            # The demo's reporter and editor write as these authors (their live updates
            # are signed with them by default).
            if data.get("login") and author.user_id is None:
                user = get_user_model().objects.get(username=data["login"])
                if not Author.objects.filter(user=user).exists():
                    author.user = user
                    author.save(update_fields=["user"])
            authors[data["slug"]] = author
        return authors

    def topics(self):
        return {
            slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in content.TOPICS
        }

    def images(self):
        wanted = {story["slug"]: story["picture"] for story in content.STORIES}
        wanted.update(content.EXTRA_PICTURES)
        images = {}
        for seed, (key, (motif, palette, alt, caption)) in enumerate(wanted.items()):
            title = f"Demo: {key}"
            image = NewsImage.objects.filter(title=title).first()
            if image is None:
                image = NewsImage(title=title, description=alt, **PICTURE_CREDIT)
                data = pictures.draw(motif, palette, seed)
                image.file = ImageFile(_named_bytes(data, f"{key}.jpg"))
                image.save()
            images[key] = (image, caption)
        return images

    def sections(self, home, editor):
        sections = {}
        for slug, title, introduction in content.SECTIONS:
            section = SectionPage.objects.child_of(home).filter(slug=slug).first()
            if section is None:
                section = home.add_child(
                    instance=SectionPage(
                        title=title, slug=slug, introduction=introduction, show_in_menus=True
                    )
                )
                section.save_revision(user=editor).publish(user=editor)
            sections[slug] = section
        return sections

    def stories(self, sections, authors, topics, images, reporter, editor):
        created = 0
        now = timezone.now()
        for story in content.STORIES:
            if ArticlePage.objects.filter(slug=story["slug"]).exists():
                continue
            image, caption = images[story["slug"]]
            page = ArticlePage(
                title=story["title"],
                slug=story["slug"],
                standfirst=story["standfirst"],
                article_type=story["type"],
                dateline=story["dateline"],
                lead_image=image,
                lead_image_caption=caption,
                body=_resolve(story["body"], images),
                owner=reporter,
            )
            page.article_authors = [
                ArticleAuthor(author=authors[slug], sort_order=i)
                for i, slug in enumerate(story["authors"])
            ]
            page.topics = [topics[slug] for slug in story["topics"]]
            sections[story["section"]].add_child(instance=page)
            page.save_revision(user=reporter).publish(user=editor)
            published_at = now - timedelta(hours=story["hours_ago"])
            ArticlePage.objects.filter(pk=page.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
            if story.get("updated"):
                page = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
                page.significant_update = True
                page.update_note = story["updated"]
                page.save_revision(user=editor).publish(user=editor)
            created += 1
        return created

    def about_page(self, home, editor):
        data = content.ABOUT_PAGE
        if StandardPage.objects.child_of(home).filter(slug=data["slug"]).exists():
            return
        page = home.add_child(instance=StandardPage(**data))
        page.save_revision(user=editor).publish(user=editor)

    def corrections_page(self, home, editor):
        data = content.CORRECTIONS_PAGE
        if CorrectionsPage.objects.exists():
            return
        page = home.add_child(instance=CorrectionsPage(**data))
        page.save_revision(user=editor).publish(user=editor)

    def live_coverage(self, authors, editor):
        """The flagship as a developing story, posted through the live desk's own code."""
        data = content.LIVE_COVERAGE
        story = ArticlePage.objects.get(slug=data["story"])
        if Coverage.objects.filter(article=story).exists():
            return
        now = timezone.now()
        coverage.start(story, editor)
        Coverage.objects.filter(article=story).update(
            started_at=now - timedelta(minutes=data["started_minutes_ago"])
        )
        for update in data["updates"]:
            posted = coverage.add_update(
                story,
                editor,
                author=authors[update["author"]],
                headline=update["headline"],
                key_event=update["key_event"],
                body=[{"type": "paragraph", "value": f"<p>{update['text']}</p>"}],
            )
            LiveUpdate.objects.filter(pk=posted.pk).update(
                published_at=now - timedelta(minutes=update["minutes_ago"])
            )
        fix = data["correction"]
        coverage.correct(
            story,
            editor,
            kind=fix["kind"],
            note=fix["note"],
            published_at=now - timedelta(minutes=fix["minutes_ago"]),
        )
        # The story's "Updated" time is that of its latest change, as if posted live.
        latest = min([u["minutes_ago"] for u in data["updates"]] + [fix["minutes_ago"]])
        ArticlePage.objects.filter(pk=story.pk).update(updated_at=now - timedelta(minutes=latest))

    def comments(self):
        for data in content.COMMENTS:
            story = ArticlePage.objects.get(slug=data["story"])
            first = self._comment(story, data, reply_to=None)
            for reply in data["replies"]:
                self._comment(story, reply, reply_to=first)

    def _comment(self, story, data, reply_to):
        return Comment.objects.create(
            article=story,
            reply_to=reply_to,
            name=data["name"],
            email=data["email"],
            body=data["body"],
            state=CommentState.APPROVED,
            created_at=story.first_published_at + timedelta(minutes=data["minutes_after"]),
        )

    def warm(self, host, port):
        """
        Make every picture's renditions (pictures kept from an earlier version of the demo
        may lack new sizes), then render every page once to check that it answers.
        """
        call_command("prepare_renditions", verbosity=0)
        client = Client(HTTP_HOST=f"{host}:{port}" if port != 80 else host)
        urls = [page.url for page in Page.objects.live().specific() if page.depth > 1]
        urls += [a.get_absolute_url() for a in Author.objects.all()]
        urls += [t.get_absolute_url() for t in Topic.objects.all()]
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                self.stderr.write(f"{url} answered {response.status_code}")

    def report(self, created, logins, host, port):
        console = Console()
        flagship = ArticlePage.objects.get(slug=content.FLAGSHIP)
        base = f"http://{host}:{port}"
        console.print(f"Demo content ready ({created} stories added).")
        console.print(f"Flagship story: {base}{flagship.url}")
        table = Table(title=f"Logins for {base}/admin/")
        for column in ("role", "username", "password", "may"):
            table.add_column(column)
        for username, _group, duty in ROLES:
            table.add_row(username, username, logins[username], duty)
        console.print(table)


def _resolve(body, images):
    """Replace the picture keys and story slugs in demo bodies with database ids."""
    resolved = []
    for block in body:
        value = block["value"]
        if block["type"] == "image":
            image, _caption = images[value["image"]]
            value = {**value, "image": image.pk}
        elif block["type"] == "also_read":
            value = {"article": ArticlePage.objects.get(slug=value["article"]).pk}
        resolved.append({"type": block["type"], "value": value})
    return resolved


def _named_bytes(data, name):
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer
