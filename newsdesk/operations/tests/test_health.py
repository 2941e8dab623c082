"""Health endpoints, and a readable 503 page when the database cannot be reached."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refuse():
        raise OperationalError('connection to server at "db" failed: Connection refused')

    monkeypatch.setattr(connection, "ensure_connection", refuse)


def test_healthz_answers_without_the_database(client, database_down):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_readyz_reports_every_dependency(client, home):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True
    assert set(body["checks"]) == {"database", "cache", "storage"}
    assert all(check["ok"] for check in body["checks"].values())


def test_readyz_names_what_failed_without_details(client, database_down):
    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert body["checks"]["cache"]["ok"] and body["checks"]["storage"]["ok"]
    assert "refused" not in response.content.decode()


def test_readers_get_a_readable_page_when_the_database_is_down(home, database_down):
    client = Client(raise_request_exception=False)

    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "<h1>Back in a moment</h1>" in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_other_errors_keep_the_500_page(home, monkeypatch):
    from wagtail.models import Page

    def broken(*args, **kwargs):
        raise ValueError("bug")

    monkeypatch.setattr(Page, "serve", broken)
    client = Client(raise_request_exception=False)

    response = client.get(home.url)

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
