# Shared settings for the project's scripts (sourced, not run).
# The rustup name of Debian's wasm-capable compiler, as frontend/rust-toolchain.toml names it.
export WEB_TOOLCHAIN=debian-web
# Cargo-installed tools live outside the repository so a fresh clone reuses them.
export TOOLS_DIR="${MARKET_TOOLS_DIR:-$HOME/.cache/zhongjie-market/tools}"
# Python tools (infra linters) live in a venv beside them.
export VENV_DIR="${MARKET_VENV_DIR:-$HOME/.cache/zhongjie-market/venv}"
export PATH="$TOOLS_DIR/bin:$PWD/node_modules/.bin:$PATH"

# Starts dynoxide (installed by setup.sh) in memory on a free loopback port, waits until it
# answers and exports what points the DynamoDB store tests at it, with dummy credentials. Call
# it in a subshell that stops it on the way out: `( trap stop_dynoxide EXIT; start_dynoxide; ... )`.
start_dynoxide() {
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  DYNOXIDE_LOG=$(mktemp -t dynoxide.XXXXXX.log)
  dynoxide --host 127.0.0.1 --port "$port" >"$DYNOXIDE_LOG" 2>&1 &
  DYNOXIDE_PID=$!
  for _ in $(seq 100); do
    if dynoxide healthcheck --host 127.0.0.1 --port "$port" --timeout 1 >/dev/null 2>&1; then
      export MARKET_DYNAMODB_ENDPOINT="http://127.0.0.1:$port"
      export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
      # Tests that need the server fail instead of skipping when it is missing.
      export MARKET_REQUIRE_DYNAMODB=1
      return 0
    fi
    kill -0 "$DYNOXIDE_PID" 2>/dev/null || break
    sleep 0.1
  done
  printf 'dynoxide did not start on 127.0.0.1:%s:\n' "$port" >&2
  cat "$DYNOXIDE_LOG" >&2
  return 1
}

stop_dynoxide() {
  if [ -n "${DYNOXIDE_PID:-}" ]; then
    kill "$DYNOXIDE_PID" 2>/dev/null || true
    wait "$DYNOXIDE_PID" 2>/dev/null || true
    DYNOXIDE_PID=
  fi
  rm -f "${DYNOXIDE_LOG:-}"
}
