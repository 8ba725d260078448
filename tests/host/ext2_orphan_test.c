// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/ext2_orphan_test.c: files in use after their last name is gone
// (kernel/fs/ext2_orphan.c), and device files (ext2_mknod), on mke2fs volumes.
// - Four orphans: a file unlinked while used twice, one unlinked while used
//   once, one renamed over, an rmdir'd directory.  Each stays readable and
//   writable (the directory lists nothing), fstat says nlink 0, the orphan
//   list chains them; letting go of them in an order that unchains the
//   middle, the tail and the head frees everything: the free counts are back
//   and `e2fsck -fn` is clean.
// - The volume as a power cut leaves it with those orphans (copied after a
//   sync): real e2fsck in preen mode (-p, the boot-time check) frees the
//   list and exits 0, after which -fn is clean; our mount frees it just the
//   same; `e2fsck -fn` on the cut volume itself, which may not write, does
//   not free the list (the control: the cut left orphans).
// - An umount with orphans still in use frees them.
// - Power cuts at every sector of the sync that makes an orphan, on a
//   tools/mkimage volume (with the log): after our mount the file is either
//   still there, whole, or gone and freed, and `e2fsck -fn` is clean.
// - mknod of character and block devices (old and new device number
//   encodings, as debugfs reads them), a FIFO and a socket.
// - Content versions (the page cache's, ext2_content_hold): none for an
//   inode nobody uses; kept by a hold across the last user's going; new at a
//   write, a truncate and the inode's free; a file unlinked while only held
//   is freed at once (the free counts are back), and `e2fsck -fn` is clean.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/errno.h"
#include "fs/ext2_int.h"
#include "ext2_test_util.h"
#include "fake_blk.h"

#define PART_START 2048                  // tools/mkimage's partition
#define F_SIZE (200 * 1024)

static char dir[256], img[300], cut[300], tmp[300];
static uint8_t fbuf[F_SIZE + 4096], got[F_SIZE + 4096];

struct counts {
    uint64_t bfree, ifree;
};

static struct counts counts_of(struct ext2_fs *fs)
{
    struct counts c;
    uint64_t bs, blocks, inodes;
    ext2_statfs(fs, &bs, &blocks, &c.bfree, &inodes, &c.ifree);
    return c;
}

static int same_counts(struct counts a, struct counts b)
{
    return a.bfree == b.bfree && a.ifree == b.ifree;
}

static uint32_t make_file(struct ext2_fs *fs, uint32_t d, const char *name, const uint8_t *data,
                          uint32_t n)
{
    uint32_t ino = 0;
    tu_check(ext2_create(fs, d, name, strlen(name), 0100644, 0, 0, &ino) == 0, "create %s", name);
    tu_check(ext2_write(fs, ino, 0, data, n) == (int)n, "write %s", name);
    return ino;
}

static int holds(struct ext2_fs *fs, uint32_t ino, const uint8_t *data, uint32_t n)
{
    struct ext2_stat st;
    return ext2_stat(fs, ino, &st) == 0 && st.size == n && ext2_read(fs, ino, 0, got, n) == (int)n &&
           memcmp(got, data, n) == 0;
}

static uint32_t nlink_of(struct ext2_fs *fs, uint32_t ino)
{
    struct ext2_stat st;
    return ext2_stat(fs, ino, &st) == 0 ? st.nlink : 99;
}

// The orphan list, head first, into list (at most max); returns its length.
static int orphan_list(struct ext2_fs *fs, uint32_t *list, int max)
{
    struct ext2_inode in;
    uint32_t ino = fs->sb.s_last_orphan;
    int n = 0;
    while (ino && n < max && ext2_iread(fs, ino, &in) == 0) {
        list[n++] = ino;
        ino = in.i_dtime;
    }
    return n;
}

static int count_fn(void *ctx, const char *name, uint32_t len, uint32_t ino, uint8_t type)
{
    (*(int *)ctx)++;
    return 0;
}

// Four orphans, synced, the volume copied to cut (a power cut now), then
// each let go of.
static void test_orphans(int bs)
{
    struct blkdev *dev;
    struct ext2_fs *fs;
    struct counts before;
    uint32_t f, g, h, d, x, list[8];
    uint64_t cookie = 0;
    int entries = 0;
    tu_sh("mke2fs -q -F -t ext2 -b %d %s 8M >/dev/null", bs, img);
    dev = fake_blk_open(img, 1);
    if (!tu_check(ext2_mount(dev, 0, &fs) == 0, "mount %d", bs))
        return;
    before = counts_of(fs);
    f = make_file(fs, EXT2_ROOT_INO, "f", fbuf, F_SIZE);
    g = make_file(fs, EXT2_ROOT_INO, "g", fbuf + 1, 5000);
    h = make_file(fs, EXT2_ROOT_INO, "h", fbuf + 2, 30000);
    make_file(fs, EXT2_ROOT_INO, "h2", fbuf + 3, 100);
    tu_check(ext2_mkdir(fs, EXT2_ROOT_INO, "d", 1, 040755, 0, 0, &d) == 0, "mkdir d");
    tu_check(ext2_ref(fs, f) == 0 && ext2_ref(fs, f) == 0 && ext2_ref(fs, g) == 0 &&
             ext2_ref(fs, h) == 0 && ext2_ref(fs, d) == 0, "ref");

    tu_check(ext2_unlink(fs, EXT2_ROOT_INO, "f", 1) == 0, "unlink f (open)");
    tu_check(ext2_lookup(fs, EXT2_ROOT_INO, "f", 1, &x) == -ENOENT, "f has no name");
    tu_check(nlink_of(fs, f) == 0, "f: nlink 0");
    tu_check(holds(fs, f, fbuf, F_SIZE), "f still reads back");
    tu_check(ext2_write(fs, f, F_SIZE, fbuf + F_SIZE, 4096) == 4096 && holds(fs, f, fbuf, F_SIZE + 4096),
             "f still grows");
    tu_check(ext2_unlink(fs, EXT2_ROOT_INO, "g", 1) == 0, "unlink g (open)");
    tu_check(ext2_rename(fs, EXT2_ROOT_INO, "h2", 2, EXT2_ROOT_INO, "h", 1) == 0,
             "rename h2 over h (open)");
    tu_check(nlink_of(fs, h) == 0 && holds(fs, h, fbuf + 2, 30000), "old h: nlink 0, still reads");
    tu_check(ext2_rmdir(fs, EXT2_ROOT_INO, "d", 1) == 0, "rmdir d (open)");
    tu_check(ext2_readdir(fs, d, &cookie, count_fn, &entries) == -ENOENT && entries == 0,
             "removed d lists nothing: ENOENT");
    tu_check(ext2_create(fs, d, "n", 1, 0100644, 0, 0, &x) == -ENOENT, "removed d takes no names");
    tu_check(orphan_list(fs, list, 8) == 4 && list[0] == d && list[1] == h && list[2] == g &&
             list[3] == f, "orphan list: d, old h, g, f");
    tu_check(counts_of(fs).bfree < before.bfree, "the orphans' blocks are still in use");
    tu_check(ext2_sync(fs) == 0, "sync");
    tu_sh("cp --sparse=always %s %s", img, cut);

    tu_check(ext2_unref(fs, g) == 0 && orphan_list(fs, list, 8) == 3 && list[1] == h &&
             list[2] == f, "let go of g (middle): freed, list d, h, f");
    tu_check(ext2_unref(fs, f) == 0 && holds(fs, f, fbuf, F_SIZE + 4096), "f used once more: kept");
    tu_check(ext2_unref(fs, f) == 0 && orphan_list(fs, list, 8) == 2, "let go of f (tail): freed");
    tu_check(ext2_unref(fs, d) == 0 && orphan_list(fs, list, 8) == 1 && list[0] == h,
             "let go of d (head): freed");
    tu_check(ext2_unref(fs, h) == 0 && fs->sb.s_last_orphan == 0, "let go of h: list empty");
    tu_check(ext2_unref(fs, h) == -EINVAL, "letting go once too often: EINVAL");
    tu_check(ext2_unlink(fs, EXT2_ROOT_INO, "h", 1) == 0, "unlink h (was h2, unused)");
    tu_check(same_counts(counts_of(fs), before), "free counts back to the start (%d)", bs);
    tu_check(ext2_umount(fs) == 0, "umount");
    fake_blk_close(dev);
    tu_check(tu_sh("e2fsck -fn %s >/dev/null 2>&1", img) == 0, "e2fsck -fn clean after the last close");
}

// The volume cut with four orphans: real e2fsck, and our mount.
static void test_cut(int bs)
{
    struct blkdev *dev;
    struct ext2_fs *fs;
    struct counts ours, theirs;
    uint32_t x;
    tu_check(tu_sh("e2fsck -fn %s >/dev/null 2>&1", cut) != 0,
             "control: e2fsck -fn on the cut volume does not free its orphans");
    tu_sh("cp --sparse=always %s %s", cut, tmp);
    // 1, not 0: a cut volume is marked not cleanly unmounted, which -p sets right
    tu_check(tu_sh("e2fsck -fp %s > %s.log 2>&1", tmp, tmp) <= 1, "e2fsck -fp on the cut volume: 0 or 1");
    tu_check(tu_sh("[ $(grep -c 'Clearing orphaned inode' %s.log) = 4 ] && "
                   "[ $(grep -vc 'Clearing orphaned inode' %s.log) = 1 ]", tmp, tmp) == 0,
             "e2fsck -fp frees the 4 orphans and finds nothing else");
    tu_check(tu_sh("e2fsck -fn %s >/dev/null 2>&1", tmp) == 0, "then e2fsck -fn is clean");
    dev = fake_blk_open(tmp, 0);
    if (!tu_check(ext2_mount(dev, EXT2_MOUNT_RDONLY, &fs) == 0, "mount e2fsck's"))
        return;
    theirs = counts_of(fs);
    ext2_umount(fs);
    fake_blk_close(dev);

    dev = fake_blk_open(cut, 1);
    if (!tu_check(ext2_mount(dev, 0, &fs) == 0, "mount the cut volume"))
        return;
    ours = counts_of(fs);
    tu_check(fs->sb.s_last_orphan == 0, "our mount empties the orphan list");
    tu_check(same_counts(ours, theirs), "and frees what e2fsck frees (%d)", bs);
    tu_check(ext2_lookup(fs, EXT2_ROOT_INO, "h", 1, &x) == 0 && holds(fs, x, fbuf + 3, 100),
             "the renamed file is there");
    tu_check(ext2_umount(fs) == 0, "umount");
    fake_blk_close(dev);
    tu_check(tu_sh("e2fsck -fn %s >/dev/null 2>&1", cut) == 0, "e2fsck -fn clean after our mount");
}

// An orphan still in use at umount is freed then.
static void test_umount(void)
{
    struct blkdev *dev;
    struct ext2_fs *fs;
    uint32_t f;
    tu_sh("mke2fs -q -F -t ext2 -b 1024 %s 8M >/dev/null", img);
    dev = fake_blk_open(img, 1);
    if (!tu_check(ext2_mount(dev, 0, &fs) == 0, "mount"))
        return;
    f = make_file(fs, EXT2_ROOT_INO, "f", fbuf, F_SIZE);
    tu_check(ext2_ref(fs, f) == 0 && ext2_unlink(fs, EXT2_ROOT_INO, "f", 1) == 0, "unlink f (open)");
    tu_check(ext2_umount(fs) == 0, "umount with f still in use");
    fake_blk_close(dev);
    tu_check(tu_sh("e2fsck -fn %s >/dev/null 2>&1", img) == 0, "e2fsck -fn clean after that umount");
}

static void test_versions(void)
{
    struct blkdev *dev;
    struct ext2_fs *fs;
    struct counts before;
    uint32_t f, v0 = 0, v1 = 0, v2 = 0, v3, v;     // set by the checks' calls, in order
    tu_sh("mke2fs -q -F -t ext2 -b 1024 %s 8M >/dev/null", img);
    dev = fake_blk_open(img, 1);
    if (!tu_check(ext2_mount(dev, 0, &fs) == 0, "mount"))
        return;
    before = counts_of(fs);
    f = make_file(fs, EXT2_ROOT_INO, "f", fbuf, F_SIZE);
    tu_check(ext2_content_version(fs, f) == 0, "no version for an inode nobody uses");
    tu_check(ext2_ref(fs, f) == 0 && (v0 = ext2_content_version(fs, f)) != 0, "a user: a version");
    tu_check(ext2_content_hold(fs, f, &v) == 0 && v == v0, "a hold: that version");
    tu_check(ext2_unref(fs, f) == 0 && ext2_content_version(fs, f) == v0,
             "the last user gone, the hold keeps the version");
    tu_check(ext2_write(fs, f, 10, "x", 1) == 1 && (v1 = ext2_content_version(fs, f)) != v0,
             "a write: a new version");
    tu_check(ext2_truncate(fs, f, 4096) == 0 && (v2 = ext2_content_version(fs, f)) != v1 && v2 != v0,
             "a truncate: a new version");
    tu_check(ext2_unlink(fs, EXT2_ROOT_INO, "f", 1) == 0 && (v3 = ext2_content_version(fs, f)) != v2 &&
             same_counts(counts_of(fs), before) && fs->sb.s_last_orphan == 0,
             "unlinked while only held: freed at once (no orphan), a new version");
    ext2_content_release(fs, f);
    tu_check(ext2_content_version(fs, f) == 0, "the hold released: no version kept");
    tu_check(ext2_umount(fs) == 0, "umount");
    fake_blk_close(dev);
    tu_check(tu_sh("e2fsck -fn %s >/dev/null 2>&1", img) == 0, "e2fsck -fn clean");
}

// Power cuts at every sector of the sync that unlinks an open file.
static void test_cut_sweep(void)
{
    struct blkdev *dev, part;
    struct ext2_fs *fs;
    struct counts a;
    uint32_t f, x;
    long cutp, total = -1;
    int bad = 0, runs = 0;
    if (tu_sh("mkdir -p %s/root && tools/mkimage -d %s/root -o %s -s 64M >/dev/null", dir, dir,
              img) != 0) {
        tu_check(0, "tools/mkimage (run from the repository's top)");
        return;
    }
    for (cutp = -1; cutp <= total; cutp++) {
        unsigned long w0;
        int have, ok;
        tu_sh("cp --sparse=always %s %s", img, cut);
        dev = fake_blk_open(cut, 1);
        blk_partition(&part, dev, PART_START, dev->sectors - PART_START, "fake0p1");
        if (!tu_check(ext2_mount(&part, 0, &fs) == 0, "mount for the sweep"))
            return;
        if (cutp < 0)
            a = counts_of(fs);
        f = make_file(fs, EXT2_ROOT_INO, "f", fbuf, F_SIZE);
        ext2_ref(fs, f);
        ext2_sync(fs);
        ext2_unlink(fs, EXT2_ROOT_INO, "f", 1);
        w0 = fake_blk_writes;
        fake_blk_cut = cutp;
        ext2_sync(fs);
        if (cutp < 0)
            total = (long)(fake_blk_writes - w0);
        fake_blk_cut = 0;             // the power is off: nothing more reaches the disk
        ext2_umount(fs);
        fake_blk_cut = -1;
        fake_blk_close(dev);
        dev = fake_blk_open(cut, 1);
        blk_partition(&part, dev, PART_START, dev->sectors - PART_START, "fake0p1");
        if (!tu_check(ext2_mount(&part, 0, &fs) == 0, "mount after the cut"))
            return;
        // before the commit point f still has its name; after it, the mount freed it
        have = ext2_lookup(fs, EXT2_ROOT_INO, "f", 1, &x) == 0;
        ok = have ? x == f && holds(fs, f, fbuf, F_SIZE) && cutp >= 0 : same_counts(counts_of(fs), a);
        ext2_umount(fs);
        fake_blk_close(dev);
        ok = ok && tu_sh("e2fsck -fn '%s?offset=%d' >/dev/null 2>&1", cut, PART_START * 512) == 0;
        if (!ok)
            printf("  cut after %ld sectors: f %s, e2fsck or the counts wrong\n", cutp,
                   have ? "there" : "gone");
        bad += !ok;
        runs++;
    }
    printf("the sync of the unlink writes %ld sectors; %d cut points, %d broken\n", total, runs, bad);
    tu_check(bad == 0 && total > 0, "every cut: f whole or freed, e2fsck -fn clean");
}

// Device files and the rest of what mknod makes.
static void test_mknod(void)
{
    static const struct { const char *name; uint32_t mode, rdev; const char *debugfs; } nodes[] = {
        { "null", 020666, EXT2_MKDEV(1, 3), "Device major/minor number: 01:03" },
        { "sdb1", 060600, EXT2_MKDEV(8, 17), "Device major/minor number: 08:17" },
        { "big", 020600, EXT2_MKDEV(300, 70000), "Device major/minor number: 300:70000" },
        { "fifo", 010644, 0, "Type: FIFO" },
        { "sock", 0140755, 0, "Type: socket" },
    };
    struct blkdev *dev;
    struct ext2_fs *fs;
    struct ext2_stat st;
    uint32_t ino, x, i;
    tu_sh("mke2fs -q -F -t ext2 -b 1024 %s 8M >/dev/null", img);
    dev = fake_blk_open(img, 1);
    if (!tu_check(ext2_mount(dev, 0, &fs) == 0, "mount"))
        return;
    for (i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
        tu_check(ext2_mknod(fs, EXT2_ROOT_INO, nodes[i].name, strlen(nodes[i].name), nodes[i].mode,
                            nodes[i].rdev ? nodes[i].rdev : 0x1234, 0, 0, &ino) == 0,
                 "mknod %s", nodes[i].name);
        tu_check(ext2_stat(fs, ino, &st) == 0 && st.mode == nodes[i].mode && st.rdev == nodes[i].rdev &&
                 st.size == 0 && st.blocks == 0, "stat %s: mode %o rdev %x", nodes[i].name, st.mode,
                 st.rdev);
    }
    tu_check(ext2_mknod(fs, EXT2_ROOT_INO, "null", 4, 020666, 0x103, 0, 0, &x) == -EEXIST,
             "mknod over a name: EEXIST");
    tu_check(EXT2_DEV_MAJOR(EXT2_MKDEV(300, 70000)) == 300 && EXT2_DEV_MINOR(EXT2_MKDEV(300, 70000)) == 70000,
             "device numbers round-trip");
    tu_check(ext2_umount(fs) == 0, "umount");
    fake_blk_close(dev);
    tu_check(tu_sh("e2fsck -fn %s >/dev/null 2>&1", img) == 0, "e2fsck -fn clean with device files");
    for (i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
        tu_check(tu_sh("debugfs -R 'stat /%s' %s 2>/dev/null | grep -q '%s'", nodes[i].name, img,
                       nodes[i].debugfs) == 0, "debugfs reads /%s as we wrote it", nodes[i].name);
}

int main(void)
{
    int bs;
    tu_need_e2fsprogs();
    tu_fill(fbuf, sizeof fbuf, 7);
    snprintf(dir, sizeof(dir), "/tmp/ext2_orphan_test.%d", (int)getpid());
    snprintf(img, sizeof(img), "%s/a.img", dir);
    snprintf(cut, sizeof(cut), "%s/cut.img", dir);
    snprintf(tmp, sizeof(tmp), "%s/fsck.img", dir);
    tu_sh("mkdir -p %s", dir);
    for (bs = 1024; bs <= 4096; bs *= 4) {
        test_orphans(bs);
        test_cut(bs);
    }
    test_umount();
    test_versions();
    test_mknod();
    test_cut_sweep();
    tu_sh("rm -rf %s", dir);
    return tu_report("ext2_orphan_test");
}
