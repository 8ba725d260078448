// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/main.c: kmain, the order in which the kernel comes up.
//
// entry.asm calls kmain with the loader's magic and the physical address of
// struct bootinfo.  The first thing done is hashing the kernel's own image,
// before any variable in .data has been written: the banner shows the hash
// and whether it matches the one tools/mkinit recorded.
#include <stdint.h>
#include <string.h>
#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"
#include "gdt.h"
#include "kheap.h"
#include "pic.h"
#include "pmm.h"
#include "power.h"
#include "rtc.h"
#include "selftest.h"
#include "sha256.h"
#include "timer.h"
#include "trap.h"
#include "vm.h"
#include "x86.h"

extern char _kernel_start[], _image_end[], _kernel_end[];

struct bootinfo bootinfo;

static void banner(const uint8_t digest[32])
{
    char hex[65], date[32];
    int match = !memcmp(digest, bootinfo.config.kernel_sha256, 32);
    uint64_t boot_ms = timer_tsc_to_ms(rdtsc() - bootinfo.loader_tsc);

    sha256_hex(digest, hex);
    hex[16] = 0;
    rtc_boot_date(date, sizeof date);
    kprintf("seedstrap kernel %s (sha256 of %u bytes, %s)\n", hex, (uint32_t)(_image_end - _kernel_start),
            match ? "matches init.img" : "DOES NOT MATCH init.img");
    kprintf("memory: %u MiB usable (%u pages free below 4 GiB), %u E820 ranges\n",
            (uint32_t)(pmm_usable_bytes() >> 20), pmm_free_pages(), bootinfo.e820_count);
    kprintf("boot: drive 0x%x, A20 method %u, loader to banner %u ms, at %s\n", bootinfo.boot_drive,
            bootinfo.a20_method, (uint32_t)boot_ms, date);
    kprintf("cmdline: %s\n", cmdline_text());
    if (!match)
        panic("the kernel image is corrupt: its sha256 differs from init.img's boot config");
}

static void print_memory_map(void)
{
    static const char *const types[] = { "?", "usable", "reserved", "ACPI data", "ACPI NVS", "bad" };
    uint32_t i;

    for (i = 0; i < bootinfo.e820_count; i++) {
        const struct e820_entry *e = &bootinfo.e820[i];
        kprintf("  e820: %08x%08x - %08x%08x %s\n", (uint32_t)(e->base >> 32), (uint32_t)e->base,
                (uint32_t)((e->base + e->length - 1) >> 32), (uint32_t)(e->base + e->length - 1),
                e->type <= 5 ? types[e->type] : "unknown");
    }
}

void kmain(uint32_t magic, uint32_t bootinfo_phys)
{
    uint8_t digest[32];
    const char *test;

    sha256(_kernel_start, _image_end - _kernel_start, digest);
    if (magic == BOOTINFO_MAGIC)
        memcpy(&bootinfo, P2V(bootinfo_phys), sizeof bootinfo);
    bootinfo.config.cmdline[CFG_CMDLINE_MAX - 1] = 0;
    if (cmdline_parse(bootinfo.config.cmdline) < 0)
        cmdline_parse("");
    console_init(cmdline_get_or("console", "both"));
    if (magic != BOOTINFO_MAGIC)
        panic("started without the seedstrap loader's boot info (magic %08x)", magic);

    gdt_init();
    trap_init();
    pic_init();
    timer_init();
    rtc_init();
    pmm_init(bootinfo.e820, bootinfo.e820_count, V2P(_kernel_end));
    vm_init();
    kheap_init();
    sti();

    banner(digest);
    if (cmdline_has("memmap"))
        print_memory_map();
    test = cmdline_get("test");
    if (test)
        selftest_fault(test);
    if (cmdline_has("selftest") && selftest_run() != 0)
        panic("selftest failed");
    kprintf("seedstrap: nothing more to do: the storage and step runner come next; powering off\n");
    power_off(POWER_OK);
}
