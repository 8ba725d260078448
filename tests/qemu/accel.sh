#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/accel.sh: prints the QEMU accelerator to use: kvm only when a
# probe boot under KVM runs our kernel's ring-3 int 0x80 check to the end
# (a nested KVM may exist and still fail at the first int 0x80), else tcg.
# The answer is cached in build/accel.
B=${B:-build}
if [ -f "$B/accel" ]; then
    cat "$B/accel"
    exit 0
fi
accel=tcg
if [ -w /dev/kvm ] && [ -f "$B/init.img" ] && [ -x "$B/tools/mkinit" ]; then
    probe=$(mktemp)
    cp "$B/init.img" "$probe"
    "$B/tools/mkinit" -e "$probe" -c "console=serial test=usermode"
    out=$(timeout 20 qemu-system-i386 -accel kvm -m 64 -display none -no-reboot -serial stdio \
        -monitor none -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -drive file="$probe",format=raw,if=ide 2>/dev/null </dev/null)
    rc=$?
    rm -f "$probe"
    [ $rc = 1 ] && echo "$out" | grep -q "usermode: ok" && accel=kvm
fi
echo "$accel" > "$B/accel"
echo "$accel"
