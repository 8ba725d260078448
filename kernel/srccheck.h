// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/srccheck.h: checks a source archive against stages/sources.lock
// before the chain unpacks it (kernel/srccheck.c).
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
#endif
