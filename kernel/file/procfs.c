// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/file/procfs.c: /proc, read-only, as Linux lays it out, on the directory
// mount(2) names (nothing mounts it by itself: the chain's steps must see
// no /proc, as their native twin does).  Its files are two tables (the
// root's, and each process's directory), each entry with the function that
// writes its content or its link's target on every read; /proc/PID/fd/N
// are Linux's magic links: readlink names the file (or "pipe:[N]"), and a
// path through one reaches the open file itself, so that opening it opens
// the same file, pipe end or device anew (bash's /dev/fd/N).  Path lookup
// reaches procfs's inodes through ext2's mount hook (ext2_set_mounted); the
// file layer passes them here (file_stat_ino, procfs_open, procfs_read).
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "arch/x86.h"
#include "dev/rtc.h"
#include "dev/timer.h"
#include "file.h"
#include "fs/ext2.h"
#include "lib/errno.h"
#include "lib/nelem.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "proc/uvm.h"
#include "procfs.h"


// An inode number: EXT2_FOREIGN_INO | pid << PID_SHIFT | index, where pid 0
// is the root's table and index an entry of the table, or for a process,
// FD_LINK + N for fd/N and FD_OBJECT + N for what that link leads to when
// the file has no inode (a pipe, a built-in device).
#define PID_SHIFT 12
#define INDEX_MASK 0xfff
#define PID_LIMIT (1u << (31 - PID_SHIFT))
#define FD_LINK 1024
#define FD_OBJECT (FD_LINK + NOFILE)
#define GEN_MAX 65536           // the most a file's content or a link's target gives

#define S_DIR (EXT2_S_IFDIR | 0555)
#define S_LNK (EXT2_S_IFLNK | 0777)
#define S_REG (EXT2_S_IFREG | 0444)

// what a generator writes into
struct out {
    char *buf;
    uint32_t size, len;
};

struct node {
    const char *name;
    uint8_t parent;             // the directory it is in: an index in the same table
    uint16_t mode;
    void (*gen)(struct proc *p, struct out *o);     // p: the process (NULL under the root)
};

static void outf(struct out *o, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (o->len + 1 >= o->size)
        return;
    va_start(ap, fmt);
    n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (uint32_t)n < o->size - o->len ? (uint32_t)n : o->size - o->len - 1;
}

static uint32_t mk_ino(uint32_t pid, uint32_t index)
{
    return EXT2_FOREIGN_INO | pid << PID_SHIFT | index;
}

static uint32_t ino_pid(uint32_t ino)
{
    return (ino & ~EXT2_FOREIGN_INO) >> PID_SHIFT;
}

// ---- path helpers ------------------------------------------------------------

// Removes ".", "name/.." and repeated '/' from absolute path p, in place;
// its new length.
static uint32_t tidy(char *p)
{
    uint32_t r = 0, w = 0, start, len;
    while (p[r]) {
        while (p[r] == '/')
            r++;
        for (start = r; p[r] && p[r] != '/'; r++)
            ;
        len = r - start;
        if (len == 0 || (len == 1 && p[start] == '.'))
            continue;
        if (len == 2 && p[start] == '.' && p[start + 1] == '.') {
            while (w > 0 && p[--w] != '/')
                ;
            continue;
        }
        p[w++] = '/';
        memmove(p + w, p + start, len);
        w += len;
    }
    if (w == 0)
        p[w++] = '/';
    p[w] = 0;
    return w;
}

// path as given from directory dir, made absolute (Linux gives the path it
// resolved to; this one follows no symlinks)
static void absolute(struct out *o, uint32_t dir, const char *path)
{
    uint32_t n = 0, len = strlen(path);
    int r;
    if (path[0] != '/') {
        if (!dir || (r = ext2_dir_path(root_fs, dir, o->buf, o->size)) < 0)
            return;
        n = r;
    }
    if (n + 1 + len + 1 > o->size)
        return;
    o->buf[n++] = '/';
    memcpy(o->buf + n, path, len + 1);
    o->len = tidy(o->buf);
}

// ---- the root's files ------------------------------------------------------------

static int procfs_lookup(uint32_t dir, const char *name, uint32_t len, uint32_t *ino);
static int procfs_mode(uint32_t ino, uint32_t *mode);
static int procfs_link(uint32_t ino, char *buf, uint32_t size, uint32_t *to);

// what sys_mount gives ext2; on: the covered directory, 0 when not mounted
static struct ext2_mounted mount = {
    0, EXT2_FOREIGN_INO, procfs_lookup, procfs_mode, procfs_link,
};

static void gen_self(struct proc *p, struct out *o)
{
    (void)p;
    outf(o, "%d", proc_pid(current));
}

static const char *const cpu_flags[32] = {
    "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
    "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi", "mmx",
    "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};

// one processor, as Linux's arch/x86/kernel/cpu/proc.c shows it
static void gen_cpuinfo(struct proc *p, struct out *o)
{
    uint32_t r[16], a, b, c, d, family, model, i;   // vendor (3 words), brand (12), NUL
    uint64_t khz = timer_tsc_hz() / 1000;
    (void)p;
    memset(r, 0, sizeof r);
    cpuid(0, &a, &r[0], &r[2], &r[1]);          // the vendor: ebx, edx, ecx
    cpuid(0x80000000, &a, &b, &c, &d);
    for (i = 0; a >= 0x80000004 && i < 3; i++)  // the brand string, 48 bytes
        cpuid(0x80000002 + i, &r[3 + 4 * i], &r[4 + 4 * i], &r[5 + 4 * i], &r[6 + 4 * i]);
    cpuid(1, &a, &b, &c, &d);
    family = (a >> 8) & 0xf;
    model = (a >> 4) & 0xf;
    if (family == 6 || family == 15)
        model |= (a >> 12) & 0xf0;
    if (family == 15)
        family += (a >> 20) & 0xff;
    outf(o, "processor\t: 0\nvendor_id\t: %.12s\ncpu family\t: %u\nmodel\t\t: %u\n"
         "model name\t: %.48s\nstepping\t: %u\ncpu MHz\t\t: %u.%03u\nfpu\t\t: yes\nflags\t\t:",
         (char *)r, family, model, r[3] ? (char *)&r[3] : "unknown", a & 0xf,
         (uint32_t)(khz / 1000), (uint32_t)(khz % 1000));
    for (i = 0; i < 32; i++)
        if ((d >> i & 1) && cpu_flags[i])
            outf(o, " %s", cpu_flags[i]);
    outf(o, "\nbogomips\t: %u.%02u\n\n", (uint32_t)(khz / 500), (uint32_t)(khz / 5 % 100));
}

static void gen_meminfo(struct proc *p, struct out *o)
{
    (void)p;
    outf(o, "MemTotal:       %8u kB\nMemFree:        %8u kB\nMemAvailable:   %8u kB\n"
         "Buffers:               0 kB\nCached:                0 kB\n"
         "SwapTotal:             0 kB\nSwapFree:              0 kB\n",
         pmm_total_pages() * 4, pmm_free_pages() * 4, pmm_free_pages() * 4);
}

static void gen_mounts(struct proc *p, struct out *o)
{
    char *path;
    (void)p;
    outf(o, "/dev/root / ext2 rw 0 0\n");
    if (!mount.on || !(path = kmalloc(PATH_MAX)))
        return;
    if (ext2_dir_path(root_fs, mount.on, path, PATH_MAX) >= 0)
        outf(o, "proc %s proc rw,nosuid,nodev,noexec,relatime 0 0\n", path);
    kfree(path);
}

static void gen_uptime(struct proc *p, struct out *o)
{
    uint64_t cs = timer_uptime_ms() / 10;
    (void)p;
    outf(o, "%u.%02u 0.00\n", (uint32_t)(cs / 100), (uint32_t)(cs % 100));
}

static void gen_filesystems(struct proc *p, struct out *o)
{
    (void)p;
    outf(o, "\text2\nnodev\tproc\n");
}

static void gen_osrelease(struct proc *p, struct out *o)
{
    (void)p;
    outf(o, "%s\n", UNAME_RELEASE);
}

static void gen_ostype(struct proc *p, struct out *o)
{
    (void)p;
    outf(o, "Linux\n");
}

static const struct node root_nodes[] = {
    { "", 0, S_DIR, NULL },
    { "self", 0, S_LNK, gen_self },
    { "cpuinfo", 0, S_REG, gen_cpuinfo },
    { "meminfo", 0, S_REG, gen_meminfo },
    { "mounts", 0, S_REG, gen_mounts },
    { "uptime", 0, S_REG, gen_uptime },
    { "filesystems", 0, S_REG, gen_filesystems },
    { "sys", 0, S_DIR, NULL },                  // 7
    { "kernel", 7, S_DIR, NULL },               // 8
    { "osrelease", 8, S_REG, gen_osrelease },
    { "ostype", 8, S_REG, gen_ostype },
};

// ---- each process's files ----------------------------------------------------------

static void gen_exe(struct proc *p, struct out *o)
{
    if (p->group->exe)
        absolute(o, p->group->exe_dir, p->group->exe);
}

static void dir_out(uint32_t ino, struct out *o)
{
    int n;
    if (ino && (n = ext2_dir_path(root_fs, ino, o->buf, o->size)) >= 0)
        o->len = n;
}

static void gen_cwd(struct proc *p, struct out *o)
{
    dir_out(p->group->cwd, o);
}

// the string at va in m with its NUL, as much as room allows; its length
static uint32_t user_string(struct uvm *m, uint32_t va, char *dst, uint32_t room)
{
    uint32_t n = 0, chunk;
    char *nul;
    while (n < room) {
        chunk = PAGE_SIZE - ((va + n) & (PAGE_SIZE - 1));
        if (chunk > room - n)
            chunk = room - n;
        if (uvm_read(m, dst + n, va + n, chunk) < 0)
            break;
        if ((nul = memchr(dst + n, 0, chunk)))
            return nul - dst + 1;
        n += chunk;
    }
    return n;
}

// argv's strings (env 0) or envp's (1), each with its NUL, from the initial
// stack execve built: Linux's cmdline and environ
static void gen_strings(struct proc *p, struct out *o, int env)
{
    uint32_t argc, vec, s;
    if (!p->mem || !p->group->arg_vec || uvm_read(p->mem, &argc, p->group->arg_vec, 4) < 0)
        return;
    vec = p->group->arg_vec + 4 + (env ? (argc + 1) * 4 : 0);
    for (; o->len < o->size && uvm_read(p->mem, &s, vec, 4) == 0 && s; vec += 4)
        o->len += user_string(p->mem, s, o->buf + o->len, o->size - o->len);
}

static void gen_cmdline(struct proc *p, struct out *o)
{
    gen_strings(p, o, 0);
}

static void gen_environ(struct proc *p, struct out *o)
{
    gen_strings(p, o, 1);
}

// The state letters and names of Linux's fs/proc/array.c, by enum
// proc_state, and T after them.
#define NSTATES (P_ZOMBIE + 1)
static const struct {
    char letter;
    const char *name;
} states[] = {
    [P_FREE] = { 'X', "dead" }, [P_RUNNABLE] = { 'R', "running" }, [P_RUNNING] = { 'R', "running" },
    [P_SLEEPING] = { 'S', "sleeping" }, [P_ZOMBIE] = { 'Z', "zombie" },
    [NSTATES] = { 'T', "stopped" },
};

// a stopped process's threads are T ("stopped"), whatever they were doing
static int state_of(const struct proc *p)
{
    return p->state != P_ZOMBIE && p->group->stopped ? NSTATES : p->state;
}

static int parent_pid(const struct proc *p)
{
    return p->group->parent ? proc_pid(p->group->parent->leader) : 0;
}

static uint32_t vm_kb(const struct proc *p)
{
    const struct vma *v;
    uint32_t pages = 0;
    for (v = p->mem ? p->mem->vmas : NULL; v; v = v->next)
        pages += (v->end - v->start) / PAGE_SIZE;
    return pages * 4;
}

// Linux's /proc/PID/stat: 52 fields; times in clock ticks (100 a second)
static void gen_stat(struct proc *p, struct out *o)
{
    struct group *g = p->group;
    struct cpu_time own, kids;
    uint64_t start_cs = (timer_uptime_ms() - timer_tsc_to_ms(rdtsc() - p->start_tsc)) / 10;
    int i;
    proc_cpu_time(p, 0, &own);
    proc_cpu_time(p, 1, &kids);
    outf(o, "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 %u %u %u %u 20 0 %d 0 %u %u 0 4294967295",
         p->pid, p->name, states[state_of(p)].letter, parent_pid(p), g->pgid, g->sid,
         (uint32_t)(own.user_us / 10000), (uint32_t)(own.sys_us / 10000),
         (uint32_t)(kids.user_us / 10000), (uint32_t)(kids.sys_us / 10000), g->live,
         (uint32_t)start_cs, vm_kb(p) * 1024);
    for (i = 26; i <= 52; i++)                  // code and stack addresses, signals...: 0
        outf(o, " %d", i == 38 ? g->exit_signal : 0);
    outf(o, "\n");
}

static void gen_status(struct proc *p, struct out *o)
{
    struct group *g = p->group;
    outf(o, "Name:\t%s\nUmask:\t%04o\nState:\t%c (%s)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
         "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%d\nGroups:\t\n"
         "VmSize:\t%8u kB\nThreads:\t%d\n",
         p->name, g->umask, states[state_of(p)].letter, states[state_of(p)].name, p->pid, p->pid,
         parent_pid(p), NOFILE, vm_kb(p), g->live);
}

static void gen_comm(struct proc *p, struct out *o)
{
    outf(o, "%s\n", p->name);
}

#define PID_FD 8                // the index of fd/

static const struct node pid_nodes[] = {
    { "", 0, S_DIR, NULL },
    { "exe", 0, S_LNK, gen_exe },
    { "cwd", 0, S_LNK, gen_cwd },
    { "cmdline", 0, S_REG, gen_cmdline },
    { "environ", 0, EXT2_S_IFREG | 0400, gen_environ },
    { "stat", 0, S_REG, gen_stat },
    { "status", 0, S_REG, gen_status },
    { "comm", 0, S_REG, gen_comm },
    { "fd", 0, EXT2_S_IFDIR | 0500, NULL },
};

// ---- inodes ------------------------------------------------------------------------

// what an inode number names; -ENOENT once it is gone (the process ended,
// the descriptor was closed)
struct where {
    struct proc *p;             // the process; NULL under the root
    const struct node *node;    // its entry; NULL for fd/N
    struct file *f;             // fd/N's file
    uint32_t index;
};

// a process's directory: its leader, running or a zombie
static struct proc *pid_proc(uint32_t pid)
{
    struct proc *p = pid && pid < PID_LIMIT ? proc_find((int)pid) : NULL;
    return p && p->group->leader == p ? p : NULL;
}

static int locate(uint32_t ino, struct where *w)
{
    uint32_t pid = ino_pid(ino);
    memset(w, 0, sizeof *w);
    w->index = ino & INDEX_MASK;
    if (ino < EXT2_FOREIGN_INO)
        return -ENOENT;
    if (pid == 0) {
        if (w->index >= NELEM(root_nodes))
            return -ENOENT;
        w->node = &root_nodes[w->index];
        return 0;
    }
    if (!(w->p = pid_proc(pid)))
        return -ENOENT;
    if (w->index >= FD_LINK) {
        if (w->index >= FD_OBJECT + NOFILE || !(w->f = w->p->group->files[(w->index - FD_LINK) % NOFILE]))
            return -ENOENT;
        return 0;
    }
    if (w->index >= NELEM(pid_nodes))
        return -ENOENT;
    w->node = &pid_nodes[w->index];
    return 0;
}

// fd/N's permissions say how the file is open, as on Linux
static uint32_t fd_link_mode(const struct file *f)
{
    uint32_t acc = f->flags & O_ACCMODE;
    return EXT2_S_IFLNK | 0100 | (acc != O_WRONLY ? 0400 : 0) | (acc != O_RDONLY ? 0200 : 0);
}

static int procfs_mode(uint32_t ino, uint32_t *mode)
{
    struct where w;
    struct ext2_stat st;
    int err;
    if ((err = locate(ino, &w)) < 0)
        return err;
    if (w.node)
        *mode = w.node->mode;
    else if (w.index < FD_OBJECT)
        *mode = fd_link_mode(w.f);
    else if ((err = file_stat_open(w.f, &st)) == 0)
        *mode = st.mode;
    return err;
}

int procfs_stat(uint32_t ino, struct ext2_stat *st)
{
    struct where w;
    int err;
    if ((err = locate(ino, &w)) < 0)
        return err;
    if (w.f && w.index >= FD_OBJECT)
        return file_stat_open(w.f, st);
    memset(st, 0, sizeof *st);
    if ((err = procfs_mode(ino, &st->mode)) < 0)
        return err;
    st->ino = ino;
    st->nlink = (st->mode & EXT2_S_IFMT) == EXT2_S_IFDIR ? 2 : 1;
    st->atime = st->mtime = st->ctime = rtc_unix_time();
    return 0;
}

// a decimal number without leading zeros, as a pid or a descriptor
static int decimal(const char *s, uint32_t len, uint32_t *v)
{
    uint32_t i;
    if (len == 0 || len > 9 || (len > 1 && s[0] == '0'))
        return 0;
    for (*v = 0, i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (uint32_t)(s[i] - '0');
    }
    return 1;
}

static int procfs_lookup(uint32_t dir, const char *name, uint32_t len, uint32_t *ino)
{
    uint32_t pid = ino_pid(dir), index = dir & INDEX_MASK, mode, v, i, count;
    const struct node *table = pid ? pid_nodes : root_nodes;
    int err;
    if ((err = procfs_mode(dir, &mode)) < 0)
        return err;
    if ((mode & EXT2_S_IFMT) != EXT2_S_IFDIR)
        return -ENOTDIR;
    count = pid ? NELEM(pid_nodes) : NELEM(root_nodes);
    if (len == 1 && name[0] == '.') {
        *ino = dir;
        return 0;
    }
    if (len == 2 && name[0] == '.' && name[1] == '.') {
        *ino = index ? mk_ino(pid, table[index].parent) : mk_ino(0, 0);
        return 0;
    }
    if (!pid && !index && decimal(name, len, &v) && pid_proc(v)) {
        *ino = mk_ino(v, 0);
        return 0;
    }
    if (pid && index == PID_FD) {
        if (!decimal(name, len, &v) || v >= NOFILE || !pid_proc(pid)->group->files[v])
            return -ENOENT;
        *ino = mk_ino(pid, FD_LINK + v);
        return 0;
    }
    for (i = 1; i < count; i++)
        if (table[i].parent == index && strlen(table[i].name) == len && !memcmp(table[i].name, name, len)) {
            *ino = mk_ino(pid, i);
            return 0;
        }
    return -ENOENT;
}

// The target of a link: fd/N leads straight to the file's inode, or to
// its FD_OBJECT entry when it has none; the others are text.
static int procfs_link(uint32_t ino, char *buf, uint32_t size, uint32_t *to)
{
    struct where w;
    int err;
    if ((err = locate(ino, &w)) < 0)
        return err;
    if (w.f) {
        if (w.index >= FD_OBJECT)
            return -EINVAL;
        *to = w.f->ino ? w.f->ino : mk_ino(ino_pid(ino), w.index - FD_LINK + FD_OBJECT);
        return 0;
    }
    return procfs_readlink(ino, buf, size);
}

// what fd/N names: the path it was opened by, a pipe, or the console the
// kernel opened for the first process
static void fd_target(struct file *f, struct out *o)
{
    if (f->type == FILE_PIPE && !f->ino)
        outf(o, "pipe:[%u]", file_pipe_id(f));
    else if (f->path)
        absolute(o, f->path_dir, f->path);
    else if (f->type == FILE_DEV)
        outf(o, "/dev/console");
    else if ((f->mode & EXT2_S_IFMT) == EXT2_S_IFDIR)
        dir_out(f->ino, o);
}

int procfs_readlink(uint32_t ino, char *buf, uint32_t size)
{
    struct where w;
    struct out o;
    int err;
    if ((err = locate(ino, &w)) < 0)
        return err;
    o.buf = buf;
    o.size = size;
    o.len = 0;
    if (w.f && w.index < FD_OBJECT)
        fd_target(w.f, &o);
    else if (w.node && (w.node->mode & EXT2_S_IFMT) == EXT2_S_IFLNK)
        w.node->gen(w.p, &o);
    else
        return -EINVAL;
    return o.len ? (int)o.len : -ENOENT;
}

// Read-only: an open for writing is refused, as Linux refuses one who may
// not write (root may, and then gets -EIO from write).
struct file *procfs_open(uint32_t ino, uint32_t flags, int *err)
{
    struct where w;
    struct file *f;
    uint32_t mode;
    if ((*err = locate(ino, &w)) < 0 || (*err = procfs_mode(ino, &mode)) < 0)
        return NULL;
    if (w.f)                            // an FD_OBJECT: the pipe or device anew
        return file_reopen(w.f, flags, err);
    if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)) {
        *err = -EACCES;
        return NULL;
    }
    if (!(f = file_alloc(FILE_PROC, flags & (O_ACCMODE | O_NONBLOCK)))) {
        *err = -ENOMEM;
        return NULL;
    }
    f->ino = ino;
    f->mode = mode;
    return f;
}

// The content is made anew for each read, and the part at off copied out.
int procfs_read(struct file *f, uint32_t buf, uint32_t n, uint64_t off)
{
    struct where w;
    struct out o;
    int err;
    if ((f->mode & EXT2_S_IFMT) == EXT2_S_IFDIR)
        return -EISDIR;
    if ((err = locate(f->ino, &w)) < 0)
        return err == -ENOENT ? -ESRCH : err;       // the process has ended
    if (!(o.buf = kmalloc(GEN_MAX)))
        return -ENOMEM;
    o.size = GEN_MAX;
    o.len = 0;
    w.node->gen(w.p, &o);
    if (off >= o.len)
        err = 0;
    else {
        if (n > o.len - off)
            n = o.len - (uint32_t)off;
        err = copy_to_user(current->mem, buf, o.buf + off, n) < 0 ? -EFAULT : (int)n;
    }
    kfree(o.buf);
    return err;
}

static uint8_t dirent_type(uint32_t mode)
{
    if ((mode & EXT2_S_IFMT) == EXT2_S_IFDIR)
        return EXT2_FT_DIR;
    return (mode & EXT2_S_IFMT) == EXT2_S_IFLNK ? EXT2_FT_SYMLINK : EXT2_FT_REG;
}

// One entry of a listing at cookie c: ".", "..", the table's entries in
// this directory, then the descriptors (fd/) or the processes (the root).
// 0: an entry; 1: none at c, go on; -1: the end.
static int dir_entry(uint32_t dir, uint32_t c, char *name, uint32_t *ino, uint8_t *type)
{
    uint32_t pid = ino_pid(dir), index = dir & INDEX_MASK, i;
    const struct node *table = pid ? pid_nodes : root_nodes;
    uint32_t count = pid ? NELEM(pid_nodes) : NELEM(root_nodes);
    struct proc *q;

    *type = EXT2_FT_DIR;
    if (c < 2) {
        strlcpy(name, c ? ".." : ".", 16);
        *ino = c ? mk_ino(pid, index ? table[index].parent : 0) : dir;
        return 0;
    }
    if (pid && index == PID_FD) {
        if ((i = c - 2) >= NOFILE)
            return -1;
        if (!pid_proc(pid) || !pid_proc(pid)->group->files[i])
            return 1;
        snprintf(name, 16, "%u", i);
        *ino = mk_ino(pid, FD_LINK + i);
        *type = EXT2_FT_SYMLINK;
        return 0;
    }
    if ((i = c - 2) < count) {
        if (i == 0 || table[i].parent != index)
            return 1;
        strlcpy(name, table[i].name, 16);
        *ino = mk_ino(pid, i);
        *type = dirent_type(table[i].mode);
        return 0;
    }
    if (pid || index || (i = c - 2 - count) >= NPROC)
        return -1;
    q = proc_slot(i);
    if (q->state == P_FREE || q->group->leader != q || (uint32_t)q->pid >= PID_LIMIT)
        return 1;
    snprintf(name, 16, "%d", q->pid);
    *ino = mk_ino(q->pid, 0);
    return 0;
}

int procfs_readdir(struct file *f, ext2_dirent_fn fn, void *ctx)
{
    char name[16];
    uint32_t ino;
    uint8_t type;
    int r, first = 1, err;
    struct where w;

    if ((err = locate(f->ino, &w)) < 0)
        return err;
    for (; (r = dir_entry(f->ino, (uint32_t)f->off, name, &ino, &type)) >= 0; f->off++) {
        if (r == 1)
            continue;
        if (fn(ctx, name, strlen(name), ino, type))
            return first ? -EINVAL : 0;
        first = 0;
    }
    return 0;
}

// ---- mount and umount --------------------------------------------------------------

// Only one mount at a time, on a directory of the volume other than the
// root; the directory is held while covered, as a working directory is.
int procfs_mount(uint32_t ino)
{
    int err;
    if (mount.on || ino == EXT2_ROOT_INO || ino >= EXT2_FOREIGN_INO)
        return -EBUSY;
    if ((err = ext2_ref(root_fs, ino)) < 0)
        return err;
    mount.on = ino;
    ext2_set_mounted(root_fs, &mount);
    return 0;
}

// A file still open in /proc keeps working (its content does not depend
// on the mount); Linux would say EBUSY unless MNT_DETACH.
int procfs_umount(uint32_t ino)
{
    if (!mount.on || ino != mount.root)
        return -EINVAL;                 // not a mount point
    ext2_set_mounted(root_fs, NULL);
    ext2_unref(root_fs, mount.on);
    mount.on = 0;
    return 0;
}
