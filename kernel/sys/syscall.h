// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/syscall.h: the int 0x80 entry (kernel/sys/syscall.c) and the helpers
// the sys_*.c files share.
#ifndef SYSCALL_H
#define SYSCALL_H
#include <stdint.h>
#include "arch/trap.h"

#define NSYSCALL 451
#define AT_FDCWD (-100)
// the *at calls' flags; each call refuses the ones it does not take (-EINVAL) before anything else
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200              // AT_EACCESS for faccessat2
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_STATX_SYNC_TYPE 0x6000

void syscall_init(void);
void syscall_trap(struct trapframe *tf);
uint64_t syscall_count(int nr);         // calls made since boot, answered or not
int syscall_implemented(int nr);        // 0: the call answers -ENOSYS
const char *syscall_name(int nr);

// sys_path.c: the inode a dirfd and path start from, and a user path copied in
int path_start(int dirfd, const char *path, uint32_t *ino);
// truncate and ftruncate (sys_fs.c): ino made size bytes long, within RLIMIT_FSIZE
int truncate_ino(uint32_t ino, uint64_t size);
char *path_from_user(uint32_t upath, int *err);     // kmalloc'd; kfree it

// sys_time.c: the monotonic clock in nanoseconds, and the timer tick at
// which a sleep until it reads end_ns is to wake (current->wake_tick)
uint64_t time_now_ns(void);
uint32_t time_wake_tick(uint64_t end_ns);
#endif
