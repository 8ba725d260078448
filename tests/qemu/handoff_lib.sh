# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/handoff_lib.sh: handoff_test ARCH ide|ahci ACCEL: boots a kernel
# Debian built (its linux-image package for ARCH) from our kernel's hand-off,
# the external disk on IDE or on an AHCI (SATA) controller:
# the external volume's step table is one `jump linux` step, its /boot holds
# the package's vmlinuz and an initramfs made by tools/mkinitramfs from
# Debian's busybox-static:i386 and the package's own disk and ext4 modules,
# with tests/linux/init as /init.  Linux must reach user space, find the
# volume by root=PARTUUID=, see the jump in the journal, write a file, and
# start the Linux side of the step runner (stages/runner/linux-runner.c),
# which runs the table's remaining steps and powers off; the host then
# checks the file, the journal, a step's log and `e2fsck -fn`.
handoff_test() {
    arch=$1 disk=$2
    shift 2
    PATH=$PATH:/sbin:/usr/sbin
    command -v cpio >/dev/null && command -v depmod >/dev/null ||
        skip "needs cpio and kmod: sudo apt-get install cpio kmod"
    pkg=$(apt-cache depends "linux-image-$arch" 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
    [ -n "$pkg" ] || skip "no linux-image-$arch package known: sudo dpkg --add-architecture i386 && sudo apt-get update"
    tools/fetch-deb "$pkg" "$WORK/linux" >/dev/null || skip "cannot download $pkg: sudo apt-get update"
    tools/fetch-deb busybox-static:i386 "$WORK/bb" >/dev/null || skip "cannot download busybox-static:i386"
    root=$WORK/root
    busybox_root "$root"
    mkdir -p "$root/stages/runner" "$root/boot" "$root/proc" "$root/sys" "$root/dev" "$root/log"
    linux_runner_into "$root"
    echo "made under Linux" > "$root/log/want.txt"
    cp "$WORK"/linux/boot/vmlinuz-* "$root/boot/vmlinuz"
    tools/mkinitramfs "$root/boot/initrd.img" tests/linux/init "$WORK/bb/bin/busybox" "$WORK/linux" \
        ata_piix ahci sd_mod crc32c_generic ext4 || fail "tools/mkinitramfs"
    {
        echo "jump linux: console=ttyS0 panic=-1"
        echo "run uname: /bin/uname -sm"
        echo "run write-file: /bin/sh /stages/write.sh"
        echo "sha256 check-file: /log/made.txt $(sha256sum < "$root/log/want.txt" | cut -c1-64)"
    } > "$root/stages/steps"
    echo 'echo made under Linux > /log/made.txt' > "$root/stages/write.sh"
    img=$(image "console=serial")
    EXT=$WORK/external.img
    tools/mkimage -d "$root" -o "$EXT" -s 256M -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
    if [ "$disk" = ahci ]; then
        attach="-device ahci,id=ahci -device ide-hd,drive=ext,bus=ahci.0"
    else
        attach="-device ide-hd,drive=ext,bus=ide.0,unit=1"
    fi
    MEM=1024 boot "$@" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext $attach
    expect "^handoff: Linux boot protocol 2\.[0-9]+, kernel [0-9]+ bytes at 0x"
    expect "^handoff: command line: root=PARTUUID=5eed2002-01 rootfstype=ext2 rw console=ttyS0 panic=-1$"
    expect "Linux version .*Debian"
    expect "^linux: userspace reached: Linux "
    expect "^linux: PARTUUID=5eed2002-01 is /dev/sd[a-z]1$"
    expect "^linux: the journal's last finished step: linux$"
    expect "^runner \(linux\): 4 steps; resuming at step 2$"
    expect "^\[4/4\] sha256 check-file "
    expect "^runner \(linux\): all 4 steps done$"
    started=$(ms_until '^handoff: command line') reached=$(ms_until '^linux: userspace reached')
    echo "from the jump to Linux's user space: $((reached - started)) ms of wall time"
    debugfs -R "cat /log/linux.txt" "$EXT?offset=1048576" 2>/dev/null | grep -q "ran after step linux" ||
        fail "Linux left no mark on the volume"
    debugfs -R "cat /log/journal" "$EXT?offset=1048576" 2>/dev/null > "$WORK/journal"
    cat "$WORK/journal"
    grep -q "^done 004 check-file " "$WORK/journal" || fail "the journal lacks the steps run under Linux"
    debugfs -R "cat /log/003-write-file.log" "$EXT?offset=1048576" >/dev/null 2>&1 || fail "no log of step 3"
    volume_clean "$EXT?offset=1048576" "e2fsck -fn"
}
