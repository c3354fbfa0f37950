#!/usr/bin/env bash
# Every libFuzzer target replays its committed corpus (Vectors/fuzz/<target>/, crashes found
# before included) and then fuzzes for FUZZ_SMOKE_SECONDS (default 3), so a crash found once
# stays found. Builds the instrumented modules in .build-fuzz first (a minute or two the first
# time). The libFuzzer runtime ships with the Swift toolchain; nothing else is needed.
set -euo pipefail
cd "$(dirname "$0")/../.."
fuzz/run.sh smoke
