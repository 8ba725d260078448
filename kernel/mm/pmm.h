// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/mm/pmm.h: the physical page allocator (kernel/mm/pmm.c).
#ifndef PMM_H
#define PMM_H
#include <stdint.h>
#include "arch/bootinfo.h"

#define PAGE_SIZE 4096
#define NO_PAGE 0xffffffffu     // physical page 0 is never handed out, but be explicit
// Direct-mapped pages a cache leaves free: page tables, the kernel heap,
// pipes and kernel stacks while the cache cannot give back (pmm.c)
#define PMM_RESERVE ((16u << 20) / PAGE_SIZE)

// Pages below direct_end (the kernel's direct map, kernel/mm/vm.h) are
// counted apart: pmm_spare_pages.
void pmm_init(const struct e820_entry *map, uint32_t count, uint32_t reserved_end,
              uint32_t direct_end);
uint32_t pmm_alloc(void);                       // any page below 4 GiB
uint32_t pmm_alloc_below(uint32_t limit);       // a page whose address is below limit
uint32_t pmm_alloc_contig(uint32_t n, uint32_t limit);   // n consecutive pages
uint32_t pmm_alloc_contig_from(uint32_t n, uint32_t min, uint32_t limit);   // at or above min
void pmm_free(uint32_t phys);
void pmm_free_contig(uint32_t phys, uint32_t n);
uint32_t pmm_free_pages(void);
uint32_t pmm_spare_pages(void);                 // free direct-mapped pages beyond PMM_RESERVE
// fn gives back at least pages pages if it can and returns how many it
// gave; the allocator calls it before it fails
void pmm_set_reclaim(uint32_t (*fn)(uint32_t pages));
uint32_t pmm_total_pages(void);                 // usable pages found in the E820 map
uint64_t pmm_usable_bytes(void);                // every usable byte, also above 4 GiB
#endif
