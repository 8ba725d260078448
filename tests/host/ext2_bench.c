// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/ext2_bench.c: the cost of one-byte transfers through
// kernel/ext2*.c, the pattern of stage0-posix's hex tools (one read or write
// system call per byte).  On a fresh mke2fs volume (4 KiB blocks, as
// tools/mkimage makes), N one-byte ext2_write calls fill a file, then N
// one-byte ext2_read calls read it back and check it; the volume must then
// pass `e2fsck -fn`.  Built as the kernel is (-O2, libc-mini's memcpy), so
// `make ext2-bench` can count its instructions with callgrind: a figure, not
// a test.  Usage: ext2_bench [N]   (default 1000000)
#include <stdio.h>
#include <stdlib.h>
#include "fs/ext2.h"
#include "fake_blk.h"

int main(int argc, char **argv)
{
    const char *img = "build/host/ext2_bench.img";
    long n = argc > 1 ? atol(argv[1]) : 1000000, i;
    struct blkdev *dev;
    struct ext2_fs *fs;
    uint32_t ino;
    uint8_t c;

    if (system("mke2fs -q -F -t ext2 -b 4096 build/host/ext2_bench.img 64M >/dev/null") != 0 ||
        !(dev = fake_blk_open(img, 1)) || ext2_mount(dev, 0, &fs) < 0 ||
        ext2_create(fs, EXT2_ROOT_INO, "f", 1, 0100644, 0, 0, &ino) < 0) {
        fprintf(stderr, "ext2_bench: cannot make the volume\n");
        return 1;
    }
    for (i = 0; i < n; i++) {
        c = (uint8_t)(i * 7);
        if (ext2_write(fs, ino, i, &c, 1) != 1) {
            fprintf(stderr, "ext2_bench: write %ld failed\n", i);
            return 1;
        }
    }
    for (i = 0; i < n; i++) {
        if (ext2_read(fs, ino, i, &c, 1) != 1 || c != (uint8_t)(i * 7)) {
            fprintf(stderr, "ext2_bench: read %ld gave the wrong byte\n", i);
            return 1;
        }
    }
    if (ext2_umount(fs) < 0 || system("e2fsck -fn build/host/ext2_bench.img >/dev/null 2>&1") != 0) {
        fprintf(stderr, "ext2_bench: the volume is not clean\n");
        return 1;
    }
    fake_blk_close(dev);
    printf("ext2_bench: %ld one-byte writes and reads\n", n);
    return 0;
}
