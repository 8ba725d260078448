// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/file/file.h: open files (kernel/file/file.c): ext2 inodes, pipes and FIFOs,
// and the few character devices (null, zero, full, random, urandom, tty,
// console), reached through device files on the volume or built-in names;
// the files of /proc are kernel/file/procfs.c's.
#ifndef FILE_H
#define FILE_H
#include <stdint.h>
#include "fs/disk.h"
#include "fs/ext2.h"

#define FILE_ROOT_INO EXT2_ROOT_INO
#define PATH_MAX EXT2_PATH_MAX

// open flags, Linux i386 values
#define O_ACCMODE 3
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECT 040000                 // pipe2's packet mode
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#define O_CLOEXEC 02000000
#define O_PATH 010000000                // not implemented; open takes it for its checks
#define O_TMPFILE_BIT 020000000         // __O_TMPFILE: O_TMPFILE is it with O_DIRECTORY

#define PIPE_SIZE 65536                 // a pipe's buffer (F_GETPIPE_SZ's answer)

// poll's event bits, Linux's values
#define POLLIN 0x1
#define POLLPRI 0x2
#define POLLOUT 0x4
#define POLLERR 0x8
#define POLLHUP 0x10
#define POLLNVAL 0x20
#define POLLRDNORM 0x40
#define POLLRDBAND 0x80
#define POLLWRNORM 0x100
#define POLLWRBAND 0x200

enum file_type { FILE_INODE, FILE_PIPE, FILE_DEV, FILE_PROC };
enum dev_kind { DEV_NULL, DEV_ZERO, DEV_CONSOLE, DEV_URANDOM, DEV_FULL };

struct pipe;
struct proc;

struct file {
    enum file_type type;
    int refs;
    uint32_t flags;             // O_ACCMODE, O_APPEND, O_NONBLOCK as opened
    uint64_t off;               // files: position; directories: readdir cookie
    uint32_t ino;               // the inode, held (ext2_ref) until the last close; 0: none
                                // (FILE_PROC: procfs's number, not held)
    uint32_t mode;              // inode files: type and permissions at open
    struct pipe *pipe;          // which end: the access mode (a FIFO open O_RDWR is both)
    uint32_t writers_seen;      // pipes: the pipe's writer_opens when this was opened
    enum dev_kind dev;
    uint32_t rdev;              // devices: the number (EXT2_MKDEV)
    // opened by a path: that path and the directory it started from, for
    // /proc/PID/fd's links (kmalloc'd, or NULL)
    char *path;
    uint32_t path_dir;
};


// Writes the volume back and unmounts it, as before a power-off or the
// hand-off; the page cache lets go of it first (ext2_umount wants no holds).
int file_unmount(struct ext2_fs *fs, struct blkdev *dev);

struct file *file_alloc(enum file_type type, uint32_t flags);
struct file *file_dup(struct file *f);
void file_close(struct file *f);
// registers what processes need of their descriptors (proc_set_file_ops)
void file_init(void);
// proc_spawn with descriptors 0, 1 and 2 on out (shared), or, when out is
// NULL, on /dev/console, which becomes the process's controlling terminal
struct proc *file_spawn(const char *path, char *const argv[], char *const envp[], struct file *out,
                        int *err);
// Opens inode ino (st: its stat) with open's flags: a regular file or a
// directory, a device (-ENXIO for a number no device has), or a FIFO.
struct file *file_open_inode(uint32_t ino, const struct ext2_stat *st, uint32_t flags, int *err);
// The built-in device names (/dev/null ...), which paths the volume does
// not have resolve to: the device number for path, or 0.
uint32_t file_dev_lookup(const char *path);
// the stat of inode ino (the volume's or procfs's), or of an open file
int file_stat_ino(uint32_t ino, struct ext2_stat *st);
int file_stat_open(struct file *f, struct ext2_stat *st);
// what f (a pipe or a built-in device, no inode) is open on, opened anew
// with flags, as an open of /proc/PID/fd/N does
struct file *file_reopen(struct file *f, uint32_t flags, int *err);
uint32_t file_pipe_id(const struct file *f);     // a pipe's number ("pipe:[N]")
struct file *file_open_dev(uint32_t rdev, uint32_t flags, int *err);     // a built-in name's device
void file_stat_dev(uint32_t rdev, struct ext2_stat *st);                  // and its stat

// transfers between an open file and user memory at buf (checked here)
int file_read(struct file *f, uint32_t buf, uint32_t n);
int file_write(struct file *f, uint32_t buf, uint32_t n);
int file_pread(struct file *f, uint32_t buf, uint32_t n, uint64_t off);
int file_pwrite(struct file *f, uint32_t buf, uint32_t n, uint64_t off);
// RLIMIT_FSIZE (Linux's generic_write_check_limits): a write of *n bytes
// at off to a regular file is cut short at the limit; one starting at or
// beyond it sends the writer SIGXFSZ and is -EFBIG
int file_size_limit(uint64_t off, uint32_t *n);
int file_write_kernel(struct file *f, const void *buf, uint32_t n);   // buf in kernel memory

int pipe_create(struct file **read_end, struct file **write_end);
int file_poll(struct file *f);                   // the POLL* conditions that hold now
// sleeps until a pipe changes, a signal, or the tick wake_tick (0: none)
void file_poll_wait(uint32_t wake_tick);
int file_nread(struct file *f, uint32_t *n);     // FIONREAD's count, or -ENOTTY
#endif
