#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/user/build.sh OUTDIR: builds the oracle programs of tests/user/*.c
# into OUTDIR with the host's `gcc -m32 -static -O2` against glibc, as issue 4
# asks (programs we did not write the libc of; glibc sets up TLS through
# set_thread_area).  proc_test is built a second time as a static PIE
# (ET_DYN with no interpreter), the other shape of program the loader takes.
# Each program takes a scratch directory as its one argument; the Makefile
# and tests/qemu/userprogs_test.sh decide where they run.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$1
src=$(dirname "$0")
CC=${CC:-gcc}
mkdir -p "$out"
for c in "$src"/*.c; do
    prog=$(basename "$c" .c)
    $CC -m32 -static -pthread -O2 -Wall -o "$out/$prog" "$c"
    echo "$out/$prog"
done
$CC -m32 -static-pie -O2 -Wall -o "$out/proc_test-pie" "$src/proc_test.c"
echo "$out/proc_test-pie"
