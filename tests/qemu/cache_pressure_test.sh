#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/cache_pressure_test.sh: the block cache is sized to the machine
# (kernel/fs/bcache.c).  On a 1 GiB machine a program (tests/qemu/
# cache_pressure.c) reads a 512 MiB file, which the cache grows to hold,
# then allocates and touches 800 MiB, which fits only when the cache gives
# its clean pages back; then it reads the file again.  The mount line says
# the cache's limit, the kernel says it shrank, the program's checks pass,
# and the volume is e2fsck -fn clean.
. tests/qemu/lib.sh
PATH=$PATH:/sbin:/usr/sbin
FILE_MIB=${FILE_MIB:-512}
EAT_MIB=${EAT_MIB:-800}
MEM=1024
TIMEOUT=${TIMEOUT:-900}
root=$WORK/root
mkdir -p "$root/bin" "$root/data"
gcc -m32 -static -O2 -o "$root/bin/cache_pressure" tests/qemu/cache_pressure.c ||
    skip "cannot build a static i386 program: sudo apt-get install gcc-multilib"
# records of 16 bytes, each its own number: no zero block, so no holes
seq -f '%015.0f' 0 $((FILE_MIB * 65536 - 1)) > "$root/data/big" || fail "seq"
img=$(image "console=serial init=\"/bin/cache_pressure /data/big $EAT_MIB\"")
volume_boot "$root" 1G
rm -f "$root/data/big"
expect "^storage: mounted .* a block cache of up to [0-9]+ MiB"
limit=$(sed -n -E 's/.* a block cache of up to ([0-9]+) MiB.*/\1/p' "$LOG" | head -n 1)
[ "$limit" -ge $((FILE_MIB + 64)) ] || fail "a cache limit of $limit MiB on a 1 GiB machine"
expect "^cache_pressure: first read: $FILE_MIB MiB, every record right$"
expect "^bcache: .*: gave [0-9]+ MiB back to the page allocator; the cache holds [0-9]+ MiB now$"
expect "^cache_pressure: $EAT_MIB MiB allocated and touched$"
expect "^cache_pressure: second read: $FILE_MIB MiB, every record right$"
expect "^init: cache_pressure exited with status 0$"
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 0)"
volume_clean "$EXT?offset=1048576" "e2fsck -fn found errors"
echo "cache limit $limit MiB; $(grep -c 'gave [0-9]* MiB back' "$LOG") shrink lines; e2fsck -fn clean"
echo PASS
