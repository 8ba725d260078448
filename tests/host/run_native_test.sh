#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/host/run_native_test.sh: tools/run-native, the native twin of the
# step runner (stages/runner/linux-runner.c built for the host), on a small
# table whose steps need no i386 program: a hex0 step, sha256 and answers
# steps checking its output, then a sha256 step that must fail.  Checks the
# progress lines, the per-step logs, that the failing step stops the run
# (exit 1) and names its log, that a second run resumes at the failed step
# (the journal), and that -s stops after the named step.
set -u
twin=${RUN_NATIVE:-build/tools/run-native}
[ -x "$twin" ] || { echo "run_native_test: $twin missing (make $twin)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/run-native.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*"; exit 1; }

root=$tmp/root
mkdir -p "$root/stages" "$root/src"
printf '# an ELF magic number, in hex0\n7f 45 4C 46 ; the same, with a ; comment\n01\n' > "$root/src/magic.hex0"
want=$(printf '\177ELF\001' | sha256sum | cut -c1-64)
printf '%s  out/magic\n' "$want" > "$root/src/magic.answers"
mkdir -p "$root/out"
cat > "$root/stages/steps" <<TABLE
hex0    magic:          src/magic.hex0 -> out/magic
sha256  magic.sha256:   out/magic $want
answers magic.answers:  src/magic.answers
sha256  wrong.sha256:   out/magic 0000000000000000000000000000000000000000000000000000000000000000
sha256  never:          out/magic $want
TABLE

"$twin" "$root" > "$tmp/out.txt" 2>&1
rc=$?
cat "$tmp/out.txt"
[ $rc = 1 ] || fail "exit status $rc, expected 1 (a step failed)"
printf '\177ELF\001' | cmp - "$root/out/magic" || fail "hex0 output differs"
[ -x "$root/out/magic" ] || fail "hex0 output is not executable"
grep -q '^\[1/5\] hex0 magic (' "$tmp/out.txt" || fail "no progress line for step 1"
grep -q '^\[3/5\] answers magic.answers (.*s)$' "$tmp/out.txt" || fail "step 3 not reported as passed"
grep -q '^\[4/5\] sha256 wrong.sha256 (.*s) FAILED$' "$tmp/out.txt" || fail "step 4 not reported FAILED"
grep -q "log is $root/log/004-wrong.sha256.log" "$tmp/out.txt" || fail "the failure does not name the log"
grep -q '\[5/5\]' "$tmp/out.txt" && fail "the run went on after a failed step"
grep -q "out/magic: FAILED: sha256 $want, expected 0000" "$root/log/004-wrong.sha256.log" ||
    fail "the failed step's log lacks both hashes"
grep -q 'answers: 1 checked, 0 failed' "$root/log/003-magic.answers.log" || fail "answers log"

grep -q '^start 004 wrong.sha256' "$root/log/journal" || fail "the journal lacks step 4's start"
grep -q '^done 003 magic.answers' "$root/log/journal" || fail "the journal lacks step 3 as done"

"$twin" "$root" > "$tmp/again.txt" 2>&1
[ $? = 1 ] || fail "the second run did not fail at step 4 again"
grep -q '^run-native: 5 steps; resuming at step 4$' "$tmp/again.txt" || fail "no resume at step 4: $(cat "$tmp/again.txt")"
grep -q '^run-native: step 4 (wrong.sha256) was cut off' "$tmp/again.txt" && fail "a failed step called cut off"
grep -q '\[[123]/5\]' "$tmp/again.txt" && fail "the second run did steps 1-3 again"

rm -rf "$root/log" "$root/out/magic"
"$twin" -s magic.sha256 "$root" > "$tmp/out2.txt" 2>&1 || fail "-s run failed: $(cat "$tmp/out2.txt")"
grep -q '\[3/5\]' "$tmp/out2.txt" && fail "-s magic.sha256 did not stop after step 2"
grep -q '^run-native: stopping after magic.sha256' "$tmp/out2.txt" || fail "-s: no message"
# the step to stop after is done already: nothing runs
"$twin" -s magic.sha256 "$root" > "$tmp/out3.txt" 2>&1 || fail "-s rerun failed: $(cat "$tmp/out3.txt")"
grep -q '^\[' "$tmp/out3.txt" && fail "-s rerun ran a step: $(cat "$tmp/out3.txt")"
grep -q '^run-native: stopping after magic.sha256' "$tmp/out3.txt" || fail "-s rerun: no message"
"$twin" > /dev/null 2>&1; [ $? = 2 ] || fail "no usage error without ROOT"
echo "PASS"
