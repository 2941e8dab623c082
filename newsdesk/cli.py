"""
``newsdesk``: the operator's command.

``newsdesk demo`` sets up and serves the demo site, ``newsdesk serve`` serves the site
with a production WSGI server; any other command is handed to Django's ``manage.py``
(``newsdesk migrate``, ``newsdesk createsuperuser``, ``newsdesk publish_scheduled``).
"""

import argparse
import os
import subprocess
import sys

DEFAULT_SETTINGS = "newsdesk.settings.production"
DEMO_SETTINGS = "newsdesk.settings.dev"


def _setup(default_settings):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as error:
        sys.exit(f"newsdesk cannot start. {error}")


def _manage(*args):
    from django.core.management import call_command

    call_command(*args)


def serve(host, port, workers):
    """Replace this process with gunicorn serving the site."""
    _setup(DEFAULT_SETTINGS)
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "newsdesk.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("NEWSDESK_FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]
    sys.stdout.flush()
    os.execv(sys.executable, argv)  # noqa: S606 (fixed argv, no shell)


def start_scheduler(interval=30):
    """
    Start scheduled publishing in a process of its own beside the web server: stories
    go live at their embargo time and come down at their expiry time.
    """
    return subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
        [sys.executable, "-m", "newsdesk.cli", "run_scheduler", "--interval", str(interval)]
    )


def demo(host, port, workers):
    """Install the demo site (once) and serve it, with scheduled publishing running."""
    _setup(DEMO_SETTINGS)
    _manage("migrate", "--no-input", "--verbosity", "0")
    _manage("collectstatic", "--no-input", "--verbosity", "0")
    _manage("load_demo", "--host", host, "--port", str(port))
    start_scheduler()
    print(f"\nServing the demo on http://{host}:{port}/ (Ctrl+C to stop)\n", flush=True)
    serve(host, port, workers)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="newsdesk", description=__doc__.split("\n\n")[1])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in (
        ("demo", "set up the demo content and serve it"),
        ("serve", "serve the site with gunicorn"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--host", default="127.0.0.1")
        command.add_argument("--port", type=int, default=8000)
        command.add_argument(
            "--workers", type=int, default=int(os.environ.get("NEWSDESK_WORKERS", "2"))
        )
    if argv and argv[0] not in ("demo", "serve", "-h", "--help"):
        _setup(DEFAULT_SETTINGS)
        from django.core.management import execute_from_command_line

        execute_from_command_line(["newsdesk", *argv])
        return
    args = parser.parse_args(argv)
    if args.command == "demo":
        demo(args.host, args.port, args.workers)
    elif args.command == "serve":
        serve(args.host, args.port, args.workers)
    else:
        parser.print_help()


if __name__ == "__main__":
    main()
