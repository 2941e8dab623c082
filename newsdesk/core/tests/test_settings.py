"""The production settings refuse to start without what a public site needs."""

import os
import subprocess
import sys

import pytest

COMPLETE = {
    "NEWSDESK_SECRET_KEY": "q8V-2mZrT7xLp0aWcN4eYb9KdHs6GjU3fRk1oIv5nQ",
    "NEWSDESK_ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "postgres://news:secret@db.example.org:5432/news",
    "NEWSDESK_BASE_URL": "https://news.example.org",
}


def _load_production(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DATABASE"))}
    env.update(COMPLETE)
    env.update(overrides)
    env = {k: v for k, v in env.items() if v is not None}
    code = (
        "import newsdesk.settings.production as s;"
        "print(s.DATABASES['default']['ENGINE'], s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


def test_production_starts_with_every_setting_given():
    result = _load_production()

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "True", "31536000"]


@pytest.mark.parametrize(
    "variable", ["NEWSDESK_SECRET_KEY", "NEWSDESK_ALLOWED_HOSTS", "DATABASE_URL"]
)
def test_production_refuses_to_start_and_names_the_missing_variable(variable):
    result = _load_production(**{variable: None})

    assert result.returncode != 0
    assert f"ImproperlyConfigured: Set {variable}:" in result.stderr


@pytest.mark.parametrize(
    "key, reason",
    [
        ("short", "shorter than 32 characters"),
        ("x" * 50, "repeats a few characters"),
        ("abcdefghijkl" * 4, "a short pattern repeated"),
        ("django-insecure-" + "q8V2mZrT7xLp0aWcN4eYb9KdHs6G", "contains “django-insecure”"),
        ("ChangeMe-q8V2mZrT7xLp0aWcN4eYb9KdHs6GjU3", "contains “changeme”"),
    ],
)
def test_production_refuses_a_weak_secret_key_and_says_why(key, reason):
    result = _load_production(NEWSDESK_SECRET_KEY=key)

    assert result.returncode != 0
    assert "the current value is weak" in result.stderr
    assert reason in result.stderr


def test_production_refuses_sqlite_unless_told_explicitly(tmp_path):
    refused = _load_production(DATABASE_URL=f"sqlite:///{tmp_path}/site.sqlite3")
    allowed = _load_production(
        DATABASE_URL=None, NEWSDESK_ALLOW_SQLITE="true", NEWSDESK_DATA_DIR=str(tmp_path)
    )

    assert refused.returncode != 0
    assert "NEWSDESK_ALLOW_SQLITE=true" in refused.stderr
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.split()[0] == "django.db.backends.sqlite3"


def test_hsts_subdomains_and_preload_are_the_operators_choice():
    code = (
        "import newsdesk.settings.production as s;"
        "print(s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DATABASE"))}
    env.update(COMPLETE, NEWSDESK_HSTS_INCLUDE_SUBDOMAINS="true", NEWSDESK_HSTS_PRELOAD="true")
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )

    assert result.stdout.split() == ["True", "True"], result.stderr


def test_production_refuses_a_malformed_database_url():
    result = _load_production(DATABASE_URL="not a url")

    assert result.returncode != 0
    assert "Set DATABASE_URL to a URL of the form postgres://" in result.stderr


def test_newsdesk_command_prints_the_sentence_without_a_traceback():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "DATABASE"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr.startswith("newsdesk cannot start. Set NEWSDESK_SECRET_KEY:")
    assert "Traceback" not in result.stderr


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path):
    from newsdesk.settings.base import sqlite_database

    database = sqlite_database(tmp_path / "db.sqlite3")

    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] > 0
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
