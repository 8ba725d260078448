// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/fat_test.c: kernel/fs/fat.c on volumes made by mkfs.fat (FAT16 with
// 4-sector clusters, FAT32 with a root directory of many clusters), by
// mformat, and refusing mkfs.fat's FAT12: files found by long and 8.3 names
// in any case, in the root and two directories down, read whole and in
// part, one of several clusters and one whose chain is not contiguous; a
// missing file, a path through a file; then broken volumes: a boot sector
// that does not add up, a chain that loops (in a file and in a directory),
// leads to a free cluster or outside the volume, or ends before the file:
// each a negative errno and a sentence, never a crash or an endless walk.
// Last, 3000 volumes with random bytes changed in their boot sector, FAT
// and directories, mounted and read under ASan and UBSan.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fake_blk.h"
#include "fs/fat.h"
#include "lib/errno.h"
#include "test_util.h"

static char dir[64];
static struct fat_fs fs;

// a host file of n deterministic bytes; returns them (malloc'ed)
static uint8_t *host_file(const char *name, size_t n, uint64_t seed)
{
    char path[128];
    uint8_t *data = malloc(n + 1);
    FILE *f;

    tu_fill(data, n, seed);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    fwrite(data, 1, n, f);
    fclose(f);
    return data;
}

// the volume file img, into memory, as a blkdev; *mem to free
static struct blkdev *load(const char *img, uint8_t **mem)
{
    size_t n;

    *mem = tu_slurp(img, &n);
    if (!tu_check(*mem && n != (size_t)-1, "cannot read %s", img))
        exit(1);
    return fake_blk_mem(*mem, n);
}

// path on the mounted volume has exactly the n bytes want
static void check_file(const char *path, const uint8_t *want, uint32_t n)
{
    static uint8_t got[65536];
    struct fat_file f;
    int r = fat_lookup(&fs, path, &f);

    if (!tu_check(r == 0, "%s: lookup gives %d (%s)", path, r, r ? fs.error : ""))
        return;
    tu_check(!f.dir && f.size == n, "%s: size %u, want %u", path, f.size, n);
    r = fat_read(&fs, &f, got, sizeof got);
    tu_check(r == (int)n && !memcmp(got, want, n), "%s: read gives %d bytes, not the file's", path, r);
    if (n > 100) {
        memset(got, 0xaa, 101);
        r = fat_read(&fs, &f, got, 100);
        tu_check(r == 100 && !memcmp(got, want, 100) && got[100] == 0xaa, "%s: a read of its first 100 bytes", path);
    }
}

static void check_error(const char *path, int want, const char *words)
{
    struct fat_file f;
    int r = fat_lookup(&fs, path, &f);

    tu_check(r == want && strstr(fs.error, words), "%s: lookup gives %d (%s), want %d and \"%s\"", path, r,
             r ? fs.error : "found", want, words);
}

// the files every volume gets, made once on the host
static uint8_t *small, *big, *frag, *inner, *longer, *other[4];
static void make_files(void)
{
    small = host_file("seedstrap.cfg", 300, 1);
    big = host_file("BIG.BIN", 20000, 2);
    other[0] = host_file("a.bin", 3000, 3);
    other[1] = host_file("b.bin", 5000, 4);
    other[2] = host_file("c.bin", 3000, 5);
    frag = host_file("frag.bin", 9000, 6);
    inner = host_file("inner.txt", 1234, 7);
    longer = host_file("A rather long Name.text", 700, 8);
    other[3] = host_file("EMPTY.TXT", 0, 9);
}

// mcopy names them as written (long names with 8.3 aliases where needed);
// frag.bin fills the hole b.bin leaves and goes on after c.bin
static void fill(const char *img)
{
    char m[256];

    snprintf(m, sizeof m, "mcopy -i %s", img);
    tu_check(tu_sh("cd %s && %s seedstrap.cfg BIG.BIN a.bin b.bin c.bin :: && "
                   "mdel -i %s ::b.bin && %s frag.bin EMPTY.TXT 'A rather long Name.text' :: && "
                   "mmd -i %s ::/sub ::/sub/Deep && %s inner.txt ::/sub/Deep/",
                   dir, m, img, m, img, m) == 0, "mcopy into %s", img);
}

// many files in the root: it spans several sectors (FAT16) or clusters (FAT32)
static void crowd(const char *img)
{
    tu_check(tu_sh("cd %s && for i in $(seq 1 60); do echo $i > \"crowd file $i.txt\"; done && "
                   "mcopy -i %s crowd* ::", dir, img) == 0, "crowd %s", img);
}

static void check_volume(const char *img, int bits)
{
    uint8_t *mem;
    struct blkdev *dev = load(img, &mem);
    struct fat_file f;
    uint8_t byte;
    int r = fat_mount(dev, &fs);

    if (!tu_check(r == 0 && fs.bits == bits, "%s: mount gives %d (%s), FAT%d", img, r, r ? fs.error : "", fs.bits))
        return;
    check_file("SEEDSTRAP.CFG", small, 300);
    check_file("/seedstrap.cfg", small, 300);
    check_file("SEEDST~1.CFG", small, 300);
    check_file("big.bin", big, 20000);
    check_file("FRAG.BIN", frag, 9000);
    check_file("a rather long name.TEXT", longer, 700);
    check_file("sub/deep/inner.txt", inner, 1234);
    check_file("/SUB//DEEP/INNER.TXT", inner, 1234);
    check_file("crowd file 60.txt", (const uint8_t *)"60\n", 3);
    check_file("EMPTY.TXT", (const uint8_t *)"", 0);
    check_error("NOPE.CFG", -ENOENT, "no such");
    check_error("b.bin", -ENOENT, "no such");
    check_error("sub/nope", -ENOENT, "no such");
    check_error("big.bin/x", -ENOTDIR, "is a file");
    check_error("seedstrap.cf", -ENOENT, "no such");
    tu_check(fat_lookup(&fs, "sub/deep", &f) == 0 && f.dir && fat_read(&fs, &f, &byte, 1) == -EISDIR,
             "%s: a directory is found and not read", img);
    tu_check(fat_lookup(&fs, "/", &f) == 0 && f.dir, "%s: the root", img);
    fake_blk_close(dev);
    free(mem);
}

// the FAT entry of cluster c in the first FAT of the image in memory
static uint32_t get_fat(const uint8_t *mem, uint32_t c)
{
    const uint8_t *p = mem + fs.fat_lba * 512 + c * (fs.bits / 8);
    uint32_t v = 0;
    int i;

    for (i = fs.bits / 8 - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void set_fat(uint8_t *mem, uint32_t c, uint32_t v)
{
    uint8_t *p = mem + fs.fat_lba * 512 + c * (fs.bits / 8);
    int i;

    for (i = 0; i < fs.bits / 8; i++)
        p[i] = v >> (8 * i);
    fs.fat_cached = 0;
}

static uint32_t cluster_of(const char *path)
{
    struct fat_file f;
    return fat_lookup(&fs, path, &f) == 0 ? f.cluster : 0;
}

// reads path after the FAT entry of its first cluster + step is set to v
static void broken_chain(uint8_t *mem, const char *path, uint32_t step, uint32_t v, int want,
                         const char *words)
{
    static uint8_t buf[65536];
    struct fat_file f;
    uint32_t c = cluster_of(path) + step, old = get_fat(mem, c);
    int r;

    set_fat(mem, c, v);
    r = fat_lookup(&fs, path, &f);
    if (r == 0)
        r = fat_read(&fs, &f, buf, sizeof buf);
    tu_check(r == want && strstr(fs.error, words), "%s with FAT[%u] = %u: %d (%s), want %d and \"%s\"", path, c,
             v, r, r < 0 ? fs.error : "read", want, words);
    set_fat(mem, c, old);
}

// boot sector fields set to bad values: each mount fails with a reason
static void broken_boot_sector(uint8_t *mem, struct blkdev *dev)
{
    static const struct { int at, size; uint32_t value; const char *words; } cases[] = {
        { 510, 1, 0, "55 aa" },
        { 11, 2, 1024, "512 bytes" },
        { 13, 1, 3, "power of two" },
        { 13, 1, 0, "power of two" },
        { 16, 1, 0, "no FAT" },
        { 19, 2, 60000, "do not fit" },            // more sectors than the device
        { 22, 2, 1, "too small" },                 // a FAT of one sector
        { 17, 2, 0, "root directory" },            // FAT16 without a root directory
        { 14, 2, 30000, "do not fit" },            // reserved sectors past the end
    };
    uint8_t saved[512];
    size_t i;

    memcpy(saved, mem, 512);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int k, r;
        for (k = 0; k < cases[i].size; k++)
            mem[cases[i].at + k] = cases[i].value >> (8 * k);
        r = fat_mount(dev, &fs);
        tu_check(r == -EINVAL && strstr(fs.error, cases[i].words), "boot sector byte %d = %u: %d (%s)",
                 cases[i].at, cases[i].value, r, r ? fs.error : "mounted");
        memcpy(mem, saved, 512);
    }
    tu_check(fat_mount(dev, &fs) == 0, "the boot sector restored mounts");
}

// the mformat FAT16 volume (512-byte clusters), broken in turn
static void broken(const char *img)
{
    uint8_t *mem;
    struct blkdev *dev = load(img, &mem);
    uint32_t sub, i, off;
    uint8_t *at;

    broken_boot_sector(mem, dev);
    broken_chain(mem, "BIG.BIN", 1, cluster_of("BIG.BIN"), -ELOOP, "loops");
    broken_chain(mem, "BIG.BIN", 0, fs.clusters + 2, -EINVAL, "outside");
    broken_chain(mem, "BIG.BIN", 0, 0, -EINVAL, "outside");              // a free cluster
    broken_chain(mem, "BIG.BIN", 0, 0xfff7, -EINVAL, "outside");         // a bad cluster
    broken_chain(mem, "BIG.BIN", 2, 0xffff, -EINVAL, "ends before");
    // an 8.3 name changed under its long name (as a tool that knows no long
    // names may do): the checksum no longer matches, so only the 8.3 name does
    at = memmem(mem + fs.root_lba * 512, fs.root_sectors * 512, "ARATHE~1TEX", 11);
    if (tu_check(at != NULL, "the 8.3 entry of the long name is in the root")) {
        at[7] = '9';
        check_error("a rather long name.text", -ENOENT, "no such");
        check_file("arathe~9.tex", longer, 700);
        at[7] = '1';
    }
    // a directory whose one cluster leads to itself, with no end entry in it
    sub = cluster_of("sub");
    for (i = 0; i < 512; i += 32) {
        off = fs.data_lba * 512 + (sub - 2) * 512 + i;
        if (mem[off] == 0)
            mem[off] = 0xe5;
    }
    set_fat(mem, sub, sub);
    check_error("sub/nope", -ELOOP, "loops");
    fake_blk_close(dev);
    free(mem);
}

// volumes with random bytes changed where the metadata is: whatever the
// result, no crash, no read out of bounds (ASan), no endless walk
static void fuzz(const char *img, int rounds)
{
    static uint8_t buf[65536];
    static const char *const paths[] = { "SEEDSTRAP.CFG", "big.bin", "frag.bin", "sub/deep/inner.txt",
                                         "crowd file 60.txt", "nope" };
    uint8_t *mem;
    struct blkdev *dev = load(img, &mem);
    uint64_t seed = 29;
    uint32_t meta, at[16];
    uint8_t old[16];
    int round, i, k, mounted = 0, found = 0;

    fat_mount(dev, &fs);
    meta = (fs.data_lba + 200) * 512;               // boot sector, FATs, root, the files' first sectors and sub/
    for (round = 0; round < rounds; round++) {
        k = 1 + tu_rand(&seed) % 16;
        for (i = 0; i < k; i++) {
            at[i] = tu_rand(&seed) % (round % 4 ? meta : 512);     // a quarter in the boot sector
            old[i] = mem[at[i]];
            mem[at[i]] = tu_rand(&seed) % 4 ? (uint8_t)tu_rand(&seed) : 0xff;
        }
        if (fat_mount(dev, &fs) == 0) {
            mounted++;
            for (i = 0; i < (int)(sizeof paths / sizeof paths[0]); i++) {
                struct fat_file f;
                if (fat_lookup(&fs, paths[i], &f) == 0 && fat_read(&fs, &f, buf, sizeof buf) >= 0)
                    found++;
            }
        }
        for (i = k - 1; i >= 0; i--)
            mem[at[i]] = old[i];
    }
    printf("fuzz: %d volumes, %d mounted, %d files read\n", rounds, mounted, found);
    tu_check(mounted > rounds / 4 && found > 0, "the fuzz reached the reader's walks");
    fake_blk_close(dev);
    free(mem);
}

int main(void)
{
    char img[128];
    int i;

    char path[4096];

    snprintf(path, sizeof path, "%s:/sbin:/usr/sbin", getenv("PATH") ? getenv("PATH") : "/bin:/usr/bin");
    setenv("PATH", path, 1);                        // mkfs.fat is in /sbin
    setenv("MTOOLS_SKIP_CHECK", "1", 1);            // images without a partition table
    if (tu_sh("command -v mkfs.fat >/dev/null && command -v mformat >/dev/null") != 0) {
        printf("SKIP: needs mkfs.fat and mtools: apt-get install dosfstools mtools\n");
        return 77;
    }
    strcpy(dir, "/tmp/fat_test.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    make_files();

    snprintf(img, sizeof img, "%s/fat16.img", dir);
    tu_check(tu_sh("mkfs.fat -F 16 -s 4 -C %s 12288 >/dev/null", img) == 0, "mkfs.fat -F 16");
    fill(img);
    crowd(img);
    check_volume(img, 16);

    snprintf(img, sizeof img, "%s/fat32.img", dir);
    tu_check(tu_sh("mkfs.fat -F 32 -C %s 40960 >/dev/null", img) == 0, "mkfs.fat -F 32");
    fill(img);
    crowd(img);
    check_volume(img, 32);

    snprintf(img, sizeof img, "%s/mformat.img", dir);
    tu_check(tu_sh("mformat -C -i %s -T 5040 -c 1 :: >/dev/null", img) == 0, "mformat");
    fill(img);
    crowd(img);
    check_volume(img, 16);
    broken(img);
    fuzz(img, 3000);

    snprintf(img, sizeof img, "%s/fat12.img", dir);
    tu_check(tu_sh("mkfs.fat -F 12 -C %s 1024 >/dev/null", img) == 0, "mkfs.fat -F 12");
    {
        uint8_t *mem;
        struct blkdev *dev = load(img, &mem);
        int r = fat_mount(dev, &fs);
        tu_check(r == -EINVAL && strstr(fs.error, "FAT12"), "FAT12 is refused: %d (%s)", r, r ? fs.error : "");
        fake_blk_close(dev);
        free(mem);
    }
    tu_sh("rm -rf %s", dir);
    free(small), free(big), free(frag), free(inner), free(longer);
    for (i = 0; i < 4; i++)
        free(other[i]);
    return tu_report("fat_test");
}
