#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests. Playwright drives this build;
# its own browser download cannot be used on machines without general internet access.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
