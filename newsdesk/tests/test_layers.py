"""
The layers contract names every app, and docs/architecture.md draws the same layers.
(import-linter itself checks the imports, in `make lint`.)
"""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _contract_layers():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    # Listed top first; the bottom layer is 0.
    return {
        module.strip().removeprefix("newsdesk."): number
        for number, layer in enumerate(reversed(layers))
        for module in re.split(r"[|:]", layer)
    }


def test_every_newsdesk_app_has_a_place_in_the_layers_contract():
    apps = {
        app.removeprefix("newsdesk.")
        for app in settings.INSTALLED_APPS
        if app.startswith("newsdesk.")
    }

    assert set(_contract_layers()) == apps


def test_docs_architecture_draws_the_layers_of_the_contract():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    drawn = {app: int(layer) for layer, app in re.findall(r"^\| (\d+) \| `(\w+)` \|", text, re.M)}

    assert drawn == _contract_layers()
