#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/usermode_test.sh: a three-instruction ring-3 program makes a
# system call through int 0x80; the kernel sees it come from ring 3 with
# the right registers (the TSS, user segments and DPL-3 gate work).
. tests/qemu/lib.sh
img=$(image "console=serial test=usermode")
boot tcg "$img" $IDE_ARGS
expect "^usermode: ok: int 0x80 from cs=001b eip=00400007 eax=00005eed$"
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS"
echo "PASS"
