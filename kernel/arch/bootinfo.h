// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/bootinfo.h: what the loader hands the kernel (struct bootinfo) and
// what tools/mkinit writes into init.img (struct bootconfig).  The offsets
// are defined once, in disk-layout/init.layout; the asserts below tie these
// structs to them.
#ifndef BOOTINFO_H
#define BOOTINFO_H
#include <stddef.h>
#include <stdint.h>
#include "layout.h"

struct e820_entry {
    uint64_t base;
    uint64_t length;
    uint32_t type;              // 1 usable, 2 reserved, 3 ACPI reclaimable, 4 ACPI NVS, 5 bad
    uint32_t attributes;
} __attribute__((packed));

#define E820_USABLE 1

struct bootconfig {
    char magic[8];                          // "SEEDCFG1"
    uint32_t kernel_lba;
    uint32_t kernel_sectors;
    uint32_t kernel_size;
    uint32_t reserved;
    uint8_t external_uuid[16];
    uint8_t kernel_sha256[32];
    uint8_t pad[CFG_CMDLINE - CFG_KERNEL_SHA256 - 32];
    char cmdline[CFG_CMDLINE_MAX];
} __attribute__((packed));

struct bootinfo {
    uint32_t magic;                         // BOOTINFO_MAGIC
    uint32_t boot_drive;
    uint64_t loader_tsc;
    uint32_t e820_count;
    uint32_t a20_method;
    uint32_t reserved[2];
    struct e820_entry e820[E820_MAX];
    uint8_t pad[BI_CONFIG - BI_E820 - E820_MAX * E820_ENTRY_SIZE];
    struct bootconfig config;
    uint8_t tail[BI_SIZE - BI_CONFIG - CFG_SIZE];
} __attribute__((packed));

_Static_assert(sizeof(struct e820_entry) == E820_ENTRY_SIZE, "e820 entry size");
_Static_assert(offsetof(struct bootconfig, kernel_lba) == CFG_KERNEL_LBA, "CFG_KERNEL_LBA");
_Static_assert(offsetof(struct bootconfig, kernel_sectors) == CFG_KERNEL_SECTORS, "CFG_KERNEL_SECTORS");
_Static_assert(offsetof(struct bootconfig, kernel_size) == CFG_KERNEL_SIZE, "CFG_KERNEL_SIZE");
_Static_assert(offsetof(struct bootconfig, external_uuid) == CFG_EXTERNAL_UUID, "CFG_EXTERNAL_UUID");
_Static_assert(offsetof(struct bootconfig, kernel_sha256) == CFG_KERNEL_SHA256, "CFG_KERNEL_SHA256");
_Static_assert(offsetof(struct bootconfig, cmdline) == CFG_CMDLINE, "CFG_CMDLINE");
_Static_assert(sizeof(struct bootconfig) == CFG_SIZE, "CFG_SIZE");
_Static_assert(offsetof(struct bootinfo, boot_drive) == BI_BOOT_DRIVE, "BI_BOOT_DRIVE");
_Static_assert(offsetof(struct bootinfo, loader_tsc) == BI_LOADER_TSC, "BI_LOADER_TSC");
_Static_assert(offsetof(struct bootinfo, e820_count) == BI_E820_COUNT, "BI_E820_COUNT");
_Static_assert(offsetof(struct bootinfo, a20_method) == BI_A20_METHOD, "BI_A20_METHOD");
_Static_assert(offsetof(struct bootinfo, e820) == BI_E820, "BI_E820");
_Static_assert(offsetof(struct bootinfo, config) == BI_CONFIG, "BI_CONFIG");
_Static_assert(sizeof(struct bootinfo) == BI_SIZE, "BI_SIZE");

extern struct bootinfo bootinfo;            // the kernel's copy (kernel/main.c)
#endif
