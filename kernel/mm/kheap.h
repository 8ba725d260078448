// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/mm/kheap.h: the kernel heap (kernel/mm/kheap.c).
#ifndef KHEAP_H
#define KHEAP_H
#include <stddef.h>
void kheap_init(void);
void *kmalloc(size_t size);       // NULL when memory is exhausted
void *kzalloc(size_t size);       // kmalloc, zero-filled
void kfree(void *p);              // kfree(NULL) is allowed
char *kstrdup(const char *s);     // a kmalloc'd copy, or NULL
size_t kheap_used(void);          // bytes handed out and not yet freed
#endif
