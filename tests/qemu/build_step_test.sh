#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/build_step_test.sh: a `build` step's failures, without real
# sources.  A small package tree is hashed by tools/treehash and packed as
# tools/stage-root packs /sources/NAME.tar; a one-step table `build pkg-1.0`
# then runs in five short boots (stages/README.md, "build steps"):
#   A  the archive with one byte of a file changed: the step fails with both
#      tree hashes in its log, before /build/pkg-1.0 is touched or kaem runs;
#   B  no /sources/pkg-1.0.tar: the log names the missing path;
#   C  the recipe's sources list a name sources.lock lacks: the log says so
#      (the good archive beside it is still checked and passes);
#   D  the good archive: the check passes, the kernel empties a
#      pre-populated /build/pkg-1.0 (files, nested directories, a symbolic
#      link, a directory of many blocks), then fails to start /x86/bin/kaem,
#      which stage 1 has not made;
#   E  an archive whose first header's checksum is wrong: the log names the
#      entry and says so (not some other error), before kaem runs.
# After each boot: the console's FAILED line and power-off status, the
# step's log read back by debugfs, and `e2fsck -fn` on the volume.
TIMEOUT=${TIMEOUT:-60}
. tests/qemu/lib.sh
PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs >/dev/null && command -v debugfs >/dev/null && command -v sfdisk >/dev/null ||
    skip "needs e2fsprogs and fdisk: sudo apt-get install e2fsprogs fdisk"
[ -x "$B/tools/treehash" ] || fail "no $B/tools/treehash: run make"
ACCEL=$(sh tests/qemu/accel.sh)
LOCK_LINE_TAIL="- https://example.invalid/pkg-1.0.tar.gz"

# ---- the package: a tree, its hash, its archive as tools/stage-root makes it ----
pkg=$WORK/pkg/pkg-1.0
mkdir -p "$pkg/src/sub"
printf 'pkg 1.0: the quick brown fox\n' > "$pkg/README"
printf 'int main(void) { return 0; }\n' > "$pkg/src/main.c"
printf '#!/bin/sh\necho configured\n' > "$pkg/configure"
chmod 755 "$pkg/configure"
ln -s ../../README "$pkg/src/sub/readme-link"
tree=$("$B/tools/treehash" "$pkg") || fail "treehash"
# repack(): top directory NAME/, ustar, sorted names, owner 0, time 0
pack() {
    (cd "$1" && find pkg-1.0 -print0 | LC_ALL=C sort -z |
        tar --format=ustar --no-recursion --null -T - --owner=0 --group=0 --numeric-owner \
            --mtime=@0 --mode=go-w -cf "$2") || fail "tar"
}
pack "$WORK/pkg" "$WORK/good.tar"

# the same archive with one byte of README's contents changed ('q' -> 'Q'),
# headers and checksums as they were; the tree hash it really has
off=$(grep -obUa 'quick brown fox' "$WORK/good.tar" | head -n 1 | cut -d: -f1)
[ -n "$off" ] || fail "README's contents not found in the archive"
cp "$WORK/good.tar" "$WORK/bad.tar"
printf Q | dd of="$WORK/bad.tar" bs=1 seek="$off" conv=notrunc status=none
[ "$(cmp -l "$WORK/good.tar" "$WORK/bad.tar" | wc -l)" = 1 ] || fail "the tampered archive differs in more than one byte"
mkdir -p "$WORK/unpacked"
tar -xf "$WORK/bad.tar" -C "$WORK/unpacked" || fail "the tampered archive does not unpack"
bad=$("$B/tools/treehash" "$WORK/unpacked/pkg-1.0") || fail "treehash"
[ "$bad" != "$tree" ] || fail "the tampered archive has the good tree hash"
echo "tree sha256: good $tree, tampered $bad"

# seed ROOT: the step table, the recipe (whose sources list pkg-1.0) and the lock
seed() {
    root=$1
    rm -rf "$root"
    mkdir -p "$root/stages/pkg-1.0" "$root/sources"
    echo "build pkg-1.0" > "$root/stages/steps"
    printf '# the archives this recipe unpacks\npkg-1.0\n' > "$root/stages/pkg-1.0/sources"
    echo "# kaem would run this; the kernel must not get that far" > "$root/stages/pkg-1.0/build.kaem"
    {
        echo "# NAME FILE TREE-SHA256 ARCHIVE-SHA256 ORIGIN"
        echo "pkg-1.0 pkg-1.0.tar.gz $tree $LOCK_LINE_TAIL"
    } > "$root/stages/sources.lock"
}

# run_case NAME ROOT: boots the one-step table from ROOT; the step must fail.
# Leaves the step's log in $STEPLOG and the volume in $EXT.
run_case() {
    echo "==== case $1"
    img=$(image "console=serial")
    EXT=$WORK/external.img
    tools/mkimage -d "$2" -o "$EXT" -s 64M -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
    boot "$ACCEL" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1
    expect "^runner: 1 steps in /stages/steps; starting at the first$"
    expect "^\[1/1\] build pkg-1.0 \([0-9]+\.[0-9]s\) FAILED$"
    expect "^runner: step 1 \(pkg-1.0, stages/steps line 1\) failed; its log is /log/001-pkg-1.0.log$"
    expect "powering off$"
    [ "$STATUS" = "$(exit_code_for 1)" ] || fail "case $1: QEMU exit status $STATUS, expected $(exit_code_for 1)"
    volume_clean "$EXT?offset=1048576" "case $1: e2fsck -fn found errors"
    STEPLOG=$WORK/$1.log
    debugfs -R "cat /log/001-pkg-1.0.log" "$EXT?offset=1048576" > "$STEPLOG" 2>/dev/null
    [ -s "$STEPLOG" ] || fail "case $1: no /log/001-pkg-1.0.log on the volume"
    echo "---- /log/001-pkg-1.0.log"
    cat "$STEPLOG"
    debugfs -R "cat /log/journal" "$EXT?offset=1048576" 2>/dev/null > "$WORK/journal"
    grep -q "^start 001 pkg-1.0" "$WORK/journal" || fail "case $1: the journal does not record the start"
    grep -q "^done " "$WORK/journal" && fail "case $1: the journal records the failed step as done"
    echo "e2fsck -fn clean"
}

log_has() {
    grep -qF -- "$1" "$STEPLOG" || fail "case $CASE: the step's log lacks: $1"
}

log_lacks() {
    grep -qF -- "$1" "$STEPLOG" && fail "case $CASE: the step's log has: $1"
    return 0
}

# the names in a directory of the volume, but . and ..
ls_volume() {
    debugfs -R "ls -p $1" "$EXT?offset=1048576" 2>/dev/null |
        awk -F/ 'NF >= 7 && $6 != "." && $6 != ".." { print $6 }'
}

# ---- A: one byte changed --------------------------------------------------
CASE=A
seed "$WORK/a"
cp "$WORK/bad.tar" "$WORK/a/sources/pkg-1.0.tar"
mkdir -p "$WORK/a/build/pkg-1.0"
echo "left by an earlier run" > "$WORK/a/build/pkg-1.0/stale.txt"
run_case A "$WORK/a"
log_has "build: source pkg-1.0: /sources/pkg-1.0.tar FAILED: tree sha256 $bad, the lock says $tree"
log_lacks "build: /x86/bin/kaem"
log_lacks "cannot start"
[ "$(ls_volume /build/pkg-1.0)" = stale.txt ] ||
    fail "case A: /build/pkg-1.0 was touched although the check failed"

# ---- B: no archive --------------------------------------------------------
CASE=B
seed "$WORK/b"
run_case B "$WORK/b"
log_has "build: source pkg-1.0: cannot read /sources/pkg-1.0.tar: error"
log_lacks "build: /x86/bin/kaem"
debugfs -R "stat /build" "$EXT?offset=1048576" 2>&1 | grep -q "File not found" ||
    fail "case B: /build was made although the check failed"

# ---- C: a source the lock lacks ---------------------------------------------
CASE=C
seed "$WORK/c"
cp "$WORK/good.tar" "$WORK/c/sources/pkg-1.0.tar"
printf 'pkg-1.0\nabsent-2.0\n' > "$WORK/c/stages/pkg-1.0/sources"
run_case C "$WORK/c"
log_has "build: source pkg-1.0: tree sha256 $tree OK"
log_has "build: source absent-2.0: no line for it in /stages/sources.lock"
log_lacks "build: /x86/bin/kaem"

# ---- D: the good archive; /build/pkg-1.0 emptied; no kaem -----------------
CASE=D
seed "$WORK/d"
cp "$WORK/good.tar" "$WORK/d/sources/pkg-1.0.tar"
stale=$WORK/d/build/pkg-1.0
mkdir -p "$stale/obj/deeper/deepest" "$stale/many" "$stale/empty-dir"
echo "stale" > "$stale/config.log"
echo "stale object" > "$stale/obj/main.o"
echo "deep" > "$stale/obj/deeper/deepest/file"
head -c 100000 /dev/zero > "$stale/obj/deeper/big.o"
ln -s obj/main.o "$stale/link-to-object"
ln -s /nowhere "$stale/obj/dangling"
# enough long names that the directory spans several blocks
for i in $(seq 1 300); do
    echo "$i" > "$stale/many/a-rather-long-file-name-so-the-directory-needs-more-blocks-$i"
done
run_case D "$WORK/d"
log_has "build: source pkg-1.0: tree sha256 $tree OK"
log_has "build: /x86/bin/kaem --verbose --strict --file /stages/pkg-1.0/build.kaem in /build/pkg-1.0"
log_has "run: cannot start /x86/bin/kaem: error"
log_lacks "FAILED"
debugfs -R "stat /build/pkg-1.0" "$EXT?offset=1048576" 2>/dev/null | grep -q "Type: directory" ||
    fail "case D: /build/pkg-1.0 is no directory"
left=$(ls_volume /build/pkg-1.0)
[ -z "$left" ] || fail "case D: /build/pkg-1.0 is not empty: $(echo $left)"
debugfs -R "cat /sources/pkg-1.0.tar" "$EXT?offset=1048576" 2>/dev/null | cmp -s - "$WORK/good.tar" ||
    fail "case D: /sources/pkg-1.0.tar changed"
echo "/build/pkg-1.0: emptied of $(find "$stale" -mindepth 1 | wc -l) paths"

# ---- E: a damaged header ----------------------------------------------------
CASE=E
seed "$WORK/e"
cp "$WORK/good.tar" "$WORK/e/sources/pkg-1.0.tar"
# the first header's mode field, its checksum left as it was
printf 7 | dd of="$WORK/e/sources/pkg-1.0.tar" bs=1 seek=100 conv=notrunc status=none
run_case E "$WORK/e"
log_has 'build: source pkg-1.0: /sources/pkg-1.0.tar: entry "pkg-1.0/" has a bad header checksum'
log_lacks "build: /x86/bin/kaem"
echo "PASS"
