#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/orphan_cut_test.sh: a power cut while a file unlinked but still
# open is on the volume.  busybox sh, the first process, holds a 4 MiB file
# open on a descriptor, removes its name, syncs and waits; QEMU is killed
# then.  On the cut volume the orphan list holds that inode: real e2fsck in
# preen mode (-p, the boot-time check; on a copy) frees it and finds nothing
# else.  A second boot of our kernel frees it at mount, as its message says,
# after which `e2fsck -fn` is clean and the blocks are free again.
. tests/qemu/lib.sh
PATH=$PATH:/sbin:/usr/sbin
command -v debugfs >/dev/null || skip "needs e2fsprogs: sudo apt-get install e2fsprogs"

root=$WORK/root
busybox_root "$root"
mkdir -p "$root/test"
cat > "$root/test/hold.sh" <<'EOF'
[ -e /test/second-boot ] && exit 0
echo > /test/second-boot
exec 3> /test/big
head -c 4194304 /dev/zero | tr '\0' x >&3
rm /test/big
sync
echo "holding an unlinked file"
sleep 1000
EOF
img=$(image "console=serial init=\"/bin/busybox sh /test/hold.sh\"")
EXT=$WORK/external.img
tools/mkimage -d "$root" -o "$EXT" -s 256M -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
off="$EXT?offset=1048576"
free_blocks() { debugfs -R stats "$off" 2>/dev/null | awk '/^Free blocks:/ { print $3 }'; }
before=$(free_blocks)
drives="$IDE_ARGS -drive file=$EXT,format=raw,if=none,id=ext -device ide-hd,drive=ext,bus=ide.0,unit=1"
cut_off_boot "$img" "$WORK/cut.log" 'holding an unlinked file' 1 $drives

orphan=$(debugfs -R stats "$off" 2>/dev/null | awk '/^First orphan inode:/ { print $4 }')
[ -n "$orphan" ] && [ "$orphan" != 0 ] || fail "the cut volume has no orphan list"
echo "the cut volume: first orphan inode $orphan, $((before - $(free_blocks))) blocks fewer free"
dd if="$EXT" of="$WORK/fsck.img" bs=1M skip=1 status=none
e2fsck -fp "$WORK/fsck.img" > "$WORK/fsck-p.log" 2>&1
st=$?
cat "$WORK/fsck-p.log"
[ $st -le 1 ] || fail "e2fsck -fp on the cut volume: status $st"
[ "$(grep -c "Clearing orphaned inode $orphan " "$WORK/fsck-p.log")" = 1 ] &&
    [ "$(grep -vc 'Clearing orphaned inode' "$WORK/fsck-p.log")" = 1 ] ||
    fail "e2fsck -fp did not just free the orphan"

boot "$(sh tests/qemu/accel.sh)" "$img" $drives
expect "^init: busybox exited with status 0$"
expect "ext2: ata1p1: 1 inodes unlinked while in use freed at mount"
volume_clean "$off" "e2fsck -fn after the second boot"
after=$(free_blocks)
# the second boot's own writes (its marker, the journal of nothing) are a few blocks at most
[ "$after" -ge $((before - 8)) ] || fail "free blocks: $before before, $after after the second boot"
echo "e2fsck -fn clean after the second boot; free blocks $before before, $after after"
echo "PASS"
