#!/usr/bin/env bash
# Builds the front-end into frontend/dist: cargo (wasm32, std from source) → wasm-bindgen →
# wasm-opt, plus the static files. Prints the wasm and js sizes, raw and brotli.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

dist=frontend/dist
# MARKET_FRONTEND_PROFILE=dev builds faster for trying pages out: no release optimisation, no
# wasm-opt (a much bigger wasm). Tests and releases use the default, release.
profile=${MARKET_FRONTEND_PROFILE:-release}
if [[ $profile == dev ]]; then dir=debug; else dir=release; fi
wasm=frontend/target/wasm32-unknown-unknown/$dir/market-frontend.wasm

# rust-toolchain.toml in frontend/ selects Debian's compiler; .cargo/config.toml there sets the
# target and build-std.
(cd frontend && cargo build --profile "$profile" --quiet)

rm -rf "$dist.tmp" && mkdir -p "$dist.tmp"
wasm-bindgen --target web --no-typescript --out-name market_frontend --out-dir "$dist.tmp" "$wasm"
[[ $profile == dev ]] || wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  -o "$dist.tmp/market_frontend_bg.wasm" "$dist.tmp/market_frontend_bg.wasm"
cp frontend/static/* "$dist.tmp/"
rm -rf "$dist" && mv "$dist.tmp" "$dist"

node scripts/size-report.mjs "$dist"
