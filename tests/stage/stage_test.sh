#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/stage/stage_test.sh N: runs the step table under our kernel in QEMU
# to the end of stage N (0: the hex0 seeds, 1: stage0-posix's x86 chain),
# then checks on the host, with tools we did not write: the outputs'
# sha256 against stage0-posix's own answers (N=1) or bootstrap-seeds'
# published seed binaries (N=0), the journal, and `e2fsck -fn`.
# With RESUME=1 (N=1), the first boot is cut off (QEMU killed) in the middle
# of stage 1 and a second boot must finish with the same answers.
. tests/qemu/lib.sh
N=${1:?usage: stage_test.sh N}
SOURCES_DIR=${SOURCES_DIR:-$HOME/.cache/seedstrap/sources}
TIMEOUT=${STAGE_TIMEOUT:-1500}
MEM=1024
case $N in
0) last=kaem-optional-seed.sha256 ;;
1) last=stage1-answers ;;
*) fail "no stage $N yet" ;;
esac
[ -f "$SOURCES_DIR/stage0-posix-1.9.1.tar.gz" ] ||
    skip "stage0-posix-1.9.1 is not in $SOURCES_DIR: run make sources MIRROR=DIR (docs/sources.md: the three ways to provide the sources)"
PATH=$PATH:/sbin:/usr/sbin
SOURCES_DIR=$SOURCES_DIR tools/stage-root "$WORK/root" || fail "tools/stage-root"
img=$(image "console=serial stop-after=$last")
EXT=$WORK/external.img
tools/mkimage -d "$WORK/root" -o "$EXT" -s 1G -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
drives="$IDE_ARGS -drive file=$EXT,format=raw,if=none,id=ext -device ide-hd,drive=ext,bus=ide.0,unit=1"

if [ "${RESUME:-0}" = 1 ]; then
    # boot 1: cut off 20 s into the last kaem step
    cut_off_boot "$img" "$WORK/cut.log" '^\[6/' 20 $drives
    grep -q '^runner: stopping after' "$WORK/cut.log" && fail "the cut came too late: the run had finished"
fi

boot "$(sh tests/qemu/accel.sh)" "$img" $drives
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS: a step failed"
expect "^runner: stopping after $last, as the command line asks$"
[ "${RESUME:-0}" = 1 ] && expect "^runner: step 7 \(stage1-full-kaem\) was cut off; it runs again from its start$"

off="$EXT?offset=1048576"
volume_clean "$off" "e2fsck -fn found errors"
mkdir -p "$WORK/out"
volume_tree "$off" "$WORK/out"
steps=$(grep -c '^done ' "$WORK/out/log/journal")
echo "journal: $steps steps done"
tail -n 4 "$WORK/out/log/journal"
grep -q "^done [0-9]* $last " "$WORK/out/log/journal" || fail "the journal does not record $last as done"
if [ "$N" = 0 ]; then
    tar -xzf "$SOURCES_DIR/stage0-posix-1.9.1.tar.gz" -C "$WORK" --wildcards '*/bootstrap-seeds/POSIX/x86/*-seed'
    for seed in hex0-seed kaem-optional-seed; do
        cmp "$WORK"/stage0-posix-*/bootstrap-seeds/POSIX/x86/$seed "$WORK/out/bootstrap-seeds/POSIX/x86/$seed" ||
            fail "$seed differs from bootstrap-seeds' binary"
        echo "$seed: identical to bootstrap-seeds' published binary"
    done
else
    (cd "$WORK/out" && sha256sum -c x86.answers) || fail "outputs differ from x86.answers"
    echo "$(wc -l < "$WORK/out/x86.answers") outputs match x86.answers (checked by the host's sha256sum)"
    # the kernel's CPU accounting: a step that only computes is busy for most
    # of the time it takes (its log's cpu line against its journal time)
    cpu=$(sed -n 's/^run: cpu time: user \([0-9.]*\)s, system \([0-9.]*\)s$/\1 \2/p' \
              "$WORK/out/log/006-stage1-mini-kaem.log")
    took=$(awk '$1 == "done" && $3 == "stage1-mini-kaem" { print $4 }' "$WORK/out/log/journal")
    echo "stage1-mini-kaem: ${took}s, cpu user+system: $cpu"
    [ -n "$cpu" ] && [ -n "$took" ] || fail "no cpu time line in stage1-mini-kaem's log, or no journal time"
    awk -v c="$cpu" -v t="$took" 'BEGIN { split(c, x, " "); exit !(x[1] + x[2] >= t / 2) }' ||
        fail "stage1-mini-kaem's cpu time ($cpu) is under half its ${took}s"
fi
echo "PASS"
