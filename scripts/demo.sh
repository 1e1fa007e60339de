#!/usr/bin/env bash
# Verifies real NUC sample signatures with the freshly built CLI: a GOST
# 2015 CMS from Kalkan, checked against the NUC test hierarchy at a time
# inside the signer's validity. The samples live outside the repository, in
# the folder named by TINYSIGN_FIXTURES (default ../shared/fixtures).
set -euo pipefail
cd "$(dirname "$0")/.."

fixtures="${TINYSIGN_FIXTURES:-../shared/fixtures}"
tinysign="${BUILD_DIR:-build}/bin/tinysign"
sample="$fixtures/nuc/skarm_kalkan/cms/individual_attached.der"

if [ ! -f "$sample" ]; then
  echo "NUC samples not found in $fixtures; set TINYSIGN_FIXTURES." >&2
  echo "Without them, try: $tinysign verify --help" >&2
  exit 1
fi

run() {
  echo "\$ $*"
  "$@" || echo "(exit status $?)"
  echo
}

run "$tinysign" verify --trust "$fixtures/trust/nuc-test" \
  --at 2026-08-01T00:00:00Z --revocation off "$sample"
run "$tinysign" verify --trust "$fixtures/trust/nuc-test" \
  --at 2026-08-01T00:00:00Z --revocation off \
  --document "$fixtures/nuc/skarm_kalkan/cms/individual_document.txt" \
  "$fixtures/nuc/skarm_kalkan/cms/individual_detached.der"
run "$tinysign" inspect "$fixtures/nuc/skarm_kalkan/cms/individual_signer.cer"
