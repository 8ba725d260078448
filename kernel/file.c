// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/file.c: open files and their transfers.  A struct file is shared by
// every descriptor that dup or fork made from one open (they share the
// position, as POSIX says).  Regular files and directories are ext2 inodes
// on the external volume (root_fs); pipes are 64 KiB rings; the devices are
// the handful a build needs.  Reads and writes go straight between the
// volume's cache and user memory, which is checked first.
#include <stdint.h>
#include <string.h>
#include "console.h"
#include "errno.h"
#include "file.h"
#include "kheap.h"
#include "proc.h"
#include "signal.h"
#include "timer.h"
#include "x86.h"

#define PIPE_SIZE 65536

struct pipe {
    uint8_t *buf;
    uint32_t head, tail;        // bytes written and read so far (mod 2^32)
    int readers, writers;
};

struct ext2_fs *root_fs;
struct blkdev *root_dev;

static const char *const dev_names[] = { "/dev/null", "/dev/zero", "/dev/console", "/dev/urandom" };

struct file *file_alloc(enum file_type type, uint32_t flags)
{
    struct file *f = kzalloc(sizeof *f);
    if (f) {
        f->type = type;
        f->refs = 1;
        f->flags = flags;
    }
    return f;
}

struct file *file_dup(struct file *f)
{
    f->refs++;
    return f;
}

void file_close(struct file *f)
{
    if (--f->refs > 0)
        return;
    if (f->type == FILE_PIPE) {
        if (f->pipe_writer)
            f->pipe->writers--;
        else
            f->pipe->readers--;
        wakeup(f->pipe);
        if (f->pipe->readers == 0 && f->pipe->writers == 0) {
            kfree(f->pipe->buf);
            kfree(f->pipe);
        }
    }
    kfree(f);
}

int file_dev_lookup(const char *path)
{
    int i;
    if (!strcmp(path, "/dev/tty"))
        return DEV_CONSOLE;
    if (!strcmp(path, "/dev/random"))
        return DEV_URANDOM;
    for (i = 0; i < (int)(sizeof dev_names / sizeof dev_names[0]); i++)
        if (!strcmp(path, dev_names[i]))
            return i;
    return -1;
}

void file_stat_dev(enum dev_kind dev, struct ext2_stat *st)
{
    static const uint32_t rdev[] = { 0x103, 0x105, 0x501, 0x109 };   // Linux's major:minor
    memset(st, 0, sizeof *st);
    st->mode = EXT2_S_IFCHR | 0666;
    st->nlink = 1;
    st->rdev = rdev[dev];
    st->ino = 0x10000 + dev;
}

int file_open_console(struct proc *p)
{
    struct file *f = file_alloc(FILE_DEV, O_RDWR);
    if (!f)
        return -ENOMEM;
    f->dev = DEV_CONSOLE;
    p->group->files[0] = f;
    p->group->files[1] = file_dup(f);
    p->group->files[2] = file_dup(f);
    return 0;
}

// xorshift seeded from the TSC: getrandom and /dev/urandom need bytes that
// differ, not secrets
static uint32_t random_word(void)
{
    static uint32_t state;
    if (!state)
        state = (uint32_t)rdtsc() | 1;
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

int random_fill(uint8_t *p, uint32_t n)
{
    uint32_t i;
    for (i = 0; i < n; i++)
        p[i] = (uint8_t)(random_word() >> 8);
    return n;
}

static int dev_read(struct file *f, uint32_t buf, uint32_t n)
{
    if (f->dev == DEV_NULL || f->dev == DEV_CONSOLE)
        return 0;                       // no keyboard: the console reads as end of file
    if (user_check(current->mem, buf, n, 1) < 0)
        return -EFAULT;
    if (f->dev == DEV_ZERO)
        memset((void *)buf, 0, n);
    else
        random_fill((uint8_t *)buf, n);
    return n;
}

// buf is a user address, or a kernel one when from_kernel (sendfile)
static int dev_write(struct file *f, uint32_t buf, uint32_t n, int from_kernel)
{
    if (!from_kernel && user_check(current->mem, buf, n, 0) < 0)
        return -EFAULT;
    if (f->dev == DEV_CONSOLE)
        console_write((const char *)buf, n);
    return n;
}

static int pipe_read(struct pipe *p, uint32_t buf, uint32_t n, int nonblock)
{
    uint32_t done = 0, chunk;

    if (user_check(current->mem, buf, n, 1) < 0)
        return -EFAULT;
    while (p->head == p->tail) {
        if (p->writers == 0)
            return 0;
        if (nonblock)
            return -EAGAIN;
        if (signal_interrupts(current))
            return -EINTR;
        sleep_on(p);
    }
    // again: while this thread slept, another one may have unmapped the buffer
    if (user_check(current->mem, buf, n, 1) < 0)
        return -EFAULT;
    while (done < n && p->head != p->tail) {
        chunk = PIPE_SIZE - p->tail % PIPE_SIZE;
        if (chunk > p->head - p->tail)
            chunk = p->head - p->tail;
        if (chunk > n - done)
            chunk = n - done;
        memcpy((uint8_t *)buf + done, p->buf + p->tail % PIPE_SIZE, chunk);
        p->tail += chunk;
        done += chunk;
    }
    wakeup(p);
    return done;
}

static int pipe_write(struct pipe *p, uint32_t buf, uint32_t n, int nonblock, int from_kernel)
{
    uint32_t done = 0, chunk;

    if (!from_kernel && user_check(current->mem, buf, n, 0) < 0)
        return -EFAULT;
    while (done < n) {
        if (p->readers == 0) {
            signal_send(current, SIGPIPE);
            return done ? (int)done : -EPIPE;
        }
        if (p->head - p->tail == PIPE_SIZE) {
            if (nonblock)
                return done ? (int)done : -EAGAIN;
            if (signal_interrupts(current))
                return done ? (int)done : -EINTR;
            wakeup(p);
            sleep_on(p);
            continue;
        }
        chunk = PIPE_SIZE - p->head % PIPE_SIZE;
        if (chunk > PIPE_SIZE - (p->head - p->tail))
            chunk = PIPE_SIZE - (p->head - p->tail);
        if (chunk > n - done)
            chunk = n - done;
        // again after a sleep: another thread may have unmapped the buffer meanwhile
        if (!from_kernel && user_check(current->mem, buf + done, chunk, 0) < 0)
            return done ? (int)done : -EFAULT;
        memcpy(p->buf + p->head % PIPE_SIZE, (const uint8_t *)buf + done, chunk);
        p->head += chunk;
        done += chunk;
    }
    wakeup(p);
    return done;
}

int pipe_create(struct file **read_end, struct file **write_end)
{
    struct pipe *p = kzalloc(sizeof *p);
    struct file *r = file_alloc(FILE_PIPE, O_RDONLY), *w = file_alloc(FILE_PIPE, O_WRONLY);

    if (!p || !r || !w || !(p->buf = kmalloc(PIPE_SIZE))) {
        if (p)
            kfree(p->buf);
        kfree(p);
        kfree(r);
        kfree(w);
        return -ENOMEM;
    }
    p->readers = p->writers = 1;
    r->pipe = w->pipe = p;
    w->pipe_writer = 1;
    *read_end = r;
    *write_end = w;
    return 0;
}

int file_pread(struct file *f, uint32_t buf, uint32_t n, uint64_t off)
{
    if ((f->mode & EXT2_S_IFMT) == EXT2_S_IFDIR)
        return -EISDIR;
    if (user_check(current->mem, buf, n, 1) < 0)
        return -EFAULT;
    return ext2_read(root_fs, f->ino, off, (void *)buf, n);
}

// A large write goes in pieces, each a whole operation, so that
// ext2_commit_if_due can sync between them (a 100 MiB write would otherwise
// fill the cache with dirty blocks that may not be written back).
#define WRITE_PIECE (1u << 20)

static int ext2_write_pieces(uint32_t ino, uint64_t off, const uint8_t *buf, uint32_t n)
{
    uint32_t done = 0;
    int r;
    do {
        uint32_t piece = n - done < WRITE_PIECE ? n - done : WRITE_PIECE;
        if ((r = ext2_commit_if_due(root_fs)) < 0 ||
            (r = ext2_write(root_fs, ino, off + done, buf + done, piece)) < 0)
            return done ? (int)done : r;
        done += (uint32_t)r;
        if ((uint32_t)r < piece)
            break;
    } while (done < n);
    return (int)done;
}

int file_pwrite(struct file *f, uint32_t buf, uint32_t n, uint64_t off)
{
    if (user_check(current->mem, buf, n, 0) < 0)
        return -EFAULT;
    return ext2_write_pieces(f->ino, off, (const uint8_t *)buf, n);
}

int file_read(struct file *f, uint32_t buf, uint32_t n)
{
    int r;

    if ((f->flags & O_ACCMODE) == O_WRONLY)
        return -EBADF;
    if (f->type == FILE_PIPE)
        return pipe_read(f->pipe, buf, n, f->flags & O_NONBLOCK);
    if (f->type == FILE_DEV)
        return dev_read(f, buf, n);
    r = file_pread(f, buf, n, f->off);
    if (r > 0)
        f->off += r;
    return r;
}

static int write_common(struct file *f, uint32_t buf, uint32_t n, int from_kernel)
{
    struct ext2_stat st;
    int r;

    if ((f->flags & O_ACCMODE) == O_RDONLY)
        return -EBADF;
    if (f->type == FILE_PIPE)
        return pipe_write(f->pipe, buf, n, f->flags & O_NONBLOCK, from_kernel);
    if (f->type == FILE_DEV)
        return dev_write(f, buf, n, from_kernel);
    if (f->flags & O_APPEND) {
        if ((r = ext2_stat(root_fs, f->ino, &st)) < 0)
            return r;
        f->off = st.size;
    }
    if (!from_kernel && user_check(current->mem, buf, n, 0) < 0)
        return -EFAULT;
    r = ext2_write_pieces(f->ino, f->off, (const uint8_t *)buf, n);
    if (r > 0)
        f->off += r;
    return r;
}

int file_write(struct file *f, uint32_t buf, uint32_t n)
{
    return write_common(f, buf, n, 0);
}

int file_write_kernel(struct file *f, const void *buf, uint32_t n)
{
    return write_common(f, (uint32_t)buf, n, 1);
}
