#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/storage_ahci_cut_test.sh: a power cut on the native AHCI
# driver.  The kernel writes the disktest tree (a 64 MiB file last) onto
# external.img on QEMU's AHCI controller, syncing as it goes, and QEMU is
# killed a second into it.  A second boot mounts the volume through the
# same driver: it must say the volume was not cleanly unmounted and is as
# its last sync left it, and power off cleanly; the host then finds it
# e2fsck -fn clean, and every file of the tree that is there holds the
# first bytes of what disktest writes into it, no other bytes (a sync is
# atomic: a file's size and its blocks change together); some of it must
# be there, or nothing was checked.
DISKTEST_MIB=64
. tests/qemu/lib.sh
storage_images disk=ahci
drives="$IDE_ARGS -drive file=$EXT,format=raw,if=none,id=ext -device ahci,id=ahci -device ide-hd,drive=ext,bus=ahci.0"
cut_off_boot "$img" "$WORK/cut.log" '^storage: mounted ahci0p1: ' 1 $drives
grep -q "ahci: ahci0: port 0, 128 MiB, QEMU HARDDISK, DMA" "$WORK/cut.log" || fail "the cut boot did not use the native driver"
grep -q "disktest: big file" "$WORK/cut.log" && fail "disktest had finished before the cut: cut sooner"

"$B/tools/mkinit" -e "$img" -c "console=serial disk=ahci" || fail "mkinit -e"
boot "$(sh tests/qemu/accel.sh)" "$img" $drives
expect "^storage: mounted ahci0p1: "
expect "^ext2: ahci0p1: volume was not cleanly unmounted; it is as its last sync left it \(the log made that atomic\)$"
expect "^runner: the volume has no step table"
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 0)"
e2fsck -fn "$EXT?offset=1048576" > "$WORK/fsck.log" 2>&1 || { cat "$WORK/fsck.log"; fail "e2fsck -fn after the resume"; }

mkdir -p "$WORK/got" "$WORK/want"
debugfs -R "rdump /disktest $WORK/got" "$EXT?offset=1048576" 2>/dev/null
gcc -O2 -o "$WORK/disktree" tests/qemu/disktree.c || fail "cannot build disktree"
"$WORK/disktree" "$WORK/want" "$DISKTEST_MIB" || fail "disktree"
files=0 whole=0
for f in $(cd "$WORK/got" && find disktest -type f ! -name hard); do
    size=$(stat -c %s "$WORK/got/$f")
    cmp -n "$size" "$WORK/got/$f" "$WORK/want/$f" || fail "$f: its $size bytes are not the start of what disktest wrote"
    files=$((files + 1))
    [ "$size" = "$(stat -c %s "$WORK/want/$f")" ] && whole=$((whole + 1))
done
[ "$files" -gt 0 ] || fail "nothing of disktest's tree on the volume: the cut came before its first sync, so nothing was checked (cut later)"
echo "e2fsck -fn clean after the cut and the resume; $files files on the volume, $whole of them whole," \
     "each the start of its content; /disktest/big: $(stat -c %s "$WORK/got/disktest/big" 2>/dev/null || echo 0) bytes"
echo "PASS"
