"""
Privacy requests: everything the site keeps about one e-mail address, exported or erased
in one place, and readers' IP addresses forgotten after ``NEWSDESK_READER_IP_DAYS``.

Apps that keep readers' personal data (comments, newsletter subscribers) each declare a
``PrivacySource`` through the Wagtail hook ``newsdesk_privacy_sources``; the admin's
*Privacy requests* page (``core.admin_views.PrivacyView``) asks each source the signed-in
user may handle, and the housekeeping command ``forget_reader_ips`` asks each to forget
old addresses. An app added later joins the same flow by registering its source.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

HOOK = "newsdesk_privacy_sources"


@dataclass(frozen=True)
class PrivacySource:
    """
    One kind of personal data and how to answer for it:

    - ``may(user)``: whether ``user`` may see and erase it;
    - ``find(email)``: how many records it holds for the address (0 when none);
    - ``export(email)``: those records as JSON-ready dicts;
    - ``erase(email, user)``: delete them or strip them of the person; returns how many;
    - ``forget_ips(before)``: clear the IP addresses recorded before ``before``.
    """

    name: str
    may: Callable
    find: Callable
    export: Callable
    erase: Callable
    forget_ips: Callable


def sources(user=None):
    """Every registered source; with ``user``, those the user may handle."""
    found = [source for hook in hooks.get_hooks(HOOK) for source in hook()]
    return [source for source in found if user is None or source.may(user)]


def may_handle_requests(user):
    return bool(user and user.is_authenticated and user.is_active and sources(user))


def find(email, user):
    """(source name, how many records) for each source ``user`` may handle."""
    return [(source.name, source.find(email)) for source in sources(user)]


def export_json(email, user):
    """What the sources ``user`` may handle hold about ``email``, as one JSON document."""
    data = {
        "email": email,
        "exported_at": timezone.now(),
        **{source.name: source.export(email) for source in sources(user)},
    }
    return json.dumps(data, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder)


def erase(email, user):
    """Erase ``email`` from every source ``user`` may handle, all or nothing."""
    with transaction.atomic():
        return [(source.name, source.erase(email, user)) for source in sources(user)]


def forget_old_ips(now=None):
    """Clear IP addresses older than ``NEWSDESK_READER_IP_DAYS`` in every source."""
    before = (now or timezone.now()) - timedelta(days=settings.NEWSDESK_READER_IP_DAYS)
    return [(source.name, source.forget_ips(before)) for source in sources()]
