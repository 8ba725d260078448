#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/handoff_amd64_test.sh: our i386 kernel, on a 64-bit PC
# (qemu-system-x86_64), hands off to Debian's amd64 kernel through its
# 32-bit entry; the i386 busybox of the initramfs runs through IA32
# emulation; the external disk on IDE and on AHCI (handoff_lib.sh).
. tests/qemu/lib.sh
. tests/qemu/handoff_lib.sh
command -v qemu-system-x86_64 >/dev/null || skip "needs qemu-system-x86_64: sudo apt-get install qemu-system-x86"
QEMU=qemu-system-x86_64
for disk in ide ahci; do
    echo "==== the external disk on $disk"
    handoff_test amd64 $disk tcg
    rm -rf "$WORK"/*
done
echo "PASS"
