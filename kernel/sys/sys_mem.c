// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/sys_mem.c: brk, mmap (anonymous, and private mappings of files),
// munmap, mremap, mprotect, madvise.  Everything is lazy: these calls only edit the
// process's areas (kernel/proc/uvm.c); pages appear when touched.  A shared
// file mapping is accepted read-only (as a private one), since nothing can
// see the difference until it writes; a writable shared file mapping is
// refused with -EINVAL rather than silently losing its writes.
#include <stddef.h>
#include <stdint.h>
#include "file/file.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "syscall.h"

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define PAGE 4096u

// RLIMIT_AS: the areas may grow by len bytes more (Linux's may_expand_vm;
// the stack's area counts whole, as it is mapped whole)
static int may_grow(uint32_t len)
{
    return (uint64_t)uvm_size(current->mem) + len <= proc_rlimit(RLIMIT_AS);
}

// the heap within RLIMIT_DATA and RLIMIT_AS
int32_t sys_brk(uint32_t addr)
{
    struct uvm *m = current->mem;
    uint32_t old_end = (m->brk + PAGE - 1) & ~(PAGE - 1), new_end = (addr + PAGE - 1) & ~(PAGE - 1);

    if (addr < m->brk_start || addr >= USER_MMAP_TOP)
        return m->brk;                  // Linux answers a refused brk with the current break
    if (new_end > old_end) {
        if (!may_grow(new_end - old_end) || new_end - m->brk_start > proc_rlimit(RLIMIT_DATA))
            return m->brk;
        if (!uvm_range_free(m, old_end, new_end - old_end))
            return m->brk;
        if (uvm_map(m, old_end, new_end - old_end, PROT_READ | PROT_WRITE, 0, 0, 0) < 0)
            return m->brk;
    } else if (new_end < old_end) {
        uvm_unmap(m, new_end, old_end - new_end);
    }
    m->brk = addr;
    return addr;
}

static int32_t do_mmap(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int32_t fd,
                       uint64_t off)
{
    struct uvm *m = current->mem;
    struct file *f = NULL;
    uint32_t ino = 0, file_len = 0, acc;
    int err;

    // Linux's order: the descriptor, the arguments, the descriptor's mode
    // (reading always, writing for a writable shared mapping: -EACCES),
    // then a file that cannot be mapped (-ENODEV)
    if (!(flags & MAP_ANONYMOUS) && (fd < 0 || fd >= NOFILE || !(f = current->group->files[fd])))
        return -EBADF;
    if (len == 0 || (off & (PAGE - 1)) || (addr & (PAGE - 1) && (flags & MAP_FIXED)))
        return -EINVAL;
    // the type: shared or private; MAP_SHARED_VALIDATE (shared, its flags
    // checked) only for a file, as Linux
    if ((flags & MAP_TYPE) != MAP_SHARED && (flags & MAP_TYPE) != MAP_PRIVATE &&
        ((flags & MAP_TYPE) != MAP_SHARED_VALIDATE || !f))
        return -EINVAL;
    len = (len + PAGE - 1) & ~(PAGE - 1);
    if (f) {
        acc = f->flags & O_ACCMODE;
        if (acc == O_WRONLY || ((flags & MAP_SHARED) && (prot & PROT_WRITE) && acc == O_RDONLY))
            return -EACCES;
        if (f->type != FILE_INODE || (f->mode & EXT2_S_IFMT) != EXT2_S_IFREG)
            return -ENODEV;
        if ((flags & MAP_SHARED) && (prot & PROT_WRITE))
            return -EINVAL;
        ino = f->ino;
        file_len = len;
    }
    if (!(flags & MAP_FIXED)) {
        if (flags & MAP_FIXED_NOREPLACE)
            return -EINVAL;
        addr = uvm_find_free(m, len);
        if (!addr)
            return -ENOMEM;
    }
    if (!may_grow(len))
        return -ENOMEM;
    if ((err = uvm_map(m, addr, len, prot & 7, ino, off, file_len)) < 0)
        return err;
    return addr;
}

// old_mmap: one pointer to six words
int32_t sys_mmap(uint32_t args)
{
    uint32_t a[6];
    if (copy_from_user(current->mem, a, args, sizeof a) < 0)
        return -EFAULT;
    return do_mmap(a[0], a[1], a[2], a[3], (int32_t)a[4], a[5]);
}

int32_t sys_mmap2(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, uint32_t fd, uint32_t pgoff)
{
    return do_mmap(addr, len, prot, flags, (int32_t)fd, (uint64_t)pgoff * PAGE);
}

int32_t sys_munmap(uint32_t addr, uint32_t len)
{
    if (len == 0)
        return -EINVAL;
    return uvm_unmap(current->mem, addr, len);
}

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2

// musl's realloc grows large blocks by mremap (else it copies them)
int32_t sys_mremap(uint32_t old, uint32_t old_len, uint32_t new_len, uint32_t flags, uint32_t new_addr)
{
    uint32_t to = 0, at;
    int err;

    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED) || ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
        return -EINVAL;
    if (flags & MREMAP_FIXED) {
        if (new_addr < PAGE)
            return -EINVAL;
        to = new_addr;
    } else if (flags & MREMAP_MAYMOVE) {
        to = 1;
    }
    if (old_len == 0)
        return -EINVAL;                 // Linux's duplicate of a shared mapping: none here
    if (new_len > old_len && !may_grow(new_len - old_len))
        return -ENOMEM;
    if ((err = uvm_remap(current->mem, old, old_len, new_len, to, &at)) < 0)
        return err;
    return (int32_t)at;
}

int32_t sys_mprotect(uint32_t addr, uint32_t len, uint32_t prot)
{
    return uvm_protect(current->mem, addr, len, prot & 7);
}

// Advice changes nothing here (pages are only ever lazy), but the answers
// are Linux's: an advice it does not know (6.1: 0-4, 8-25, 100, 101), an
// address not on a page or a range that wraps is -EINVAL
int32_t sys_madvise(uint32_t addr, uint32_t len, uint32_t advice)
{
    uint32_t end = addr + ((len + PAGE - 1) & ~(PAGE - 1));
    if ((advice > 4 && advice < 8) || (advice > 25 && advice != 100 && advice != 101))
        return -EINVAL;
    if ((addr & (PAGE - 1)) || (len && end <= addr))
        return -EINVAL;
    return 0;
}
