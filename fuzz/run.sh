#!/usr/bin/env bash
# libFuzzer targets for credkit's parsers of outside input (fuzz/README.md).
#
#   fuzz/run.sh build                  build the instrumented modules and every harness
#   fuzz/run.sh fuzz [SECONDS] [T...]  fuzz each target SECONDS (default 60) from its seed corpus
#   fuzz/run.sh smoke [T...]           replay each committed corpus, then fuzz a few seconds
#
# How it builds (what works with Swift 6.3 on Linux):
#  1. SwiftPM compiles the library modules once into .build-fuzz with `-Xswiftc
#     -sanitize=fuzzer,address`: coverage instrumentation (when compiling, -sanitize=fuzzer
#     only adds sanitizer coverage; nothing is linked yet) plus ASan. Not SwiftPM's own
#     `--sanitize=fuzzer --sanitize=address`: it passes two -sanitize= flags, the last one
#     wins, and the modules end up with ASan but no coverage. Debug builds are compiled with
#     -enable-testing, so harnesses may `@testable import` internal API.
#     Only library targets are built (`--target`, one per call; a second --target replaces the
#     first), so nothing is linked: libFuzzer brings its own main(), which the `credkit`
#     executable's renamed entry point and the test bundles would get in the way of (issue 12).
#  2. Each harness fuzz/<target>.swift is one file defining LLVMFuzzerTestOneInput with
#     @_cdecl, compiled and linked by `swiftc -sanitize=fuzzer,address -parse-as-library`
#     against the modules' object files. swiftc reads the C libraries to link (ssl, crypto,
#     zxcvbn) from the objects' autolink entries; lld avoids gold's warnings about ASan symbols.
#  3. The libFuzzer and ASan runtimes come with the toolchain (usr/lib/clang/*/lib/linux);
#     nothing beyond .ci/apt-packages is needed.
# Swift's own crash backtracer fights ASan for the crashed process, so it is turned off
# (SWIFT_BACKTRACE=enable=no) and ASan prints the stack.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
SWIFTC=${SWIFTC:-swiftc}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
bin=$scratch/bin
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

# Every target: fuzz/<name>.swift, seeds in Vectors/fuzz/<name>/.
targets=(base32 otpauth-uri credential-report exemptions password-policy json scan-config baseline
         path-glob http-response query-xml diff scanner aws-config google-authenticator zip tar git-history)
# Modules the harnesses link (the dependency closures of the modules they import).
modules=(CredKitCrypto CredKitJSON CredKitOTP CredKitScan CredKitPolicy CredKitHTTP CredKitAWS CredKitAudit)

# Per-target libFuzzer options.
options() {
  case $1 in
    # A linear matcher never takes 2 s; a slow input is a regression.
    path-glob) echo "-max_len=4096 -timeout=2" ;;
    # Past the 16 KiB header-line limit.
    http-response) echo "-max_len=20000 -timeout=10" ;;
    diff | scanner | git-history) echo "-max_len=8192 -timeout=10" ;;
    # Room for a few members, headers and a nested archive.
    zip | tar) echo "-max_len=16384 -timeout=10" ;;
    *) echo "-max_len=4096 -timeout=10" ;;
  esac
}

# Extra options for `smoke`, which must not fail on what is already known.
smoke_options() {
  case $1 in
  esac
}

build() {
  # Library targets whose closures cover every module above.
  for target in CredKitAudit CredKitScan CredKitOTP; do
    "$SWIFT" build --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address --target "$target" -q
  done
  local objects=() includes=()
  for module in "${modules[@]}"; do objects+=("$scratch"/debug/"$module".build/*.o); done
  for map in Sources/C*/module.modulemap; do includes+=(-I "$(dirname "$map")"); done
  mkdir -p "$bin"
  for name in "${targets[@]}"; do
    stale "$bin/$name" "fuzz/$name.swift" "${objects[@]}" || continue
    "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -g -use-ld=lld \
      -I "$scratch/debug/Modules" "${includes[@]}" "fuzz/$name.swift" "${objects[@]}" -o "$bin/$name"
  done
}

# stale OUTPUT INPUT...: whether OUTPUT is missing or older than an input.
stale() {
  local output=$1; shift
  [ -e "$output" ] || return 0
  local input
  for input in "$@"; do [ "$input" -nt "$output" ] && return 0; done
  return 1
}

# summary LOG: executions, speed and coverage (cov: edges, ft: features) of a finished run.
summary() {
  local runs speed coverage
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$1")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$1")
  coverage=$(grep -E '^#[0-9]+.*cov: ' "$1" | tail -1 | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [0-9]+).*/\1/')
  echo "${runs:-?} runs (${speed:-?}/s), ${coverage:-no coverage line}"
}

# run NAME WORKDIR ARGS...: fuzz NAME, new inputs in WORKDIR, the committed seeds read-only.
run() {
  local name=$1 work=$2; shift 2
  local artifacts=$scratch/artifacts/$name
  mkdir -p "$work" "$artifacts"
  # shellcheck disable=SC2046
  "$bin/$name" $(options "$name") -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" \
    "$work" "Vectors/fuzz/$name"
}

selected() { if [ $# -gt 0 ]; then echo "$@"; else echo "${targets[@]}"; fi; }

case ${1:-} in
  build)
    build ;;
  fuzz)
    shift
    seconds=${1:-60}; shift || true
    build
    mkdir -p "$scratch/logs"
    failed=()
    for name in $(selected "$@"); do
      log=$scratch/logs/$name.log
      echo "== fuzz $name for ${seconds}s (log $log, new inputs in $scratch/corpus/$name)"
      if run "$name" "$scratch/corpus/$name" -max_total_time="$seconds" > "$log" 2>&1; then
        echo "   $(summary "$log")"
      else
        grep -E 'ERROR|SUMMARY|Fatal error|Test unit written' "$log" >&2 || tail -30 "$log" >&2
        echo "   $name failed; the input is in $scratch/artifacts/$name, the log in $log" >&2
        failed+=("$name")
      fi
    done
    # Every target gets its turn; the run fails at the end if one of them did.
    if [ ${#failed[@]} -gt 0 ]; then echo "fuzz: failed: ${failed[*]}" >&2; exit 1; fi ;;
  smoke)
    shift
    build
    work=$(mktemp -d "${TMPDIR:-/tmp}/credkit-fuzz.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    for name in $(selected "$@"); do
      log=$work/$name.log
      # shellcheck disable=SC2046
      if run "$name" "$work/$name" -max_total_time="${FUZZ_SMOKE_SECONDS:-3}" $(smoke_options "$name") > "$log" 2>&1; then
        echo "fuzz-smoke: $name: $(summary "$log")"
      else
        tail -60 "$log" >&2
        echo "fuzz-smoke: $name failed; the input is in $scratch/artifacts/$name" >&2
        exit 1
      fi
    done ;;
  *)
    sed -n '2,6p' "$0" >&2; exit 2 ;;
esac
