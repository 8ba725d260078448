// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/mm/pmm.c: one bit per 4 KiB page of the 4 GiB physical address space
// (128 KiB of .bss).  A page is free when the E820 map says usable, no
// other E820 range overlaps it (firmware maps may overlap; reserved wins),
// and it lies above the kernel and the boot area.  Single pages come from
// the top down, so the low, directly mapped pages last longest for the
// kernel, which asks with a limit.
//
// Before an allocation fails, the reclaim hook (the block cache's shrink,
// registered by main.c) is asked to give pages back, and the allocation is
// tried again for as long as it gives some.  A cache grows only into the
// direct map's spare pages (pmm_spare_pages): a reserve stays free for what
// the kernel allocates while the cache cannot give back (in its own calls).
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "pmm.h"

#define NPAGES (1u << 20)
#define WORDS (NPAGES / 32)

static uint32_t used_bits[WORDS];       // 1 = in use or not RAM
static uint32_t free_count, total_count;
static uint32_t direct_pages;           // pages below this one are directly mapped
static uint32_t direct_free;            // free pages of them
static uint32_t (*reclaim)(uint32_t pages);
static uint32_t search_top = WORDS;     // every word from here up is all ones
static uint32_t direct_top;             // every word from here to the direct map's end is full
static uint64_t usable_bytes;

static int is_used(uint32_t pfn)
{
    return used_bits[pfn / 32] >> (pfn % 32) & 1;
}

static void set_used(uint32_t pfn, int used)
{
    if (used)
        used_bits[pfn / 32] |= 1u << (pfn % 32);
    else
        used_bits[pfn / 32] &= ~(1u << (pfn % 32));
}

// free_count and direct_free follow a page that is taken (-1) or freed (+1)
static void account(uint32_t pfn, int delta)
{
    free_count += delta;
    if (pfn < direct_pages)
        direct_free += delta;
}

// pages wholly inside [base, base+length), clipped to 4 GiB
static void mark_range(uint64_t base, uint64_t length, int used)
{
    uint64_t first = used ? base / PAGE_SIZE : (base + PAGE_SIZE - 1) / PAGE_SIZE;
    uint64_t end = used ? (base + length + PAGE_SIZE - 1) / PAGE_SIZE : (base + length) / PAGE_SIZE;
    uint64_t pfn;

    if (end > NPAGES)
        end = NPAGES;
    for (pfn = first; pfn < end; pfn++)
        set_used((uint32_t)pfn, used);
}

void pmm_init(const struct e820_entry *map, uint32_t count, uint32_t reserved_end,
              uint32_t direct_end)
{
    uint32_t i, pfn;

    direct_pages = direct_end / PAGE_SIZE;
    direct_top = direct_pages / 32;
    memset(used_bits, 0xff, sizeof used_bits);
    for (i = 0; i < count; i++) {
        if (map[i].type == E820_USABLE) {
            mark_range(map[i].base, map[i].length, 0);
            usable_bytes += map[i].length;
        }
    }
    for (i = 0; i < count; i++)
        if (map[i].type != E820_USABLE)
            mark_range(map[i].base, map[i].length, 1);
    for (pfn = 0; pfn < NPAGES; pfn++)
        total_count += !is_used(pfn);
    mark_range(0, reserved_end, 1);     // BIOS area, boot structures, the kernel
    for (pfn = 0; pfn < NPAGES; pfn++)
        if (!is_used(pfn))
            account(pfn, 1);
}

void pmm_set_reclaim(uint32_t (*fn)(uint32_t pages))
{
    reclaim = fn;
}

static uint32_t take_below(uint32_t limit)
{
    uint32_t w = (limit / PAGE_SIZE + 31) / 32, from_top, from_direct_top;
    if (limit == 0 || w > WORDS)
        w = WORDS;
    if (w > search_top)
        w = search_top;
    // the block cache's pages fill the direct map from its top: a search
    // below its end starts under them, not through them at every page
    if (w <= direct_pages / 32 && w > direct_top)
        w = direct_top;
    from_top = w == search_top;
    from_direct_top = w == direct_top;
    while (w-- > 0) {
        uint32_t bits = used_bits[w], b;
        if (bits == 0xffffffffu)
            continue;
        for (b = 32; b-- > 0;) {
            uint32_t pfn = w * 32 + b;
            if (!(bits >> b & 1) && (limit == 0 || (uint64_t)pfn * PAGE_SIZE < limit)) {
                set_used(pfn, 1);
                account(pfn, -1);
                if (from_top)
                    search_top = w + 1;
                if (from_direct_top)
                    direct_top = w + 1;
                return pfn * PAGE_SIZE;
            }
        }
    }
    return NO_PAGE;
}

uint32_t pmm_alloc_below(uint32_t limit)
{
    uint32_t p;
    while ((p = take_below(limit)) == NO_PAGE && reclaim && reclaim(1) > 0)
        ;
    return p;
}

uint32_t pmm_alloc(void)
{
    return pmm_alloc_below(0);
}

// first fit from the bottom: contiguous runs are for the kernel heap
uint32_t pmm_alloc_contig(uint32_t n, uint32_t limit)
{
    return pmm_alloc_contig_from(n, 0, limit);
}

static uint32_t take_contig(uint32_t n, uint32_t min, uint32_t limit)
{
    uint32_t end = limit / PAGE_SIZE, pfn, run = 0, i;

    if (end == 0 || end > NPAGES)
        end = NPAGES;
    for (pfn = (min + PAGE_SIZE - 1) / PAGE_SIZE; pfn < end; pfn++) {
        if (pfn % 32 == 0 && used_bits[pfn / 32] == 0xffffffffu) {
            run = 0;                    // a word of used pages: skip it whole
            pfn += 31;
            continue;
        }
        run = is_used(pfn) ? 0 : run + 1;
        if (run == n) {
            for (i = pfn + 1 - n; i <= pfn; i++) {
                set_used(i, 1);
                account(i, -1);
            }
            return (pfn + 1 - n) * PAGE_SIZE;
        }
    }
    return NO_PAGE;
}

// pages given back need not be next to each other: asked again until a run
// appears or nothing more comes back
uint32_t pmm_alloc_contig_from(uint32_t n, uint32_t min, uint32_t limit)
{
    uint32_t p;
    while ((p = take_contig(n, min, limit)) == NO_PAGE && reclaim && reclaim(n) > 0)
        ;
    return p;
}

void pmm_free(uint32_t phys)
{
    uint32_t pfn = phys / PAGE_SIZE;
    if (phys % PAGE_SIZE || !is_used(pfn))
        panic("pmm_free: %08x is not an allocated page", phys);
    set_used(pfn, 0);
    account(pfn, 1);
    if (pfn / 32 >= search_top)
        search_top = pfn / 32 + 1;
    if (pfn < direct_pages && pfn / 32 >= direct_top)
        direct_top = pfn / 32 + 1;
}

void pmm_free_contig(uint32_t phys, uint32_t n)
{
    uint32_t i;
    for (i = 0; i < n; i++)
        pmm_free(phys + i * PAGE_SIZE);
}

uint32_t pmm_free_pages(void) { return free_count; }
uint32_t pmm_spare_pages(void) { return direct_free > PMM_RESERVE ? direct_free - PMM_RESERVE : 0; }
uint32_t pmm_total_pages(void) { return total_count; }
uint64_t pmm_usable_bytes(void) { return usable_bytes; }
