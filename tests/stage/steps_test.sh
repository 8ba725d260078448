#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/stage/steps_test.sh FROM [TO [CUT]]: `make test-steps FROM=STEP
# [TO=STEP] [CUT=SECONDS]`, and each range of tests/stage/ranges.
# Runs the steps FROM through TO (default FROM alone) of stages/steps under
# our kernel in QEMU, starting from the native twin's tree as it is just
# before FROM (tools/checkpoint: made once, then kept), and checks on the
# host, with tools we did not write:
# - the tree the kernel left is, file by file (kind, mode, sha256), the
#   tree it started from changed by each step's recorded answers
#   (stages/answers/NAME.answers) and by nothing else; a hex0, run or build
#   step without answers fails the test (make answers writes them);
# - the journal records each step as done (their times are printed);
# - `e2fsck -fn` finds the volume clean.
# With CUT (seconds; - or empty: none) the first boot is cut off (QEMU
# killed, as a power cut) that long after the runner starts, and a second
# boot must resume the step it cut and end with the same tree.
# CUTS=N (`make test-cuts`): N more cuts, each at a random moment 0.3 to
# CUT_MAX s (default 30: longer than a stage-3 step, so the cuts move
# through the range; the range must outlast them all, or the test fails
# saying so) after its boot's runner starts, from CUT_SEED
# (printed; the same seed cuts at the same moments), each boot resuming the
# last; then a boot to the end, and each step of the range must be done
# exactly once in the journal (a cut step runs again, a done one never).
# STAGE_TIMEOUT (s, default 4 h) bounds each boot; MEM is QEMU's MiB.
# CHECKPOINT_BUDGET (s, default 1 h): a tree to start from that would take
# longer to make on this machine fails the test at once, saying so (make
# checkpoints makes them, and tests/stage/checkpoints_test.sh runs first).
. tests/qemu/lib.sh
FROM=${1:?usage: steps_test.sh FROM [TO [CUT]]}
TO=${2:-$FROM}
CUT=${3:-}
[ "$CUT" = - ] && CUT=
TIMEOUT=${STAGE_TIMEOUT:-14400}
MEM=${MEM:-2048}
PATH=$PATH:/sbin:/usr/sbin

need_twin

step_range "$FROM" "$TO"

echo "the tree before $FROM (step $from), from the native twin's answers (twin: $mode):"
t0=$SECONDS
ck=$(CHECKPOINT_BUDGET=${CHECKPOINT_BUDGET:-3600} B=$B tools/checkpoint before "$FROM") || fail "tools/checkpoint could not make the tree before $FROM"
echo "  $ck ($((SECONDS - t0)) s)"

# what the tree must be after TO: the list before FROM, changed by each step's answers
B=$B tools/checkpoint expect "$FROM" "$TO" > "$WORK/want" || fail "no list to compare with (above)"
awk -v a="$from" -v b="$to" '$1 >= a && $1 <= b' "$WORK/steps" > "$WORK/range"

cp -a "$ck/root" "$WORK/root"
rm -rf "$WORK/root/stages" && cp -r stages "$WORK/root/stages"
img=$(image "console=serial stop-after=$TO")
EXT=$WORK/external.img
tools/mkimage -d "$WORK/root" -o "$EXT" -s 4G -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
rm -rf "$WORK/root"
drives="$IDE_ARGS -drive file=$EXT,format=raw,if=none,id=ext -device ide-hd,drive=ext,bus=ide.0,unit=1"

if [ -n "$CUT" ]; then
    cut_off_boot "$img" "$WORK/cut.log" '^runner: [0-9]+ steps in ' "$CUT" $drives
    grep -q '^runner: stopping after' "$WORK/cut.log" && fail "the cut came too late: the range had finished"
    last_done=$(grep -o '^\[[0-9]*/' "$WORK/cut.log" | tail -n 1 | tr -d '[/')
    cut_index=$(( ${last_done:-$((from - 1))} + 1 ))
    cut_name=$(awk -v k="$cut_index" '$1 == k { print $3 }' "$WORK/steps")
fi
if [ -n "${CUTS:-}" ]; then
    CUT_SEED=${CUT_SEED:-1} CUT_MAX=${CUT_MAX:-30}
    echo "cuts: $CUTS, at random moments up to $CUT_MAX s after each boot's runner starts, seed $CUT_SEED"
    RANDOM=$CUT_SEED
    for k in $(seq 1 "$CUTS"); do
        secs=$(awk -v r=$RANDOM -v m="$CUT_MAX" 'BEGIN { printf "%.1f", 0.3 + r / 32767 * (m - 0.3) }')
        cut_off_boot "$img" "$WORK/cut$k.log" '^runner: [0-9]+ steps in ' "$secs" $drives
        cut=$(grep -c '^\[[0-9]*/' "$WORK/cut$k.log")
        grep -q '^runner: stopping after' "$WORK/cut$k.log" &&
            fail "cut $k at $secs s came after the range had finished: $((k - 1)) of $CUTS cuts; a longer range (FROM= TO=) or a smaller CUT_MAX"
        echo "cut $k at $secs s, after $cut steps of this boot: $(grep -o '^\[[0-9]*/[0-9]*\] [a-z0-9]* [^ ]*' "$WORK/cut$k.log" | tail -n 1)"
    done
fi
boot "$(sh tests/qemu/accel.sh)" "$img" $drives
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS: a step failed"
expect "^runner: [0-9]+ steps in /stages/steps; resuming after the journal's last finished step"
expect "^runner: stopping after $TO, as the command line asks$"
[ -n "$CUT" ] && expect "^runner: step $cut_index \($cut_name\) was cut off; it runs again from its start$"
# every system call the range made that the kernel lacks (kernel/sys/syscall.c
# logs each; docs/syscalls.md): named here, so a run's log tells them
logs=$LOG
[ -n "$CUT" ] && logs="$WORK/cut.log $LOG"
echo "unimplemented system calls the range made: $(cat $logs | grep -c ': unimplemented syscall ')"
cat $logs | grep -o 'unimplemented syscall .*' | sort | uniq -c

off="$EXT?offset=1048576"
volume_clean "$off" "e2fsck -fn found errors"
echo "e2fsck -fn: clean"
mkdir -p "$WORK/out"
volume_tree "$off" "$WORK/out"
while read -r i kind name; do
    secs=$(awk -v n="$name" '$1 == "done" && $3 == n { s = $4 } END { print s }' "$WORK/out/log/journal")
    [ -n "$secs" ] || fail "the journal does not record step $i ($name) as done"
    echo "step $i ($name): done in ${secs}s under our kernel"
    if [ -n "${CUTS:-}" ]; then
        n=$(grep -c "^done $(printf %03d "$i") $name " "$WORK/out/log/journal")
        [ "$n" = 1 ] || fail "the journal records step $i ($name) as done $n times"
    fi
done < "$WORK/range"
if [ -n "${CUTS:-}" ]; then
    echo "steps the cuts hit (each boot's resume says which it runs again):"
    grep -ho 'runner: step [0-9]* ([^)]*) was cut off' "$WORK"/cut*.log "$LOG" | sort | uniq -c
fi

# the runner's estimate of the time left after each step (from the twin's
# times or ours, stages/answers/times) against what the rest of the range
# then took
awk -v end="$(grep -E '^ *[0-9]+ \[[0-9]+/[0-9]+\] ' "$LOG" | tail -n 1 | awk '{ print $1 }')" '
    / about [0-9]+:[0-9]+:[0-9]+ left$/ {
        split($(NF - 1), t, ":"); est = t[1] * 3600 + t[2] * 60 + t[3]
        took = (end - $1) / 1000
        printf "estimate after %s: %d s left, took %.0f s%s\n", $4, est, took,
               (took >= 10 ? sprintf(" (%+.0f %%)", (est - took) * 100 / took) : "")
        # (what is left in under 10 s is too short for a percentage to mean much)
        if (took >= 10) { n++; if (est >= took * 0.75 && est <= took * 1.25) within++ } }
    END { if (n) printf "estimates within 25 %% of what the rest then took: %d of %d\n", within, n }' "$LOG"
# (which of the two reference times they used, and how each foresaw the steps)
grep -h -o 'runner: estimates .*' "$LOG" | tail -n 1

B=$B tools/checkpoint list "$WORK/out" > "$WORK/got"
if ! cmp -s "$WORK/want" "$WORK/got"; then
    echo "files that differ from the answers (< recorded, > under our kernel):"
    diff "$WORK/want" "$WORK/got" | grep '^[<>]' | head -n 50
    fail "the tree differs from the recorded answers of $FROM..$TO"
fi
echo "$(wc -l < "$WORK/got") files checked (kind, mode, sha256), all as the answers of $FROM..$TO say"

# kept for make bench: the range's journal lines and step logs, by range
kept=$HOME/.cache/seedstrap/ranges/$FROM..$TO
rm -rf "$kept" && mkdir -p "$kept"
echo "$(date '+%F %T') init.img $(sha256sum < "$B/init.img" | cut -c1-16) twin $mode" > "$kept/run"
while read -r i kind name; do
    grep " $name " "$WORK/out/log/journal" | grep '^done ' >> "$kept/journal"
    cp "$WORK/out/log/$(printf %03d "$i")-$name.log" "$kept/"
done < "$WORK/range"
echo "PASS"
