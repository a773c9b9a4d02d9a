#!/usr/bin/env bash
# Make sure the Debian packages the tests need are present: Chromium (browser tests), the
# PostgreSQL server binaries (the throwaway test cluster), and Redis and nginx (the production
# topology on loopback, devtools/prodlike.py). Installs them when running as root
# with apt-get; otherwise prints the exact command and fails, so no test is silently skipped.
set -euo pipefail
missing=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if ! command -v redis-server >/dev/null 2>&1; then
  missing+=(redis-server)
fi
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  missing+=(nginx)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
else
  echo "Cannot install them here. Run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
