#!/usr/bin/env bash
# Fuzzes the domain's parsers and command handling (shared/fuzz, cargo-fuzz with libFuzzer) for a
# bounded time: `scripts/fuzz.sh [seconds per target] [target...]` (default 20 s, every target).
# Builds every target once, then runs them two at a time (the build machine has two cores), each
# from its seed corpus (shared/fuzz/seeds/<target>, committed) and the corpus earlier runs grew
# (shared/fuzz/corpus/<target>, not committed). Fails if any target crashes, printing the
# failing input (saved under shared/fuzz/artifacts/<target>/) and the panic.
#
# CI has no nightly toolchain: the targets build on stable, with RUSTC_BOOTSTRAP=1 letting
# cargo-fuzz pass its unstable flags (-Zsanitizer=address and the coverage instrumentation).
# FUZZ_SANITIZER=none builds without AddressSanitizer (faster to build and run; the domain crate
# has no unsafe code, so the checks that matter are its own assertions). FUZZ_JOBS sets how many
# targets run at once. FUZZ_SUMMARY names a file to write one line per target to (tab-separated:
# target, runs, seconds, runs per second, corpus entries, crashed 0/1), for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

seconds=${1:-20}
shift || true
sanitizer=${FUZZ_SANITIZER:-address}
jobs=${FUZZ_JOBS:-2}
root=$PWD
target_dir="${CARGO_TARGET_DIR:-$root/target}/fuzz"
export RUSTC_BOOTSTRAP=1
fuzz() { cargo +stable fuzz "$1" --sanitizer "$sanitizer" --target-dir "$target_dir" "${@:2}"; }

cd shared/fuzz
if (($#)); then targets=("$@"); else mapfile -t targets < <(cargo +stable fuzz list); fi
logs=$(mktemp -d -t fuzz-logs.XXXXXX)
trap 'rm -rf "$logs"' EXIT

started=$SECONDS
fuzz build
printf '[fuzz] built %s targets (sanitizer: %s) in %ss\n' "${#targets[@]}" "$sanitizer" "$((SECONDS - started))"

run_one() {
  local target=$1
  mkdir -p "corpus/$target" "artifacts/$target"
  # -print_final_stats gives the run count and rate; the seeds are read, never written to.
  if fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 >"$logs/$target.log" 2>&1; then
    echo 0 >"$logs/$target.rc"
  else
    echo $? >"$logs/$target.rc"
  fi
}

running=0
for target in "${targets[@]}"; do
  if ((running >= jobs)); then
    wait -n
    running=$((running - 1))
  fi
  run_one "$target" &
  running=$((running + 1))
done
wait

failed=0
summary=()
for target in "${targets[@]}"; do
  log="$logs/$target.log"
  rc=$(cat "$logs/$target.rc")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "corpus/$target" -type f | wc -l)
  crashed=0
  if [ "$rc" != 0 ]; then
    crashed=1
    failed=1
    printf '\n[fuzz] %s FAILED (exit %s):\n' "$target" "$rc"
    # The panic and libFuzzer's report, then the input that caused it.
    grep -v '^#[0-9]' "$log" | tail -40
    artifact=$(sed -n 's/.*Test unit written to \(\S*\).*/\1/p' "$log" | tail -1)
    if [ -n "$artifact" ] && [ -f "$artifact" ]; then
      printf '[fuzz] the input (%s); replay it with:\n  (cd shared/fuzz && RUSTC_BOOTSTRAP=1 cargo +stable fuzz run --sanitizer %s --target-dir %s %s %s)\n' \
        "shared/fuzz/$artifact" "$sanitizer" "$target_dir" "$target" "$artifact"
      od -c "$artifact" | head -20
    fi
  fi
  printf '[fuzz] %-12s %9s runs in %ss (%s/s), corpus %s%s\n' "$target" "${runs:-?}" "$seconds" \
    "${rate:-?}" "$corpus" "$([ $crashed = 1 ] && echo ', CRASHED' || true)"
  summary+=("$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$target" "${runs:-0}" "$seconds" "${rate:-0}" "$corpus" "$crashed")")
done
if [ -n "${FUZZ_SUMMARY:-}" ]; then
  case $FUZZ_SUMMARY in /*) out=$FUZZ_SUMMARY ;; *) out=$root/$FUZZ_SUMMARY ;; esac
  printf '%s\n' "${summary[@]}" >"$out"
fi
printf '[fuzz] done in %ss\n' "$((SECONDS - started))"
exit "$failed"
