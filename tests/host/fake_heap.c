// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/fake_heap.c: kmalloc and kfree on the host's malloc, so ASan sees
// every overflow and leak in kernel code under test (kheap_test tests the
// kernel's own heap).
#include <stdlib.h>
#include <string.h>
#include "mm/kheap.h"

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
