#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/fuzz_syscalls_test.sh: tests/user/fuzz_syscalls.c, built by the
# host's `gcc -m32 -static`, run under our kernel by busybox sh on an ext2
# volume: COUNT calls (default 10^4) from SEED (default fixed, so `make test`
# repeats one run; `make fuzz-syscalls SEED= COUNT=` picks others).  The run
# must not panic the kernel, must end within TIMEOUT, must report no canary
# failure (the kernel wrote into memory nobody passed it), and the volume must
# stay e2fsck -fn clean.  The program is never run on the host: a fuzzer
# calling everything as root belongs in a virtual machine.
. tests/qemu/lib.sh
PATH=$PATH:/sbin:/usr/sbin
command -v debugfs >/dev/null || skip "needs e2fsprogs: sudo apt-get install e2fsprogs"
SEED=${SEED:-28}
COUNT=${COUNT:-10000}
root=$WORK/root
busybox_root "$root"
mkdir -p "$root/tests" "$root/tmp"
gcc -m32 -static -pthread -O2 -o "$root/tests/fuzz_syscalls" tests/user/fuzz_syscalls.c ||
    fail "cannot build tests/user/fuzz_syscalls.c"
{
    echo "/tests/fuzz_syscalls -s $SEED -n $COUNT ${FUZZ_ARGS:-} /tmp/fuzz"
    echo 'echo "fuzz_syscalls exit $?"'
} > "$root/run.sh"
img=$(image "console=serial init=\"/bin/busybox sh /run.sh\"")
began=$SECONDS
TIMEOUT=${TIMEOUT:-900} volume_boot "$root" 256M
grep -q "kernel panic" "$LOG" && fail "the kernel panicked"
expect "^fuzz_syscalls: seed $SEED, [0-9]+ calls in"
expect "canary failures 0$"
expect "^fuzz_syscalls exit 0$"
expect "^init: busybox exited with status 0$"
volume_clean "$EXT?offset=1048576" "e2fsck -fn"
echo "$(grep -Eo '[0-9]+ calls in [0-9]+ workers, [0-9.]+ s' "$LOG") under $(sh tests/qemu/accel.sh); boot to power-off $((SECONDS - began)) s"
echo "PASS"
