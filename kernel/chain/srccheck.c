// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/srccheck.c: a `build` step's sources are checked here, in the
// kernel, before any program of the chain unpacks them.  tools/stage-root
// places each as /sources/NAME.tar (ustar, top directory NAME/); this
// computes the tree hash of what the archive holds, exactly as tools/treehash
// does over an unpacked tree (stages/README.md, "Tree hash"), and the runner
// compares it with NAME's line in stages/sources.lock.  So what the host put
// on the volume is trusted for nothing but its contents, which are pinned.
//
// The archive is read as the chain's untar (mescc-tools-extra) reads it: one
// 100-byte name field, no ustar prefix, no GNU or pax extensions.  An entry
// untar would place elsewhere than this hash assumes is refused, so the tree
// that is checked is the tree that is unpacked.
//
// No allocation: like kernel/chain/steps.c, a measure pass says how much scratch
// the caller provides, and the same code runs in the host tests.
#include <stdio.h>
#include <string.h>
#include "lib/sha256.h"
#include "srccheck.h"

#define BLOCK 512
#define NAME_MAX_TAR 100

struct entry {
    char path[NAME_MAX_TAR + 1];    // below the top directory
    char kind[6];                   // "f 644", "f 755" or "l 777"
    uint8_t digest[32];
};

// "entry \"NAME\" WHY", or WHY alone without a name
static int fail(struct srccheck_error *err, const char *name, const char *why)
{
    if (name)
        snprintf(err->msg, sizeof err->msg, "entry \"%.100s\" %.50s", name, why);
    else
        snprintf(err->msg, sizeof err->msg, "%s", why);
    return -1;
}

static uint32_t octal(const uint8_t *field, int len)
{
    uint32_t v = 0;
    int i;
    for (i = 0; i < len && field[i] == ' '; i++)
        ;
    for (; i < len && field[i] >= '0' && field[i] <= '7'; i++)
        v = v * 8 + (field[i] - '0');
    return v;
}

static int zero_block(const uint8_t *b)
{
    int i;
    for (i = 0; i < BLOCK; i++)
        if (b[i])
            return 0;
    return 1;
}

// the header checksum: its bytes summed with the checksum field as blanks
static int checksum_ok(const uint8_t *h)
{
    uint32_t sum = 0;
    int i;
    for (i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? ' ' : h[i];
    return sum == octal(h + 148, 8);
}

// Walks the archive; with entries, fills them in (n counts them either way).
// Returns 0 or -1 with err.
static int walk(const uint8_t *tar, size_t size, const char *top, struct entry *entries,
                size_t *n, struct srccheck_error *err)
{
    size_t off = 0, toplen = top ? strlen(top) : 0;
    char name[NAME_MAX_TAR + 1];

    *n = 0;
    for (;;) {
        const uint8_t *h = tar + off;
        uint32_t fsize;
        char type;

        if (off + BLOCK > size)
            return fail(err, NULL, "archive ends without its end marker");
        if (zero_block(h))
            return 0;
        memcpy(name, h, NAME_MAX_TAR);
        name[NAME_MAX_TAR] = 0;
        if (!checksum_ok(h))
            return fail(err, name, "has a bad header checksum");
        if (h[345])
            return fail(err, name, "has a ustar prefix, which the chain's untar ignores");
        fsize = octal(h + 124, 12);
        type = (char)h[156];
        if (type != '0' && type != 0 && type != '2' && type != '5')
            return fail(err, name, "is not a file, directory or symbolic link");
        if (off + BLOCK + (size_t)fsize > size)
            return fail(err, name, "is cut short");
        if (top && (strncmp(name, top, toplen) || (name[toplen] != '/' && name[toplen] != 0)))
            return fail(err, name, "is outside the archive's top directory");
        if (type != '5') {
            if (entries) {
                struct entry *e = &entries[*n];
                struct sha256_ctx c;
                snprintf(e->path, sizeof e->path, "%s", name + toplen + 1);
                if (!e->path[0] || strstr(e->path, "/../") || !strncmp(e->path, "../", 3))
                    return fail(err, name, "has an unusable path");
                sha256_init(&c);
                if (type == '2') {
                    char target[NAME_MAX_TAR + 1];
                    memcpy(target, h + 157, NAME_MAX_TAR);
                    target[NAME_MAX_TAR] = 0;
                    sha256_update(&c, target, strlen(target));
                    memcpy(e->kind, "l 777", 6);
                } else {
                    sha256_update(&c, h + BLOCK, fsize);
                    memcpy(e->kind, octal(h + 100, 8) & 0111 ? "f 755" : "f 644", 6);
                }
                sha256_final(&c, e->digest);
            }
            ++*n;
        }
        if (type == '5')
            fsize = 0;          // as untar: a directory's size field is not data
        off += BLOCK + (fsize + BLOCK - 1) / BLOCK * BLOCK;
    }
}

long srccheck_measure(const uint8_t *tar, size_t size, struct srccheck_error *err)
{
    size_t n;
    if (walk(tar, size, NULL, NULL, &n, err) < 0)
        return -1;
    return (long)((n + 1) * (sizeof(struct entry) + sizeof(struct entry *)));
}

// Shell sort of the entries by path, bytes compared: no recursion, no heap.
static void sort_entries(struct entry **v, size_t n)
{
    size_t gap, i, j;
    for (gap = n / 2; gap > 0; gap /= 2)
        for (i = gap; i < n; i++) {
            struct entry *e = v[i];
            for (j = i; j >= gap && strcmp(v[j - gap]->path, e->path) > 0; j -= gap)
                v[j] = v[j - gap];
            v[j] = e;
        }
}

int srccheck_tree_hash(const uint8_t *tar, size_t size, const char *top, void *arena,
                       size_t arena_size, char hex[65], struct srccheck_error *err)
{
    // the pointers first, so both arrays are aligned
    struct entry **order = arena, *entries;
    struct sha256_ctx c;
    uint8_t digest[32];
    size_t n, i;

    if (walk(tar, size, NULL, NULL, &n, err) < 0)
        return -1;
    if (arena_size < (n + 1) * (sizeof(struct entry) + sizeof(struct entry *)))
        return fail(err, NULL, "scratch space too small");
    entries = (struct entry *)(order + n + 1);
    if (walk(tar, size, top, entries, &n, err) < 0)
        return -1;
    for (i = 0; i < n; i++)
        order[i] = &entries[i];
    sort_entries(order, n);
    sha256_init(&c);
    for (i = 0; i < n; i++) {
        char rec[6 + 65 + NAME_MAX_TAR + 2], dhex[65];
        int len;
        if (i > 0 && !strcmp(order[i - 1]->path, order[i]->path))
            return fail(err, order[i]->path, "is in the archive twice");
        sha256_hex(order[i]->digest, dhex);
        // one record: "f 644 <sha256> path" and a NUL, as tools/treehash
        len = snprintf(rec, sizeof rec, "%s %s %s", order[i]->kind, dhex, order[i]->path);
        sha256_update(&c, rec, (size_t)len + 1);
    }
    sha256_final(&c, digest);
    sha256_hex(digest, hex);
    return 0;
}

// "NAME FILE TREE-SHA256 ..." lines; comments start with '#'
const char *srccheck_lock_find(const char *lock, const char *name)
{
    size_t len = strlen(name);
    const char *line;

    for (line = lock; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : line + strlen(line)) {
        const char *p = line, *tree;
        int i;
        if (strncmp(p, name, len) || (p[len] != ' ' && p[len] != '\t'))
            continue;
        p += len;
        for (i = 0; i < 2; i++) {           // past the blanks, FILE and the blanks
            while (*p == ' ' || *p == '\t')
                p++;
            if (i == 0)
                while (*p && *p != ' ' && *p != '\t' && *p != '\n')
                    p++;
        }
        tree = p;
        for (i = 0; i < 64; i++)
            if (!((tree[i] >= '0' && tree[i] <= '9') || (tree[i] >= 'a' && tree[i] <= 'f')))
                return NULL;
        return tree;
    }
    return NULL;
}

// The whole check of one source, for the kernel's runner and the Linux-side
// one alike: each supplies only how it reads a file and allocates.
int srccheck_verify(const char *lock, const char *name, const struct srccheck_io *io,
                    char *msg, size_t msg_size)
{
    struct srccheck_error err;
    const char *want = srccheck_lock_find(lock, name);
    char path[96], hex[65], why[64];
    void *arena = NULL;
    size_t size;
    uint8_t *tar;
    long need;
    int bad;

    if (!want) {
        snprintf(msg, msg_size, "no line for it in %s", SRCCHECK_LOCK_PATH);
        return -1;
    }
    snprintf(path, sizeof path, "/sources/%.60s.tar", name);
    if (!(tar = io->read(path, &size, why, sizeof why))) {
        snprintf(msg, msg_size, "cannot read %s: %s (is it in the cache? make sources)", path, why);
        return -1;
    }
    need = srccheck_measure(tar, size, &err);
    if (need > 0 && !(arena = io->alloc((size_t)need)))
        snprintf(err.msg, sizeof err.msg, "out of memory (%ld bytes)", need);
    bad = !arena || srccheck_tree_hash(tar, size, name, arena, (size_t)need, hex, &err) < 0;
    if (bad)
        snprintf(msg, msg_size, "%s: %s", path, err.msg);
    else if ((bad = strncmp(hex, want, 64) != 0))
        snprintf(msg, msg_size, "%s FAILED: tree sha256 %s, the lock says %.64s", path, hex, want);
    else
        snprintf(msg, msg_size, "tree sha256 %s OK", hex);
    io->release(arena);
    io->release(tar);
    return bad ? -1 : 0;
}
