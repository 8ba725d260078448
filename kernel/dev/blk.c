// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/blk.c: range-checked access to block devices, and partitions as
// windows onto their parent disk.  Drivers live elsewhere (ata.c, bios_disk.c);
// partition tables are parsed by mbr.c.
#include <stddef.h>
#include <string.h>
#include "arch/console.h"
#include "blk.h"
#include "lib/errno.h"

// Refuses requests past the end (a corrupt filesystem asks for any block).
static int blk_check(struct blkdev *dev, uint64_t lba, uint32_t count)
{
    if (lba > dev->sectors || count > dev->sectors - lba) {
        kprintf("%s: access to sectors %llu+%u past the end (%llu)\n", dev->name,
                (unsigned long long)lba, count, (unsigned long long)dev->sectors);
        return -EIO;
    }
    return 0;
}

int blk_read(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf)
{
    int r = blk_check(dev, lba, count);
    if (r)
        return r;
    dev->stats.reads++;
    dev->stats.sectors_read += count;
    return dev->read(dev, lba, count, buf);
}

int blk_write(struct blkdev *dev, uint64_t lba, uint32_t count, const void *buf)
{
    int r = blk_check(dev, lba, count);
    if (r)
        return r;
    if (!dev->write)
        return -EROFS;
    dev->stats.writes++;
    dev->stats.sectors_written += count;
    return dev->write(dev, lba, count, buf);
}

int blk_flush(struct blkdev *dev)
{
    dev->stats.flushes++;
    return dev->flush ? dev->flush(dev) : 0;
}

static int blk_part_read(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf)
{
    return blk_read(dev->parent, dev->start + lba, count, buf);
}

static int blk_part_write(struct blkdev *dev, uint64_t lba, uint32_t count, const void *buf)
{
    return blk_write(dev->parent, dev->start + lba, count, buf);
}

static int blk_part_flush(struct blkdev *dev)
{
    return blk_flush(dev->parent);
}

int blk_partition(struct blkdev *part, struct blkdev *parent, uint64_t start,
                  uint64_t count, const char *name)
{
    if (start > parent->sectors || count > parent->sectors - start)
        return -EINVAL;
    size_t i;
    memset(part, 0, sizeof(*part));
    for (i = 0; i + 1 < sizeof(part->name) && name[i]; i++)
        part->name[i] = name[i];
    part->sectors = count;
    part->sector_size = BLK_SECTOR_SIZE;
    part->read = blk_part_read;
    part->write = blk_part_write;
    part->flush = blk_part_flush;
    part->parent = parent;
    part->start = start;
    return 0;
}
