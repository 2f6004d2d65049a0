#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs one Jazzer fuzz target in its own JVM (issue 15) and prints executions, coverage and findings.
#
#   tools/fuzz.sh <Class#method> <budget> [-o]
#
#   <Class#method>  a @FuzzTest, e.g. EnvelopeCodecFuzzTest#decode (the module is found from the class)
#   <budget>        a number of executions (10000000) or a duration (300s, 5m, 1h)
#   -o              pass -o (offline) to Maven
#
# New corpus entries go to <module>/.cifuzz-corpus/ (not committed); a crash input is written to
# the target's inputs directory under src/test/resources, where a plain ./mvnw verify replays it:
# commit it with the fix. The full log is kept in target/fuzz-<Class>-<method>.log.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 2 ]]; then
  sed -n '4,14p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
target=$1
budget=$2
offline=${3:-}
class=${target%%#*}
method=${target#*#}

file=$(find . -path '*/src/test/java/*' -name "$class.java" -not -path './.git/*' | head -n 1)
if [[ -z $file ]]; then
  echo "no test class $class" >&2
  exit 2
fi
module=${file#./}
module=${module%%/src/*}

# Jazzer reads its options from JAZZER_* variables; the annotation's own limits are overridden.
if [[ $budget =~ ^[0-9]+$ ]]; then
  export JAZZER_MAX_EXECUTIONS=$budget
  export JAZZER_MAX_DURATION=100000s
else
  export JAZZER_MAX_DURATION=$budget
fi
export JAZZER_FUZZ=1

mkdir -p target
log=target/fuzz-$class-$method.log
start=$(date +%s)
set +e
./mvnw -B $offline -pl "$module" -am test \
  -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dmaven.javadoc.skip=true >"$log" 2>&1
status=$?
set -e
end=$(date +%s)

echo "target:     $module $class#$method"
echo "budget:     $budget, wall time $((end - start)) s (build included)"
last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
echo "last stats: ${last:-none}"
grep -E '^Done [0-9]+ runs' "$log" | tail -n 1 || echo "Done: none (see $log)"
findings=$(grep -cE 'FuzzTestFindingException|== Java Exception|crash-[0-9a-f]+' "$log" || true)
echo "findings:   $findings"
grep -E 'Java Exception|crash-[0-9a-f]+|Test unit written' "$log" | head -n 10 || true
if [[ $status -ne 0 ]]; then
  echo "Maven failed (status $status): a finding or a build error, see $log"
fi
exit $status
