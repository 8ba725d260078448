// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/blocklog_test.c: power cuts during a sync.  A volume made by
// tools/mkimage (so it has /log/commit-area) gets a small tree (state A);
// then, for cut points spread over every sector the next sync writes, the
// same change (unlink, a 300 KiB file, a directory with a file: state B)
// is synced with the power cut after that many sectors (fake_blk_cut), the
// volume is mounted again (which replays a committed log) and unmounted.
// Each time the tree must be exactly A or exactly B, and `e2fsck -fn`
// clean.  The same sweep on a volume without the log file must find a cut
// that leaves it broken, so the check can fail.
// The sync writes b's and d/c's new blocks in place before the log's
// commit point (fresh: unused in state A), except those that were a's:
// freed since the last sync, state A still uses them, so they go through
// the log.  The test checks that b does take some of a's blocks, so a
// mistake there shows as a broken /a after a cut.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dev/blk.h"
#include "lib/errno.h"
#include "ext2_test_util.h"
#include "fs/bcache.h"
#include "fs/ext2_int.h"
#include "fake_blk.h"

#define PART_START 2048              // tools/mkimage's partition
#define B_SIZE (300 * 1024)
#define C_SIZE 5000
#define A_SIZE 20000

static char dir[256], base[300], img[300], nolog[300];
static uint8_t bbuf[B_SIZE], cbuf[C_SIZE], abuf[A_SIZE], got[B_SIZE];
static int reused;                   // blocks of b that were a's

static struct ext2_fs *mount_img(const char *path, struct blkdev **dev, struct blkdev *part)
{
    struct ext2_fs *fs = NULL;
    *dev = fake_blk_open(path, 1);
    if (!tu_check(*dev != NULL, "open %s", path) ||
        !tu_check(blk_partition(part, *dev, PART_START, (*dev)->sectors - PART_START, "fake0p1") == 0,
                  "partition") ||
        !tu_check(ext2_mount(part, 0, &fs) == 0, "mount %s", path))
        return NULL;
    return fs;
}

static int put_file(struct ext2_fs *fs, uint32_t d, const char *name, const uint8_t *data,
                    uint32_t n)
{
    uint32_t ino;
    int r = ext2_create(fs, d, name, strlen(name), 0100644, 0, 0, &ino);
    return r < 0 ? r : ext2_write(fs, ino, 0, data, n) == (int)n ? 0 : -EIO;
}

// 1: the file at path holds exactly data; 0: it is missing; -1: anything else.
static int file_is(struct ext2_fs *fs, const char *path, const uint8_t *data, uint32_t n)
{
    struct ext2_stat st;
    uint32_t ino;
    if (ext2_namei(fs, EXT2_ROOT_INO, path, 0, &ino) == -ENOENT)
        return 0;
    if (ext2_namei(fs, EXT2_ROOT_INO, path, 0, &ino) < 0 || ext2_stat(fs, ino, &st) < 0 ||
        st.size != n || ext2_read(fs, ino, 0, got, n) != (int)n || memcmp(got, data, n) != 0)
        return -1;
    return 1;
}

// The device blocks of the file at path, n bytes long, into v.
static void blocks_of(struct ext2_fs *fs, const char *path, uint32_t n, uint32_t *v)
{
    struct ext2_inode in;
    uint32_t ino, i;
    int fresh;
    tu_check(ext2_namei(fs, EXT2_ROOT_INO, path, 0, &ino) == 0 && ext2_iread(fs, ino, &in) == 0,
             "find %s", path);
    for (i = 0; i < (n + fs->bs - 1) / fs->bs; i++)
        tu_check(ext2_bmap(fs, ino, &in, i, 0, &v[i], &fresh) == 0, "bmap %s", path);
}

// State B's change, synced with the power cut after cut sectors (-1: none).
// Returns the sectors the sync wrote; without a cut, says what it cost.
static long change_and_cut(const char *path, long cut)
{
    struct blkdev *dev, part;
    struct ext2_fs *fs = mount_img(path, &dev, &part);
    uint32_t d, i, j, a_blocks[A_SIZE / 1024 + 1], b_blocks[B_SIZE / 1024 + 1];
    unsigned long before;
    struct blk_stats s0;
    uint64_t fresh0;
    if (!fs)
        return 0;
    blocks_of(fs, "/a", A_SIZE, a_blocks);
    tu_check(ext2_unlink(fs, EXT2_ROOT_INO, "a", 1) == 0, "unlink a");
    tu_check(put_file(fs, EXT2_ROOT_INO, "b", bbuf, B_SIZE) == 0, "write b");
    tu_check(ext2_mkdir(fs, EXT2_ROOT_INO, "d", 1, 040755, 0, 0, &d) == 0, "mkdir d");
    tu_check(put_file(fs, d, "c", cbuf, C_SIZE) == 0, "write d/c");
    blocks_of(fs, "/b", B_SIZE, b_blocks);
    reused = 0;
    for (i = 0; i < (A_SIZE + fs->bs - 1) / fs->bs; i++)
        for (j = 0; j < (B_SIZE + fs->bs - 1) / fs->bs; j++)
            reused += a_blocks[i] == b_blocks[j];
    before = fake_blk_writes;
    s0 = part.stats;
    fresh0 = bcache_stats(fs->bc)->fresh;
    fake_blk_cut = cut;
    ext2_sync(fs);
    if (cut < 0)
        printf("the sync of %u-byte blocks: %llu fresh, %llu write requests, %llu sectors, "
               "%llu flushes\n", fs->bs,
               (unsigned long long)(bcache_stats(fs->bc)->fresh - fresh0),
               (unsigned long long)(part.stats.writes - s0.writes),
               (unsigned long long)(part.stats.sectors_written - s0.sectors_written),
               (unsigned long long)(part.stats.flushes - s0.flushes));
    if (cut >= 0)
        fake_blk_cut = 0;             // nothing more reaches the disk
    ext2_umount(fs);
    fake_blk_cut = -1;
    fake_blk_close(dev);
    return (long)(fake_blk_writes - before);
}

// After a cut: mounts (replaying), says whether the tree is A, B or neither,
// unmounts, and runs e2fsck.  Returns 1 when all is well.
static int recovered(const char *path, long cut)
{
    struct blkdev *dev, part;
    struct ext2_fs *fs = mount_img(path, &dev, &part);
    int a, b, c, fsck, ok;
    if (!fs)
        return 0;
    a = file_is(fs, "/a", abuf, A_SIZE);
    b = file_is(fs, "/b", bbuf, B_SIZE);
    c = file_is(fs, "/d/c", cbuf, C_SIZE);
    ext2_umount(fs);
    fake_blk_close(dev);
    fsck = tu_sh("e2fsck -fn '%s?offset=%d' >/dev/null 2>&1", path, PART_START * 512);
    ok = fsck == 0 && ((a == 1 && b == 0 && c == 0) || (a == 0 && b == 1 && c == 1));
    if (!ok)
        printf("  cut after %ld sectors: a %d, b %d, d/c %d (1 right, 0 missing, -1 wrong), "
               "e2fsck status %d\n", cut, a, b, c, fsck);
    return ok;
}

// Every cut point of the sync on copies of image; returns the broken outcomes.
static int sweep(const char *image, const char *what)
{
    long total, cut, step;
    int bad = 0, runs = 0;
    tu_sh("cp --sparse=always '%s' '%s'", image, img);
    total = change_and_cut(img, -1);
    tu_check(recovered(img, -1), "%s: the sync without a cut", what);
    step = total / 60 > 0 ? total / 60 : 1;
    for (cut = 0; cut <= total; cut += (cut < 16 || total - cut < 16) ? 1 : step) {
        tu_sh("cp --sparse=always '%s' '%s'", image, img);
        change_and_cut(img, cut);
        bad += !recovered(img, cut);
        runs++;
    }
    printf("%s: the sync writes %ld sectors; %d cut points, %d left the volume broken\n", what,
           total, runs, bad);
    return bad;
}

int main(void)
{
    struct blkdev *dev, part;
    struct ext2_fs *fs;
    tu_need_e2fsprogs();
    tu_fill(abuf, A_SIZE, 1);
    tu_fill(bbuf, B_SIZE, 2);
    tu_fill(cbuf, C_SIZE, 3);
    snprintf(dir, sizeof(dir), "/tmp/blocklog_test.%d", (int)getpid());
    snprintf(base, sizeof(base), "%s/base.img", dir);
    snprintf(img, sizeof(img), "%s/cut.img", dir);
    snprintf(nolog, sizeof(nolog), "%s/nolog.img", dir);
    if (tu_sh("mkdir -p %s/root && tools/mkimage -d %s/root -o %s -s 64M >/dev/null", dir, dir,
              base) != 0) {
        printf("FAIL: tools/mkimage (run from the repository's top)\n");
        return 1;
    }
    // state A, written by our ext2 and synced cleanly
    if (!(fs = mount_img(base, &dev, &part)))
        return tu_report("blocklog_test");
    tu_check(put_file(fs, EXT2_ROOT_INO, "a", abuf, A_SIZE) == 0, "write a");
    tu_check(ext2_umount(fs) == 0, "umount");
    fake_blk_close(dev);
    tu_sh("cp --sparse=always %s %s && debugfs -w -R 'rm log/commit-area' '%s?offset=%d' >/dev/null 2>&1",
          base, nolog, nolog, PART_START * 512);

    tu_check(sweep(base, "with the log") == 0, "every cut leaves state A or B, e2fsck clean");
    tu_check(reused > 0, "b takes blocks a freed, so the sweep tests their way through the log");
    tu_check(sweep(nolog, "without the log (the control)") > 0,
             "without the log some cut breaks the volume: the check can fail");
    tu_sh("rm -rf %s", dir);
    return tu_report("blocklog_test");
}
