#!/usr/bin/env sh
# Print the newest Python >= 3.12 on this machine (PATH first, then pyenv's versions).
# Django 6.1 needs 3.12+; Debian 12's default python3 is 3.11.
set -u
ok() { "$1" -c 'import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; }
best=""; best_ver=""
consider() {
  [ -x "$1" ] || return 0
  ok "$1" || return 0
  ver=$("$1" -c 'import sys; print("%d.%03d.%03d" % sys.version_info[:3])')
  if [ -z "$best_ver" ] || [ "$ver" \> "$best_ver" ]; then best="$1"; best_ver="$ver"; fi
}
for name in python3.14 python3.13 python3.12 python3; do
  path=$(command -v "$name" 2>/dev/null) && consider "$path"
done
for path in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/*/bin/python3; do consider "$path"; done
if [ -z "$best" ]; then
  echo "No Python 3.12 or newer found (Django 6.1 needs it)." >&2
  echo "Install one, e.g. 'pyenv install 3.12' or 'apt-get install python3.12 python3.12-venv'," >&2
  echo "or point PYTHON at it: make PYTHON=/path/to/python3.12 test" >&2
  exit 1
fi
echo "$best"
