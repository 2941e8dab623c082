"""
How newsdesk's browser tests and scripts start Debian's Chromium: headless, as root
without the sandbox, and with nothing fetched from outside (the machines that run them
may have no general internet access, and Chromium's background connections would only
be refused).
"""

import shutil

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def executable():
    """Debian's Chromium, or ``None`` where it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")
