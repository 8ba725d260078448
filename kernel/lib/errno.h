// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/lib/errno.h: error numbers, with Linux's i386 values (asm-generic/errno-base.h
// and errno.h), because the syscall layer hands them to Linux-ABI programs as
// they are.  Kernel functions return 0 or a negative of one of these.
#ifndef ERRNO_H
#define ERRNO_H
#define EPERM         1
#define ENOENT        2
#define ESRCH         3
#define EINTR         4
#define EIO           5
#define ENXIO         6
#define E2BIG         7
#define ENOEXEC       8
#define EBADF         9
#define ECHILD       10
#define EAGAIN       11
#define ENOMEM       12
#define EACCES       13
#define EFAULT       14
#define ENOTBLK      15
#define EBUSY        16
#define EEXIST       17
#define EXDEV        18
#define ENODEV       19
#define ENOTDIR      20
#define EISDIR       21
#define EINVAL       22
#define ENFILE       23
#define EMFILE       24
#define ENOTTY       25
#define ETXTBSY      26
#define EFBIG        27
#define ENOSPC       28
#define ESPIPE       29
#define EROFS        30
#define EMLINK       31
#define EPIPE        32
#define EDOM         33
#define ERANGE       34
#define EDEADLK      35
#define ENAMETOOLONG 36
#define ENOLCK       37
#define ENOSYS       38
#define ENOTEMPTY    39
#define ELOOP        40
#define ENOMSG       42
#define ENODATA      61
#define ETIME        62
#define EOVERFLOW    75
#define EILSEQ       84
#define ENOTSOCK     88
#define EOPNOTSUPP   95
#define EADDRINUSE   98
#define ETIMEDOUT   110
#define ESTALE      116
#define EUCLEAN     117   // on-disk structure is corrupt (Linux uses it as EFSCORRUPTED)
#define ENOMEDIUM   123
#define ECANCELED   125
// Never seen by a program: a blocking call a signal cut short returns this,
// and signal_deliver turns it into -EINTR when a handler without SA_RESTART
// runs, or into the call made again (its int 0x80 once more) otherwise, as
// Linux's ERESTARTSYS does.  Calls that never restart return -EINTR.
#define ERESTARTSYS 512
#endif
