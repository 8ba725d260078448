// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/pmm_test.c: kernel/mm/pmm.c on a made-up 64 MiB machine whose
// first 32 MiB are "directly mapped": the spare count leaves the reserve,
// pages below the direct map's end come from its top, each once; before an
// allocation fails the reclaim hook is asked, single pages and runs, and
// the allocation takes what it gave back; a hook with nothing left ends it.
#include <stdint.h>
#include <string.h>
#include "check.h"
#include "mm/pmm.h"

#define MIB (1u << 20)
#define DIRECT (32 * MIB)
#define DIRECT_PAGES ((DIRECT - 2 * MIB) / PAGE_SIZE)

static uint32_t held[DIRECT_PAGES], nheld, next_back, reclaim_calls;

// gives back one page a call, in the order they were taken
static uint32_t give_back(uint32_t pages)
{
    reclaim_calls++;
    if (next_back == nheld)
        return 0;
    pmm_free(held[next_back++]);
    return 1;
}

int main(void)
{
    struct e820_entry map[2] = { { MIB, 63 * MIB, E820_USABLE, 0 }, { 40 * MIB, MIB, 2, 0 } };
    static uint8_t seen[DIRECT / PAGE_SIZE];
    uint32_t p, i, twice = 0, outside = 0, from_top = 1;
    pmm_init(map, 2, 2 * MIB, DIRECT);
    CHECK(pmm_free_pages() == (62 - 1) * MIB / PAGE_SIZE);
    CHECK(pmm_spare_pages() == DIRECT_PAGES - PMM_RESERVE);
    CHECK(pmm_alloc() == 64 * MIB - PAGE_SIZE);     // any page: from the top of memory
    while ((p = pmm_alloc_below(DIRECT)) != NO_PAGE) {
        outside |= p < 2 * MIB || p >= DIRECT;
        if (!outside) {
            twice |= seen[p / PAGE_SIZE];
            seen[p / PAGE_SIZE] = 1;
        }
        from_top &= nheld == 0 ? p == DIRECT - PAGE_SIZE : p < held[nheld - 1];
        if (nheld < DIRECT_PAGES)
            held[nheld++] = p;
    }
    CHECK(nheld == DIRECT_PAGES && !outside && !twice && from_top);
    CHECK(pmm_spare_pages() == 0);
    CHECK(reclaim_calls == 0);
    pmm_set_reclaim(give_back);
    CHECK(pmm_alloc_below(DIRECT) == held[0] && reclaim_calls == 1);
    // pages given back one at a time from the top down: a run of 4 after 4
    p = pmm_alloc_contig(4, DIRECT);
    CHECK(p == held[4] && reclaim_calls == 5);
    next_back = nheld;
    CHECK(pmm_alloc_below(DIRECT) == NO_PAGE && reclaim_calls == 6);
    CHECK(pmm_alloc_contig(2, DIRECT) == NO_PAGE && reclaim_calls == 7);
    pmm_set_reclaim(NULL);
    pmm_free(held[0]);
    pmm_free_contig(p, 4);
    for (i = 5; i < nheld; i++)
        pmm_free(held[i]);
    CHECK(pmm_spare_pages() == DIRECT_PAGES - PMM_RESERVE);
    // freed, the direct map's top is found again
    CHECK(pmm_alloc_below(DIRECT) == DIRECT - PAGE_SIZE);
    return check_summary("pmm_test");
}
