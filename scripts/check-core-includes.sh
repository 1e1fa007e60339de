#!/usr/bin/env bash
# Fails when core/ includes I/O, threads, clocks or an edge library: the core
# must stay free of them so that the WebAssembly build behaves the same.
set -euo pipefail
cd "$(dirname "$0")/.."
pattern='#include <(iostream|fstream|thread|mutex|chrono|ctime|filesystem|boost/|httplib|emscripten/)'
pattern+='|#include "(cli|server|wasm|report|tests)/'
if grep -rEn "$pattern" core/; then
  echo "core/ must not include the lines above" >&2
  exit 1
fi
echo "core/ includes checked"
