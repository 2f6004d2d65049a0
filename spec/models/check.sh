#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Checks spec/models/cmt-ring.pml with Spin (spec/cmt.md §9): safety (assertions S1, S2, the S3
# monitor, no invalid end state), S3' (ltl converge) and liveness L1 (ltl live, acceptance cycles under
# weak fairness), and that the S3 monitor catches a hand-over without the sender rule of §11.1.
# Prints the states explored; exits non-zero on any error.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cp "$here/cmt-ring.pml" .
command -v spin >/dev/null || { echo "spin not installed (Debian package spin)"; exit 2; }

run() {
  label=$1; shift
  out=$("$@" 2>&1) || true
  states=$(printf '%s\n' "$out" | sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' | head -1)
  errors=$(printf '%s\n' "$out" | sed -n 's/.*errors: \([0-9]*\).*/\1/p' | head -1)
  echo "$label: states stored=${states:-?} errors=${errors:-?}"
  if [ "${errors:-1}" != "0" ] || printf '%s\n' "$out" | grep -q "error: max search depth too small"; then
    printf '%s\n' "$out"
    exit 1
  fi
}

spin -a cmt-ring.pml || { echo "spin -a failed"; exit 1; }
[ -f pan.c ] || { echo "spin produced no pan.c"; exit 1; }
gcc -O2 -DNOREDUCE -DVECTORSZ=2048 -o pan_safety pan.c -DSAFETY -DNOCLAIM
run "safety (S1, S2, S3 monitor, end states)" ./pan_safety -m100000
# Liveness under weak fairness multiplies the state space by the process count: the liveness
# runs use smaller fault and event budgets (one of each), the safety runs the defaults.
spin -DFAULTS=1 -DEVENTS=1 -a cmt-ring.pml >/dev/null || { echo "spin -a failed"; exit 1; }
gcc -O2 -DVECTORSZ=2048 -o pan_live pan.c
run "S3 converge (weak fairness, FAULTS=1 EVENTS=1)" ./pan_live -a -f -m200000 -N converge
run "L1 live (weak fairness, FAULTS=1 EVENTS=1)" ./pan_live -a -f -m200000 -N live
# Negative check: without the hand-over sender rule (spec/cmt.md §11.1 (a)) a licensed member
# makes another LC with no announcement lost, and the S3 monitor must find it.
spin -DNO_SENDER_RULE -a cmt-ring.pml >/dev/null || { echo "spin -a failed"; exit 1; }
gcc -O2 -DNOREDUCE -DVECTORSZ=2048 -o pan_norule pan.c -DSAFETY -DNOCLAIM
out=$(./pan_norule -m100000 2>&1) || true
if printf '%s\n' "$out" | grep -q "errors: 0"; then
  echo "negative check: the S3 monitor missed a hand-over without the sender rule"
  exit 1
fi
echo "without the sender rule: S3 monitor fires (as expected)"
echo "cmt-ring.pml: all claims hold"
