#!/usr/bin/env bash
# Runs the whole test suite. The dashboard's browser tests drive Debian's Chromium through its
# chromedriver (browser downloads are not possible here), and the deployment test checks
# docker-compose.yml with Debian's docker-compose (no Docker engine needed): installed if missing.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v docker-compose >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver docker-compose >/dev/null
fi
exec mvn -B -ntp verify
