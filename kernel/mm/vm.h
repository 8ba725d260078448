// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/mm/vm.h: the kernel's view of memory (kernel/mm/vm.c).
//
//   0x00000000 - 0xbfffffff   user space (each process its own)
//   0xc0000000 - 0xefffffff   physical 0 - 768 MiB, mapped straight (P2V/V2P)
//   0xffc00000 - 0xffffffff   kmap: temporary windows onto any other page
#ifndef VM_H
#define VM_H
#include <stdint.h>
#include "layout.h"

#define DIRECT_MAP_BYTES 0x30000000u
#define KMAP_BASE 0xffc00000u
#define P2V(p) ((void *)((uint32_t)(p) + KERNEL_VIRT))
#define V2P(v) ((uint32_t)(v) - KERNEL_VIRT)

#define PTE_P 0x001             // present
#define PTE_W 0x002             // writable
#define PTE_U 0x004             // user
#define PTE_PWT 0x008           // write-through
#define PTE_PCD 0x010           // cache disabled: device registers
#define PTE_PS 0x080            // 4 MiB page (in a directory entry)
#define PTE_G 0x100             // global: kept in the TLB across address spaces

void vm_init(void);
uint32_t vm_kernel_pgdir(void);             // physical address
void *kmap(uint32_t phys);                  // a kernel address for any physical page
void *kmap_io(uint32_t phys);               // an uncached window: a device's registers
void kunmap(void *va);                      // undo kmap or kmap_io (no-op for the direct map)
void *kpages_alloc(uint32_t n);             // n contiguous, directly mapped pages
void kpages_free(void *va, uint32_t n);
#endif
