// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/ext2_read_test.c: kernel/ext2*.c reading volumes made by
// mke2fs -d from a generated tree, with 1, 2 and 4 KiB blocks (and 128-byte
// inodes, and directories without file types): every file's
// bytes (double and triple indirect blocks, holes), symlinks (fast, slow,
// loops), hard links, deep and large directories, modes, owners, link
// counts, path lookup, UUID and label.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64     // 64-bit off_t and readdir in the -m32 build
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/errno.h"
#include "ext2_test_util.h"
#include "fake_blk.h"

#define UUID "5eed5eed-0123-4567-89ab-cdef01234567"
#define LABEL "seedvol"

static char root[256];

static void put_file(const char *rel, size_t size, uint64_t seed, int mode)
{
    char path[512];
    uint8_t *buf = malloc(size + 1);
    int fd;
    snprintf(path, sizeof(path), "%s/tree/%s", root, rel);
    tu_fill(buf, size, seed);
    fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
    if (fd < 0 || write(fd, buf, size) != (ssize_t)size)
        perror(path);
    fchmod(fd, mode);
    close(fd);
    free(buf);
}

static void put_at(const char *rel, off_t size, const off_t *offs, int n)
{
    char path[512];
    uint8_t buf[5000];
    int fd, i;
    snprintf(path, sizeof(path), "%s/tree/%s", root, rel);
    fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    for (i = 0; i < n; i++) {
        tu_fill(buf, sizeof(buf), 1000 + i);
        if (pwrite(fd, buf, sizeof(buf), offs[i]) != sizeof(buf))
            perror(path);
    }
    if (ftruncate(fd, size) < 0)
        perror(path);
    close(fd);
}

static void make_tree(void)
{
    static const size_t sizes[] = { 0, 1, 2, 511, 512, 1023, 1024, 1025, 4095, 4096, 4097,
        12 * 1024, 12 * 1024 + 1, 12 * 4096 + 5, 268 * 1024 + 1, 300000, (1 << 20) + 3,
        (5 << 20) + 7 };
    static const int modes[] = { 0644, 0600, 0640, 0755, 04755, 0444, 0700, 02750 };
    const off_t sparse[] = { 0, 5 << 20, 70 << 20, (80 << 20) - 5000 };
    char rel[512], t[4096];
    size_t i;
    tu_sh("mkdir -p %s/tree/dir/sub %s/tree/many %s/tree/d1/d2", root, root, root);
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        snprintf(rel, sizeof(rel), "f_%zu", i);
        put_file(rel, sizes[i], i, modes[i % 8]);
    }
    put_at("sparse", 80 << 20, sparse, 4);     // data in triple-indirect range (1 KiB)
    put_at("holes_only", 10 << 20, sparse, 0);
    for (i = 0; i < 3000; i++) {
        snprintf(rel, sizeof(rel), "many/entry_with_a_longer_name_%zu", i * 7919);
        put_file(rel, i % 97, 5000 + i, 0644);
    }
    strcpy(rel, "deep");
    for (i = 0; i < 40; i++) {
        tu_sh("mkdir -p %s/tree/%s", root, rel);
        strcat(rel, "/d");
    }
    strcat(rel, "_file");
    put_file(rel, 777, 42, 0600);
    tu_sh("cd %s/tree && ln f_5 d1/hard1 && ln f_5 d1/d2/hard2 && ln -s f_1 short && "
          "ln -s /dir/sub abs && ln -s loop_b loop_a && ln -s loop_a loop_b && "
          "ln -s nowhere dangling && ln -s ../f_3 dir/up && mkfifo fifo && "
          "chown 1234:5678 f_2 && chmod 0700 dir && chmod 0751 dir/sub", root);
    memset(t, 0, sizeof(t));
    for (i = 0; i < 20; i++)
        strcat(t, "long_component/");
    strcat(t, "target");
    tu_sh("cd %s/tree && ln -s %s slow && ln -s %.59s fast59 && ln -s %.60s slow60", root, t,
          t, t);
}

static void check_namei(struct ext2_fs *fs)
{
    uint32_t ino, a, b, dir;
    const char *name;
    uint32_t len;
    struct ext2_stat st;
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "/short", 1, &a) == 0 &&
             ext2_namei(fs, EXT2_ROOT_INO, "f_1", 1, &b) == 0 && a == b, "symlink followed");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "/short", 0, &a) == 0 && a != b, "nofollow");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "dir/up", 1, &a) == 0 &&
             ext2_namei(fs, EXT2_ROOT_INO, "/f_3", 1, &b) == 0 && a == b, "relative symlink");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "abs/../sub/./", 1, &a) == 0 &&
             ext2_namei(fs, EXT2_ROOT_INO, "/dir/sub", 1, &b) == 0 && a == b, "dots");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "loop_a", 1, &a) == -ELOOP, "ELOOP");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "loop_a", 0, &a) == 0, "loop nofollow");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "dangling", 1, &a) == -ENOENT, "dangling");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "f_1/x", 1, &a) == -ENOTDIR, "ENOTDIR");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "/nope", 1, &a) == -ENOENT, "ENOENT");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "/f_1/", 1, &a) == -ENOTDIR, "file/ is ENOTDIR");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "/abs/", 0, &a) == 0 &&
             ext2_namei(fs, EXT2_ROOT_INO, "/dir/sub", 1, &b) == 0 && a == b, "link/ follows");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "/..", 1, &a) == 0 && a == EXT2_ROOT_INO, "/..");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "slow", 1, &a) == -ENOENT, "slow dangling");
    tu_check(ext2_namei_parent(fs, EXT2_ROOT_INO, "/d1/d2/newname//", &dir, &name, &len) == 0 &&
             len == 7 && !memcmp(name, "newname", 7) &&
             ext2_namei(fs, EXT2_ROOT_INO, "d1/d2", 1, &a) == 0 && a == dir, "namei_parent");
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, "/f_2", 1, &ino) == 0 && ext2_stat(fs, ino, &st) == 0 &&
             st.uid == 1234 && st.gid == 5678, "owner");
    tu_check(ext2_write(fs, ino, 0, "x", 1) == -EROFS, "read-only write refused");
}

static void check_image(int bs, const char *opts)
{
    char img[512], path[512], label[17], us[37];
    uint8_t uuid[16];
    struct blkdev *dev;
    struct ext2_fs *fs;
    int r;
    snprintf(img, sizeof(img), "%s/img%d", root, bs);
    r = tu_sh("mke2fs -q -F -t ext2 -b %d %s -d %s/tree -U %s -L %s %s 64M >/dev/null", bs,
              opts, root, UUID, LABEL, img);
    if (!tu_check(r == 0, "mke2fs -b %d %s", bs, opts))
        return;
    dev = fake_blk_open(img, 0);
    r = ext2_mount(dev, EXT2_MOUNT_RDONLY, &fs);
    if (!tu_check(r == 0, "mount %d: %d", bs, r)) {
        fake_blk_close(dev);
        return;
    }
    ext2_uuid(fs, uuid);
    ext2_uuid_str(uuid, us);
    ext2_label(fs, label);
    tu_check(!strcmp(us, UUID) && !strcmp(label, LABEL), "uuid %s label %s", us, label);
    snprintf(path, sizeof(path), "%s/tree", root);
    tu_compare_tree(fs, EXT2_ROOT_INO, path, 1);
    check_namei(fs);
    tu_check(ext2_umount(fs) == 0, "umount");
    fake_blk_close(dev);
    tu_check(tu_sh("e2fsck -fn %s >/dev/null 2>&1", img) == 0, "e2fsck after ro mount");
    unlink(img);
}

int main(void)
{
    tu_need_e2fsprogs();
    snprintf(root, sizeof(root), "/tmp/ext2_read_test.XXXXXX");
    if (!mkdtemp(root))
        return 1;
    make_tree();
    check_image(1024, "");
    check_image(2048, "-I 128");                     // small inodes
    check_image(4096, "-O ^filetype,^dir_index");    // 16-bit name_len, no types
    tu_sh("rm -rf %s", root);
    return tu_report("ext2_read_test");
}
