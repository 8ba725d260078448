#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/bochsrc.sh IMAGE SERIAL_OUT [DISPLAY]: prints a Bochs
# configuration that boots IMAGE as the first ATA disk with Bochs' own BIOS,
# COM1 written to SERIAL_OUT.  Debian's Bochs has no "nogui" display; the
# default is its VNC server (rfb) told not to wait for a viewer, which makes
# it headless (make bochs-run passes x when bochs-x is installed).
# The geometry matches init.img's size (disk-layout/init.layout).
img=$1 serial=$2 display=${3:-rfb, options=\"timeout=0\"}
sectors=$(($(stat -c %s "$img") / 512))
cat <<CONF
megs: 256
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
display_library: $display
ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14
ata0-master: type=disk, path="$img", mode=flat, cylinders=$((sectors / 16 / 63)), heads=16, spt=63
boot: disk
com1: enabled=1, mode=file, dev="$serial"
clock: sync=none, time0=local
cpu: count=1, ips=50000000, reset_on_triple_fault=0
log: -
panic: action=fatal
error: action=report
info: action=ignore
debug: action=ignore
CONF
