// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/hex0.h: the built-in hex0 compiler (kernel/chain/hex0.c).
#ifndef HEX0_H
#define HEX0_H
#include <stddef.h>
#include <stdint.h>

// Compiler state, carried across hex0_feed calls so a file can be fed in
// pieces.  Zero it (or call hex0_init) before the first piece.
struct hex0_state {
    int in_comment;         // inside a '#' or ';' comment, until the next '\n'
    int have_nibble;        // the first digit of a pair has been read
    unsigned acc;           // that first digit (0..16)
    uint32_t line;          // current line, from 1

    // Warnings: input the seed accepts silently but a person likely did not
    // mean.  The output never depends on them.
    uint32_t ignored;       // bytes outside comments that are neither hex nor blank
    uint32_t ignored_line;  // line of the first of those (0: none)
    uint32_t g_digits;      // 'G'/'g', which the seed reads as the digit 16
    uint32_t g_line;        // line of the first of those (0: none)
};

void hex0_init(struct hex0_state *s);

// Compiles n input bytes, writes the finished bytes to out and returns their
// count.  out must have room for (n + 1) / 2 bytes (one pair may straddle
// two calls).
size_t hex0_feed(struct hex0_state *s, const void *in, size_t n, uint8_t *out);

// Ends the input: returns 1 if a lone digit was left over.  The seed drops it
// without a word, and so does the output here; the caller may warn.
int hex0_finish(const struct hex0_state *s);

// One-shot: compiles a whole buffer; out needs n / 2 bytes.  st may be NULL.
size_t hex0_compile(const void *in, size_t n, uint8_t *out, struct hex0_state *st);
#endif
