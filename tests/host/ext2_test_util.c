// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/ext2_test_util.c: what the ext2 host tests share beyond
// tests/host/test_util.c: checking for e2fsprogs, and comparing a tree on an
// ext2 volume (through kernel/ext2*.c) or on the host with an expected host tree.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64     // 64-bit off_t and readdir in the -m32 build
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ext2_test_util.h"

void tu_need_e2fsprogs(void)
{
    if (tu_sh("command -v mke2fs >/dev/null && command -v e2fsck >/dev/null && "
              "command -v debugfs >/dev/null") != 0) {
        printf("SKIP: needs e2fsprogs (apt-get install e2fsprogs)\n");
        exit(77);
    }
}

// Compares the bytes of ext2 file ino with host file path, read in uneven chunks.
static void tu_compare_file(struct ext2_fs *fs, uint32_t ino, const char *path, uint64_t size)
{
    size_t n, off = 0;
    uint8_t *want = tu_slurp(path, &n), *got;
    uint32_t chunk = 4093;
    if (!tu_check(want && n == size, "%s: host file unreadable", path)) {
        free(want);
        return;
    }
    got = malloc(n + 1);
    while (off < n) {
        int r = ext2_read(fs, ino, off, got + off, chunk);
        if (!tu_check(r > 0, "%s: ext2_read at %zu returned %d", path, off, r))
            break;
        off += r;
        chunk = chunk * 3 + 1;
        if (chunk > (8u << 20))
            chunk = 511;
    }
    tu_check(off == n && memcmp(want, got, n) == 0, "%s: contents differ", path);
    tu_check(ext2_read(fs, ino, n, got, 1) == 0, "%s: read at end of file is not 0", path);
    free(want);
    free(got);
}

static int tu_count_fn(void *ctx, const char *name, uint32_t len, uint32_t ino, uint8_t type)
{
    if (!(len == 1 && name[0] == '.') && !(len == 2 && name[0] == '.' && name[1] == '.'))
        ++*(int *)ctx;
    return 0;
}

static void tu_compare_entry(struct ext2_fs *fs, uint32_t dir, const char *path,
                             const char *name, int nlink)
{
    char sub[4096], want[4096], got[4096];
    struct ext2_stat es;
    struct stat hs;
    uint32_t ino;
    int r, n;
    snprintf(sub, sizeof(sub), "%s/%s", path, name);
    lstat(sub, &hs);
    r = ext2_lookup(fs, dir, name, strlen(name), &ino);
    if (!tu_check(r == 0, "%s: lookup: %d", sub, r) ||
        !tu_check(ext2_stat(fs, ino, &es) == 0, "%s: stat", sub))
        return;
    tu_check(es.mode == hs.st_mode, "%s: mode %o, want %o", sub, es.mode, hs.st_mode);
    tu_check(es.uid == hs.st_uid && es.gid == hs.st_gid, "%s: owner %u:%u, want %u:%u", sub,
             es.uid, es.gid, hs.st_uid, hs.st_gid);
    if (nlink)
        tu_check(es.nlink == hs.st_nlink, "%s: nlink %u, want %u", sub, es.nlink,
                 (unsigned)hs.st_nlink);
    if (S_ISDIR(hs.st_mode)) {
        tu_compare_tree(fs, ino, sub, nlink);
        return;
    }
    tu_check(es.size == (uint64_t)hs.st_size, "%s: size %llu, want %llu", sub,
             (unsigned long long)es.size, (unsigned long long)hs.st_size);
    if (S_ISREG(hs.st_mode) && es.size == (uint64_t)hs.st_size) {
        tu_compare_file(fs, ino, sub, es.size);
    } else if (S_ISLNK(hs.st_mode)) {
        n = readlink(sub, want, sizeof(want));
        r = ext2_readlink(fs, ino, got, sizeof(got));
        tu_check(r == n && memcmp(want, got, n) == 0, "%s: symlink target differs", sub);
    }
}

void tu_compare_tree(struct ext2_fs *fs, uint32_t ino, const char *path, int nlink)
{
    DIR *d = opendir(path);
    struct dirent *e;
    uint64_t cookie = 0;
    int host = 0, ours = 0, top = ino == EXT2_ROOT_INO;
    if (!tu_check(d != NULL, "%s: opendir", path))
        return;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        host++;
        tu_compare_entry(fs, ino, path, e->d_name, nlink);
    }
    closedir(d);
    tu_check(ext2_readdir(fs, ino, &cookie, tu_count_fn, &ours) == 0, "%s: readdir", path);
    if (top) {                    // mke2fs makes a lost+found the host tree may lack
        char lf[4096];
        uint32_t lino;
        snprintf(lf, sizeof(lf), "%s/lost+found", path);
        if (ext2_lookup(fs, ino, "lost+found", 10, &lino) == 0 && access(lf, F_OK) != 0)
            ours--;
    }
    tu_check(host == ours, "%s: %d entries, want %d", path, ours, host);
}

static void tu_compare_host_entry(const char *want, const char *got)
{
    struct stat ws, gs;
    size_t wn, gn;
    lstat(want, &ws);
    if (!tu_check(lstat(got, &gs) == 0, "%s: missing", got))
        return;
    tu_check((ws.st_mode & S_IFMT) == (gs.st_mode & S_IFMT), "%s: type differs", got);
    if (!S_ISLNK(ws.st_mode))
        tu_check(ws.st_mode == gs.st_mode, "%s: mode %o, want %o", got, gs.st_mode, ws.st_mode);
    if (S_ISDIR(ws.st_mode) && S_ISDIR(gs.st_mode)) {
        tu_compare_host(want, got);
    } else if (S_ISREG(ws.st_mode) && S_ISREG(gs.st_mode)) {
        uint8_t *a = tu_slurp(want, &wn), *b = tu_slurp(got, &gn);
        tu_check(a && b && wn == gn && memcmp(a, b, wn) == 0, "%s: contents differ", got);
        free(a);
        free(b);
    } else if (S_ISLNK(ws.st_mode)) {
        char a[4096], b[4096];
        ssize_t an = readlink(want, a, sizeof(a)), bn = readlink(got, b, sizeof(b));
        tu_check(an == bn && memcmp(a, b, an) == 0, "%s: symlink target differs", got);
    }
}

void tu_compare_host(const char *want, const char *got)
{
    char a[4096], b[4096];
    struct dirent *e;
    int nw = 0, ng = 0;
    DIR *d = opendir(want);
    if (!tu_check(d != NULL, "%s: opendir", want))
        return;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        nw++;
        snprintf(a, sizeof(a), "%s/%s", want, e->d_name);
        snprintf(b, sizeof(b), "%s/%s", got, e->d_name);
        tu_compare_host_entry(a, b);
    }
    closedir(d);
    if (!(d = opendir(got)))
        return;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "lost+found"))
            ng++;
    closedir(d);
    snprintf(a, sizeof(a), "%s/lost+found", want);
    if (access(a, F_OK) == 0)
        ng++;
    tu_check(nw == ng, "%s: %d entries, want %d", got, ng, nw);
}
