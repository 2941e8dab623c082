"""
Subscribers from other platforms' exports: Ghost's members CSV, Mailchimp's audience
export (subscribed, unsubscribed and cleaned files), Substack's subscriber export and a
plain ``email,name`` CSV. The format is told by the header row.

Consent comes from the file where the file records it (Ghost's ``subscribed_to_emails``
with the member's creation date, Mailchimp's opt-in and confirmation times, Substack's
sign-up date); anything else is imported waiting for confirmation, or as active only
when the operator says the newsroom holds the consent (``--consented``). An address
suppressed here (bounced, complained) stays suppressed whatever the file says, and an
existing subscription is never changed by an import except from waiting to confirmed.
"""

import csv
import datetime
import io
import ipaddress
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsdesk.core.text import without_controls

from .models import (
    NEVER_SEND,
    Subscriber,
    SubscriberStatus,
    Subscription,
    SubscriptionStatus,
)
from .subscriptions import checked_address

TRUE = {"true", "1", "yes", "y", "t"}


@dataclass
class Row:
    line: int
    email: str
    name: str = ""
    consented_at: object = None  # a datetime when the file records consent
    unsubscribed_at: object = None
    suppressed: bool = False
    ip: str | None = None


@dataclass
class Report:
    format: str
    added: int = 0
    confirmed: int = 0
    pending: int = 0
    unsubscribed: int = 0
    suppressed: int = 0
    unchanged: int = 0
    bad: list = field(default_factory=list)  # (line, address, why)
    pending_ids: list = field(default_factory=list)


class ImportFileError(Exception):
    """The file cannot be read at all; nothing was imported."""


def _when(value):
    value = (value or "").strip()
    if not value:
        return None
    parsed = parse_datetime(value.replace(" ", "T", 1) if "T" not in value else value)
    if parsed is None:
        return None
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


def _ip(value):
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def _ghost(record):
    subscribed = (record.get("subscribed_to_emails") or "").strip().lower() in TRUE
    created = _when(record.get("created_at")) or timezone.now()
    return {
        "email": record.get("email", ""),
        "name": record.get("name", ""),
        "consented_at": created if subscribed else None,
        "unsubscribed_at": None if subscribed else created,
        # Ghost turns e-mail off for an address that bounced or complained.
        "suppressed": (record.get("email_disabled") or "").strip().lower() in TRUE,
    }


def _mailchimp(record):
    first, last = record.get("First Name", ""), record.get("Last Name", "")
    consented = _when(record.get("CONFIRM_TIME")) or _when(record.get("OPTIN_TIME"))
    return {
        "email": record.get("Email Address", ""),
        "name": " ".join(part for part in (first.strip(), last.strip()) if part),
        "consented_at": consented,
        "unsubscribed_at": _when(record.get("UNSUB_TIME")),
        "suppressed": bool(_when(record.get("CLEAN_TIME"))),
        "ip": _ip(record.get("CONFIRM_IP") or record.get("OPTIN_IP")),
    }


def _substack(record):
    disabled = (record.get("email_disabled") or "").strip().lower() in TRUE
    created = _when(record.get("created_at"))
    return {
        "email": record.get("email", ""),
        "name": record.get("name", ""),
        "consented_at": None if disabled else created,
        "unsubscribed_at": (created or timezone.now()) if disabled else None,
    }


def _plain(record):
    return {"email": record.get("email", ""), "name": record.get("name", "")}


def _format(header):
    names = {name.strip() for name in header}
    if "subscribed_to_emails" in names:
        return "Ghost members", _ghost
    if "Email Address" in names:
        return "Mailchimp audience", _mailchimp
    if "email" in names and names & {"active_subscription", "email_disabled", "expiry"}:
        return "Substack subscribers", _substack
    if "email" in names:
        return "e-mail,name", _plain
    return None, None


def read_rows(data):
    """(format name, [Row]) from the file's bytes; ImportFileError for an unreadable file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {error.start} cannot be read); "
            "export it again as CSV in UTF-8."
        ) from None
    lines = text.splitlines()
    if not lines:
        raise ImportFileError("The file is empty.")
    first = next(csv.reader([lines[0]]), [])
    if len(first) <= 2 and first and "@" in first[0]:
        # No header: a plain list of addresses, with names beside them.
        text = "email,name\n" + text
        offset = -1
    else:
        offset = 0
    reader = csv.DictReader(io.StringIO(text))
    name, convert = _format(reader.fieldnames or [])
    if convert is None:
        raise ImportFileError(
            "The first line names no e-mail column. Expected Ghost's members CSV, a "
            "Mailchimp or Substack export, or a file with an “email” column (and “name”)."
        )
    rows = []
    for record in reader:
        values = convert({key.strip(): (value or "") for key, value in record.items() if key})
        rows.append(Row(line=reader.line_num + offset, **values))
    return name, rows


def import_rows(newsletter, format_name, rows, *, consented=False, source=""):
    """Bring ``rows`` onto ``newsletter``: the good ones in one transaction, the bad listed."""
    report = Report(format=format_name)
    now = timezone.now()
    seen = set()
    with transaction.atomic():
        for row in rows:
            try:
                address = checked_address(row.email)
            except ValidationError as error:
                report.bad.append((row.line, row.email.strip(), " ".join(error.messages)))
                continue
            if address in seen:
                report.bad.append((row.line, address, "The address appears earlier in the file."))
                continue
            seen.add(address)
            _import_one(newsletter, row, address, report, now, consented=consented, source=source)
    return report


def _import_one(newsletter, row, address, report, now, *, consented, source):
    subscriber, created = Subscriber.objects.get_or_create(
        email=address,
        defaults={
            "name": " ".join(without_controls(row.name).split())[:120],
            "status": SubscriberStatus.PENDING,
        },
    )
    report.added += created
    if row.suppressed and subscriber.status not in NEVER_SEND:
        subscriber.status = SubscriberStatus.SUPPRESSED
        subscriber.save(update_fields=["status", "updated_at"])
    subscription = Subscription.objects.filter(subscriber=subscriber, newsletter=newsletter).first()
    if subscription is not None and subscription.status != SubscriptionStatus.PENDING:
        report.unchanged += 1
        return
    if subscription is None:
        subscription = Subscription(subscriber=subscriber, newsletter=newsletter)
    subscription.source = source[:500]
    subscription.ip_address = row.ip
    if row.unsubscribed_at:
        subscription.status = SubscriptionStatus.UNSUBSCRIBED
        subscription.unsubscribed_at = row.unsubscribed_at
        subscription.unsubscribed_how = "before the import"
        subscription.consented_at = row.consented_at or row.unsubscribed_at
        subscription.wording = "Consent recorded by the platform the list came from."
        report.unsubscribed += 1
    elif row.consented_at or consented:
        subscription.status = SubscriptionStatus.ACTIVE
        subscription.consented_at = row.consented_at or now
        subscription.confirmed_at = row.consented_at or now
        subscription.confirmed_how = (
            f"consent recorded in the {source or 'imported file'}"
            if row.consented_at
            else "imported; the newsroom declared it holds consent (--consented)"
        )
        subscription.wording = "Consent recorded by the platform the list came from."
        report.confirmed += 1
    else:
        subscription.status = SubscriptionStatus.PENDING
        subscription.wording = newsletter.consent_wording
        report.pending += 1
    subscription.save()
    if subscription.status == SubscriptionStatus.PENDING:
        report.pending_ids.append(subscription.pk)
    if row.suppressed or subscriber.status in NEVER_SEND:
        report.suppressed += row.suppressed
        return
    if subscription.status == SubscriptionStatus.ACTIVE and subscriber.status in (
        SubscriberStatus.PENDING,
        SubscriberStatus.UNSUBSCRIBED,
    ):
        subscriber.status = SubscriberStatus.ACTIVE
        subscriber.save(update_fields=["status", "updated_at"])


def export_rows(newsletter):
    """Every subscription of ``newsletter``, for a CSV: consent records included."""
    header = [
        "email",
        "name",
        "subscriber status",
        "list status",
        "consented at",
        "source",
        "wording",
        "confirmed how",
        "confirmed at",
        "unsubscribed at",
        "unsubscribed how",
    ]
    rows = [header]
    for s in newsletter.subscriptions.select_related("subscriber").order_by("subscriber__email"):
        rows.append(
            [
                s.subscriber.email,
                s.subscriber.name,
                s.subscriber.status,
                s.status,
                s.consented_at.isoformat() if s.consented_at else "",
                s.source,
                s.wording,
                s.confirmed_how,
                s.confirmed_at.isoformat() if s.confirmed_at else "",
                s.unsubscribed_at.isoformat() if s.unsubscribed_at else "",
                s.unsubscribed_how,
            ]
        )
    return rows
