#!/usr/bin/env bash
# Runs the test suite. Some tests need programs from Debian packages:
# rsvg-convert (librsvg2-bin) to convert example SVGs, and Chromium with
# Node.js to open the handbook site in a browser. As root, this installs
# the missing ones with apt. The browser tests also need playwright-core,
# which `npm ci` installs into tests/browser from its package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "missing Debian packages: ${missing[*]}; install them" \
      "(sudo apt-get install ${missing[*]}), then run this script again" >&2
    exit 2
  fi
fi

# playwright-core drives Debian's Chromium and downloads no browser itself.
if [ ! -d tests/browser/node_modules/playwright-core ] \
  || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
  npm ci --prefix tests/browser --no-audit --no-fund
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is missing: install Rust with rustup" >&2
  exit 2
fi

cargo --version
cargo test
