#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/storage_ide_test.sh: external.img as the IDE primary slave, found
# by its UUID through the ATA PIO driver (disk=ata); the kernel writes and
# syncs a tree, which the host checks.
. tests/qemu/lib.sh
storage_images disk=ata
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext \
    -device ide-hd,drive=ext,bus=ide.0,unit=1
storage_verify ata1p1
echo "PASS"
