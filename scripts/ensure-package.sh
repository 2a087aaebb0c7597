#!/usr/bin/env bash
# ensure-package.sh COMMAND [PACKAGE]: installs Debian's PACKAGE (default:
# COMMAND) when COMMAND is missing, e.g. chromium for the browser tests or
# brotli for the benchmarks. Needs root (CI and these machines run as
# root); says what to do otherwise.
set -euo pipefail
cmd=${1:?usage: ensure-package.sh COMMAND [PACKAGE]}
pkg=${2:-$cmd}
if command -v "$cmd" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-package: $cmd is missing; install it with: sudo apt-get install $pkg" >&2
  exit 1
fi
echo "ensure-package: installing Debian's $pkg" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "$pkg" >/dev/null
command -v "$cmd" >/dev/null
