// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/random.c: xorshift seeded from the TSC.  getrandom, /dev/urandom
// and exec's AT_RANDOM need bytes that differ, not secrets.
#include <stdint.h>
#include "arch/x86.h"
#include "random.h"

static uint32_t random_word(void)
{
    static uint32_t state;
    if (!state)
        state = (uint32_t)rdtsc() | 1;
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

int random_fill(uint8_t *p, uint32_t n)
{
    uint32_t i;
    for (i = 0; i < n; i++)
        p[i] = (uint8_t)(random_word() >> 8);
    return n;
}
