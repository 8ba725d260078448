// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/gdt.h: segment selectors and the task state segment (kernel/arch/gdt.c).
// The layout follows Linux i386 where user programs can see it: user code and
// data are plain flat segments, and the thread-local-storage entries that
// set_thread_area hands out are GDT entries 6 to 8, as glibc expects.
#ifndef GDT_H
#define GDT_H
#include <stddef.h>
#include <stdint.h>

#define SEG_KCODE 0x08
#define SEG_KDATA 0x10
#define SEG_UCODE (0x18 | 3)
#define SEG_UDATA (0x20 | 3)
#define SEG_TSS   0x28
#define GDT_TLS_FIRST 6
#define GDT_TLS_COUNT 3
#define GDT_ENTRIES (GDT_TLS_FIRST + GDT_TLS_COUNT)

// a TLS segment from set_thread_area (Linux's struct user_desc, packed flags)
struct tls_desc {
    uint32_t base, limit;
    uint32_t flags;             // user_desc bit fields; TLS_PRESENT when in use
};
#define TLS_PRESENT 0x80000000u

void gdt_init(void);
void gdt_set_tls(const struct tls_desc tls[GDT_TLS_COUNT]);
// the TLS entry a segment selector names, or NULL when it names none; a
// register may hold it on the way back to user mode only while the entry
// is in use (TLS_PRESENT)
static inline const struct tls_desc *gdt_tls_entry(const struct tls_desc tls[GDT_TLS_COUNT], uint32_t sel)
{
    uint32_t index = (sel & 0xffff) >> 3;
    return index >= GDT_TLS_FIRST && index < GDT_TLS_FIRST + GDT_TLS_COUNT ? &tls[index - GDT_TLS_FIRST] : NULL;
}
void gdt_set_user_code_base(uint32_t base);
void gdt_set_kernel_stack(uint32_t esp0);   // where ring 3 -> 0 traps land
#endif
