// SPDX-License-Identifier: GPL-3.0-or-later
// tests/qemu/disktree.c DIR MiB: writes into DIR the tree that the kernel's
// `disktest=MiB` writes onto the external volume (kernel/disktest.c), from
// the same content rule, so the host can compare the two byte for byte.
// The hard link is left out: debugfs rdump copies it as a plain file, and
// tests compare it with dir1/file1 on their own.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define BIG_FILE 1000
#define SPARSE_FILE 1001

static uint8_t content(uint32_t file, uint64_t offset)      // kernel/disktest.c
{
    return (uint8_t)(file * 31 + offset * 13 + (offset >> 8) + (offset >> 20));
}

static void write_file(const char *path, uint32_t file, uint64_t off, uint64_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || fseek(f, (long)off, SEEK_SET)) {
        perror(path);
        exit(1);
    }
    for (uint64_t i = 0; i < size; i++)
        putc(content(file, off + i), f);
    if (fclose(f)) {
        perror(path);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    char path[4096];
    if (argc != 3 || chdir(argv[1])) {
        fprintf(stderr, "usage: disktree DIR MiB\n");
        return 2;
    }
    mkdir("disktest", 0755);
    for (uint32_t d = 0; d < 10; d++) {
        snprintf(path, sizeof path, "disktest/dir%u", d);
        mkdir(path, 0755);
        for (uint32_t f = 0; f < 20; f++) {
            uint32_t file = d * 20 + f;
            snprintf(path, sizeof path, "disktest/dir%u/file%u", d, f);
            write_file(path, file, 0, file * 373 % 70000);
        }
    }
    write_file("disktest/big", BIG_FILE, 0, (uint64_t)atoi(argv[2]) << 20);
    write_file("disktest/sparse", SPARSE_FILE, 10 << 20, 4096);
    if (symlink("dir3/file5", "disktest/link")) {
        perror("symlink");
        return 1;
    }
    return 0;
}
