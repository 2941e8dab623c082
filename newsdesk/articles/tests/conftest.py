"""Logins the stories' tests share: one reporter and one editor, in the newsroom's groups."""

import pytest

from newsdesk.testing import make_user


@pytest.fixture
def editor(db):
    return make_user("editor", "Editors")


@pytest.fixture
def reporter(db):
    return make_user("reporter", "Reporters")
