#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/user/busybox/compare-native.sh BUSYBOX OUT: the host's side of the
# busybox oracle.  Runs tests/user/busybox/run.sh under the given i386
# busybox (Debian's busybox-static, unpacked by the caller) on this machine,
# in a fresh temporary directory, and writes its output, then "status N",
# to OUT; the QEMU test runs the same script under our kernel and compares
# the two byte for byte.  The environment is emptied so nothing of the
# host's leaks into the output.
#
# The host must run i386 programs: natively, or through qemu-i386 registered
# with binfmt_misc (sudo tools/i386-binfmt); plain `qemu-i386 busybox` is not
# enough, since the script's pipelines exec busybox again.  Busybox's shell
# re-executes itself through /proc/self/exe to run an applet; under
# binfmt_misc without the P flag that exec loses argv[0] (the applet's
# name) and the child says "applet not found".  So busybox is started here
# by a relative path that does not resolve in run.sh's working directory:
# that exec fails, and the shell falls back to PATH, the links run.sh makes,
# which is also what happens under our kernel, which has no /proc.  (Before
# it changes directory run.sh runs only builtins and the NOFORK applets
# mkdir and which, which never exec.)
set -eu
[ $# -eq 2 ] || { echo "usage: $0 BUSYBOX OUT" >&2; exit 2; }
bb=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
"$bb" true 2>/dev/null ||
    { echo "compare-native: $bb does not run here; as root: tools/i386-binfmt" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$bb" "$tmp/busybox"
status=0
(cd "$tmp" && env -i ./busybox sh "$here/run.sh" "$tmp/work" "$tmp/busybox") > "$out" 2>&1 || status=$?
echo "status $status" >> "$out"
echo "compare-native: $(wc -l < "$out") lines in $out, status $status"
