// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/runner.c: the step runner.  It reads the step table from the
// external volume (/stages/steps, format in stages/README.md), and does each
// step in order: hex0 sources through the kernel's own compiler, programs as
// processes, hashes checked in the kernel.  Each step's output goes to
// /log/NNN-name.log; the console gets one progress line a step.
//
// The journal, /log/journal, makes a run resumable: "start NNN NAME" is
// written and synced before a step begins, "done NNN NAME SECONDS" after it
// succeeded, and the volume is synced again before the next step.  At boot
// the runner starts at the first step the journal does not record as done:
// one that was cut off is run again from the beginning (its outputs are
// rewritten), one that failed stays undone.  A failure prints the step, its
// exit status and the last 20 lines of its log, and stops the machine.
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arch/console.h"
#include "arch/power.h"
#include "dev/timer.h"
#include "file/file.h"
#include "fs/disk.h"
#include "fs/ext2.h"
#include "eta.h"
#include "handoff.h"
#include "hex0.h"
#include "journal.h"
#include "lib/errno.h"
#include "lib/sha256.h"
#include "mm/kheap.h"
#include "proc/proc.h"
#include "runner.h"
#include "srccheck.h"
#include "status.h"
#include "steps.h"
#include "sys/syscall.h"

#define TABLE_PATH "/stages/steps"
#define MAX_FILE (64u << 20)            // files the kernel itself reads: tables, sources, answers
#define TAIL_LINES 20

static struct ext2_fs *fs;
static uint32_t log_ino;               // the current step's log

// ---- files, through ext2 directly (the runner is no process) ---------------

static int lookup(const char *path, uint32_t *ino)
{
    return ext2_namei(fs, EXT2_ROOT_INO, path, 1, ino);
}

// the whole file, NUL-terminated, in kmalloc'd memory
static char *read_file(const char *path, uint32_t *size, int *err)
{
    struct ext2_stat st;
    uint32_t ino;
    char *buf;

    if ((*err = lookup(path, &ino)) < 0 || (*err = ext2_stat(fs, ino, &st)) < 0)
        return NULL;
    if (st.size > MAX_FILE) {
        *err = -EFBIG;
        return NULL;
    }
    if (!(buf = kmalloc(st.size + 1))) {
        *err = -ENOMEM;
        return NULL;
    }
    *err = ext2_read(fs, ino, 0, buf, st.size);
    if (*err < 0 || (uint32_t)*err != st.size) {
        *err = *err < 0 ? *err : -EIO;
        kfree(buf);
        return NULL;
    }
    buf[st.size] = 0;
    *size = st.size;
    *err = 0;
    return buf;
}

// creates path (or empties it) with mode; its inode
static int create_file(const char *path, uint32_t mode, uint32_t *ino)
{
    const char *name;
    uint32_t dir, len;
    int err = lookup(path, ino);

    if (err == 0)
        return ext2_truncate(fs, *ino, 0);
    if (err != -ENOENT || (err = ext2_namei_parent(fs, EXT2_ROOT_INO, path, &dir, &name, &len)) < 0)
        return err;
    return ext2_create(fs, dir, name, len, EXT2_S_IFREG | mode, 0, 0, ino);
}

static int append(uint32_t ino, const char *text, uint32_t n)
{
    struct ext2_stat st;
    int err = ext2_stat(fs, ino, &st);
    return err < 0 ? err : ext2_write(fs, ino, st.size, text, n);
}

// a line into the current step's log
static void log_line(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    append(log_ino, line, n < (int)sizeof line ? (uint32_t)n : sizeof line - 1);
}

// ---- the kinds of step --------------------------------------------------------

static int step_hex0(const struct step *s)
{
    struct hex0_state st;
    uint32_t size, ino;
    uint8_t *out;
    char *src;
    size_t n;
    int err;

    if (!(src = read_file(s->argv[0], &size, &err))) {
        log_line("hex0: cannot read %s: error %d\n", s->argv[0], err);
        return 1;
    }
    if (!(out = kmalloc(size / 2 + 1))) {
        kfree(src);
        return 1;
    }
    n = hex0_compile(src, size, out, &st);
    if (st.ignored)
        log_line("hex0: warning: %u bytes neither hex nor comment, first on line %u\n", st.ignored,
             st.ignored_line);
    err = create_file(s->argv[1], 0755, &ino);
    if (err == 0 && (err = ext2_write(fs, ino, 0, out, n)) >= 0)
        err = 0;
    log_line("hex0: %s (%u bytes) -> %s (%u bytes)%s\n", s->argv[0], size, s->argv[1], (uint32_t)n,
         err ? ": cannot write it" : "");
    kfree(src);
    kfree(out);
    return err != 0;
}

static int file_sha256(const char *path, char hex[65])
{
    uint8_t digest[32];
    uint32_t size;
    int err;
    char *data = read_file(path, &size, &err);

    if (!data)
        return err;
    sha256(data, size, digest);
    sha256_hex(digest, hex);
    kfree(data);
    return 0;
}

static int check_hash(const char *path, const char *want)
{
    char hex[65];
    int err = file_sha256(path, hex);

    if (err < 0) {
        log_line("%s: cannot read it: error %d\n", path, err);
        return 1;
    }
    if (strcmp(hex, want)) {
        log_line("%s: FAILED: sha256 %s, expected %s\n", path, hex, want);
        return 1;
    }
    log_line("%s: OK\n", path);
    return 0;
}

static int step_sha256(const struct step *s)
{
    return check_hash(s->argv[0], s->argv[1]);
}

// FILE holds "HASH  PATH" lines (sha256sum's format) and '#' comment lines
static int step_answers(const struct step *s)
{
    uint32_t size, checked = 0, failed = 0;
    int err;
    char *text = read_file(s->argv[0], &size, &err), *line, *next;

    if (!text) {
        log_line("answers: cannot read %s: error %d\n", s->argv[0], err);
        return 1;
    }
    for (line = text; *line; line = next) {
        char *path;
        next = strchr(line, '\n');
        next = next ? next + 1 : line + strlen(line);
        if (next[-1] == '\n')
            next[-1] = 0;
        if (*line == '#')
            continue;
        if (strlen(line) < 67 || line[64] != ' ') {
            if (*line)
                log_line("answers: ignoring a line that is no \"HASH  PATH\": %s\n", line);
            continue;
        }
        line[64] = 0;
        path = line + 65 + (line[65] == ' ' || line[65] == '*');
        failed += check_hash(path, line);
        checked++;
    }
    log_line("answers: %u checked, %u failed\n", checked, failed);
    kfree(text);
    return failed != 0 || checked == 0;
}

static uint64_t before[NSYSCALL];

static void syscall_counts_snapshot(uint64_t *counts)
{
    int nr;
    for (nr = 0; nr < NSYSCALL; nr++)
        counts[nr] = syscall_count(nr);
}

// the step's system calls by name(number), from the kernel's own counters, into
// its log: where a step's time goes, and (marked ENOSYS) what it asked for
// that the kernel lacks
static void log_syscalls(const uint64_t *start)
{
    uint64_t total = 0, n;
    int nr;

    for (nr = 0; nr < NSYSCALL; nr++)
        total += syscall_count(nr) - start[nr];
    log_line("run: %u system calls:", (uint32_t)total);
    for (nr = 0; nr < NSYSCALL; nr++)
        if ((n = syscall_count(nr) - start[nr]) > 0)
            log_line(" %s(%d) %u%s", syscall_name(nr), nr, (uint32_t)n,
                     syscall_implemented(nr) ? "" : " ENOSYS");
    log_line("\n");
}

// runs argv as a process with out as its 0, 1 and 2, in directory cwd (an
// inode; 0 for the volume's root); 0 when it exits with status 0
static int run_process(const char *const *argv, struct file *out, uint32_t cwd)
{
    static char *const envp[] = { "PATH=/bin:/usr/bin:/x86/bin", "HOME=/", "TERM=dumb", NULL };
    struct proc *p;
    int err, status;
    struct cpu_time cpu;

    if (!(p = file_spawn(argv[0], (char *const *)argv, envp, out, &err))) {
        log_line("run: cannot start %s: error %d\n", argv[0], err);
        return 1;
    }
    if (cwd && proc_set_cwd(p->group, cwd) < 0)
        log_line("run: cannot enter directory inode %u; the step runs in /\n", cwd);
    syscall_counts_snapshot(before);
    status = proc_run(p, &cpu);
    log_syscalls(before);
    // the step's processes' time in their own code (user) and in the kernel
    // on their behalf (system)
    log_line("run: cpu time: user %u.%02us, system %u.%02us\n", (uint32_t)(cpu.user_us / 1000000),
             (uint32_t)(cpu.user_us / 10000 % 100), (uint32_t)(cpu.sys_us / 1000000),
             (uint32_t)(cpu.sys_us / 10000 % 100));
    if (status & 0x7f)
        log_line("run: %s killed by signal %d\n", argv[0], status & 0x7f);
    else if (status)
        log_line("run: %s exited with status %d\n", argv[0], status >> 8);
    return status != 0;
}

static int step_run(const struct step *s, struct file *out)
{
    return run_process(s->argv, out, 0);
}

// ---- build steps ------------------------------------------------------------

#define KAEM "/x86/bin/kaem"            // stage0-posix's, made in stage 1
#define BASH "/usr/bin/bash"            // the chain's, from stage 3's bash-2.05b on

// the kernel's file reading and allocation, for srccheck_verify
static uint8_t *read_source(const char *path, size_t *size, char *why, size_t why_size)
{
    uint32_t n;
    int err;
    char *data = read_file(path, &n, &err);

    if (!data) {
        snprintf(why, why_size, "error %d", err);
        return NULL;
    }
    *size = n;
    return (uint8_t *)data;
}

static const struct srccheck_io source_io = { read_source, kmalloc, kfree };

// /sources/NAME.tar against NAME's tree hash in the lock; 0 when they agree
static int check_source(const char *lock, const char *name)
{
    char msg[256];
    int bad = srccheck_verify(lock, name, &source_io, msg, sizeof msg) < 0;

    log_line("build: source %s: %s\n", name, msg);
    return bad;
}

// each lock name stages/RECIPE/sources lists ('#' lines are comments)
static int check_sources(const char *recipe)
{
    char path[96], *list, *lock, *line, *next;
    uint32_t size;
    int err, failed = 0;

    snprintf(path, sizeof path, "/stages/%s/sources", recipe);
    if (!(list = read_file(path, &size, &err))) {
        log_line("build: cannot read %s: error %d\n", path, err);
        return 1;
    }
    if (!(lock = read_file(SRCCHECK_LOCK_PATH, &size, &err))) {
        log_line("build: cannot read %s: error %d\n", SRCCHECK_LOCK_PATH, err);
        kfree(list);
        return 1;
    }
    for (line = list; *line; line = next) {
        next = line + strcspn(line, "\n");
        if (*next)
            *next++ = 0;
        line += strspn(line, " \t");
        line[strcspn(line, " \t\r")] = 0;
        if (*line && *line != '#')
            failed |= check_source(lock, line);
    }
    kfree(lock);
    kfree(list);
    return failed;
}

struct first_entry {
    char name[256];
    uint32_t len;
    uint8_t type;
};

static int take_first(void *ctx, const char *name, uint32_t len, uint32_t ino, uint8_t type)
{
    struct first_entry *e = ctx;
    (void)ino;
    if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
        return 0;
    memcpy(e->name, name, len < 255 ? len : 255);
    e->len = len < 255 ? len : 255;
    e->type = type;
    return 1;
}

// empties directory dir, depth first
static int empty_dir(uint32_t dir)
{
    struct first_entry e;
    uint64_t cookie = 0;
    uint32_t sub;
    int err;

    // an entry removed merges into the one before it or is left with inode
    // 0, so the walk goes on from where it found the entry, not from 0
    for (;;) {
        e.len = 0;
        if ((err = ext2_readdir(fs, dir, &cookie, take_first, &e)) < 0)
            return err;
        if (!e.len)
            return 0;
        if (e.type == EXT2_FT_DIR) {
            if ((err = ext2_lookup(fs, dir, e.name, e.len, &sub)) < 0 || (err = empty_dir(sub)) < 0 ||
                (err = ext2_rmdir(fs, dir, e.name, e.len)) < 0)
                return err;
        } else if ((err = ext2_unlink(fs, dir, e.name, e.len)) < 0) {
            return err;
        }
    }
}

// /build/NAME, made empty: a step cut off and run again starts clean
static int fresh_build_dir(const char *name, uint32_t *ino)
{
    uint32_t build;
    int err;

    if (lookup("/build", &build) < 0 &&
        (err = ext2_mkdir(fs, EXT2_ROOT_INO, "build", 5, 040755, 0, 0, &build)) < 0)
        return err;
    if (ext2_lookup(fs, build, name, strlen(name), ino) == 0)
        return empty_dir(*ino);
    return ext2_mkdir(fs, build, name, strlen(name), 040755, 0, 0, ino);
}

// `build NAME[: RECIPE]`: the sources stages/RECIPE/sources names are
// checked against the lock, then the recipe runs in an empty /build/NAME:
// stages/RECIPE/build.kaem under stage0-posix's kaem (kaem --strict stops at
// the first command that fails), or, from bash's step on, stages/RECIPE/
// build.sh under the chain's bash (-e: likewise; -x: every command in the log).
static int step_build(const struct step *s, struct file *out)
{
    const char *recipe = s->argc ? s->argv[0] : s->name;
    char script[96], words[160];
    const char *kaem[] = { KAEM, "--verbose", "--strict", "--file", script, NULL };
    const char *bash[] = { BASH, "-e", "-x", script, NULL };
    const char *const *argv = kaem;
    uint32_t dir, ino;
    int err;

    snprintf(script, sizeof script, "/stages/%s/build.kaem", recipe);
    if (lookup(script, &ino) < 0) {
        snprintf(script, sizeof script, "/stages/%s/build.sh", recipe);
        argv = bash;
    }
    if (check_sources(recipe))
        return 1;
    if ((err = fresh_build_dir(s->name, &dir)) < 0) {
        log_line("build: cannot make /build/%s empty: error %d\n", s->name, err);
        return 1;
    }
    log_line("build: %s in /build/%s\n", steps_join_words(argv, words, sizeof words), s->name);
    return run_process(argv, out, dir);
}

static void journal(uint32_t ino, const char *what, int index, const char *name, uint32_t secs);

// the volume as Linux will find it: written back and marked cleanly unmounted
static void leave_volume(void)
{
    if (file_unmount(fs, root_dev) < 0)
        kprintf("jump: the external volume could not be written back\n");
}

#define LINUX_KERNEL "/boot/vmlinuz"
#define LINUX_INITRD "/boot/initrd.img"

// `jump linux`: the step counts as done before Linux starts (it goes on from
// the next step), so the journal records it and the volume is written back
// first; if the kernel cannot be booted after all, a "failed" line undoes it.
static int step_jump(const struct step *s, int index, uint32_t journal_ino)
{
    static char cmdline[1024];
    const char *partuuid = disk_volume_partuuid();
    uint32_t ino;
    int i, n;

    n = snprintf(cmdline, sizeof cmdline, "root=PARTUUID=%s rootfstype=ext2 rw",
                 partuuid ? partuuid : "unknown");
    for (i = 0; i < s->argc; i++)
        n += snprintf(cmdline + n, sizeof cmdline - n, " %s", s->argv[i]);
    log_line("jump: booting %s with: %s\n", LINUX_KERNEL, cmdline);
    journal(journal_ino, "done", index, s->name, 0);
    handoff_boot(fs, LINUX_KERNEL, lookup(LINUX_INITRD, &ino) == 0 ? LINUX_INITRD : NULL, cmdline,
                 leave_volume);
    journal(journal_ino, "failed", index, s->name, 0);
    log_line("jump: Linux could not be started (see the console)\n");
    return 1;
}

static int run_step(const struct step *s, struct file *out, int index, uint32_t journal_ino)
{
    switch (s->kind) {
    case STEP_HEX0: return step_hex0(s);
    case STEP_RUN: return step_run(s, out);
    case STEP_BUILD: return step_build(s, out);
    case STEP_SHA256: return step_sha256(s);
    case STEP_ANSWERS: return step_answers(s);
    case STEP_JUMP: return step_jump(s, index, journal_ino);
    default:
        log_line("%s steps are not implemented yet\n", steps_kind_word(s->kind));
        return 1;
    }
}

// ---- the journal and the run ------------------------------------------------------

// where the journal on the volume says to resume (kernel/chain/journal.c)
static int resume_point(const struct steps_table *t, int *cut_off)
{
    uint32_t size;
    int err, first;
    char *text = read_file(JOURNAL_PATH, &size, &err);

    first = journal_resume_point(text, t, cut_off);
    kfree(text);
    return first;
}

static void journal(uint32_t ino, const char *what, int index, const char *name, uint32_t secs)
{
    char line[JOURNAL_LINE_MAX];
    int n = journal_format(line, sizeof line, what, index, name, secs);
    append(ino, line, n);
    ext2_sync(fs);
}

// the last lines of the current step's log, on the console
static void show_tail(void)
{
    struct ext2_stat st;
    uint32_t from, lines = 0;
    char *buf;
    int n;

    if (ext2_stat(fs, log_ino, &st) < 0)
        return;
    from = st.size > 4096 ? (uint32_t)st.size - 4096 : 0;
    if (!(buf = kmalloc(4097)))
        return;
    n = ext2_read(fs, log_ino, from, buf, (uint32_t)st.size - from);
    if (n > 0) {
        while (n > 0 && buf[n - 1] == '\n')
            n--;
        buf[n] = 0;
        while (n > 0 && lines <= TAIL_LINES)
            lines += buf[--n] == '\n';
        kprintf("---- the last lines of its log ----\n%s\n----\n", buf + n + (buf[n] == '\n'));
    }
    kfree(buf);
}

// After a failed step: a volume out of blocks or inodes is the likeliest
// cause then, and its log may not even hold the error (no room to write it)
#define LOW_SPACE (1u << 20)
static void say_if_full(void)
{
    uint64_t block_size, blocks, free_blocks, inodes, free_inodes;

    ext2_statfs(fs, &block_size, &blocks, &free_blocks, &inodes, &free_inodes);
    if (free_blocks * block_size >= LOW_SPACE && free_inodes > 0)
        return;
    kprintf("runner: the volume is full: %u KiB and %u inodes free of %u MiB; the step most likely\n"
            "runner: ran out of room.  Every step done so far stays done; to go on, give the run a\n"
            "runner: larger volume (make external EXTERNAL_SIZE=, which starts the run again)\n",
            (uint32_t)(free_blocks * block_size >> 10), (uint32_t)free_inodes,
            (uint32_t)(blocks * block_size >> 20));
}

static struct file *open_log(int index, const char *name)
{
    char path[96];
    struct ext2_stat st;
    int err;

    journal_log_path(path, sizeof path, index, name);
    if (create_file(path, 0644, &log_ino) < 0 || ext2_stat(fs, log_ino, &st) < 0)
        return NULL;
    return file_open_inode(log_ino, &st, O_WRONLY | O_APPEND, &err);
}

// the estimate (kernel/chain/eta.c) for the steps from next to end, in ms;
// -1 without the times file or while too little is done to say
static long long left_from(const long *ref, const struct eta *e, int next, int end)
{
    if (!ref || next >= end)
        return ref ? 0 : -1;
    return eta_left_ms(e, ref + next * ETA_REFS, end - next);
}

// ", H:MM:SS in, about H:MM:SS left" after a step's progress line: the time
// since this boot's runner started and the estimate for the steps from next
// to end; nothing without the times file
static void progress_times(char *buf, size_t size, const long *ref, const struct eta *e, int next, int end,
                           uint64_t start_ms)
{
    long long left = left_from(ref, e, next, end);
    int n;

    buf[0] = 0;
    if (!ref)
        return;
    n = snprintf(buf, size, ", ");
    n += eta_format(buf + n, size - n, timer_uptime_ms() - start_ms);
    n += snprintf(buf + n, size - n, " in");
    if (next < end && left >= 0) {
        n += snprintf(buf + n, size - n, ", about ");
        n += eta_format(buf + n, size - n, (uint64_t)left);
        snprintf(buf + n, size - n, " left");
    }
}

// the status line as step i begins (kernel/chain/status.c)
static void show_status(const struct steps_table *t, int i, int end, const long *ref, const struct eta *e,
                        uint64_t start_ms)
{
    struct eta_step now = { i + 1, t->nsteps, steps_kind_word(t->steps[i].kind), t->steps[i].name,
                            start_ms, timer_uptime_ms(), -1, -1 };
    long long after = left_from(ref, e, i + 1, end);

    now.left_ms = left_from(ref, e, i, end);
    if (now.left_ms >= 0 && after >= 0)
        now.step_ms = now.left_ms - after;
    status_step(&now);
}

// the status line that stays when the run ends: how it ended, and its time
static void end_status(const char *how, const char *name, uint64_t start_ms)
{
    char line[81], took[16];
    eta_format(took, sizeof took, timer_uptime_ms() - start_ms);
    snprintf(line, sizeof line, "%s%s, after %s of this boot", how, name, took);
    status_end(line);
}

int runner_run(struct ext2_fs *volume, const char *stop_after)
{
    struct steps_error perr;
    struct steps_table t;
    const struct step *stop;
    uint32_t size, journal_ino, dir;
    int err, i, first, end, cut_off, failed = 0;
    char *text, *times, when[64];
    void *arena;
    long need, *ref = NULL;
    struct eta eta = { 0 };
    uint64_t start_ms = timer_uptime_ms();

    fs = volume;
    if (!(text = read_file(TABLE_PATH, &size, &err)))
        return err;
    if ((need = steps_measure(TABLE_PATH, text, size, &perr)) < 0 || !(arena = kmalloc(need)) ||
        steps_parse(&t, arena, need, TABLE_PATH, text, size, &perr) < 0) {
        kprintf("runner: %s\n", perr.msg);
        return -EINVAL;
    }
    if (lookup("/log", &dir) < 0 && (err = ext2_mkdir(fs, EXT2_ROOT_INO, "log", 3, 040755, 0, 0, &dir)) < 0)
        return err;
    if (lookup(JOURNAL_PATH, &journal_ino) < 0 && (err = create_file(JOURNAL_PATH, 0644, &journal_ino)) < 0)
        return err;
    first = resume_point(&t, &cut_off);
    kprintf("runner: %d steps in %s; %s\n", t.nsteps, TABLE_PATH,
            first ? "resuming after the journal's last finished step" : "starting at the first");
    if (cut_off >= first && cut_off < t.nsteps)
        kprintf("runner: step %d (%s) was cut off; it runs again from its start\n", cut_off + 1,
                t.steps[cut_off].name);
    // the step to stop after may be done already, in an earlier boot
    stop = stop_after ? steps_find(&t, stop_after) : NULL;
    end = stop ? (int)(stop - t.steps) + 1 : t.nsteps;
    // each step's reference times, for the estimate of what is left
    if ((times = read_file(ETA_TIMES_PATH, &size, &err)) && (ref = kmalloc(t.nsteps * ETA_REFS * sizeof *ref))) {
        for (i = 0; i < t.nsteps * ETA_REFS; i++)
            ref[i] = eta_ref_ms(times, t.steps[i / ETA_REFS].name, i % ETA_REFS);
        eta_fill_ours(ref, t.nsteps);
    }
    kfree(times);
    for (i = first; i < end && !failed; i++) {
        const struct step *s = &t.steps[i];
        uint64_t t0 = timer_uptime_ms(), ms;
        struct file *out = open_log(i, s->name);

        if (!out) {
            kprintf("runner: cannot make the log of step %s\n", s->name);
            return -EIO;
        }
        journal(journal_ino, "start", i, s->name, 0);
        show_status(&t, i, end, ref, &eta, start_ms);
        failed = run_step(s, out, i, journal_ino);
        file_close(out);
        ms = timer_uptime_ms() - t0;
        // done is on the volume before the console says so: power cut after
        // a step's progress line never makes the next boot run it again
        if (!failed)
            journal(journal_ino, "done", i, s->name, (uint32_t)(ms / 1000));
        if (!failed && ref)
            eta_step_done(&eta, ref + i * ETA_REFS, ms);
        progress_times(when, sizeof when, failed ? NULL : ref, &eta, i + 1, end, start_ms);
        kprintf("[%d/%d] %s %s (%u.%us)%s%s\n", i + 1, t.nsteps, steps_kind_word(s->kind), s->name,
                (uint32_t)(ms / 1000), (uint32_t)(ms / 100 % 10), failed ? " FAILED" : "", when);
        if (failed) {
            kprintf("runner: step %d (%s, stages/steps line %d) failed; its log is /log/%03d-%s.log\n",
                    i + 1, s->name, s->line, i + 1, s->name);
            show_tail();
            say_if_full();
            journal(journal_ino, "failed", i, s->name, 0);
            kprintf("runner: the step stays undone; fix its cause and boot again to retry it\n");
        }
    }
    if (ref) {
        char said[96];
        eta_summary(said, sizeof said, &eta);
        kprintf("runner: %s\n", said);
    }
    if (!failed && stop) {
        kprintf("runner: stopping after %s, as the command line asks\n", stop->name);
        end_status("stopped after ", stop->name, start_ms);
    } else if (!failed && i == t.nsteps) {
        kprintf("runner: all %d steps done\n", t.nsteps);
        end_status("all steps done", "", start_ms);
    } else if (failed) {
        end_status("FAILED: ", t.steps[i - 1].name, start_ms);
    }
    kfree(ref);
    kfree(arena);
    kfree(text);
    return failed ? -1 : 0;
}
