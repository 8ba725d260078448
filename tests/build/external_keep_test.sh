#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/build/external_keep_test.sh: `make external` (and so `make
# qemu-run`) when the step table changed after external.img was made: a
# volume whose journal records done steps is moved aside, byte for byte,
# and named, never overwritten; one with no step done is simply made anew.
set -u
B=${B:-build}
PATH=$PATH:/sbin:/usr/sbin
WORK=$(mktemp -d "${TMPDIR:-/tmp}/seedstrap-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
command -v debugfs >/dev/null || skip "needs e2fsprogs: sudo apt-get install e2fsprogs"
SOURCES_DIR=${SOURCES_DIR:-$HOME/.cache/seedstrap/sources}
[ -f "$SOURCES_DIR/stage0-posix-1.9.1.tar.gz" ] ||
    skip "stage0-posix-1.9.1 is not in $SOURCES_DIR: run make sources MIRROR=DIR (docs/sources.md)"
# a volume needs only some source to be made; stage0-posix's alone is quick
mkdir -p "$WORK/sources"
ln -s "$(realpath "$SOURCES_DIR/stage0-posix-1.9.1.tar.gz")" "$WORK/sources/"

# old_volume JOURNAL: $WORK/external.img as an older run left it, older than stages/steps
old_volume() {
    rm -rf "$WORK/old" && mkdir -p "$WORK/old/log"
    printf '%s' "$1" > "$WORK/old/log/journal"
    tools/mkimage -d "$WORK/old" -o "$WORK/external.img" -s 64M -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
    touch -d 2000-01-01 "$WORK/external.img"
}
remake() {
    make --no-print-directory external B="$B" EXTERNAL="$WORK/external.img" EXTERNAL_SIZE=64M \
        SOURCES_DIR="$WORK/sources" > "$WORK/make.log" 2>&1 || { cat "$WORK/make.log"; fail "make external"; }
    grep '^external: ' "$WORK/make.log"
}

echo "==== a volume with two steps done"
old_volume $'start 001 hex0-seed 0\ndone 001 hex0-seed 0\nstart 002 hex0-seed.sha256 0\ndone 002 hex0-seed.sha256 0\n'
sum=$(sha256sum < "$WORK/external.img")
remake
kept=$(ls "$WORK"/external-*.img 2>/dev/null)
[ "$(echo "$kept" | wc -w)" = 1 ] || fail "no one kept volume beside the new one: $kept"
grep -qF "its run (2 steps done) is kept as $kept" "$WORK/make.log" || fail "make does not say where the run is kept"
[ "$(sha256sum < "$kept")" = "$sum" ] || fail "the kept volume is not the old one byte for byte"
debugfs -R "cat /log/journal" "$WORK/external.img?offset=1048576" 2>/dev/null | grep -q . &&
    fail "the new volume has the old journal"
debugfs -R "ls /stages" "$WORK/external.img?offset=1048576" 2>/dev/null | grep -q steps ||
    fail "the new volume has no step table"

echo "==== a volume with no step done"
rm -f "$WORK"/external-*.img
old_volume $'start 001 hex0-seed 0\n'
remake
ls "$WORK"/external-*.img >/dev/null 2>&1 && fail "a volume without a done step was kept"
grep -q '^external: ' "$WORK/make.log" && fail "make spoke of keeping a volume without a done step"
echo "made anew, nothing kept"
echo PASS
