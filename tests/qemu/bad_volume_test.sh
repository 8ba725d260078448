#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/bad_volume_test.sh: an external volume a user may bring that
# the run cannot use as it is.  Each case must end in a clear message and a
# failure status, and lose nothing:
#   A  a disk of random bytes where external.img should be: the kernel lists
#      what it saw and stops; not one byte of the disk changes;
#   B  the volume on a read-only disk (a USB stick, reached through the
#      BIOS, with QEMU's readonly=on): the kernel says the disk refused a
#      write and may be write-protected, and stops; not one byte changes;
#   C  a volume that fills up during a step: the step fails, the runner says
#      the volume is full, the step before stays done in the journal, the
#      volume is e2fsck -fn clean, and a second boot resumes at the full
#      step without running the one before again.
. tests/qemu/lib.sh
PATH=$PATH:/sbin:/usr/sbin
TIMEOUT=120
accel=$(sh tests/qemu/accel.sh)
root=$WORK/root
busybox_root "$root"
mkdir -p "$root/stages"
printf '%s\n' "run first: /bin/busybox true" "run fill: /bin/busybox dd if=/dev/zero of=/big bs=1M count=64" \
    "run last: /bin/busybox true" > "$root/stages/steps"
img=$(image "console=serial")
EXT=$WORK/external.img

echo "==== A: random bytes instead of the volume"
head -c 16M /dev/urandom > "$EXT"
"$B/tools/mkinit" -e "$img" -u 5eed0000-0000-4000-8000-0000000000aa || fail "mkinit -e -u"
before=$(sha256sum < "$EXT")
boot "$accel" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext -device ide-hd,drive=ext,bus=ide.0,unit=1
expect "^storage: the external volume [0-9a-f-]+ is on none of the disks listed above\.$"
expect "^storage: connect the disk made with it"
[ "$STATUS" = "$(exit_code_for 1)" ] || fail "A: QEMU exit status $STATUS, expected $(exit_code_for 1)"
[ "$(sha256sum < "$EXT")" = "$before" ] || fail "A: the disk changed"

echo "==== B: the volume on a read-only disk"
tools/mkimage -d "$root" -o "$EXT" -s 40M -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
before=$(sha256sum < "$EXT")
boot "$accel" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext,readonly=on \
    -device usb-ehci,id=ehci -device usb-storage,bus=ehci.0,drive=ext
expect "^storage: cannot mount bios81p1 \(error -5\): its disk refused a read or a write \(above\): a write-protected stick or a read-only$"
expect "^storage: disk\?  The run writes its volume, so the disk must be writable\. Halting\.$"
grep -q "^ *[0-9]* runner: " "$LOG" && fail "B: the runner started on a volume it cannot write"
[ "$STATUS" = "$(exit_code_for 1)" ] || fail "B: QEMU exit status $STATUS, expected $(exit_code_for 1)"
[ "$(sha256sum < "$EXT")" = "$before" ] || fail "B: the read-only disk changed"

echo "==== C: the volume fills up during a step"
volume_boot "$root" 40M
expect "^\[1/3\] run first \([0-9.]+s\)"
expect "^\[2/3\] run fill \([0-9.]+s\) FAILED$"
expect "^runner: the volume is full: [0-9]+ KiB and [0-9]+ inodes free of [0-9]+ MiB; the step most likely$"
[ "$STATUS" = "$(exit_code_for 1)" ] || fail "C: QEMU exit status $STATUS, expected $(exit_code_for 1)"
volume_clean "$EXT?offset=1048576" "C: e2fsck -fn found errors"
debugfs -R "cat /log/journal" "$EXT?offset=1048576" 2>/dev/null > "$WORK/journal"
cat "$WORK/journal"
grep -q "^done 001 first " "$WORK/journal" || fail "C: the journal lost step 1"
grep -q "^failed 002 fill " "$WORK/journal" || fail "C: the journal does not record step 2 as failed"
grep -q "^done 002 " "$WORK/journal" && fail "C: the journal records the full step as done"
boot "$accel" "$img" $IDE_ARGS -drive file="$EXT",format=raw,if=none,id=ext -device ide-hd,drive=ext,bus=ide.0,unit=1
expect "^runner: 3 steps in /stages/steps; resuming after the journal's last finished step$"
grep -q "\[1/3\] run first" "$LOG" && fail "C: the second boot ran step 1 again"
expect "^\[2/3\] run fill \([0-9.]+s\) FAILED$"
volume_clean "$EXT?offset=1048576" "C: e2fsck -fn found errors after the second boot"
echo "e2fsck -fn clean after both boots"
echo PASS
