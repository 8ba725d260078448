// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/mbr.c: parses MBR partition tables: the four primary entries and the
// chain of extended boot records (EBRs) that holds logical partitions.  The
// table comes from whatever disk is plugged in, so every entry is checked
// against the disk size and the EBR chain is bounded (a loop in it would
// otherwise never end).  Finding the volume to mount is left to the caller.
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "arch/console.h"
#include "lib/errno.h"
#include "mbr.h"

#define MBR_SIG_OFF   440     // 32-bit disk signature
#define MBR_TABLE_OFF 446     // four 16-byte entries
#define MBR_MAGIC_OFF 510     // 0x55 0xaa

static uint32_t mbr_le32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static int mbr_is_extended(uint8_t type)
{
    return type == 0x05 || type == 0x0f || type == 0x85;
}

// Entry e (16 bytes: flag, CHS, type, CHS, lba, count) relative to base.
static void mbr_entry(const uint8_t *e, uint64_t base, struct mbr_part *p)
{
    p->bootable = (e[0] & 0x80) ? 1 : 0;
    p->type = e[4];
    p->lba = base + mbr_le32(e + 8);
    p->sectors = mbr_le32(e + 12);
}

static int mbr_fits(struct blkdev *disk, const struct mbr_part *p)
{
    if (p->sectors == 0 || p->lba == 0 || p->lba >= disk->sectors ||
        p->sectors > disk->sectors - p->lba) {
        kprintf("%s: partition %d (%llu+%llu) lies outside the disk, ignored\n",
                disk->name, p->number, (unsigned long long)p->lba,
                (unsigned long long)p->sectors);
        return 0;
    }
    return 1;
}

static int mbr_sector(struct blkdev *disk, uint64_t lba, uint8_t *buf)
{
    int r = blk_read(disk, lba, 1, buf);
    if (r < 0)
        return r;
    return (buf[MBR_MAGIC_OFF] == 0x55 && buf[MBR_MAGIC_OFF + 1] == 0xaa) ? 0 : -ENOENT;
}

// Follows the EBR chain of the extended partition ext.  Each EBR holds one
// logical (relative to the EBR) and a link to the next EBR (relative to ext).
static void mbr_logicals(struct blkdev *disk, const struct mbr_part *ext,
                         struct mbr_table *t, uint8_t *buf)
{
    uint64_t ebr = ext->lba;
    int n;
    for (n = 0; n < MBR_MAX_LOGICAL; n++) {
        struct mbr_part link;
        struct mbr_part *p = &t->part[t->count];
        if (mbr_sector(disk, ebr, buf) < 0) {
            kprintf("%s: bad extended boot record at %llu\n", disk->name,
                    (unsigned long long)ebr);
            return;
        }
        mbr_entry(buf + MBR_TABLE_OFF, ebr, p);
        p->number = 5 + n;
        if (p->type != 0 && p->lba < ext->lba + ext->sectors && mbr_fits(disk, p))
            t->count++;
        mbr_entry(buf + MBR_TABLE_OFF + 16, ext->lba, &link);
        if (!mbr_is_extended(link.type) || link.lba == ext->lba)
            return;
        // Only forward links: this bounds the walk even without the count.
        if (link.lba <= ebr || link.lba >= ext->lba + ext->sectors) {
            kprintf("%s: EBR link to %llu leaves the extended partition, chain ends\n",
                    disk->name, (unsigned long long)link.lba);
            return;
        }
        ebr = link.lba;
    }
    kprintf("%s: more than %d logical partitions, rest ignored\n", disk->name,
            MBR_MAX_LOGICAL);
}

int mbr_read(struct blkdev *disk, struct mbr_table *t)
{
    uint8_t buf[BLK_SECTOR_SIZE];
    struct mbr_part ext;
    int i;
    int r = mbr_sector(disk, 0, buf);
    memset(t, 0, sizeof(*t));
    memset(&ext, 0, sizeof(ext));
    if (r < 0)
        return r;
    t->disk_signature = mbr_le32(buf + MBR_SIG_OFF);
    for (i = 0; i < 4; i++) {
        struct mbr_part *p = &t->part[t->count];
        mbr_entry(buf + MBR_TABLE_OFF + 16 * i, 0, p);
        p->number = i + 1;
        if (p->type == 0 || !mbr_fits(disk, p))
            continue;
        if (mbr_is_extended(p->type)) {
            if (ext.sectors == 0)   // only one extended partition is meaningful
                ext = *p;
            continue;
        }
        t->count++;
    }
    if (ext.sectors)
        mbr_logicals(disk, &ext, t, buf);
    return 0;
}

int mbr_partition_dev(struct blkdev *disk, const struct mbr_part *p, struct blkdev *part)
{
    char name[48];                // blk_partition truncates it to fit
    snprintf(name, sizeof(name), "%sp%d", disk->name, p->number);
    return blk_partition(part, disk, p->lba, p->sectors, name);
}
