// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/mm/kheap.c: kmalloc and kfree.  Small blocks (up to 2 KiB with their
// header) come from per-size free lists of powers of two, carved out of
// whole pages; bigger ones are runs of pages (kpages_alloc).  Each block
// starts with a header naming its size class, so kfree needs no size and
// catches a double free or a pointer it never handed out.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "kheap.h"
#include "vm.h"

#define PAGE 4096
#define MIN_SHIFT 5                     // 32-byte blocks: header and free-list link fit
#define MAX_SHIFT 11                    // 2 KiB blocks
#define MAGIC_USED 0x4b48550au
#define MAGIC_FREE 0x4b484652u

struct header {
    uint32_t magic;
    uint32_t size;                      // shift for small blocks, page count for large
    uint32_t large;
    uint32_t requested;
};

struct free_block {
    struct header h;
    struct free_block *next;
};

static struct free_block *free_lists[MAX_SHIFT + 1];
static size_t used_bytes;

void kheap_init(void)
{
    memset(free_lists, 0, sizeof free_lists);
    used_bytes = 0;
}

static int refill(uint32_t shift)
{
    uint8_t *page = kpages_alloc(1);
    uint32_t size = 1u << shift, off;

    if (!page)
        return 0;
    for (off = 0; off + size <= PAGE; off += size) {
        struct free_block *b = (struct free_block *)(page + off);
        b->h.magic = MAGIC_FREE;
        b->h.size = shift;
        b->next = free_lists[shift];
        free_lists[shift] = b;
    }
    return 1;
}

void *kmalloc(size_t size)
{
    struct header *h;
    size_t total = size + sizeof(struct header);
    uint32_t shift = MIN_SHIFT;

    if (size > 0x40000000u)
        return 0;
    if (total > (1u << MAX_SHIFT)) {
        uint32_t pages = (total + PAGE - 1) / PAGE;
        h = kpages_alloc(pages);
        if (!h)
            return 0;
        h->size = pages;
        h->large = 1;
    } else {
        while ((1u << shift) < total)
            shift++;
        if (!free_lists[shift] && !refill(shift))
            return 0;
        h = &free_lists[shift]->h;
        free_lists[shift] = free_lists[shift]->next;
        h->large = 0;
    }
    h->magic = MAGIC_USED;
    h->requested = size;
    used_bytes += size;
    return h + 1;
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
    struct header *h;

    if (!p)
        return;
    h = (struct header *)p - 1;
    if (h->magic != MAGIC_USED)
        panic("kfree: %p is %s", p, h->magic == MAGIC_FREE ? "already free" : "not from kmalloc");
    used_bytes -= h->requested;
    h->magic = MAGIC_FREE;
    if (h->large) {
        kpages_free(h, h->size);
    } else {
        struct free_block *b = (struct free_block *)h;
        b->next = free_lists[h->size];
        free_lists[h->size] = b;
    }
}

size_t kheap_used(void)
{
    return used_bytes;
}

char *kstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = kmalloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}
