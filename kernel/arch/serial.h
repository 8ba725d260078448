// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/serial.h: COM1 output (kernel/arch/serial.c).
#ifndef SERIAL_H
#define SERIAL_H
void serial_init(void);
void serial_putc(char c);
#endif
