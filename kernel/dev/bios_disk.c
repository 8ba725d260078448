// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/bios_disk.c: every hard disk the BIOS sees, through the int 13h
// extensions (AH=42h read, 43h write, 48h parameters).  Transfers go through
// the bounce buffer below 1 MiB, BOUNCE_SECTORS at a time.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "bios.h"
#include "bios_disk.h"
#include "lib/errno.h"

#define MAX_DRIVES 8

struct dap {                    // disk address packet
    uint8_t size, zero;
    uint16_t count;
    uint16_t offset, segment;
    uint64_t lba;
} __attribute__((packed));

struct drive_params {           // AH=48h result buffer
    uint16_t size, flags;
    uint32_t cylinders, heads, sectors_per_track;
    uint64_t sectors;
    uint16_t bytes_per_sector;
} __attribute__((packed));

struct bios_drive {
    uint8_t number;
};

// the probe's disks, and one more slot for bios_disk_open's
static struct bios_drive drives[MAX_DRIVES + 1];
static struct blkdev devs[MAX_DRIVES + 1];

static int transfer(struct bios_drive *d, uint64_t lba, uint32_t n, int write)
{
    struct dap *dap = bios_low(THUNK_DAP);
    struct bios_regs r;

    memset(dap, 0, sizeof *dap);
    dap->size = sizeof *dap;
    dap->count = n;
    dap->offset = BOUNCE_ADDR & 0xf;
    dap->segment = BOUNCE_ADDR >> 4;
    dap->lba = lba;
    memset(&r, 0, sizeof r);
    r.eax = write ? 0x4300 : 0x4200;
    r.edx = d->number;
    r.esi = THUNK_DAP;
    bios_int(0x13, &r);
    if (r.eflags & BIOS_CARRY) {
        kprintf("bios_disk: drive 0x%x: %s of %u sectors at %u failed, status 0x%x\n", d->number,
                write ? "write" : "read", n, (uint32_t)lba, (r.eax >> 8) & 0xff);
        return -EIO;
    }
    return 0;
}

static int bios_disk_read(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf)
{
    uint8_t *p = buf;
    int err;

    while (count > 0) {
        uint32_t n = count < BOUNCE_SECTORS ? count : BOUNCE_SECTORS;
        if ((err = transfer(dev->priv, lba, n, 0)) < 0)
            return err;
        memcpy(p, bios_low(BOUNCE_ADDR), n * BLK_SECTOR_SIZE);
        p += n * BLK_SECTOR_SIZE;
        lba += n;
        count -= n;
    }
    return 0;
}

static int bios_disk_write(struct blkdev *dev, uint64_t lba, uint32_t count, const void *buf)
{
    const uint8_t *p = buf;
    int err;

    while (count > 0) {
        uint32_t n = count < BOUNCE_SECTORS ? count : BOUNCE_SECTORS;
        memcpy(bios_low(BOUNCE_ADDR), p, n * BLK_SECTOR_SIZE);
        if ((err = transfer(dev->priv, lba, n, 1)) < 0)
            return err;
        p += n * BLK_SECTOR_SIZE;
        lba += n;
        count -= n;
    }
    return 0;
}

// size in sectors of a drive with LBA extensions and 512-byte sectors, or 0
static uint64_t drive_sectors(uint8_t number)
{
    struct drive_params *params = bios_low(THUNK_PARAMS);
    struct bios_regs r;

    memset(&r, 0, sizeof r);
    r.eax = 0x4100;
    r.ebx = 0x55aa;
    r.edx = number;
    bios_int(0x13, &r);
    if ((r.eflags & BIOS_CARRY) || (r.ebx & 0xffff) != 0xaa55 || !(r.ecx & 1))
        return 0;
    memset(params, 0, sizeof *params);
    params->size = sizeof *params;
    memset(&r, 0, sizeof r);
    r.eax = 0x4800;
    r.edx = number;
    r.esi = THUNK_PARAMS;
    bios_int(0x13, &r);
    if ((r.eflags & BIOS_CARRY) || params->bytes_per_sector != BLK_SECTOR_SIZE)
        return 0;
    return params->sectors;
}

// drive number as devs[slot]; NULL when it has no usable LBA extensions
static struct blkdev *open_drive(int slot, uint8_t number)
{
    uint64_t sectors = drive_sectors(number);
    struct blkdev *dev = &devs[slot];

    if (sectors == 0)
        return NULL;
    drives[slot].number = number;
    memset(dev, 0, sizeof *dev);
    memcpy(dev->name, "bios", 4);
    dev->name[4] = "0123456789abcdef"[number >> 4];
    dev->name[5] = "0123456789abcdef"[number & 15];
    dev->sectors = sectors;
    dev->sector_size = BLK_SECTOR_SIZE;
    dev->read = bios_disk_read;
    dev->write = bios_disk_write;
    dev->priv = &drives[slot];
    return dev;
}

int bios_disk_probe(struct blkdev **out, int max)
{
    uint8_t count = *(uint8_t *)bios_low(0x475);    // BIOS data area: hard disks
    int n = 0, i;

    for (i = 0; i < count && i < MAX_DRIVES && n < max; i++) {
        uint8_t number = 0x80 + i;
        struct blkdev *dev = open_drive(n, number);

        if (!dev) {
            kprintf("bios_disk: drive 0x%x has no usable LBA extensions; skipped\n", number);
            continue;
        }
        kprintf("bios_disk: %s: drive 0x%x, %u MiB\n", dev->name, number, (uint32_t)(dev->sectors >> 11));
        out[n++] = dev;
    }
    return n;
}

struct blkdev *bios_disk_open(uint8_t number)
{
    return open_drive(MAX_DRIVES, number);
}
