// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/elf.h: reading the headers of static ELF32 i386 programs (kernel/proc/elf.c).
#ifndef ELF_H
#define ELF_H
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16
#define ELF_DYN_BASE 0x56555000u    // where a static-PIE program goes (as Linux i386)

struct elf_segment {
    uint32_t vaddr, memsz, offset, filesz;
    uint32_t prot;                  // PROT_READ | PROT_WRITE | PROT_EXEC
};

struct elf_info {
    uint32_t entry;                 // with the load bias applied
    uint32_t bias;                  // 0 for ET_EXEC, ELF_DYN_BASE for static PIE
    uint32_t phdr;                  // address of the program headers in memory, or 0
    uint32_t phnum;
    int nsegs;
    struct elf_segment segs[ELF_MAX_SEGMENTS];  // load segments, bias applied, ascending
};

// Checks an ELF header (the first n bytes of a file of file_size bytes) and
// collects its load segments.  0, or -ENOEXEC with *why saying what is wrong.
int elf_parse(const uint8_t *buf, uint32_t n, uint64_t file_size, struct elf_info *info,
              const char **why);
#endif
