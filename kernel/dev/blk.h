// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/blk.h: the block-device interface.  Every disk driver (ATA PIO, BIOS
// int 13h, the host tests' file-backed fake) fills in a struct blkdev; MBR
// partitions are blkdevs too, a window onto their parent (kernel/dev/blk.c).
// Sectors are always 512 bytes.  Filesystems call blk_read/blk_write, which
// check the range, so drivers never see a request past the end of the device.
#ifndef BLK_H
#define BLK_H
#include <stdint.h>

#define BLK_SECTOR_SIZE 512

struct blkdev {
    char name[24];              // "ata0", "bios80", "ata0p1": for messages and scans
    uint64_t sectors;           // size in 512-byte sectors
    uint32_t sector_size;       // BLK_SECTOR_SIZE
    // Transfer count sectors at lba; 0 or a negative errno.  lba + count is
    // within sectors (blk_read/blk_write check it first).
    int (*read)(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf);
    int (*write)(struct blkdev *dev, uint64_t lba, uint32_t count, const void *buf);
    int (*flush)(struct blkdev *dev);   // drive write cache to media; may be NULL
    void *priv;                 // the driver's own state
    struct blkdev *parent;      // partitions: the whole disk, else NULL
    uint64_t start;             // partitions: first sector within parent
    struct blk_stats {          // what was asked of this device (blk_read,
        uint64_t reads, writes, flushes;       // blk_write, blk_flush), so a
        uint64_t sectors_read, sectors_written; // sync's cost can be read off
    } stats;
};

int blk_read(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf);
int blk_write(struct blkdev *dev, uint64_t lba, uint32_t count, const void *buf);
int blk_flush(struct blkdev *dev);
// Makes part a window of count sectors at start within parent (which must
// outlive it); -EINVAL when the window does not fit.
int blk_partition(struct blkdev *part, struct blkdev *parent, uint64_t start,
                  uint64_t count, const char *name);
#endif
