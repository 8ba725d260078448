// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/console.h: the kernel's output to serial and VGA (kernel/arch/console.c).
#ifndef CONSOLE_H
#define CONSOLE_H
#include <stddef.h>
void console_init(const char *mode);          // "serial", "vga" or "both"
void console_write(const char *s, size_t n);
int kprintf(const char *fmt, ...);
void panic(const char *fmt, ...) __attribute__((noreturn));             // prints, dumps the stack and powers off
#endif
