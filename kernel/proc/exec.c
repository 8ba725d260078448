// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/exec.c: execve: `#!` scripts, then a static ELF program (checked by
// elf.c) mapped into a new address space, its segments backed by the file
// and faulted in as they are touched, and the i386 System V initial stack:
// argc, argv, envp, and the auxiliary vector a static glibc or musl program
// reads (AT_PHDR, AT_PHNUM, AT_PAGESZ, AT_ENTRY, AT_RANDOM, AT_HWCAP ...).
// The old address space is dropped only once the new one is complete, so a
// failed exec returns to the caller intact.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "arch/gdt.h"
#include "arch/power.h"
#include "arch/x86.h"
#include "dev/random.h"
#include "elf.h"
#include "exec.h"
#include "fs/disk.h"
#include "fs/ext2.h"
#include "futex.h"
#include "lib/cmdline.h"
#include "lib/errno.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vm.h"
#include "proc.h"
#include "signal.h"

#define MAX_SCRIPT_DEPTH 4
#define HEADER_SIZE 4096
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

static uint32_t count_strings(char *const v[])
{
    uint32_t n = 0;
    while (v && v[n])
        n++;
    return n;
}

// pushes n bytes onto the new stack being built in kernel memory
static uint32_t push(uint8_t *stack, uint32_t *sp, const void *data, uint32_t n)
{
    *sp -= n;
    memcpy(stack + (*sp - (USER_STACK_TOP - EXEC_ARG_MAX)), data, n);
    return *sp;
}

// the initial stack image: strings at the top, then the vectors; returns the
// user esp, or -E2BIG.  stack holds the top EXEC_ARG_MAX bytes of the stack.
static int build_stack(uint8_t *stack, const struct elf_info *info, const char *execfn,
                       char *const argv[], char *const envp[], uint32_t *esp)
{
    uint32_t argc = count_strings(argv), envc = count_strings(envp), i, a, b, c, d;
    uint32_t sp = USER_STACK_TOP, *ptrs, nptrs = argc + envc + 2, *vec, n = 0, random, platform, fn;
    uint8_t rnd[16];
    uint32_t auxv[40];

    random_fill(rnd, 16);
    random = push(stack, &sp, rnd, 16);
    platform = push(stack, &sp, "i686", 5);
    fn = push(stack, &sp, execfn, strlen(execfn) + 1);
    if (!(ptrs = kmalloc(nptrs * 4)))
        return -ENOMEM;
    for (i = 0; i < argc + envc; i++) {
        const char *s = i < argc ? argv[i] : envp[i - argc];
        uint32_t len = strlen(s) + 1;
        if (sp - len < USER_STACK_TOP - EXEC_ARG_MAX + 1024 + nptrs * 4) {
            kfree(ptrs);
            return -E2BIG;
        }
        ptrs[i < argc ? i : i + 1] = push(stack, &sp, s, len);
    }
    ptrs[argc] = 0;
    ptrs[argc + envc + 1] = 0;
    cpuid(1, &a, &b, &c, &d);
#define AUX(k, v) (auxv[n++] = (k), auxv[n++] = (v))
    AUX(AT_PHDR, info->phdr);
    AUX(AT_PHENT, 32);
    AUX(AT_PHNUM, info->phnum);
    AUX(AT_PAGESZ, PAGE_SIZE);
    AUX(AT_BASE, 0);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, info->entry);
    AUX(AT_UID, 0);
    AUX(AT_EUID, 0);
    AUX(AT_GID, 0);
    AUX(AT_EGID, 0);
    AUX(AT_PLATFORM, platform);
    AUX(AT_HWCAP, d);
    AUX(AT_CLKTCK, 100);
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, random);
    AUX(AT_EXECFN, fn);
    AUX(AT_NULL, 0);
#undef AUX
    // argc at a 16-byte boundary, as the ABI wants at process entry
    sp -= (n + nptrs + 1) * 4;
    sp &= ~15u;
    vec = (uint32_t *)(stack + (sp - (USER_STACK_TOP - EXEC_ARG_MAX)));
    vec[0] = argc;
    memcpy(vec + 1, ptrs, nptrs * 4);
    memcpy(vec + 1 + nptrs, auxv, n * 4);
    kfree(ptrs);
    *esp = sp;
    return 0;
}

// maps the load segments; a segment whose first page the previous one
// already covers (tiny programs with one page for all) extends that area
static int map_segments(struct uvm *m, const struct elf_info *info, uint32_t ino)
{
    uint32_t prev_end = 0, prev_delta = 0, start, end;
    struct elf_segment merged;
    int i, err;

    for (i = 0; i < info->nsegs; i++) {
        const struct elf_segment *s = &info->segs[i];
        start = s->vaddr & ~(PAGE_SIZE - 1);
        end = (s->vaddr + s->memsz + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
        merged = *s;
        if (start < prev_end) {
            if (s->vaddr - s->offset != prev_delta)
                return -ENOEXEC;
            merged = info->segs[i - 1];
            merged.prot |= s->prot;
            merged.memsz = s->vaddr + s->memsz - merged.vaddr;
            merged.filesz = s->vaddr + s->filesz - merged.vaddr;
            start = merged.vaddr & ~(PAGE_SIZE - 1);
        }
        err = uvm_map(m, start, end - start, merged.prot, ino, merged.offset - (merged.vaddr - start),
                      merged.vaddr + merged.filesz - start);
        if (err < 0)
            return err;
        prev_end = end;
        prev_delta = s->vaddr - s->offset;
        if (end > m->brk_start)
            m->brk_start = m->brk = end;
    }
    return 0;
}

// A program whose one segment is both writable and executable keeps its
// variables among its instructions: it runs with a code view (uvm.h), unless
// the command line says codeview=off.
static int add_code_view(struct uvm *m, const struct elf_info *info)
{
    const struct elf_segment *s = &info->segs[0];
    uint32_t start = s->vaddr & ~(PAGE_SIZE - 1), end = (s->vaddr + s->memsz + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

    if (info->nsegs != 1 || !(s->prot & PROT_WRITE) || !(s->prot & PROT_EXEC) ||
        !strcmp(cmdline_get_or("codeview", "on"), "off"))
        return 0;
    return uvm_add_code_view(m, start, end - start);
}

// a `#!` line: interpreter and at most one argument, as Linux
static int parse_script(char *line, uint32_t n, char **interp, char **arg)
{
    char *p = line + 2, *end;

    line[n < HEADER_SIZE ? n : HEADER_SIZE - 1] = 0;
    if (!(end = strchr(p, '\n')))
        return -ENOEXEC;
    *end = 0;
    while (*p == ' ' || *p == '\t')
        p++;
    *interp = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    *arg = NULL;
    if (*p) {
        *p++ = 0;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p) {
            *arg = p;
            for (end = p + strlen(p); end > p && (end[-1] == ' ' || end[-1] == '\t'); end--)
                end[-1] = 0;
        }
    }
    return **interp ? 0 : -ENOEXEC;
}

// the program file: a regular file someone may execute
static int open_program(struct proc *p, const char *path, uint32_t *ino, struct ext2_stat *st)
{
    int err = ext2_namei(root_fs, p->group->cwd, path, 1, ino);
    if (err < 0)
        return err;
    if ((err = ext2_stat(root_fs, *ino, st)) < 0)
        return err;
    if ((st->mode & EXT2_S_IFMT) != EXT2_S_IFREG || !(st->mode & 0111))
        return -EACCES;
    return 0;
}

static int load(struct proc *p, const char *path, char *const argv[], char *const envp[], int depth);

static int run_script(struct proc *p, const char *path, char *hdr, uint32_t n,
                      char *const argv[], char *const envp[], int depth)
{
    char *interp, *arg, **args;
    uint32_t argc = count_strings(argv), i = 0, j;
    int err;

    if (depth >= MAX_SCRIPT_DEPTH)
        return -ELOOP;
    if ((err = parse_script(hdr, n, &interp, &arg)) < 0)
        return err;
    if (!(args = kmalloc((argc + 3) * sizeof *args)))
        return -ENOMEM;
    args[i++] = interp;
    if (arg)
        args[i++] = arg;
    args[i++] = (char *)path;
    for (j = 1; j < argc; j++)
        args[i++] = argv[j];
    args[i] = NULL;
    err = load(p, interp, args, envp, depth + 1);
    kfree(args);
    return err;
}

static int load(struct proc *p, const char *path, char *const argv[], char *const envp[], int depth)
{
    struct ext2_stat st;
    struct elf_info info;
    struct uvm *mem, *old;
    const char *why = "";
    uint8_t *hdr = NULL, *stack = NULL;
    uint32_t ino, esp;
    int n, err;

    if ((err = open_program(p, path, &ino, &st)) < 0)
        return err;
    if (!(hdr = kmalloc(HEADER_SIZE)) || !(stack = kmalloc(EXEC_ARG_MAX))) {
        kfree(hdr);
        return -ENOMEM;
    }
    if ((n = ext2_read(root_fs, ino, 0, hdr, HEADER_SIZE)) < 0) {
        err = n;
        goto out;
    }
    if (n >= 2 && hdr[0] == '#' && hdr[1] == '!') {
        err = run_script(p, path, (char *)hdr, n, argv, envp, depth);
        goto out;
    }
    if ((err = elf_parse(hdr, n, st.size, &info, &why)) < 0) {
        kprintf("exec: %s: %s\n", path, why);
        goto out;
    }
    if (!(mem = uvm_create(root_fs))) {
        err = -ENOMEM;
        goto out;
    }
    if ((err = map_segments(mem, &info, ino)) < 0 || (err = add_code_view(mem, &info)) < 0 ||
        (err = uvm_map(mem, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_SIZE,
                       PROT_READ | PROT_WRITE, 0, 0, 0)) < 0 ||
        (err = build_stack(stack, &info, path, argv, envp, &esp)) < 0) {
        uvm_put(mem);
        goto out;
    }
    if (p == current)
        futex_robust_release(p);        // in the old address space, which holds the list
    uvm_activate(mem);
    err = copy_to_user(mem, esp, stack + (esp - (USER_STACK_TOP - EXEC_ARG_MAX)), USER_STACK_TOP - esp);
    if (err == 0 && p == current)
        err = proc_exec_alone();        // the other threads end (the scheduler switches spaces)
    if (err < 0) {
        if (p->mem)
            uvm_activate(p->mem);
        uvm_put(mem);
        goto out;
    }
    old = p->mem;
    p->mem = mem;
    uvm_activate(mem);
    if (old)
        uvm_put(old);                   // a vfork parent may still use it
    exec_commit(p, path, info.entry, esp);
out:
    kfree(hdr);
    kfree(stack);
    return err;
}

// the process, now with one thread, becomes the new program: registers,
// name, signals, files; a vfork parent goes on
void exec_commit(struct proc *p, const char *path, uint32_t entry, uint32_t esp)
{
    struct group *g = p->group;
    const char *base = strrchr(path, '/');
    struct trapframe *tf = p->tf;
    int i;

    memset(tf, 0, sizeof *tf);
    tf->eip = entry;
    tf->esp = esp;
    tf->cs = SEG_UCODE;
    tf->ds = tf->es = tf->ss = SEG_UDATA;
    tf->eflags = 0x202;
    strlcpy(p->name, base ? base + 1 : path, sizeof p->name);
    kfree(g->exe);
    g->exe = kstrdup(path);
    g->exe_dir = g->cwd;
    g->arg_vec = esp;
    for (i = 1; i < NSIG; i++)
        if (g->sigactions[i].handler != SIG_IGN)
            g->sigactions[i].handler = SIG_DFL;
    for (i = 0; i < NOFILE; i++)
        if (g->files[i] && g->cloexec[i]) {
            proc_file_close(g->files[i]);
            g->files[i] = NULL;
            g->cloexec[i] = 0;
        }
    memset(p->tls, 0, sizeof p->tls);
    gdt_set_tls(p->tls);
    gdt_set_user_code_base(p->mem->code_base);
    p->clear_child_tid = 0;             // a word of the old address space
    p->rseq.area = 0;                   // likewise
    p->group->undumpable = 0;           // a new program is dumpable again (Linux)
    proc_fpu_reset(p);
    proc_vfork_release(p);
}

int exec_program(struct proc *p, const char *path, char *const argv[], char *const envp[])
{
    return load(p, path, argv, envp, 0);
}
