#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/stage/stage2_test.sh: `make test-stage N=2`.  The step table runs to
# the end of stage 2 (Mes, TinyCC 0.9.26, TinyCC 0.9.27, tcc-check) twice at
# once: under our kernel in QEMU, and in the native twin (tools/run-native,
# the host's Linux, in a chroot).  Then every file of the two trees is
# compared by sha256 (all but /log, whose timings differ), and each
# difference is reported by path; there must be none.  The QEMU run is cut
# off (QEMU killed) in the middle of stage 2 and booted again, so the
# compared outputs are those of a resumed run.  Also: the journal, tcc-check's
# transcript (the new tcc compiled a program that checked its answers, under
# our kernel), and `e2fsck -fn`.
# The twin's file list is kept in TWIN_CACHE (default
# ~/.cache/seedstrap/twin/KEY, KEY a hash of stages/, the run-native binary
# and the qemu-user version), so a later run with the same inputs needs only
# the QEMU run; TWIN_CACHE=none always runs the twin.
# Times: STAGE_TIMEOUT (s, default 8 h) bounds each run.
. tests/qemu/lib.sh
SOURCES_DIR=${SOURCES_DIR:-$HOME/.cache/seedstrap/sources}
TIMEOUT=${STAGE_TIMEOUT:-28800}
MEM=2048
last=tcc-check
PATH=$PATH:/sbin:/usr/sbin

while read -r name file _; do
    case $name in ''|'#'*) continue ;; esac
    [ -f "$SOURCES_DIR/$file" ] ||
        skip "$file is not in $SOURCES_DIR: run make sources MIRROR=DIR (see ../shared/sources/README.md)"
done < stages/sources.lock
[ "$(id -u)" = 0 ] || skip "the native twin runs the chain in a chroot: run as root"
sh tools/i386-binfmt >/dev/null ||
    skip "this host runs no i386 programs: as root, apt-get install qemu-user-static; tools/i386-binfmt"
[ -x "$B/tools/run-native" ] || fail "$B/tools/run-native is missing (make $B/tools/run-native)"

SOURCES_DIR=$SOURCES_DIR tools/stage-root "$WORK/root" || fail "tools/stage-root"
key=$( ("$B/tools/treehash" stages; sha256sum < "$B/tools/run-native";
        { qemu-i386-static --version || qemu-i386 --version; } 2>/dev/null | head -n 1) | sha256sum | cut -c1-16)
cache=${TWIN_CACHE:-$HOME/.cache/seedstrap/twin}/$key
twin=
if [ "${TWIN_CACHE:-}" != none ] && [ -s "$cache/native.files" ]; then
    echo "native twin: its file list from $cache (same stages/, run-native and qemu-user)"
else
    cp -a "$WORK/root" "$WORK/native"
    "$B/tools/run-native" -s "$last" "$WORK/native" > "$WORK/native.log" 2>&1 &
    twin=$!
fi

img=$(image "console=serial stop-after=$last")
EXT=$WORK/external.img
tools/mkimage -d "$WORK/root" -o "$EXT" -s 4G -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
drives="$IDE_ARGS -drive file=$EXT,format=raw,if=none,id=ext -device ide-hd,drive=ext,bus=ide.0,unit=1"

# boot 1: cut off 60 s into tcc-0.9.26, the step after Mes's answers
cut_after=$(awk '!/^[ \t]*(#|$)/ { n++ } /^answers +mes-0.27-answers/ { print n; exit }' stages/steps)
qemu-system-i386 -accel "$(sh tests/qemu/accel.sh)" -m $MEM -display none -no-reboot \
    -serial file:"$WORK/cut.log" -monitor none -drive file="$img",format=raw,if=none,id=stick $drives &
qemu=$!
for _ in $(seq 1 "$TIMEOUT"); do
    grep -q "^\[$cut_after/" "$WORK/cut.log" 2>/dev/null && break
    grep -q 'FAILED' "$WORK/cut.log" 2>/dev/null && break
    sleep 1
done
sleep 60
kill -9 $qemu
wait $qemu 2>/dev/null
echo "---- the boot that was cut off ----"
cat "$WORK/cut.log"
grep -q "^\[$cut_after/" "$WORK/cut.log" || fail "stage 2 never reached step $cut_after before the cut"

boot "$(sh tests/qemu/accel.sh)" "$img" $drives
twin_status=0
if [ -n "$twin" ]; then
    echo "---- the native twin ----"
    wait $twin
    twin_status=$?
    cat "$WORK/native.log"
fi
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS: a step failed"
expect "^runner: stopping after $last, as the command line asks$"
expect "^runner: step $((cut_after + 1)) \(tcc-0.9.26\) was cut off; it runs again from its start$"
[ "$twin_status" = 0 ] || fail "the native twin failed (its logs: $WORK/native/log)"

off="$EXT?offset=1048576"
e2fsck -fn "$off" > "$WORK/fsck.log" 2>&1 || { cat "$WORK/fsck.log"; fail "e2fsck -fn found errors"; }
echo "e2fsck -fn: clean"
mkdir -p "$WORK/out"
debugfs -R "rdump / $WORK/out" "$off" 2>/dev/null
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
if [ -n "$twin" ]; then
    manifest "$WORK/native" > "$WORK/native.files"
    if [ "${TWIN_CACHE:-}" != none ]; then
        mkdir -p "$cache" && cp "$WORK/native.files" "$WORK/native.log" "$cache/"
    fi
else
    cp "$cache/native.files" "$WORK/native.files"
fi
manifest "$WORK/root" > "$WORK/start.files"
made=$(LC_ALL=C comm -13 "$WORK/start.files" "$WORK/kernel.files" | wc -l)
if ! cmp -s "$WORK/kernel.files" "$WORK/native.files"; then
    echo "files that differ (< under our kernel, > natively):"
    diff "$WORK/kernel.files" "$WORK/native.files" | grep '^[<>]'
    fail "the outputs differ from the native twin's"
fi
echo "$(wc -l < "$WORK/kernel.files") files compared by sha256, all equal to the native twin's;" \
     "$made of them made or changed by the chain"
echo "PASS"
