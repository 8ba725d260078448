#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/storage_bios_nvme_test.sh: external.img on a device the kernel
# has no driver for (nvme), reached through the BIOS's int 13h extensions
# (disk=bios, kernel/dev/bios_disk.c); the kernel writes and syncs a tree, which
# the host checks.
. tests/qemu/lib.sh
storage_images disk=bios
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext \
    -device nvme,drive=ext,serial=seedext
storage_verify bios81p1
echo "PASS"
