#!/usr/bin/env bash
# The heavy bad-input runs of `npm run bench`: every fuzz target for FUZZ_SECONDS (default 180)
# and schemathesis with SCHEMATHESIS_EXAMPLES examples per operation (default 10, well over
# 5,000 requests in all) as each role and anonymously; then writes the figures to the "Bad
# input" section of docs/performance.md, whatever the outcome, and fails if either run failed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

out=${CARGO_TARGET_DIR:-$PWD/target}/bad-input
mkdir -p "$out"
rm -f "$out/fuzz.tsv" "$out/schemathesis.json"
status=0

FUZZ_SUMMARY="$out/fuzz.tsv" bash scripts/fuzz.sh "${FUZZ_SECONDS:-180}" || status=1

cargo build --quiet --bin market-local
"$VENV_DIR/bin/python" scripts/schemathesis.py --max-examples "${SCHEMATHESIS_EXAMPLES:-10}" --jobs 5 \
  --bin "${CARGO_TARGET_DIR:-$PWD/target}/debug/market-local" --out "$out/schemathesis" \
  --summary "$out/schemathesis.json" || status=1

python3 scripts/bad_input_report.py "$out" docs/performance.md
exit "$status"
