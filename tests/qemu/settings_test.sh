#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/settings_test.sh: seedstrap.cfg, on init.img's FAT partition, as
# a user edits it on another computer (here mtools on a copy of init.img):
# its options win over the built-in command line, and a broken or missing
# file leaves the built-in line in force with a message saying why.  The
# built-in line is console=serial disk=ata stop-after=second; the external
# volume, the IDE slave, holds a table of two steps (sha256 checks of one
# file), each boot on a fresh copy of it.  Boots:
#   A  the file as shipped, all comments: "sets no option"; the volume is
#      found on the ATA disks and both steps run
#   B  the file sets disk=bios, stop-after=first and memmap, in CRLF lines
#      with comments: no ATA scan, the volume found through the BIOS, the
#      runner stops after the first step, the E820 map printed
#   C  console=vga: the serial console goes quiet after the settings line,
#      and the run still ends well (the power-off status)
#   D  bytes that are not text, E  the file deleted (mdel), F  a misspelt
#      option: each named in the message, and the built-in line obeyed
. tests/qemu/lib.sh
PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs >/dev/null && command -v sfdisk >/dev/null ||
    skip "needs e2fsprogs and fdisk: sudo apt-get install e2fsprogs fdisk"
command -v mcopy >/dev/null || skip "needs mtools: sudo apt-get install mtools"
export MTOOLS_SKIP_CHECK=1
ACCEL=$(sh tests/qemu/accel.sh)
lba=$(awk '$1 == "SETTINGS_LBA" { print $2 }' disk-layout/init.layout)

mkdir -p "$WORK/root/stages"
echo "checked twice" > "$WORK/root/hello.txt"
sum=$(sha256sum < "$WORK/root/hello.txt" | cut -d' ' -f1)
printf 'sha256 first: hello.txt %s\nsha256 second: hello.txt %s\n' "$sum" "$sum" > "$WORK/root/stages/steps"
pristine=$(image "console=serial disk=ata stop-after=second")
tools/mkimage -d "$WORK/root" -o "$WORK/pristine.ext" -s 64M -i "$pristine" -m "$B/tools/mkinit" >/dev/null ||
    fail "tools/mkimage"

# settings_boot FILE|-: a copy of the image whose seedstrap.cfg is FILE's
# bytes (-: deleted), booted with a copy of the pristine volume
settings_boot() {
    img=$WORK/init-settings.img
    cp "$pristine" "$img"
    if [ "$1" = - ]; then
        mdel -i "$img@@$((lba * 512))" ::seedstrap.cfg || fail "mdel"
    else
        mcopy -o -i "$img@@$((lba * 512))" "$1" ::seedstrap.cfg || fail "mcopy -o"
    fi
    cp --sparse=always "$WORK/pristine.ext" "$WORK/external.img"
    boot "$ACCEL" "$img" $IDE_ARGS -drive file="$WORK/external.img",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1
}
absent() {
    grep -Eq -- "$(stamped "$1")" "$LOG" && fail "a serial line matches /$1/"
    return 0
}
# the built-in line in force: ATA disks scanned, both steps run, status 0
builtin_obeyed() {
    expect "^disk: [0-9]+ ATA disk\(s\)$"
    expect "^\[2/2\] sha256 second "
    expect "^runner: stopping after second, as the command line asks$"
    [ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 0)"
}

echo "==== A: the file as shipped"
mtype -i "$pristine@@$((lba * 512))" ::seedstrap.cfg > "$WORK/shipped.cfg" || fail "mtype"
cmp -s <(tr -d '\r' < "$WORK/shipped.cfg") disk-layout/settings/seedstrap.cfg ||
    fail "init.img's seedstrap.cfg is not disk-layout/settings/seedstrap.cfg"
settings_boot "$WORK/shipped.cfg"
expect "^settings: seedstrap.cfg on bios80p2 sets no option$"
expect "^cmdline: console=serial disk=ata stop-after=second$"
builtin_obeyed

echo "==== B: disk=bios stop-after=first memmap"
printf '# set on another computer\r\n\r\ndisk=bios   # through the BIOS\r\nstop-after=first memmap\r\n' > "$WORK/b.cfg"
settings_boot "$WORK/b.cfg"
expect "^settings: seedstrap.cfg on bios80p2 sets disk=bios stop-after=first memmap$"
expect "^cmdline: disk=bios stop-after=first memmap console=serial disk=ata stop-after=second$"
expect "^  e820: 0000000000100000 - "
absent "ATA disk\(s\)"
expect "^disk: [0-9]+ BIOS disk\(s\)$"
expect "^storage: mounted bios81p1: "
expect "^\[1/2\] sha256 first "
absent "sha256 second"
expect "^runner: stopping after first, as the command line asks$"
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 0)"

echo "==== C: console=vga"
printf 'console=vga\n' > "$WORK/c.cfg"
settings_boot "$WORK/c.cfg"
expect "^settings: seedstrap.cfg on bios80p2 sets console=vga$"
absent "seedstrap kernel"
absent "runner:"
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 0)"

echo "==== D: not text"
printf 'disk=bios\n\177ELF\1\1\1\0\0\0\0\0\0\0\0\0\2\0\3\0' > "$WORK/d.cfg"
settings_boot "$WORK/d.cfg"
expect "^settings: seedstrap.cfg line 2: byte 0x7f is not plain text; using the built-in command line$"
builtin_obeyed

echo "==== E: deleted"
settings_boot -
expect "^settings: there is no seedstrap.cfg on bios80p2; using the built-in command line$"
builtin_obeyed

echo "==== F: a misspelt option"
printf 'disk=bios\nstop_after=first\n' > "$WORK/f.cfg"
settings_boot "$WORK/f.cfg"
expect "^settings: seedstrap.cfg line 2: unknown option \"stop_after\"; using the built-in command line$"
builtin_obeyed
echo "PASS"
