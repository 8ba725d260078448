// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/handoff.c: booting Linux from the external volume by the x86 boot
// protocol's 32-bit entry (Linux's Documentation/arch/x86/boot.rst).  The
// bzImage's setup header is checked and copied into a fresh boot_params page
// with the E820 map, the command line and the initrd; the protected-mode
// kernel is staged above everything it will decompress into, and
// kernel/chain/handoff_low.asm, from low memory with paging off, moves it to its load
// address and jumps.  Protocol 2.02 and later; i386 and x86_64 bzImages
// (a 64-bit kernel starts at the same 32-bit entry).  A header this code
// cannot honour is refused with the name of the field.
#include <stdint.h>
#include <string.h>
#include "arch/bootinfo.h"
#include "arch/console.h"
#include "arch/x86.h"
#include "fs/ext2.h"
#include "handoff.h"
#include "lib/errno.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vm.h"

// setup header fields, as offsets into the bzImage and into boot_params
#define HDR_SETUP_SECTS 0x1f1
#define HDR_JUMP 0x200                  // a 2-byte jump; its second byte sizes the header
#define HDR_MAGIC 0x202                 // "HdrS"
#define HDR_VERSION 0x206
#define HDR_TYPE_OF_LOADER 0x210
#define HDR_LOADFLAGS 0x211
#define HDR_CODE32_START 0x214
#define HDR_RAMDISK_IMAGE 0x218
#define HDR_RAMDISK_SIZE 0x21c
#define HDR_HEAP_END_PTR 0x224
#define HDR_CMD_LINE_PTR 0x228
#define HDR_INITRD_ADDR_MAX 0x22c
#define HDR_KERNEL_ALIGNMENT 0x230
#define HDR_RELOCATABLE 0x234
#define HDR_CMDLINE_SIZE 0x238
#define HDR_PREF_ADDRESS 0x258
#define HDR_INIT_SIZE 0x260
#define BP_E820_ENTRIES 0x1e8
#define BP_E820_TABLE 0x2d0
#define BP_E820_MAX 128

#define LOADED_HIGH 0x01
#define CAN_USE_HEAP 0x80

extern const char handoff_code[], handoff_end[];

struct linux_image {
    uint8_t *file;                      // the whole bzImage
    uint32_t size, pm_offset, pm_size;  // the protected-mode kernel within it
    uint16_t version;
    uint32_t load, init_size;
};

static uint32_t get32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint16_t get16(const uint8_t *p) { return p[0] | p[1] << 8; }

static int refuse(const char *field, const char *why)
{
    kprintf("handoff: cannot boot this kernel: %s: %s\n", field, why);
    return -ENOEXEC;
}

static int check_header(struct linux_image *k)
{
    uint32_t setup_sects;

    if (k->size < 0x1000 || get16(k->file + 0x1fe) != 0xaa55)
        return refuse("boot_flag", "not a Linux kernel image (no 0xaa55 at 0x1fe)");
    if (memcmp(k->file + HDR_MAGIC, "HdrS", 4))
        return refuse("header", "no \"HdrS\" magic: a protocol older than 2.00");
    k->version = get16(k->file + HDR_VERSION);
    if (k->version < 0x202)
        return refuse("version", "boot protocol older than 2.02");
    if (!(k->file[HDR_LOADFLAGS] & LOADED_HIGH))
        return refuse("loadflags", "a zImage (LOADED_HIGH clear); only bzImages");
    setup_sects = k->file[HDR_SETUP_SECTS] ? k->file[HDR_SETUP_SECTS] : 4;
    k->pm_offset = (setup_sects + 1) * 512;
    if (k->pm_offset >= k->size)
        return refuse("setup_sects", "the setup code is bigger than the file");
    k->pm_size = k->size - k->pm_offset;
    k->load = 0x100000;
    if (k->version >= 0x205 && k->file[HDR_RELOCATABLE]) {
        uint32_t align = get32(k->file + HDR_KERNEL_ALIGNMENT);
        k->load = k->version >= 0x20a ? get32(k->file + HDR_PREF_ADDRESS) : 0x1000000;
        if (align && (k->load & (align - 1)))
            return refuse("pref_address", "not a multiple of kernel_alignment");
    }
    // room for the decompressor: init_size where the header gives it
    k->init_size = k->version >= 0x20a ? get32(k->file + HDR_INIT_SIZE) : k->pm_size * 4;
    if (k->init_size < k->pm_size)
        k->init_size = k->pm_size;
    return 0;
}

static uint8_t *read_whole(struct ext2_fs *fs, const char *path, uint32_t *size)
{
    struct ext2_stat st;
    uint32_t ino;
    uint8_t *buf;

    if (ext2_namei(fs, EXT2_ROOT_INO, path, 1, &ino) < 0 || ext2_stat(fs, ino, &st) < 0) {
        kprintf("handoff: no %s on the external volume\n", path);
        return NULL;
    }
    if (st.size > (256u << 20) || !(buf = kmalloc(st.size ? st.size : 1)))
        return NULL;
    if (ext2_read(fs, ino, 0, buf, st.size) != (int)st.size) {
        kfree(buf);
        return NULL;
    }
    *size = st.size;
    return buf;
}

// pages for n bytes, above min, below limit, directly mapped; its address
static uint32_t place(uint32_t n, uint32_t min, uint32_t limit)
{
    return pmm_alloc_contig_from((n + PAGE_SIZE - 1) / PAGE_SIZE, min, limit);
}

static void fill_boot_params(const struct linux_image *k, uint32_t initrd, uint32_t initrd_size,
                             const char *cmdline)
{
    uint8_t *bp = P2V(LINUX_PARAMS_ADDR);
    uint32_t header_end = HDR_JUMP + 2 + k->file[HDR_JUMP + 1], i, n = 0;
    uint32_t max_cmdline = k->version >= 0x206 ? get32(k->file + HDR_CMDLINE_SIZE) : 255;

    memset(bp, 0, PAGE_SIZE);
    memcpy(bp + HDR_SETUP_SECTS, k->file + HDR_SETUP_SECTS, header_end - HDR_SETUP_SECTS);
    bp[HDR_TYPE_OF_LOADER] = 0xff;      // a boot loader without an assigned id
    bp[HDR_LOADFLAGS] |= CAN_USE_HEAP;
    *(uint16_t *)(bp + HDR_HEAP_END_PTR) = 0xde00;
    *(uint32_t *)(bp + HDR_CODE32_START) = k->load;
    *(uint32_t *)(bp + HDR_CMD_LINE_PTR) = LINUX_CMDLINE_ADDR;
    *(uint32_t *)(bp + HDR_RAMDISK_IMAGE) = initrd;
    *(uint32_t *)(bp + HDR_RAMDISK_SIZE) = initrd_size;
    strlcpy(P2V(LINUX_CMDLINE_ADDR), cmdline, max_cmdline + 1 < PAGE_SIZE ? max_cmdline + 1 : PAGE_SIZE);
    for (i = 0; i < bootinfo.e820_count && n < BP_E820_MAX; i++, n++)
        memcpy(bp + BP_E820_TABLE + 20 * n, &bootinfo.e820[i], 20);
    bp[BP_E820_ENTRIES] = n;
}

int handoff_boot(struct ext2_fs *fs, const char *kernel_path, const char *initrd_path, const char *cmdline,
                 void (*last_words)(void))
{
    struct linux_image k;
    uint32_t staging, initrd = 0, initrd_size = 0, initrd_max, *pgdir;
    uint8_t *initrd_data = NULL;
    int err;

    memset(&k, 0, sizeof k);
    if (!(k.file = read_whole(fs, kernel_path, &k.size)))
        return -ENOENT;
    if ((err = check_header(&k)) < 0)
        return err;
    if (initrd_path && !(initrd_data = read_whole(fs, initrd_path, &initrd_size)))
        return -ENOENT;
    staging = place(k.pm_size, k.load + k.init_size, DIRECT_MAP_BYTES);
    initrd_max = k.version >= 0x203 ? get32(k.file + HDR_INITRD_ADDR_MAX) : 0x37ffffff;
    if (initrd_data)
        initrd = place(initrd_size, staging + k.pm_size, initrd_max < DIRECT_MAP_BYTES ? initrd_max : DIRECT_MAP_BYTES);
    if (staging == NO_PAGE || initrd == NO_PAGE)
        return refuse("memory", "no room above the kernel's decompression area (init_size)");
    memcpy(P2V(staging), k.file + k.pm_offset, k.pm_size);
    if (initrd_data)
        memcpy(P2V(initrd), initrd_data, initrd_size);
    fill_boot_params(&k, initrd, initrd_size, cmdline);
    kprintf("handoff: Linux boot protocol %u.%02u, kernel %u bytes at 0x%x (decompresses to 0x%x), "
            "initrd %u bytes at 0x%x\nhandoff: command line: %s\n", k.version >> 8, k.version & 0xff,
            k.pm_size, k.load, k.load + k.init_size, initrd_size, initrd, cmdline);
    memcpy(P2V(HANDOFF_ADDR), handoff_code, handoff_end - handoff_code);
    last_words();
    cli();
    pgdir = P2V(rcr3() & ~0xfffu);
    pgdir[0] = 0 | PTE_P | PTE_W | PTE_PS;     // the hand-off code runs where it is
    lcr3(rcr3());
    handoff_jump(HANDOFF_ADDR, staging, k.load, (k.pm_size + 3) / 4, k.load);
}
