#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing (never a browser that a
# test tool downloads). Needs root or sudo on a machine without it, as on a fresh CI machine.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq chromium >/dev/null
