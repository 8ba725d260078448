// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/bios.c: real-mode BIOS calls from the running kernel.  The firmware
// knows every disk the machine can boot from (USB sticks, AHCI, NVMe,
// virtio), so kernel/dev/bios_disk.c reaches them all through int 13h instead of
// having a driver for each.  A call drops to real mode through
// kernel/dev/bios_thunk.asm (copied to THUNK_ADDR at boot): the PIC and PIT go
// back to the BIOS's settings for its duration, and the first 4 MiB are
// mapped to themselves in the current page directory for the way down.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "arch/pic.h"
#include "arch/x86.h"
#include "bios.h"
#include "mm/vm.h"
#include "timer.h"

extern const char bios_thunk_code[], bios_thunk_end[];
void bios_call_thunk(void);

_Static_assert(sizeof(struct bios_regs) == BR_SIZE, "struct bios_regs and BR_SIZE");

void bios_init(void)
{
    memcpy(P2V(THUNK_ADDR), bios_thunk_code, bios_thunk_end - bios_thunk_code);
}

void *bios_low(uint32_t phys)
{
    return P2V(phys);
}

void bios_int(uint8_t intno, struct bios_regs *r)
{
    uint32_t *pgdir = P2V(rcr3() & ~0xfffu);
    uint32_t saved_pde = pgdir[0];
    struct bios_regs *low = P2V(THUNK_REGS);
    uint32_t flags = read_eflags();

    cli();
    r->intno = intno;
    memcpy(low, r, sizeof *r);
    pgdir[0] = 0 | PTE_P | PTE_W | PTE_PS;      // 0 - 4 MiB onto itself
    lcr3(rcr3());
    pic_bios_mode();
    timer_bios_mode();
    bios_call_thunk();
    timer_kernel_mode();
    pic_kernel_mode();
    pgdir[0] = saved_pde;
    lcr3(rcr3());
    memcpy(r, low, sizeof *r);
    if (flags & FL_IF)
        sti();
}
