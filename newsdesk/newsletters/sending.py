"""
The sending engine: a send's recipients fixed when it starts, and each delivered once.

**Starting** (``start``) frames the message, writes one delivery row per active
subscriber of the list (the snapshot: who joins later gets the next send, who leaves
later still gets this one unless suppressed meanwhile) and queues ``deliver`` on the
``newsletters`` queue, in one transaction.

**Delivering** (``Courier``) takes deliveries in batches. Each is *claimed* in a
transaction (state ``sending``, with the worker's name) before anything goes out; just
before the mail server can accept it (``core.mail``: before the full stop that ends the
SMTP data, or before an API request), ``handed_over_at`` is written and committed; when
the server answers, the row says ``sent``, ``deferred`` (a temporary refusal or a
server that could not be reached: tried again later, with backoff) or ``failed``.

**A worker that died** (killed, the machine lost) leaves claims behind. They are taken
back when the worker is known to be gone (its process no longer runs on this machine,
or the claim is older than ``claim_timeout``):

- not handed over: the server never had the whole message, so it goes back in the queue;
- handed over: the server may have taken it. If the provider can be asked about the
  message (a backend with ``was_accepted``) its answer decides; none of the built-in
  ones can be, so the delivery is marked **uncertain**, counted and shown in red, and
  sent again only when an editor asks (``resend_uncertain``). A message is never sent
  twice behind anybody's back, and none is dropped without saying so.

The window for "uncertain" is narrow with SMTP (the moment between that commit and the
full stop); with an API provider it is the whole request.
"""

import logging
import os
import smtplib
import socket
import time
import uuid
from datetime import timedelta
from email.utils import make_msgid

from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import task

from . import compose
from .models import (
    NEVER_SEND,
    TO_DO,
    Delivery,
    DeliveryState,
    Newsletter,
    Send,
    SendKind,
    SendStatus,
    SubscriberStatus,
    Subscription,
    SubscriptionStatus,
)

logger = logging.getLogger(__name__)

# Minutes before the n-th retry of a temporary failure.
BACKOFF_MINUTES = (1, 5, 15, 60, 240, 720)


class SendError(Exception):
    """A send cannot start or go on; the message is for the editor."""


def active_subscriptions(newsletter):
    """Who a send to ``newsletter`` starting now goes to: not those who paused their mail."""
    return Subscription.objects.filter(
        newsletter=newsletter,
        status=SubscriptionStatus.ACTIVE,
        subscriber__status=SubscriberStatus.ACTIVE,
    ).exclude(subscriber__paused_until__gt=timezone.localdate())


def start(send, *, by=None):
    """
    Fix ``send``'s recipients and queue its delivery. Raises SendError (or
    ``compose.NotReady``) with a sentence when it cannot start.
    """
    with transaction.atomic():
        send = Send.objects.select_for_update().select_related("newsletter").get(pk=send.pk)
        if send.status != SendStatus.DRAFT:
            raise SendError(f"“{send.subject}” has already been started.")
        compose.check_ready(send.newsletter)
        send.html, send.text = compose.frame(send)
        rows = [
            Delivery(
                send=send,
                subscriber_id=subscriber_id,
                subscription_id=subscription_id,
                email=email,
            )
            for subscription_id, subscriber_id, email in active_subscriptions(
                send.newsletter
            ).values_list("pk", "subscriber_id", "subscriber__email")
        ]
        Delivery.objects.bulk_create(rows, batch_size=1000)
        send.recipients = len(rows)
        send.status = SendStatus.SENDING
        send.started_at = timezone.now()
        if by is not None:
            send.created_by = by
        send.save()
        transaction.on_commit(lambda: deliver.enqueue(send.pk))
    if not rows:
        finish(send)
    return send


@task(queue_name="newsletters")
def deliver(send_id):
    """Deliver what is due of one send; queued by ``start`` and by ``resume``."""
    Courier(send_id).run()


# The couriers at work in this process, by name (see ``_gone``).
LIVE_COURIERS = set()


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Courier:
    """One worker's pass over a send: claim a batch, send it, record each answer."""

    def __init__(self, send_id, connection=None):
        self.send = Send.objects.select_related("newsletter").get(pk=send_id)
        self.name = worker_name()
        options = settings.NEWSDESK_NEWSLETTER_SENDING
        self.batch = options["batch"]
        self.interval = 1 / options["rate"] if options["rate"] else 0
        self.attempts = options["attempts"]
        self.budget = options.get("task_seconds", 60)
        self.connection = connection
        self.tracking = compose.newsroom()["settings"]
        self.domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
        self._last = 0.0

    def run(self):
        if self.send.status != SendStatus.SENDING:
            return
        reclaim(self.send)
        LIVE_COURIERS.add(self.name)
        began = time.monotonic()
        more = False
        try:
            while batch := self.claim():
                self.connection = self.connection or get_connection()
                for delivery in batch:
                    self.pace()
                    self.deliver(delivery)
                if time.monotonic() - began > self.budget:
                    # One task does not hold the worker for a whole big send: a worker
                    # told to stop (SIGTERM) finishes this task within about a batch.
                    more = True
                    break
        finally:
            LIVE_COURIERS.discard(self.name)
            self.release()
            self.close_connection()
        if more:
            deliver.enqueue(self.send.pk)
        elif not finish(self.send):
            retry_later(self.send)

    def close_connection(self):
        if self.connection is None:
            return
        try:
            self.connection.close()
        except Exception:  # noqa: BLE001 - a broken connection is closed already
            logger.debug("closing the mail connection failed", exc_info=True)

    def claim(self):
        """Up to a batch of due deliveries, marked as this worker's in one transaction."""
        now = timezone.now()
        with transaction.atomic():
            due = (
                Delivery.objects.select_for_update(skip_locked=True)
                .filter(send=self.send, state__in=TO_DO)
                .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
                .order_by("pk")
                .values_list("pk", flat=True)[: self.batch]
            )
            ids = list(due)
            Delivery.objects.filter(pk__in=ids, state__in=TO_DO).update(
                state=DeliveryState.SENDING,
                claimed_by=self.name,
                claimed_at=now,
                handed_over_at=None,
            )
        return list(
            Delivery.objects.filter(pk__in=ids, claimed_by=self.name)
            .select_related("subscription__subscriber", "subscriber")
            .order_by("pk")
        )

    def pace(self):
        """At most ``rate`` messages a second from this worker."""
        if self.interval:
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()

    def deliver(self, delivery):
        subscriber = delivery.subscriber
        if subscriber is None or subscriber.status in NEVER_SEND or delivery.subscription is None:
            # Suppressed (a bounce or complaint from another send) or erased since the start.
            self.record(delivery, DeliveryState.FAILED, error="not sent: the address is suppressed")
            return
        message = self.message(delivery)
        handed = []

        def handover():
            Delivery.objects.filter(pk=delivery.pk).update(handed_over_at=timezone.now())
            handed.append(True)

        message.handover = handover
        for fresh_connection in (False, True):
            try:
                if not getattr(self.connection, "reports_handover", False):
                    handover()
                self.connection.send_messages([message])
                break
            except Exception as error:  # noqa: BLE001 - every failure is recorded, none lost
                permanent, _ambiguous = classify(error)
                if handed or permanent or fresh_connection:
                    self.failed(delivery, error, handed_over=bool(handed))
                    return
                # A connection the server closed while idle: once more on a new one.
                self.close_connection()
        status = getattr(message, "anymail_status", None)
        provider_id = status.message_id if status else None
        if isinstance(provider_id, set):
            provider_id = next(iter(provider_id), None)
        self.record(
            delivery,
            DeliveryState.SENT,
            sent_at=timezone.now(),
            message_id=str(provider_id or message.extra_headers["Message-ID"])[:255],
        )

    def message(self, delivery):
        send, newsletter = self.send, self.send.newsletter
        page, text, unsubscribe = compose.personal(send, delivery.subscription)
        sender = newsletter.sender_email or settings.DEFAULT_FROM_EMAIL
        message = newsletter.email(
            send.subject,
            text,
            page,
            delivery.email,
            headers={
                # Stable per delivery, so a provider's events and a reader's reply point
                # back at it.
                "Message-ID": make_msgid(f"nd{send.pk}.{delivery.pk}", domain=self.domain),
                "List-Id": f"{compose.one_line(newsletter.name)} <{newsletter.slug}.{self.domain}>",
                "List-Unsubscribe": f"<{unsubscribe}>, <mailto:{sender}?subject=unsubscribe>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.track_opens = bool(self.tracking and self.tracking.track_opens)
        message.track_clicks = bool(self.tracking and self.tracking.track_clicks)
        message.tags = [f"newsletter:{newsletter.slug}"]
        message.metadata = {"send": str(send.pk), "delivery": str(delivery.pk)}
        return message

    def failed(self, delivery, error, *, handed_over):
        permanent, ambiguous = classify(error)
        description = f"{type(error).__name__}: {error}"[:2000]
        if not permanent:
            # The connection may be broken; the next message opens a new one.
            self.close_connection()
        if handed_over and ambiguous:
            self.record(delivery, DeliveryState.UNCERTAIN, error=description)
        elif permanent:
            self.record(delivery, DeliveryState.FAILED, error=description)
        elif delivery.attempts + 1 >= self.attempts:
            self.record(
                delivery,
                DeliveryState.FAILED,
                error=f"gave up after {delivery.attempts + 1} tries; last: {description}",
                attempts=delivery.attempts + 1,
            )
        else:
            minutes = BACKOFF_MINUTES[min(delivery.attempts, len(BACKOFF_MINUTES) - 1)]
            self.record(
                delivery,
                DeliveryState.DEFERRED,
                error=description,
                attempts=delivery.attempts + 1,
                next_attempt_at=timezone.now() + timedelta(minutes=minutes),
            )
        logger.warning("newsletter delivery %s to %s: %s", delivery.pk, delivery.email, error)

    def record(self, delivery, state, **fields):
        Delivery.objects.filter(pk=delivery.pk, claimed_by=self.name).update(
            state=state, claimed_by="", **fields
        )

    def release(self):
        """This worker's claims it did not get to (an error stopped the loop)."""
        settle(Delivery.objects.filter(send=self.send, claimed_by=self.name, state="sending"))


def retry_later(send):
    """
    Queue ``deliver`` for when the send's first deferred delivery comes due, where the
    task backend can hold a task until then (the database backend can); the scheduler's
    ``newsletter resume`` catches what a backend cannot hold.
    """
    due = (
        send.deliveries.filter(state=DeliveryState.DEFERRED)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if due is not None and deliver.get_backend().supports_defer:
        deliver.using(run_after=due).enqueue(send.pk)


def classify(error):
    """(permanent, ambiguous) for a failed delivery's exception."""
    if isinstance(error, AnymailRecipientsRefused):
        return True, False
    if isinstance(error, AnymailAPIError):
        code = error.status_code
        if code is None or code >= 500 or code == 429:
            return False, code is None
        return True, False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        return all(code >= 500 for code in codes), False
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500, False
    # Disconnected, refused, timed out: nobody answered.
    return False, True


def settle(claims):
    """
    Claims whose worker is gone: back to the queue if never handed over, otherwise
    uncertain (none of the built-in backends can be asked whether it took a message).
    """
    connection = get_connection()
    asker = getattr(connection, "was_accepted", None)
    with transaction.atomic():
        claims = list(claims.select_for_update())
        for delivery in claims:
            if delivery.handed_over_at is None:
                state, error = DeliveryState.QUEUED, ""
            elif asker is not None and (answer := asker(delivery)) is not None:
                state = DeliveryState.SENT if answer else DeliveryState.QUEUED
                error = "" if answer else "the provider had not received it; sent again"
            else:
                state = DeliveryState.UNCERTAIN
                error = (
                    "The worker stopped while the mail server was taking this message: "
                    "it may or may not have arrived."
                )
            Delivery.objects.filter(pk=delivery.pk).update(state=state, claimed_by="", error=error)
    return len(claims)


def reclaim(send):
    """Take back the claims on ``send`` of workers that are gone; how many."""
    timeout = settings.NEWSDESK_NEWSLETTER_SENDING["claim_timeout"]
    stale_ids = []
    host = socket.gethostname()
    old = timezone.now() - timedelta(seconds=timeout)
    for pk, claimed_by, claimed_at in Delivery.objects.filter(
        send=send, state=DeliveryState.SENDING
    ).values_list("pk", "claimed_by", "claimed_at"):
        if claimed_at is None or claimed_at < old or _gone(claimed_by, host):
            stale_ids.append(pk)
    if not stale_ids:
        return 0
    return settle(Delivery.objects.filter(pk__in=stale_ids, state=DeliveryState.SENDING))


def _gone(claimed_by, host):
    """Whether the worker named ``claimed_by`` no longer runs (only knowable on its host)."""
    claim_host, _, rest = claimed_by.partition(":")
    pid_text = rest.partition(":")[0]
    if claim_host != host or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        # This process: gone unless one of its couriers is still at work.
        return claimed_by not in LIVE_COURIERS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def tally(send):
    """The send's deliveries counted by state, and its readers' reactions."""
    counts = dict(
        send.deliveries.values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    reactions = send.deliveries.aggregate(
        bounced=Count("pk", filter=Q(bounced_at__isnull=False)),
        complained=Count("pk", filter=Q(complained_at__isnull=False)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
    )
    return {
        "recipients": send.recipients,
        **{state: counts.get(state, 0) for state in DeliveryState.values},
        **reactions,
    }


def finish(send):
    """Mark ``send`` finished once nothing is left to try; failed if nothing went."""
    counts = tally(send)
    left = counts["queued"] + counts["sending"] + counts["deferred"]
    if left:
        return False
    if counts["recipients"] and not counts["sent"] and not counts["uncertain"]:
        status, problem = SendStatus.FAILED, "No message was accepted by the mail server."
    else:
        status, problem = SendStatus.FINISHED, ""
    Send.objects.filter(pk=send.pk, status=SendStatus.SENDING).update(
        status=status, finished_at=timezone.now(), problem=problem
    )
    return True


def resume():
    """
    Queue ``deliver`` for every send with work left: on the mail worker's start (a
    killed worker's task is never run again) and from the scheduler every minute (for
    retries that have come due). A second courier on the same send is harmless.
    """
    resumed = 0
    for send in Send.objects.filter(status=SendStatus.SENDING):
        reclaim(send)
        if finish(send):
            continue
        now = timezone.now()
        if (
            send.deliveries.filter(state__in=TO_DO)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            .exists()
        ):
            deliver.enqueue(send.pk)
            resumed += 1
    return resumed


def resend_uncertain(send):
    """An editor's choice: send the uncertain deliveries again (some may arrive twice)."""
    with transaction.atomic():
        count = send.deliveries.filter(state=DeliveryState.UNCERTAIN).update(
            state=DeliveryState.QUEUED, handed_over_at=None, next_attempt_at=None
        )
        if count:
            Send.objects.filter(pk=send.pk).update(
                status=SendStatus.SENDING, finished_at=None, problem=""
            )
            transaction.on_commit(lambda: deliver.enqueue(send.pk))
    return count


def test_send(newsletter, address):
    """
    The list's latest message (or, before its first, one of its newest stories) to one
    address, now, marked as a test; recorded nowhere but the mail log. Returns the subject.
    """
    latest = newsletter.sends.exclude(status=SendStatus.DRAFT).order_by("-started_at").first()
    if latest is None:
        subject, body_html, body_text = compose.sample_body(newsletter)
        latest = Send(
            newsletter=newsletter, subject=subject, body_html=body_html, body_text=body_text
        )
    return send_test_copy(latest, address)


def send_test_copy(send, address):
    """``send`` (saved or not) to one address now, marked [Test], with nobody's own links."""
    newsletter = send.newsletter
    page, text = compose.test_copy(send)
    message = newsletter.email(f"[Test] {send.subject}", text, page, address)
    message.send()
    return message.subject


def send_story(story, newsletter, *, by=None, again=False, expected=None):
    """
    Start a send of ``story`` to ``newsletter``: once per list, unless ``again``. Two
    editors confirming at once make one send (the list's row is locked while deciding).
    ``expected``: the number of recipients the editor confirmed; a different number now
    refuses, so nobody sends to more readers than they were shown.
    """
    with transaction.atomic():
        newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        earlier = (
            Send.objects.filter(newsletter=newsletter, article=story, kind=SendKind.STORY)
            .exclude(status=SendStatus.DRAFT)
            .order_by("-started_at")
            .first()
        )
        if earlier is not None and not again:
            raise SendError(
                f"“{story.title}” went to {newsletter.name} on "
                f"{timezone.localtime(earlier.started_at):%d %B %Y at %H:%M}; "
                "choose “Send again” to send it once more."
            )
        active = active_subscriptions(newsletter).count()
        if expected is not None and expected != active:
            raise SendError(
                f"{newsletter.name} now has {active} active subscribers, not {expected}: "
                "check and confirm again."
            )
        return start_new(newsletter, SendKind.STORY, compose.story_body(story), story, by=by)


def start_new(newsletter, kind, composed, article=None, *, by=None):
    """A send of ``composed`` (subject, html, text) to ``newsletter``, started at once."""
    subject, body_html, body_text = composed
    send = Send.objects.create(
        newsletter=newsletter,
        kind=kind,
        article=article,
        subject=subject,
        body_html=body_html,
        body_text=body_text,
        created_by=by,
    )
    return start(send, by=by)
