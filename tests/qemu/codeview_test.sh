#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/codeview_test.sh: a program whose code and variables share one
# writable and executable segment (tests/qemu/codeview.c, laid out as
# stage0-posix's and M2-Planet's programs are) runs under a code view
# (kernel/proc/uvm.h): its stores, fork and wait work, and an instruction it
# rewrites is not seen, because its code comes from a copy.  With
# codeview=off on the command line, the rewritten instruction runs, as on
# Linux.  (Stage 1's answers and stage 2's twin check the real programs.)
. tests/qemu/lib.sh
PATH=$PATH:/sbin:/usr/sbin
root=$WORK/root
mkdir -p "$root"
build_codeview "$root/codeview"
[ "$(readelf -lW "$root/codeview" | grep -c '^ *LOAD .* RWE ')" = 1 ] ||
    fail "codeview is not one writable and executable segment"
EXT=$WORK/external.img
for view in on off; do
    img=$(image "console=serial codeview=$view init=/codeview")
    tools/mkimage -d "$root" -o "$EXT" -s 64M -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
    boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1
    expect "^ok - stores to a variable among the code$"
    expect "^ok - fork and wait$"
    if [ $view = on ]; then
        expect "^code view: rewritten code is not seen$"
    else
        expect "^no code view: rewritten code runs$"
    fi
    expect "^init: codeview exited with status 0$"
    echo "codeview=$view: as expected"
done
echo "PASS"
