// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/ext2_fuzz_test.c: kernel/ext2*.c on mutated volumes.  Two small
// mke2fs images (1 and 4 KiB blocks) are corrupted with a fixed-seed PRNG:
// superblock and group-descriptor fields, inode fields, block pointers,
// directory entries (including entries that point back up: directory
// loops), indirect blocks, bitmaps, random bytes.  Each image is mounted,
// every file is walked (stat, read, readlink, lookup), some writes are
// tried and it is walked again.  The same writes on the intact images must
// leave them e2fsck clean.  Under ASan/UBSan a
// crash fails the test; SIGALRM (default action: the process dies) fails it
// when one image takes too long; the heap must be empty after each image.
// Usage: ext2_fuzz_test [count]   (or EXT2_FUZZ_COUNT; default 300);
// EXT2_FUZZ_SEED picks another fixed sequence.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64     // 64-bit off_t and readdir in the -m32 build
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/errno.h"
#include "fs/ext2_int.h"
#include "ext2_test_util.h"
#include "fake_blk.h"
#include "mm/kheap.h"

#define MAX_TARGETS 256
#define WALK_NODES  3000      // entries visited per walk: bounds loops in the tree

struct base {
    int bs;
    uint8_t *img;
    size_t size;
    uint32_t dirblk[MAX_TARGETS], ndir;      // directory blocks
    uint32_t indblk[MAX_TARGETS], nind;      // indirect blocks
    uint32_t itable;                         // group 0's inode table
};

static char root[256];
static uint64_t rng = 0x5eed;
static int image_no, walk_nodes;

// Adds the block numbers printed by a debugfs request to v.
static void debugfs_blocks(struct base *b, const char *req, const char *mark, uint32_t *v,
                           uint32_t *n)
{
    char cmd[600], word[128];
    FILE *f;
    snprintf(cmd, sizeof(cmd), "debugfs -R '%s' %s/base%d 2>/dev/null", req, root, b->bs);
    f = popen(cmd, "r");
    while (f && fscanf(f, "%127s", word) == 1 && *n < MAX_TARGETS) {
        char *p = mark ? strstr(word, mark) : word;
        unsigned long x;
        if (p && sscanf(p + (mark ? strlen(mark) : 0), "%lu", &x) == 1)
            v[(*n)++] = (uint32_t)x;
    }
    if (f)
        pclose(f);
}

static void make_base(struct base *b, int bs)
{
    static const char *dirs[] = { "/", "/a", "/a/b", "/a/b/c", "/lost+found", "/many" };
    static const char *inds[] = { "/big", "/sparse", "/a/b/c/mid" };
    char path[512];
    FILE *f;
    size_t i;
    b->bs = bs;
    tu_sh("mke2fs -q -F -t ext2 -b %d -d %s/tree %s/base%d %s >/dev/null", bs, root, root, bs,
          bs == 1024 ? "2M" : "4M");
    for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        snprintf(path, sizeof(path), "blocks %s", dirs[i]);
        debugfs_blocks(b, path, NULL, b->dirblk, &b->ndir);
    }
    for (i = 0; i < sizeof(inds) / sizeof(inds[0]); i++) {
        snprintf(path, sizeof(path), "stat %s", inds[i]);
        debugfs_blocks(b, path, "IND):", b->indblk, &b->nind);
    }
    snprintf(path, sizeof(path), "%s/base%d", root, bs);
    f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    b->size = ftell(f);
    b->img = malloc(b->size);
    fseek(f, 0, SEEK_SET);
    if (fread(b->img, 1, b->size, f) != b->size)
        b->size = 0;
    fclose(f);
    memcpy(&b->itable, b->img + (bs == 1024 ? 2048 : 4096) + 8, 4);
    printf("base %d: %u directory blocks, %u indirect blocks, inode table at %u\n", bs,
           b->ndir, b->nind, b->itable);
}

static void make_tree(void)
{
    uint8_t buf[70000];
    char p[600];
    int i;
    tu_sh("mkdir -p %s/tree/a/b/c %s/tree/many", root, root);
    tu_fill(buf, sizeof(buf), 3);
    for (i = 0; i < 60; i++) {
        snprintf(p, sizeof(p), "%s/tree/many/name_number_%d", root, i);
        FILE *f = fopen(p, "wb");
        fwrite(buf, 1, i * 37, f);
        fclose(f);
    }
    snprintf(p, sizeof(p), "%s/tree/big", root);
    FILE *f = fopen(p, "wb");
    fwrite(buf, 1, sizeof(buf), f);
    fwrite(buf, 1, sizeof(buf), f);
    fwrite(buf, 1, sizeof(buf), f);
    fclose(f);
    tu_sh("cd %s/tree && cp big a/b/c/mid && truncate -s 20000 a/b/c/mid && "
          "truncate -s 3000000 sparse && printf x >> sparse && ln big a/hard && "
          "ln -s ../big a/fast && ln -s %0200d a/b/slow && ln -s a/b up && "
          "echo hi > a/b/c/leaf && chmod 0750 a/b", root, 0);
}

static uint32_t interesting(const struct base *b)
{
    uint32_t blocks = (uint32_t)(b->size / b->bs);
    const uint32_t v[] = { 0, 1, 2, 3, 11, 12, 0xffffffff, 0x7fffffff, 0x80000000, 0xffff,
                           blocks, blocks - 1, blocks + 1, b->itable, 4096, 65536 };
    uint32_t k = tu_rand(&rng) % 20;
    if (k < sizeof(v) / sizeof(v[0]))
        return v[k];
    return k == 16 ? tu_rand(&rng) % blocks : (k == 17 ? tu_rand(&rng) % 64 : tu_rand(&rng));
}

static void put_word(uint8_t *img, size_t at, uint32_t val, int width)
{
    memcpy(img + at, &val, width);
}

// One mutation of img (a copy of b's image); returns what it hit.
static const char *mutate(const struct base *b, uint8_t *img)
{
    static const uint8_t inode_fields[] = { 0, 2, 4, 26, 28, 32, 40, 44, 48, 84, 88, 92, 96,
                                            104, 108 };
    size_t bs = b->bs, gd = bs == 1024 ? 2048 : bs;
    uint32_t k = tu_rand(&rng) % 9, w = 1 << (tu_rand(&rng) % 3);
    if (k == 0) {
        put_word(img, 1024 + (tu_rand(&rng) % 64) * 4, interesting(b), 4);
        return "superblock field";
    } else if (k == 1) {
        put_word(img, gd + (tu_rand(&rng) % 8) * 4, interesting(b), w);
        return "group descriptor";
    } else if (k == 2 || k == 3) {
        size_t ino = tu_rand(&rng) % 40, isz = 256;
        memcpy(&isz, img + 1024 + 88, 2);
        if (isz < 128 || isz > bs)
            isz = 128;
        put_word(img, b->itable * bs + ino * isz + inode_fields[tu_rand(&rng) % 15],
                 interesting(b), k == 2 ? 4 : w);
        return "inode field";
    } else if (k == 4 && b->ndir) {
        size_t at = b->dirblk[tu_rand(&rng) % b->ndir] * bs + (tu_rand(&rng) % 16) * 4;
        put_word(img, at, interesting(b), w);
        return "directory entry";
    } else if (k == 5 && b->ndir) {
        // Entry 3 or later of a directory block (past "." and "..") now
        // names the root or another directory: a loop or a second parent.
        size_t at = b->dirblk[tu_rand(&rng) % b->ndir] * bs, off = 0;
        int n = 2 + tu_rand(&rng) % 3;
        while (n-- && off < bs - 12) {
            uint16_t rl;
            memcpy(&rl, img + at + off, 2);
            if (rl < 12)
                break;
            off += rl;
        }
        if (off < bs - 8)
            put_word(img, at + off, tu_rand(&rng) % 2 ? 2 : 12, 4);
        return "directory loop";
    } else if (k == 6 && b->nind) {
        size_t at = b->indblk[tu_rand(&rng) % b->nind] * bs + (tu_rand(&rng) % (bs / 4)) * 4;
        put_word(img, at, interesting(b), 4);
        return "indirect block";
    } else if (k == 7) {
        uint32_t bmp;
        memcpy(&bmp, img + gd + (tu_rand(&rng) % 2) * 4, 4);
        if ((uint64_t)bmp * bs < b->size)
            img[bmp * bs + tu_rand(&rng) % 64] ^= (uint8_t)(1 << (tu_rand(&rng) % 8));
        return "bitmap";
    }
    img[tu_rand(&rng) % (bs * 64 < b->size ? bs * 64 : b->size)] ^= (uint8_t)tu_rand(&rng);
    return "random byte";
}

struct names {
    int n;
    char name[64][256];
    uint32_t ino[64];
};

static int collect_fn(void *ctx, const char *name, uint32_t len, uint32_t ino, uint8_t type)
{
    struct names *c = ctx;
    if (c->n == 64)
        return 1;                 // the rest is read by the next call
    memcpy(c->name[c->n], name, len);
    c->name[c->n][len] = 0;
    c->ino[c->n++] = ino;
    return 0;
}

static void walk_file(struct ext2_fs *fs, uint32_t ino, const struct ext2_stat *st)
{
    static uint8_t buf[65536];
    char link[4096];
    uint64_t off;
    uint32_t x;
    if ((st->mode & EXT2_S_IFMT) == EXT2_S_IFLNK) {
        ext2_readlink(fs, ino, link, sizeof(link));
        return;
    }
    for (off = 0; off < st->size && off < (1 << 20); off += sizeof(buf))
        if (ext2_read(fs, ino, off, buf, sizeof(buf)) <= 0)
            break;
    if (st->size > sizeof(buf))
        ext2_read(fs, ino, st->size - sizeof(buf) / 2, buf, sizeof(buf));
    ext2_namei(fs, ino, "..", 1, &x);
}

// Visits the tree below dir; the depth and a node budget bound loops.
static void walk(struct ext2_fs *fs, uint32_t dir, int depth)
{
    struct names *c = malloc(sizeof(*c));
    uint64_t cookie = 0;
    int i, guard = 0;
    while (walk_nodes < WALK_NODES && guard++ < 100) {
        c->n = 0;
        if (ext2_readdir(fs, dir, &cookie, collect_fn, c) < 0 || c->n == 0)
            break;
        for (i = 0; i < c->n && walk_nodes < WALK_NODES; i++) {
            struct ext2_stat st;
            uint32_t ino;
            walk_nodes++;
            if (!strcmp(c->name[i], ".") || !strcmp(c->name[i], ".."))
                continue;
            if (ext2_lookup(fs, dir, c->name[i], strlen(c->name[i]), &ino) < 0 ||
                ext2_stat(fs, ino, &st) < 0)
                continue;
            if ((st.mode & EXT2_S_IFMT) == EXT2_S_IFDIR && depth < 24)
                walk(fs, ino, depth + 1);
            else
                walk_file(fs, ino, &st);
        }
    }
    free(c);
}

static int parent_of(struct ext2_fs *fs, const char *p, uint32_t *dir, const char **n,
                     uint32_t *len)
{
    return ext2_namei_parent(fs, EXT2_ROOT_INO, p, dir, n, len);
}

// Writes of every kind; their results do not matter, only that they end.
static void scribble(struct ext2_fs *fs)
{
    static uint8_t buf[20000];
    static const char *paths[] = { "/big", "/a/hard", "/a/b/c/leaf", "/sparse",
                                   "/many/name_number_7" };
    uint32_t dir, len, ino = 0, d2 = 0;
    const char *n;
    int i;
    ext2_create(fs, EXT2_ROOT_INO, "newf", 4, 0644, 1, 2, &ino);
    ext2_write(fs, ino, 0, buf, sizeof(buf));
    ext2_mkdir(fs, EXT2_ROOT_INO, "newd", 4, 0755, 0, 0, &d2);
    ext2_rename(fs, EXT2_ROOT_INO, "newf", 4, d2, "g", 1);
    ext2_symlink(fs, d2, "s", 1, "../a/b/c/leaf/long/target/name/that/is/slow/1234567890", 0, 0,
                 &ino);
    for (i = 0; i < 5; i++) {
        if (ext2_namei(fs, EXT2_ROOT_INO, paths[i], 1, &ino) == 0) {
            ext2_write(fs, ino, 100000 * i, buf, 5000);
            ext2_truncate(fs, ino, 777 * i);
        }
        if (parent_of(fs, paths[i], &dir, &n, &len) == 0) {
            if (i % 2)
                ext2_unlink(fs, dir, n, len);
            else
                ext2_rename(fs, dir, n, len, d2, "moved", 5);
        }
    }
    ext2_link(fs, ino, d2, "l", 1);
    if (ext2_namei(fs, EXT2_ROOT_INO, "/a", 1, &dir) == 0)
        ext2_rename(fs, EXT2_ROOT_INO, "a", 1, d2, "a", 1);
    ext2_rmdir(fs, EXT2_ROOT_INO, "lost+found", 10);
    ext2_rmdir(fs, EXT2_ROOT_INO, "newd", 4);
    ext2_sync(fs);
}

// Mounts img, walks it, and with rw scribbles and walks again.  Returns
// whether the mount succeeded.
static int exercise(uint8_t *img, size_t size, int rw)
{
    struct blkdev *dev = fake_blk_mem(img, size);
    struct ext2_fs *fs;
    int r = ext2_mount(dev, rw ? 0 : EXT2_MOUNT_RDONLY, &fs);
    if (r == 0) {
        walk_nodes = 0;
        walk(fs, EXT2_ROOT_INO, 0);
        if (rw && !ext2_readonly(fs)) {
            scribble(fs);
            walk_nodes = 0;
            walk(fs, EXT2_ROOT_INO, 0);
        }
        ext2_umount(fs);
    }
    fake_blk_close(dev);
    tu_check(kheap_used() == 0, "image %d: %zu bytes of heap left", image_no, kheap_used());
    return r == 0;
}

int main(int argc, char **argv)
{
    struct base bases[2];
    int count = 300, rejected = 0, walked = 0, i, j;
    const char *env = getenv("EXT2_FUZZ_COUNT"), *seed = getenv("EXT2_FUZZ_SEED");
    tu_need_e2fsprogs();
    if (argc > 1)
        count = atoi(argv[1]);
    else if (env)
        count = atoi(env);
    if (seed)
        rng = strtoull(seed, NULL, 0) | 1;
    snprintf(root, sizeof(root), "/tmp/ext2_fuzz_test.XXXXXX");
    if (!mkdtemp(root))
        return 1;
    memset(bases, 0, sizeof(bases));
    make_tree();
    make_base(&bases[0], 1024);
    make_base(&bases[1], 4096);
    for (i = 0; i < 2; i++) {     // the unmutated images must work, and stay clean
        uint8_t *img = memcpy(malloc(bases[i].size), bases[i].img, bases[i].size);
        char path[300];
        FILE *f;
        tu_check(exercise(img, bases[i].size, 1), "base image %d mounts", bases[i].bs);
        snprintf(path, sizeof(path), "%s/scribbled", root);
        f = fopen(path, "wb");
        fwrite(img, 1, bases[i].size, f);
        fclose(f);
        tu_check(tu_sh("e2fsck -fn %s", path) == 0, "base image %d e2fsck clean after writes",
                 bases[i].bs);
        free(img);
    }
    tu_sh("rm -rf %s", root);
    for (image_no = 0; image_no < count; image_no++) {
        const struct base *b = &bases[image_no % 2];
        uint8_t *img = malloc(b->size);
        int n = 1 + tu_rand(&rng) % 4;
        memcpy(img, b->img, b->size);
        printf("image %d (%d-byte blocks):", image_no, b->bs);
        for (j = 0; j < n; j++)
            printf(" %s;", mutate(b, img));
        printf("\n");
        fflush(stdout);           // the last line names the image if the alarm kills us
        alarm(20);
        if (exercise(img, b->size, 1))
            walked++;
        else
            rejected++;
        alarm(0);
        free(img);
    }
    printf("ext2_fuzz_test: %d images: %d rejected at mount, %d mounted and walked\n", count,
           rejected, walked);
    free(bases[0].img);
    free(bases[1].img);
    return tu_report("ext2_fuzz_test");
}
