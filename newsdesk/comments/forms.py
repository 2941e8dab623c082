import re

from django import forms

from newsdesk.core import antispam
from newsdesk.core.text import control_character

from .models import BODY_LIMIT

# Invisible characters that reorder or hide text: right-to-left overrides and isolates.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
STARTED_SALT = "newsdesk.comments.form-started"


def _refuse_hidden_characters(value, what):
    if DIRECTION_CONTROLS.search(value):
        raise forms.ValidationError(
            f"Your {what} contains invisible characters that change the direction of text; "
            "please type it again without them."
        )
    if control_character(value):
        raise forms.ValidationError(
            f"Your {what} contains control characters; please type it again."
        )


class CommentForm(forms.Form):
    """What a reader fills in; spam checks and limits come after (posting.py)."""

    name = forms.CharField(
        max_length=80,
        help_text="Shown with your comment.",
        error_messages={"required": "Give the name to show with your comment."},
    )
    email = forms.EmailField(
        max_length=254,
        help_text="Never shown. Used only if an editor needs to reach you.",
        error_messages={"required": "Give your e-mail address; it is never shown."},
    )
    body = forms.CharField(
        label="Comment",
        max_length=BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Your comment is empty.",
            "max_length": f"Keep your comment under {BODY_LIMIT:,} characters.",
        },
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Filled in only by programs that fill every field; people never see it.
    website = forms.CharField(required=False, label="Leave this empty")
    started = forms.CharField(widget=forms.HiddenInput)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        _refuse_hidden_characters(name, "name")
        if not name:
            raise forms.ValidationError("Give the name to show with your comment.")
        return name

    def clean_body(self):
        # Browsers send line breaks as CRLF; some programs as a lone CR.
        body = self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n").strip()
        _refuse_hidden_characters(body, "comment")
        if not body:
            raise forms.ValidationError("Your comment is empty.")
        return body

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        _refuse_hidden_characters(email, "e-mail address")
        # The domain is case-insensitive; the part before @ is kept as typed (comparisons
        # ignore its case).
        local, _, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean_started(self):
        shown = antispam.read_time_token(self.cleaned_data["started"], STARTED_SALT)
        if shown is None:
            raise forms.ValidationError(
                "This form has expired or was changed; please reload the page and try again."
            )
        # Posting uses the one-off id to take each form once.
        started, self.cleaned_data["form_id"] = shown
        return started

    @staticmethod
    def started_token(now):
        return antispam.time_token(now, STARTED_SALT)
