// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/fuzz_pools.h: what the two system-call fuzzers share: the PRNG,
// the pools of integers, bad pointers and lengths, the path strings in a
// read-only page and the descriptors of every kind.  fuzz_syscalls.c draws
// from them at random for any number; fuzz_errno.c draws from them, by
// name, for the arguments its table types, so both kernels it compares
// see the same calls.  One copy, included by both programs.
#ifndef FUZZ_POOLS_H
#define FUZZ_POOLS_H
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096
#define ARENA ((char *)0x50000000)      // memory the calls may map, unmap and write
#define ARENA_PAGES 256                 // addresses in its first half, lengths up to half
#define ARENA_MAPPED 32                 // pages mapped at the start
#define RO ((char *)0x51000000)         // read-only: the path strings; unmapped page after

struct rng { uint64_t s; };

static uint32_t rnd(struct rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

static uint32_t below(struct rng *r, uint32_t n)
{
    return rnd(r) % n;
}

#define COUNT_OF(a) (sizeof (a) / sizeof (a)[0])

static const uint32_t ints[] = {0, 1, 2, 3, 4, 7, 8, 16, 31, 32, 63, 64, 127, 128, 255, 256, 1023,
                                1024, 4095, 4096, 4097, 65535, 65536, 0x7fffffff, 0x80000000,
                                0xffffffff, 0xfffffffe, 0xfffff000, 0xc0000000, 0xbfffffff};
// no user memory at any of them: null, the kernel's half, the top page, the
// page under the program, inside its text at an odd address, past RO
static const uint32_t bad_pointers[] = {0, 0xc0000000, 0xc0100000, 0xfffff000, 0xffffffff, 0x1000,
                                        0x0804800f, (uint32_t)RO + 2 * PAGE};
static const uint32_t lens[] = {0, 1, 2, 4, 8, 16, 64, 512, 4096, 8192, 65536, 0x7fffffff,
                                0x80000000, 0xffffffff, 0xfffff000, (uint32_t)-1 - 4095};

static void *map_at(void *at, int pages, int prot)
{
    void *p = mmap(at, pages * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (p != at) {
        fprintf(stderr, "fuzz: cannot map %p: %s\n", at, strerror(errno));
        exit(2);
    }
    return p;
}

// paths of every length, all under SCRATCH or nowhere, in the read-only
// page; the last one runs to the page's end without a NUL, the one after
// is unmapped.  SCRATCH "." makes them relative, for the *at calls.
#define NPATHS 16
static const char *paths[NPATHS];
static const char *const path_names[NPATHS] = {"f0", "f1", "d0", "d0/f2", "d0/d1", "fifo", "link",
    "nope/x", "f0/x", "dir/", "empty", "/nonexistent", "long255", "overlong", "unterminated",
    "unmapped"};

static void make_paths(const char *scratch)
{
    char *p = RO;
    int n = 0, i;

    map_at(RO, 2, PROT_READ | PROT_WRITE);
    for (i = 0; i < 10; i++, n++) {     // path_names[0..9] under SCRATCH ("dir/": SCRATCH itself)
        paths[n] = p;
        p += sprintf(p, "%s/%s", scratch, i == 9 ? "" : path_names[i]) + 1;
    }
    paths[n++] = "";
    paths[n++] = "/nonexistent/dir/file";
    paths[n++] = p;                     // a 255-character name
    p += sprintf(p, "%s/", scratch);
    memset(p, 'n', 255);
    p += 257;
    paths[n++] = p;                     // over PATH_MAX, made of "./"
    p += sprintf(p, "%s/", scratch);
    for (i = 0; i < 2100; i++)
        p += sprintf(p, "./");
    p += sprintf(p, "f0") + 1;
    paths[n++] = RO + 2 * PAGE - 6;     // unterminated at the end of the mapping
    memset(RO + 2 * PAGE - 6, 'z', 6);
    paths[n] = RO + 2 * PAGE;           // unmapped
    mprotect(RO, 2 * PAGE, PROT_READ);
}

// descriptors of every kind, some closed or never open; a process with
// only 0-2 open gets the same numbers each time (3..8, 9 closed)
#define NFDS 12
static int fds[NFDS];
static const char *const fd_names[NFDS] = {"file-rw", "file-ro", "dir", "pipe-r", "pipe-w",
    "append", "closed", "-1", "1000", "100000", "AT_FDCWD", "stdin"};

static void make_fds(const char *scratch)
{
    int p[2], i = 0;
    char name[300];

    snprintf(name, sizeof name, "%s/f0", scratch);
    fds[i++] = open(name, O_RDWR | O_CREAT, 0644);
    fds[i++] = open(name, O_RDONLY);
    fds[i++] = open(scratch, O_RDONLY | O_DIRECTORY);
    if (pipe(p) == 0) {
        fds[i++] = p[0];
        fds[i++] = p[1];
    }
    fds[i++] = open(name, O_WRONLY | O_APPEND);
    fds[i] = dup(fds[0]);
    close(fds[i++]);                    // a closed descriptor
    fds[i++] = -1;
    fds[i++] = 1000;                    // unused, under the limit
    fds[i++] = 100000;                  // over the limit
    fds[i++] = AT_FDCWD;
    fds[i] = 0;                         // stdin: the scratch sink (see the fuzzer's worker)
}
#endif
