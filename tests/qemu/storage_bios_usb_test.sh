#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/storage_bios_usb_test.sh: external.img on a device the kernel
# has no driver for (usb), reached through the BIOS's int 13h extensions
# (disk=bios, kernel/dev/bios_disk.c); the kernel writes and syncs a tree, which
# the host checks.
. tests/qemu/lib.sh
storage_images disk=bios
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext \
    -device usb-ehci,id=ehci -device usb-storage,bus=ehci.0,drive=ext
storage_verify bios81p1
echo "PASS"
