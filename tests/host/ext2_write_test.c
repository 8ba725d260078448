// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/ext2_write_test.c: a write workload through kernel/ext2*.c on
// fresh mke2fs volumes (1 and 4 KiB blocks), mirrored on a host directory
// that is the expected tree: every operation runs on both and must give the
// same result (0 or the same errno).  10,000 files, deep directories, a
// 300 MiB file, sparse files, unlink of half, truncates, symlinks, hard
// links, a rename storm, rmdir.  Then: our own view against the mirror,
// sync and umount, `e2fsck -fn` clean, and `debugfs rdump` equal to the
// mirror (the 4 KiB volume has 128-byte inodes and no filetype feature).
// Also a volume filled up (ENOSPC), a 128 GiB volume written past 4 GiB of
// byte offset, and the feature policy (ext3 read-only, ext4 refused).
// Usage: ext2_write_test [files] [big-file MiB]   (defaults 10000 300)
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64     // 64-bit off_t and readdir in the -m32 build
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "lib/errno.h"
#include "ext2_test_util.h"
#include "fake_blk.h"

extern int *__errno_location(void);   // the host's errno (errno.h here is the kernel's)
#define HOST_ERR (*__errno_location())

static char root[256], exp_dir[300];
static struct ext2_fs *fs;
static uint64_t rng = 12345;
static int nfiles = 10000, big_mib = 300;

static int host_rc(int r)
{
    return r < 0 ? -HOST_ERR : 0;
}

static const char *hp(const char *p)
{
    static char buf[2][4096];
    static int i;
    i ^= 1;
    snprintf(buf[i], sizeof(buf[i]), "%s%s", exp_dir, p);
    return buf[i];
}

static void same(const char *op, const char *p, int ours, int host)
{
    tu_check(ours == host, "%s %s: ext2 %d, host %d", op, p, ours, host);
}

static int parent(const char *p, uint32_t *dir, const char **name, uint32_t *len)
{
    return ext2_namei_parent(fs, EXT2_ROOT_INO, p, dir, name, len);
}

static void op_mkdir(const char *p)
{
    uint32_t dir, len, ino;
    const char *name;
    int r = parent(p, &dir, &name, &len);
    if (r == 0)
        r = ext2_mkdir(fs, dir, name, len, 0755, 0, 0, &ino);
    same("mkdir", p, r, host_rc(mkdir(hp(p), 0755)));
}

static void op_write(const char *p, uint64_t off, const void *buf, uint32_t n)
{
    uint32_t dir, len, ino;
    const char *name;
    int fd, h, r = ext2_namei(fs, EXT2_ROOT_INO, p, 1, &ino);
    if (r == -ENOENT && (r = parent(p, &dir, &name, &len)) == 0)
        r = ext2_create(fs, dir, name, len, 0644, 0, 0, &ino);
    if (r == 0)
        r = ext2_write(fs, ino, off, buf, n) == (int)n ? 0 : -EIO;
    fd = open(hp(p), O_CREAT | O_WRONLY, 0644);
    h = fd < 0 ? -HOST_ERR : host_rc(pwrite(fd, buf, n, off) == (ssize_t)n ? 0 : -1);
    if (fd >= 0)
        close(fd);
    same("write", p, r, h);
}

static void op_truncate(const char *p, uint64_t size)
{
    uint32_t ino;
    int r = ext2_namei(fs, EXT2_ROOT_INO, p, 1, &ino);
    if (r == 0)
        r = ext2_truncate(fs, ino, size);
    same("truncate", p, r, host_rc(truncate(hp(p), size)));
}

static void op_unlink(const char *p)
{
    uint32_t dir, len;
    const char *name;
    int r = parent(p, &dir, &name, &len);
    if (r == 0)
        r = ext2_unlink(fs, dir, name, len);
    same("unlink", p, r, host_rc(unlink(hp(p))));
}

static void op_rmdir(const char *p)
{
    uint32_t dir, len;
    const char *name;
    int r = parent(p, &dir, &name, &len);
    if (r == 0)
        r = ext2_rmdir(fs, dir, name, len);
    same("rmdir", p, r, host_rc(rmdir(hp(p))));
}

static void op_symlink(const char *target, const char *p)
{
    uint32_t dir, len, ino;
    const char *name;
    int r = parent(p, &dir, &name, &len);
    if (r == 0)
        r = ext2_symlink(fs, dir, name, len, target, 0, 0, &ino);
    same("symlink", p, r, host_rc(symlink(target, hp(p))));
}

static void op_link(const char *a, const char *b)
{
    uint32_t dir, len, ino;
    const char *name;
    int r = ext2_namei(fs, EXT2_ROOT_INO, a, 0, &ino);
    if (r == 0 && (r = parent(b, &dir, &name, &len)) == 0)
        r = ext2_link(fs, ino, dir, name, len);
    same("link", b, r, host_rc(link(hp(a), hp(b))));
}

static int op_rename(const char *a, const char *b)
{
    uint32_t od, nd, ol, nl;
    const char *on, *nn;
    int h, r = parent(a, &od, &on, &ol);
    if (r == 0 && (r = parent(b, &nd, &nn, &nl)) == 0)
        r = ext2_rename(fs, od, on, ol, nd, nn, nl);
    h = host_rc(rename(hp(a), hp(b)));
    if (h == -EEXIST)
        h = -ENOTEMPTY;           // Linux allows either for a non-empty target
    same("rename", a, r, h);
    return r;
}

// 10,000 files in 100 directories and a 40-deep chain; unlink every other one.
static void files_phase(char (*paths)[64], int *npaths)
{
    uint8_t *buf = malloc(70000);
    char p[200];
    int i;
    for (i = 0; i < 100; i++) {
        snprintf(p, sizeof(p), "/d%d", i);
        op_mkdir(p);
    }
    strcpy(p, "/deep");
    for (i = 0; i < 40; i++) {
        op_mkdir(p);
        strcat(p, "/x");
    }
    for (i = 0; i < nfiles; i++) {
        uint32_t n = tu_rand(&rng) % (i % 50 ? 3000 : 70000);
        snprintf(p, sizeof(p), "/d%d/file_%d", i % 100, i);
        tu_fill(buf, n, i);
        op_write(p, 0, buf, n);
        if (i % 2)
            strcpy(paths[(*npaths)++], p);
    }
    for (i = 0; i < nfiles; i += 2) {
        snprintf(p, sizeof(p), "/d%d/file_%d", i % 100, i);
        op_unlink(p);
    }
    free(buf);
}

// The big file in 1 MiB chunks, sparse files, truncates that shrink and grow.
static void data_phase(char (*paths)[64], int npaths)
{
    uint32_t chunk = 1 << 20;
    uint8_t *buf = malloc(chunk);
    int i;
    for (i = 0; i < big_mib; i++) {
        tu_fill(buf, chunk, 7000 + i % 7);
        op_write("/big", (uint64_t)i * chunk, buf, chunk);
    }
    op_truncate("/big", 123456789);
    op_write("/big", 123456789, buf, 5000);          // append after a shrink
    op_truncate("/big", 150 << 20);                  // grow: the tail reads zeros
    tu_fill(buf, 4096, 1);
    op_write("/sparse1", 0, buf, 100);
    op_write("/sparse1", 10 << 20, buf, 4096);
    op_write("/sparse1", (100 << 20) + 3, buf, 4000);  // triple indirect with 1 KiB
    op_truncate("/sparse2", 50 << 20);
    op_write("/sparse2", 1 << 20, buf, 10);
    op_truncate("/sparse1", (10 << 20) + 100);
    for (i = 0; i < 500; i++) {
        uint32_t s = tu_rand(&rng) % (i % 10 ? 5000 : 300000);
        op_truncate(paths[tu_rand(&rng) % npaths], s);
    }
    free(buf);
}

// Symlinks (fast and slow) and hard links among the files.
static void link_phase(char (*paths)[64], int *npaths)
{
    char p[64], t[600];
    int i, j;
    for (i = 0; i < 200; i++) {
        int n = 1 + tu_rand(&rng) % (i % 2 ? 58 : 500);
        for (j = 0; j < n; j++)
            t[j] = "abcdefgh/."[tu_rand(&rng) % 10];
        t[n] = 0;
        snprintf(p, sizeof(p), "/d%u/sym_%d", tu_rand(&rng) % 100, i);
        op_symlink(t, p);
        strcpy(paths[(*npaths)++], p);
    }
    for (i = 0; i < 200; i++) {
        snprintf(p, sizeof(p), "/d%u/hard_%d", tu_rand(&rng) % 100, i);
        op_link(paths[tu_rand(&rng) % *npaths], p);
        strcpy(paths[(*npaths)++], p);
    }
}

// Random renames: files over files, into other directories, directories
// into directories (sometimes below themselves: -EINVAL on both sides).
static void rename_phase(char (*paths)[64], int npaths)
{
    char p[64], q[64];
    int i;
    for (i = 0; i < 3000; i++) {
        int a = tu_rand(&rng) % npaths, kind = tu_rand(&rng) % 4;
        if (kind == 0) {
            op_rename(paths[a], paths[tu_rand(&rng) % npaths]);
            continue;
        }
        if (kind == 1) {
            snprintf(p, sizeof(p), "/d%u", tu_rand(&rng) % 100);
            snprintf(q, sizeof(q), "/d%u/sub%d", tu_rand(&rng) % 100, i);
            if (op_rename(p, q) == 0)
                op_rename(q, p);  // and back, mostly, so paths stay useful
            continue;
        }
        snprintf(q, sizeof(q), "/d%u/moved_%d", tu_rand(&rng) % 100, i);
        if (op_rename(paths[a], q) == 0)
            strcpy(paths[a], q);
    }
    op_mkdir("/e1");
    op_mkdir("/e2");
    op_mkdir("/e2/inner");
    op_rename("/e1", "/e2");          // over a non-empty directory
    op_rename("/e2/inner", "/e1");    // over an empty one, across directories
    op_rename("/d1", "/d1/x");        // below itself
    op_rename("/big", "/d2");         // file over a directory
    op_rename("/d3", "/sparse1");     // directory over a file
}

static void rmdir_phase(void)
{
    char p[400];
    int i;
    op_rmdir("/d5");                  // not empty
    op_rmdir("/deep");
    strcpy(p, "/deep");
    for (i = 0; i < 39; i++)
        strcat(p, "/x");
    for (i = 0; i < 40; i++) {
        op_rmdir(p);
        *strrchr(p, '/') = 0;
    }
    op_mkdir("/gone");
    op_write("/gone/f", 0, "x", 1);
    op_rmdir("/gone");
    op_unlink("/gone/f");
    op_rmdir("/gone");
    op_unlink("/d7");                 // a directory: -EISDIR
}

static void workload(int bs, const char *opts)
{
    static char paths[20000][64];
    char img[300], out[300];
    struct blkdev *dev;
    int n = 0, r;
    time_t t0 = time(NULL);
    snprintf(img, sizeof(img), "%s/img%d", root, bs);
    tu_sh("rm -rf %s && mkdir -p %s", exp_dir, exp_dir);
    tu_sh("mke2fs -q -F -t ext2 -b %d %s %s 700M >/dev/null", bs, opts, img);
    dev = fake_blk_open(img, 1);
    if (!tu_check(ext2_mount(dev, 0, &fs) == 0, "mount %d", bs))
        return;
    files_phase(paths, &n);
    data_phase(paths, n);
    link_phase(paths, &n);
    rename_phase(paths, n);
    rmdir_phase();
    tu_compare_tree(fs, EXT2_ROOT_INO, exp_dir, 1);
    r = ext2_umount(fs);
    tu_check(r == 0, "umount: %d", r);
    fake_blk_close(dev);
    tu_check(tu_sh("e2fsck -fn %s", img) == 0, "e2fsck -fn clean (%d)", bs);
    tu_sh("rm -rf %s/out && mkdir %s/out && debugfs -R 'rdump / %s/out' %s 2>/dev/null",
          root, root, root, img);
    snprintf(out, sizeof(out), "%s/out", root);
    tu_compare_host(exp_dir, out);
    printf("workload %d: %ld s\n", bs, (long)(time(NULL) - t0));
    tu_sh("rm -rf %s/out %s/img%d %s", root, root, bs, exp_dir);
}

// Largest block number debugfs lists for path.
static unsigned long max_block(const char *img, const char *path)
{
    char cmd[600];
    unsigned long b, max = 0;
    FILE *f;
    snprintf(cmd, sizeof(cmd), "debugfs -R 'blocks %s' %s 2>/dev/null", path, img);
    f = popen(cmd, "r");
    while (f && fscanf(f, "%lu", &b) == 1)
        if (b > max)
            max = b;
    if (f)
        pclose(f);
    return max;
}

// A 128 GiB volume: files in directories spread over the groups land past
// 4 GiB of byte offset, and one file has data at 5 GiB of file offset.
static void big_volume(void)
{
    char img[300], p[64];
    uint8_t buf[65536], back[4096];
    struct blkdev *dev;
    struct ext2_stat st;
    uint32_t ino, dir;
    int i, r;
    snprintf(img, sizeof(img), "%s/img128g", root);
    tu_sh("truncate -s 128G %s && mke2fs -q -F -t ext2 -b 4096 -N 65536 %s >/dev/null",
          img, img);
    dev = fake_blk_open(img, 1);
    if (!tu_check(ext2_mount(dev, 0, &fs) == 0, "mount 128G"))
        return;
    tu_fill(buf, sizeof(buf), 99);
    for (i = 0; i < 48; i++) {
        snprintf(p, sizeof(p), "v%d", i);
        r = ext2_mkdir(fs, EXT2_ROOT_INO, p, strlen(p), 0755, 0, 0, &dir);
        r = r ? r : ext2_create(fs, dir, "f", 1, 0644, 0, 0, &ino);
        tu_check(r == 0 && ext2_write(fs, ino, 0, buf, sizeof(buf)) == sizeof(buf), "v%d/f", i);
    }
    r = ext2_create(fs, EXT2_ROOT_INO, "huge", 4, 0644, 0, 0, &ino);
    tu_check(r == 0 && ext2_write(fs, ino, (5ull << 30) + 12345, buf, 4096) == 4096, "huge");
    tu_check(ext2_umount(fs) == 0, "umount 128G");
    tu_check(ext2_mount(dev, 0, &fs) == 0 && ext2_namei(fs, EXT2_ROOT_INO, "/huge", 1, &ino) == 0 &&
             ext2_stat(fs, ino, &st) == 0 && st.size == (5ull << 30) + 12345 + 4096 &&
             ext2_read(fs, ino, (5ull << 30) + 12345, back, 4096) == 4096 &&
             !memcmp(back, buf, 4096), "read back at 5 GiB");
    tu_check(ext2_read(fs, ino, 3ull << 30, back, 100) == 100 && back[0] == 0 && back[99] == 0,
             "hole before it");
    tu_check(ext2_umount(fs) == 0, "umount 128G again");
    fake_blk_close(dev);
    tu_check(tu_sh("e2fsck -fn %s", img) == 0, "e2fsck -fn clean (128G)");
    tu_check(max_block(img, "/v47/f") > (4ul << 30) / 4096, "blocks past 4 GiB (%lu)",
             max_block(img, "/v47/f"));
    unlink(img);
}

// ext3 (has_journal) mounts read-only; ext4 (extents...) is refused.
static void features(void)
{
    char img[300];
    struct blkdev *dev;
    uint32_t ino;
    int r;
    snprintf(img, sizeof(img), "%s/imgfeat", root);
    tu_sh("mke2fs -q -F -t ext3 %s 16M >/dev/null", img);
    dev = fake_blk_open(img, 1);
    r = ext2_mount(dev, 0, &fs);
    tu_check(r == 0 && ext2_readonly(fs), "ext3 mounts read-only");
    if (r == 0) {
        tu_check(ext2_create(fs, EXT2_ROOT_INO, "x", 1, 0644, 0, 0, &ino) == -EROFS, "EROFS");
        ext2_umount(fs);
    }
    fake_blk_close(dev);
    tu_sh("mke2fs -q -F -t ext4 %s 16M >/dev/null", img);
    dev = fake_blk_open(img, 1);
    tu_check(ext2_mount(dev, 0, &fs) == -EINVAL, "ext4 refused");
    fake_blk_close(dev);
    unlink(img);
}

// Fills a small volume until blocks and then inodes run out: the errors are
// -ENOSPC, the volume stays e2fsck clean, and deleting everything gives all
// the space back.
static void full_volume(void)
{
    char img[300], name[32];
    uint8_t buf[8192];
    struct blkdev *dev;
    uint64_t bsz, blocks, free0, inodes, ifree0, fb, fi;
    uint32_t ino, d;
    int i, r = 0, w;
    snprintf(img, sizeof(img), "%s/imgfull", root);
    tu_sh("mke2fs -q -F -t ext2 -b 1024 -N 256 %s 3M >/dev/null", img);
    dev = fake_blk_open(img, 1);
    if (!tu_check(ext2_mount(dev, 0, &fs) == 0, "mount full"))
        return;
    ext2_statfs(fs, &bsz, &blocks, &free0, &inodes, &ifree0);
    tu_fill(buf, sizeof(buf), 5);
    for (i = 0; r == 0 && i < 1000; i++) {    // 1 MiB files until the blocks run out
        uint32_t off;
        snprintf(name, sizeof(name), "f%d", i);
        r = ext2_create(fs, EXT2_ROOT_INO, name, strlen(name), 0644, 0, 0, &ino);
        for (off = 0; r == 0 && off < (1u << 20); off += sizeof(buf)) {
            w = ext2_write(fs, ino, off, buf, sizeof(buf));
            if (w != (int)sizeof(buf))
                r = w < 0 ? w : -ENOSPC;
        }
    }
    tu_check(r == -ENOSPC, "blocks run out: %d", r);
    for (i = 0, r = 0; r == 0 && i < 1000; i++) {     // then the inodes
        snprintf(name, sizeof(name), "d%d", i);
        r = ext2_mkdir(fs, EXT2_ROOT_INO, name, strlen(name), 0755, 0, 0, &d);
        if (r == -ENOSPC)     // no block for the directory: try empty files
            r = ext2_create(fs, EXT2_ROOT_INO, name, strlen(name), 0644, 0, 0, &d);
    }
    tu_check(r == -ENOSPC, "inodes run out: %d", r);
    tu_check(ext2_umount(fs) == 0, "umount full");
    tu_check(tu_sh("e2fsck -fn %s >/dev/null", img) == 0, "e2fsck -fn clean when full");
    tu_check(ext2_mount(dev, 0, &fs) == 0, "mount full again");
    for (i = 0; i < 1000; i++) {
        snprintf(name, sizeof(name), "f%d", i);
        ext2_unlink(fs, EXT2_ROOT_INO, name, strlen(name));
        snprintf(name, sizeof(name), "d%d", i);
        if (ext2_rmdir(fs, EXT2_ROOT_INO, name, strlen(name)) == -ENOTDIR)
            ext2_unlink(fs, EXT2_ROOT_INO, name, strlen(name));
    }
    ext2_statfs(fs, &bsz, &blocks, &fb, &inodes, &fi);
    // The root directory keeps the blocks it grew by (ext2 never shrinks one).
    tu_check(fb <= free0 && fb + 16 >= free0 && fi == ifree0,
             "space back: blocks %llu/%llu inodes %llu/%llu",
             (unsigned long long)fb, (unsigned long long)free0, (unsigned long long)fi,
             (unsigned long long)ifree0);
    tu_check(ext2_umount(fs) == 0, "umount emptied");
    fake_blk_close(dev);
    tu_check(tu_sh("e2fsck -fn %s >/dev/null", img) == 0, "e2fsck -fn clean when emptied");
    unlink(img);
}

int main(int argc, char **argv)
{
    tu_need_e2fsprogs();
    if (argc > 1)
        nfiles = atoi(argv[1]);
    if (argc > 2)
        big_mib = atoi(argv[2]);
    umask(0);
    snprintf(root, sizeof(root), "/tmp/ext2_write_test.XXXXXX");
    if (!mkdtemp(root))
        return 1;
    snprintf(exp_dir, sizeof(exp_dir), "%s/exp", root);
    features();
    full_volume();
    big_volume();
    workload(1024, "");
    workload(4096, "-I 128 -O ^filetype");   // small inodes, untyped entries
    tu_sh("rm -rf %s", root);
    return tu_report("ext2_write_test");
}
