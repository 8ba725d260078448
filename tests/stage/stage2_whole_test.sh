#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/stage/stage2_whole_test.sh: `make test-stage N=2 WHOLE=1`, for a
# machine that can afford hours (`make test-stage N=2` runs the stage as
# ranges from checkpoints instead: tests/stage/ranges).  The step table runs to
# the end of stage 2 (Mes, nyacc's tables, Mes's C library, TinyCC 0.9.26,
# TinyCC 0.9.27, tcc-check) twice at once: under our kernel in QEMU, and in
# the native twin (tools/run-native: the host's Linux, in a chroot).  Then
# every file of the two trees is compared by sha256 (all but /log, whose
# timings differ), and each difference is reported by path; there must be
# none.  The QEMU run is cut off (QEMU killed) 30 s into stage 2's first
# step and booted again, so the compared outputs are those of a resumed run.
# Also: the journal, tcc-check's transcript (the new tcc compiled a program
# that checked its answers, under our kernel), and `e2fsck -fn`.
#
# Under emulation this takes many hours, so each side's run is kept: the
# QEMU side's in RUN_DIR (default ~/.cache/seedstrap/stage2/KEY, KEY a hash
# of its inputs: stages/, init.img, the QEMU version), the twin's in TWIN_DIR
# (default ~/.cache/seedstrap/twin/TWINKEY: stages/, run-native, the
# qemu-user version).  A test that is stopped, or whose machine stops, goes
# on where each side was when it runs again (each side's journal), and a
# new kernel restarts only the QEMU side: the twin's run, and once it has
# finished its file list (TWIN_DIR/native.files), serve every kernel.
# After a failed step the run is kept too: mend the cause (on the volume
# with debugfs, for the QEMU side) and run the test again, or delete the
# directory to start over.  After a pass, RUN_DIR is deleted and both sides'
# journals and step logs are kept in ~/.cache/seedstrap/stage2/last for
# `make bench`.  STAGE_TIMEOUT (s, default 8 h) bounds each invocation.
. tests/qemu/lib.sh
SOURCES_DIR=${SOURCES_DIR:-$HOME/.cache/seedstrap/sources}
TIMEOUT=${STAGE_TIMEOUT:-28800}
MEM=2048
last=tcc-check
PATH=$PATH:/sbin:/usr/sbin

need_twin
echo "native twin: $mode"
[ -x "$B/tools/run-native" ] || fail "$B/tools/run-native is missing (make $B/tools/run-native)"

key=$( ("$B/tools/treehash" stages; sha256sum < "$B/init.img"; "$QEMU" --version | head -n 1) |
      sha256sum | cut -c1-16)
twin_key=$( ("$B/tools/treehash" stages; sha256sum < "$B/tools/run-native";
             { qemu-i386-static --version || qemu-i386 --version; } 2>/dev/null | head -n 1) |
           sha256sum | cut -c1-16)
RUN=${RUN_DIR:-$HOME/.cache/seedstrap/stage2/$key}
TWIN=${TWIN_DIR:-$HOME/.cache/seedstrap/twin/$twin_key}
EXT=$RUN/external.img
img=$RUN/init.img
drives="$IDE_ARGS -drive file=$EXT,format=raw,if=none,id=ext -device ide-hd,drive=ext,bus=ide.0,unit=1"
# the step stage 2 starts with, and the one before it (stage 1's last)
first=$(awk '!/^[ \t]*(#|$)/ { n++ } /^build +mes-0.27/ { print n; exit }' stages/steps)

if [ -f "$RUN/cut.log" ]; then
    echo "stage 2: going on with the run in $RUN (started $(date -r "$RUN/root" '+%F %T'))"
else
    rm -rf "$RUN" && mkdir -p "$RUN" || fail "cannot make $RUN"
    SOURCES_DIR=$SOURCES_DIR tools/stage-root "$RUN/root" || fail "tools/stage-root"
    cp "$B/init.img" "$img"
    "$B/tools/mkinit" -e "$img" -c "console=serial stop-after=$last" || fail "mkinit -e"
    tools/mkimage -d "$RUN/root" -o "$EXT" -s 4G -i "$img" -m "$B/tools/mkinit" >/dev/null ||
        fail "tools/mkimage"
fi

twin=
if [ -s "$TWIN/native.files" ]; then
    echo "native twin: finished earlier with the same inputs; its file list is $TWIN/native.files"
else
    if [ ! -d "$TWIN/root" ]; then
        rm -rf "$TWIN" && mkdir -p "$TWIN" && cp -a "$RUN/root" "$TWIN/root" || fail "cannot make $TWIN"
    else
        echo "native twin: going on with its run in $TWIN"
    fi
    "$B/tools/run-native" -s "$last" "$TWIN/root" >> "$TWIN/native.log" 2>&1 &
    twin=$!
    # stopped with the test, the twin goes on from its journal next time
    trap 'kill $twin 2>/dev/null; rm -rf "$WORK"' EXIT
fi
if [ ! -f "$RUN/cut.log" ]; then
    # boot 1: cut off 30 s into stage 2's first step
    cut_off_boot "$img" "$RUN/cut.log.part" "^\\[$((first - 1))/" 30 $drives
    mv "$RUN/cut.log.part" "$RUN/cut.log"
fi
# the resumed boot must name the step the cut interrupted: the one after
# the last that ended
cut_index=$(($(grep -o '^\[[0-9]*/' "$RUN/cut.log" | tail -n 1 | tr -d '[/') + 1))
cut_name=$(awk -v k="$cut_index" '!/^[ \t]*(#|$)/ { n++; if (n == k) { sub(":", "", $2); print $2; exit } }' stages/steps)

# each boot's transcript is kept in RUN, so the first one after the cut is
# there to check even when a later invocation finished the run
LOG=$RUN/boot-$(($(ls "$RUN" | grep -c '^boot-[0-9]*\.log$') + 1)).log
boot "$(sh tests/qemu/accel.sh)" "$img" $drives
twin_status=0
if [ -n "$twin" ]; then
    echo "---- the native twin ----"
    wait $twin
    twin_status=$?
    cat "$TWIN/native.log"
fi
keep="the run is kept in $RUN: mend the cause and run the test again to go on, or delete it to start over"
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS: a step failed; $keep"
expect "^runner: stopping after $last, as the command line asks$"
grep -Eq "^ *[0-9]+ runner: step $cut_index \\($cut_name\\) was cut off; it runs again from its start$" \
    "$RUN"/boot-1.log || fail "the first boot after the cut does not resume step $cut_index ($cut_name)"
[ "$twin_status" = 0 ] ||
    fail "the native twin failed (its logs: $TWIN/root/log); it is kept in $TWIN: mend the cause and run again"

off="$EXT?offset=1048576"
volume_clean "$off" "e2fsck -fn found errors; $keep"
echo "e2fsck -fn: clean"
mkdir -p "$WORK/out"
volume_tree "$off" "$WORK/out"
grep -q "^done [0-9]* $last " "$WORK/out/log/journal" || fail "the journal does not record $last as done"
grep -h "^tcc-check: " "$WORK"/out/log/*-tcc-check.log
grep -q "^tcc-check: all [0-9]* checks passed$" "$WORK"/out/log/*-tcc-check.log ||
    fail "tcc-check's program did not report success under our kernel"

# the trees, file by file: "TYPE SHA256 PATH" lines (a link's hash is its target's text)
manifest() {
    (cd "$1" && find . \( -path ./log -o -path ./lost+found \) -prune -o \( -type f -o -type l \) -print |
        LC_ALL=C sort | while IFS= read -r p; do
            if [ -L "$p" ]; then echo "l $(readlink "$p" | sha256sum | cut -c1-64) ${p#./}"
            else echo "f $(sha256sum < "$p" | cut -c1-64) ${p#./}"; fi
        done)
}
manifest "$WORK/out" > "$WORK/kernel.files"
# the finished twin's tree is not needed again: its list and logs are
if [ -n "$twin" ]; then
    manifest "$TWIN/root" > "$TWIN/native.files.part" && mv "$TWIN/native.files.part" "$TWIN/native.files" &&
        cp -r "$TWIN/root/log" "$TWIN/log" && rm -rf "$TWIN/root"
fi
cp "$TWIN/native.files" "$WORK/native.files"
manifest "$RUN/root" > "$WORK/start.files"
made=$(LC_ALL=C comm -13 "$WORK/start.files" "$WORK/kernel.files" | wc -l)
if ! cmp -s "$WORK/kernel.files" "$WORK/native.files"; then
    echo "files that differ (< under our kernel, > natively):"
    diff "$WORK/kernel.files" "$WORK/native.files" | grep '^[<>]'
    fail "the outputs differ from the native twin's; $keep"
fi
echo "$(wc -l < "$WORK/kernel.files") files compared by sha256, all equal to the native twin's;" \
     "$made of them made or changed by the chain"

# kept: both sides' journals and step logs for make bench
kept=$HOME/.cache/seedstrap/stage2/last
rm -rf "$kept" && mkdir -p "$kept/kernel"
cp -r "$WORK/out/log/." "$kept/kernel/"
cp -r "$TWIN/log" "$kept/native"
cp "$RUN"/boot-*.log "$RUN/cut.log" "$kept/"
echo "$key $(date '+%F %T')" > "$kept/run"
rm -rf "$RUN"
echo "PASS"
