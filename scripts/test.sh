#!/usr/bin/env bash
# `npm test`: installs whatever is missing, then runs every check and test. Stops at the first
# failure with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

step() { printf '\n=== %s\n' "$*"; }
started=$SECONDS

step "setup"
bash scripts/setup.sh

step "format"
cargo fmt --all -- --check
cargo +stable fmt --manifest-path frontend/Cargo.toml -- --check

step "clippy (native workspace)"
cargo clippy --workspace --all-targets --all-features --quiet -- -D warnings
# The front-end is linted natively with the stable toolchain (Debian's has no clippy); the
# code is the same, only the target differs. Its own target dir keeps the wasm build apart.
step "clippy (front-end)"
cargo +stable clippy --manifest-path frontend/Cargo.toml --target-dir target/frontend-lint --quiet -- -D warnings

# No import cycles among the modules of any crate, and no page importing another (docs/architecture.md).
step "import cycles and page boundaries (shared, functions, frontend)"
cargo run --quiet -p market-modules -- --apart crate::pages shared/src functions/src frontend/src

step "infra lint"
"$VENV_DIR/bin/cfn-lint" infra/template.yaml
# Offline: --lint checks the template locally; the SAM CLI only wants a region and some
# credentials to start, and no telemetry.
AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x SAM_CLI_TELEMETRY=0 \
  "$VENV_DIR/bin/sam" validate --lint --template-file infra/template.yaml

step "unit and API tests (DynamoDB engine against dynoxide on loopback)"
(
  trap stop_dynoxide EXIT
  start_dynoxide
  cargo test --workspace
)

# Short versions of the bad-input runs (`npm run bench` has the long ones): each fuzz target of
# the domain crate for 10 s, and generated requests to the whole API as each role (the
# market-local the API tests built, on its demo data).
# Without AddressSanitizer here (quicker to build; the domain crate has no unsafe code): the
# long runs of `npm run bench` keep it.
step "bad input: fuzzing the domain (10 s per target)"
FUZZ_SANITIZER=none bash scripts/fuzz.sh 10
step "bad input: generated requests to the API as each role (schemathesis)"
cargo build --quiet --bin market-local
"$VENV_DIR/bin/python" scripts/schemathesis.py --max-examples 1 --jobs 5 --seed 1 \
  --bin "${CARGO_TARGET_DIR:-target}/debug/market-local"

step "OpenAPI document (generated from the routes) validated"
cargo build --quiet --bin market-admin
target/debug/market-admin openapi > target/openapi.json
"$VENV_DIR/bin/openapi-spec-validator" target/openapi.json

step "OCDS releases and records of the demo data validated (OCDS 1.1.5 schemas in ../shared, with our extension)"
rm -rf target/ocds
target/debug/market-admin ocds target/ocds
"$VENV_DIR/bin/python" scripts/validate-ocds.py target/ocds

step "front-end build (wasm)"
bash scripts/build-frontend.sh

step "end-to-end tests (headless Chromium)"
cargo build --quiet --bin market-local --features test-hooks
npm run --silent e2e

printf '\n=== all checks passed in %ss\n' "$((SECONDS - started))"
