#!/usr/bin/env bash
# Load-tests tinysign-server on loopback with wrk. It serves the test PKI
# (OCSP, CRLs, TSA) and starts the service as scripts/demo.sh does. Then it
# posts one timestamped GOST 2015 signature with its document under the
# revocation policy "require" at CONCURRENCY connections: a warm-up of
# WARMUP_SECONDS, then a main run of DURATION_SECONDS. wrk stops by time,
# so the main run must also complete at least MIN_REQUESTS verifications.
# The script fails when any response is not 2xx, any verdict is not valid
# or wrk reports a socket error. It also fails when the service's resident
# memory (VmRSS) grows by more than RSS_GROWTH_KIB from the end of the
# warm-up to the end of the main run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/loopback-services.sh

build="${BUILD_DIR:-build}"
bin="$build/bin"
pki="$build/load-test-pki"
duration_seconds="${DURATION_SECONDS:-90}"
warmup_seconds="${WARMUP_SECONDS:-15}"
min_requests="${MIN_REQUESTS:-2000}"
concurrency="${CONCURRENCY:-32}"
threads="${THREADS:-2}"
rss_growth_kib="${RSS_GROWTH_KIB:-4096}"

if ! command -v wrk >/dev/null; then
  echo "error: wrk not found. Run scripts/install-deps.sh." >&2
  exit 1
fi

trap stop_loopback_services EXIT
trap 'exit 130' INT TERM

pki_port="$(free_port 18081)"
start_testpki "$bin" "$pki" "$pki_port" "$build/load-test-testpki.log"

document="$build/load-test-document.txt"
signature="$build/load-test-document.txt.p7s"
body="$build/load-test-body.json"
echo "A document signed for the TinySign load test." >"$document"
"$bin/tinysign" sign --key "$pki/keys/gost2015_individual.p12" \
  --password Qwerty12 --detached \
  --tsa "http://127.0.0.1:$pki_port/tsa/gost2015" \
  --out "$signature" "$document"
printf '{"signature": "%s", "document": "%s", "policy": {"revocation": "require"}}' \
  "$(base64 -w0 "$signature")" "$(base64 -w0 "$document")" >"$body"

server_port="$(free_port $((pki_port + 1)))"
url="http://127.0.0.1:$server_port/api/v1/verify"
# The request log line per request would dominate the run, so the service
# logs warnings and errors only.
TINYSIGN_LOG_LEVEL=warning start_server "$bin" "$pki/trust" \
  "$server_port" "$build/load-test-server.log"

rss_kib() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$TINYSIGN_SERVER_PID/status"
}

# run_wrk SECONDS MIN_RESPONSES runs wrk for SECONDS, prints its figures
# and fails on any error it counted or on fewer than MIN_RESPONSES
# responses.
run_wrk() {
  local seconds="$1" min_responses="$2" output
  output="$(LOAD_TEST_BODY="$body" \
    wrk -t "$threads" -c "$concurrency" -d "${seconds}s" --timeout 30s \
    -s scripts/load-test.lua "$url" | sed -n '/^responses /,$p')"
  echo "$output"
  local key
  for key in not_2xx not_valid socket_errors; do
    if ! grep -qx "$key 0" <<<"$output"; then
      echo "error: wrk counted $key above 0." \
        "See $build/load-test-server.log." >&2
      return 1
    fi
  done
  local responses
  responses="$(awk '$1 == "responses" { print $2 }' <<<"$output")"
  if [ "$responses" -lt "$min_responses" ]; then
    echo "error: $responses responses, expected at least $min_responses" >&2
    return 1
  fi
}

echo "rss_start_kib $(rss_kib)"
echo "== warm-up: $warmup_seconds s at concurrency $concurrency"
run_wrk "$warmup_seconds" 1
rss_after_warmup="$(rss_kib)"
echo "rss_after_warmup_kib $rss_after_warmup"
echo "== main run: $duration_seconds s at concurrency $concurrency"
run_wrk "$duration_seconds" "$min_requests"
rss_after_main="$(rss_kib)"
echo "rss_after_main_kib $rss_after_main"

growth=$((rss_after_main - rss_after_warmup))
echo "rss_growth_kib $growth"
if [ "$growth" -gt "$rss_growth_kib" ]; then
  echo "error: VmRSS grew by $growth KiB after the warm-up" \
    "(limit $rss_growth_kib KiB)" >&2
  exit 1
fi
