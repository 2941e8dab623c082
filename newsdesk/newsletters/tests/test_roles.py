import pytest
from django.urls import reverse

from newsdesk.testing import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("group, allowed", [("Editors", True), ("Reporters", False)])
def test_editors_manage_lists_and_reporters_do_not(client, group, allowed):
    client.force_login(make_user("someone", group))

    response = client.get(reverse("wagtailsnippets_newsletters_newsletter:list"))

    assert (response.status_code == 200) is allowed
