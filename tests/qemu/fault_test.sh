#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/fault_test.sh: the kernel's fault path.  test=pagefault writes
# to an unmapped kernel address; the kernel must print the whole register
# dump and a backtrace, then power off with the panic status, which QEMU's
# isa-debug-exit turns into a non-zero exit code.  test=divide likewise.
. tests/qemu/lib.sh
img=$(image "console=serial test=pagefault")
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS
expect "^trap 14 \(page fault\), error code 0x2, in kernel mode$"
expect "^page fault address cr2=f0dead00: page not present, write, kernel$"
expect "^eip=c01[0-9a-f]{5} eflags=[0-9a-f]{8} cs=0008 ds=0010 es=0010 fs=0010 gs=0010$"
expect "^eax=[0-9a-f]{8} ebx=[0-9a-f]{8} ecx=[0-9a-f]{8} edx=[0-9a-f]{8}$"
expect "^esi=[0-9a-f]{8} edi=[0-9a-f]{8} ebp=c[0-9a-f]{7} esp=c[0-9a-f]{7}$"
expect "^cr0=8[0-9a-f]{7} cr2=f0dead00 cr3=[0-9a-f]{8} cr4=[0-9a-f]{8}$"
expect "^  #0  c01[0-9a-f]{5} selftest_fault\+0x[0-9a-f]+$"
expect "^  #1  c01[0-9a-f]{5} kmain\+0x[0-9a-f]+$"
expect "^kernel panic: unhandled page fault in kernel mode$"
[ "$STATUS" = "$(exit_code_for 1)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 1) (panic)"

# the faulting instruction is in selftest_fault, by the kernel's own symbols
eip=$(grep -E -m1 '^ *[0-9]+ eip=' "$LOG" | sed -E 's/.*eip=([0-9a-f]+).*/\1/')
fn=$(addr2line -f -e "$KB/kernel.elf" "0x$eip" | head -n 1)
[ "$fn" = selftest_fault ] || fail "eip $eip is in $fn, not selftest_fault"

img=$(image "console=serial test=divide")
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS
expect "^trap 0 \(divide error\), error code 0x0, in kernel mode$"
expect "^kernel panic: unhandled divide error in kernel mode$"
[ "$STATUS" = "$(exit_code_for 1)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 1) (panic)"
echo "PASS"
