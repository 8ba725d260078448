#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/storage_ide_test.sh: external.img as the IDE primary slave, found
# by its UUID through the ATA driver (disk=ata), once by bus-master DMA (QEMU's
# PIIX3 has it; the console must say DMA was chosen) and once by PIO
# (disk=ata-pio, the fallback); each time the kernel writes and syncs a
# tree, which the host checks.
. tests/qemu/lib.sh
for mode in ata ata-pio; do
    rm -rf "$WORK/got" "$WORK/want"
    storage_images disk=$mode
    boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1
    if [ $mode = ata ]; then expect "^ata: ata1: bus-master DMA$"; else expect "^ata: ata1: PIO$"; fi
    storage_verify ata1p1
    echo "$mode: ok"
done
echo "PASS"
