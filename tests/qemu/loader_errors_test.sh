#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/loader_errors_test.sh: a broken init.img must say what is wrong
# and halt, never hang silently or run garbage: no boot config, a kernel size
# out of range, an image cut short inside the kernel, a kernel whose bytes
# differ from the recorded sha256.
. tests/qemu/lib.sh
TIMEOUT=8
HALT_EXPECTED=1
sector=512
cfg=$((1 * sector))     # CONFIG_LBA (disk-layout/init.layout)

img=$(image "console=serial")
printf 'XXXXXXXX' | dd of="$img" bs=1 seek=$cfg conv=notrunc status=none
boot tcg "$img" $IDE_ARGS
expect "^loader: no boot config \(SEEDCFG1\) in sector 1; rebuild init.img$"
[ "$STATUS" = 124 ] || fail "expected a halt, QEMU exited with $STATUS"
expect_none() { grep -q "seedstrap kernel" "$LOG" && fail "the kernel ran"; return 0; }
expect_none

img=$(image "console=serial")
printf '\377\377\0\0' | dd of="$img" bs=1 seek=$((cfg + 12)) conv=notrunc status=none
boot tcg "$img" $IDE_ARGS
expect "^loader: the boot config gives a bad kernel size$"
[ "$STATUS" = 124 ] || fail "expected a halt, QEMU exited with $STATUS"
expect_none

# an image cut short (a copy to the stick that did not finish): the loader
# reads past the disk's end and names the sector the BIOS refused
img=$(image "console=serial")
truncate -s $((2048 * sector + 100 * 1024)) "$img"
boot tcg "$img" $IDE_ARGS
expect "^loader: disk read error at LBA 0x[0-9a-f]{8}, status 0x[0-9a-f]{8}$"
[ "$STATUS" = 124 ] || fail "expected a halt, QEMU exited with $STATUS"
expect_none

# flip a letter of a message the kernel prints only at power-off, so the
# kernel still runs far enough to check itself
img=$(image "console=serial")
at=$(grep -abo "it is now safe to turn off" "$KB/kernel.bin" | cut -d: -f1)
[ -n "$at" ] || fail "the power-off message is not in the kernel image"
printf 'I' | dd of="$img" bs=1 seek=$((2048 * sector + at)) conv=notrunc status=none
HALT_EXPECTED=
boot tcg "$img" $IDE_ARGS
expect "DOES NOT MATCH init.img\)$"
expect "^kernel panic: the kernel image is corrupt: its sha256 differs from init.img's boot config$"
[ "$STATUS" = "$(exit_code_for 1)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 1)"
echo "PASS"
