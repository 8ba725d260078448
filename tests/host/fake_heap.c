// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/fake_heap.c: kmalloc and kfree, and the direct map's pages, on
// the host's malloc, so ASan sees every overflow and leak in kernel code
// under test (kheap_test tests the kernel's own heap).  fake_spare_pages is
// what pmm_spare_pages says: a test sets it to make memory short;
// fake_pages counts the pages handed out and not freed.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fake_hw.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vm.h"

uint32_t fake_spare_pages = 1u << 20;
uint32_t fake_pages;

static size_t used;

void *kmalloc(size_t size)
{
    size_t *p = malloc(size + sizeof(size_t) * 2);
    if (!p)
        return NULL;
    p[0] = size;
    used += size;
    return p + 2;
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void kfree(void *p)
{
    if (!p)
        return;
    size_t *h = (size_t *)p - 2;
    used -= h[0];
    free(h);
}

size_t kheap_used(void)
{
    return used;
}

void *kpages_alloc(uint32_t n)
{
    void *p = malloc((size_t)n * PAGE_SIZE);
    if (p)
        fake_pages += n;
    return p;
}

void kpages_free(void *va, uint32_t n)
{
    free(va);
    fake_pages -= n;
}

uint32_t pmm_spare_pages(void)
{
    return fake_spare_pages;
}
