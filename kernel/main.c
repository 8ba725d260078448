// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/main.c: kmain, the order in which the kernel comes up.
//
// entry.asm calls kmain with the loader's magic and the physical address of
// struct bootinfo.  The first thing done is hashing the kernel's own image,
// before any variable in .data has been written: the banner shows the hash
// and whether it matches the one tools/mkinit recorded.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arch/bootinfo.h"
#include "arch/console.h"
#include "arch/gdt.h"
#include "arch/pic.h"
#include "arch/power.h"
#include "arch/trap.h"
#include "arch/x86.h"
#include "chain/runner.h"
#include "dev/bios.h"
#include "dev/bios_disk.h"
#include "dev/rtc.h"
#include "dev/timer.h"
#include "disktest.h"
#include "file/file.h"
#include "fs/bcache.h"
#include "fs/disk.h"
#include "fs/ext2.h"
#include "fs/settings.h"
#include "lib/cmdline.h"
#include "lib/errno.h"
#include "lib/nelem.h"
#include "lib/sha256.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vm.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "selftest.h"
#include "sys/syscall.h"

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

// the command line in init.img's boot config (tools/mkinit -c), or none
// when it is malformed
static void parse_builtin(void)
{
    bootinfo.config.cmdline[CFG_CMDLINE_MAX - 1] = 0;
    if (cmdline_parse(bootinfo.config.cmdline) < 0)
        cmdline_parse("");
}

// seedstrap.cfg on the boot disk's FAT partition (fs/settings.c), read
// through the BIOS as the loader read the kernel, so from whatever the boot
// disk is attached to.  Its options go before the built-in command line,
// where the first of a repeated option wins; a missing or broken file
// leaves the built-in line as it is and says why.  The console= in force
// until here is the built-in one.
static void read_settings(void)
{
    static struct settings s;
    static char line[CMDLINE_MAX];
    struct blkdev *boot = bios_disk_open(bootinfo.boot_drive);
    char console[16];
    int n;

    strlcpy(console, cmdline_get_or("console", "both"), sizeof console);
    if (!boot) {
        kprintf("settings: the boot drive 0x%x cannot be read through the BIOS; "
                "using the built-in command line\n", bootinfo.boot_drive);
        return;
    }
    if ((n = settings_read(boot, &s)) < 0) {
        kprintf("settings: %s; using the built-in command line\n", s.why);
        return;
    }
    if (n == 0) {
        kprintf("settings: %s on %s sets no option\n", SETTINGS_FILE, s.where);
        return;
    }
    if ((size_t)snprintf(line, sizeof line, "%s %s", s.options, bootinfo.config.cmdline) >= sizeof line ||
        cmdline_parse(line) < 0) {
        kprintf("settings: %s's options and the built-in command line do not parse together (over %d "
                "bytes, or a quote the built-in line leaves open); using the built-in command line\n",
                SETTINGS_FILE, CMDLINE_MAX - 1);
        parse_builtin();
        return;
    }
    kprintf("settings: %s on %s sets %s\n", SETTINGS_FILE, s.where, s.options);
    if (strcmp(console, cmdline_get_or("console", "both")))
        console_init(cmdline_get_or("console", "both"));
}

// The most the external volume's block cache may grow to: every page of
// the kernel's direct map (where the cache lives) free at mount beyond the
// reserve (pmm_spare_pages), at least 32 MiB, so a build tree that fits in
// memory is read from disk once.  It grows only into pages nobody else
// wants and gives them back when processes do (bcache_shrink).
#define BLOCK_CACHE_MIN (32u << 20)
static uint32_t block_cache_bytes(void)
{
    uint32_t bytes = pmm_spare_pages() * PAGE_SIZE;
    return bytes < BLOCK_CACHE_MIN ? BLOCK_CACHE_MIN : bytes;
}

// what a failed mount most likely means to the person at the machine, by error
static const struct {
    int err;
    const char *hint;
} mount_hints[] = {
    { -EIO, "its disk refused a read or a write (above): a write-protected stick or a read-only\n"
            "storage: disk?  The run writes its volume, so the disk must be writable" },
    { -EUCLEAN, "the volume is damaged (above): e2fsck -f on a Linux machine can repair it;\n"
                "storage: the journal there says which step to resume from" },
    { -ENOMEM, "too little memory for its block cache and tables: give the machine more" },
};

static const char *mount_hint(int err)
{
    size_t i;
    for (i = 0; i < NELEM(mount_hints); i++)
        if (mount_hints[i].err == err)
            return mount_hints[i].hint;
    return "see the lines above";
}

// Finds and mounts the external volume named in the boot config; a machine
// without it cannot go on, so that is a halt with the list of what was seen.
static struct ext2_fs *mount_external(struct blkdev **devp)
{
    static const uint8_t unset[16];
    const uint8_t *uuid = bootinfo.config.external_uuid;
    struct ext2_fs *fs;
    char text[37], label[17];
    uint64_t block_size, blocks, free_blocks, inodes, free_inodes;
    int err;

    if (!memcmp(uuid, unset, 16)) {
        kprintf("storage: init.img names no external volume (tools/mkimage -i sets one)\n");
        return NULL;
    }
    ext2_uuid_str(uuid, text);
    kprintf("storage: looking for the ext2 volume %s\n", text);
    *devp = disk_find_volume(uuid, cmdline_get_or("disk", "auto"));
    if (!*devp) {
        kprintf("storage: the external volume %s is on none of the disks listed above.\n"
                "storage: connect the disk made with it (tools/mkimage; make external),\n"
                "storage: or rebuild both images together. Halting.\n", text);
        power_off(POWER_PANIC);
    }
    ext2_cache_bytes = block_cache_bytes();
    if ((err = ext2_mount(*devp, 0, &fs)) < 0) {
        kprintf("storage: cannot mount %s (error %d): %s. Halting.\n",
                (*devp)->name, err, mount_hint(err));
        power_off(POWER_PANIC);
    }
    ext2_label(fs, label);
    ext2_statfs(fs, &block_size, &blocks, &free_blocks, &inodes, &free_inodes);
    kprintf("storage: mounted %s: ext2 \"%s\", %u MiB, %u MiB free, %u-byte blocks, "
            "a block cache of up to %u MiB%s\n",
            (*devp)->name, label, (uint32_t)(blocks * block_size >> 20),
            (uint32_t)(free_blocks * block_size >> 20), (uint32_t)block_size,
            ext2_cache_mib(fs), ext2_readonly(fs) ? ", read-only" : "");
    return fs;
}

// init's end: the volume is written back and the machine powers off, with
// a failure status unless init exited with 0
static void init_exited(int status)
{
    int err;

    if (status & 0x7f)
        kprintf("init: %s killed by signal %d%s\n", current->name, status & 0x7f,
                status & 0x80 ? " (core)" : "");
    else
        kprintf("init: %s exited with status %d\n", current->name, (status >> 8) & 0xff);
    err = file_unmount(root_fs, root_dev);
    if (err < 0)
        kprintf("init: writing back the external volume failed: error %d\n", err);
    power_off(status == 0 && err == 0 ? POWER_OK : POWER_PANIC);
}

// init="PROGRAM ARGS...": the first process, on the external volume; the
// machine powers off when it exits (init_exited), reporting its status
static void run_init(const char *line)
{
    static char words[CMDLINE_MAX];
    static char *argv[64];
    static char *const envp[] = { "PATH=/bin:/usr/bin:/sbin:/usr/sbin", "HOME=/", "TERM=dumb", NULL };
    int argc = 0, err;
    char *p = words;
    struct proc *first;

    strlcpy(words, line, sizeof words);
    while (*p && argc < 63) {
        while (*p == ' ')
            *p++ = 0;
        if (*p)
            argv[argc++] = p;
        while (*p && *p != ' ')
            p++;
    }
    argv[argc] = NULL;
    if (argc == 0 || !root_fs) {
        kprintf("init: %s\n", argc ? "no external volume to run it from" : "init= names no program");
        power_off(POWER_PANIC);
    }
    kprintf("init: starting %s\n", line);
    if (!(first = file_spawn(argv[0], argv, envp, NULL, &err))) {
        kprintf("init: cannot start %s: error %d\n", argv[0], err);
        power_off(POWER_PANIC);
    }
    proc_make_init(first, init_exited);
    scheduler();
}

// the step table on the volume, if it has one; the machine stops afterwards
static void run_steps(struct ext2_fs *fs, struct blkdev *dev)
{
    int err = runner_run(fs, cmdline_get("stop-after"));

    if (err == -ENOENT) {
        kprintf("runner: the volume has no step table (/stages/steps)\n");
        return;
    }
    if (err < -1)
        kprintf("runner: error %d before any step ran\n", err);
    if (file_unmount(fs, dev) < 0) {
        kprintf("runner: the external volume could not be written back\n");
        err = -1;
    }
    kprintf("seedstrap: powering off\n");
    power_off(err == 0 ? POWER_OK : POWER_PANIC);
}

void kmain(uint32_t magic, uint32_t bootinfo_phys)
{
    uint8_t digest[32];
    const char *test;
    struct ext2_fs *fs;
    struct blkdev *external = NULL;

    sha256(_kernel_start, _image_end - _kernel_start, digest);
    if (magic == BOOTINFO_MAGIC)
        memcpy(&bootinfo, P2V(bootinfo_phys), sizeof bootinfo);
    parse_builtin();
    console_init(cmdline_get_or("console", "both"));
    if (magic != BOOTINFO_MAGIC)
        panic("started without the seedstrap loader's boot info (magic %08x)", magic);

    gdt_init();
    trap_init();
    pic_init();
    timer_init();
    rtc_init();
    pmm_init(bootinfo.e820, bootinfo.e820_count, V2P(_kernel_end), DIRECT_MAP_BYTES);
    vm_init();
    kheap_init();
    pmm_set_reclaim(bcache_shrink);
    bios_init();
    read_settings();
    uvm_init();
    proc_init();
    file_init();
    syscall_init();
    sti();

    banner(digest);
    if (cmdline_has("memmap"))
        print_memory_map();
    test = cmdline_get("test");
    if (test)
        selftest_fault(test);
    if (cmdline_has("selftest") && selftest_run() != 0)
        panic("selftest failed");
    fs = mount_external(&external);
    bcache_cut_at_commit(atoi(cmdline_get_or("cut-at-commit", "0")));
    if (fs && cmdline_has("disktest") && disktest_run(external, &fs, atoi(cmdline_get_or("disktest", "20"))))
        panic("disktest failed");
    root_fs = fs;
    root_dev = external;
    if (cmdline_has("init"))
        run_init(cmdline_get("init"));
    if (fs)
        run_steps(fs, external);
    if (fs && file_unmount(fs, external) < 0)
        panic("the external volume could not be written back");
    kprintf("seedstrap: nothing more to do; powering off\n");
    power_off(POWER_OK);
}
