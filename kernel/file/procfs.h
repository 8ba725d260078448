// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/file/procfs.h: /proc (kernel/file/procfs.c), read-only, where mount(2) puts
// it: the processes (/proc/PID, /proc/self) and a few files about the
// machine.  Its inodes are numbered from EXT2_FOREIGN_INO on; path lookup
// reaches them through ext2's mount hook, and the file layer hands them here.
#ifndef PROCFS_H
#define PROCFS_H
#include <stdint.h>
#include "file.h"
#include "fs/ext2.h"

int procfs_stat(uint32_t ino, struct ext2_stat *st);
struct file *procfs_open(uint32_t ino, uint32_t flags, int *err);
int procfs_read(struct file *f, uint32_t buf, uint32_t n, uint64_t off);   // buf: user memory
// the entries from f->off on, as ext2_readdir; -EINVAL when the first does not fit
int procfs_readdir(struct file *f, ext2_dirent_fn fn, void *ctx);
int procfs_readlink(uint32_t ino, char *buf, uint32_t size);   // its length
// mount(2) and umount(2) of /proc on directory ino of the volume
// (umount: ino is what the path resolved to, /proc's root when mounted)
int procfs_mount(uint32_t ino);
int procfs_umount(uint32_t ino);
#endif
