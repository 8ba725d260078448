#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/userprogs_test.sh: the C test programs of tests/user/ (processes,
# pipes, signals, files, bad pointers, unknown system calls, memory, the
# console as a terminal, alarms, poll and select), built
# by the host's `gcc -m32 -static` against glibc (one also as a static PIE),
# run unmodified under our kernel one after another by busybox sh.  Each checks its own results and
# prints "ok"/"not ok" lines; every one must exit 0.  USERPROGS="entry_test
# fs_test" runs only the programs named.
. tests/qemu/lib.sh
PATH=$PATH:/sbin:/usr/sbin
command -v debugfs >/dev/null || skip "needs e2fsprogs: sudo apt-get install e2fsprogs"
if [ -n "${USERPROGS:-}" ]; then
    progs=$(for n in $USERPROGS; do echo "tests/user/$n.c"; done)
else
    progs=$(ls tests/user/*_test.c 2>/dev/null)   # not fuzz_syscalls.c: its own test
fi
[ -n "$progs" ] || fail "no test programs in tests/user/"

root=$WORK/root
busybox_root "$root"
mkdir -p "$root/tests" "$root/out" "$root/tmp"
for c in $progs; do
    gcc -m32 -static -pthread -O2 -o "$root/tests/$(basename "$c" .c)" "$c" || fail "cannot build $c"
done
# one of them also as a static PIE (ET_DYN without an interpreter)
[ -z "${USERPROGS:-}" ] || [ -z "${USERPROGS##*proc_test*}" ] &&
    { gcc -m32 -static-pie -O2 -o "$root/tests/proc_test-pie" tests/user/proc_test.c || fail "cannot build a static PIE"; }
{
    echo 'for p in /tests/*; do'
    echo '    n=${p##*/}'
    echo '    mkdir -p /tmp/$n'
    echo '    SEEDSTRAP_OOM=1 $p /tmp/$n > /out/$n.txt 2>&1'
    echo '    echo "$n exit $?" >> /out/summary.txt'
    echo 'done'
} > "$root/run-all.sh"

img=$(image "console=serial init=\"/bin/busybox sh /run-all.sh\"")
TIMEOUT=600 volume_boot "$root" 512M
expect "^init: busybox exited with status 0$"
mkdir -p "$WORK/out"
debugfs -R "rdump /out $WORK/out" "$EXT?offset=1048576" 2>/dev/null
[ -s "$WORK/out/out/summary.txt" ] || fail "no summary on the volume"
failed=0
for f in "$WORK"/out/out/*.txt; do
    [ "$(basename "$f")" = summary.txt ] && continue
    echo "---- $(basename "$f" .txt): $(grep -c '^ok' "$f") ok, $(grep -c '^not ok' "$f") not ok"
    grep '^not ok' "$f" && failed=1
done
cat "$WORK/out/out/summary.txt"
grep -v ' exit 0$' "$WORK/out/out/summary.txt" && failed=1
volume_clean "$EXT?offset=1048576" "e2fsck -fn"
[ $failed = 0 ] || fail "a test program failed under our kernel"
echo "PASS"
