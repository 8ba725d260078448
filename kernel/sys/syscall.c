// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/syscall.c: the Linux i386 system-call entry.  int 0x80 arrives here
// with the number in eax and up to six arguments in ebx, ecx, edx, esi, edi,
// ebp; the handler comes from a table built from kernel/sys/syscalls.def, and
// its result (a value or a negative errno) goes back in eax.  A number with
// no handler returns -ENOSYS and is logged once, naming the program and the
// call, so a missing call shows up in the logs instead of a wrong answer.
#include <stdint.h>
#include "arch/console.h"
#include "file/file.h"
#include "fs/ext2.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "syscall.h"

typedef int32_t (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);

// Handlers are declared without a parameter list: each is defined with its
// own, and all of them are called with the six argument registers (cdecl
// leaves unused ones harmlessly on the stack).
#define SYSCALL(nr, name, kind) SYSCALL_DECLARE_##kind(name)
#define SYSCALL_DECLARE_IMPL(name) int32_t sys_##name();
#define SYSCALL_DECLARE_NOSYS(name)
#include "syscalls.def"
#undef SYSCALL

#define SYSCALL(nr, name, kind) SYSCALL_ENTRY_##kind(nr, name)
#define SYSCALL_ENTRY_IMPL(nr, name) [nr] = (syscall_fn)sys_##name,
#define SYSCALL_ENTRY_NOSYS(nr, name)
static const syscall_fn table[NSYSCALL] = {
#include "syscalls.def"
};
#undef SYSCALL

#define SYSCALL(nr, name, kind) [nr] = #name,
static const char *const names[NSYSCALL] = {
#include "syscalls.def"
};
#undef SYSCALL

static uint64_t counts[NSYSCALL];
static uint8_t logged[NSYSCALL];

void syscall_init(void)
{
    trap_set_handler(T_SYSCALL, syscall_trap);
}

const char *syscall_name(int nr)
{
    return nr >= 0 && nr < NSYSCALL && names[nr] ? names[nr] : "unknown";
}

int syscall_implemented(int nr)
{
    return nr >= 0 && nr < NSYSCALL && table[nr];
}

uint64_t syscall_count(int nr)
{
    return nr >= 0 && nr < NSYSCALL ? counts[nr] : 0;
}

void syscall_trap(struct trapframe *tf)
{
    uint32_t nr = tf->eax;

    current->tf = tf;
    current->syscall_nr = nr;
    if (nr < NSYSCALL)
        counts[nr]++;
    if (nr >= NSYSCALL || !table[nr]) {
        if (nr >= NSYSCALL || !logged[nr]) {
            kprintf("pid %d (%s): unimplemented syscall %u (%s)\n", current->pid, current->name, nr,
                    syscall_name(nr));
            if (nr < NSYSCALL)
                logged[nr] = 1;
        }
        tf->eax = -ENOSYS;
        return;
    }
    tf->eax = table[nr](tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp);
    // between two system calls no file operation is half done: the place
    // to sync when the cache is filling with dirty blocks
    if (root_fs)
        ext2_commit_if_due(root_fs);
}
