#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tools/syscall-oracles.sh: writes docs/syscall-oracles.tsv, which system
# calls each oracle program makes, from traces of them on the host: every
# tests/user/*.c program (built by tests/user/build.sh) and the busybox
# workload (tests/user/busybox/run.sh under Debian's busybox-static:i386),
# each run in a scratch directory under qemu-i386 with QEMU_STRACE=1 (and
# USERTEST_QEMU_USER, as docs/user-tests.md says).  qemu-user, not strace:
# it has no vDSO, so the clock calls show as they do under our kernel, and
# it runs wherever the host cannot run i386 programs.
# Then tools/syscall-doc.sh turns the table into docs/syscalls.md.
set -eu
cd "$(dirname "$0")/.."
out=docs/syscall-oracles.tsv
work=$(mktemp -d "${TMPDIR:-/tmp}/seedstrap-oracles.XXXXXX")
trap 'rm -rf "$work"' EXIT

sh tests/user/build.sh "$work/bin" >/dev/null
tools/fetch-deb busybox-static:i386 "$work/busybox-deb" >/dev/null || {
    echo "syscall-oracles: needs Debian's busybox-static:i386 (tools/fetch-deb)" >&2
    exit 1
}
# trace NAME CMD...: the names of the calls CMD makes, one a line, into $work/NAME.calls
trace() {
    name=$1
    shift
    # bounded: a program qemu-user cannot finish (rlimit_test waits for a
    # SIGXCPU it does not pass on) still leaves the calls it made
    QEMU_STRACE=1 USERTEST_QEMU_USER=1 timeout 60 qemu-i386 "$@" >/dev/null 2>"$work/$name.strace" </dev/null || true
    # a call qemu-user does not know it names by number: its name from syscalls.def
    awk 'FNR == NR { if (match($0, /^SYSCALL\(([0-9]+), ([a-z0-9_]+),/)) { split(substr($0, 9), f, /, /); name[f[1]] = f[2] } next }
         /^[0-9]+ Unknown syscall [0-9]+/ { print name[$4]; next }
         match($0, /^[0-9]+ [a-z0-9_]+\(/) { s = $2; sub(/\(.*/, "", s); print s }' \
        kernel/sys/syscalls.def "$work/$name.strace" | sort -u > "$work/$name.calls"
}

for prog in "$work"/bin/*; do
    name=$(basename "$prog")
    case $name in *_test) ;; *) continue ;; esac      # not the fuzzer: never on the host
    mkdir -p "$work/scratch/$name"
    trace "$name" "$prog" "$work/scratch/$name"
done
mkdir -p "$work/scratch/busybox"
trace busybox "$work/busybox-deb/bin/busybox" sh tests/user/busybox/run.sh "$work/scratch/busybox" \
    "$work/busybox-deb/bin/busybox"

{
    echo "# SPDX-License-Identifier: GPL-3.0-or-later"
    echo "# syscall	oracles that make it (tools/syscall-oracles.sh: QEMU_STRACE=1 runs on the host; see docs/syscalls.md)"
    for f in "$work"/*.calls; do
        n=$(basename "$f" .calls)
        sed "s/\$/	$n/" "$f"
    done | sort -t'	' -k1,1 -k2,2 | awk -F'\t' '
        $1 != call { if (call != "") print call "\t" list; call = $1; list = $2; next }
        { list = list ", " $2 }
        END { if (call != "") print call "\t" list }'
} > "$out"
echo "$out: $(grep -vc '^#' "$out") system calls made by the oracles"
