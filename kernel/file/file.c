// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/file/file.c: open files and their transfers.  A struct file is shared by
// every descriptor that dup or fork made from one open (they share the
// position, as POSIX says).  Regular files and directories are ext2 inodes
// on the external volume (root_fs), held (ext2_ref) while open so that an
// unlinked file lives on until its last close; pipes are 64 KiB rings, and
// a FIFO is one pipe shared by every open of its inode; the devices are the
// handful a build needs, reached by their numbers through device files on
// the volume, or by built-in names where the volume has none.  Reads and
// writes go straight between the volume's cache and user memory, which is
// checked first.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "arch/x86.h"
#include "dev/blk.h"
#include "dev/random.h"
#include "dev/timer.h"
#include "file.h"
#include "flock.h"
#include "lib/errno.h"
#include "lib/nelem.h"
#include "mm/kheap.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/uvm.h"
#include "procfs.h"
#include "tty.h"

#define PIPE_BUF 4096           // the size up to which a pipe write is atomic

struct pipe {
    uint8_t *buf;
    uint32_t head, tail;        // bytes written and read so far (mod 2^32)
    int readers, writers;
    uint32_t ino;               // a FIFO's inode, else 0
    // opens so far, for the waits in fifo_open and poll's POLLHUP (a pipe's
    // write end counts as one)
    uint32_t reader_opens, writer_opens;
    uint32_t id;                // its number, as Linux's pipefs inode numbers
    struct pipe *next_fifo;
};

static struct pipe *fifos;      // the FIFOs open now
static uint32_t pipe_ids;       // the last pipe number given

// poll and select sleep on this, whatever they wait for: while any of them
// sleeps, each change of a pipe's state wakes them as well as the pipe's
// own sleepers, and they look again
static int pollers;

// The character devices, by Linux's numbers (Documentation/admin-guide/
// devices.txt); both /dev/tty and /dev/console are the console, but /dev/tty
// (5, 0) only for a process whose controlling terminal it is: any other
// gets -ENXIO, as on Linux (a step's programs, a process after setsid).
static const struct {
    uint32_t rdev;
    enum dev_kind kind;
} dev_numbers[] = {
    { EXT2_MKDEV(1, 3), DEV_NULL }, { EXT2_MKDEV(1, 5), DEV_ZERO }, { EXT2_MKDEV(1, 7), DEV_FULL },
    { EXT2_MKDEV(1, 8), DEV_URANDOM }, { EXT2_MKDEV(1, 9), DEV_URANDOM },
    { EXT2_MKDEV(5, 0), DEV_CONSOLE }, { EXT2_MKDEV(5, 1), DEV_CONSOLE },
};

// Names that work until something has made /dev on the volume (the early
// stages write to /dev/null).  A path is looked up on the volume first, and
// once the volume has a /dev (stage 3's device-nodes step, as
// live-bootstrap's populate_device_nodes) only its files answer
// (file_dev_lookup); they open the same devices, by the same numbers.
static const struct {
    const char *path;
    uint32_t rdev;
} dev_paths[] = {
    { "/dev/null", EXT2_MKDEV(1, 3) }, { "/dev/zero", EXT2_MKDEV(1, 5) },
    { "/dev/full", EXT2_MKDEV(1, 7) }, { "/dev/random", EXT2_MKDEV(1, 8) },
    { "/dev/urandom", EXT2_MKDEV(1, 9) }, { "/dev/tty", EXT2_MKDEV(5, 0) },
    { "/dev/console", EXT2_MKDEV(5, 1) },
};


static void pipe_wakeup(struct pipe *p)
{
    wakeup(p);
    if (pollers)
        wakeup(&pollers);
}

int file_unmount(struct ext2_fs *fs, struct blkdev *dev)
{
    int err;
    uvm_cache_drop(fs);
    if ((err = ext2_umount(fs)) < 0)
        return err;
    return blk_flush(dev);
}

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

static void pipe_free(struct pipe *p)
{
    struct pipe **pp;
    for (pp = &fifos; *pp; pp = &(*pp)->next_fifo)
        if (*pp == p) {
            *pp = p->next_fifo;
            break;
        }
    kfree(p->buf);
    kfree(p);
}

void file_close(struct file *f)
{
    if (--f->refs > 0)
        return;
    if (f->type == FILE_PIPE) {
        if ((f->flags & O_ACCMODE) != O_RDONLY)
            f->pipe->writers--;
        if ((f->flags & O_ACCMODE) != O_WRONLY)
            f->pipe->readers--;
        pipe_wakeup(f->pipe);
        if (f->pipe->readers == 0 && f->pipe->writers == 0)
            pipe_free(f->pipe);
    }
    flock_release(f);
    if (f->ino && f->type != FILE_PROC)
        ext2_unref(root_fs, f->ino);
    kfree(f->path);
    kfree(f);
}

uint32_t file_dev_lookup(const char *path)
{
    uint32_t i, dev;
    for (i = 0; i < NELEM(dev_paths) && strcmp(path, dev_paths[i].path); i++)
        ;
    // once the volume has a /dev it alone answers, as a Linux system's
    // does: tcc -o /dev/null (musl's configure) unlinks the device file and
    // writes a regular one there, and the chain's twin gets the same
    if (i == NELEM(dev_paths) || ext2_namei(root_fs, EXT2_ROOT_INO, "/dev", 1, &dev) != -ENOENT)
        return 0;
    return dev_paths[i].rdev;
}

void file_stat_dev(uint32_t rdev, struct ext2_stat *st)
{
    uint32_t i;
    memset(st, 0, sizeof *st);
    st->mode = EXT2_S_IFCHR | 0666;
    st->nlink = 1;
    st->rdev = rdev;
    for (i = 0; i < NELEM(dev_paths); i++)
        if (dev_paths[i].rdev == rdev)
            st->ino = 0x10000 + i;      // numbers no inode of the volume has
}

int file_stat_ino(uint32_t ino, struct ext2_stat *st)
{
    return ino >= EXT2_FOREIGN_INO ? procfs_stat(ino, st) : ext2_stat(root_fs, ino, st);
}

// an inode (a file, a device file, a FIFO), a built-in device or a pipe
int file_stat_open(struct file *f, struct ext2_stat *st)
{
    if (f->type == FILE_DEV && !f->ino) {
        file_stat_dev(f->rdev, st);
        return 0;
    }
    if (f->type == FILE_PIPE && !f->ino) {
        memset(st, 0, sizeof *st);
        st->mode = EXT2_S_IFIFO | 0600;
        st->nlink = 1;
        return 0;
    }
    return file_stat_ino(f->ino, st);
}

uint32_t file_pipe_id(const struct file *f)
{
    return f->pipe->id;
}

// f becomes an end of p with access mode acc: a reader, a writer, or both
// for O_RDWR (a FIFO opened, or a pipe reopened through /proc)
static void pipe_attach(struct file *f, struct pipe *p, uint32_t acc)
{
    f->pipe = p;
    if (acc != O_WRONLY) {
        p->readers++;
        p->reader_opens++;
    }
    if (acc != O_RDONLY) {
        p->writers++;
        p->writer_opens++;
    }
    f->writers_seen = p->writer_opens;
}

// A pipe's new end takes the access mode asked for, both ends for O_RDWR
// (Linux opens the pipe's inode as a FIFO).
static struct file *pipe_reopen(struct pipe *p, uint32_t flags, int *err)
{
    struct file *f = file_alloc(FILE_PIPE, flags & (O_ACCMODE | O_NONBLOCK));
    if (!f) {
        *err = -ENOMEM;
        return NULL;
    }
    pipe_attach(f, p, flags & O_ACCMODE);
    pipe_wakeup(p);
    *err = 0;
    return f;
}

struct file *file_reopen(struct file *f, uint32_t flags, int *err)
{
    if (f->type == FILE_PIPE)
        return pipe_reopen(f->pipe, flags, err);
    return file_open_dev(f->rdev, flags, err);
}

struct file *file_open_dev(uint32_t rdev, uint32_t flags, int *err)
{
    struct file *f;
    uint32_t i;
    for (i = 0; i < NELEM(dev_numbers) && dev_numbers[i].rdev != rdev; i++)
        ;
    if (i == NELEM(dev_numbers)) {
        *err = -ENXIO;                  // no such device, as Linux says for a number without a driver
        return NULL;
    }
    if (rdev == EXT2_MKDEV(5, 0) && !tty_controlling()) {
        *err = -ENXIO;                  // no controlling terminal
        return NULL;
    }
    if (!(f = file_alloc(FILE_DEV, flags & (O_ACCMODE | O_APPEND | O_NONBLOCK)))) {
        *err = -ENOMEM;
        return NULL;
    }
    f->dev = dev_numbers[i].kind;
    f->rdev = rdev;
    *err = 0;
    return f;
}

static const struct proc_file_ops descriptor_ops = { file_dup, file_close };

void file_init(void)
{
    proc_set_file_ops(&descriptor_ops);
}

struct proc *file_spawn(const char *path, char *const argv[], char *const envp[], struct file *out,
                        int *err)
{
    struct file *std[3];
    struct proc *p;
    int console = !out, fd;

    if (console && !(out = file_open_dev(EXT2_MKDEV(5, 1), O_RDWR, err)))    // /dev/console
        return NULL;
    for (fd = 0; fd < 3; fd++)
        std[fd] = fd == 0 && console ? out : file_dup(out);
    p = proc_spawn(path, argv, envp, std, err);
    if (p && console)
        tty_attach(p);
    return p;
}

static int dev_read(struct file *f, uint32_t buf, uint32_t n)
{
    if (f->dev == DEV_NULL || f->dev == DEV_CONSOLE)
        return 0;                       // no keyboard: the console reads as end of file
    if (user_check(current->mem, buf, n, 1) < 0)
        return -EFAULT;
    if (f->dev == DEV_ZERO || f->dev == DEV_FULL)
        memset((void *)buf, 0, n);
    else
        random_fill((uint8_t *)buf, n);
    return n;
}

// buf is a user address, or a kernel one when from_kernel (sendfile)
static int dev_write(struct file *f, uint32_t buf, uint32_t n, int from_kernel)
{
    if (f->dev == DEV_FULL)
        return -ENOSPC;                 // /dev/full: always full
    if (!from_kernel && user_check(current->mem, buf, n, 0) < 0)
        return -EFAULT;
    if (f->dev == DEV_CONSOLE)
        console_write((const char *)buf, n);
    return n;
}

// As Linux's pipe_read: nothing asked, nothing done; the buffer is looked
// at when there is something to copy into it (an empty pipe says EAGAIN).
static int pipe_read(struct pipe *p, uint32_t buf, uint32_t n, int nonblock)
{
    uint32_t done = 0, chunk;

    if (n == 0)
        return 0;
    while (p->head == p->tail) {
        if (p->writers == 0)
            return 0;
        if (nonblock)
            return -EAGAIN;
        if (signal_interrupts(current))
            return -ERESTARTSYS;
        sleep_on(p);
    }
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
    pipe_wakeup(p);
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
                return done ? (int)done : -ERESTARTSYS;
            pipe_wakeup(p);
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
    pipe_wakeup(p);
    return done;
}

// Linux's pipe_poll: a read end has data, or hangs up once no writer is
// left (a FIFO's only after a writer has opened since it did); a write end
// has room (here: for PIPE_BUF bytes, which a write then never blocks on),
// or errs once no reader is left; a FIFO open O_RDWR is both.  The console
// is a terminal with no input: writable, never readable, so that a poll or
// select for input (bash's read -t) waits for its timeout, as on a terminal
// nobody types on.  Every other file is always ready (Linux's
// DEFAULT_POLLMASK): a read or write of a regular file or a device never
// blocks.
int file_poll(struct file *f)
{
    struct pipe *p = f->pipe;
    uint32_t acc = f->flags & O_ACCMODE;
    int mask = 0;

    if (f->type == FILE_DEV && f->dev == DEV_CONSOLE)
        return POLLOUT | POLLWRNORM;
    if (f->type != FILE_PIPE)
        return POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM;
    if (acc != O_WRONLY) {
        if (p->head != p->tail)
            mask |= POLLIN | POLLRDNORM;
        if (p->writers == 0 && p->writer_opens != f->writers_seen)
            mask |= POLLHUP;
    }
    if (acc != O_RDONLY) {
        if (PIPE_SIZE - (p->head - p->tail) >= PIPE_BUF)
            mask |= POLLOUT | POLLWRNORM;
        if (p->readers == 0)
            mask |= POLLERR;
    }
    return mask;
}

void file_poll_wait(uint32_t wake_tick)
{
    pollers++;
    current->wake_tick = wake_tick;
    sleep_on(&pollers);
    current->wake_tick = 0;
    pollers--;
}

// FIONREAD: the bytes a read would return now, for a pipe, the console or
// a regular file; -ENOTTY for what has no such count
int file_nread(struct file *f, uint32_t *n)
{
    struct ext2_stat st;
    uint64_t left;
    int err;

    if (f->type == FILE_PIPE) {
        *n = f->pipe->head - f->pipe->tail;
        return 0;
    }
    if (f->type == FILE_DEV && f->dev == DEV_CONSOLE) {
        *n = 0;                         // no input ever waits there
        return 0;
    }
    if (f->type != FILE_INODE || (f->mode & EXT2_S_IFMT) != EXT2_S_IFREG)
        return -ENOTTY;
    if ((err = ext2_stat(root_fs, f->ino, &st)) < 0)
        return err;
    left = st.size > f->off ? st.size - f->off : 0;
    *n = left > 0x7fffffff ? 0x7fffffff : (uint32_t)left;
    return 0;
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
    p->readers = p->writers = p->writer_opens = 1;
    p->id = ++pipe_ids;
    r->pipe = w->pipe = p;
    *read_end = r;
    *write_end = w;
    return 0;
}

// The pipe of FIFO ino: the one its other opens share, or a new one.
static struct pipe *fifo_pipe(uint32_t ino)
{
    struct pipe *p;
    for (p = fifos; p; p = p->next_fifo)
        if (p->ino == ino)
            return p;
    if (!(p = kzalloc(sizeof *p)) || !(p->buf = kmalloc(PIPE_SIZE))) {
        kfree(p);
        return NULL;
    }
    p->ino = ino;
    p->next_fifo = fifos;
    fifos = p;
    return p;
}

// POSIX's FIFO opens: one for reading waits for a writer and one for
// writing for a reader (O_NONBLOCK: the reader goes on, a writer with no
// reader fails with ENXIO); O_RDWR is both ends and never waits.  f is the
// new file, already counted in p; a wait cut by a signal closes it.
static int fifo_wait(struct file *f, struct pipe *p, uint32_t acc)
{
    int *peers = acc == O_RDONLY ? &p->writers : &p->readers;
    uint32_t *opens = acc == O_RDONLY ? &p->writer_opens : &p->reader_opens, seen = *opens;
    pipe_wakeup(p);
    if (acc == O_RDWR || (f->flags & O_NONBLOCK))
        return 0;
    while (*peers == 0 && *opens == seen) {   // a peer that came and went counts too
        if (signal_interrupts(current)) {
            file_close(f);
            return -ERESTARTSYS;
        }
        sleep_on(p);
    }
    return 0;
}

static struct file *fifo_open(uint32_t ino, uint32_t flags, int *err)
{
    uint32_t acc = flags & O_ACCMODE;
    struct pipe *p = fifo_pipe(ino);
    struct file *f;
    if (!p || !(f = file_alloc(FILE_PIPE, flags & (O_ACCMODE | O_NONBLOCK)))) {
        if (p && !p->readers && !p->writers)
            pipe_free(p);
        *err = -ENOMEM;
        return NULL;
    }
    pipe_attach(f, p, acc);
    f->ino = ino;
    if (acc == O_WRONLY && (flags & O_NONBLOCK) && p->readers == 0)
        *err = -ENXIO;
    else if ((*err = ext2_ref(root_fs, ino)) == 0)
        return (*err = fifo_wait(f, p, acc)) < 0 ? NULL : f;
    f->ino = 0;                         // not held
    file_close(f);
    return NULL;
}

struct file *file_open_inode(uint32_t ino, const struct ext2_stat *st, uint32_t flags, int *err)
{
    uint32_t type = st->mode & EXT2_S_IFMT;
    struct file *f = NULL;
    *err = -ENXIO;                      // block devices have no driver here; sockets are not opened
    if (type == EXT2_S_IFIFO)
        return fifo_open(ino, flags, err);
    if (type == EXT2_S_IFCHR)
        f = file_open_dev(st->rdev, flags, err);
    else if (type != EXT2_S_IFBLK && type != EXT2_S_IFSOCK &&
             !(f = file_alloc(FILE_INODE, flags & (O_ACCMODE | O_APPEND | O_NONBLOCK))))
        *err = -ENOMEM;
    if (!f)
        return NULL;
    if ((*err = ext2_ref(root_fs, ino)) < 0) {
        file_close(f);
        return NULL;
    }
    f->ino = ino;
    f->mode = st->mode;
    return f;
}

int file_pread(struct file *f, uint32_t buf, uint32_t n, uint64_t off)
{
    if (f->type == FILE_PROC)
        return procfs_read(f, buf, n, off);
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

int file_size_limit(uint64_t off, uint32_t *n)
{
    struct ksiginfo info = { SI_USER, 0, 0 };
    uint64_t limit = proc_rlimit(RLIMIT_FSIZE);

    if (*n == 0 || off + *n <= limit)
        return 0;
    if (off < limit) {
        *n = (uint32_t)(limit - off);
        return 0;
    }
    info.pid = proc_pid(current);       // as Linux's send_sig from the writer itself
    signal_send_thread(current, SIGXFSZ, &info);
    return -EFBIG;
}

// nothing to write is 0 before any limit, as Linux's generic_write_checks
int file_pwrite(struct file *f, uint32_t buf, uint32_t n, uint64_t off)
{
    int err;
    if (n == 0)
        return 0;
    if ((err = file_size_limit(off, &n)) < 0)
        return err;
    if (user_check(current->mem, buf, n, 0) < 0)
        return -EFAULT;
    return ext2_write_pieces(f->ino, off, (const uint8_t *)buf, n);
}

int file_read(struct file *f, uint32_t buf, uint32_t n)
{
    int r;

    if ((f->flags & O_ACCMODE) == O_WRONLY)
        return -EBADF;
    if (!user_range_ok(buf, n))
        return -EFAULT;
    if ((int32_t)n < 0)                 // Linux's rw_verify_area
        return -EINVAL;
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
    if (!from_kernel && !user_range_ok(buf, n))
        return -EFAULT;
    if ((int32_t)n < 0)
        return -EINVAL;
    if (f->type == FILE_PIPE)
        return pipe_write(f->pipe, buf, n, f->flags & O_NONBLOCK, from_kernel);
    if (f->type == FILE_DEV)
        return dev_write(f, buf, n, from_kernel);
    if (n == 0)
        return 0;
    if (f->flags & O_APPEND) {
        if ((r = ext2_stat(root_fs, f->ino, &st)) < 0)
            return r;
        f->off = st.size;
    }
    if ((r = file_size_limit(f->off, &n)) < 0)
        return r;
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
