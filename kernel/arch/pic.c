// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/pic.c: the 8259A pair.  The BIOS leaves IRQs 0-7 on vectors 8-15,
// where the CPU's exceptions are, so they are moved to T_IRQ0..T_IRQ0+15.
// Every line starts masked; drivers unmask the ones they handle.
#include <stdint.h>
#include "pic.h"
#include "x86.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1

static uint16_t mask = 0xffff & ~(1 << 2);   // the cascade line stays open
static uint16_t bios_mask;                  // as the BIOS left it, for BIOS calls

static void write_mask(uint16_t m)
{
    outb(PIC1_DATA, m & 0xff);
    outb(PIC2_DATA, m >> 8);
}

static void program(uint8_t master_base, uint8_t slave_base)
{
    outb(PIC1_CMD, 0x11);          // ICW1: edge triggered, cascade, ICW4 follows
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, master_base);  // ICW2: vector offsets
    outb(PIC2_DATA, slave_base);
    outb(PIC1_DATA, 1 << 2);       // ICW3: slave on IRQ 2
    outb(PIC2_DATA, 2);
    outb(PIC1_DATA, 0x01);         // ICW4: 8086 mode
    outb(PIC2_DATA, 0x01);
}

void pic_init(void)
{
    bios_mask = inb(PIC1_DATA) | inb(PIC2_DATA) << 8;
    program(T_IRQ0, T_IRQ0 + 8);
    write_mask(mask);
}

// Real-mode BIOS code expects its own layout: IRQs 0-7 on vectors 8-15 and
// 8-15 on 0x70-0x77, with its own lines open (disk and USB drivers may wait
// for their interrupts).
void pic_bios_mode(void)
{
    program(0x08, 0x70);
    write_mask(bios_mask);
}

void pic_kernel_mode(void)
{
    program(T_IRQ0, T_IRQ0 + 8);
    write_mask(mask);
}

void pic_unmask(int irq)
{
    mask &= ~(1 << irq);
    write_mask(mask);
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, 0x20);
    outb(PIC1_CMD, 0x20);
}

// the in-service register tells a real IRQ 7/15 from a spurious one; a
// spurious IRQ 15 still needs the master acknowledged for the cascade
int pic_spurious(int irq)
{
    if (irq == 7) {
        outb(PIC1_CMD, 0x0b);
        return !(inb(PIC1_CMD) & 0x80);
    }
    if (irq == 15) {
        outb(PIC2_CMD, 0x0b);
        if (!(inb(PIC2_CMD) & 0x80)) {
            outb(PIC1_CMD, 0x20);
            return 1;
        }
    }
    return 0;
}
