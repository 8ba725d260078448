#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/boot_ide_test.sh: init.img as the first IDE disk, with the
# accelerator tests/qemu/accel.sh picks; the kernel's self-tests all pass.
. tests/qemu/lib.sh
img=$(image "console=serial selftest memmap")
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS
expect_good_boot
expect "e820: 0000000000100000 - "
expect "^selftest: [0-9]+ passed, 0 failed$"
echo "PASS"
