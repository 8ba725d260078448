// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/srccheck.h: checks a source archive against stages/sources.lock
// before the chain unpacks it (kernel/chain/srccheck.c).
#ifndef SRCCHECK_H
#define SRCCHECK_H
#include <stddef.h>
#include <stdint.h>

struct srccheck_error {
    char msg[160];
};

// Scratch bytes srccheck_tree_hash needs for this archive, or -1 with err.
long srccheck_measure(const uint8_t *tar, size_t size, struct srccheck_error *err);

// The tree hash (stages/README.md, "Tree hash") of ustar archive tar, whose
// every entry must lie under the one top directory top/, into hex.  0, or
// -1 with err saying which entry and why.
int srccheck_tree_hash(const uint8_t *tar, size_t size, const char *top, void *arena,
                       size_t arena_size, char hex[65], struct srccheck_error *err);

// The tree hash sources.lock (text, NUL-terminated) pins for name: a pointer
// to its 64 hex digits, or NULL when no line names it.
const char *srccheck_lock_find(const char *lock, const char *name);

#define SRCCHECK_LOCK_PATH "/stages/sources.lock"

// How a runner reads a whole file (NULL, with why filled, when it cannot),
// allocates and frees (release(NULL) must do nothing).
struct srccheck_io {
    uint8_t *(*read)(const char *path, size_t *size, char *why, size_t why_size);
    void *(*alloc)(size_t size);
    void (*release)(void *p);
};

// /sources/NAME.tar against NAME's tree hash in lock (the text of
// SRCCHECK_LOCK_PATH): 0 when they agree, else -1.  Either way msg gets the
// line the runner logs after "build: source NAME: ".
int srccheck_verify(const char *lock, const char *name, const struct srccheck_io *io,
                    char *msg, size_t msg_size);
#endif
