// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/disktest.c: command line `disktest[=MiB]`: the kernel writes a known
// tree onto the external volume through its own ext2 code and drivers, reads
// it back, syncs, and reports its throughput; the host then checks the volume
// with e2fsck -fn and compares the tree, extracted by debugfs, with the same
// tree made by tests/qemu/disktree.c from the same content rule.
//
//   /disktest/dirN/fileM   N < 10, M < 20, (20N+M)*373 % 70000 bytes
//   /disktest/big          MiB mebibytes (default 20): double-indirect blocks
//   /disktest/sparse       4 KiB at 10 MiB, a hole before it
//   /disktest/link         symlink to dir3/file5
//   /disktest/hard         hard link to dir1/file1
// The read-back runs on a fresh mount, so it reads the disk, not the cache.
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "arch/console.h"
#include "dev/timer.h"
#include "disktest.h"
#include "mm/kheap.h"

#define CHUNK 65536
#define BIG_FILE 1000
#define SPARSE_FILE 1001

uint8_t disktest_byte(uint32_t file, uint64_t offset)
{
    return (uint8_t)(file * 31 + offset * 13 + (offset >> 8) + (offset >> 20));
}

static int failures;

static int check(int err, const char *what)
{
    if (err < 0) {
        kprintf("disktest: %s failed: error %d\n", what, err);
        failures++;
    }
    return err;
}

// writes size bytes of file's content at off in CHUNK pieces
static int fill(struct ext2_fs *fs, uint32_t ino, uint32_t file, uint64_t off, uint64_t size,
                uint8_t *buf)
{
    uint64_t done;
    uint32_t i, n;

    for (done = 0; done < size; done += n) {
        n = size - done < CHUNK ? (uint32_t)(size - done) : CHUNK;
        for (i = 0; i < n; i++)
            buf[i] = disktest_byte(file, off + done + i);
        if (check(ext2_write(fs, ino, off + done, buf, n), "write") < 0 ||
            check(ext2_commit_if_due(fs), "sync") < 0)   // as between system calls
            return -1;
    }
    return 0;
}

static int verify(struct ext2_fs *fs, uint32_t ino, uint32_t file, uint64_t off, uint64_t size,
                  uint8_t *buf)
{
    uint64_t done;
    uint32_t i, n;

    for (done = 0; done < size; done += n) {
        n = size - done < CHUNK ? (uint32_t)(size - done) : CHUNK;
        if (check(ext2_read(fs, ino, off + done, buf, n), "read") < 0)
            return -1;
        for (i = 0; i < n; i++)
            if (buf[i] != disktest_byte(file, off + done + i)) {
                kprintf("disktest: file %u differs at byte %u\n", file, (uint32_t)(off + done + i));
                failures++;
                return -1;
            }
    }
    return 0;
}

static int make_file(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t *ino)
{
    return check(ext2_create(fs, dir, name, strlen(name), 0100644, 0, 0, ino), name);
}

static void small_files(struct ext2_fs *fs, uint32_t top, uint8_t *buf, int write)
{
    char name[16];
    uint32_t dir, ino, d, f;

    for (d = 0; d < 10; d++) {
        snprintf(name, sizeof name, "dir%u", d);
        if (write ? check(ext2_mkdir(fs, top, name, strlen(name), 040755, 0, 0, &dir), name) < 0
                  : check(ext2_lookup(fs, top, name, strlen(name), &dir), name) < 0)
            return;
        for (f = 0; f < 20; f++) {
            uint32_t file = d * 20 + f, size = file * 373 % 70000;
            snprintf(name, sizeof name, "file%u", f);
            if (write ? make_file(fs, dir, name, &ino) < 0
                      : check(ext2_lookup(fs, dir, name, strlen(name), &ino), name) < 0)
                return;
            if (write)
                fill(fs, ino, file, 0, size, buf);
            else
                verify(fs, ino, file, 0, size, buf);
        }
    }
}

int disktest_run(struct blkdev *dev, struct ext2_fs **fsp, uint32_t big_mib)
{
    struct ext2_fs *fs = *fsp;
    uint8_t *buf = kmalloc(CHUNK);
    uint32_t top, big, sparse, target;
    uint64_t big_size = (uint64_t)big_mib << 20, t0, write_ms, read_ms;

    if (!buf)
        return 1;
    if (check(ext2_mkdir(fs, EXT2_ROOT_INO, "disktest", 8, 040755, 0, 0, &top), "mkdir /disktest") < 0)
        return failures;
    small_files(fs, top, buf, 1);
    // a step boundary: the tree is on disk before the big file, which syncs
    // only at its end (a sync is due at half the cache, the file is fresh)
    check(ext2_sync(fs), "sync");
    make_file(fs, top, "big", &big);
    t0 = timer_uptime_ms();
    fill(fs, big, BIG_FILE, 0, big_size, buf);
    check(ext2_sync(fs), "sync");
    write_ms = timer_uptime_ms() - t0 + 1;
    make_file(fs, top, "sparse", &sparse);
    fill(fs, sparse, SPARSE_FILE, 10 << 20, 4096, buf);
    check(ext2_symlink(fs, top, "link", 4, "dir3/file5", 0, 0, &target), "symlink");
    if (check(ext2_namei(fs, top, "dir1/file1", 1, &target), "lookup dir1/file1") >= 0)
        check(ext2_link(fs, target, top, "hard", 4), "link");
    check(ext2_umount(fs), "umount");
    *fsp = NULL;
    if (check(ext2_mount(dev, 0, fsp), "mount again") < 0)
        return failures;
    fs = *fsp;

    small_files(fs, top, buf, 0);
    t0 = timer_uptime_ms();
    verify(fs, big, BIG_FILE, 0, big_size, buf);
    read_ms = timer_uptime_ms() - t0 + 1;
    kprintf("disktest: big file %u MiB: write+sync %u ms (%u KiB/s), read %u ms (%u KiB/s)\n", big_mib,
            (uint32_t)write_ms, (uint32_t)(big_size / 1024 * 1000 / write_ms), (uint32_t)read_ms,
            (uint32_t)(big_size / 1024 * 1000 / read_ms));
    kprintf("disktest: %s\n", failures ? "FAILED" : "ok");
    kfree(buf);
    return failures;
}
