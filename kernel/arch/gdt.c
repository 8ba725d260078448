// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/gdt.c: the global descriptor table: flat kernel and user segments,
// one task state segment (only its ring-0 stack is used: the CPU switches to
// it when a trap or system call comes from ring 3), and the TLS entries.
#include <string.h>
#include "gdt.h"
#include "x86.h"

// the 32-bit TSS; only ss0:esp0 matters to us
struct tss {
    uint32_t link, esp0, ss0, unused[22];
    uint16_t trap, iomap_base;
} __attribute__((packed));

static uint64_t gdt[GDT_ENTRIES];
static struct tss tss;

// a segment descriptor: base, 20-bit limit, access byte, flags nibble
static uint64_t descriptor(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    uint64_t d = limit & 0xffff;
    d |= (uint64_t)(base & 0xffffff) << 16;
    d |= (uint64_t)access << 40;
    d |= (uint64_t)((limit >> 16) & 0xf) << 48;
    d |= (uint64_t)(flags & 0xf) << 52;
    d |= (uint64_t)(base >> 24) << 56;
    return d;
}

void gdt_init(void)
{
    struct dtr d;

    gdt[SEG_KCODE >> 3] = descriptor(0, 0xfffff, 0x9a, 0xc);   // ring 0 code, 4 GiB
    gdt[SEG_KDATA >> 3] = descriptor(0, 0xfffff, 0x92, 0xc);   // ring 0 data
    gdt[SEG_UCODE >> 3] = descriptor(0, 0xfffff, 0xfa, 0xc);   // ring 3 code
    gdt[SEG_UDATA >> 3] = descriptor(0, 0xfffff, 0xf2, 0xc);   // ring 3 data
    memset(&tss, 0, sizeof tss);
    tss.ss0 = SEG_KDATA;
    tss.iomap_base = sizeof tss;                              // no I/O bitmap
    gdt[SEG_TSS >> 3] = descriptor((uint32_t)&tss, sizeof tss - 1, 0x89, 0x0);

    d.limit = sizeof gdt - 1;
    d.base = (uint32_t)gdt;
    lgdt(&d);
    reload_segments(SEG_KCODE, SEG_KDATA);
    ltr(SEG_TSS);
}

// Each process has its own TLS segments (set_thread_area); the scheduler
// writes them into the GDT when it switches to the process.
void gdt_set_tls(const struct tls_desc tls[GDT_TLS_COUNT])
{
    int i;
    for (i = 0; i < GDT_TLS_COUNT; i++) {
        const struct tls_desc *t = &tls[i];
        uint8_t access, flags;
        if (!(t->flags & TLS_PRESENT)) {
            gdt[GDT_TLS_FIRST + i] = 0;
            continue;
        }
        // user_desc bits: 0 seg_32bit, 1-2 contents, 3 read_exec_only,
        // 4 limit_in_pages, 5 seg_not_present, 6 useable (as Linux's fill_ldt)
        access = (t->flags & 32 ? 0 : 0x80) | 0x70 | 1 | (t->flags & 8 ? 0 : 2) | (t->flags >> 1 & 3) << 2;
        flags = (t->flags & 1 ? 4 : 0) | (t->flags & 16 ? 8 : 0) | (t->flags & 64 ? 1 : 0);
        gdt[GDT_TLS_FIRST + i] = descriptor(t->base, t->limit, access, flags);
    }
}

// The user code segment's base: 0, or the shift of a process's code view
// (kernel/proc/uvm.c, uvm_add_code_view), written by the scheduler at each switch.
void gdt_set_user_code_base(uint32_t base)
{
    gdt[SEG_UCODE >> 3] = descriptor(base, 0xfffff, 0xfa, 0xc);
}

void gdt_set_kernel_stack(uint32_t esp0)
{
    tss.esp0 = esp0;
}
