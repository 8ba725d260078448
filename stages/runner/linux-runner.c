// SPDX-License-Identifier: GPL-3.0-or-later
// stages/runner/linux-runner.c: the step runner's Linux side.  After a
// `jump linux` step the chain goes on under Linux, on the same external
// volume: this program, PID 1 with the volume as its root, resumes the step
// table after the hand-off and writes the same logs and journal as the
// kernel's runner, with the same parser and journal code (kernel/steps.c,
// kernel/journal.c, kernel/hex0.c, kernel/sha256.c: one source, not a copy).
// At the end, or at a failure, it says so and powers the machine off.
// Plain C99 and a libc, so the chain's own TinyCC can build it later.
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "hex0.h"
#include "journal.h"
#include "sha256.h"
#include "steps.h"

#define TABLE_PATH "/stages/steps"

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

// the whole file, NUL-terminated, or NULL
static char *read_file(const char *path, size_t *size)
{
    struct stat st;
    char *buf = NULL;
    int fd = open(path, O_RDONLY);

    if (fd >= 0 && fstat(fd, &st) == 0 && (buf = malloc(st.st_size + 1)) &&
        read(fd, buf, st.st_size) == st.st_size) {
        buf[st.st_size] = 0;
        *size = st.st_size;
    } else {
        free(buf);
        buf = NULL;
    }
    if (fd >= 0)
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
        log_line("%s: cannot read it\n", path);
        return 1;
    }
    sha256(data, size, digest);
    sha256_hex(digest, hex);
    free(data);
    log_line("%s: %s\n", path, strcmp(hex, want) ? "FAILED" : "OK");
    return strcmp(hex, want) != 0;
}

static int step_hex0(const struct step *s)
{
    size_t size, n;
    char *src = read_file(s->argv[0], &size);
    uint8_t *out = src ? malloc(size / 2 + 1) : NULL;
    int fd, bad = 1;

    if (out) {
        n = hex0_compile(src, size, out, NULL);
        fd = open(s->argv[1], O_CREAT | O_TRUNC | O_WRONLY, 0755);
        bad = fd < 0 || write(fd, out, n) != (ssize_t)n;
        if (fd >= 0)
            close(fd);
        log_line("hex0: %s -> %s (%zu bytes)%s\n", s->argv[0], s->argv[1], n, bad ? ": FAILED" : "");
    }
    free(src);
    free(out);
    return bad;
}

static int step_answers(const struct step *s)
{
    size_t size;
    char *text = read_file(s->argv[0], &size), *line, *next;
    int failed = 0, checked = 0;

    for (line = text; line && *line; line = next) {
        next = strchr(line, '\n');
        next = next ? next + 1 : line + strlen(line);
        if (next[-1] == '\n')
            next[-1] = 0;
        if (strlen(line) < 67 || line[64] != ' ')
            continue;
        line[64] = 0;
        failed += check_hash(line + 65 + (line[65] == ' ' || line[65] == '*'), line);
        checked++;
    }
    free(text);
    log_line("answers: %d checked, %d failed\n", checked, failed);
    return !text || failed || !checked;
}

static int step_run(const struct step *s)
{
    int status;
    pid_t pid = fork();

    if (pid == 0) {
        dup2(log_fd, 1);
        dup2(log_fd, 2);
        execv(s->argv[0], (char *const *)s->argv);
        log_line("run: cannot start %s: %s\n", s->argv[0], strerror(errno));
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return 1;
    if (status)
        log_line("run: %s ended with wait status 0x%x\n", s->argv[0], status);
    return status != 0;
}

static int run_step(const struct step *s)
{
    switch (s->kind) {
    case STEP_HEX0: return step_hex0(s);
    case STEP_RUN: return step_run(s);
    case STEP_SHA256: return check_hash(s->argv[0], s->argv[1]);
    case STEP_ANSWERS: return step_answers(s);
    default:
        log_line("%s steps cannot run under Linux\n", steps_kind_word(s->kind));
        return 1;
    }
}

static void journal(int fd, const char *word, int index, const char *name, unsigned secs)
{
    char line[JOURNAL_LINE_MAX];
    int n = journal_format(line, sizeof line, word, index, name, secs);
    if (write(fd, line, n) != n)
        perror("runner: journal");
    fsync(fd);
}

// the end: PID 1 powers the machine off, anything else just exits
static void finish(int status)
{
    sync();
    if (getpid() == 1) {
        printf("runner (linux): powering off\n");
        fflush(stdout);
        reboot(RB_POWER_OFF);
    }
    exit(status);
}

int main(void)
{
    struct steps_error perr;
    struct steps_table t;
    size_t size;
    char *text, *journal_text, path[128];
    void *arena;
    long need;
    int first, cut_off, i, jfd;

    mount("proc", "/proc", "proc", 0, NULL);
    mount("sysfs", "/sys", "sysfs", 0, NULL);
    mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
    if (!(text = read_file(TABLE_PATH, &size)) || (need = steps_measure(TABLE_PATH, text, size, &perr)) < 0 ||
        !(arena = malloc(need)) || steps_parse(&t, arena, need, TABLE_PATH, text, size, &perr) < 0) {
        printf("runner (linux): cannot read the step table: %s\n", text ? perr.msg : TABLE_PATH);
        finish(2);
    }
    journal_text = read_file(JOURNAL_PATH, &size);
    first = journal_resume_point(journal_text, &t, &cut_off);
    free(journal_text);
    jfd = open(JOURNAL_PATH, O_WRONLY | O_APPEND | O_CREAT, 0644);
    printf("runner (linux): %d steps; resuming at step %d\n", t.nsteps, first + 1);
    for (i = first; i < t.nsteps; i++) {
        const struct step *s = &t.steps[i];
        time_t t0 = time(NULL);
        int failed;

        journal_log_path(path, sizeof path, i, s->name);
        log_fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
        journal(jfd, "start", i, s->name, 0);
        failed = run_step(s);
        close(log_fd);
        printf("[%d/%d] %s %s (%lds)%s\n", i + 1, t.nsteps, steps_kind_word(s->kind), s->name,
               (long)(time(NULL) - t0), failed ? " FAILED" : "");
        fflush(stdout);
        if (failed) {
            printf("runner (linux): step %d (%s) failed; its log is %s; fix its cause and boot again\n",
                   i + 1, s->name, path);
            finish(1);
        }
        journal(jfd, "done", i, s->name, (unsigned)(time(NULL) - t0));
    }
    printf("runner (linux): all %d steps done\n", t.nsteps);
    finish(0);
    return 0;
}
