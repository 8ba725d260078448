// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/bios.h: calling real-mode BIOS interrupts from the kernel (kernel/dev/bios.c).
#ifndef BIOS_H
#define BIOS_H
#include <stdint.h>
#include "layout.h"

// the registers of a BIOS call, in and out (offsets BR_* in disk-layout/init.layout)
struct bios_regs {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp;
    uint16_t ds, es;
    uint32_t eflags;
    uint32_t intno;
    uint32_t cr3, return_eip;   // set by kernel/dev/bios_call.asm
} __attribute__((packed));

#define BIOS_CARRY 1            // eflags bit: the call failed

void bios_init(void);
// Runs `int intno` in real mode with r's registers, and returns them in r.
// Buffers must lie below 1 MiB: use bios_bounce() and the THUNK_* areas.
void bios_int(uint8_t intno, struct bios_regs *r);
void *bios_low(uint32_t phys);  // a kernel pointer to low memory (THUNK_DAP, BOUNCE_ADDR ...)
#endif
