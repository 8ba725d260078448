// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/settings.c: seedstrap.cfg, kernel options in a text file on
// init.img's FAT partition, so that a user on any computer can change them
// with a text editor (README.md, "Settings from any computer").  This file
// finds the first FAT partition of the disk it is given, reads the file
// through kernel/fs/fat.c and turns its lines into one line of options;
// kernel/main.c gives it the boot disk and puts the options before the
// built-in command line, where the first of a repeated option wins.
//
// The file comes from an editor on another system, so the parse is strict
// and all or nothing: a byte that is not text (comments may hold UTF-8), an
// option the kernel does not know, one set twice or a quote left open, and
// the whole file is refused with the line and the reason, so a typo is
// reported rather than silently ignored.  Line ends may be LF, CRLF or CR; a
// UTF-8 byte-order mark at the start is skipped.
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "dev/mbr.h"
#include "fat.h"
#include "lib/errno.h"
#include "lib/nelem.h"
#include "settings.h"

// every option the kernel reads (kernel/main.c, kernel/proc/exec.c);
// README.md's command-line table says what each does, and
// tests/host/options_test.sh checks that the three agree
static const char *const known[] = {
    "console", "disk", "stop-after", "init", "codeview", "selftest", "memmap", "disktest",
    "cut-at-commit", "test",
};

// MBR types of FAT volumes: FAT12; FAT16 small, big and LBA; FAT32 CHS and LBA
static const uint8_t fat_types[] = { 0x01, 0x04, 0x06, 0x0e, 0x0b, 0x0c };

struct parser {
    const char *text;
    size_t n, p;                // the file and the place in it
    int line;
    int seen[NELEM(known)];     // the line each option was set on, or 0
    struct settings *s;
};

static int why(struct settings *s, int err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(s->why, sizeof s->why, fmt, ap);
    va_end(ap);
    return err;
}

// a character that ends an option: a blank, a line end or a comment
static int ends(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '#';
}

static int printable(unsigned char c)
{
    return c >= 0x20 && c < 0x7f;
}

static int bad_byte(struct parser *ps)
{
    return why(ps->s, -EINVAL, "seedstrap.cfg line %d: byte 0x%02x is not plain text", ps->line,
               (unsigned char)ps->text[ps->p]);
}

// a comment, to the end of its line: anything but control characters
static int comment(struct parser *ps)
{
    for (; ps->p < ps->n && ps->text[ps->p] != '\n' && ps->text[ps->p] != '\r'; ps->p++) {
        unsigned char c = ps->text[ps->p];
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return bad_byte(ps);
    }
    return 0;
}

// the value after "=": "quoted, with blanks" or up to the option's end
static int value(struct parser *ps)
{
    const char *t = ps->text;

    if (ps->p < ps->n && t[ps->p] == '"') {
        for (ps->p++; ps->p < ps->n && t[ps->p] != '"'; ps->p++) {
            if (t[ps->p] == '\n' || t[ps->p] == '\r')
                break;
            if (!printable(t[ps->p]) && t[ps->p] != '\t')
                return bad_byte(ps);
        }
        if (ps->p == ps->n || t[ps->p] != '"')
            return why(ps->s, -EINVAL, "seedstrap.cfg line %d: a quote is not closed", ps->line);
        ps->p++;
        return 0;
    }
    for (; ps->p < ps->n && !ends(t[ps->p]); ps->p++)
        if (!printable(t[ps->p]))
            return bad_byte(ps);
    return 0;
}

static int known_option(const char *key, size_t len)
{
    size_t i;

    for (i = 0; i < NELEM(known); i++)
        if (strlen(known[i]) == len && !memcmp(known[i], key, len))
            return (int)i;
    return -1;
}

// one KEY, KEY=VALUE or KEY="VALUE", appended to s->options as it is written
static int option(struct parser *ps)
{
    const char *t = ps->text;
    size_t start = ps->p, length;
    int k, err;

    for (; ps->p < ps->n && !ends(t[ps->p]) && t[ps->p] != '='; ps->p++)
        if (!printable(t[ps->p]))
            return bad_byte(ps);
    if ((k = known_option(t + start, ps->p - start)) < 0)
        return why(ps->s, -EINVAL, "seedstrap.cfg line %d: unknown option \"%.*s\"", ps->line,
                   (int)(ps->p - start < 40 ? ps->p - start : 40), t + start);
    if (ps->seen[k])
        return why(ps->s, -EINVAL, "seedstrap.cfg line %d: %s is set twice (first on line %d)", ps->line,
                   known[k], ps->seen[k]);
    ps->seen[k] = ps->line;
    if (ps->p < ps->n && t[ps->p] == '=') {
        ps->p++;
        if ((err = value(ps)) < 0)
            return err;
    }
    if (ps->p < ps->n && !ends(t[ps->p]))
        return why(ps->s, -EINVAL, "seedstrap.cfg line %d: text right after a closing quote", ps->line);
    length = strlen(ps->s->options);
    if (length + 1 + (ps->p - start) >= sizeof ps->s->options)
        return why(ps->s, -EINVAL, "seedstrap.cfg: the options are longer than %u bytes",
                   (unsigned)sizeof ps->s->options - 1);
    if (length)
        ps->s->options[length++] = ' ';
    memcpy(ps->s->options + length, t + start, ps->p - start);
    ps->s->options[length + ps->p - start] = 0;
    ps->s->count++;
    return 0;
}

int settings_parse(const char *text, size_t n, struct settings *s)
{
    struct parser ps;
    int err = 0;

    memset(&ps, 0, sizeof ps);
    ps.text = text;
    ps.n = n;
    ps.line = 1;
    ps.s = s;
    s->options[0] = 0;
    s->count = 0;
    s->why[0] = 0;
    if (n >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))     // the UTF-8 mark some editors start with
        ps.p = 3;
    while (ps.p < n && err == 0) {
        char c = text[ps.p];
        if (c == '\n' || (c == '\r' && (ps.p + 1 == n || text[ps.p + 1] != '\n'))) {
            ps.line++;
            ps.p++;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            ps.p++;
        } else if (c == '#') {
            err = comment(&ps);
        } else {
            err = option(&ps);
        }
    }
    return err < 0 ? err : s->count;
}

static const struct mbr_part *fat_partition(const struct mbr_table *t)
{
    int i;
    size_t k;

    for (i = 0; i < t->count; i++)
        for (k = 0; k < NELEM(fat_types); k++)
            if (t->part[i].type == fat_types[k])
                return &t->part[i];
    return NULL;
}

int settings_read(struct blkdev *disk, struct settings *s)
{
    static struct mbr_table table;
    static struct blkdev part;
    static struct fat_fs fs;
    static char text[SETTINGS_FILE_MAX];
    const struct mbr_part *p;
    struct fat_file f;
    int err;

    memset(s, 0, sizeof *s);
    if ((err = mbr_read(disk, &table)) < 0)
        return why(s, err, "%s has no partition table (error %d)", disk->name, err);
    if (!(p = fat_partition(&table)))
        return why(s, -ENOENT, "%s has no FAT partition", disk->name);
    if ((err = mbr_partition_dev(disk, p, &part)) < 0)
        return why(s, err, "%s's FAT partition %d does not fit the disk", disk->name, p->number);
    snprintf(s->where, sizeof s->where, "%s", part.name);
    if ((err = fat_mount(&part, &fs)) < 0)
        return why(s, err, "the FAT volume on %s cannot be read: %s", part.name, fs.error);
    if ((err = fat_lookup(&fs, SETTINGS_FILE, &f)) < 0)
        return err == -ENOENT ? why(s, err, "there is no %s on %s", SETTINGS_FILE, part.name)
                              : why(s, err, "%s on %s: %s", SETTINGS_FILE, part.name, fs.error);
    if (f.dir)
        return why(s, -EISDIR, "%s on %s is a directory", SETTINGS_FILE, part.name);
    if (f.size > SETTINGS_FILE_MAX)
        return why(s, -EFBIG, "%s on %s is %u bytes, more than %d", SETTINGS_FILE, part.name, f.size,
                   SETTINGS_FILE_MAX);
    if ((err = fat_read(&fs, &f, text, sizeof text)) < 0)
        return why(s, err, "%s on %s cannot be read: %s", SETTINGS_FILE, part.name, fs.error);
    return settings_parse(text, (size_t)err, s);
}
