// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/mm/vm.c: the kernel's page directory.  The first 768 MiB of physical
// memory are mapped at KERNEL_VIRT with global 4 MiB pages; pages above that
// (user memory on a big machine) are reached through kmap windows, one page
// table at the top of the address space.  User address spaces will share
// these directory entries, so the kernel half looks the same in all of them.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "arch/x86.h"
#include "pmm.h"
#include "vm.h"

#define KMAP_SLOTS 1024

static uint32_t *kernel_pgdir;
static uint32_t *kmap_table;            // the page table behind KMAP_BASE
static uint32_t kmap_next;              // where the search for a free slot starts

void vm_init(void)
{
    uint32_t pd, pt, i;

    // until the new directory is loaded only the boot mapping is there
    pd = pmm_alloc_below(BOOT_MAP_BYTES);
    pt = pmm_alloc_below(BOOT_MAP_BYTES);
    if (pd == NO_PAGE || pt == NO_PAGE)
        panic("vm_init: no memory for the kernel page directory");
    kernel_pgdir = P2V(pd);
    kmap_table = P2V(pt);
    memset(kernel_pgdir, 0, PAGE_SIZE);
    memset(kmap_table, 0, PAGE_SIZE);
    for (i = 0; i < DIRECT_MAP_BYTES >> 22; i++)
        kernel_pgdir[(KERNEL_VIRT >> 22) + i] = i << 22 | PTE_P | PTE_W | PTE_PS | PTE_G;
    kernel_pgdir[KMAP_BASE >> 22] = pt | PTE_P | PTE_W;
    lcr4(rcr4() | 0x80);                // PGE: global pages
    lcr3(pd);
}

uint32_t vm_kernel_pgdir(void)
{
    return V2P(kernel_pgdir);
}

// a window with those page flags onto phys's page, in the first free slot
static void *map_window(uint32_t phys, uint32_t flags)
{
    uint32_t i, slot;

    for (i = 0; i < KMAP_SLOTS; i++) {
        slot = (kmap_next + i) % KMAP_SLOTS;
        if (!(kmap_table[slot] & PTE_P)) {
            kmap_table[slot] = (phys & ~(PAGE_SIZE - 1)) | flags;
            kmap_next = slot + 1;
            invlpg(KMAP_BASE + slot * PAGE_SIZE);
            return (void *)(KMAP_BASE + slot * PAGE_SIZE + (phys & (PAGE_SIZE - 1)));
        }
    }
    panic("kmap: all %d windows in use (a missing kunmap?)", KMAP_SLOTS);
}

void *kmap(uint32_t phys)
{
    if (phys < DIRECT_MAP_BYTES)
        return P2V(phys);
    return map_window(phys, PTE_P | PTE_W);
}

// Always a window of its own, also below the direct map's end (where a
// device's registers may sit on a machine with little memory): the direct
// map is cached, and a cached read of a status register would not see the
// device change it.
void *kmap_io(uint32_t phys)
{
    return map_window(phys, PTE_P | PTE_W | PTE_PWT | PTE_PCD);
}

void kunmap(void *va)
{
    uint32_t a = (uint32_t)va;
    if (a < KMAP_BASE)
        return;
    kmap_table[(a - KMAP_BASE) / PAGE_SIZE] = 0;
    invlpg(a & ~(PAGE_SIZE - 1));
}

// A single page from the top of the direct map: runs come first fit from
// the bottom, and the block cache's thousands of single pages (fs/bcache.c)
// would break them up there.
void *kpages_alloc(uint32_t n)
{
    uint32_t phys = n == 1 ? pmm_alloc_below(DIRECT_MAP_BYTES) : pmm_alloc_contig(n, DIRECT_MAP_BYTES);
    return phys == NO_PAGE ? 0 : P2V(phys);
}

void kpages_free(void *va, uint32_t n)
{
    pmm_free_contig(V2P(va), n);
}
