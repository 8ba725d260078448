// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/x86.h: the only inline assembly in the kernel: port I/O, control
// registers, descriptor tables, interrupts on and off.  Everything else that
// needs the CPU calls these, so the rest of the kernel builds on the host.
#ifndef X86_H
#define X86_H
#include <stdint.h>

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "d"(port));
    return v;
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t v;
    __asm__ volatile("inw %1, %0" : "=a"(v) : "d"(port));
    return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "d"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "d"(port));
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t v;
    __asm__ volatile("inl %1, %0" : "=a"(v) : "d"(port));
    return v;
}

static inline void outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "d"(port));
}

static inline void insw(uint16_t port, void *buf, uint32_t count)
{
    __asm__ volatile("cld; rep insw" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline void outsw(uint16_t port, const void *buf, uint32_t count)
{
    __asm__ volatile("cld; rep outsw" : "+S"(buf), "+c"(count) : "d"(port));
}

static inline void cli(void) { __asm__ volatile("cli"); }
static inline void sti(void) { __asm__ volatile("sti"); }
static inline void hlt(void) { __asm__ volatile("hlt"); }
static inline void sti_hlt(void) { __asm__ volatile("sti; hlt"); }

#define FL_IF 0x200             // EFLAGS: interrupts enabled

static inline uint32_t read_eflags(void)
{
    uint32_t v;
    __asm__ volatile("pushfl; popl %0" : "=r"(v));
    return v;
}

static inline uint32_t rcr0(void) { uint32_t v; __asm__ volatile("movl %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t rcr2(void) { uint32_t v; __asm__ volatile("movl %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t rcr3(void) { uint32_t v; __asm__ volatile("movl %%cr3, %0" : "=r"(v)); return v; }
static inline uint32_t rcr4(void) { uint32_t v; __asm__ volatile("movl %%cr4, %0" : "=r"(v)); return v; }
static inline void lcr3(uint32_t v) { __asm__ volatile("movl %0, %%cr3" : : "r"(v) : "memory"); }
static inline void lcr4(uint32_t v) { __asm__ volatile("movl %0, %%cr4" : : "r"(v) : "memory"); }

static inline uint32_t read_ebp(void)
{
    uint32_t v;
    __asm__ volatile("movl %%ebp, %0" : "=r"(v));
    return v;
}

static inline void invlpg(uint32_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (uint64_t)hi << 32 | lo;
}

// a descriptor-table register image for lgdt and lidt
struct dtr {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

static inline void lgdt(const struct dtr *d) { __asm__ volatile("lgdt %0" : : "m"(*d)); }
static inline void lidt(const struct dtr *d) { __asm__ volatile("lidt %0" : : "m"(*d)); }
static inline void ltr(uint16_t sel) { __asm__ volatile("ltr %0" : : "r"(sel)); }

// reload every segment register after lgdt; the far jump reloads CS
static inline void reload_segments(uint16_t code, uint16_t data)
{
    __asm__ volatile("movw %w1, %%ds; movw %w1, %%es; movw %w1, %%fs; movw %w1, %%gs;"
                     "movw %w1, %%ss; pushl %0; pushl $1f; lret; 1:"
                     : : "r"((uint32_t)code), "r"((uint32_t)data) : "memory");
}
// FPU and SSE for user programs: x87 errors as exceptions (NE), no
// emulation (EM off), fxsave/fxrstor and SSE allowed (OSFXSR, OSXMMEXCPT)
static inline void fpu_enable(void)
{
    uint32_t cr0;
    __asm__ volatile("movl %%cr0, %0" : "=r"(cr0));
    cr0 = (cr0 & ~0x4u) | 0x22u;
    __asm__ volatile("movl %0, %%cr0; fninit" : : "r"(cr0));
    lcr4(rcr4() | 0x600);
}

static inline void fpu_save(void *area) { __asm__ volatile("fxsave (%0)" : : "r"(area) : "memory"); }
static inline void fpu_restore(const void *area) { __asm__ volatile("fxrstor (%0)" : : "r"(area) : "memory"); }

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

// kernel/chain/handoff_low.asm's entry: it moves n dwords from src to dst and enters Linux
static inline void __attribute__((noreturn)) handoff_jump(uint32_t code, uint32_t src, uint32_t dst,
                                                          uint32_t n, uint32_t entry)
{
    __asm__ volatile("jmp *%0" : : "a"(code), "S"(src), "D"(dst), "c"(n), "d"(entry) : "memory");
    for (;;)
        ;
}

// drop to ring 3 at eip with the stack at esp, interrupts on (iret frame)
static inline void enter_user(uint32_t eip, uint32_t esp)
{
    __asm__ volatile("movw %w0, %%ds; movw %w0, %%es; movw %w0, %%fs; movw %w0, %%gs;"
                     "pushl %0; pushl %1; pushl $0x202; pushl %2; pushl %3; iret"
                     : : "r"((uint32_t)(0x20 | 3)), "r"(esp), "r"((uint32_t)(0x18 | 3)), "r"(eip)
                     : "memory");
}
#endif
