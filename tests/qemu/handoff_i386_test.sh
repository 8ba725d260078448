#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/handoff_i386_test.sh: our kernel hands off to Debian's i386
# (686) kernel, which finds and mounts the external volume (handoff_lib.sh).
. tests/qemu/lib.sh
. tests/qemu/handoff_lib.sh
handoff_test 686:i386 "$(sh tests/qemu/accel.sh)"
echo "PASS"
