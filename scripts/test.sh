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
# The run above used the compiled analyzer when it is built (`make analyzer`); its rules are tested once more
# on the interpreted sources, which run wherever it cannot be built.
if [ "$status" -eq 0 ] && [ "$#" -eq 0 ] && "$BIN/python" -c 'import sys, domain.analysis as a; sys.exit(not a.COMPILED)'; then
  echo "the analyzer's unit tests again, interpreted:"
  AGENT_ASSIST_COMPILED_ANALYZER=0 "$BIN/python" -m pytest -q -p no:cacheprovider tests/unit/test_analysis*.py || status=$?
fi
exit "$status"
