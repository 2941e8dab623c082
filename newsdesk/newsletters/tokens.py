"""
The signed links in newsletter e-mails. Each names one row and what it may do; forging or
changing one breaks its signature. Confirmation links expire; unsubscribe and
preferences links work for as long as the e-mails carrying them are read.
"""

from django.core import signing

CONFIRM = "newsdesk.newsletters.confirm"
UNSUBSCRIBE = "newsdesk.newsletters.unsubscribe"
PREFERENCES = "newsdesk.newsletters.preferences"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 7


def confirm_token(subscription):
    return signing.dumps(subscription.pk, salt=CONFIRM)


def unsubscribe_token(subscription, send=None):
    """Names the list subscription, and the send whose e-mail carried it when there is one."""
    if send is None:
        return signing.dumps(subscription.pk, salt=UNSUBSCRIBE)
    return signing.dumps([subscription.pk, send.pk], salt=UNSUBSCRIBE)


def preferences_token(subscriber):
    return signing.dumps(subscriber.pk, salt=PREFERENCES)


def read(token, salt, max_age=None):
    """The row id a token names, or None for a forged, changed or expired one."""
    value = _load(token, salt, max_age)
    if isinstance(value, list) and len(value) == 2:
        value = value[0]
    return value if isinstance(value, int) else None


def read_send(token):
    """The send an unsubscribe token came with, if it names one."""
    value = _load(token, UNSUBSCRIBE, None)
    if isinstance(value, list) and len(value) == 2 and isinstance(value[1], int):
        return value[1]
    return None


def _load(token, salt, max_age):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
