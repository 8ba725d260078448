// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/disk.h: finding the external volume among all disks (kernel/fs/disk.c).
#ifndef DISK_H
#define DISK_H
#include <stdint.h>
#include "dev/blk.h"
// Scans the disks that `mode` ("ata", "ata-pio", "ahci", "bios" or "auto")
// allows, every MBR partition on them (and disks without a table as a
// whole), for the ext2 volume whose UUID is uuid.  Lists what it saw.  NULL
// when not found.
struct blkdev *disk_find_volume(const uint8_t uuid[16], const char *mode);
// Linux's name for that partition, "SSSSSSSS-PP" (MBR disk signature and
// partition number, as root=PARTUUID= takes it); NULL for a whole disk
const char *disk_volume_partuuid(void);

// the external volume, mounted by main.c, the root of the file tree, and
// the block device it is on
extern struct ext2_fs *root_fs;
extern struct blkdev *root_dev;
#endif
