#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/handoff_built.sh: `make test-handoff-built`.  Our kernel hands off
# to an i386 kernel built from Debian's Linux source with the chain's own
# configuration (stages/linux/config: disk and ext2 built in, no modules, no
# initrd); Linux mounts the external volume itself by root=PARTUUID= and runs
# the Linux side of the step runner as init, which finishes the table.
. tests/qemu/lib.sh
LINUX_BUILD=${LINUX_BUILD:-$B/linux}
[ -f "$LINUX_BUILD/bzImage" ] || fail "no $LINUX_BUILD/bzImage: tools/build-linux $LINUX_BUILD makes it"
root=$WORK/root
busybox_root "$root"
mkdir -p "$root/stages/runner" "$root/boot" "$root/proc" "$root/sys" "$root/dev" "$root/log"
cp "$LINUX_BUILD/bzImage" "$root/boot/vmlinuz"
linux_runner_into "$root"
{
    echo "jump linux: console=ttyS0 panic=-1 init=/stages/runner/linux-runner"
    echo "run uname: /bin/uname -srm"
} > "$root/stages/steps"
img=$(image "console=serial")
MEM=512 volume_boot "$root" 256M
expect "^handoff: command line: root=PARTUUID=5eed2002-01 rootfstype=ext2 rw console=ttyS0 panic=-1 init=/stages/runner/linux-runner$"
expect "^runner \(linux\): 2 steps; resuming at step 2$"
expect "^runner \(linux\): all 2 steps done$"
started=$(ms_until '^handoff: command line') reached=$(ms_until '^runner \(linux\): 2 steps')
echo "from the jump to the Linux-side runner: $((reached - started)) ms of wall time"
debugfs -R "cat /log/002-uname.log" "$EXT?offset=1048576" 2>/dev/null | grep -q "^Linux " ||
    fail "the step run under Linux left no log"
volume_clean "$EXT?offset=1048576" "e2fsck -fn"
echo "PASS"
