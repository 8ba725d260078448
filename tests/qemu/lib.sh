# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/lib.sh: what the boot tests share.  Sourced by each test.
#
#   image CMDLINE          -> path of a copy of build/init.img with that command line
#   boot ACCEL IMAGE ARGS  -> boots QEMU, serial lines time-stamped (ms) in $LOG,
#                             QEMU's exit status in $STATUS (124: still running
#                             after $TIMEOUT s, a failure unless HALT_EXPECTED=1)
#   expect REGEX           -> fails the test unless a serial line matches
#   ms_until REGEX         -> the time stamp of the first matching line
#   cut_off_boot ...       -> a boot killed partway (below)
set -u
B=${B:-build}
KB=${KB:-$B/kernel-gcc}
QEMU=${QEMU:-qemu-system-i386}
TIMEOUT=${TIMEOUT:-120}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/seedstrap-test.XXXXXX")
trap '[ -n "${KEEP_WORK:-}" ] && echo "work directory kept: $WORK" >&2 || rm -rf "$WORK"' EXIT
LOG=$WORK/serial.log
STATUS=0

fail() {
    echo "FAIL: $*"
    echo "---- serial transcript ($LOG) ----"
    cat "$LOG" 2>/dev/null
    exit 1
}

skip() {
    echo "SKIP: $*"
    exit 77
}

image() {
    cp "$B/init.img" "$WORK/init.img"
    "$B/tools/mkinit" -e "$WORK/init.img" -c "$1" || fail "mkinit -e"
    echo "$WORK/init.img"
}

# the QEMU exit status isa-debug-exit gives for the kernel's power_off(status)
exit_code_for() {
    echo $(($1 * 2 + 1))
}

boot() {
    accel=$1 img=$2
    shift 2
    start=${EPOCHREALTIME/./}
    timeout "$TIMEOUT" "$QEMU" -accel "$accel" -m "${MEM:-512}" -display none -no-reboot \
        -serial stdio -monitor none -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -drive file="$img",format=raw,if=none,id=stick "$@" </dev/null 2>"$WORK/qemu.err" |
        while IFS= read -r line; do
            printf '%6d %s\n' $(((${EPOCHREALTIME/./} - start) / 1000)) "${line%$'\r'}"
        done >"$LOG"
    STATUS=${PIPESTATUS[0]}
    [ "$STATUS" = 124 ] && [ -z "${HALT_EXPECTED:-}" ] && fail "QEMU still running after ${TIMEOUT}s"
    echo "QEMU exit status $STATUS; transcript:"
    cat "$LOG"
    [ -s "$WORK/qemu.err" ] && { echo "QEMU stderr:"; cat "$WORK/qemu.err"; }
    return 0
}

# a serial-line pattern as a pattern over the time-stamped log
stamped() {
    case $1 in
    ^*) echo "^ *[0-9]+ ${1#^}" ;;
    *) echo "^ *[0-9]+ .*$1" ;;
    esac
}

expect() {
    grep -Eq -- "$(stamped "$1")" "$LOG" || fail "no serial line matches /$1/"
}

ms_until() {
    grep -E -m1 -- "$(stamped "$1")" "$LOG" | awk '{ print $1 }'
}

# cut_off_boot IMAGE LOG REGEX SECONDS ARGS...: boots QEMU (serial console
# into LOG, more drives in ARGS), waits up to $TIMEOUT s for a line matching
# REGEX and, if CUT_WHEN names a command, for it to succeed too (what the
# host sees on a disk image), lets it run SECONDS more, then kills it, as a
# power cut would; a resume test boots the same images again after it.
# Fails when the line (and CUT_WHEN) did not come before the cut.
cut_off_boot() {
    local cimg=$1 clog=$2 pattern=$3 secs=$4 pid ready=
    shift 4
    "$QEMU" -accel "$(sh tests/qemu/accel.sh)" -m "${MEM:-512}" -display none -no-reboot \
        -serial file:"$clog" -monitor none -drive file="$cimg",format=raw,if=none,id=stick "$@" &
    pid=$!
    # polled every 0.1 s: with DMA a short range ends 2 s after the runner starts
    for _ in $(seq 1 $((TIMEOUT * 10))); do
        grep -Eq -- "$pattern" "$clog" 2>/dev/null && { [ -z "${CUT_WHEN:-}" ] || $CUT_WHEN; } &&
            { ready=1; break; }
        kill -0 $pid 2>/dev/null || break
        sleep 0.1
    done
    sleep "$secs"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    sed -i 's/\r$//' "$clog"     # (as boot's log: patterns may end in $)
    echo "---- the boot that was cut off ----"
    cat "$clog"
    grep -Eq -- "$pattern" "$clog" || fail "the run never reached /$pattern/ before the cut"
    [ -n "$ready" ] || fail "$CUT_WHEN never succeeded before the cut"
}

# IDE disk 0, the way a stick in a legacy-mode PC or a plain disk appears
IDE_ARGS="-device ide-hd,drive=stick,bus=ide.0,unit=0,bootindex=0"

# ext_devices BUS: QEMU's devices that put the drive "ext" (the volume) on
# BUS: ide (IDE disk 1), ahci (an ICH9 AHCI controller's port 0), usb (a
# stick on EHCI) or nvme
ext_devices() {
    awk -v bus="$1" '$1 == bus { $1 = ""; print substr($0, 2) }' <<'EOF'
ide -device ide-hd,drive=ext,bus=ide.0,unit=1
ahci -device ahci,id=ahci -device ide-hd,drive=ext,bus=ahci.0
usb -device usb-ehci,id=ehci -device usb-storage,bus=ehci.0,drive=ext
nvme -device nvme,drive=ext,serial=seedext
EOF
}

# the checks every successful boot must pass: the loader ran, the banner
# shows the sha256 of the kernel image we built and a matching boot config,
# the memory QEMU was given, the boot drive; the kernel powered off cleanly.
expect_good_boot() {
    kernel_sha=$(sha256sum "$KB/kernel.bin" | cut -c1-16)
    expect "^seedstrap loader$"
    expect "^seedstrap kernel $kernel_sha \(sha256 of [0-9]+ bytes, matches init.img\)$"
    mib=$(grep -E -m1 'memory: [0-9]+ MiB usable' "$LOG" | sed -E 's/.*memory: ([0-9]+) MiB.*/\1/')
    [ -n "$mib" ] && [ "$mib" -le "${MEM:-512}" ] && [ "$mib" -ge $((${MEM:-512} - 2)) ] ||
        fail "memory reported ${mib:-nothing} MiB, QEMU has ${MEM:-512} MiB"
    expect "^boot: drive 0x80, A20 method [0-3], loader to banner [0-9]+ ms, at 20[0-9][0-9]-[01][0-9]-[0-3][0-9] "
    expect "powering off$"
    [ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 0) (power_off(0))"
}

# Storage: makes an external.img (tools/mkimage) from a small seed tree and
# a copy of init.img that names it; after a boot with `disktest=MiB`,
# storage_verify checks the volume with e2fsck -fn and compares the tree the
# kernel wrote with tests/qemu/disktree.c's.
DISKTEST_MIB=${DISKTEST_MIB:-5}
storage_images() {
    command -v mke2fs >/dev/null || PATH=$PATH:/sbin:/usr/sbin
    command -v mke2fs >/dev/null && command -v sfdisk >/dev/null ||
        skip "needs e2fsprogs and fdisk: sudo apt-get install e2fsprogs fdisk"
    mkdir -p "$WORK/seed"
    echo "seed file, written by the host" > "$WORK/seed/hello.txt"
    img=$(image "console=serial disktest=$DISKTEST_MIB $1")
    EXT=$WORK/external.img
    tools/mkimage -d "$WORK/seed" -o "$EXT" -s 128M -i "$img" -m "$B/tools/mkinit" >/dev/null ||
        fail "tools/mkimage"
}

# volume_clean VOLUME MESSAGE: e2fsck -fn finds VOLUME (an image, with
# ?offset= for a partition) clean; else its report and MESSAGE, and the
# test fails
volume_clean() {
    e2fsck -fn "$1" > "$WORK/fsck.log" 2>&1 || { cat "$WORK/fsck.log"; fail "$2"; }
}

storage_verify() {
    expect "^disktest: ok$"
    expect "^storage: mounted $1: "
    [ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 0)"
    volume_clean "$EXT?offset=1048576" "e2fsck -fn found errors"
    mkdir -p "$WORK/got" "$WORK/want"
    debugfs -R "rdump /disktest $WORK/got" "$EXT?offset=1048576" 2>/dev/null
    debugfs -R "cat /hello.txt" "$EXT?offset=1048576" 2>/dev/null | cmp - "$WORK/seed/hello.txt" ||
        fail "the seed file changed"
    gcc -O2 -o "$WORK/disktree" tests/qemu/disktree.c || fail "cannot build disktree"
    "$WORK/disktree" "$WORK/want" "$DISKTEST_MIB" || fail "disktree"
    cmp "$WORK/got/disktest/hard" "$WORK/want/disktest/dir1/file1" || fail "the hard link's bytes differ"
    rm "$WORK/got/disktest/hard"
    diff -r --no-dereference "$WORK/want/disktest" "$WORK/got/disktest" || fail "the trees differ"
    echo "e2fsck -fn clean; $(find "$WORK/got/disktest" | wc -l) paths equal to the expected tree"
}

# volume_boot ROOT SIZE [QEMU-ARGS...]: the tree ROOT made into an ext2
# volume of SIZE at $EXT for the image $img, and $img booted with it as the
# IDE primary slave (TIMEOUT and MEM as for boot)
volume_boot() {
    EXT=$WORK/external.img
    tools/mkimage -d "$1" -o "$EXT" -s "$2" -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
    shift 2
    boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1 "$@"
}

# busybox_root DIR: DIR/bin holds Debian's busybox-static:i386 and a link for
# each applet, DIR/etc names root (tar writes owner names); SKIPs the test
# when the package cannot be had
busybox_root() {
    tools/fetch-deb busybox-static:i386 "$WORK/busybox-deb" >/dev/null ||
        skip "needs Debian's busybox-static:i386: sudo dpkg --add-architecture i386 && sudo apt-get update"
    mkdir -p "$1/bin" "$1/etc"
    cp "$WORK/busybox-deb/bin/busybox" "$1/bin/"
    for applet in $("$1/bin/busybox" --list); do
        [ "$applet" = busybox ] || ln -sf busybox "$1/bin/$applet"
    done
    echo "root:x:0:0:root:/root:/bin/sh" > "$1/etc/passwd"
    echo "root:x:0:" > "$1/etc/group"
}

# linux_runner_into ROOT: the Linux side of the step runner, built from the
# same sources as the kernel's, at ROOT/stages/runner/linux-runner
linux_runner_into() {
    mkdir -p "$1/stages/runner"
    gcc -m32 -static -O2 -std=gnu99 -iquote kernel -o "$1/stages/runner/linux-runner" \
        stages/runner/linux-runner.c kernel/chain/steps.c kernel/chain/journal.c kernel/chain/hex0.c kernel/lib/sha256.c \
        kernel/chain/srccheck.c ||
        fail "cannot build the Linux-side runner"
}

# step_range FROM TO: $WORK/steps, the table's steps as "INDEX KIND NAME",
# and from and to, the indexes of steps FROM and TO; fails unless FROM..TO
# is a range of stages/steps
step_range() {
    awk '!/^[ \t]*(#|$)/ { n++; sub(":", "", $2); print n, $1, $2 }' stages/steps > "$WORK/steps"
    from=$(awk -v s="$1" '$3 == s { print $1 }' "$WORK/steps")
    to=$(awk -v s="$2" '$3 == s { print $1 }' "$WORK/steps")
    [ -n "$from" ] && [ -n "$to" ] && [ "$from" -le "$to" ] || fail "no range $1..$2 in stages/steps"
}

# linux_jump_into ROOT: what a volume needs for its table to go on under
# Debian's Linux (linux-image-686) after a `jump linux: console=ttyS0
# panic=-1` step: ROOT/boot/vmlinuz, ROOT/boot/initrd.img (Debian's
# busybox-static:i386 and the package's disk and ext4 modules, with
# tests/linux/init as /init) and the Linux side of the step runner; SKIPs
# the test when the packages cannot be had
linux_jump_into() {
    command -v cpio >/dev/null && command -v depmod >/dev/null ||
        skip "needs cpio and kmod: sudo apt-get install cpio kmod"
    pkg=$(apt-cache depends linux-image-686 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
    [ -n "$pkg" ] || skip "no linux-image-686 package known: sudo dpkg --add-architecture i386 && sudo apt-get update"
    tools/fetch-deb "$pkg" "$WORK/linux" >/dev/null || skip "cannot download $pkg: sudo apt-get update"
    tools/fetch-deb busybox-static:i386 "$WORK/bb" >/dev/null || skip "cannot download busybox-static:i386"
    linux_runner_into "$1"
    mkdir -p "$1/boot" "$1/proc" "$1/sys"
    cp "$WORK"/linux/boot/vmlinuz-* "$1/boot/vmlinuz"
    tools/mkinitramfs "$1/boot/initrd.img" tests/linux/init "$WORK/bb/bin/busybox" "$WORK/linux" \
        ata_piix ahci sd_mod crc32c_generic ext4 || fail "tools/mkinitramfs"
}

# build_codeview OUT: tests/qemu/codeview.c laid out as M2-Planet's programs
# are: no C library, code and variables in one writable and executable
# segment (-N)
build_codeview() {
    gcc -m32 -static -nostdlib -ffreestanding -fno-builtin -fno-pie -no-pie -O2 -fno-stack-protector \
        -fno-asynchronous-unwind-tables -Wl,-N -Wl,--build-id=none -o "$1" tests/qemu/codeview.c \
        2> "$WORK/ld.err" || { cat "$WORK/ld.err"; fail "cannot build tests/qemu/codeview.c"; }
}

# need_twin: SKIPs the test unless every source is in SOURCES_DIR, it runs
# as root (the native twin chroots) and the host runs i386 programs; sets
# mode to how (tools/i386-binfmt: native or qemu-user)
need_twin() {
    SOURCES_DIR=${SOURCES_DIR:-$HOME/.cache/seedstrap/sources}
    while read -r name file _; do
        case $name in ''|'#'*) continue ;; esac
        [ -f "$SOURCES_DIR/$file" ] ||
            skip "$file is not in $SOURCES_DIR: run make sources MIRROR=DIR (docs/sources.md: the three ways to provide the sources)"
    done < stages/sources.lock
    [ "$(id -u)" = 0 ] || skip "the native twin runs the chain in a chroot: run as root"
    mode=$(sh tools/i386-binfmt) ||
        skip "this host runs no i386 programs: as root, apt-get install qemu-user-static; tools/i386-binfmt"
}

# volume_tree VOLUME DIR: the whole ext2 VOLUME (e.g. "img?offset=1048576")
# copied into DIR, device files and FIFOs included (tools/volume-tree)
volume_tree() {
    tools/volume-tree "$1" "$2" || fail "tools/volume-tree could not copy $1"
}
