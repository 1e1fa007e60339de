#!/usr/bin/env bash
# Runs the Verification Service on loopback with the test PKI. First, when
# the real NUC samples are present (folder TINYSIGN_FIXTURES, default
# ../shared/fixtures), it verifies one of them with the CLI. Then it
# generates the test PKI into BUILD_DIR/demo-pki, serves its OCSP, CRLs and
# TSA, and signs a small document with a timestamp. Last, it starts
# tinysign-server with the test PKI's CA certificates as trust, verifies
# the signature once with curl and keeps serving until Ctrl-C. Every
# process listens on 127.0.0.1, and every URL in the certificates points
# there.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/loopback-services.sh

build="${BUILD_DIR:-build}"
bin="$build/bin"
fixtures="${TINYSIGN_FIXTURES:-../shared/fixtures}"
sample="$fixtures/nuc/skarm_kalkan/cms/individual_attached.der"
pki="$build/demo-pki"

run() {
  echo "\$ $*"
  "$@" || echo "(exit status $?)"
  echo
}

if [ -f "$sample" ]; then
  echo "== A real NUC sample, verified offline by the CLI"
  echo "(revocation off: its certificate names NUC's OCSP and CRL hosts," \
    "which this demo does not contact)"
  run "$bin/tinysign" verify --trust "$fixtures/trust/nuc-test" \
    --at 2026-08-01T00:00:00Z --revocation off "$sample"
else
  echo "NUC samples not found in $fixtures (set TINYSIGN_FIXTURES);" \
    "skipping the offline example."
  echo
fi

trap stop_loopback_services EXIT
trap 'exit 130' INT TERM

pki_port="$(free_port 8081)"
echo "== Test PKI: OCSP, CRLs and TSA on http://127.0.0.1:$pki_port"
start_testpki "$bin" "$pki" "$pki_port" "$build/demo-testpki.log"

document="$build/demo-document.txt"
signature="$build/demo-document.txt.p7s"
echo "A document signed by the TinySign demo." >"$document"
run "$bin/tinysign" sign --key "$pki/keys/gost2015_individual.p12" \
  --password Qwerty12 --detached \
  --tsa "http://127.0.0.1:$pki_port/tsa/gost2015" \
  --out "$signature" "$document"

server_port="$(free_port 8080)"
if [ "$server_port" = "$pki_port" ]; then
  server_port="$(free_port $((pki_port + 1)))"
fi
server="http://127.0.0.1:$server_port"
echo "== tinysign-server on $server (log: $build/demo-server.log)"
start_server "$bin" "$pki/trust" "$server_port" "$build/demo-server.log"

verify_command="curl -s -H 'Content-Type: application/json' \\
    -d \"{\\\"signature\\\": \\\"\$(base64 -w0 $signature)\\\",
         \\\"document\\\": \\\"\$(base64 -w0 $document)\\\",
         \\\"policy\\\": {\\\"revocation\\\": \\\"require\\\"}}\" \\
    $server/api/v1/verify"
echo "\$ $verify_command"
bash -c "$verify_command" | jq -c '{verdict, signers: [.signers[] |
  {verdict, checks, revocation: .revocation.source}]}'
echo
echo "The service keeps running on $server; press Ctrl-C to stop it."
wait "$TINYSIGN_SERVER_PID"
