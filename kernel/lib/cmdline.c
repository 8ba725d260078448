// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/lib/cmdline.c: the kernel command line, stored in init.img's boot config
// (tools/mkinit -c).  Options are separated by spaces; a value may be quoted
// with double quotes to hold spaces (init="/bin/sh -c 'echo hi'").  The
// parsed options live in one buffer as "key\0value\0" pairs.
#include <string.h>
#include "cmdline.h"

static char text[CMDLINE_MAX];
static char pairs[CMDLINE_MAX * 2];
static int count;

int cmdline_parse(const char *line)
{
    const char *p = line;
    char *out = pairs;
    size_t length = strlen(line);

    count = 0;
    if (length >= CMDLINE_MAX)
        return -1;
    memcpy(text, line, length + 1);
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            break;
        while (*p && *p != '=' && *p != ' ' && *p != '\t' && *p != '\n')
            *out++ = *p++;
        *out++ = 0;
        if (*p == '=') {
            p++;
            if (*p == '"') {
                for (p++; *p && *p != '"'; )
                    *out++ = *p++;
                if (*p != '"') {
                    count = 0;
                    return -1;
                }
                p++;
            } else {
                while (*p && *p != ' ' && *p != '\t' && *p != '\n')
                    *out++ = *p++;
            }
        }
        *out++ = 0;
        count++;
    }
    return count;
}

// the stored pair for key: its value (possibly "") or NULL
static const char *find(const char *key)
{
    const char *p = pairs;
    int i;

    for (i = 0; i < count; i++) {
        const char *value = p + strlen(p) + 1;
        if (!strcmp(p, key))
            return value;
        p = value + strlen(value) + 1;
    }
    return NULL;
}

const char *cmdline_get(const char *key)
{
    return find(key);
}

const char *cmdline_get_or(const char *key, const char *fallback)
{
    const char *v = find(key);
    return v && *v ? v : fallback;
}

int cmdline_has(const char *key)
{
    return find(key) != NULL;
}

const char *cmdline_text(void)
{
    return text;
}
