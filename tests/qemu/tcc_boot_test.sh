#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/tcc_boot_test.sh: the kernel built by TinyCC (Debian's i386
# tcc; `make KCC=tcc`), linked by GNU ld, boots and passes its self-tests,
# and its fault path prints the register dump: the chain's own TinyCC will
# one day rebuild this kernel, so its C must stay in TinyCC's dialect.
. tests/qemu/lib.sh
dpkg-query -W -f='${Status}' tcc:i386 2>/dev/null | grep -q " installed$" ||
    skip "needs Debian's i386 tcc: sudo dpkg --add-architecture i386 && sudo apt-get update && sudo apt-get install tcc:i386 qemu-user"
tcc -v >/dev/null 2>&1 ||
    skip "this host cannot run the i386 tcc: sudo apt-get install qemu-user && sudo tools/i386-binfmt"
B=$B/tcc
KB=$B/kernel-tcc
make -s KCC=tcc B="$B" "$B/init.img" || fail "make KCC=tcc failed"
img=$(image "console=serial selftest")
boot "$(B=build sh tests/qemu/accel.sh)" "$img" $IDE_ARGS
expect_good_boot
expect "^selftest: [0-9]+ passed, 0 failed$"
img=$(image "console=serial test=pagefault")
boot "$(B=build sh tests/qemu/accel.sh)" "$img" $IDE_ARGS
expect "^page fault address cr2=f0dead00: page not present, write, kernel$"
expect "^eax=[0-9a-f]{8} ebx=[0-9a-f]{8} ecx=[0-9a-f]{8} edx=[0-9a-f]{8}$"
[ "$STATUS" = "$(exit_code_for 1)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 1)"
echo "PASS"
