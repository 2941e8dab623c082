"""
Mail transport: Django's SMTP backend with two additions every sender here needs.

- **DKIM.** With ``NEWSDESK_DKIM_DOMAIN``, ``NEWSDESK_DKIM_SELECTOR`` and a private key
  set, every message is signed (dkimpy) before it leaves, List-Unsubscribe headers
  included, as RFC 8058 asks. Newsrooms that send from their own server need it to reach
  inboxes; a provider's API signs for itself.
- **The point of no return, reported.** An SMTP server takes a message when it reads the
  full stop that ends its data; before that, a dropped connection discards it. A message
  may carry ``handover``, a callable this backend calls just before sending that full
  stop, so the newsletter engine can record that the message is about to be accepted.
  A worker killed before the call sent nothing; one killed after it may have sent the
  message (``newsletters.sending`` says what happens then).

The provider is chosen in settings (``NEWSDESK_MAIL_PROVIDER``); see docs/newsletters.md.
"""

import contextlib
import re
import smtplib
import socket

import dkim
from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend
from django.core.mail.message import sanitize_address

# Signed when present. From is required by DKIM; the List-* headers by RFC 8058.
SIGNED_HEADERS = (
    b"From",
    b"To",
    b"Subject",
    b"Date",
    b"Message-ID",
    b"Reply-To",
    b"MIME-Version",
    b"Content-Type",
    b"List-Id",
    b"List-Unsubscribe",
    b"List-Unsubscribe-Post",
)

LEADING_DOT = re.compile(rb"(?m)^\.")


def dkim_key():
    """The configured private key as bytes, or None when DKIM signing is off."""
    key = settings.NEWSDESK_DKIM.get("private_key", "")
    if not (
        key and settings.NEWSDESK_DKIM.get("domain") and settings.NEWSDESK_DKIM.get("selector")
    ):
        return None
    return key.encode() if isinstance(key, str) else key


def dkim_sign(data):
    """``data`` (a whole message, CRLF line ends) with a DKIM-Signature header in front."""
    key = dkim_key()
    if key is None:
        return data
    present = {
        name.split(b":", 1)[0].strip().lower()
        for name in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
        if b":" in name and not name[:1].isspace()
    }
    signature = dkim.sign(
        data,
        settings.NEWSDESK_DKIM["selector"].encode(),
        settings.NEWSDESK_DKIM["domain"].encode(),
        key,
        include_headers=[h for h in SIGNED_HEADERS if h.lower() in present],
    )
    return signature + data


class SMTPBackend(EmailBackend):
    """Django's SMTP backend, signing with DKIM and reporting the point of no return."""

    reports_handover = True

    def open(self):
        opened = super().open()
        sock = getattr(self.connection, "sock", None)
        if opened and sock is not None:
            # The final full stop goes in a packet of its own after the data; with
            # Nagle's algorithm it would wait for the server's delayed ACK (~40 ms a
            # message).
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return opened

    def _send(self, email_message):
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(email_message.from_email, encoding)
        recipients = [sanitize_address(a, encoding) for a in email_message.recipients()]
        data = dkim_sign(email_message.message().as_bytes(linesep="\r\n"))
        handover = getattr(email_message, "handover", None)
        try:
            if handover is None:
                self.connection.sendmail(sender, recipients, data)
            else:
                self._transaction(sender, recipients, data, handover)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True

    def _transaction(self, sender, recipients, data, handover):
        """
        smtplib's ``sendmail``, split before the final full stop so that ``handover`` runs
        while the server can still drop the message. Refusals raise as ``sendmail`` does.
        """
        smtp = self.connection
        smtp.ehlo_or_helo_if_needed()
        options = [f"size={len(data)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
        code, reply = smtp.mail(sender, options)
        if code != 250:
            self._reset(smtp)
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        refused = {}
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, reply)
        if len(refused) == len(recipients):
            self._reset(smtp)
            raise smtplib.SMTPRecipientsRefused(refused)
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            self._reset(smtp)
            raise smtplib.SMTPDataError(code, reply)
        body = LEADING_DOT.sub(b"..", data)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        smtp.send(body)
        handover()
        smtp.send(b".\r\n")
        code, reply = smtp.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)

    @staticmethod
    def _reset(smtp):
        with contextlib.suppress(smtplib.SMTPServerDisconnected):
            smtp.rset()
