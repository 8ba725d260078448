// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/vga.h: the VGA text screen (kernel/arch/vga.c).
#ifndef VGA_H
#define VGA_H
void vga_init(void);
void vga_putc(char c);
void vga_status(const char *line);     // the bottom row, from then on kept for it
#endif
