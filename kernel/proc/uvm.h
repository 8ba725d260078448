// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/uvm.h: user address spaces (kernel/proc/uvm.c).
//
// A process's memory is a page directory plus a sorted list of areas
// (struct vma).  Pages are filled in when first touched: zeros, or bytes of
// a file for private file mappings (program segments, mmap of a file).
// fork shares every page copy-on-write.  An address space is shared by the
// threads of a process and by a vfork child until it execs or exits: it
// counts its users, and the last one to let go frees it.
#ifndef UVM_H
#define UVM_H
#include <stdint.h>

#define USER_TOP 0xc0000000u            // first address that is not user space
#define USER_STACK_TOP 0xbffff000u      // one guard page below USER_TOP
#define USER_STACK_SIZE (16u << 20)
#define USER_MMAP_TOP (USER_STACK_TOP - USER_STACK_SIZE - (16u << 20))

#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4

struct ext2_fs;

struct vma {
    uint32_t start, end;                // page-aligned, end exclusive
    uint32_t prot;                      // PROT_*
    uint32_t ino;                       // file-backed: the inode, else 0
    uint64_t file_off;                  // file offset of start
    uint32_t file_end;                  // address where the file's bytes stop (zeros after)
    uint32_t code_shift;                // a code view: a copy of the bytes at va - code_shift
    struct vma *next;
};

struct uvm {
    int refs;                           // processes and threads running in it
    uint32_t pgdir;                     // physical address of the page directory
    struct vma *vmas;
    uint32_t brk_start, brk;            // the heap: [brk_start, brk)
    struct ext2_fs *fs;                 // for file-backed areas
    uint32_t code_base;                 // the user code segment's base: 0, or the code view's shift
};

void uvm_init(void);                    // once, at boot
struct uvm *uvm_create(struct ext2_fs *fs);             // one user; NULL: no memory
struct uvm *uvm_fork(struct uvm *parent);               // a copy-on-write copy, or NULL
// lets go of the page cache's pages of fs (NULL: of every volume), as
// before ext2_umount, which wants no holds left
void uvm_cache_drop(struct ext2_fs *fs);
struct uvm *uvm_get(struct uvm *m);     // one more user (CLONE_VM)
void uvm_put(struct uvm *m);            // one user fewer: the last frees every page and m
void uvm_activate(const struct uvm *m);

// areas: 0 or -ENOMEM / -EINVAL; a new area replaces what it overlaps
int uvm_map(struct uvm *m, uint32_t start, uint32_t len, uint32_t prot, uint32_t ino,
            uint64_t file_off, uint32_t file_len);
int uvm_unmap(struct uvm *m, uint32_t start, uint32_t len);
int uvm_protect(struct uvm *m, uint32_t start, uint32_t len, uint32_t prot);
// mremap: the area at [old, old + old_len), all within one mapping, made
// new_len long, in place where it can; to is 0 (stay), 1 (move where there
// is room, if it must) or the page it must move to.  *out: where it is.
int uvm_remap(struct uvm *m, uint32_t old, uint32_t old_len, uint32_t new_len, uint32_t to, uint32_t *out);
uint32_t uvm_find_free(struct uvm *m, uint32_t len);
uint32_t uvm_size(const struct uvm *m);    // bytes in areas: what RLIMIT_AS limits
int uvm_range_free(const struct uvm *m, uint32_t start, uint32_t len);   // no area there   // top-down below USER_MMAP_TOP; 0 if none

// The code view of a program whose code and writable data share pages (one
// write+execute segment, as stage0-posix's, M2-Planet's and mescc's
// programs): instructions are fetched through a code segment whose base is
// code_base, from read-only copies of [start, start + len) made at first
// use elsewhere in the address space, while the program's loads and stores
// reach the original pages.  An emulator (QEMU) then never sees a store to a
// page it has translated code from, which it handles on a slow path at
// every store.  The price: a program that rewrites its own code keeps
// executing the old code.  0, or -ENOMEM when no room is left.
int uvm_add_code_view(struct uvm *m, uint32_t start, uint32_t len);

// the page fault path: 0 when the access may now go ahead, else -EFAULT
// (no area, or a protection it does not allow) or -ENOMEM
int uvm_fault(struct uvm *m, uint32_t va, int write);

// user memory from the kernel, for system calls: every byte checked
// (and faulted in), so a bad pointer is -EFAULT, never a kernel fault
int copy_from_user(struct uvm *m, void *dst, uint32_t src, uint32_t n);
int copy_to_user(struct uvm *m, uint32_t dst, const void *src, uint32_t n);
int user_check(struct uvm *m, uint32_t va, uint32_t n, int write);
// Linux's access_ok: [va, va + n) lies below USER_TOP, mapped or not.  A
// read or write checks it before the file's own answer (EISDIR, EAGAIN...).
static inline int user_range_ok(uint32_t va, uint32_t n)
{
    return n == 0 || (va < USER_TOP && n <= USER_TOP - va);
}
// a NUL-terminated string of at most max bytes (with the NUL); its length,
// -EFAULT, or -ENAMETOOLONG
int copy_string_from_user(struct uvm *m, char *dst, uint32_t src, uint32_t max);
// copies from address space m, active or not (another process's, for /proc)
int uvm_read(struct uvm *m, void *dst, uint32_t src, uint32_t n);
#endif
