#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/storage_usb_ahci_test.sh: as on a real PC: init.img on a USB
# stick, the external disk on an AHCI (SATA) controller, disk=auto: no IDE
# disk has the volume, so the kernel finds it through its own AHCI driver,
# and does not ask the BIOS.
. tests/qemu/lib.sh
storage_images ""
boot "$(sh tests/qemu/accel.sh)" "$img" -device usb-ehci,id=ehci \
    -device usb-storage,bus=ehci.0,drive=stick,bootindex=0 \
    -drive file="$EXT",format=raw,if=none,id=ext -device ahci,id=ahci -device ide-hd,drive=ext,bus=ahci.0
expect "^disk: 0 ATA disk\(s\)$"
expect "^ahci: ahci0: port 0, 128 MiB, QEMU HARDDISK, DMA$"
grep -q "BIOS disk(s)" "$LOG" && fail "the BIOS's disks were listed after the native driver found the volume"
storage_verify ahci0p1
echo "PASS"
