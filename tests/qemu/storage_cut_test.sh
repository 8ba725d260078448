#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/storage_cut_test.sh: a power cut on every storage driver.  For
# each row of the table below the kernel writes the disktest tree (the big
# file last) onto external.img through that driver, syncing as it goes, and
# QEMU is killed CUT seconds after the host sees the first sync on the
# image.  A second boot mounts the volume through the same driver: it must
# say the volume was not cleanly unmounted and is as its last sync left it,
# and power off cleanly; the host then finds it e2fsck -fn clean, and every
# file of the tree that is there holds the first bytes of what disktest
# writes into it, no other bytes (a sync is atomic: a file's size and its
# blocks change together).  The cut boot must have named its driver, and
# the cut fallen inside disktest's writes: /disktest/sparse (written after
# the big file) not on the volume.  Since the big file's blocks are fresh
# (written once, in place, kernel/fs/bcache.c), such a cut lands outside a
# sync's log; so each driver also gets a cut at a known point, the kernel's
# cut-at-commit: off right after the tree's sync commits, and the resume
# must write its logged blocks from the log, through the same driver.
. tests/qemu/lib.sh
PATH=$PATH:/sbin:/usr/sbin
TIMEOUT=300     # a resume through the BIOS on USB may replay 8 MiB at 170 KiB/s
gcc -O2 -o "$WORK/disktree" tests/qemu/disktree.c || fail "cannot build disktree"

# name|disk=|MiB|CUT|volume's name|the driver's console line|the volume's bus (ext_devices)
# CUT counts from the moment the host sees the first sync on the image
# (disktest's 7 MiB tree of small files, synced before the big file), not
# from the mount: the drivers' speed under TCG moves with the machine's
# load, the BIOS on a USB stick's (SeaBIOS's EHCI) tenfold, 170 KiB/s to
# 1.6 MiB/s.  MiB (the big file) leaves CUT well inside the writes: after
# the first sync they went on for (2026-12-07, load 1.4 to 6) 2 to 4 s with
# DMA and AHCI, 6 s on the BIOS, 20 to 40 s by PIO, 30 s to minutes on USB.
drivers() {
    cat <<'EOF'
ata-dma|ata|64|0.5|ata1p1|^ata: ata1: bus-master DMA$|ide
ata-pio|ata-pio|48|3|ata1p1|^ata: ata1: PIO$|ide
ahci|ahci|64|0.5|ahci0p1|^ahci: ahci0: port 0, 128 MiB, QEMU HARDDISK, DMA$|ahci
bios-ahci|bios|64|1|bios81p1|^bios_disk: bios81: drive 0x81, 128 MiB$|ahci
bios-usb|bios|64|3|bios81p1|^bios_disk: bios81: drive 0x81, 128 MiB$|usb
bios-nvme|bios|64|1|bios81p1|^bios_disk: bios81: drive 0x81, 128 MiB$|nvme
EOF
}

# the small-file tree on the image: disktest syncs it before it writes the
# big file (read while QEMU writes: a torn read says no, and the next poll
# asks again)
first_sync() {
    debugfs -R "stat /disktest/dir0" "$EXT?offset=1048576" 2>/dev/null | grep -q "Type: directory"
}

# cut_and_resume NAME DISK MOUNTS LINE CUT DEVICES...: one row
cut_and_resume() {
    local name=$1 disk=$2 mounts=$3 line=$4 cut=$5 files=0 whole=0 f size
    shift 5
    storage_images "disk=$disk"
    local drives="$IDE_ARGS -drive file=$EXT,format=raw,if=none,id=ext $*"
    CUT_WHEN=first_sync cut_off_boot "$img" "$WORK/cut.log" "^storage: mounted $mounts: " "$cut" $drives
    grep -Eq -- "$line" "$WORK/cut.log" || fail "$name: the cut boot did not say /$line/"
    grep -q "disktest: big file" "$WORK/cut.log" && fail "$name: disktest had finished before the cut: cut sooner"

    "$B/tools/mkinit" -e "$img" -c "console=serial disk=$disk" || fail "mkinit -e"
    boot "$(sh tests/qemu/accel.sh)" "$img" $drives
    expect "$line"
    expect "^storage: mounted $mounts: "
    expect "^ext2: $mounts: volume was not cleanly unmounted; it is as its last sync left it \(the log made that atomic\)$"
    expect "^runner: the volume has no step table"
    [ "$STATUS" = "$(exit_code_for 0)" ] || fail "$name: QEMU exit status $STATUS, expected $(exit_code_for 0)"
    volume_clean "$EXT?offset=1048576" "$name: e2fsck -fn after the resume"

    rm -rf "$WORK/got" "$WORK/want"
    mkdir -p "$WORK/got" "$WORK/want"
    debugfs -R "rdump /disktest $WORK/got" "$EXT?offset=1048576" 2>/dev/null
    "$WORK/disktree" "$WORK/want" "$DISKTEST_MIB" || fail "disktree"
    for f in $( [ -d "$WORK/got/disktest" ] && cd "$WORK/got" && find disktest -type f ! -name hard); do
        size=$(stat -c %s "$WORK/got/$f")
        cmp -n "$size" "$WORK/got/$f" "$WORK/want/$f" || fail "$name: $f: its $size bytes are not the start of what disktest wrote"
        files=$((files + 1))
        [ "$size" = "$(stat -c %s "$WORK/want/$f")" ] && whole=$((whole + 1))
    done
    [ "$files" -gt 0 ] || fail "$name: a sync was seen on the image, yet no file of the tree is there after the resume"
    [ -e "$WORK/got/disktest/sparse" ] && fail "$name: the cut fell after disktest's writes: cut sooner"
    echo "$name: cut ${cut} s after the first sync, resumed e2fsck -fn clean; $files files, $whole of them whole," \
         "each the start of its content; /disktest/big: $(stat -c %s "$WORK/got/disktest/big" 2>/dev/null || echo 0)" \
         "of $((DISKTEST_MIB << 20)) bytes"

    # the cut at a known point: right after the tree's sync commits to the
    # log, before its logged blocks (inodes, bitmaps, directories) go in
    # place; the resume must write them from the log, through this driver
    storage_images "disk=$disk cut-at-commit=$TREE_COMMIT"
    boot "$(sh tests/qemu/accel.sh)" "$img" $drives
    expect "^bcache: $mounts: turning the machine off after this sync's commit point, before its [0-9]+ logged blocks go in place \(cut-at-commit\)$"
    grep -q "disktest: big file" "$LOG" && fail "$name: the known cut came after disktest's tree"
    "$B/tools/mkinit" -e "$img" -c "console=serial disk=$disk" || fail "mkinit -e"
    boot "$(sh tests/qemu/accel.sh)" "$img" $drives
    expect "^ext2: $mounts: power was cut during a sync: its [0-9]+ blocks written again from /log/commit-area$"
    [ "$STATUS" = "$(exit_code_for 0)" ] || fail "$name: QEMU exit status $STATUS after the log's repair"
    volume_clean "$EXT?offset=1048576" "$name: e2fsck -fn after the log's repair"
    rm -rf "$WORK/got"
    mkdir -p "$WORK/got"
    debugfs -R "rdump /disktest $WORK/got" "$EXT?offset=1048576" 2>/dev/null
    (cd "$WORK/want" && find disktest -path disktest/big -prune -o -type f ! -name hard ! -name sparse -print) | sort > "$WORK/tree"
    while read -r f; do
        cmp -s "$WORK/got/$f" "$WORK/want/$f" || fail "$name: $f is not whole after the log's repair"
    done < "$WORK/tree"
    echo "$name: cut after the tree's commit point, $(grep -Eo 'its [0-9]+ blocks written again' "$LOG"):" \
         "e2fsck -fn clean, all $(wc -l < "$WORK/tree") files of the tree whole"
}

# the sync that commits disktest's tree: the mount's own first sync is 1
TREE_COMMIT=2
# (the table on descriptor 3: QEMU and the tools keep standard input)
while IFS='|' read -r -u 3 name disk mib cut mounts line bus; do
    DISKTEST_MIB=$mib
    cut_and_resume "$name" "$disk" "$mounts" "$line" "$cut" $(ext_devices "$bus")
done 3< <(drivers)
echo "PASS"
