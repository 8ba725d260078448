#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/boot_usb_test.sh: init.img as a USB mass-storage stick on an
# EHCI controller, the path a real USB boot takes: the BIOS's own USB driver
# serves the int 13h extended reads of the boot sector and the loader.
. tests/qemu/lib.sh
img=$(image "console=serial selftest")
boot "$(sh tests/qemu/accel.sh)" "$img" -device usb-ehci,id=ehci \
    -device usb-storage,bus=ehci.0,drive=stick,bootindex=0
expect_good_boot
expect "^selftest: [0-9]+ passed, 0 failed$"
echo "PASS"
