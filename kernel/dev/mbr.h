// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/mbr.h: MBR partition tables (kernel/dev/mbr.c).
#ifndef MBR_H
#define MBR_H
#include <stdint.h>
#include "blk.h"

#define MBR_MAX_LOGICAL 60     // EBR chain bound: longer chains are treated as corrupt

struct mbr_part {
    int number;            // Linux numbering: 1-4 primary, 5 and up logical
    uint8_t type;          // partition type byte (0x83 Linux, 0x05/0x0f/0x85 extended)
    uint8_t bootable;      // 1 when the active flag (0x80) is set
    uint64_t lba;          // first sector within the disk
    uint64_t sectors;
};

struct mbr_table {
    uint32_t disk_signature;            // offset 440
    int count;                          // entries used in part[]
    struct mbr_part part[4 + MBR_MAX_LOGICAL];
};

// Reads the table of disk: 0, -ENOENT when sector 0 has no 0x55aa signature,
// or another negative errno.  Entries past the end of the disk are dropped
// with a message; extended partitions are not listed, their logicals are.
int mbr_read(struct blkdev *disk, struct mbr_table *t);
// Fills part as the blkdev of p on disk, named "<disk>p<number>".
int mbr_partition_dev(struct blkdev *disk, const struct mbr_part *p, struct blkdev *part);
#endif
