#!/usr/bin/env bash
# The test suites use Debian's redis-server and chromium (never a downloaded browser).
# Installs whichever is missing, so `npm test` works on a fresh machine.
set -euo pipefail
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "Please install: ${need[*]} (apt-get install -y ${need[*]})" >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -ne 0 ] && as_root=(sudo)
echo "Installing ${need[*]} (needed by the test suites)..."
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
