// SPDX-License-Identifier: GPL-3.0-or-later
// tools/mkinit.c: assembles init.img from the boot sector, the loader, the
// kernel image and the settings partition (a FAT volume that
// tools/mksettings made), at the places disk-layout/init.layout gives, and
// writes the boot config (kernel place, size and sha256, the external
// volume's UUID, the built-in kernel command line) and the MBR partition
// table.
//
//   mkinit -m mbr.bin -l loader.bin -k kernel.bin -s settings.img [-c CMDLINE] [-u UUID] -o init.img
//   mkinit -e init.img [-c CMDLINE] [-u UUID]      edit the config of an image
//
// -e leaves the settings partition alone: seedstrap.cfg's options still win
// over the command line -c writes (README.md, "Settings from any computer").
//
// The output depends only on the inputs: two builds give the same bytes.
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "layout.h"
#include "../kernel/lib/sha256.h"

#define SECTOR 512
_Static_assert(KERNEL_LBA + KERNEL_MAX_SECTORS <= SETTINGS_LBA, "the kernel's room runs into the settings");
_Static_assert(SETTINGS_LBA + SETTINGS_SECTORS <= IMG_SECTORS, "the settings partition runs past the image");

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "mkinit: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    exit(1);
}

// read a whole file of at most max bytes; returns its size
static size_t slurp(const char *path, uint8_t *buf, size_t max)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open %s", path);
    size_t n = fread(buf, 1, max + 1, f);
    fclose(f);
    if (n > max)
        die("%s is too big for its place in disk-layout/init.layout", path);
    return n;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

// CHS address of an LBA for the partition table, with the usual 255 heads and
// 63 sectors; past the 1024th cylinder the table holds 1023/254/63.
static void put_chs(uint8_t *p, uint32_t lba)
{
    uint32_t c = lba / (255 * 63), h = lba / 63 % 255, s = lba % 63 + 1;
    if (c > 1023) {
        c = 1023;
        h = 254;
        s = 63;
    }
    p[0] = h;
    p[1] = s | (c >> 8) << 6;
    p[2] = c;
}

static void parse_uuid(const char *text, uint8_t out[16])
{
    int n = 0;
    for (const char *p = text; *p && n < 32; p++) {
        if (*p == '-')
            continue;
        char digit[2] = { *p, 0 };
        char *end;
        unsigned v = strtoul(digit, &end, 16);
        if (*end)
            die("bad UUID %s", text);
        out[n / 2] = n % 2 ? out[n / 2] | v : v << 4;
        n++;
    }
    if (n != 32)
        die("bad UUID %s (32 hex digits expected)", text);
}

static void write_config(uint8_t *cfg, const char *cmdline, const char *uuid)
{
    if (cmdline) {
        if (strlen(cmdline) >= CFG_CMDLINE_MAX)
            die("the command line is longer than %s", "CFG_CMDLINE_MAX");
        memset(cfg + CFG_CMDLINE, 0, CFG_CMDLINE_MAX);
        memcpy(cfg + CFG_CMDLINE, cmdline, strlen(cmdline));
    }
    if (uuid)
        parse_uuid(uuid, cfg + CFG_EXTERNAL_UUID);
}

// partition table entry i: type, first sector, sectors; the first is active
static void put_part(uint8_t *img, int i, uint8_t type, uint32_t lba, uint32_t sectors)
{
    uint8_t *e = img + 446 + 16 * i;

    e[0] = i == 0 ? 0x80 : 0;
    put_chs(e + 1, lba);
    e[4] = type;
    put_chs(e + 5, lba + sectors - 1);
    put32(e + 8, lba);
    put32(e + 12, sectors);
}

static void build(uint8_t *img, const char *mbr, const char *loader, const char *kernel,
                  const char *settings)
{
    static uint8_t kbuf[KERNEL_MAX_SECTORS * SECTOR];
    uint8_t *cfg = img + CONFIG_LBA * SECTOR;

    if (slurp(mbr, img, SECTOR) != SECTOR || img[510] != 0x55 || img[511] != 0xaa)
        die("%s is not a 512-byte boot sector", mbr);
    slurp(loader, img + LOADER_LBA * SECTOR, LOADER_SECTORS * SECTOR);
    size_t ksize = slurp(kernel, kbuf, sizeof kbuf);
    memcpy(img + KERNEL_LBA * SECTOR, kbuf, ksize);
    if (slurp(settings, img + SETTINGS_LBA * SECTOR, SETTINGS_SECTORS * SECTOR) != SETTINGS_SECTORS * SECTOR)
        die("%s is not SETTINGS_SECTORS long (tools/mksettings makes it)", settings);

    put32(img + 440, DISK_SIGNATURE);
    put_part(img, 0, PART_TYPE, PART_LBA, SETTINGS_LBA - PART_LBA);
    put_part(img, 1, SETTINGS_TYPE, SETTINGS_LBA, SETTINGS_SECTORS);

    memcpy(cfg + CFG_MAGIC, "SEEDCFG1", 8);
    put32(cfg + CFG_KERNEL_LBA, KERNEL_LBA);
    put32(cfg + CFG_KERNEL_SECTORS, (ksize + SECTOR - 1) / SECTOR);
    put32(cfg + CFG_KERNEL_SIZE, ksize);
    sha256(kbuf, ksize, cfg + CFG_KERNEL_SHA256);
}

int main(int argc, char **argv)
{
    const char *mbr = 0, *loader = 0, *kernel = 0, *settings = 0, *out = 0, *edit = 0;
    const char *cmdline = 0, *uuid = 0;
    static uint8_t img[IMG_SECTORS * SECTOR];
    int opt;

    while ((opt = getopt(argc, argv, "m:l:k:s:c:u:o:e:")) != -1) {
        switch (opt) {
        case 'm': mbr = optarg; break;
        case 'l': loader = optarg; break;
        case 'k': kernel = optarg; break;
        case 's': settings = optarg; break;
        case 'c': cmdline = optarg; break;
        case 'u': uuid = optarg; break;
        case 'o': out = optarg; break;
        case 'e': edit = optarg; break;
        default: die("usage: see the top of %s", __FILE__);
        }
    }
    if (edit) {
        if (slurp(edit, img, sizeof img) != sizeof img)
            die("%s is not an init.img of this layout", edit);
        if (memcmp(img + CONFIG_LBA * SECTOR + CFG_MAGIC, "SEEDCFG1", 8))
            die("%s has no boot config", edit);
        out = edit;
    } else {
        if (!mbr || !loader || !kernel || !settings || !out)
            die("-m, -l, -k, -s and -o are needed (%s)", "see the top of tools/mkinit.c");
        build(img, mbr, loader, kernel, settings);
    }
    write_config(img + CONFIG_LBA * SECTOR, cmdline, uuid);

    FILE *f = fopen(out, "wb");
    if (!f || fwrite(img, 1, sizeof img, f) != sizeof img || fclose(f))
        die("cannot write %s", out);
    return 0;
}
