#!/usr/bin/env bash
# Installs Debian's Varnish and Redis for the end-to-end test of the reference deployment
# (newsdesk/tests/test_proxy_end_to_end.py starts and stops its own instances of both).
set -euo pipefail
if command -v varnishd >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq varnish redis-server >/dev/null
