// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/mbr_test.c: kernel/dev/mbr.c on hand-made tables in memory: primary
// and logical partitions, the disk signature, entries past the end of the
// disk, an EBR chain that loops, and partition blkdevs reading through to
// the right sectors of their disk.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/errno.h"
#include "fake_blk.h"
#include "dev/mbr.h"

static int checks, failed;

static void check(int ok, const char *what)
{
    checks++;
    if (!ok) {
        failed++;
        printf("FAIL: %s\n", what);
    }
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

// Writes entry i of the table in sector lba.
static void entry(uint8_t *disk, uint64_t lba, int i, uint8_t type, uint32_t start, uint32_t n)
{
    uint8_t *s = disk + lba * 512, *e = s + 446 + 16 * i;
    e[0] = i == 0 ? 0x80 : 0;
    e[4] = type;
    put32(e + 8, start);
    put32(e + 12, n);
    s[510] = 0x55;
    s[511] = 0xaa;
}

int main(void)
{
    size_t sectors = 4096;
    uint8_t *disk = calloc(sectors, 512), buf[512];
    struct blkdev *dev = fake_blk_mem(disk, sectors * 512), part;
    struct mbr_table t;
    check(mbr_read(dev, &t) == -ENOENT, "blank disk has no table");
    put32(disk + 440, 0xdeadbeef);
    entry(disk, 0, 0, 0x83, 64, 1000);
    entry(disk, 0, 1, 0x05, 2000, 2000);          // extended: 2000..3999
    entry(disk, 0, 2, 0x83, 4000, 200);           // runs past the end: dropped
    entry(disk, 2000, 0, 0x83, 10, 100);          // logical 5 at 2010
    entry(disk, 2000, 1, 0x05, 500, 600);         // next EBR at 2500
    entry(disk, 2500, 0, 0x0c, 20, 300);          // logical 6 at 2520
    check(mbr_read(dev, &t) == 0, "table read");
    check(t.disk_signature == 0xdeadbeef, "disk signature");
    check(t.count == 3, "three partitions");
    check(t.part[0].number == 1 && t.part[0].lba == 64 && t.part[0].sectors == 1000 &&
          t.part[0].bootable, "primary 1");
    check(t.part[1].number == 5 && t.part[1].lba == 2010 && t.part[1].sectors == 100, "logical 5");
    check(t.part[2].number == 6 && t.part[2].lba == 2520 && t.part[2].type == 0x0c, "logical 6");
    disk[2010 * 512 + 7] = 0x42;
    check(mbr_partition_dev(dev, &t.part[1], &part) == 0 && !strcmp(part.name, "mem0p5"),
          "partition device");
    check(blk_read(&part, 0, 1, buf) == 0 && buf[7] == 0x42, "partition reads its sectors");
    check(blk_read(&part, 100, 1, buf) == -EIO, "partition end is enforced");
    entry(disk, 2500, 1, 0x05, 0, 10);            // loops back to the first EBR
    check(mbr_read(dev, &t) == 0 && t.count == 3, "EBR loop ends");
    entry(disk, 2500, 1, 0x05, 501, 10);          // forward, and so on: bounded
    check(mbr_read(dev, &t) == 0 && t.count <= 4 + MBR_MAX_LOGICAL, "EBR chain bounded");
    fake_blk_close(dev);
    free(disk);
    printf("mbr_test: %d checks, %d failed\n", checks, failed);
    return failed ? 1 : 0;
}
