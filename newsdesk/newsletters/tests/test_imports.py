"""
``newsdesk newsletter import``/``export``/``lists``/``test-send``: each platform's export
read with its consent, bad rows listed by line, a broken file refused whole.
"""

import csv
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from newsdesk.newsletters.models import (
    Newsletter,
    NewsletterSettings,
    Subscriber,
    SubscriberStatus,
    Subscription,
    SubscriptionStatus,
)
from newsdesk.testing import site_home

pytestmark = pytest.mark.django_db

# The columns of Ghost's members export (Members → Export).
GHOST = (
    "id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,"
    "created_at,deleted_at,labels,tiers\n"
    """\
6650a1,asha@example.org,Asha Rao,,true,,,2024-03-02T09:15:00.000Z,,,
6650a2,ben@example.org,Ben Ode,,false,,,2024-04-10T12:00:00.000Z,,,
6650a3,not-an-address,Broken Row,,true,,,2024-05-01T08:00:00.000Z,,,
"""
)
# Mailchimp's audience export (subscribed, unsubscribed and cleaned files share these).
MAILCHIMP = (
    "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,"
    "CONFIRM_IP,UNSUB_TIME,CLEAN_TIME\n"
    """\
cleo@example.org,Cleo,Ma,2,2023-01-05 10:00:00,198.51.100.4,2023-01-05 10:02:00,198.51.100.4,,
dev@example.org,Dev,Nair,2,2023-02-05 10:00:00,,2023-02-05 10:01:00,,2024-01-01 00:00:00,
eve@example.org,Eve,Ito,1,2023-03-05 10:00:00,,2023-03-05 10:01:00,,,2024-02-02 00:00:00
"""
)
# Substack's subscriber export.
SUBSTACK = """email,active_subscription,expiry,plan,email_disabled,created_at,name
fay@example.org,false,,free,false,2024-06-01T10:00:00.000Z,Fay
gil@example.org,false,,free,true,2024-06-02T10:00:00.000Z,Gil
"""
PLAIN = "email,name\nhal@example.org,Hal\nbad@@example.org,Bad\nhal@example.org,Hal again\n"


@pytest.fixture
def briefing(db):
    return Newsletter.objects.create(
        name="Daily briefing", slug="daily-briefing", sender_email="briefing@gazette.example"
    )


def _import(tmp_path, text, *options, name="export.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("newsletter", "import", "daily-briefing", str(path), *options, stdout=out)
    return out.getvalue()


def _status(email):
    return Subscription.objects.get(subscriber__email=email).status


def test_ghost_members_keep_their_consent_and_bad_rows_are_listed_by_line(tmp_path, briefing):
    report = _import(tmp_path, GHOST)

    assert "read as Ghost members, 3 rows" in report
    assert _status("asha@example.org") == SubscriptionStatus.ACTIVE
    asha = Subscription.objects.get(subscriber__email="asha@example.org")
    assert asha.consented_at.isoformat().startswith("2024-03-02T09:15")
    assert _status("ben@example.org") == SubscriptionStatus.UNSUBSCRIBED
    assert "line 4: not-an-address" in report
    assert Subscriber.objects.count() == 2


def test_mailchimp_exports_bring_opt_in_times_unsubscribes_and_cleaned_addresses(
    tmp_path, briefing
):
    report = _import(tmp_path, MAILCHIMP)

    assert "Mailchimp audience" in report
    cleo = Subscription.objects.get(subscriber__email="cleo@example.org")
    assert cleo.status == SubscriptionStatus.ACTIVE and cleo.ip_address == "198.51.100.4"
    assert _status("dev@example.org") == SubscriptionStatus.UNSUBSCRIBED
    assert Subscriber.objects.get(email="eve@example.org").status == SubscriberStatus.SUPPRESSED


def test_substack_exports_mark_disabled_addresses_unsubscribed(tmp_path, briefing):
    _import(tmp_path, SUBSTACK)

    assert _status("fay@example.org") == SubscriptionStatus.ACTIVE
    assert _status("gil@example.org") == SubscriptionStatus.UNSUBSCRIBED


def test_a_plain_file_waits_for_confirmation_unless_consent_is_declared(tmp_path, briefing):
    report = _import(tmp_path, PLAIN)

    assert _status("hal@example.org") == SubscriptionStatus.PENDING
    assert "line 3: bad@@example.org" in report
    assert "line 4: hal@example.org: The address appears earlier" in report
    assert "--consented" in report and mail.outbox == []

    _import(tmp_path, PLAIN, "--consented")
    assert _status("hal@example.org") == SubscriptionStatus.ACTIVE


def test_asking_imported_readers_to_confirm_sends_them_the_confirmation(tmp_path, briefing):
    report = _import(tmp_path, "someone@example.org,Some One\n", "--ask")

    assert "asked to confirm by e-mail" in report
    assert [m.to for m in mail.outbox] == [["someone@example.org"]]


def test_an_import_never_revives_a_suppressed_or_unsubscribed_reader(tmp_path, briefing):
    gone = Subscriber.objects.create(email="hal@example.org", status=SubscriberStatus.BOUNCED)
    Subscription.objects.create(
        subscriber=gone, newsletter=briefing, status=SubscriptionStatus.UNSUBSCRIBED
    )

    report = _import(tmp_path, PLAIN, "--consented")

    assert "already on the list: left as they were" in report
    assert _status("hal@example.org") == SubscriptionStatus.UNSUBSCRIBED
    assert Subscriber.objects.get(email="hal@example.org").status == SubscriberStatus.BOUNCED


@pytest.mark.parametrize(
    "data, sentence",
    [
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"", "empty"),
        (b"id,address\n1,x@example.org\n", "names no e-mail column"),
    ],
)
def test_a_file_that_cannot_be_read_imports_nothing_and_says_why(
    tmp_path, briefing, data, sentence
):
    path = tmp_path / "broken.csv"
    path.write_bytes(data)

    with pytest.raises(CommandError, match=sentence):
        call_command("newsletter", "import", "daily-briefing", str(path))
    assert not Subscriber.objects.exists()


def test_export_and_lists_show_every_subscription_with_its_consent(tmp_path, briefing):
    _import(tmp_path, GHOST)
    output = tmp_path / "out.csv"

    call_command("newsletter", "export", "daily-briefing", "--output", str(output))
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    listing = io.StringIO()
    call_command("newsletter", "lists", stdout=listing)

    assert {row["email"]: row["list status"] for row in rows} == {
        "asha@example.org": "active",
        "ben@example.org": "unsubscribed",
    }
    assert "1 active, 0 waiting for confirmation, 1 left" in listing.getvalue()


def test_a_test_send_needs_the_postal_address_then_sends_one_message(tmp_path, briefing):
    with pytest.raises(CommandError, match="postal address"):
        call_command("newsletter", "test-send", "daily-briefing", "editor@gazette.example")
    settings = NewsletterSettings.for_site(site_home().get_site())
    settings.postal_address = "1 Press Lane, Springfield"
    settings.save()

    call_command(
        "newsletter", "test-send", "daily-briefing", "editor@gazette.example", stdout=io.StringIO()
    )

    (message,) = mail.outbox
    assert message.to == ["editor@gazette.example"] and message.subject.startswith("[Test]")
    html = message.alternatives[0][0]
    assert "1 Press Lane" in html
    # Nobody's own links in a test: the list's page stands where they go.
    assert "/newsletters/unsubscribe/" not in html and "/newsletters/" in html


def test_an_unknown_list_names_the_lists_there_are(briefing):
    with pytest.raises(CommandError, match="Lists: daily-briefing"):
        call_command("newsletter", "export", "nope")
