// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/format.c: vsnprintf and snprintf, the kernel's only formatted
// output; consoles and logs format into a buffer and write that.
//
// Supported: %d %i %u %x %X %o %c %s %p %%; flags - 0 + space #; width and
// precision, either of them `*`; length modifiers hh h l ll z j t.  Output
// matches C99 (and glibc) for all of these, except where C leaves it open:
// %p is always 0x and 2*sizeof(void *) hex digits, a NULL %s is "(null)"
// cut by the precision like any string, and a conversion this file does not
// know (%f, %n, %ls...) is copied to the output as written.  No floating
// point, no positional arguments, no wide characters.
//
// The result follows C99: the return value is the length the whole output
// would have, and the buffer, when size > 0, always ends in a NUL.
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

// Flags, one bit each in the order of flag_chars.
#define FLAG_MINUS 1u
#define FLAG_ZERO 2u
#define FLAG_PLUS 4u
#define FLAG_SPACE 8u
#define FLAG_ALT 16u
static const char flag_chars[] = "-0+ #";

// Widths and precisions saturate here rather than overflow an int.
#define FIELD_MAX ((int)(~0u >> 1))

// 64-bit octal needs 22 digits.
#define DIGITS_MAX 24

static const char lower_digits[] = "0123456789abcdef";
static const char upper_digits[] = "0123456789ABCDEF";

// The output buffer; len counts every byte, stored or not.
struct out {
    char *buf;
    size_t size;
    size_t len;
};

// One parsed conversion.
struct spec {
    unsigned flags;
    int width;          // 0: none
    int prec;           // -1: none
    unsigned arg_size;  // bytes of the integer argument, from the length
};

struct conversion;
typedef void emit_fn(struct out *o, const struct spec *sp, const struct conversion *cv,
                     va_list *ap);

struct conversion {
    char letter;
    unsigned char base;         // integers only
    unsigned char is_signed;
    const char *digits;
    const char *alt_prefix;     // what `#` adds before a non-zero value
    emit_fn *emit;
};

// Longer modifiers first, so "hh" is not read as "h" then a stray 'h'.
static const struct length {
    char text[3];
    unsigned char size;
} lengths[] = {
    { "hh", sizeof(char) },
    { "h", sizeof(short) },
    { "ll", sizeof(long long) },
    { "l", sizeof(long) },
    { "z", sizeof(size_t) },
    { "j", sizeof(intmax_t) },
    { "t", sizeof(ptrdiff_t) },
};

static void out_char(struct out *o, char c)
{
    // Keep the last byte for the terminating NUL.
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void out_mem(struct out *o, const char *s, size_t n)
{
    while (n--)
        out_char(o, *s++);
}

static void out_repeat(struct out *o, char c, int n)
{
    for (; n > 0; n--)
        out_char(o, c);
}

// Text padded with spaces to the width, for %c and %s.  The 0 flag is
// undefined for these; like glibc, it is ignored.
static void emit_text(struct out *o, const struct spec *sp, const char *s, size_t n)
{
    int pad = (size_t)sp->width > n ? sp->width - (int)n : 0;
    if (!(sp->flags & FLAG_MINUS))
        out_repeat(o, ' ', pad);
    out_mem(o, s, n);
    if (sp->flags & FLAG_MINUS)
        out_repeat(o, ' ', pad);
}

// Lays out [spaces][prefix][zeros][digits][spaces].  The precision is the
// minimum digit count; without one, the 0 flag turns the width's padding
// into zeros after the prefix ("-0005", "0x002a").
static void emit_number(struct out *o, const struct spec *sp, const char *prefix,
                        const char *digits, int ndigits)
{
    int plen = (int)strlen(prefix);
    int zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;
    int pad = sp->width - plen - zeros - ndigits;

    if ((sp->flags & (FLAG_ZERO | FLAG_MINUS)) == FLAG_ZERO && sp->prec < 0 && pad > 0) {
        zeros += pad;
        pad = 0;
    }
    if (!(sp->flags & FLAG_MINUS))
        out_repeat(o, ' ', pad);
    out_mem(o, prefix, (size_t)plen);
    out_repeat(o, '0', zeros);
    out_mem(o, digits, (size_t)ndigits);
    if (sp->flags & FLAG_MINUS)
        out_repeat(o, ' ', pad);
}

// Writes the digits of v ending just before end; returns how many.  Zero
// gives "0".  64-bit division calls a helper (libc-mini/int64.c), so it is
// used only while v does not fit in 32 bits.
static int to_digits(char *end, uint64_t v, unsigned base, const char *digit_chars)
{
    char *p = end;
    uint32_t v32;
    while (v > 0xffffffffu) {
        *--p = digit_chars[v % base];
        v /= base;
    }
    v32 = (uint32_t)v;
    do {
        *--p = digit_chars[v32 % base];
        v32 /= base;
    } while (v32);
    return (int)(end - p);
}

// Integer arguments are int-sized or 8 bytes: on i386 (ILP32) int, long,
// size_t and ptrdiff_t are all int-sized; on x86-64, where the host tests
// run, the last three are 8 bytes like long long.  char and short arrive
// promoted to int.
static uint64_t fetch_integer(va_list *ap, unsigned size)
{
    if (size > sizeof(int))
        return va_arg(*ap, unsigned long long);
    return va_arg(*ap, unsigned int);
}

// %d %i %u %x %X %o: the argument is cut to its length's size (so %hhd of
// 200 is -56), then split into sign and magnitude.
static void emit_integer(struct out *o, const struct spec *sp, const struct conversion *cv,
                         va_list *ap)
{
    uint64_t mask = sp->arg_size >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (sp->arg_size * 8)) - 1;
    uint64_t raw = fetch_integer(ap, sp->arg_size) & mask;
    int negative = cv->is_signed && (raw & ((mask >> 1) + 1));
    uint64_t mag = negative ? -raw & mask : raw;
    const char *prefix = "";
    char digits[DIGITS_MAX];
    int n = to_digits(digits + DIGITS_MAX, mag, cv->base, cv->digits);

    if (mag == 0 && sp->prec == 0)
        n = 0;  // "%.0d" of 0 prints no digits at all
    if (negative)
        prefix = "-";
    else if (cv->is_signed && (sp->flags & FLAG_PLUS))
        prefix = "+";
    else if (cv->is_signed && (sp->flags & FLAG_SPACE))
        prefix = " ";
    else if ((sp->flags & FLAG_ALT) && cv->alt_prefix && mag)
        prefix = cv->alt_prefix;
    // %#o starts with a 0: one more digit unless the precision or the
    // value already put a 0 first.
    else if ((sp->flags & FLAG_ALT) && cv->base == 8 && sp->prec <= n
             && (n == 0 || digits[DIGITS_MAX - n] != '0'))
        prefix = "0";
    emit_number(o, sp, prefix, digits + DIGITS_MAX - n, n);
}

static void emit_pointer(struct out *o, const struct spec *sp, const struct conversion *cv,
                         va_list *ap)
{
    char digits[DIGITS_MAX];
    uintptr_t v = (uintptr_t)va_arg(*ap, void *);
    int n = to_digits(digits + DIGITS_MAX, v, 16, lower_digits);
    struct spec local = *sp;
    (void)cv;
    local.prec = 2 * sizeof(void *);
    emit_number(o, &local, "0x", digits + DIGITS_MAX - n, n);
}

static void emit_char(struct out *o, const struct spec *sp, const struct conversion *cv,
                      va_list *ap)
{
    char c = (char)(unsigned char)va_arg(*ap, int);
    (void)cv;
    emit_text(o, sp, &c, 1);
}

static void emit_string(struct out *o, const struct spec *sp, const struct conversion *cv,
                        va_list *ap)
{
    const char *s = va_arg(*ap, const char *);
    (void)cv;
    if (!s)
        s = "(null)";
    emit_text(o, sp, s, sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s));
}

// %% ignores flags, width and precision, as glibc does.
static void emit_percent(struct out *o, const struct spec *sp, const struct conversion *cv,
                         va_list *ap)
{
    (void)sp;
    (void)cv;
    (void)ap;
    out_char(o, '%');
}

static const struct conversion conversions[] = {
    { 'd', 10, 1, lower_digits, NULL, emit_integer },
    { 'i', 10, 1, lower_digits, NULL, emit_integer },
    { 'u', 10, 0, lower_digits, NULL, emit_integer },
    { 'x', 16, 0, lower_digits, "0x", emit_integer },
    { 'X', 16, 0, upper_digits, "0X", emit_integer },
    { 'o', 8, 0, lower_digits, NULL, emit_integer },
    { 'p', 16, 0, lower_digits, NULL, emit_pointer },
    { 'c', 0, 0, NULL, NULL, emit_char },
    { 's', 0, 0, NULL, NULL, emit_string },
    { '%', 0, 0, NULL, NULL, emit_percent },
};

static const struct conversion *find_conversion(char letter)
{
    size_t i;
    for (i = 0; i < sizeof(conversions) / sizeof(conversions[0]); i++) {
        if (conversions[i].letter == letter)
            return &conversions[i];
    }
    return NULL;
}

// Reads a width or precision: decimal digits, or `*` taking an int
// argument (which may be negative; the caller decides what that means).
static const char *parse_field(const char *fmt, va_list *ap, int *value)
{
    int v = 0;
    if (*fmt == '*') {
        *value = va_arg(*ap, int);
        return fmt + 1;
    }
    for (; *fmt >= '0' && *fmt <= '9'; fmt++)
        v = v > (FIELD_MAX - 9) / 10 ? FIELD_MAX : v * 10 + (*fmt - '0');
    *value = v;
    return fmt;
}

// Parses the conversion whose '%' is at fmt, emits it, and returns where
// the format continues.
static const char *emit_conversion(struct out *o, const char *fmt, va_list *ap)
{
    const char *start = fmt++, *flag;
    const struct conversion *cv;
    struct spec sp = { 0, 0, -1, sizeof(int) };
    size_t i, n;

    while (*fmt && (flag = strchr(flag_chars, *fmt)) != NULL) {
        sp.flags |= 1u << (flag - flag_chars);
        fmt++;
    }
    fmt = parse_field(fmt, ap, &sp.width);
    if (sp.width < 0) {     // a negative `*` width means left-justify
        sp.flags |= FLAG_MINUS;
        sp.width = sp.width < -FIELD_MAX ? FIELD_MAX : -sp.width;
    }
    if (*fmt == '.') {
        fmt = parse_field(fmt + 1, ap, &sp.prec);
        if (sp.prec < 0)    // a negative `*` precision counts as none
            sp.prec = -1;
    }
    for (i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        n = strlen(lengths[i].text);
        if (strncmp(fmt, lengths[i].text, n) == 0) {
            sp.arg_size = lengths[i].size;
            fmt += n;
            break;
        }
    }
    cv = find_conversion(*fmt);
    if (!cv) {
        n = (size_t)(fmt - start) + (*fmt != '\0');
        out_mem(o, start, n);
        return start + n;
    }
    cv->emit(o, &sp, cv, ap);
    return fmt + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o;
    va_list args;

    o.buf = buf;
    o.size = size;
    o.len = 0;
    // A copy, so it can be passed by address to the conversion functions
    // (a va_list parameter may be an array type on other ABIs).
    va_copy(args, ap);
    while (*fmt) {
        if (*fmt == '%')
            fmt = emit_conversion(&o, fmt, &args);
        else
            out_char(&o, *fmt++);
    }
    va_end(args);
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
