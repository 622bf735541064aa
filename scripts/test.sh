#!/usr/bin/env bash
# Runs the test suite. The rsvg-convert test needs librsvg2-bin, so this
# installs it with apt when it is missing and the user is root.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rsvg-convert >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librsvg2-bin
  else
    echo "rsvg-convert is missing: install the Debian package librsvg2-bin" \
      "(sudo apt-get install librsvg2-bin), then run this script again" >&2
    exit 2
  fi
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is missing: install Rust with rustup" >&2
  exit 2
fi

cargo --version
cargo test
