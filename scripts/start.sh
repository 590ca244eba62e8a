#!/usr/bin/env bash
# `npm start`: installs whatever is missing, builds, and serves the whole marketplace (front-end
# and every function) at http://127.0.0.1:8080 (PORT overrides). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

bash scripts/setup.sh
bash scripts/build-frontend.sh
# The same build as the browser tests use (no rebuild between the two); the test clock stays off
# unless MARKET_TEST_HOOKS=1.
cargo build --quiet --bin market-local --features test-hooks

export PORT="${PORT:-8080}"
export MARKET_DATA_DIR="${MARKET_DATA_DIR:-$PWD/data}"
export MARKET_STATIC_DIR="$PWD/frontend/dist"
mkdir -p "$MARKET_DATA_DIR"
exec target/debug/market-local
