// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/include/stdio.h: formatted output into buffers (libc-mini/format.c).
// The kernel has no FILE; consoles call vsnprintf and write the result.
// Conversions: %d %i %u %x %X %o %c %s %p %%; flags - 0 + space #; width and
// precision (also *); length hh h l ll z j t.
#ifndef LIBC_MINI_STDIO_H
#define LIBC_MINI_STDIO_H
#include <stdarg.h>
#include <stddef.h>
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...);
#endif
