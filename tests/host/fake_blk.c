// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/fake_blk.c: block devices for host tests: an image file accessed
// with pread/pwrite (the disk drivers' stand-in), or a buffer in memory (fast
// enough for the fuzz test's thousands of images).
#define _FILE_OFFSET_BITS 64
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/errno.h"
#include "fake_blk.h"

unsigned long fake_blk_reads, fake_blk_writes;
long fake_blk_cut = -1;

struct fake_blk {
    struct blkdev dev;
    int fd;
    uint8_t *mem;
};

static int fake_file_read(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf)
{
    struct fake_blk *f = dev->priv;
    size_t n = (size_t)count * BLK_SECTOR_SIZE;
    fake_blk_reads += count;
    return pread(f->fd, buf, n, (off_t)(lba * BLK_SECTOR_SIZE)) == (ssize_t)n ? 0 : -EIO;
}

static int fake_file_write(struct blkdev *dev, uint64_t lba, uint32_t count, const void *buf)
{
    struct fake_blk *f = dev->priv;
    size_t n = (size_t)count * BLK_SECTOR_SIZE;
    fake_blk_writes += count;
    if (fake_blk_cut >= 0) {          // power is cut: the rest never reaches the disk
        if ((long)count > fake_blk_cut)
            n = (size_t)fake_blk_cut * BLK_SECTOR_SIZE;
        fake_blk_cut -= (long)(n / BLK_SECTOR_SIZE);
        if (n == 0)
            return 0;
    }
    return pwrite(f->fd, buf, n, (off_t)(lba * BLK_SECTOR_SIZE)) == (ssize_t)n ? 0 : -EIO;
}

static int fake_file_flush(struct blkdev *dev)
{
    struct fake_blk *f = dev->priv;
    return fsync(f->fd) == 0 ? 0 : -EIO;
}

static int fake_mem_read(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf)
{
    struct fake_blk *f = dev->priv;
    memcpy(buf, f->mem + lba * BLK_SECTOR_SIZE, (size_t)count * BLK_SECTOR_SIZE);
    return 0;
}

static int fake_mem_write(struct blkdev *dev, uint64_t lba, uint32_t count, const void *buf)
{
    struct fake_blk *f = dev->priv;
    memcpy(f->mem + lba * BLK_SECTOR_SIZE, buf, (size_t)count * BLK_SECTOR_SIZE);
    return 0;
}

static struct fake_blk *fake_new(const char *name, uint64_t bytes)
{
    struct fake_blk *f = calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    snprintf(f->dev.name, sizeof(f->dev.name), "%s", name);
    f->dev.sectors = bytes / BLK_SECTOR_SIZE;
    f->dev.sector_size = BLK_SECTOR_SIZE;
    f->dev.priv = f;
    f->fd = -1;
    return f;
}

struct blkdev *fake_blk_open(const char *path, int rw)
{
    struct stat st;
    struct fake_blk *f;
    int fd = open(path, rw ? O_RDWR : O_RDONLY);
    if (fd < 0 || fstat(fd, &st) < 0 || !(f = fake_new("fake0", (uint64_t)st.st_size))) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    f->fd = fd;
    f->dev.read = fake_file_read;
    f->dev.write = rw ? fake_file_write : NULL;
    f->dev.flush = fake_file_flush;
    return &f->dev;
}

struct blkdev *fake_blk_mem(void *mem, size_t size)
{
    struct fake_blk *f = fake_new("mem0", size);
    if (!f)
        return NULL;
    f->mem = mem;
    f->dev.read = fake_mem_read;
    f->dev.write = fake_mem_write;
    return &f->dev;
}

void fake_blk_close(struct blkdev *dev)
{
    struct fake_blk *f = dev->priv;
    if (f->fd >= 0)
        close(f->fd);
    free(f);
}
