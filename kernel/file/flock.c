// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/file/flock.c: flock(2), BSD advisory locks, as Linux keeps them.
// A lock belongs to an open file description (shared by dup and fork, let
// go by LOCK_UN or at the description's last close) and is on its inode:
// any number of shared locks, or one exclusive.  A request that conflicts
// sleeps until it can be had (LOCK_NB: EWOULDBLOCK); a signal cuts the
// wait short.  Changing a lock's kind lets go of the old lock first, as on
// Linux (the change is not atomic).  A file without an inode (a pipe, a
// device) conflicts only with itself.  autom4te locks its cache this way.
#include <stddef.h>
#include <stdint.h>
#include "flock.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "proc/signal.h"

#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8
#define NFLOCK 256              // locks held at once, system-wide

static struct flock_entry {
    const struct file *f;       // the holder; NULL: a free entry
    uint32_t ino;               // the inode locked; 0: f alone
    int type;                   // LOCK_SH or LOCK_EX
} locks[NFLOCK];

static struct flock_entry *entry_of(const struct file *f)
{
    int i;
    for (i = 0; i < NFLOCK; i++)
        if (locks[i].f == f)
            return &locks[i];
    return NULL;
}

static int conflicts(const struct file *f, uint32_t ino, int type)
{
    int i;
    for (i = 0; i < NFLOCK; i++)
        if (locks[i].f && locks[i].f != f && ino && locks[i].ino == ino &&
            (type == LOCK_EX || locks[i].type == LOCK_EX))
            return 1;
    return 0;
}

void flock_release(const struct file *f)
{
    struct flock_entry *e = entry_of(f);
    if (e) {
        e->f = NULL;
        wakeup(locks);
    }
}

int32_t sys_flock(uint32_t fd, uint32_t op)
{
    struct file *f = fd < NOFILE ? current->group->files[fd] : NULL;
    uint32_t type = op & ~(uint32_t)LOCK_NB, ino;
    struct flock_entry *e;

    if (type != LOCK_SH && type != LOCK_EX && type != LOCK_UN)
        return -EINVAL;                 // before the descriptor, as Linux
    if (!f)
        return -EBADF;
    flock_release(f);
    if (type == LOCK_UN)
        return 0;
    ino = f->type == FILE_INODE ? f->ino : 0;
    while (conflicts(f, ino, type)) {
        if (op & LOCK_NB)
            return -EAGAIN;             // EWOULDBLOCK
        if (signal_interrupts(current))
            return -ERESTARTSYS;
        sleep_on(locks);
    }
    if (!(e = entry_of(NULL)))
        return -ENOLCK;
    e->f = f;
    e->ino = ino;
    e->type = type;
    return 0;
}
