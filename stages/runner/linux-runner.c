// SPDX-License-Identifier: GPL-3.0-or-later
// stages/runner/linux-runner.c: the step runner in Linux user space, in two
// roles, with the kernel's parser, journal, hex0 compiler, sha256 and source
// check (kernel/chain/steps.c, journal.c, hex0.c, sha256.c, srccheck.c: one
// source, not a copy) and the kernel runner's kinds of step.
//
//   linux-runner                   after a `jump linux` step the chain goes
//                                  on under Linux, on the same external
//                                  volume: this is PID 1, the volume its root
//   run-native [-s STEP] ROOT      the native twin (tools/run-native, built
//                                  for the host): the same table, recipes and
//                                  sources in ROOT, a tree tools/stage-root
//                                  made, chroot(2)ed into (run as root), so
//                                  every output of a run under our kernel
//                                  has a reference our kernel did not make
//
// Either way it resumes where /log/journal says, writes the same logs and
// journal as the kernel's runner, and runs each program as the kernel does:
// environment PATH=/bin:/usr/bin:/x86/bin HOME=/ TERM=dumb, umask 022,
// descriptors 0-2 on /log/NNN-NAME.log.  -s stops after STEP, like the
// kernel's stop-after=.  The twin stops before a `jump` (it has no Linux to
// start).  At the end, or at a failure, it says so; PID 1 then powers the
// machine off, the twin exits 0 or 1.
// The chain's programs are i386: on an x86-64 host without IA32 support
// the twin's run through qemu-user, registered with binfmt_misc's F flag
// (tools/i386-binfmt), which keeps working inside the chroot.
// Plain C99 and a libc, so the chain's own TinyCC can build it later.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "chain/hex0.h"
#include "chain/journal.h"
#include "lib/sha256.h"
#include "chain/srccheck.h"
#include "chain/steps.h"

#define TABLE_PATH "/stages/steps"
#define KAEM "/x86/bin/kaem"            // stage0-posix's, made in stage 1
#define BASH "/usr/bin/bash"            // the chain's, from stage 3's bash-2.05b on

static const char *me = "runner (linux)";   // how the messages start
static const char *root = "";               // the twin's ROOT, for messages
static int log_fd = -1;

static void log_line(const char *fmt, ...)
{
    char line[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0 && write(log_fd, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1) < 0)
        perror("runner: log");
}

// the whole file, NUL-terminated, or NULL with errno
static char *read_file(const char *path, size_t *size)
{
    struct stat st;
    char *buf = NULL;
    size_t got = 0;
    ssize_t n = 1;
    int fd = open(path, O_RDONLY), saved;

    if (fd < 0)
        return NULL;
    if (fstat(fd, &st) == 0 && (buf = malloc((size_t)st.st_size + 1)))
        while (got < (size_t)st.st_size && (n = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
            got += (size_t)n;
    saved = n < 0 ? errno : EIO;
    if (buf && got == (size_t)st.st_size) {
        buf[got] = 0;
        *size = got;
    } else {
        free(buf);
        buf = NULL;
        errno = saved;
    }
    close(fd);
    return buf;
}

static int check_hash(const char *path, const char *want)
{
    uint8_t digest[32];
    char hex[65];
    size_t size;
    char *data = read_file(path, &size);

    if (!data) {
        log_line("%s: cannot read it: %s\n", path, strerror(errno));
        return 1;
    }
    sha256(data, size, digest);
    sha256_hex(digest, hex);
    free(data);
    if (strcmp(hex, want)) {
        log_line("%s: FAILED: sha256 %s, expected %s\n", path, hex, want);
        return 1;
    }
    log_line("%s: OK\n", path);
    return 0;
}

static int step_hex0(const struct step *s)
{
    size_t size, n;
    char *src = read_file(s->argv[0], &size);
    uint8_t *out;
    int fd, bad;

    if (!src) {
        log_line("hex0: cannot read %s: %s\n", s->argv[0], strerror(errno));
        return 1;
    }
    out = malloc(size / 2 + 1);
    n = hex0_compile(src, size, out, NULL);
    fd = open(s->argv[1], O_CREAT | O_TRUNC | O_WRONLY, 0755);
    bad = fd < 0 || write(fd, out, n) != (ssize_t)n || fchmod(fd, 0755) != 0;
    if (fd >= 0)
        close(fd);
    log_line("hex0: %s (%zu bytes) -> %s (%zu bytes)%s\n", s->argv[0], size, s->argv[1], n,
             bad ? ": cannot write it" : "");
    free(src);
    free(out);
    return bad;
}

// "SHA256  PATH" lines ('#' lines are comments), each checked
static int step_answers(const struct step *s)
{
    size_t size;
    char *text = read_file(s->argv[0], &size), *line, *save = NULL;
    int checked = 0, failed = 0;

    if (!text) {
        log_line("answers: cannot read %s: %s\n", s->argv[0], strerror(errno));
        return 1;
    }
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (*line == '#' || strlen(line) < 67 || line[64] != ' ')
            continue;
        line[64] = 0;
        failed += check_hash(line + 65 + (line[65] == ' ' || line[65] == '*'), line);
        checked++;
    }
    log_line("answers: %d checked, %d failed\n", checked, failed);
    free(text);
    return failed != 0 || checked == 0;
}

// argv in directory dir, as the kernel starts a step's program
static int run_process(const char *const *argv, const char *dir)
{
    static char *const envp[] = { "PATH=/bin:/usr/bin:/x86/bin", "HOME=/", "TERM=dumb", NULL };
    int status;
    struct rusage ru;
    pid_t pid = fork();

    if (pid == 0) {
        if (chdir(dir) < 0) {
            log_line("run: cannot enter %s: %s\n", dir, strerror(errno));
            _exit(127);
        }
        umask(022);
        dup2(log_fd, 0);                // the log, write-only, as under the kernel
        dup2(log_fd, 1);
        dup2(log_fd, 2);
        execve(argv[0], (char *const *)argv, envp);
        log_line("run: cannot start %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
        return 1;
    // as the kernel's step log has it: the step's processes' time
    log_line("run: cpu time: user %ld.%02lds, system %ld.%02lds\n", (long)ru.ru_utime.tv_sec,
             (long)ru.ru_utime.tv_usec / 10000, (long)ru.ru_stime.tv_sec, (long)ru.ru_stime.tv_usec / 10000);
    if (WIFSIGNALED(status))
        log_line("run: %s killed by signal %d\n", argv[0], WTERMSIG(status));
    else if (WEXITSTATUS(status))
        log_line("run: %s exited with status %d\n", argv[0], WEXITSTATUS(status));
    return status != 0;
}

// ---- build steps ------------------------------------------------------------

static uint8_t *read_source(const char *path, size_t *size, char *why, size_t why_size)
{
    char *data = read_file(path, size);
    if (!data)
        snprintf(why, why_size, "%s", strerror(errno));
    return (uint8_t *)data;
}

static const struct srccheck_io source_io = { read_source, malloc, free };

// each lock name stages/RECIPE/sources lists ('#' lines are comments)
static int check_sources(const char *recipe)
{
    char path[128], msg[256], *list, *lock, *line, *save = NULL;
    size_t size;
    int failed = 0;

    snprintf(path, sizeof path, "/stages/%s/sources", recipe);
    if (!(list = read_file(path, &size)) || !(lock = read_file(SRCCHECK_LOCK_PATH, &size))) {
        log_line("build: cannot read %s or %s: %s\n", path, SRCCHECK_LOCK_PATH, strerror(errno));
        free(list);
        return 1;
    }
    for (line = strtok_r(list, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        line += strspn(line, " \t");
        line[strcspn(line, " \t\r")] = 0;
        if (*line && *line != '#') {
            failed |= srccheck_verify(lock, line, &source_io, msg, sizeof msg) < 0;
            log_line("build: source %s: %s\n", line, msg);
        }
    }
    free(list);
    free(lock);
    return failed;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag;
    return ftw->level > 0 && remove(path) != 0 ? -1 : 0;
}

// `build NAME[: RECIPE]`: the sources checked, then stages/RECIPE/build.kaem
// under kaem, or build.sh under bash, in an empty /build/NAME (kernel/chain/runner.c
// says why)
static int step_build(const struct step *s)
{
    const char *recipe = s->argc ? s->argv[0] : s->name;
    char script[128], dir[128], words[192];
    const char *kaem[] = { KAEM, "--verbose", "--strict", "--file", script, NULL };
    const char *bash[] = { BASH, "-e", "-x", script, NULL };
    const char *const *argv = kaem;

    if (check_sources(recipe))
        return 1;
    snprintf(dir, sizeof dir, "/build/%s", s->name);
    mkdir("/build", 0755);
    if ((mkdir(dir, 0755) < 0 && errno != EEXIST) ||
        nftw(dir, remove_entry, 64, FTW_DEPTH | FTW_PHYS) != 0) {
        log_line("build: cannot make %s empty: %s\n", dir, strerror(errno));
        return 1;
    }
    snprintf(script, sizeof script, "/stages/%s/build.kaem", recipe);
    if (access(script, F_OK) < 0) {
        snprintf(script, sizeof script, "/stages/%s/build.sh", recipe);
        argv = bash;
    }
    log_line("build: %s in %s\n", steps_join_words(argv, words, sizeof words), dir);
    return run_process(argv, dir);
}

static int run_step(const struct step *s)
{
    switch (s->kind) {
    case STEP_HEX0: return step_hex0(s);
    case STEP_RUN: return run_process(s->argv, "/");
    case STEP_BUILD: return step_build(s);
    case STEP_SHA256: return check_hash(s->argv[0], s->argv[1]);
    case STEP_ANSWERS: return step_answers(s);
    default:
        log_line("%s steps cannot run under Linux\n", steps_kind_word(s->kind));
        return 1;
    }
}

// ---- the table --------------------------------------------------------------

static void journal(int fd, const char *word, int index, const char *name, unsigned secs)
{
    char line[JOURNAL_LINE_MAX];
    int n = journal_format(line, sizeof line, word, index, name, secs);
    if (write(fd, line, n) != n)
        perror("runner: journal");
    fsync(fd);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

// the end: PID 1 powers the machine off, the twin exits
static void finish(int status)
{
    fflush(stdout);
    sync();
    if (getpid() == 1) {
        printf("%s: powering off\n", me);
        fflush(stdout);
        reboot(RB_POWER_OFF);
    }
    exit(status);
}

int main(int argc, char **argv)
{
    const char *stop = NULL;
    const struct step *stop_step;
    struct steps_error perr;
    struct steps_table t;
    double start = now();
    size_t size;
    char *text, *journal_text, path[128];
    void *arena;
    long need;
    int first, cut_off, end, i, jfd, opt;

    while ((opt = getopt(argc, argv, "s:")) != -1) {
        if (opt != 's')
            goto usage;
        stop = optarg;
    }
    if (optind == argc - 1) {
        me = "run-native";
        root = argv[optind];
        if (chroot(root) < 0 || chdir("/") < 0) {
            fprintf(stderr, "%s: cannot enter %s: %s\n", me, root, strerror(errno));
            return 2;
        }
    } else if (optind != argc || getpid() != 1) {
        goto usage;
    } else {
        mount("proc", "/proc", "proc", 0, NULL);
        mount("sysfs", "/sys", "sysfs", 0, NULL);
        mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
    }
    if (!(text = read_file(TABLE_PATH, &size)) || (need = steps_measure(TABLE_PATH, text, size, &perr)) < 0 ||
        !(arena = malloc(need)) || steps_parse(&t, arena, need, TABLE_PATH, text, size, &perr) < 0) {
        printf("%s: cannot read the step table: %s\n", me, text ? perr.msg : strerror(errno));
        finish(2);
    }
    mkdir("/log", 0755);
    journal_text = read_file(JOURNAL_PATH, &size);
    first = journal_resume_point(journal_text, &t, &cut_off);
    free(journal_text);
    if ((jfd = open(JOURNAL_PATH, O_WRONLY | O_APPEND | O_CREAT, 0644)) < 0) {
        printf("%s: cannot write %s%s: %s\n", me, root, JOURNAL_PATH, strerror(errno));
        finish(2);
    }
    printf("%s: %d steps; resuming at step %d\n", me, t.nsteps, first + 1);
    if (cut_off >= 0)
        printf("%s: step %d (%s) was cut off; it runs again from its start\n", me, cut_off + 1,
               t.steps[cut_off].name);
    // the step to stop after may be done already, in an earlier run
    stop_step = stop ? steps_find(&t, stop) : NULL;
    end = stop_step ? (int)(stop_step - t.steps) + 1 : t.nsteps;
    for (i = first; i < end; i++) {
        const struct step *s = &t.steps[i];
        double t0 = now();
        int failed;

        if (s->kind == STEP_JUMP && *root) {
            printf("%s: step %d (%s) boots Linux; the twin stops before it\n", me, i + 1, s->name);
            printf("%s: done in %.1fs\n", me, now() - start);
            finish(0);
        }
        journal_log_path(path, sizeof path, i, s->name);
        if ((log_fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644)) < 0) {
            printf("%s: cannot write %s%s: %s\n", me, root, path, strerror(errno));
            finish(2);
        }
        journal(jfd, "start", i, s->name, 0);
        fflush(stdout);
        failed = run_step(s);
        close(log_fd);
        printf("[%d/%d] %s %s (%.1fs)%s\n", i + 1, t.nsteps, steps_kind_word(s->kind), s->name,
               now() - t0, failed ? " FAILED" : "");
        if (failed) {
            journal(jfd, "failed", i, s->name, 0);
            printf("%s: step %d (%s) failed; its log is %s%s; fix its cause and run again\n", me,
                   i + 1, s->name, root, path);
            printf("%s: failed in %.1fs\n", me, now() - start);
            finish(1);
        }
        journal(jfd, "done", i, s->name, (unsigned)(now() - t0));
    }
    if (stop_step)
        printf("%s: stopping after %s, as the command line asks\n", me, stop);
    else if (i == t.nsteps)
        printf("%s: all %d steps done\n", me, t.nsteps);
    printf("%s: done in %.1fs\n", me, now() - start);
    finish(0);
usage:
    fprintf(stderr, "usage: run-native [-s STEP] ROOT  (or, as PID 1 under Linux, linux-runner)\n");
    return 2;
}
