// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/disk.c: finds the external volume by identity, the UUID that
// tools/mkimage put into init.img's boot config, not by its place (the seed
// chain this project follows insists on /dev/sdb1, which real machines
// break).  `disk=ata` looks at IDE disks through kernel/dev/ata.c, `disk=ahci`
// at SATA disks through kernel/dev/ahci.c, `disk=bios` at every disk the
// firmware sees through kernel/dev/bios_disk.c, and `disk=auto` (the
// default) at IDE, then AHCI, then the BIOS's disks, until one holds the
// volume.  The search stops at the first disk that has it, so a disk a
// native driver serves is never opened through the BIOS as well; and when
// the volume is not on an AHCI disk, the ports the AHCI driver took go back
// to the firmware before the BIOS is asked (the firmware's int 13h drives
// them through its own command lists).
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "arch/console.h"
#include "dev/ahci.h"
#include "dev/ata.h"
#include "dev/bios_disk.h"
#include "dev/mbr.h"
#include "disk.h"
#include "ext2.h"
#include "lib/errno.h"
#include "lib/nelem.h"
#include "mm/kheap.h"

#define MAX_DISKS 8

struct ext2_fs *root_fs;
struct blkdev *root_dev;
static char found_partuuid[16];         // "SSSSSSSS-PP" of the volume found, for Linux's root=

// the UUID (and label) of an ext2 volume on dev, from its superblock; 0 or -ENOENT
static int read_ext2_id(struct blkdev *dev, uint8_t uuid[16], char label[17])
{
    static uint8_t sb[1024];
    int err;

    if (dev->sectors < 4)
        return -ENOENT;
    if ((err = blk_read(dev, 2, 2, sb)) < 0)
        return err;
    if (sb[56] != 0x53 || sb[57] != 0xef)           // s_magic
        return -ENOENT;
    memcpy(uuid, sb + 104, 16);                     // s_uuid
    memcpy(label, sb + 120, 16);                    // s_volume_name
    label[16] = 0;
    return 0;
}

// looks at one disk or partition; returns 1 when it holds the volume
static int candidate(struct blkdev *dev, const uint8_t want[16], const char *what)
{
    uint8_t uuid[16];
    char label[17], text[37];

    if (read_ext2_id(dev, uuid, label) < 0) {
        kprintf("  %-10s %s, %u MiB: no ext2 volume\n", dev->name, what, (uint32_t)(dev->sectors >> 11));
        return 0;
    }
    ext2_uuid_str(uuid, text);
    kprintf("  %-10s %s, %u MiB: ext2 UUID %s label \"%s\"%s\n", dev->name, what,
            (uint32_t)(dev->sectors >> 11), text, label, memcmp(uuid, want, 16) ? "" : "  <- external volume");
    return !memcmp(uuid, want, 16);
}

static struct blkdev *scan_disk(struct blkdev *disk, const uint8_t want[16])
{
    static struct mbr_table table;
    char what[24];
    int i;

    if (mbr_read(disk, &table) < 0)
        return candidate(disk, want, "whole disk") ? disk : NULL;
    for (i = 0; i < table.count; i++) {
        struct blkdev *part = kzalloc(sizeof *part);
        if (!part || mbr_partition_dev(disk, &table.part[i], part) < 0) {
            kfree(part);
            continue;
        }
        snprintf(what, sizeof what, "partition type 0x%02x", table.part[i].type);
        if (candidate(part, want, what)) {
            snprintf(found_partuuid, sizeof found_partuuid, "%08x-%02x", table.disk_signature,
                     table.part[i].number);
            return part;
        }
        kfree(part);
    }
    return NULL;
}

static struct blkdev *scan(struct blkdev **disks, int n, const uint8_t want[16])
{
    struct blkdev *found = NULL;
    int i;

    for (i = 0; i < n && !found; i++)
        found = scan_disk(disks[i], want);
    return found;
}

const char *disk_volume_partuuid(void)
{
    return found_partuuid[0] ? found_partuuid : NULL;
}

// what each disk= mode looks at, in this order
static const struct {
    const char *mode;
    uint8_t ata, ata_dma, ahci, bios;
} modes[] = {
    { "auto", 1, 1, 1, 1 },
    { "ata", 1, 1, 0, 0 },
    { "ata-pio", 1, 0, 0, 0 },
    { "ahci", 0, 0, 1, 0 },
    { "bios", 0, 0, 0, 1 },
};

struct blkdev *disk_find_volume(const uint8_t uuid[16], const char *mode)
{
    struct blkdev *disks[MAX_DISKS], *found = NULL;
    size_t m;
    int n;

    for (m = 0; m < NELEM(modes) && strcmp(mode, modes[m].mode); m++)
        ;
    if (m == NELEM(modes)) {
        kprintf("disk: unknown disk=%s (ata, ata-pio, ahci, bios or auto); using auto\n", mode);
        m = 0;
    }
    if (modes[m].ata) {
        n = ata_probe(disks, MAX_DISKS, modes[m].ata_dma);
        kprintf("disk: %d ATA disk(s)\n", n);
        found = scan(disks, n, uuid);
    }
    if (!found && modes[m].ahci) {
        n = ahci_probe(disks, MAX_DISKS);
        kprintf("disk: %d AHCI disk(s)\n", n);
        if (!(found = scan(disks, n, uuid)))
            ahci_release();
    }
    if (!found && modes[m].bios) {
        n = bios_disk_probe(disks, MAX_DISKS);
        kprintf("disk: %d BIOS disk(s)\n", n);
        found = scan(disks, n, uuid);
    }
    return found;
}
