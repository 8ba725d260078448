// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/hex0.c: the kernel's only compiler.  Stage 0 feeds it stage0-posix's
// x86/hex0_x86.hex0 and x86/kaem-minimal.hex0 and checks the output against
// bootstrap-seeds' hex0-seed and kaem-optional-seed, so the only binary the
// user trusts is the boot image.  It works on buffers only; reading the
// source and writing the output are the step runner's.
//
// It must accept exactly what the seed accepts and produce the same bytes,
// so it follows x86/hex0_x86.hex0 (stage0-posix 1.9.1) rule for rule rather
// than a tidier reading of "hex pairs with comments":
//  - '#' or ';' outside a comment starts one; only '\n' ends it.
//  - '\n' does not drop a pending first digit: "4\n1" is 0x41.
//  - A digit is c - '0' < 10, or ((c - 'A') & 0xDF) < 7, worth that + 10.
//    So 'G' and 'g' are digits worth 16 ("1G" is 0x20), and the byte
//    written is ((first << 4) + second) & 0xFF.
//  - Any other byte (blanks, '\r', letters, NUL) is skipped.
//  - A lone digit at the end of the input is dropped.
// The corner cases were checked against the seed itself (under qemu-i386);
// tests/host/hex0_test.c holds them.  Where the seed is silent, the state
// counts skipped non-blank bytes and 'G' digits, for the runner to warn.
#include <string.h>
#include "hex0.h"

void hex0_init(struct hex0_state *s)
{
    memset(s, 0, sizeof(*s));
    s->line = 1;
}

// The digit's value (0..16) by the seed's arithmetic, or -1.
static int hex0_digit(unsigned char c)
{
    unsigned char d = (unsigned char)(c - '0');

    if (d < 10)
        return d;
    d = (unsigned char)((c - 'A') & 0xDF);
    if (d < 7)
        return d + 10;
    return -1;
}

static void hex0_note_skipped(struct hex0_state *s, unsigned char c)
{
    // Blanks and DOS line ends are layout, not mistakes.
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
        return;
    if (!s->ignored_line)
        s->ignored_line = s->line;
    s->ignored++;
}

size_t hex0_feed(struct hex0_state *s, const void *in, size_t n, uint8_t *out)
{
    const unsigned char *p = in;
    size_t i, len = 0;
    int d;

    if (!s->line)           // a zeroed state counts lines from 1 as well
        s->line = 1;
    for (i = 0; i < n; i++) {
        unsigned char c = p[i];

        if (c == '\n') {
            s->in_comment = 0;
            s->line++;
            continue;
        }
        if (s->in_comment)
            continue;
        if (c == '#' || c == ';') {
            s->in_comment = 1;
            continue;
        }
        d = hex0_digit(c);
        if (d < 0) {
            hex0_note_skipped(s, c);
            continue;
        }
        if (d == 16) {
            if (!s->g_line)
                s->g_line = s->line;
            s->g_digits++;
        }
        if (!s->have_nibble) {
            s->acc = (unsigned)d;
            s->have_nibble = 1;
            continue;
        }
        out[len++] = (uint8_t)((s->acc << 4) + (unsigned)d);
        s->have_nibble = 0;
    }
    return len;
}

int hex0_finish(const struct hex0_state *s)
{
    return s->have_nibble;
}

size_t hex0_compile(const void *in, size_t n, uint8_t *out, struct hex0_state *st)
{
    struct hex0_state local;

    if (!st)
        st = &local;
    hex0_init(st);
    return hex0_feed(st, in, n, out);
}
