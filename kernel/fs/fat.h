// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/fat.h: a read-only FAT16 and FAT32 reader (kernel/fs/fat.c), enough
// to read one small file, seedstrap.cfg, from init.img's settings partition.
#ifndef FAT_H
#define FAT_H
#include <stdint.h>
#include "dev/blk.h"

#define FAT_LFN_MAX 260         // 20 long-name entries of 13 characters

struct fat_fs {
    struct blkdev *dev;
    int bits;                   // 16 or 32
    uint32_t cluster_sectors;   // sectors per cluster
    uint32_t fat_lba;           // first sector of the first FAT
    uint32_t root_lba;          // FAT16: the fixed root directory ...
    uint32_t root_sectors;      // ... and its size (0 on FAT32)
    uint32_t root_cluster;      // FAT32: the root directory's first cluster
    uint32_t data_lba;          // the sector of cluster 2
    uint32_t clusters;          // data clusters, numbered 2 .. clusters + 1
    const char *error;          // why the last call failed, for messages
    uint32_t fat_cached;        // the FAT sector in fat_buf (0: none)
    uint8_t fat_buf[512];
    uint8_t buf[512];
    uint16_t lfn[FAT_LFN_MAX + 1];  // the long name being gathered, and its end (0)
};

struct fat_file {
    uint32_t cluster;           // first cluster; 0 for an empty file (and FAT16's root)
    uint32_t size;              // bytes (0 for a directory)
    int dir;                    // 1 for a directory
};

// Reads and checks the boot sector of dev: 0, or a negative errno with
// fs->error saying why (not FAT, FAT12, a field out of range).
int fat_mount(struct blkdev *dev, struct fat_fs *fs);
// Finds path ("/", "SEEDSTRAP.CFG", "sub/dir/file.txt"), each name matched
// without regard to ASCII case against the entry's long name or its 8.3
// name: 0, -ENOENT, -ENOTDIR, or another negative errno with fs->error.
int fat_lookup(struct fat_fs *fs, const char *path, struct fat_file *f);
// Reads the first max bytes of f (at most its size) into buf: the bytes
// read, or a negative errno with fs->error (a chain that loops, leaves the
// volume or ends before the file does).
int fat_read(struct fat_fs *fs, const struct fat_file *f, void *buf, uint32_t max);
#endif
