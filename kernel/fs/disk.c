// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/disk.c: finds the external volume by identity, the UUID that
// tools/mkimage put into init.img's boot config, not by its place (the seed
// chain this project follows insists on /dev/sdb1, which real machines
// break).  `disk=ata` looks at IDE disks through kernel/dev/ata.c, `disk=bios` at
// every disk the firmware sees through kernel/dev/bios_disk.c, and `disk=auto`
// (the default) at IDE first and at the BIOS's disks when the volume is not
// on an IDE disk.
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "arch/console.h"
#include "dev/ata.h"
#include "dev/bios_disk.h"
#include "dev/mbr.h"
#include "disk.h"
#include "ext2.h"
#include "lib/errno.h"
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

struct blkdev *disk_find_volume(const uint8_t uuid[16], const char *mode)
{
    struct blkdev *disks[MAX_DISKS], *found = NULL;
    int n;

    if (strcmp(mode, "ata") && strcmp(mode, "ata-pio") && strcmp(mode, "bios") && strcmp(mode, "auto")) {
        kprintf("disk: unknown disk=%s (ata, ata-pio, bios or auto); using auto\n", mode);
        mode = "auto";
    }
    if (strcmp(mode, "bios")) {
        n = ata_probe(disks, MAX_DISKS, strcmp(mode, "ata-pio") != 0);
        kprintf("disk: %d ATA disk(s)\n", n);
        found = scan(disks, n, uuid);
    }
    if (!found && strncmp(mode, "ata", 3)) {
        n = bios_disk_probe(disks, MAX_DISKS);
        kprintf("disk: %d BIOS disk(s)\n", n);
        found = scan(disks, n, uuid);
    }
    return found;
}
