// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/lib/cmdline.h: the kernel command line from init.img (kernel/lib/cmdline.c).
#ifndef CMDLINE_H
#define CMDLINE_H
#include <stddef.h>
#define CMDLINE_MAX 1024
// Parses `key=value flag key="value with spaces"`; returns the number of
// options, or -1 when the line is malformed (an unclosed quote, too long).
int cmdline_parse(const char *line);
const char *cmdline_get(const char *key);              // the value, or NULL
const char *cmdline_get_or(const char *key, const char *fallback);
int cmdline_has(const char *key);                      // key present, with or without value
const char *cmdline_text(void);                        // the line as given
#endif
