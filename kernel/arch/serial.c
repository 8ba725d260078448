// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/serial.c: COM1 at 115200 baud, 8N1, polled.  The tests read the
// kernel through this port, so every line goes out whole and in order.
#include "serial.h"
#include "x86.h"

#define COM1 0x3f8

static int present;

void serial_init(void)
{
    outb(COM1 + 1, 0x00);       // no interrupts
    outb(COM1 + 3, 0x80);       // divisor latch
    outb(COM1 + 0, 0x01);       // 115200 baud
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03);       // 8N1
    outb(COM1 + 2, 0xc7);       // FIFO on, cleared
    outb(COM1 + 4, 0x03);       // DTR, RTS
    // a missing UART reads 0xff; then nothing is sent at all
    present = inb(COM1 + 5) != 0xff;
}

void serial_putc(char c)
{
    int spins = 0;

    if (!present)
        return;
    if (c == '\n')
        serial_putc('\r');
    while (!(inb(COM1 + 5) & 0x20) && spins++ < 100000)
        ;
    outb(COM1, (unsigned char)c);
}
