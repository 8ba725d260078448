#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/storage_missing_test.sh: init.img names an external volume that
# no attached disk holds: the kernel lists every disk and partition it saw,
# says what to do, and stops with a failure status.
. tests/qemu/lib.sh
img=$(image "console=serial")
"$B/tools/mkinit" -e "$img" -u 5eed0000-0000-4000-8000-0000000000ff || fail "mkinit"
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS
expect "^storage: looking for the ext2 volume 5eed0000-0000-4000-8000-0000000000ff$"
expect "^  ata0p1     partition type 0xda, 2 MiB: no ext2 volume$"
expect "^storage: the external volume 5eed0000-0000-4000-8000-0000000000ff is on none of the disks listed above.$"
[ "$STATUS" = "$(exit_code_for 1)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 1)"
echo "PASS"
