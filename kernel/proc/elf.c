// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/elf.c: the ELF checks of execve.  Only what a static i386 Linux
// program needs: ET_EXEC, or ET_DYN without an interpreter (static PIE,
// loaded at ELF_DYN_BASE); PT_LOAD segments with sane sizes and alignment,
// inside user space and inside the file.  Everything is checked here, in
// code the host tests run against broken headers, so exec itself can trust
// what it gets.  No memory is touched: exec.c maps the segments.
#include <stdint.h>
#include <string.h>
#include "elf.h"
#include "lib/errno.h"
#include "uvm.h"

#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

static int bad(const char **why, const char *text)
{
    *why = text;
    return -ENOEXEC;
}

static int add_segment(struct elf_info *info, const struct phdr *ph, uint64_t file_size,
                       const char **why)
{
    struct elf_segment *s;
    uint64_t end = (uint64_t)ph->vaddr + info->bias + ph->memsz;

    if (ph->memsz == 0)
        return 0;
    if (info->nsegs == ELF_MAX_SEGMENTS)
        return bad(why, "too many load segments");
    if (ph->filesz > ph->memsz)
        return bad(why, "a segment's file size exceeds its memory size");
    if ((uint64_t)ph->offset + ph->filesz > file_size)
        return bad(why, "a segment reaches past the end of the file");
    if (end > USER_TOP || (uint64_t)ph->vaddr + info->bias < 0x1000)
        return bad(why, "a segment lies outside user space");
    if ((ph->vaddr - ph->offset) % 4096)
        return bad(why, "a segment's address and file offset differ modulo the page size");
    if (info->nsegs && ph->vaddr + info->bias < info->segs[info->nsegs - 1].vaddr)
        return bad(why, "load segments are not in ascending order");
    s = &info->segs[info->nsegs++];
    s->vaddr = ph->vaddr + info->bias;
    s->memsz = ph->memsz;
    s->offset = ph->offset;
    s->filesz = ph->filesz;
    s->prot = (ph->flags & PF_R ? PROT_READ : 0) | (ph->flags & PF_W ? PROT_WRITE : 0) |
              (ph->flags & PF_X ? PROT_EXEC : 0);
    return 0;
}

int elf_parse(const uint8_t *buf, uint32_t n, uint64_t file_size, struct elf_info *info,
              const char **why)
{
    struct ehdr eh;
    struct phdr ph;
    uint32_t i;
    int err;

    memset(info, 0, sizeof *info);
    if (n < sizeof eh || memcmp(buf, "\177ELF", 4))
        return bad(why, "not an ELF file");
    memcpy(&eh, buf, sizeof eh);
    if (eh.ident[4] != 1 || eh.ident[5] != 1)
        return bad(why, "not a 32-bit little-endian ELF file");
    if (eh.machine != 3)
        return bad(why, "not an i386 program");
    if (eh.type != 2 && eh.type != 3)
        return bad(why, "neither an executable nor a position-independent one");
    if (eh.phentsize != sizeof ph || eh.phnum == 0 || eh.phnum > 64)
        return bad(why, "bad program header table");
    if ((uint64_t)eh.phoff + (uint64_t)eh.phnum * sizeof ph > n)
        return bad(why, "the program headers are not within the first page");
    info->bias = eh.type == 3 ? ELF_DYN_BASE : 0;
    info->entry = eh.entry + info->bias;
    info->phnum = eh.phnum;
    for (i = 0; i < eh.phnum; i++) {
        memcpy(&ph, buf + eh.phoff + i * sizeof ph, sizeof ph);
        if (ph.type == PT_INTERP)
            return bad(why, "dynamically linked (has an interpreter); only static programs run");
        if (ph.type == PT_PHDR)
            info->phdr = ph.vaddr + info->bias;
        if (ph.type == PT_LOAD && (err = add_segment(info, &ph, file_size, why)) < 0)
            return err;
    }
    if (info->nsegs == 0)
        return bad(why, "no load segments");
    for (i = 0; !info->phdr && i < (uint32_t)info->nsegs; i++) {
        const struct elf_segment *s = &info->segs[i];
        if (eh.phoff >= s->offset && eh.phoff + eh.phnum * sizeof ph <= s->offset + s->filesz)
            info->phdr = s->vaddr + (eh.phoff - s->offset);
    }
    for (i = 0; i < (uint32_t)info->nsegs; i++) {
        const struct elf_segment *s = &info->segs[i];
        if (info->entry >= s->vaddr && info->entry < s->vaddr + s->memsz)
            return 0;
    }
    return bad(why, "the entry point is in no load segment");
}
