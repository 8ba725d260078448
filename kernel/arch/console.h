// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/console.h: the kernel's output to serial and VGA (kernel/arch/console.c).
#ifndef CONSOLE_H
#define CONSOLE_H
#include <stddef.h>
#include <stdint.h>
void console_init(const char *mode);          // "serial", "vga" or "both"
void console_write(const char *s, size_t n);
void console_status(const char *line);        // VGA's bottom row; nothing on serial
int kprintf(const char *fmt, ...);
void panic(const char *fmt, ...) __attribute__((noreturn));             // prints, dumps the stack and powers off
// the function each saved frame pointer from ebp on returns into, eip first
void backtrace(uint32_t eip, uint32_t ebp);
#endif
