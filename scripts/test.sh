#!/usr/bin/env bash
# Runs the whole test suite: import contracts, then every tier (unit, integration, e2e) in one pytest run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

bash scripts/install-test-deps.sh

"$BIN/lint-imports"

set +e
"$BIN/python" -m pytest "$@"
status=$?
set -e
# pytest exits 5 when it collected nothing: that is a broken suite, not a pass.
if [ "$status" -eq 5 ]; then
  echo "no tests were collected" >&2
  exit 1
fi
exit "$status"
