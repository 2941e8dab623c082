import pytest
from django.test import RequestFactory

from newsdesk.core.views import server_error


def test_500_page_renders_without_touching_the_database():
    # No django_db mark: any query here would raise.
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.django_db
def test_an_error_in_a_view_gives_the_500_page_not_a_traceback(client, home, monkeypatch, caplog):
    from newsdesk.home.models import HomePage

    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(HomePage, "get_context", broken)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "database on fire" not in html
    assert "database on fire" in caplog.text
