#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Crash safety of every persistent store, outside the test suite (issue 15, SECURITY.md
# "Reliability figures"): kills a writer with SIGKILL at random instants N times and checks after
# each kill that nothing committed was lost and nothing was counted twice.
#
#   tools/crash.sh [KILLS] [SEED]      # default 1000 kills, seed 2026
#
# Stores covered: the distortion billing store (FileBillingStore, spec/distortion.md §3.4),
# through BillingCrashTest, whose suite run uses 48 kills.
set -euo pipefail
cd "$(dirname "$0")/.."
kills="${1:-1000}"
seed="${2:-2026}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! ./mvnw -B ${GRIDVEIL_MAVEN_OPTS:-} -pl protocol-distortion -am verify \
    -Dsurefire.failIfNoSpecifiedTests=false -Dtest=BillingCrashTest \
    -Dcrash.kills="$kills" -Dcrash.seed="$seed" > "$log" 2>&1; then
  grep -E "ERROR|FAIL|crash:" "$log" | head -40
  echo "crash: FAILED ($kills kills, seed $seed); full log above" >&2
  exit 1
fi
grep -E "^crash:|Tests run:.*BillingCrashTest" "$log"
