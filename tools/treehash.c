// SPDX-License-Identifier: GPL-3.0-or-later
// tools/treehash.c: `treehash [-v] DIR` prints the tree hash of the files
// under DIR, the hash stages/sources.lock pins each source by (defined in
// stages/README.md, "Tree hash").  It hashes what an archive unpacked to,
// not the archive's bytes, so an upstream tarball and an archive of the
// release commit verify alike; unpacking and stripping the archive's top
// directory are tools/fetch-sources's.  -v also prints each entry.
//
// Only regular files and symbolic links count: directories are implied by
// their files (git keeps no empty ones), and a mode is only "755" (some
// execute bit set) or "644" (git keeps no more).  A device, FIFO or socket
// in a source tree is refused.  With -v, the listing of a tree the chain
// made (tools/checkpoint), devices and FIFOs are entries too, e.g.
// "c 666 1:3 dev/null": kind c, b or p, the permission bits, the device
// number in place of a hash.
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include "../kernel/lib/sha256.h"

static char **paths;
static size_t npaths, cap;
static int listing;     // -v: devices and FIFOs are entries, not errors

static void die(const char *what, const char *path)
{
    fprintf(stderr, "treehash: %s: %s\n", path, what);
    exit(2);
}

static void add_path(const char *rel)
{
    if (npaths == cap) {
        cap = cap ? cap * 2 : 1024;
        paths = realloc(paths, cap * sizeof(*paths));
        if (!paths)
            die("out of memory", rel);
    }
    paths[npaths] = strdup(rel);
    if (!paths[npaths])
        die("out of memory", rel);
    npaths++;
}

// Collects the paths (relative to the top, '/'-separated) of everything
// under top/rel but directories.
static void walk(const char *top, const char *rel)
{
    char full[8192], sub[8192];
    struct dirent *e;
    struct stat st;
    DIR *d;

    snprintf(full, sizeof(full), "%s%s%s", top, *rel ? "/" : "", rel);
    d = opendir(full);
    if (!d)
        die("cannot read directory", full);
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if ((size_t)snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", e->d_name) >= sizeof(sub))
            die("path too long", full);
        if ((size_t)snprintf(full, sizeof(full), "%s/%s", top, sub) >= sizeof(full))
            die("path too long", sub);
        if (lstat(full, &st) < 0)
            die("cannot stat", full);
        if (S_ISDIR(st.st_mode))
            walk(top, sub);
        else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
            add_path(sub);
        else if (listing && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISFIFO(st.st_mode)))
            add_path(sub);
        else
            die("neither file, directory nor symbolic link", full);
    }
    closedir(d);
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// The sha256 of a file's bytes, or of a link's target, as hex (a device's
// number); its kind and mode words.
static const char *hash_entry(const char *top, const char *rel, char hex[65])
{
    static char special[16];
    char full[8192], target[8192];
    uint8_t buf[65536], digest[32];
    struct sha256_ctx c;
    struct stat st;
    ssize_t n;
    FILE *f;

    snprintf(full, sizeof(full), "%s/%s", top, rel);
    if (lstat(full, &st) < 0)
        die("cannot stat", full);
    if (S_ISLNK(st.st_mode)) {
        n = readlink(full, target, sizeof(target));
        if (n < 0 || n == (ssize_t)sizeof(target))
            die("cannot read link", full);
        sha256(target, (size_t)n, digest);
        sha256_hex(digest, hex);
        return "l 777";
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(hex, 65, "%u:%u", major(st.st_rdev), minor(st.st_rdev));
        snprintf(special, sizeof(special), "%c %03o", S_ISCHR(st.st_mode) ? 'c' : S_ISBLK(st.st_mode) ? 'b' : 'p',
                 (unsigned)(st.st_mode & 07777));
        return special;
    }
    f = fopen(full, "rb");
    if (!f)
        die("cannot open", full);
    sha256_init(&c);
    while ((n = (ssize_t)fread(buf, 1, sizeof(buf), f)) > 0)
        sha256_update(&c, buf, (size_t)n);
    if (ferror(f))
        die("read error", full);
    fclose(f);
    sha256_final(&c, digest);
    sha256_hex(digest, hex);
    return st.st_mode & 0111 ? "f 755" : "f 644";
}

int main(int argc, char **argv)
{
    int verbose = argc == 3 && !strcmp(argv[1], "-v");
    const char *top = argv[argc - 1];
    struct sha256_ctx c;
    uint8_t digest[32];
    char hex[65], rec[8300];
    size_t i;
    int n;

    if (argc != 2 && !verbose) {
        fprintf(stderr, "usage: treehash [-v] DIR\n");
        return 2;
    }
    listing = verbose;
    walk(top, "");
    qsort(paths, npaths, sizeof(*paths), by_bytes);
    sha256_init(&c);
    for (i = 0; i < npaths; i++) {
        const char *kind = hash_entry(top, paths[i], hex);
        // One record: "f 644 <sha256> path" and a NUL.
        n = snprintf(rec, sizeof(rec), "%s %s %s", kind, hex, paths[i]);
        sha256_update(&c, rec, (size_t)n + 1);
        if (verbose)
            printf("%s\n", rec);
    }
    sha256_final(&c, digest);
    sha256_hex(digest, hex);
    printf("%s\n", hex);
    return 0;
}
