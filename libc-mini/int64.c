// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/int64.c: the 64-bit integer helpers that i386 compilers call
// instead of emitting inline code, so the kernel links without libgcc or
// libtcc1.  gcc calls __udivdi3, __umoddi3, __divdi3, __moddi3, __udivmoddi4
// and __divmoddi4 for 64-bit `/` and `%`; TinyCC calls the division helpers
// and, for shifts by a variable count, __ashldi3, __ashrdi3 and __lshrdi3.
//
// Nothing here may use a 64-bit `/`, `%` or variable-count shift, or the
// compiler would turn it back into a call to the function being defined.
// Shifts work on 32-bit halves; division is shift-and-subtract; only
// constant shifts (which both compilers inline) touch 64-bit values.
// No header declares these: the compilers know their names and signatures.
#include <stdint.h>

static uint32_t high_half(uint64_t x)
{
    return (uint32_t)(x >> 32);
}

static uint64_t join_halves(uint32_t high, uint32_t low)
{
    return (uint64_t)high << 32 | low;
}

// Leading zero bits of a non-zero 32-bit value, by halving the search.
static int clz32(uint32_t x)
{
    int n = 0;
    if (!(x & 0xffff0000u)) { n += 16; x <<= 16; }
    if (!(x & 0xff000000u)) { n += 8; x <<= 8; }
    if (!(x & 0xf0000000u)) { n += 4; x <<= 4; }
    if (!(x & 0xc0000000u)) { n += 2; x <<= 2; }
    if (!(x & 0x80000000u)) n += 1;
    return n;
}

static int clz64(uint64_t x)
{
    uint32_t high = high_half(x);
    return high ? clz32(high) : 32 + clz32((uint32_t)x);
}

// The count is masked to 0..63: larger counts are undefined in C, and the
// mask keeps every 32-bit shift below within 0..31.
uint64_t __ashldi3(uint64_t a, int count)
{
    uint32_t high = high_half(a), low = (uint32_t)a;
    int n = count & 63;
    if (n == 0)
        return a;
    if (n >= 32)
        return join_halves(low << (n - 32), 0);
    return join_halves(high << n | low >> (32 - n), low << n);
}

uint64_t __lshrdi3(uint64_t a, int count)
{
    uint32_t high = high_half(a), low = (uint32_t)a;
    int n = count & 63;
    if (n == 0)
        return a;
    if (n >= 32)
        return join_halves(0, high >> (n - 32));
    return join_halves(high >> n, low >> n | high << (32 - n));
}

// Arithmetic shift: relies on `>>` of a negative int32_t copying the sign
// bit, which both gcc and TinyCC do (implementation-defined in C99).
int64_t __ashrdi3(int64_t a, int count)
{
    int32_t high = (int32_t)high_half((uint64_t)a);
    uint32_t low = (uint32_t)a;
    int n = count & 63;
    if (n == 0)
        return a;
    if (n >= 32)
        return (int64_t)join_halves((uint32_t)(high >> 31), (uint32_t)(high >> (n - 32)));
    return (int64_t)join_halves((uint32_t)(high >> n), low >> n | (uint32_t)high << (32 - n));
}

// Unsigned division with remainder.  A zero divisor yields an all-ones
// quotient and the dividend as remainder (RISC-V's rule) rather than a
// trap: there is no way to raise #DE from C without undefined behaviour.
uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem)
{
    uint64_t quot = 0;
    int shift;

    if (den == 0 || den > num) {
        if (rem)
            *rem = num;
        return den == 0 ? ~(uint64_t)0 : 0;
    }
    if (high_half(num) == 0) {
        // den <= num, so both fit in 32 bits: one hardware divide.
        if (rem)
            *rem = (uint32_t)num % (uint32_t)den;
        return (uint32_t)num / (uint32_t)den;
    }
    // Align den's top bit with num's, then take one quotient bit per step.
    shift = clz64(den) - clz64(num);
    den = __ashldi3(den, shift);
    for (; shift >= 0; shift--) {
        quot <<= 1;
        if (num >= den) {
            num -= den;
            quot |= 1;
        }
        den >>= 1;
    }
    if (rem)
        *rem = num;
    return quot;
}

uint64_t __udivdi3(uint64_t num, uint64_t den)
{
    return __udivmoddi4(num, den, 0);
}

uint64_t __umoddi3(uint64_t num, uint64_t den)
{
    uint64_t rem;
    __udivmoddi4(num, den, &rem);
    return rem;
}

// Signed division truncates toward zero: divide the magnitudes, then the
// quotient is negative when the signs differ and the remainder takes the
// dividend's sign.  Magnitudes are unsigned so INT64_MIN negates cleanly.
int64_t __divmoddi4(int64_t num, int64_t den, int64_t *rem)
{
    uint64_t unum = num < 0 ? -(uint64_t)num : (uint64_t)num;
    uint64_t uden = den < 0 ? -(uint64_t)den : (uint64_t)den;
    uint64_t urem;
    uint64_t uquot = __udivmoddi4(unum, uden, &urem);

    if (rem)
        *rem = (int64_t)(num < 0 ? -urem : urem);
    return (int64_t)((num < 0) != (den < 0) ? -uquot : uquot);
}

int64_t __divdi3(int64_t num, int64_t den)
{
    return __divmoddi4(num, den, 0);
}

int64_t __moddi3(int64_t num, int64_t den)
{
    int64_t rem;
    __divmoddi4(num, den, &rem);
    return rem;
}
