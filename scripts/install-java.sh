#!/usr/bin/env bash
# Installs Debian's Java runtime for the Nu HTML checker (vnu.jar, from PyPI) that the
# reader-page tests run.
set -euo pipefail
if command -v java >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq default-jre-headless >/dev/null
