# Shared settings for the project's scripts (sourced, not run).
# The rustup name of Debian's wasm-capable compiler, as frontend/rust-toolchain.toml names it.
export WEB_TOOLCHAIN=debian-web
# Cargo-installed tools live outside the repository so a fresh clone reuses them.
export TOOLS_DIR="${MARKET_TOOLS_DIR:-$HOME/.cache/zhongjie-market/tools}"
# Python tools (infra linters) live in a venv beside them.
export VENV_DIR="${MARKET_VENV_DIR:-$HOME/.cache/zhongjie-market/venv}"
export PATH="$TOOLS_DIR/bin:$PWD/node_modules/.bin:$PATH"
