// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/libc_test.c: host unit test of libc-mini (string.c, format.c,
// stdlib.c, ctype.c, int64.c), built under ASan and UBSan.  The Makefile
// builds it for x86-64; it passes as an i386 (-m32) program too, which is
// the ABI the kernel has (under qemu-i386, with ASAN_OPTIONS=detect_leaks=0).
//
// libc_rename.h (force-included here and into the libc-mini sources) turns
// every libc-mini name into mini_<name>, so this file calls ours as mini_*
// and reaches glibc's own functions, the references, through asm labels
// (host_*).  Most checks compare the two over tables and over pseudo-random
// inputs from a fixed-seed LCG, so every run checks the same cases.  The
// int64 helpers are compared with the compiler's own 64-bit operators.
// Prints one line per failed check, then `libc_test: N checks, M failed`;
// exits 1 if any failed.
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// glibc's implementations, by symbol name: the C names are renamed to ours.
int host_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __asm__("vsnprintf");
int host_snprintf(char *buf, size_t size, const char *fmt, ...) __asm__("snprintf")
    __attribute__((format(printf, 3, 4)));
void *host_memcpy(void *dst, const void *src, size_t n) __asm__("memcpy");
void *host_memmove(void *dst, const void *src, size_t n) __asm__("memmove");
void *host_memset(void *dst, int c, size_t n) __asm__("memset");
int host_memcmp(const void *a, const void *b, size_t n) __asm__("memcmp");
void *host_memchr(const void *s, int c, size_t n) __asm__("memchr");
size_t host_strlen(const char *s) __asm__("strlen");
size_t host_strnlen(const char *s, size_t max) __asm__("strnlen");
int host_strcmp(const char *a, const char *b) __asm__("strcmp");
int host_strncmp(const char *a, const char *b, size_t n) __asm__("strncmp");
char *host_strchr(const char *s, int c) __asm__("strchr");
char *host_strrchr(const char *s, int c) __asm__("strrchr");
char *host_strstr(const char *haystack, const char *needle) __asm__("strstr");
size_t host_strspn(const char *s, const char *accept) __asm__("strspn");
size_t host_strcspn(const char *s, const char *reject) __asm__("strcspn");
unsigned long host_strtoul(const char *s, char **end, int base) __asm__("strtoul");
long host_strtol(const char *s, char **end, int base) __asm__("strtol");
unsigned long long host_strtoull(const char *s, char **end, int base) __asm__("strtoull");
int host_atoi(const char *s) __asm__("atoi");

// A glibc ctype function by symbol name, and ours, side by side.
struct ctype_pair {
    const char *name;
    int (*ours)(int);
    int (*ref)(int);
};
#define HOST_CTYPE(name) int host_##name(int c) __asm__(#name);
HOST_CTYPE(isdigit) HOST_CTYPE(isxdigit) HOST_CTYPE(isspace) HOST_CTYPE(isalpha)
HOST_CTYPE(isalnum) HOST_CTYPE(isupper) HOST_CTYPE(islower) HOST_CTYPE(isprint)
HOST_CTYPE(tolower) HOST_CTYPE(toupper)

// Ours that glibc 2.36 does not declare; the int64 helpers, which no
// header declares (renamed to mini_* by libc_rename.h).
size_t strlcpy(char *dst, const char *src, size_t size);
size_t strlcat(char *dst, const char *src, size_t size);
uint64_t __udivdi3(uint64_t num, uint64_t den);
uint64_t __umoddi3(uint64_t num, uint64_t den);
uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem);
int64_t __divdi3(int64_t num, int64_t den);
int64_t __moddi3(int64_t num, int64_t den);
int64_t __divmoddi4(int64_t num, int64_t den, int64_t *rem);
uint64_t __ashldi3(uint64_t a, int count);
uint64_t __lshrdi3(uint64_t a, int count);
int64_t __ashrdi3(int64_t a, int count);

static unsigned long checks, failures;

// Counts one check; on failure prints the message, formatted by glibc.
static int check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int check(int ok, const char *fmt, ...)
{
    va_list ap;
    checks++;
    if (ok)
        return 1;
    failures++;
    va_start(ap, fmt);
    printf("FAIL ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    return 0;
}

// Knuth's MMIX LCG, fixed seed: the same inputs on every run.
static uint64_t lcg_state = 0x5eed5eed5eedull;

static uint32_t rand32(void)
{
    lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(lcg_state >> 32);
}

static uint64_t rand64(void)
{
    uint64_t high = rand32();
    return high << 32 | rand32();
}

static unsigned rand_below(unsigned n)
{
    return rand32() % n;
}

// A random value of random bit length, so that small values are common.
static uint64_t rand_sized(void)
{
    uint64_t v = rand64();
    return v >> rand_below(64);
}

static int sign_of(int v)
{
    return (v > 0) - (v < 0);
}

// ---- vsnprintf, snprintf ---------------------------------------------------

#define FMT_BUF 256

// Formats with ours and with glibc's and compares result and length, then
// formats again into a buffer cut to a pseudo-random size (0 with a NULL
// buffer), which must hold glibc's prefix and a NUL and nothing beyond.
static void compare_format(const char *fmt, ...)
{
    char ours[FMT_BUF], ref[FMT_BUF], cut[FMT_BUF];
    va_list ap, ap_ours, ap_cut;
    int n_ref, n_ours, n_cut;
    size_t size, keep;

    va_start(ap, fmt);
    va_copy(ap_ours, ap);
    va_copy(ap_cut, ap);
    n_ref = host_vsnprintf(ref, sizeof ref, fmt, ap);
    n_ours = mini_vsnprintf(ours, sizeof ours, fmt, ap_ours);
    check(n_ref >= 0 && n_ref < FMT_BUF && n_ours == n_ref
              && host_memcmp(ours, ref, (size_t)n_ref + 1) == 0,
          "vsnprintf \"%s\": \"%s\" (%d), glibc \"%s\" (%d)", fmt, ours, n_ours, ref, n_ref);
    size = rand_below((unsigned)n_ref + 2);
    keep = size ? size - 1 : 0;
    host_memset(cut, 0x5a, sizeof cut);
    n_cut = mini_vsnprintf(size ? cut : NULL, size, fmt, ap_cut);
    check(n_cut == n_ref && host_memcmp(cut, ref, keep) == 0 && (!size || cut[keep] == '\0')
              && cut[size] == 0x5a && cut[FMT_BUF - 1] == 0x5a,
          "vsnprintf \"%s\" into %zu bytes: returned %d, glibc %d", fmt, size, n_cut, n_ref);
    va_end(ap_cut);
    va_end(ap_ours);
    va_end(ap);
}

static const uint64_t format_values[] = {
    0, 1, 7, 42, 127, 128, 255, 256, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
    0xffffffff, 0x100000000ull, 0x123456789abcdefull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffff80ull, 0xffffffffffffffffull,
};

// A width or precision as written, and the int that a `*` in it consumes.
struct field {
    const char *text;
    int stars;
    int value;
};
static const struct field format_widths[] = {
    { "", 0, 0 }, { "1", 0, 0 }, { "6", 0, 0 }, { "23", 0, 0 },
    { "*", 1, 9 }, { "*", 1, -9 }, { "*", 1, 0 },
};
static const struct field format_precs[] = {
    { "", 0, 0 }, { ".", 0, 0 }, { ".0", 0, 0 }, { ".1", 0, 0 }, { ".4", 0, 0 },
    { ".25", 0, 0 }, { ".*", 1, 3 }, { ".*", 1, -1 }, { ".*", 1, 0 },
};
static const char *const format_flags[] = {
    "", "-", "0", "+", " ", "#", "-0", "0+", " 0", "-+", "#0", "-#", "+ ", "0-+ #",
};
// Each length modifier with the size of the argument it takes.
static const struct {
    const char *text;
    size_t size;
} format_lengths[] = {
    { "hh", sizeof(int) }, { "h", sizeof(int) }, { "", sizeof(int) }, { "l", sizeof(long) },
    { "ll", sizeof(long long) }, { "z", sizeof(size_t) }, { "j", sizeof(intmax_t) },
    { "t", sizeof(ptrdiff_t) },
};

// Passes the `*` ints, then v as an int-sized or a 64-bit argument (the
// only two sizes of integer arguments, on i386 and on x86-64).
static void format_integer(const char *fmt, const struct field *w, const struct field *p,
                           int wide, uint64_t v)
{
    int stars[2], n = 0;
    unsigned v32 = (unsigned)v;
    if (w->stars)
        stars[n++] = w->value;
    if (p->stars)
        stars[n++] = p->value;
    if (n == 0)
        wide ? compare_format(fmt, v) : compare_format(fmt, v32);
    else if (n == 1)
        wide ? compare_format(fmt, stars[0], v) : compare_format(fmt, stars[0], v32);
    else
        wide ? compare_format(fmt, stars[0], stars[1], v)
             : compare_format(fmt, stars[0], stars[1], v32);
}

// Every flag set x width x precision x length x integer conversion x value.
// `#` is left out of %d %i %u, for which C leaves it undefined.
static void test_format_integers(void)
{
    static const char convs[] = "diuxXo";
    char fmt[64];
    size_t f, w, p, l, c, v;

    for (f = 0; f < sizeof format_flags / sizeof *format_flags; f++)
    for (w = 0; w < sizeof format_widths / sizeof *format_widths; w++)
    for (p = 0; p < sizeof format_precs / sizeof *format_precs; p++)
    for (l = 0; l < sizeof format_lengths / sizeof *format_lengths; l++)
    for (c = 0; convs[c]; c++) {
        int wide = format_lengths[l].size == sizeof(uint64_t);
        if (host_strchr(format_flags[f], '#') && host_strchr("diu", convs[c]))
            continue;
        host_snprintf(fmt, sizeof fmt, "<%%%s%s%s%s%c>", format_flags[f], format_widths[w].text,
                      format_precs[p].text, format_lengths[l].text, convs[c]);
        for (v = 0; v < sizeof format_values / sizeof *format_values; v++)
            format_integer(fmt, &format_widths[w], &format_precs[p], wide, format_values[v]);
    }
}

// %c and %s under widths, precisions and the - flag, and mixed formats.
static void test_format_text(void)
{
    static const char *const strings[] = { "", "a", "hello", "a longer string, 31 bytes long" };
    static const char *const specs[] = { "%s", "%8s", "%-8s", "%.3s", "%8.3s", "%-8.0s", "%.40s",
                                         "%1s", "%*s", "%-*s", "%.*s", "%*.*s" };
    static const int chars[] = { 'A', ' ', '~', 0, 200, -1 };
    static const char *const char_specs[] = { "%c", "%5c", "%-5c", "%1c", "[%c%c]" };
    char fmt[32];
    size_t i, j;

    for (i = 0; i < sizeof specs / sizeof *specs; i++) {
        for (j = 0; j < sizeof strings / sizeof *strings; j++) {
            host_snprintf(fmt, sizeof fmt, "(%s)", specs[i]);
            if (host_strstr(specs[i], "*.*"))
                compare_format(fmt, 12, 4, strings[j]);
            else if (host_strchr(specs[i], '*'))
                compare_format(fmt, (int)j * 5 - 7, strings[j]);
            else
                compare_format(fmt, strings[j]);
        }
    }
    for (i = 0; i < sizeof char_specs / sizeof *char_specs; i++)
        for (j = 0; j < sizeof chars / sizeof *chars; j++)
            compare_format(char_specs[i], chars[j], chars[(j + 1) % 6]);
    compare_format("%d%% of %s: %-4d|%+3d|%#x|%05o|%c", 50, "disk", 7, 9, 255u, 8u, 'z');
    compare_format("pid %5d %-10s %08x %lld %llu %hhx %hd %zu %td %jd", 42, "init", 0xbeefu,
                   -5ll, 6ull, 0x1ffu, 0x18000, (size_t)77, (ptrdiff_t)-8, (intmax_t)-9);
    compare_format("%-+7d|% -7d|%-07x|%+07d|% 07d|%#-8x|%#08X|%#.5o", 3, 4, 5u, 6, -7, 8u, 9u, 10u);
    compare_format("%%|%c%c|%s%s|%i", '%', 'd', "%d", "", -2147483647 - 1);
    compare_format("no conversions at all, just text that is long enough to be cut");
    compare_format("");
}

// What glibc prints differently, where C leaves the result open.
static void expect_format(const char *expected, const char *fmt, ...)
{
    char buf[FMT_BUF];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = mini_vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    check(n == (int)host_strlen(expected) && host_strcmp(buf, expected) == 0,
          "vsnprintf \"%s\": \"%s\" (%d), expected \"%s\"", fmt, buf, n, expected);
}

// %p: 0x and 2 * sizeof(void *) hex digits, 8 on i386 (glibc: "0xabcd").
static void test_format_pointer(void)
{
    static const uintptr_t pointers[] = { 0, 0xabcd, 0xc0100a3f, UINTPTR_MAX };
    char digits[40], padded[80];
    size_t i;

    for (i = 0; i < sizeof pointers / sizeof *pointers; i++) {
        void *p = (void *)pointers[i];
        host_snprintf(digits, sizeof digits, "0x%0*llx", (int)(2 * sizeof p),
                      (unsigned long long)pointers[i]);
        expect_format(digits, "%p", p);
        host_snprintf(padded, sizeof padded, "[%24s|%-24s|%s]", digits, digits, digits);
        expect_format(padded, "[%24p|%-24p|%1p]", p, p, p);
    }
}

static void test_format_fixed(void)
{
    char buf[8];
    int n;

    expect_format("(null)", "%s", (char *)0);
    expect_format("  (null)|(nu", "%8s|%.3s", (char *)0, (char *)0);
    expect_format("%y %5f %", "%y %5f %");
    expect_format("%ly 3", "%ly %d", 3);
    expect_format("%", "%5%");
    n = mini_snprintf(buf, sizeof buf, "%s", "0123456789");
    check(n == 10 && host_strcmp(buf, "0123456") == 0, "snprintf cut: %d \"%s\"", n, buf);
    n = mini_snprintf(NULL, 0, "%d", 12345);
    check(n == 5, "snprintf(NULL, 0): %d", n);
    buf[0] = 'x';
    n = mini_snprintf(buf, 1, "abc");
    check(n == 3 && buf[0] == '\0', "snprintf size 1: %d \"%s\"", n, buf);
    n = mini_snprintf(buf, sizeof buf, "%s", "");
    check(n == 0 && buf[0] == '\0', "snprintf empty: %d", n);
}

// ---- string.h -----------------------------------------------------------------

#define MEM_BUF 320

static void fill_random(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n--)
        *p++ = (unsigned char)rand32();
}

// memcpy and memset at every alignment of source and destination.
static void test_memcpy_memset(void)
{
    unsigned char src[MEM_BUF], a[MEM_BUF], b[MEM_BUF];
    int i;

    for (i = 0; i < 4000; i++) {
        size_t n = rand_below(i < 2000 ? 40 : 300), s_off = rand_below(8), d_off = rand_below(8);
        int c = (int)rand32(); // bits above the byte must be ignored
        void *r;
        fill_random(src, sizeof src);
        fill_random(a, sizeof a);
        host_memcpy(b, a, sizeof a);
        r = mini_memcpy(a + d_off, src + s_off, n);
        host_memcpy(b + d_off, src + s_off, n);
        check(r == a + d_off && host_memcmp(a, b, sizeof a) == 0,
              "memcpy n=%zu src+%zu dst+%zu", n, s_off, d_off);
        r = mini_memset(a + s_off, c, n);
        host_memset(b + s_off, c, n);
        check(r == a + s_off && host_memcmp(a, b, sizeof a) == 0,
              "memset n=%zu dst+%zu c=%d", n, s_off, c);
    }
}

// Overlapping moves in both directions, and disjoint ones.
static void test_memmove(void)
{
    unsigned char a[MEM_BUF], b[MEM_BUF];
    int i;

    for (i = 0; i < 4000; i++) {
        size_t n = rand_below(200), s_off = rand_below(100), d_off = rand_below(100);
        void *r;
        fill_random(a, sizeof a);
        host_memcpy(b, a, sizeof a);
        r = mini_memmove(a + d_off, a + s_off, n);
        host_memmove(b + d_off, b + s_off, n);
        check(r == a + d_off && host_memcmp(a, b, sizeof a) == 0,
              "memmove n=%zu src+%zu dst+%zu", n, s_off, d_off);
    }
}

// memcmp and memchr on bytes with the top bit set, which must compare as
// unsigned, and search values outside 0..255.
static void test_memcmp_memchr(void)
{
    unsigned char a[64], b[64];
    int i;

    for (i = 0; i < 4000; i++) {
        size_t n = rand_below(64), at = rand_below(64);
        int c = (int)rand_below(16);
        c += rand32() & 1 ? 0x78 : -0x108;
        fill_random(a, sizeof a);
        host_memcpy(b, a, sizeof a);
        if (rand32() & 1)
            b[at] = (unsigned char)rand32();
        check(sign_of(mini_memcmp(a, b, n)) == sign_of(host_memcmp(a, b, n)),
              "memcmp n=%zu diff at %zu: %02x vs %02x", n, at, a[at], b[at]);
        for (at = 0; at < sizeof a; at++)
            a[at] = (unsigned char)(0x80 + rand_below(16));
        check(mini_memchr(a, c, n) == host_memchr(a, c, n), "memchr n=%zu c=%d", n, c);
    }
}

// A random string of up to max bytes from alphabet, terminated.
static void random_string(char *buf, size_t max, const char *alphabet)
{
    size_t n = rand_below((unsigned)max + 1), k = host_strlen(alphabet), i;
    for (i = 0; i < n; i++)
        buf[i] = alphabet[rand_below((unsigned)k)];
    buf[n] = '\0';
}

static const char alphabet[] = "ab\x80\xff z";

static void test_strlen_cmp(void)
{
    char a[80], b[80];
    int i;

    for (i = 0; i < 4000; i++) {
        size_t off = rand_below(8), len, max, n, at;
        random_string(a + off, 60, alphabet);
        len = host_strlen(a + off);
        max = rand_below((unsigned)len + 3);
        check(mini_strlen(a + off) == len, "strlen %zu", len);
        check(mini_strnlen(a + off, max) == host_strnlen(a + off, max), "strnlen %zu %zu", len, max);
        host_memcpy(b, a + off, len + 1);
        if (len && (rand32() & 1)) {
            at = rand_below((unsigned)len);
            b[at] = alphabet[rand_below(6)];
        }
        if (len && (rand32() & 1))
            b[rand_below((unsigned)len)] = '\0';
        n = rand_below((unsigned)len + 3);
        check(sign_of(mini_strcmp(a + off, b)) == sign_of(host_strcmp(a + off, b)),
              "strcmp \"%s\" \"%s\"", a + off, b);
        check(sign_of(mini_strncmp(a + off, b, n)) == sign_of(host_strncmp(a + off, b, n)),
              "strncmp \"%s\" \"%s\" %zu", a + off, b, n);
    }
}

// strchr and strrchr, including the terminator, chars given as negative
// ints or with bits above the byte, and chars not in the string.
static void test_strchr_strstr(void)
{
    static const int searched[] = { 'a', 'z', ' ', 0, 0x80, -128, 0xff, -1, 'a' + 256, 'q' };
    char s[40], needle[8];
    int i;
    size_t j;

    for (i = 0; i < 3000; i++) {
        random_string(s, 30, alphabet);
        for (j = 0; j < sizeof searched / sizeof *searched; j++) {
            int c = searched[j];
            check(mini_strchr(s, c) == host_strchr(s, c), "strchr \"%s\" %d", s, c);
            check(mini_strrchr(s, c) == host_strrchr(s, c), "strrchr \"%s\" %d", s, c);
        }
        random_string(s, 24, "ab");
        random_string(needle, i % 100 ? 4 : 7, "ab");
        check(mini_strstr(s, needle) == host_strstr(s, needle), "strstr \"%s\" \"%s\"", s,
              needle);
        random_string(needle, 4, "b\x80 ");
        random_string(s, 20, alphabet);
        check(mini_strspn(s, needle) == host_strspn(s, needle), "strspn \"%s\" \"%s\"", s,
              needle);
        check(mini_strcspn(s, needle) == host_strcspn(s, needle), "strcspn \"%s\" \"%s\"", s,
              needle);
    }
}

// strlcpy and strlcat against their BSD definition, spelled out here with
// glibc's functions (glibc 2.36 has neither).  The destination is random
// text, sometimes with no terminator within size, which strlcat must leave.
static void test_strlcpy_strlcat(void)
{
    char src[40], a[48], b[48];
    size_t size, len, used, n, r;
    int i;

    for (i = 0; i < 3000; i++) {
        size = rand_below(44);
        random_string(src, 35, "xyz");
        len = host_strlen(src);
        fill_random(a, sizeof a);
        host_memcpy(b, a, sizeof a);
        r = mini_strlcpy(a, src, size);
        n = size && len >= size ? size - 1 : len;
        if (size) {
            host_memcpy(b, src, n);
            b[n] = '\0';
        }
        check(r == len && host_memcmp(a, b, sizeof a) == 0, "strlcpy \"%s\" %zu", src, size);
        random_string(a, 40, "pq");
        host_memcpy(b, a, sizeof a);
        r = mini_strlcat(a, src, size);
        used = host_strnlen(b, size);
        if (used < size) {
            n = len < size - used - 1 ? len : size - used - 1;
            host_memcpy(b + used, src, n);
            b[used + n] = '\0';
        }
        check(r == used + len && host_memcmp(a, b, sizeof a) == 0, "strlcat \"%s\" %zu", src,
              size);
    }
}

// ---- stdlib.h ----------------------------------------------------------------

// strtoul, strtol and strtoull: value and end pointer; atoi in base 10.
static void compare_strto(const char *s, int base)
{
    char *end, *ref_end;
    unsigned long ul = mini_strtoul(s, &end, base), ul_ref = host_strtoul(s, &ref_end, base);
    long l, l_ref;
    unsigned long long ull, ull_ref;

    check(ul == ul_ref && end == ref_end, "strtoul(\"%s\", %d): %lu +%d, glibc %lu +%d", s, base,
          ul, (int)(end - s), ul_ref, (int)(ref_end - s));
    l = mini_strtol(s, &end, base);
    l_ref = host_strtol(s, &ref_end, base);
    check(l == l_ref && end == ref_end, "strtol(\"%s\", %d): %ld +%d, glibc %ld +%d", s, base, l,
          (int)(end - s), l_ref, (int)(ref_end - s));
    ull = mini_strtoull(s, &end, base);
    ull_ref = host_strtoull(s, &ref_end, base);
    check(ull == ull_ref && end == ref_end, "strtoull(\"%s\", %d): %llu +%d, glibc %llu +%d", s,
          base, ull, (int)(end - s), ull_ref, (int)(ref_end - s));
    if (base == 10)
        check(mini_atoi(s) == host_atoi(s), "atoi(\"%s\"): %d, glibc %d", s, mini_atoi(s),
              host_atoi(s));
}

static const char *const number_strings[] = {
    "0", "7", "  42", "\t\n\v\f\r+42", "-42", "+-1", "- 1", "", " ", "-", "+", "0x", "0X1F",
    "0x1f", "-0x10", "0xg", "0x 1", "077", "08", "0b101", "12abc", "1_000", "zz", "ZZ", "Zz9",
    "00000000000000000000000000000000001", "4294967295", "4294967296", "-4294967295",
    "-4294967296", "2147483647", "2147483648", "-2147483648", "-2147483649",
    "18446744073709551615", "18446744073709551616", "-18446744073709551615",
    "-18446744073709551616", "9223372036854775807", "9223372036854775808",
    "99999999999999999999999999", "-99999999999999999999999999", "0xffffffff", "0x100000000",
    "0xFFFFFFFFFFFFFFFF", "0x10000000000000000", "1y", "3w5e11", "7ZIK0ZJ", "3W5E12",
    "11111111111111111111111111111111", "100000000000000000000000000000000", "\x80" "1",
};
static const int number_bases[] = { 0, 2, 8, 10, 16, 36 };

// [space][sign][prefix]digits[junk], the digits those of a random value
// in a random base, the value's bit length random too.
static void random_number(char *buf, size_t size, int base)
{
    static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    static const char *const prefixes[] = { "", "", "0", "0x", "0X" };
    static const char *const junk[] = { "", "", " 1", "x", "g", "9", "z", "-" };
    char digits[72], *p = digits + sizeof digits;
    uint64_t v = rand_sized();
    unsigned b = base ? (unsigned)base : 10;
    const char *space = rand32() & 1 ? "" : " \t", *sign = rand32() & 1 ? "" : "-";
    const char *prefix = prefixes[rand_below(5)];

    *--p = '\0';
    do {
        *--p = digit_chars[v % b];
        v /= b;
    } while (v);
    host_snprintf(buf, size, "%s%s%s%s%s", space, sign, prefix, p, junk[rand_below(8)]);
}

static void test_strto(void)
{
    char buf[100], *end;
    size_t i, j;
    const char *s = "  12";

    for (i = 0; i < sizeof number_strings / sizeof *number_strings; i++)
        for (j = 0; j < sizeof number_bases / sizeof *number_bases; j++)
            compare_strto(number_strings[i], number_bases[j]);
    for (i = 0; i < 20000; i++) {
        int base = rand32() & 1 ? number_bases[rand_below(6)] : 2 + (int)rand_below(35);
        random_number(buf, sizeof buf, base);
        compare_strto(buf, base);
    }
    // Invalid bases: glibc leaves *end alone; ours points it at the start.
    check(mini_strtoul(s, &end, 1) == 0 && end == s, "strtoul base 1");
    check(mini_strtol(s, &end, 37) == 0 && end == s, "strtol base 37");
    check(mini_strtoull(s, &end, -2) == 0 && end == s, "strtoull base -2");
    check(mini_strtoul("42", NULL, 10) == 42, "strtoul with no end pointer");
}

// ---- ctype.h -------------------------------------------------------------------

// Every byte and EOF, against glibc in the C locale.
static void test_ctype(void)
{
    static const struct ctype_pair pairs[] = {
        { "isdigit", mini_isdigit, host_isdigit }, { "isxdigit", mini_isxdigit, host_isxdigit },
        { "isspace", mini_isspace, host_isspace }, { "isalpha", mini_isalpha, host_isalpha },
        { "isalnum", mini_isalnum, host_isalnum }, { "isupper", mini_isupper, host_isupper },
        { "islower", mini_islower, host_islower }, { "isprint", mini_isprint, host_isprint },
        { "tolower", mini_tolower, host_tolower }, { "toupper", mini_toupper, host_toupper },
    };
    size_t i;
    int c;

    for (i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        for (c = -1; c < 256; c++) {
            int ours = pairs[i].ours(c), ref = pairs[i].ref(c);
            if (pairs[i].name[0] == 'i') {
                ours = !!ours;
                ref = !!ref;
            }
            check(ours == ref, "%s(%d): %d, glibc %d", pairs[i].name, c, ours, ref);
        }
    }
}

// ---- int64.c -------------------------------------------------------------------

#define EDGE_MAX 256
static uint64_t edges[EDGE_MAX];
static size_t edge_count;

// 0..10, 2^k and 2^k +- 1, the 32-bit boundaries, and pseudo-random values
// of every bit length.
static void make_edges(void)
{
    int k;
    for (k = 0; k <= 10; k++)
        edges[edge_count++] = (uint64_t)k;
    for (k = 2; k < 64; k++) {
        edges[edge_count++] = (uint64_t)1 << k;
        edges[edge_count++] = ((uint64_t)1 << k) - 1;
        edges[edge_count++] = ((uint64_t)1 << k) + 1;
    }
    edges[edge_count++] = UINT64_MAX;
    edges[edge_count++] = UINT64_MAX - 1;
    edges[edge_count++] = (uint64_t)INT64_MAX;
    while (edge_count < EDGE_MAX)
        edges[edge_count++] = rand_sized();
}

// Ours against the compiler's own 64-bit `/` and `%` (libgcc's helpers).
static void compare_division(uint64_t a, uint64_t b)
{
    int64_t sa = (int64_t)a, sb = (int64_t)b, sq, sr;
    uint64_t q, r;

    q = mini_udivmoddi4(a, b, &r);
    check(q == a / b && r == a % b && mini_udivdi3(a, b) == a / b && mini_umoddi3(a, b) == a % b,
          "unsigned %llx / %llx: %llx rem %llx", (unsigned long long)a, (unsigned long long)b,
          (unsigned long long)q, (unsigned long long)r);
    if (sa == INT64_MIN && sb == -1)
        return; // overflows: undefined in C
    sq = mini_divmoddi4(sa, sb, &sr);
    check(sq == sa / sb && sr == sa % sb && mini_divdi3(sa, sb) == sa / sb
              && mini_moddi3(sa, sb) == sa % sb,
          "signed %lld / %lld: %lld rem %lld", (long long)sa, (long long)sb, (long long)sq,
          (long long)sr);
}

static void test_int64(void)
{
    uint64_t q, r;
    size_t i, j;
    int n;

    make_edges();
    for (i = 0; i < edge_count; i++)
        for (j = 0; j < edge_count; j++)
            if (edges[j])
                compare_division(edges[i], edges[j]);
    for (i = 0; i < 100000; i++) {
        uint64_t a = rand_sized(), b = rand_sized();
        if (b)
            compare_division(a, b);
    }
    for (i = 0; i < edge_count; i++) {
        uint64_t v = edges[i];
        for (n = 0; n < 64; n++)
            check(mini_ashldi3(v, n) == v << n && mini_lshrdi3(v, n) == v >> n
                      && mini_ashrdi3((int64_t)v, n) == (int64_t)v >> n,
                  "shifts of %llx by %d", (unsigned long long)v, n);
    }
    // Division by zero: all-ones quotient, the dividend as remainder.
    q = mini_udivmoddi4(12345, 0, &r);
    check(q == UINT64_MAX && r == 12345, "udivmoddi4 by zero: %llx rem %llx",
          (unsigned long long)q, (unsigned long long)r);
}

int main(void)
{
    test_format_integers();
    test_format_text();
    test_format_pointer();
    test_format_fixed();
    test_memcpy_memset();
    test_memmove();
    test_memcmp_memchr();
    test_strlen_cmp();
    test_strchr_strstr();
    test_strlcpy_strlcat();
    test_strto();
    test_ctype();
    test_int64();
    printf("libc_test: %lu checks, %lu failed\n", checks, failures);
    return failures ? 1 : 0;
}
