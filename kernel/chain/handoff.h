// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/handoff.h: booting Linux (kernel/chain/handoff.c).
#ifndef HANDOFF_H
#define HANDOFF_H
struct ext2_fs;
// Boots the bzImage at kernel_path on the volume, with the initrd at
// initrd_path (or NULL) and that command line.  last_words runs once both
// are in memory, just before the jump (the caller unmounts the volume
// there).  Returns only when it cannot boot the kernel: a negative errno,
// the reason printed, and last_words not called.
int handoff_boot(struct ext2_fs *fs, const char *kernel_path, const char *initrd_path, const char *cmdline,
                 void (*last_words)(void));
#endif
