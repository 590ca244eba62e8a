#!/usr/bin/env bash
# Builds the front-end into frontend/dist: cargo (wasm32, std from source) → wasm-split →
# wasm-bindgen → wasm-opt, plus the static files. Prints the wasm and js sizes, raw and brotli.
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

# Cut the wasm at its split points (the lazily loaded pages of src/app.rs): the main module goes
# on to wasm-bindgen, each page's own code to a chunk fetched by __wasm_split.js when the page
# is first opened. The linker's relocations (-Clink-args=--emit-relocs in .cargo/config.toml)
# are what lets wasm-split move code between modules.
split=frontend/target/split
rm -rf "$split" "$dist.tmp" && mkdir -p "$split" "$dist.tmp"
wasm-split-cli "$wasm" "$split" --target web --out-name market_frontend
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-name market_frontend \
  --out-dir "$dist.tmp" "$split/market_frontend.wasm"
rm "$split/market_frontend.wasm"
cp "$split"/* "$dist.tmp/"
# wasm-opt (binaryen's, from npm) on every module, one per core at a time.
[[ $profile == dev ]] || find "$dist.tmp" -name '*.wasm' -print0 | xargs -0 -P "$(nproc)" -I{} \
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue -o {} {}
cp frontend/static/* "$dist.tmp/"
rm -rf "$dist" && mv "$dist.tmp" "$dist"

node scripts/size-report.mjs "$dist"
