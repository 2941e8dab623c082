"""A page's history keeps one "Draft saved" line per revision, however often it autosaves."""

import pytest
from wagtail.models import PageLogEntry

pytestmark = pytest.mark.django_db


def test_saving_into_the_same_revision_again_keeps_one_line(article, django_user_model):
    writer = django_user_model.objects.create_user("writer", password="x")
    first = article.save_revision(user=writer, log_action=True)
    for _ in range(5):  # what the editor's autosave does every few seconds
        article.save_revision(user=writer, log_action=True, overwrite_revision=first)
    second = article.save_revision(user=writer, log_action=True)

    lines = PageLogEntry.objects.filter(page=article, action="wagtail.edit")
    assert sorted(lines.values_list("revision_id", flat=True)) == sorted([first.pk, second.pk])
    # Other kinds of entry are untouched.
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish").exists()
