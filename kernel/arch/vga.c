// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/vga.c: 80x25 colour text mode as the BIOS left it, at physical
// 0xb8000.  Lines scroll up at the bottom; the hardware cursor follows.  Once
// a status line is set, the bottom row is its own (black on grey) and the
// text scrolls in the rows above it.
#include <stdint.h>
#include <string.h>
#include "layout.h"
#include "vga.h"
#include "x86.h"

#define COLS 80
#define ROWS 25
#define ATTR 0x0700             // light grey on black
#define STATUS_ATTR 0x7000      // black on light grey

static uint16_t *const screen = (uint16_t *)(KERNEL_VIRT + 0xb8000);
static int row, col;
static int text_rows = ROWS;    // ROWS - 1 once a status line is set

static void move_cursor(void)
{
    uint16_t pos = row * COLS + col;
    outb(0x3d4, 0x0e);
    outb(0x3d5, pos >> 8);
    outb(0x3d4, 0x0f);
    outb(0x3d5, pos & 0xff);
}

static void scroll(void)
{
    int i;
    memmove(screen, screen + COLS, (text_rows - 1) * COLS * 2);
    for (i = 0; i < COLS; i++)
        screen[(text_rows - 1) * COLS + i] = ATTR | ' ';
    row = text_rows - 1;
}

void vga_init(void)
{
    int i;
    for (i = 0; i < ROWS * COLS; i++)
        screen[i] = ATTR | ' ';
    row = col = 0;
    move_cursor();
}

void vga_putc(char c)
{
    if (c == '\n') {
        col = 0;
        row++;
    } else if (c == '\r') {
        col = 0;
    } else if (c == '\b') {
        if (col > 0)
            col--;
    } else {
        screen[row * COLS + col] = ATTR | (unsigned char)c;
        if (++col == COLS) {
            col = 0;
            row++;
        }
    }
    if (row == text_rows)
        scroll();
    move_cursor();
}

// Writes only the bottom row (and, the first time, scrolls the text off
// it), so the timer interrupt may call it while vga_putc is under way.
void vga_status(const char *line)
{
    int i;
    if (text_rows == ROWS) {
        text_rows = ROWS - 1;
        if (row == text_rows)
            scroll();
        move_cursor();
    }
    for (i = 0; i < COLS; i++)
        screen[(ROWS - 1) * COLS + i] = STATUS_ATTR | (unsigned char)(*line ? *line++ : ' ');
}
