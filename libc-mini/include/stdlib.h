// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/include/stdlib.h: number parsing (libc-mini/stdlib.c).
#ifndef LIBC_MINI_STDLIB_H
#define LIBC_MINI_STDLIB_H
unsigned long strtoul(const char *s, char **end, int base);
long strtol(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
int atoi(const char *s);
#endif
