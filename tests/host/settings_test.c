// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/settings_test.c: kernel/fs/settings.c.  The parse: the shipped
// seedstrap.cfg sets nothing; comments, blank lines, several options a
// line, quotes, LF, CRLF and CR line ends and a UTF-8 mark are read as the
// file's header says, and the options, put before a built-in command line,
// win over it (kernel/main.c's merge, through kernel/lib/cmdline.c); each
// malformed file is refused with its line and reason.  The read: a disk laid
// out as init.img, with the settings partition tools/mksettings makes, then
// edited with mtools as a user's computer would: a changed file, an
// upper-case name, a file too big, deleted, a directory in its place, and a
// disk without the partition, its table or a readable FAT volume.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fake_blk.h"
#include "fs/settings.h"
#include "layout.h"
#include "lib/cmdline.h"
#include "lib/errno.h"
#include "test_util.h"

static struct settings s;

static int parse(const char *text)
{
    return settings_parse(text, strlen(text), &s);
}

// text is refused, and the reason names words
static void refused(const char *text, size_t n, const char *words)
{
    int r = settings_parse(text, n, &s);

    tu_check(r == -EINVAL && strstr(s.why, words) != NULL, "\"%.40s\": %d \"%s\", want \"%s\"", text, r, s.why,
             words);
}

// a literal, NULs and all
#define REFUSED(text, words) refused(text, sizeof text - 1, words)

static void check_parse(void)
{
    static char line[CMDLINE_MAX * 2];
    size_t n;
    char *shipped = (char *)tu_slurp("disk-layout/settings/seedstrap.cfg", &n);

    tu_check(shipped && settings_parse(shipped, n, &s) == 0 && s.options[0] == 0,
             "the shipped seedstrap.cfg sets no option: %s", s.why);
    free(shipped);
    tu_check(parse("console=serial\n") == 1 && !strcmp(s.options, "console=serial"), "one option");
    tu_check(parse("") == 0 && parse("\n\n  \t\n# only a comment") == 0, "empty files");
    tu_check(parse("\xef\xbb\xbf# a comment, caf\xc3\xa9\r\n\r\n  disk=bios\tstop-after=stage1-answers # there\r\n"
                   "memmap\r\ninit=\"/bin/sh -c 'echo # no comment'\"\r\ncodeview=off#comment\r\ndisktest=") == 6 &&
             !strcmp(s.options, "disk=bios stop-after=stage1-answers memmap init=\"/bin/sh -c 'echo # no comment'\" "
                                "codeview=off disktest="),
             "a file of many lines: %s", s.options);
    snprintf(line, sizeof line, "%s %s", s.options, "console=both disk=ata stop-after=x selftest");
    tu_check(cmdline_parse(line) == 10 && !strcmp(cmdline_get("disk"), "bios") &&
             !strcmp(cmdline_get("stop-after"), "stage1-answers") && !strcmp(cmdline_get("console"), "both") &&
             cmdline_has("selftest") && !strcmp(cmdline_get("init"), "/bin/sh -c 'echo # no comment'"),
             "the file's options win over the built-in line's");
    tu_check(parse("memmap\rselftest\r") == 2, "CR line ends");
    REFUSED("memmap\r\rbogus", "line 3: unknown option \"bogus\"");
    REFUSED("memmap\r\n\r\nx=1", "line 3: unknown option \"x\"");
    REFUSED("# the key is misspelt\nstop_after=stage1-answers\n", "line 2: unknown option \"stop_after\"");
    REFUSED("disk=ata\n\ndisk=bios\n", "line 3: disk is set twice (first on line 1)");
    REFUSED("init=\"/bin/sh\nmemmap\n", "line 1: a quote is not closed");
    REFUSED("init=\"/bin/sh", "line 1: a quote is not closed");
    REFUSED("init=\"a\"b", "line 1: text right after a closing quote");
    REFUSED("\x7f" "ELF\x01\x01\x01\0\0\0", "line 1: byte 0x7f is not plain text");
    REFUSED("memmap\n# a comment\0with a NUL\n", "line 2: byte 0x00 is not plain text");
    REFUSED("disk=b\xc3\xafos\n", "line 1: byte 0xc3 is not plain text");
    memset(line, 'x', CMDLINE_MAX + 10);
    memcpy(line, "init=\"", 6);
    line[CMDLINE_MAX + 8] = '"';
    refused(line, CMDLINE_MAX + 9, "longer than");
}

static char dir[64], disk[128], part[160];

static void put_entry(uint8_t *mbr, int i, uint8_t type, uint32_t lba, uint32_t sectors)
{
    uint8_t *e = mbr + 446 + 16 * i;
    int k;

    e[4] = type;
    for (k = 0; k < 4; k++) {
        e[8 + k] = lba >> (8 * k);
        e[12 + k] = sectors >> (8 * k);
    }
}

// the disk file as a blkdev (in memory, so changes to mem stay here)
static int read_disk(uint8_t **mem, struct blkdev **dev)
{
    size_t n;

    *mem = tu_slurp(disk, &n);
    *dev = fake_blk_mem(*mem, n);
    return settings_read(*dev, &s);
}

// settings_read of the disk file gives want, with words in the reason
static void check_read(int want, const char *words, const char *what)
{
    uint8_t *mem;
    struct blkdev *dev;
    int r = read_disk(&mem, &dev);

    tu_check(r == want && strstr(want < 0 ? s.why : s.where, words), "%s: %d \"%s\" \"%s\", want %d and \"%s\"", what,
             r, s.why, s.where, want, words);
    fake_blk_close(dev);
    free(mem);
}

static void check_read_disk(void)
{
    uint8_t mbr[512] = { 0 }, *mem;
    struct blkdev *dev;
    FILE *f;

    snprintf(disk, sizeof disk, "%s/init.img", dir);
    snprintf(part, sizeof part, "%s@@%d", disk, SETTINGS_LBA * 512);
    tu_check(tu_sh("sh tools/mksettings %s/settings.img && truncate -s %d %s && "
                   "dd if=%s/settings.img of=%s bs=512 seek=%d conv=notrunc status=none",
                   dir, IMG_SECTORS * 512, disk, dir, disk, SETTINGS_LBA) == 0, "tools/mksettings");
    put_entry(mbr, 0, PART_TYPE, PART_LBA, SETTINGS_LBA - PART_LBA);
    put_entry(mbr, 1, SETTINGS_TYPE, SETTINGS_LBA, SETTINGS_SECTORS);
    mbr[510] = 0x55;
    mbr[511] = 0xaa;
    f = fopen(disk, "r+b");
    fwrite(mbr, 1, 512, f);
    fclose(f);

    check_read(0, "p2", "the shipped settings");
    tu_sh("printf 'disk=bios stop-after=x # changed\\r\\n' > %s/seedstrap.cfg", dir);
    tu_check(tu_sh("mcopy -o -i %s %s/seedstrap.cfg ::", part, dir) == 0, "mcopy -o");
    check_read(2, "p2", "an edited file");
    tu_check(!strcmp(s.options, "disk=bios stop-after=x"), "the edited file's options: %s", s.options);
    tu_sh("printf 'memmap\\n' > %s/SEEDSTRAP.CFG && mdel -i %s ::seedstrap.cfg && mcopy -i %s %s/SEEDSTRAP.CFG ::",
          dir, part, part, dir);
    check_read(1, "p2", "an upper-case name");
    tu_sh("head -c 5000 /dev/zero | tr '\\0' '#' > %s/seedstrap.cfg && mcopy -o -i %s %s/seedstrap.cfg ::", dir, part,
          dir);
    check_read(-EFBIG, "is 5000 bytes, more than 4096", "a file too big");
    tu_check(tu_sh("mdel -i %s ::seedstrap.cfg", part) == 0, "mdel");
    check_read(-ENOENT, "there is no seedstrap.cfg on mem", "a deleted file");
    tu_check(tu_sh("mmd -i %s ::seedstrap.cfg", part) == 0, "mmd");
    check_read(-EISDIR, "is a directory", "a directory in its place");

    read_disk(&mem, &dev);
    mem[446 + 16 + 4] = 0x83;
    tu_check(settings_read(dev, &s) == -ENOENT && strstr(s.why, "has no FAT partition"), "no FAT partition: %s",
             s.why);
    mem[446 + 16 + 4] = SETTINGS_TYPE;
    mem[SETTINGS_LBA * 512 + 510] = 0;
    tu_check(settings_read(dev, &s) == -EINVAL && strstr(s.why, "cannot be read: its boot sector has no 55 aa"),
             "a partition that is not FAT: %s", s.why);
    mem[510] = 0;
    tu_check(settings_read(dev, &s) == -ENOENT && strstr(s.why, "has no partition table"), "no table: %s", s.why);
    fake_blk_close(dev);
    free(mem);
}

int main(void)
{
    setenv("MTOOLS_SKIP_CHECK", "1", 1);
    check_parse();
    if (tu_sh("command -v mformat >/dev/null") != 0) {
        printf("SKIP: needs mtools: apt-get install mtools\n");
        return 77;
    }
    strcpy(dir, "/tmp/settings_test.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    check_read_disk();
    tu_sh("rm -rf %s", dir);
    return tu_report("settings_test");
}
