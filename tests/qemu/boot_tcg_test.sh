#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/boot_tcg_test.sh: plain TCG emulation, 1.5 GiB of memory so the
# page allocator and kmap windows reach pages above the 768 MiB direct map;
# the banner must come within 2 s of starting QEMU.
. tests/qemu/lib.sh
MEM=1536
img=$(image "console=serial selftest")
boot tcg "$img" $IDE_ARGS
expect_good_boot
expect "^selftest: ok: two kmap windows onto a high page see the same bytes$"
expect "^selftest: [0-9]+ passed, 0 failed$"
ms=$(ms_until "^seedstrap kernel ")
echo "banner after $ms ms of wall time"
[ "$ms" -lt 2000 ] || fail "the banner took $ms ms (limit 2000)"
echo "PASS"
