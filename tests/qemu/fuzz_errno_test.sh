#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/fuzz_errno_test.sh: our kernel's errno answers against Linux's
# (issue 28).  tests/user/fuzz_errno.c makes COUNT calls (default 10^4) from
# SEED (default fixed, so `make test` repeats one run; `make fuzz-errno
# SEED= COUNT=` picks others), the same calls on both sides, one line each.
# The Linux side is the honest one this host has: qemu-user would answer
# with the host's x86-64 kernel through translation.  So, by the probe
# (tools/i386-binfmt): where the host runs i386 programs natively, the
# program runs on the host itself (as root, or its answers are a user's);
# elsewhere one boot does both sides: the volume's step table runs it under
# our kernel, jumps to Debian's Linux 6.1 (linux-image-686, as the hand-off
# tests do) and runs it again there, in the same QEMU on the same volume.
# Prints the calls compared, equal and differing, the differences grouped
# by call and (ours, Linux) answer with the first call of each.  Differences
# are the product, not a failure (docs/syscalls.md lists them); the test
# fails when a side gave no complete answer or the two sides' calls differ.
TIMEOUT=${TIMEOUT:-600}
. tests/qemu/lib.sh
PATH=$PATH:/sbin:/usr/sbin
command -v debugfs >/dev/null || skip "needs e2fsprogs: sudo apt-get install e2fsprogs"
SEED=${SEED:-28}
COUNT=${COUNT:-10000}
MEM=${MEM:-1024}
twin=linux-in-qemu
[ "$(sh tools/i386-binfmt 2>/dev/null)" = native ] && [ "$(id -u)" = 0 ] && twin=native

root=$WORK/root
busybox_root "$root"
[ $twin = native ] || linux_jump_into "$root"
mkdir -p "$root/tests" "$root/tmp" "$root/out" "$root/log" "$root/stages"
gcc -m32 -static -O2 -Wall -o "$root/tests/fuzz_errno" tests/user/fuzz_errno.c ||
    fail "cannot build tests/user/fuzz_errno.c"
# its table names only calls our kernel implements
sed -n 's/^SYSCALL(\([0-9]*\), \([a-z0-9_]*\), IMPL)$/\1 \2/p' kernel/sys/syscalls.def > "$WORK/impl"
grep -o '{[0-9]*, "[a-z0-9_]*", "' tests/user/fuzz_errno.c | tr -d '{",' | while read -r nr name; do
    grep -qx "$nr $name" "$WORK/impl" || echo "$nr $name"
done > "$WORK/unimpl"
[ -s "$WORK/unimpl" ] &&
    fail "fuzz_errno.c calls what kernel/sys/syscalls.def does not implement: $(tr '\n' ' ' < "$WORK/unimpl")"

# the scratch directory's name as long as mktemp's on a native host: getcwd's answers agree
cat > "$root/stages/errno.sh" <<EOF
dir=/tmp/errno.000000
rm -rf \$dir
uname -sr > /out/\$1.uname
/tests/fuzz_errno -s $SEED -n $COUNT \$dir > /out/\$1.txt 2> /out/\$1.err
echo "fuzz_errno exit \$?" >> /out/\$1.err
EOF
{
    echo "run     errno-ours: /bin/sh /stages/errno.sh ours"
    [ $twin = native ] || echo "jump    linux: console=ttyS0 panic=-1"
    [ $twin = native ] || echo "run     errno-linux: /bin/sh /stages/errno.sh linux"
} > "$root/stages/steps"
img=$(image "console=serial")
volume_boot "$root" 256M
grep -q "kernel panic" "$LOG" && fail "the kernel panicked"
mkdir -p "$WORK/got"
debugfs -R "rdump /out $WORK/got" "$EXT?offset=1048576" 2>/dev/null
out=$WORK/got/out
native_secs=""
if [ $twin = native ]; then
    d=$(mktemp -d /tmp/errno.XXXXXX)
    uname -sr > "$out/linux.uname"
    began=$SECONDS
    "$root/tests/fuzz_errno" -s "$SEED" -n "$COUNT" "$d" > "$out/linux.txt" 2> "$out/linux.err"
    native_secs=$((SECONDS - began))
    rm -rf "$d"
fi
# a step's seconds from the runner's progress line (ours, and Linux's runner after the jump)
secs() { sed -n -E "s/^ *[0-9]+ \[[0-9]+\/[0-9]+\] run errno-$1 \(([0-9.]+)s\)$/\1/p" "$LOG"; }
for side in ours linux; do
    [ -s "$out/$side.txt" ] || fail "no answers from the $side side"
    cat "$out/$side.err"
done
echo "ours: $(secs ours) s under $(sh tests/qemu/accel.sh);" \
     "linux ($twin, $(cat "$out/linux.uname")): ${native_secs:-$(secs linux)} s"

awk -v count="$COUNT" '
    # "INDEX NAME(ARGUMENTS) = RESULT", split at the last " = "
    function split_line(s, part) {
        part[1] = s
        sub(/ = [^ ]*$/, "", part[1])
        part[2] = substr(s, length(part[1]) + 4)
    }
    FNR == 1 { side++ }
    /^[0-9]+ / { split_line($0, p); call[side, $1] = p[1]; answer[side, $1] = p[2]; n[side]++ }
    /^fuzz_errno: all [0-9]+ calls made$/ { complete[side] = 1 }
    END {
        for (i = 0; i < count && (1, i) in call && (2, i) in call; i++) {
            if (call[1, i] != call[2, i]) {
                print "the sides made different calls at " i ": " call[1, i] " / " call[2, i]
                bad = 1
                break
            }
            if (answer[1, i] == answer[2, i]) { equal++; continue }
            c = call[1, i]; sub(/^[0-9]+ /, "", c); name = c; sub(/\(.*/, "", name)
            key = name ": ours " answer[1, i] ", linux " answer[2, i]
            if (!(key in diff)) first[key] = i " " c
            diff[key]++
        }
        printf "errno compare: %d calls compared, %d equal, %d differ\n", i, equal, i - equal
        for (k in diff) printf "%6d  %s: %d calls (first: %s)\n", diff[k], k, diff[k], first[k] | "sort -rn | cut -c9-"
        close("sort -rn | cut -c9-")
        for (s = 1; s <= 2; s++)
            if (!complete[s]) { print (s == 1 ? "ours" : "linux") " stopped after " n[s] " of " count " calls"; bad = 1 }
        exit bad
    }' "$out/ours.txt" "$out/linux.txt" || fail "the comparison did not run to the end"
echo "PASS"
