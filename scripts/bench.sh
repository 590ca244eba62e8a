#!/usr/bin/env bash
# `npm run bench`: every measurement against the project's targets, each rewriting its section of
# docs/performance.md. Heavy (about half an hour on the 2-core machine); `npm test` keeps short
# versions of the load and bad-input runs. Installs what it needs first (scripts/setup.sh),
# like `npm test`. Stops at the first failure with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

step() { printf '\n=== %s\n' "$*"; }
started=$SECONDS
target=${CARGO_TARGET_DIR:-$PWD/target}

step "setup"
bash scripts/setup.sh

step "selection and verification among 1,000 quotes (criterion)"
cargo bench -p market-domain --bench selection -- --warm-up-time 1 --measurement-time 3
python3 scripts/selection_report.py "$target/criterion" docs/performance.md

step "the functions: size, cold start (DynamoDB engine against dynoxide on loopback), the endpoints most used, reads per second"
(
  trap stop_dynoxide EXIT
  start_dynoxide
  cargo bench -p market-functions --bench functions
)

step "bad input: long fuzzing and generated requests as each role"
bash scripts/bench-bad-input.sh

step "front-end: size and first render (release build)"
bash scripts/build-frontend.sh
cargo build --release --quiet --bin market-local
node scripts/bench-frontend.mjs

printf '\n=== docs/performance.md rewritten in %ss\n' "$((SECONDS - started))"
