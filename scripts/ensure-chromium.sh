#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing.
# Needs root (CI and these machines run as root); says what to do otherwise.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: chromium is missing; install it with: sudo apt-get install chromium" >&2
  exit 1
fi
echo "ensure-chromium: installing Debian's chromium" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
