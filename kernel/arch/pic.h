// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/pic.h: the two 8259 interrupt controllers (kernel/arch/pic.c).
#ifndef PIC_H
#define PIC_H
#define T_IRQ0 32               // IRQ n arrives as vector T_IRQ0 + n
void pic_init(void);
void pic_unmask(int irq);
void pic_eoi(int irq);
int pic_spurious(int irq);    // 1 for a spurious IRQ 7 or 15, which must not be acknowledged
void pic_bios_mode(void);     // around real-mode BIOS calls (kernel/dev/bios.c)
void pic_kernel_mode(void);
#endif
