#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/run.sh: runs every test named on the command line and prints one
# result line per test, then the summary line `N passed, N failed, N skipped`.
# A test is an executable, or an executable and its arguments as one word
# ("tests/stage/steps_test.sh mes-0.27 nyacc-1.00.2-lb1"): exit 0 passes, 77
# skips (its last output line says why and how to provide what is missing),
# anything else fails.
# Each test's output goes to build/test-logs/<name>.log; a failure shows its tail.
set -u
logdir=${TEST_LOG_DIR:-build/test-logs}
mkdir -p "$logdir"
pass=0 fail=0 skip=0
for t in "$@"; do
    read -ra cmd <<< "$t"
    name=$(basename "${cmd[0]}")${cmd[1]:+ ${cmd[*]:1}}
    log="$logdir/${name// /_}.log"
    start=${EPOCHREALTIME/./}
    "${cmd[@]}" >"$log" 2>&1 </dev/null
    rc=$?
    ms=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
    secs=$((ms / 1000)).$((ms / 100 % 10))
    case $rc in
    0)  pass=$((pass + 1)); printf 'PASS  %-32s %6ss\n' "$name" "$secs" ;;
    77) skip=$((skip + 1)); printf 'SKIP  %-32s %s\n' "$name" "$(tail -n 1 "$log")" ;;
    *)  fail=$((fail + 1)); printf 'FAIL  %-32s exit %d, %ss; last lines of %s:\n' "$name" "$rc" "$secs" "$log"
        tail -n 25 "$log" | sed 's/^/      | /' ;;
    esac
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
