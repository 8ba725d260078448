#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/busybox_test.sh: Debian's static busybox for i386, a program we
# did not write, runs tests/user/busybox/run.sh (some 50 applets, pipes,
# redirections, subshells, archives) under our kernel as the first process;
# its output must be byte-identical to the same busybox running the same
# script on the host.
. tests/qemu/lib.sh
storage_tools() {
    PATH=$PATH:/sbin:/usr/sbin
    command -v mke2fs >/dev/null && command -v debugfs >/dev/null ||
        skip "needs e2fsprogs: sudo apt-get install e2fsprogs"
}
storage_tools
sh tools/i386-binfmt >/dev/null || skip "this host cannot run i386 programs: sudo tools/i386-binfmt"

root=$WORK/root
busybox_root "$root"
mkdir -p "$root/test"
cp tests/user/busybox/run.sh "$root/test/"
printf '%s\n' 'export PATH=/bin' '/bin/sh /test/run.sh /work > /test/out.txt 2>&1' \
    'echo "status $?" >> /test/out.txt' > "$root/test/wrap.sh"

# on the host, with the same busybox
(cd "$root" && PATH=$root/bin bin/sh test/run.sh "$WORK/native-work" > "$WORK/native.txt" 2>&1;
 echo "status $?" >> "$WORK/native.txt")

img=$(image "console=serial init=\"/bin/busybox sh /test/wrap.sh\"")
volume_boot "$root" 256M
expect "^init: busybox exited with status 0$"
debugfs -R "dump /test/out.txt $WORK/ours.txt" "$EXT?offset=1048576" 2>/dev/null
[ -s "$WORK/ours.txt" ] || fail "no output file on the volume"
diff -u "$WORK/native.txt" "$WORK/ours.txt" || fail "the output under our kernel differs from the host's"
volume_clean "$EXT?offset=1048576" "e2fsck -fn"
echo "identical output: $(wc -l < "$WORK/ours.txt") lines, $(wc -c < "$WORK/ours.txt") bytes"
echo "PASS"
