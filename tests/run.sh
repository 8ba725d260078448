#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/run.sh: runs every test named on the command line and prints one
# result line per test, then the summary line `N passed, N failed, N skipped`.
# A test is an executable, or an executable and its arguments as one word
# ("tests/stage/steps_test.sh mes-0.27 nyacc-1.00.2-lb1"): exit 0 passes, 77
# skips (its last output line says why and how to provide what is missing),
# anything else fails.
# The word `-jN` runs the tests after it N at a time (N 0: one per core):
# the step ranges, each one QEMU on one core, each in a directory of its
# own.  Their result lines still come in the order given.
# Each test's output goes to build/test-logs/<name>.log; a failure shows its tail.
set -u
logdir=${TEST_LOG_DIR:-build/test-logs}
mkdir -p "$logdir"
pass=0 fail=0 skip=0

# run_test N WORD: runs one test into its log and leaves "RC MS" in $logdir/.rc.N
run_test() {
    local cmd start rc
    read -ra cmd <<< "$2"
    start=${EPOCHREALTIME/./}
    "${cmd[@]}" >"$(log_of "$2")" 2>&1 </dev/null
    rc=$?
    echo "$rc $(( (${EPOCHREALTIME/./} - start) / 1000 ))" > "$logdir/.rc.$1"
}

# name_of WORD: the test's name (its program and arguments); its log is
# named after it, spaces made _
name_of() {
    local cmd
    read -ra cmd <<< "$1"
    echo "$(basename "${cmd[0]}")${cmd[1]:+ ${cmd[*]:1}}"
}

log_of() {
    local name
    name=$(name_of "$1")
    echo "$logdir/${name// /_}.log"
}

# report N WORD: the result line of a finished test
report() {
    local rc ms secs log name
    read -r rc ms < "$logdir/.rc.$1" && rm -f "$logdir/.rc.$1"
    log=$(log_of "$2")
    name=$(name_of "$2")
    secs=$((ms / 1000)).$((ms / 100 % 10))
    case $rc in
    0)  pass=$((pass + 1)); printf 'PASS  %-32s %6ss\n' "$name" "$secs" ;;
    77) skip=$((skip + 1)); printf 'SKIP  %-32s %s\n' "$name" "$(tail -n 1 "$log")" ;;
    *)  fail=$((fail + 1)); printf 'FAIL  %-32s exit %d, %ss; last lines of %s:\n' "$name" "$rc" "$secs" "$log"
        tail -n 25 "$log" | sed 's/^/      | /' ;;
    esac
}

# the tests started and not yet reported, reported in order as they finish
waiting=()
report_finished() {
    while [ ${#waiting[@]} -gt 0 ] && [ -f "$logdir/.rc.${waiting[0]%% *}" ]; do
        report "${waiting[0]%% *}" "${waiting[0]#* }"
        waiting=("${waiting[@]:1}")
    done
}

at_once=1 n=0
for t in "$@"; do
    case $t in
    -j|-j[0-9]*) at_once=${t#-j}; [ "${at_once:-0}" -gt 0 ] || at_once=$(nproc); continue ;;
    esac
    n=$((n + 1))
    rm -f "$logdir/.rc.$n"
    while [ "$(jobs -rp | wc -l)" -ge "$at_once" ]; do
        wait -n
        report_finished
    done
    run_test "$n" "$t" &
    waiting+=("$n $t")
    [ "$at_once" -gt 1 ] || wait
    report_finished
done
wait
report_finished
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
