"""Times in the newsroom's own time zone, and machine-readable times HTML accepts."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from lxml import html as lxml_html
from wagtail.models import Site

from newsdesk.core.models import NewsroomSettings
from newsdesk.core.templatetags.newsdesk_tags import link_label, machine_time

pytestmark = pytest.mark.django_db


def _times(client, url):
    tree = lxml_html.fromstring(client.get(url).content)
    return [(t.get("datetime"), t.text_content()) for t in tree.xpath("//main//time")]


def test_machine_time_is_utc_to_the_second():
    moment = datetime(2026, 12, 5, 16, 54, 31, 607837, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert machine_time(moment) == "2026-12-05T11:24:31Z"
    assert machine_time(datetime(2026, 12, 5, 11, 24, 31, 5, tzinfo=UTC)) == (
        "2026-12-05T11:24:31Z"
    )
    assert machine_time(None) == ""


@pytest.mark.parametrize(
    ("note", "label"),
    [
        ("Correction: The visit is on December 4, not 5.", "Correction"),
        ("Adds a live update.", "Adds a live update"),
        ("Adds a live update: Agenda settled", "Adds a live update"),
        ("", "What changed"),
        ("x" * 80 + ": long", "What changed"),
    ],
)
def test_link_label_is_the_notes_first_words(note, label):
    assert link_label(note) == label


def test_pages_show_times_in_the_newsrooms_zone_named(
    client, article, settings, django_capture_on_commit_callbacks
):
    settings.TIME_ZONE = "UTC"
    article.first_published_at = datetime(2026, 12, 5, 11, 24, 31, 607837, tzinfo=UTC)
    article.save()
    before = _times(client, article.url)
    assert ("2026-12-05T11:24:31Z", "5 Dec 2026, 11:24 UTC") in before

    newsroom = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    newsroom.time_zone = "Asia/Kolkata"
    with django_capture_on_commit_callbacks(execute=True):
        newsroom.save()  # purges the site: pages are made again in the new zone

    after = _times(client, article.url)
    assert ("2026-12-05T11:24:31Z", "5 Dec 2026, 16:54 IST") in after
    home = _times(client, "/")
    assert ("2026-12-05T11:24:31Z", "5 December 2026") in home


def test_an_unknown_time_zone_is_refused_in_words():
    newsroom = NewsroomSettings(time_zone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as error:
        newsroom.full_clean(exclude=["site"])
    assert "Not a time zone name we know" in str(error.value)
