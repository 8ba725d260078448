// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/srccheck_test.c: kernel/chain/srccheck.c against tools/treehash.  A
// tree with files, an executable, a symbolic link and nested directories is
// packed the way tools/stage-root packs sources (GNU tar, ustar); the
// kernel's hash of the archive must equal treehash's of the tree.  Then
// archives the chain's untar would unpack differently, or that are damaged,
// must be refused with a message naming the entry; and the lock lookup.
// Run from the repository root after `make build/tools/treehash`.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "chain/srccheck.h"

static char dir[] = "/tmp/srccheck_test.XXXXXX";

// a shell command, in the test's directory
static void sh(const char *cmd)
{
    if (system(cmd) != 0) {
        printf("command failed: %s\n", cmd);
        exit(1);
    }
}

static uint8_t *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;

    if (!f || fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0)
        exit(1);
    buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n)
        exit(1);
    fclose(f);
    *size = (size_t)n;
    return buf;
}

// the kernel's hash of archive (top directory top); 0, or -1 with err
static int hash_of(const uint8_t *tar, size_t size, const char *top, char hex[65],
                   struct srccheck_error *err)
{
    long need = srccheck_measure(tar, size, err);
    void *arena;
    int r;

    if (need < 0)
        return -1;
    arena = malloc((size_t)need);
    r = srccheck_tree_hash(tar, size, top, arena, (size_t)need, hex, err);
    free(arena);
    return r;
}

static void expect_refused(uint8_t *tar, size_t size, const char *top, const char *words)
{
    struct srccheck_error err = { "" };
    char hex[65];
    int r = hash_of(tar, size, top, hex, &err);

    CHECK(r == -1);
    if (!CHECK(strstr(err.msg, words) != NULL))
        printf("    message: \"%s\", expected it to hold \"%s\"\n", err.msg, words);
}

// rewrites a header's checksum after the test changed it
static void fix_checksum(uint8_t *h)
{
    unsigned sum = 0;
    int i;
    memset(h + 148, ' ', 8);
    for (i = 0; i < 512; i++)
        sum += h[i];
    snprintf((char *)h + 148, 8, "%06o", sum);
}

int main(void)
{
    const char *treehash = getenv("TREEHASH") ? getenv("TREEHASH") : "build/tools/treehash";
    struct srccheck_error err = { "" };
    char want[80] = "", hex[65], path[256];
    uint8_t *tar;
    size_t size, off;
    FILE *p;

    char *th = realpath(treehash, NULL);

    if (!th || !mkdtemp(dir) || chdir(dir) < 0) {
        printf("cannot find %s (make build/tools/treehash) or make %s\n", treehash, dir);
        return 1;
    }
    sh("mkdir -p pkg-1.0/sub/deeper && cd pkg-1.0 && printf 'int main;\\n' > a.c && "
       "printf '#!/bin/sh\\n' > sub/run && chmod 755 sub/run && : > sub/deeper/empty && "
       "ln -s ../a.c sub/link && printf z > 'sub/b c' && printf y > sub.txt");
    // stage-root's packing
    sh("find pkg-1.0 -print0 | LC_ALL=C sort -z | tar --format=ustar --no-recursion "
       "--null -T - --owner=0 --group=0 --numeric-owner --mtime=@0 -cf pkg.tar");
    snprintf(path, sizeof path, "%s pkg-1.0", th);
    if (!(p = popen(path, "r")) || !fgets(want, sizeof want, p) || pclose(p) != 0) {
        printf("cannot run %s (make build/tools/treehash)\n", treehash);
        return 1;
    }
    want[strcspn(want, "\n")] = 0;
    tar = slurp("pkg.tar", &size);

    CHECK(hash_of(tar, size, "pkg-1.0", hex, &err) == 0);
    if (!CHECK(!strcmp(hex, want)))
        printf("    kernel %s, treehash %s (%s)\n", hex, want, err.msg);

    // the same tree in a differently made archive (unsorted, with owners) hashes alike
    sh("tar --format=ustar -cf pkg2.tar pkg-1.0");
    free(tar);
    tar = slurp("pkg2.tar", &size);
    CHECK(hash_of(tar, size, "pkg-1.0", hex, &err) == 0 && !strcmp(hex, want));

    // a changed byte in a file changes the hash; one in a header is refused
    {
        uint8_t *copy = malloc(size);
        char hex2[65];
        memcpy(copy, tar, size);
        for (off = 0; off < size; off += 512)
            if (!memcmp(copy + off, "pkg-1.0/a.c", 12)) {
                copy[off + 512] ^= 1;
                break;
            }
        CHECK(hash_of(copy, size, "pkg-1.0", hex2, &err) == 0 && strcmp(hex2, want) != 0);
        memcpy(copy, tar, size);
        copy[0] ^= 1;
        expect_refused(copy, size, "pkg-1.0", "bad header checksum");
        free(copy);
    }

    expect_refused(tar, size, "other-2.0", "outside the archive's top directory");
    expect_refused(tar, 1024, "pkg-1.0", "cut short");
    expect_refused(tar, 512 * 3 - 512, "pkg-1.0", "");

    // a ustar prefix (GNU tar's way with long names), which untar ignores
    {
        uint8_t *copy = malloc(size);
        memcpy(copy, tar, size);
        memcpy(copy + 345, "x", 1);
        fix_checksum(copy);
        expect_refused(copy, size, "pkg-1.0", "ustar prefix");
        // a hard link
        memcpy(copy, tar, size);
        copy[156] = '1';
        fix_checksum(copy);
        expect_refused(copy, size, "pkg-1.0", "not a file, directory or symbolic link");
        free(copy);
    }

    // the lock: the right line, not a prefix of another name, not a comment
    {
        const char *lock = "# mes-0.27 x 1111\n"
                           "mes-0.27.1 m.tar.gz 2222222222222222222222222222222222222222222222222222222222222222 -\n"
                           "mes-0.27  mes-0.27.tar.gz\t3333333333333333333333333333333333333333333333333333333333333333 - https://x\n"
                           "bad x 12\n";
        const char *t = srccheck_lock_find(lock, "mes-0.27");
        CHECK(t && !strncmp(t, "3333", 4) && t[63] == '3');
        t = srccheck_lock_find(lock, "mes-0.27.1");
        CHECK(t && !strncmp(t, "2222", 4));
        CHECK(srccheck_lock_find(lock, "mes") == NULL);
        CHECK(srccheck_lock_find(lock, "bad") == NULL);
    }

    free(tar);
    sh("rm -rf pkg-1.0 pkg.tar pkg2.tar");
    rmdir(dir);
    free(th);
    return check_summary("srccheck_test");
}
