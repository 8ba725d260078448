#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/bochs_test.sh: init.img under Bochs, headless, with Bochs' own
# BIOS (not SeaBIOS): a second, independent PC model and firmware.  Bochs
# has no isa-debug-exit; the kernel's ACPI power-off must reach Bochs, and
# the transcript must show the whole boot.  Debian builds Bochs with its
# debugger, which waits for a command first: "c" (continue) comes from a file.
. tests/qemu/lib.sh
command -v bochs >/dev/null || skip "bochs is not installed: sudo apt-get install bochs bochsbios vgabios"
[ -f /usr/share/bochs/BIOS-bochs-latest ] || skip "no Bochs BIOS: sudo apt-get install bochsbios vgabios"
img=$(image "console=serial selftest")
sh tests/qemu/bochsrc.sh "$img" "$LOG.raw" > "$WORK/bochsrc"
echo c > "$WORK/continue"
timeout "$TIMEOUT" bochs -q -f "$WORK/bochsrc" -rc "$WORK/continue" </dev/null >"$WORK/bochs.out" 2>&1
STATUS=$?
[ "$STATUS" = 124 ] && { tail -20 "$WORK/bochs.out"; fail "Bochs still running after ${TIMEOUT}s"; }
tr -d '\r' < "$LOG.raw" | sed 's/^/     0 /' > "$LOG"
cat "$LOG"
kernel_sha=$(sha256sum "$KB/kernel.bin" | cut -c1-16)
expect "^seedstrap loader$"
expect "^seedstrap kernel $kernel_sha \(sha256 of [0-9]+ bytes, matches init.img\)$"
expect "^memory: 25[45] MiB usable"
expect "^selftest: [0-9]+ passed, 0 failed$"
expect "powering off$"
grep -aq "ACPI control: soft power off" "$WORK/bochs.out" ||
    { tail -20 "$WORK/bochs.out"; fail "Bochs did not see the kernel's power-off"; }
echo "PASS"
