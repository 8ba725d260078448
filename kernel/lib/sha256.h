// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/lib/sha256.h: SHA-256 (FIPS 180-4), incremental and one-shot (kernel/lib/sha256.c).
#ifndef SHA256_H
#define SHA256_H
#include <stddef.h>
#include <stdint.h>

struct sha256_ctx {
    uint32_t state[8];
    uint64_t length;        // bytes hashed so far
    uint8_t block[64];      // bytes not yet compressed
    uint32_t used;          // how many of block[] are filled
};

void sha256_init(struct sha256_ctx *c);
void sha256_update(struct sha256_ctx *c, const void *data, size_t n);
void sha256_final(struct sha256_ctx *c, uint8_t out[32]);
void sha256(const void *data, size_t n, uint8_t out[32]);
void sha256_hex(const uint8_t digest[32], char out[65]);   // lower-case, NUL-terminated
#endif
