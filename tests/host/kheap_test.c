// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/kheap_test.c: kernel/mm/kheap.c on pages from the host: a random
// workload keeps every block's bytes, blocks never overlap, sizes round
// trip, and everything handed out comes back.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "mm/kheap.h"
#include "mm/vm.h"

static long pages_out;

void *kpages_alloc(uint32_t n)
{
    void *p;
    if (posix_memalign(&p, 4096, (size_t)n * 4096))
        return NULL;
    pages_out += n;
    return p;
}

void kpages_free(void *va, uint32_t n)
{
    pages_out -= n;
    free(va);
}

enum { N = 5000 };
static uint8_t *blocks[N];
static size_t sizes[N];

static int intact(int i)
{
    for (size_t j = 0; j < sizes[i]; j++)
        if (blocks[i][j] != (uint8_t)(i * 31 + j))
            return 0;
    return 1;
}

int main(void)
{
    unsigned rng = 1;
    int i, bad = 0;

    kheap_init();
    for (int round = 0; round < 20; round++) {
        for (i = 0; i < N; i++) {
            rng = rng * 1103515245 + 12345;
            if (blocks[i] && rng % 3 == 0) {
                bad += !intact(i);
                kfree(blocks[i]);
                blocks[i] = NULL;
            } else if (!blocks[i]) {
                sizes[i] = rng >> 16 & 1 ? (rng >> 8) % 64 : (rng >> 8) % (i % 97 == 0 ? 70000 : 2500);
                blocks[i] = kmalloc(sizes[i]);
                CHECK(blocks[i] != NULL);
                CHECK(((uintptr_t)blocks[i] & 7) == 0);
                for (size_t j = 0; j < sizes[i]; j++)
                    blocks[i][j] = (uint8_t)(i * 31 + j);
            }
        }
    }
    CHECK(bad == 0);
    for (i = 0; i < N; i++) {
        if (blocks[i]) {
            CHECK(intact(i));
            kfree(blocks[i]);
        }
    }
    CHECK(kheap_used() == 0);
    uint8_t *z = kzalloc(1000);
    CHECK(z && z[0] == 0 && z[999] == 0);
    kfree(z);
    kfree(NULL);
    CHECK(kmalloc(0x7fffffff) == NULL);
    CHECK(kheap_used() == 0);
    // large blocks go back to the page allocator at once
    void *big = kmalloc(100000);
    long before = pages_out;
    kfree(big);
    CHECK(pages_out == before - 25);
    return check_summary("kheap_test");
}
