#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench/linux_steps.sh FROM TO: the steps FROM..TO of stages/steps run
# by Debian's Linux (linux-image-686, the hand-off tests' kernel) in the
# same QEMU as our kernel's ranges (TCG, the same memory and IDE disks),
# from the same tree: the native twin's just before FROM (tools/checkpoint).
# Our kernel boots, runs one `jump linux` step put in before FROM, Linux
# mounts the volume and the Linux side of the step runner
# (stages/runner/linux-runner.c) runs FROM..TO as our kernel's runner
# would.  Prints each step's time and CPU time (user, system: wait4's
# rusage) under Linux, as "linux step NAME: S s (user U s, system Y s)",
# and checks the tree against the recorded answers like a range test, so
# the figures are of work done right.  `make bench` runs it for stage 4a;
# by hand: tests/run.sh "tests/bench/linux_steps.sh FROM TO".
. tests/qemu/lib.sh
FROM=${1:?usage: linux_steps.sh FROM TO}
TO=${2:?usage: linux_steps.sh FROM TO}
TIMEOUT=${STAGE_TIMEOUT:-14400}
MEM=${MEM:-2048}
PATH=$PATH:/sbin:/usr/sbin
need_twin

step_range "$FROM" "$TO"
ck=$(B=$B tools/checkpoint before "$FROM") || fail "tools/checkpoint could not make the tree before $FROM"
B=$B tools/checkpoint expect "$FROM" "$TO" > "$WORK/want" || fail "no list to compare with"

root=$WORK/root
cp -a "$ck/root" "$root"
rm -rf "$root/stages" && cp -r stages "$root/stages"
# the table: the steps before FROM (done, as the journal says), the jump,
# then FROM..TO
awk -v a="$from" -v b="$to" '!/^[ \t]*(#|$)/ { n++
        if (n == a) print "jump    linux: console=ttyS0 panic=-1"
        if (n <= b) print }' stages/steps > "$root/stages/steps"
linux_jump_into "$root"
img=$(image "console=serial")
EXT=$WORK/external.img
tools/mkimage -d "$root" -o "$EXT" -s 4G -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
rm -rf "$root"
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext \
    -device ide-hd,drive=ext,bus=ide.0,unit=1 > /dev/null
expect "Linux version .*Debian"
expect "^runner \(linux\): all [0-9]+ steps done$"

off="$EXT?offset=1048576"
volume_clean "$off" "e2fsck -fn found errors"
mkdir -p "$WORK/out"
volume_tree "$off" "$WORK/out"
# the jump's own marks on the volume are not the range's
rm -rf "$WORK/out/boot" "$WORK/out/proc" "$WORK/out/sys" "$WORK/out/stages/runner"
rm -f "$WORK/out/log/linux.txt"
awk -v a="$from" -v b="$to" '$1 >= a && $1 <= b { print $3 }' "$WORK/steps" | while read -r name; do
    i=$(ls "$WORK/out/log" | sed -n "s/^\([0-9]*\)-$name\.log$/\1/p")
    secs=$(grep -E -o "\] [a-z]+ $name \([0-9.]+s\)" "$LOG" | grep -o '[0-9.]*s)' | tr -d 's)')
    cpu=$(sed -n 's/^run: cpu time: //p' "$WORK/out/log/$i-$name.log" | tail -n 1)
    echo "linux step $name: ${secs:-?} s ($cpu)"
done
B=$B tools/checkpoint list "$WORK/out" | grep -v -E ' (log/[0-9]{3}-|log/journal$|stages/)' > "$WORK/got"
grep -v -E ' (log/[0-9]{3}-|log/journal$|stages/)' "$WORK/want" > "$WORK/want.cmp"
if ! cmp -s "$WORK/want.cmp" "$WORK/got"; then
    echo "files that differ from the answers (< recorded, > under Linux in QEMU):"
    diff "$WORK/want.cmp" "$WORK/got" | grep '^[<>]' | head -n 50
    fail "the tree differs from the recorded answers of $FROM..$TO"
fi
echo "$(wc -l < "$WORK/got") files checked (kind, mode, sha256; the step logs aside), all as the answers say"
echo PASS
