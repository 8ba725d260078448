#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/storage_ahci_test.sh: external.img on QEMU's ICH9 AHCI
# controller, found by its UUID through the native AHCI driver
# (kernel/dev/ahci.c), once with disk=ahci and once with disk=auto (no IDE
# disk holds the volume, so AHCI is next and the BIOS is not asked); the
# console must say the driver took the disk with DMA; each time the kernel
# writes and syncs a tree, which the host checks.  Then the same disk
# refusing every write (QEMU's blkdebug, reported to the guest as a device
# error): each failed write is a task-file error named on the console and
# an -EIO, the port starts again for the next command, the mount is refused
# with its hint, and not one byte of the disk changes.
. tests/qemu/lib.sh
ahci="-device ahci,id=ahci -device ide-hd,drive=ext,bus=ahci.0"
for mode in ahci auto; do
    rm -rf "$WORK/got" "$WORK/want"
    storage_images disk=$mode
    boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext $ahci
    expect "^ahci: [0-9a-f]{2}:[0-9a-f]{2}\.[0-7] \(8086:2922\): AHCI 1\.0, 6 ports$"
    expect "^ahci: ahci0: port 0, 128 MiB, QEMU HARDDISK, DMA$"
    expect "^disk: 1 AHCI disk\(s\)$"
    grep -q "BIOS disk(s)" "$LOG" && fail "$mode: the BIOS's disks were listed after the native driver found the volume"
    storage_verify ahci0p1
    echo "$mode: ok"
done

storage_images disk=ahci
printf '[inject-error]\nevent = "write_aio"\nerrno = "5"\n' > "$WORK/blkdebug.cfg"
before=$(sha256sum < "$EXT")
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS $ahci \
    -drive file="blkdebug:$WORK/blkdebug.cfg:$EXT",format=raw,if=none,id=ext,werror=report
expect "^ahci: ahci0: port 0, 128 MiB, QEMU HARDDISK, DMA$"
expect "^ahci: port 0 \(QEMU HARDDISK\): write of [0-9]+ sectors at [0-9]+ failed: task file error, device status 0x[0-9a-f]+ error 0x[0-9a-f]+ \(PxIS 0x4[0-9a-f]{7}, PxSERR 0x[0-9a-f]+\)$"
grep -q "start again" "$LOG" && fail "the port did not start again after the error"
expect "^storage: cannot mount ahci0p1 \(error -5\): its disk refused a read or a write"
[ "$STATUS" = "$(exit_code_for 1)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 1)"
[ "$(sha256sum < "$EXT")" = "$before" ] || fail "the disk that refuses writes changed"
echo "refused writes: ok"
echo "PASS"
