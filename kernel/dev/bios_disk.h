// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/bios_disk.h: disks through BIOS int 13h extensions (kernel/dev/bios_disk.c).
#ifndef BIOS_DISK_H
#define BIOS_DISK_H
#include <stdint.h>
#include "blk.h"
// Finds the BIOS hard disks (0x80 and up) with LBA extensions; fills out
// with up to max of them and returns how many.
int bios_disk_probe(struct blkdev **out, int max);
// One drive by its BIOS number (the boot drive the loader passes on), in a
// slot of its own that a probe leaves alone; NULL when it has no usable
// LBA extensions.
struct blkdev *bios_disk_open(uint8_t number);
#endif
