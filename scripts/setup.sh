#!/usr/bin/env bash
# Installs everything the marketplace needs to build, run and test, idempotently:
# Debian packages (the wasm-capable Rust toolchain and Chromium), npm packages, and the
# cargo-installed tools (kept in a cache outside the repository, rebuilt only on a version change).
# Fast when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

log() { printf '[setup] %s\n' "$*" >&2; }

# --- Debian packages -------------------------------------------------------------------------
# rustc-web & co.: Debian's Rust with the std source, so std can be built for wasm32 without
# rustup's download server; lld-22 is what rust-web-llvm's rust-lld points at. Chromium renders
# the e2e screenshots with the Noto CJK fonts. wrk drives `npm run bench`'s reads per second.
apt_packages=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22 chromium chromium-driver fonts-noto-cjk wrk)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- the toolchain that builds the front-end --------------------------------------------------
# frontend/rust-toolchain.toml names this toolchain; it is Debian's compiler under /usr.
if ! rustup toolchain list | grep -q "^${WEB_TOOLCHAIN}"; then
  log "linking rustup toolchain ${WEB_TOOLCHAIN} -> /usr"
  rustup toolchain link "$WEB_TOOLCHAIN" /usr
fi

# --- npm packages ------------------------------------------------------------------------------
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# --- cargo-installed tools ---------------------------------------------------------------------
# wasm-bindgen-cli must match the wasm-bindgen library version in frontend/Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' frontend/Cargo.lock)
if [ "$("$TOOLS_DIR/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  log "building wasm-bindgen-cli $wb_version (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wb_version" --root "$TOOLS_DIR" --quiet
fi
# wasm-split cuts the front-end's lazily loaded pages out of the main wasm module (its format
# version must match the wasm_split_helpers crate that leptos builds in).
split_version=0.2.4
if ! { [ -x "$TOOLS_DIR/bin/wasm-split-cli" ] &&
  cargo install --list --root "$TOOLS_DIR" | grep -x "wasm_split_cli_support v${split_version}:" >/dev/null; }; then
  log "building wasm-split-cli $split_version (about a minute, once)"
  cargo install wasm_split_cli_support --version "$split_version" --locked --features build-binary \
    --root "$TOOLS_DIR" --quiet
fi
# dynoxide: a DynamoDB-compatible server on SQLite, for testing the DynamoDB store engine
# (scripts/test.sh runs it on loopback). Only its HTTP server and CLI are built. Its
# `--version` reports a product version, not the crate's, so cargo's install record decides.
dynoxide_version=3.2.0
if ! { [ -x "$TOOLS_DIR/bin/dynoxide" ] &&
  cargo install --list --root "$TOOLS_DIR" | grep -x "dynoxide-rs v${dynoxide_version}:" >/dev/null; }; then
  log "building dynoxide $dynoxide_version (about 3 minutes, once)"
  cargo install dynoxide-rs --version "$dynoxide_version" --locked --no-default-features \
    --features native-sqlite,http-server,cli --root "$TOOLS_DIR" --quiet
fi
# cargo-fuzz: runs the domain's fuzz targets (shared/fuzz, scripts/fuzz.sh) with libFuzzer, on the
# stable toolchain (RUSTC_BOOTSTRAP=1 lets it pass the -Z flags it needs).
fuzz_version=0.13.2
if ! { [ -x "$TOOLS_DIR/bin/cargo-fuzz" ] &&
  cargo install --list --root "$TOOLS_DIR" | grep -x "cargo-fuzz v${fuzz_version}:" >/dev/null; }; then
  log "building cargo-fuzz $fuzz_version (a minute or two, once)"
  cargo install cargo-fuzz --version "$fuzz_version" --locked --root "$TOOLS_DIR" --quiet
fi
# --- Python tools (the infra linters, the OpenAPI validator, schemathesis), in a venv outside the
# repository ------------------------
if [ ! -x "$VENV_DIR/bin/python" ]; then
  log "creating the Python venv $VENV_DIR"
  python3 -m venv "$VENV_DIR"
fi
if ! cmp -s infra/requirements.txt "$VENV_DIR/requirements.txt"; then
  log "installing Python tools"
  "$VENV_DIR/bin/pip" install --quiet --disable-pip-version-check -r infra/requirements.txt
  cp infra/requirements.txt "$VENV_DIR/requirements.txt"
fi
log "tools ready"
