// SPDX-License-Identifier: GPL-3.0-or-later
// tools/run-native.c: the native twin of the kernel's step runner.  It does
// the same step table with the same recipes and sources on the host's Linux,
// in a private root, so every output of a run under our kernel has a
// reference our kernel did not produce (tests/stage/stage_test.sh compares
// them file by file).
//
//   run-native [-s STEP] ROOT
//
// ROOT is a tree made by tools/stage-root (the external volume's contents);
// the steps run with ROOT as their / (chroot(2): run as root), their working
// directory and environment as under the kernel: PATH=/bin:/usr/bin:/x86/bin,
// HOME=/, TERM=dumb, umask 022, descriptors 0-2 on ROOT/log/NNN-NAME.log.
// The kinds of step are the kernel's (kernel/runner.c), and share its code
// where it is not about hardware: the table parser (kernel/steps.c), the
// hex0 compiler (kernel/hex0.c), sha256, and the source check
// (kernel/srccheck.c).  -s stops after STEP, like the kernel's stop-after=.
// Prints one line a step with its time, and exits 0 when every step passed.
// `jump` steps end the run: the twin has no Linux to start.
//
// The programs are i386: on an x86-64 host without IA32 support they run
// through qemu-user, registered with binfmt_misc's F flag
// (tools/i386-binfmt), which keeps working inside the chroot.
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "hex0.h"
#include "sha256.h"
#include "srccheck.h"
#include "steps.h"

static FILE *step_log;

static void log_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(step_log, fmt, ap);
    va_end(ap);
    fflush(step_log);
}

// the whole file (paths are relative to ROOT, the working directory), or
// NULL with errno
static char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path[0] == '/' ? path + 1 : path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = 0;
        *size = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
        errno = EIO;
    }
    fclose(f);
    return buf;
}

static int step_hex0(const struct step *s)
{
    size_t size, n;
    char *src = read_file(s->argv[0], &size);
    uint8_t *out;
    FILE *f;
    int bad;

    if (!src) {
        log_line("hex0: cannot read %s: %s\n", s->argv[0], strerror(errno));
        return 1;
    }
    out = malloc(size / 2 + 1);
    n = hex0_compile(src, size, out, NULL);
    f = fopen(s->argv[1], "wb");
    bad = !f || fwrite(out, 1, n, f) != n || fclose(f) != 0 || chmod(s->argv[1], 0755) != 0;
    log_line("hex0: %s (%zu bytes) -> %s (%zu bytes)%s\n", s->argv[0], size, s->argv[1], n,
             bad ? ": cannot write it" : "");
    free(src);
    free(out);
    return bad;
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

// runs argv chrooted into ROOT (the working directory), in directory dir
static int run_process(const char *const *argv, const char *dir)
{
    static char *const envp[] = { "PATH=/bin:/usr/bin:/x86/bin", "HOME=/", "TERM=dumb", NULL };
    int status;
    pid_t pid;

    fflush(step_log);
    if ((pid = fork()) < 0)
        return 1;
    if (pid == 0) {
        int fd = fileno(step_log);
        if (chroot(".") < 0 || chdir(dir) < 0) {
            dprintf(fileno(step_log), "run: cannot enter the root or %s: %s\n", dir, strerror(errno));
            _exit(127);
        }
        umask(022);
        dup2(fd, 0);                    // the log, write-only, as under the kernel
        dup2(fd, 1);
        dup2(fd, 2);
        execve(argv[0], (char *const *)argv, envp);
        dprintf(fileno(step_log), "run: cannot start %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0)
        return 1;
    if (WIFSIGNALED(status))
        log_line("run: %s killed by signal %d\n", argv[0], WTERMSIG(status));
    else if (WEXITSTATUS(status))
        log_line("run: %s exited with status %d\n", argv[0], WEXITSTATUS(status));
    return status != 0;
}

static int check_source(const char *lock, const char *name)
{
    struct srccheck_error err;
    char path[256], hex[65];
    const char *want = srccheck_lock_find(lock, name);
    size_t size;
    char *tar;
    void *arena = NULL;
    long need;
    int bad;

    if (!want) {
        log_line("build: source %s: no line for it in /stages/sources.lock\n", name);
        return 1;
    }
    snprintf(path, sizeof path, "sources/%s.tar", name);
    if (!(tar = read_file(path, &size))) {
        log_line("build: source %s: cannot read /%s: %s\n", name, path, strerror(errno));
        return 1;
    }
    need = srccheck_measure((uint8_t *)tar, size, &err);
    bad = need < 0 || !(arena = malloc((size_t)need)) ||
          srccheck_tree_hash((uint8_t *)tar, size, name, arena, (size_t)need, hex, &err) < 0;
    if (bad)
        log_line("build: source %s: /%s: %s\n", name, path, err.msg);
    else if ((bad = strncmp(hex, want, 64) != 0))
        log_line("build: source %s: /%s FAILED: tree sha256 %s, the lock says %.64s\n", name, path,
                 hex, want);
    else
        log_line("build: source %s: tree sha256 %s OK\n", name, hex);
    free(arena);
    free(tar);
    return bad;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag;
    return ftw->level > 0 && remove(path) != 0 ? -1 : 0;
}

static int step_build(const struct step *s)
{
    const char *recipe = s->argc ? s->argv[0] : s->name;
    char path[256], script[256], dir[256], *list, *lock, *line, *save = NULL;
    const char *argv[] = { "/x86/bin/kaem", "--verbose", "--strict", "--file", script, NULL };
    size_t size;
    int failed = 0;

    snprintf(path, sizeof path, "stages/%s/sources", recipe);
    if (!(list = read_file(path, &size)) || !(lock = read_file("stages/sources.lock", &size))) {
        log_line("build: cannot read /%s or /stages/sources.lock: %s\n", path, strerror(errno));
        return 1;
    }
    for (line = strtok_r(list, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        line += strspn(line, " \t");
        line[strcspn(line, " \t\r")] = 0;
        if (*line && *line != '#')
            failed |= check_source(lock, line);
    }
    free(list);
    free(lock);
    if (failed)
        return 1;
    // an empty /build/NAME, as the kernel makes it
    snprintf(dir, sizeof dir, "build/%s", s->name);
    mkdir("build", 0755);
    if ((mkdir(dir, 0755) < 0 && errno != EEXIST) ||
        nftw(dir, remove_entry, 64, FTW_DEPTH | FTW_PHYS) != 0) {
        log_line("build: cannot make /%s empty: %s\n", dir, strerror(errno));
        return 1;
    }
    snprintf(script, sizeof script, "/stages/%s/build.kaem", recipe);
    log_line("build: %s --verbose --strict --file %s in /%s\n", argv[0], script, dir);
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
        log_line("%s steps are not done natively\n", steps_kind_word(s->kind));
        return 1;
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *stop = NULL, *root;
    struct steps_error perr;
    struct steps_table t;
    double start = now();
    size_t size;
    char *text, path[128];
    void *arena;
    long need;
    int i, opt, failed = 0;

    while ((opt = getopt(argc, argv, "s:")) != -1) {
        if (opt != 's')
            goto usage;
        stop = optarg;
    }
    if (optind != argc - 1)
        goto usage;
    root = argv[optind];
    if (chdir(root) < 0 || !(text = read_file("stages/steps", &size))) {
        fprintf(stderr, "run-native: cannot read %s/stages/steps: %s\n", root, strerror(errno));
        return 2;
    }
    if ((need = steps_measure("/stages/steps", text, size, &perr)) < 0 ||
        !(arena = malloc((size_t)need)) ||
        steps_parse(&t, arena, (size_t)need, "/stages/steps", text, size, &perr) < 0) {
        fprintf(stderr, "run-native: %s\n", perr.msg);
        return 2;
    }
    mkdir("log", 0755);
    for (i = 0; i < t.nsteps && !failed; i++) {
        const struct step *s = &t.steps[i];
        double t0 = now();

        if (s->kind == STEP_JUMP) {
            printf("run-native: step %d (%s) boots Linux; the twin stops before it\n", i + 1, s->name);
            break;
        }
        snprintf(path, sizeof path, "log/%03d-%s.log", i + 1, s->name);
        if (!(step_log = fopen(path, "w"))) {
            fprintf(stderr, "run-native: cannot write %s/%s\n", root, path);
            return 2;
        }
        failed = run_step(s);
        fclose(step_log);
        printf("[%d/%d] %s %s (%.1fs)%s\n", i + 1, t.nsteps, steps_kind_word(s->kind), s->name,
               now() - t0, failed ? " FAILED" : "");
        fflush(stdout);
        if (failed)
            printf("run-native: step %d (%s) failed; its log is %s/%s\n", i + 1, s->name, root, path);
        if (stop && !strcmp(stop, s->name))
            break;
    }
    printf("run-native: %s in %.1fs\n", failed ? "failed" : "done", now() - start);
    return failed;
usage:
    fprintf(stderr, "usage: run-native [-s STEP] ROOT\n");
    return 2;
}
