// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/stdlib.c: number parsing (strtoul, strtol, strtoull, atoi) for
// the kernel command line and boot config.  C99 semantics: leading white
// space, an optional sign, a 0x/0X prefix for base 16 or 0, base 0 picking
// 16, 8 or 10 from the prefix, bases 2..36, and *end left at the first byte
// not used (or at the start of the string when no digit was read).  An
// out-of-range value saturates (ULONG_MAX, LONG_MAX, LONG_MIN...) as in C;
// there is no errno, so callers that care compare against those limits.
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>

// limits.h is not part of libc-mini; these hold for any C integer widths.
#define ULONG_LIMIT ((unsigned long)-1)
#define LONG_LIMIT ((long)(ULONG_LIMIT >> 1))
#define ULLONG_LIMIT ((unsigned long long)-1)

struct parsed {
    unsigned long long magnitude; // saturated at the caller's limit
    int negative;
    int overflow;
};

// A digit's value in bases up to 36; 36 for anything that is no digit.
static int digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 36;
}

// "0x" counts as a prefix only when a hex digit follows: "0xg" is the
// number 0 followed by "xg", as in C.
static int has_hex_prefix(const char *p)
{
    return p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2]);
}

// Parses the common syntax.  The magnitude may reach limit_pos for a
// positive number and limit_neg for a negative one; beyond that it
// saturates and overflow is set, while the digits are still consumed.
static struct parsed parse_number(const char *s, char **end, int base,
                                  unsigned long long limit_pos, unsigned long long limit_neg)
{
    struct parsed n = { 0, 0, 0 };
    const char *p = s, *digits;
    unsigned long long limit, cutoff;
    int d, cutlim;

    if (end)
        *end = (char *)s;
    if (base < 0 || base == 1 || base > 36)
        return n;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '-' || *p == '+')
        n.negative = *p++ == '-';
    if ((base == 0 || base == 16) && has_hex_prefix(p)) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    limit = n.negative ? limit_neg : limit_pos;
    // Accepting d on top of v overflows iff v > cutoff, or v == cutoff and
    // d > cutlim; checking first keeps the arithmetic from wrapping.
    cutoff = limit / (unsigned)base;
    cutlim = (int)(limit % (unsigned)base);
    for (digits = p; (d = digit_value((unsigned char)*p)) < base; p++) {
        if (n.overflow || n.magnitude > cutoff || (n.magnitude == cutoff && d > cutlim))
            n.overflow = 1;
        else
            n.magnitude = n.magnitude * (unsigned)base + (unsigned)d;
    }
    if (n.overflow)
        n.magnitude = limit;
    if (end && p != digits)
        *end = (char *)p;
    return n;
}

// A negative number is the magnitude negated in the unsigned type (so
// "-1" is ULONG_MAX), but any overflow gives ULONG_MAX, whatever the sign.
unsigned long strtoul(const char *s, char **end, int base)
{
    struct parsed n = parse_number(s, end, base, ULONG_LIMIT, ULONG_LIMIT);
    unsigned long v = (unsigned long)n.magnitude;
    if (n.overflow)
        return ULONG_LIMIT;
    return n.negative ? -v : v;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
    struct parsed n = parse_number(s, end, base, ULLONG_LIMIT, ULLONG_LIMIT);
    if (n.overflow)
        return ULLONG_LIMIT;
    return n.negative ? -n.magnitude : n.magnitude;
}

// The magnitude of LONG_MIN is LONG_MAX + 1, which no long holds, so a
// negative magnitude m is negated as -(m - 1) - 1.
long strtol(const char *s, char **end, int base)
{
    unsigned long long max = (unsigned long long)LONG_LIMIT;
    struct parsed n = parse_number(s, end, base, max, max + 1);
    if (n.negative && n.magnitude)
        return -(long)(n.magnitude - 1) - 1;
    return (long)n.magnitude;
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}
