#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/handoff_i386_test.sh: our kernel hands off to Debian's i386
# (686) kernel, which finds and mounts the external volume, on IDE and on
# AHCI (handoff_lib.sh).
. tests/qemu/lib.sh
. tests/qemu/handoff_lib.sh
for disk in ide ahci; do
    echo "==== the external disk on $disk"
    handoff_test 686:i386 $disk "$(sh tests/qemu/accel.sh)"
    rm -rf "$WORK"/*
done
echo "PASS"
