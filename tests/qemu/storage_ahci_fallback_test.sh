#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/storage_ahci_fallback_test.sh: disk=auto when the native AHCI
# driver does not find the volume, which is on a USB stick (reached through
# the BIOS only):
#   A  an AHCI controller with no disk on it: the kernel says so and goes
#      on to the BIOS's disks;
#   B  init.img on an AHCI disk, booted from it: the driver takes the disk,
#      finds no volume on it and gives the port back to the firmware, whose
#      int 13h must then read that disk again (its partitions are listed
#      among the BIOS's disks) before the stick's volume is found.
# Each time the volume must be mounted and written back; no disktest, which
# through the BIOS's USB driver takes half a minute (storage_bios_usb_test.sh
# has it).
. tests/qemu/lib.sh
stick="-device usb-ehci,id=ehci -device usb-storage,bus=ehci.0,drive=ext"
# the images of storage_images, without its disktest
images() {
    storage_images ""
    "$B/tools/mkinit" -e "$img" -c "console=serial" || fail "mkinit -e"
}
mounted() {
    expect "^storage: mounted bios81p1: "
    expect "^runner: the volume has no step table"
    [ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 0)"
    volume_clean "$EXT?offset=1048576" "e2fsck -fn"
}

echo "==== A: an AHCI controller without disks"
images
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext $stick \
    -device ahci,id=ahci
expect "^ahci: [0-9a-f]{2}:[0-9a-f]{2}\.[0-7] \(8086:2922\): AHCI 1\.0, 6 ports$"
expect "^ahci: no device on any port$"
expect "^disk: 0 AHCI disk\(s\)$"
mounted

echo "==== B: booted from an AHCI disk, which goes back to the BIOS"
images
boot "$(sh tests/qemu/accel.sh)" "$img" -device ahci,id=ahci -device ide-hd,drive=stick,bus=ahci.0,bootindex=0 \
    -drive file="$EXT",format=raw,if=none,id=ext $stick
expect_good_boot
expect "^disk: 0 ATA disk\(s\)$"
expect "^ahci: ahci0: port 0, 6 MiB, QEMU HARDDISK, DMA$"
expect "^  ahci0p1    partition type 0xda, 2 MiB: no ext2 volume$"
expect "^ahci: 1 disk\(s\) given back to the BIOS$"
expect "^  bios80p1   partition type 0xda, 2 MiB: no ext2 volume$"
expect "^  bios80p2   partition type 0x0e, 2 MiB: no ext2 volume$"
grep -q "bios_disk: drive 0x80" "$LOG" && fail "a BIOS call to the disk given back failed"
mounted
echo "PASS"
