// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/file/flock.h: flock(2)'s advisory locks (kernel/file/flock.c).
#ifndef FLOCK_H
#define FLOCK_H
#include "file.h"
// lets go of f's lock, if it holds one (LOCK_UN, and at f's last close)
void flock_release(const struct file *f);
#endif
