// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/entry_test.c [DIR]: the kernel does not depend on the flags and
// segment registers a user program has at a system call.  The i386 ABI, and
// every line a compiler emits, assume the direction flag clear at each call;
// a program may enter the kernel with it set (glibc's backward memmove runs
// with DF=1 for a moment), and a kernel that copies with DF=1 writes below
// its buffer: into a user page it did not check, or through its own memory.
// So each call here is made with DF set (and once with AC set, once with null
// DS and ES) by a raw `int $0x80`: read from a file, a pipe and /dev/zero,
// write to a file and a pipe, getdents64, stat64 and a signal delivered on
// the way out, each into or out of a buffer at an odd address and of an odd
// length that starts right after, or ends right before, a read-only or
// unmapped page.  The data must be what Linux gives, the bytes around the
// buffer untouched, and DF still set after the call (the handler of the
// signal runs with it clear, as on Linux).  Then a child spins with DF set
// while the parent and a second child move data through a pipe and a file,
// so that the timer carries the child's DF into the kernel and, on a kernel
// that does not clear it, into the other processes' system calls.  Last, a
// user's AC flag: the kernel's own unaligned accesses never fault, and the
// program's do (SIGBUS, BUS_ADRALN), as on Linux, whose CR0.AM is set.
// Files go under DIR (default /tmp/usertest).
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include "check.h"

#define PAGE 4096
#define FL_DF 0x400u
#define FL_AC 0x40000u
#define FILLER 0xa5

static char dir[512], name[600];

// A raw `int $0x80` made with the flags in `set` added to the caller's; the
// flags right after the call go to *after, then the caller's come back.
// The result is the kernel's (-errno on failure).
static long flagged_call(uint32_t set, long nr, long a, long b, long c, uint32_t *after)
{
    long r;
    uint32_t fl;

    __asm__ volatile("pushfl\n\t"
                     "pushfl\n\t"
                     "orl %[set], (%%esp)\n\t"
                     "popfl\n\t"
                     "int $0x80\n\t"
                     "pushfl\n\t"
                     "popl %[fl]\n\t"
                     "popfl"
                     : "=a"(r), [fl] "=&D"(fl)
                     : "a"(nr), "b"(a), "c"(b), "d"(c), [set] "S"(set)
                     : "memory", "cc");
    if (after)
        *after = fl;
    return r;
}

// the same call with the direction flag set; *df_after says whether it still was
static long df_call(long nr, long a, long b, long c, int *df_after)
{
    uint32_t fl;
    long r = flagged_call(FL_DF, nr, a, b, c, &fl);

    *df_after = (fl & FL_DF) != 0;
    return r;
}

// Four pages: a guard, two writable pages filled with FILLER, a guard.  A
// guard is read-only or not mapped at all.
struct arena {
    uint8_t *base;
};

static struct arena arena_new(int guard_prot)
{
    struct arena a;

    a.base = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a.base == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    memset(a.base, FILLER, 4 * PAGE);
    if (guard_prot == PROT_NONE) {
        munmap(a.base, PAGE);
        munmap(a.base + 3 * PAGE, PAGE);
    } else {
        mprotect(a.base, PAGE, guard_prot);
        mprotect(a.base + 3 * PAGE, PAGE, guard_prot);
    }
    return a;
}

static void arena_free(struct arena a)
{
    munmap(a.base, 4 * PAGE);
}

// a buffer of len bytes right after the low guard (at an odd address), or
// ending right before the high guard
static uint8_t *at_low(struct arena a) { return a.base + PAGE + 1; }
static uint8_t *at_high(struct arena a, size_t len) { return a.base + 3 * PAGE - len; }

// every writable byte outside [buf, buf + len) still FILLER
static int untouched_around(struct arena a, const uint8_t *buf, size_t len)
{
    for (const uint8_t *p = a.base + PAGE; p < a.base + 3 * PAGE; p++)
        if ((p < buf || p >= buf + len) && *p != FILLER)
            return 0;
    return 1;
}

static uint8_t pattern_byte(size_t i)
{
    return (uint8_t)(i * 7 + 3 + (i >> 8));
}

static int is_pattern(const uint8_t *p, size_t len, size_t from)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != pattern_byte(from + i))
            return 0;
    return 1;
}

static void fill_pattern(uint8_t *p, size_t len, size_t from)
{
    for (size_t i = 0; i < len; i++)
        p[i] = pattern_byte(from + i);
}

static const char *in_dir(const char *leaf)
{
    snprintf(name, sizeof name, "%s/%s", dir, leaf);
    return name;
}

// the pattern file: 3 pages of pattern bytes
static void make_pattern_file(void)
{
    static uint8_t data[3 * PAGE];
    int fd = open(in_dir("pattern"), O_CREAT | O_TRUNC | O_WRONLY, 0644);

    fill_pattern(data, sizeof data, 0);
    if (fd < 0 || write(fd, data, sizeof data) != (ssize_t)sizeof data) {
        perror("pattern file");
        exit(2);
    }
    close(fd);
}

// The cases every buffer test runs: each guard kind, each side of it.
struct place {
    int guard;                  // PROT_READ or PROT_NONE
    int high;                   // the buffer ends at the high guard
    const char *label;
};
static const struct place places[] = {
    { PROT_READ, 0, "right after a read-only page" },
    { PROT_READ, 1, "ending at a read-only page" },
    { PROT_NONE, 0, "right after an unmapped page" },
    { PROT_NONE, 1, "ending at an unmapped page" },
};
#define NPLACES (sizeof places / sizeof places[0])

static uint8_t *place_buffer(struct arena a, const struct place *pl, size_t len)
{
    return pl->high ? at_high(a, len) : at_low(a);
}

static void test_read_file(void)
{
    char what[200];

    for (size_t i = 0; i < NPLACES; i++) {
        struct arena a = arena_new(places[i].guard);
        size_t len = 4001;
        uint8_t *buf = place_buffer(a, &places[i], len);
        int fd = open(in_dir("pattern"), O_RDONLY), df;
        long r;

        lseek(fd, 3, SEEK_SET);
        r = df_call(SYS_read, fd, (long)buf, len, &df);
        snprintf(what, sizeof what, "read of a file with DF set, %s: %ld bytes, data, bytes around, DF after",
                 places[i].label, r);
        CHECK(r == (long)len && is_pattern(buf, len, 3) && untouched_around(a, buf, len) && df, what);
        close(fd);
        arena_free(a);
    }
}

static void test_write_file(void)
{
    char what[200];

    for (size_t i = 0; i < NPLACES; i++) {
        struct arena a = arena_new(PROT_READ | PROT_WRITE);
        size_t len = 3999;
        uint8_t *buf = place_buffer(a, &places[i], len), back[4096];
        int fd = open(in_dir("written"), O_CREAT | O_TRUNC | O_RDWR, 0644), df;
        long r;

        fill_pattern(buf, len, 11);
        if (places[i].guard == PROT_NONE) {
            munmap(a.base, PAGE);
            munmap(a.base + 3 * PAGE, PAGE);
        } else {
            mprotect(a.base, PAGE, PROT_READ);
            mprotect(a.base + 3 * PAGE, PAGE, PROT_READ);
        }
        r = df_call(SYS_write, fd, (long)buf, len, &df);
        memset(back, 0, sizeof back);
        pread(fd, back, sizeof back, 0);
        snprintf(what, sizeof what, "write to a file with DF set, from %s: %ld bytes, read back, DF after",
                 places[i].label, r);
        CHECK(r == (long)len && is_pattern(back, len, 11) && back[len] == 0 && df, what);
        close(fd);
        arena_free(a);
    }
}

static void test_pipe(void)
{
    char what[200];

    for (size_t i = 0; i < NPLACES; i++) {
        struct arena a = arena_new(places[i].guard);
        size_t len = 3001;
        uint8_t *buf = place_buffer(a, &places[i], len), src[3001], back[3001];
        int p[2], df_in, df_out;
        long r_in, r_out;

        pipe(p);
        fill_pattern(src, len, 5);
        write(p[1], src, len);
        r_in = df_call(SYS_read, p[0], (long)buf, len, &df_in);
        snprintf(what, sizeof what, "read of a pipe with DF set, %s: %ld bytes, data, bytes around, DF after",
                 places[i].label, r_in);
        CHECK(r_in == (long)len && is_pattern(buf, len, 5) && untouched_around(a, buf, len) && df_in, what);
        r_out = df_call(SYS_write, p[1], (long)buf, len, &df_out);
        r_in = read(p[0], back, len);
        snprintf(what, sizeof what, "write to a pipe with DF set, from %s: %ld bytes, read back",
                 places[i].label, r_out);
        CHECK(r_out == (long)len && r_in == (long)len && is_pattern(back, len, 5) && df_out, what);
        close(p[0]);
        close(p[1]);
        arena_free(a);
    }
}

static void test_dev_zero(void)
{
    char what[200];

    for (size_t i = 0; i < NPLACES; i++) {
        struct arena a = arena_new(places[i].guard);
        size_t len = 2049;
        uint8_t *buf = place_buffer(a, &places[i], len);
        int fd = open("/dev/zero", O_RDONLY), df, zero = 1;
        long r = df_call(SYS_read, fd, (long)buf, len, &df);

        for (size_t j = 0; j < len; j++)
            zero &= buf[j] == 0;
        snprintf(what, sizeof what, "read of /dev/zero with DF set, %s: %ld bytes, zeros, bytes around",
                 places[i].label, r);
        CHECK(r == (long)len && zero && untouched_around(a, buf, len) && df, what);
        close(fd);
        arena_free(a);
    }
}

// getdents64 with DF set gives the bytes a plain call gives
static void test_getdents(void)
{
    static uint8_t plain[4096];
    char what[200];
    int fd;
    long n;

    mkdir(in_dir("listing"), 0755);
    for (int i = 0; i < 23; i++) {
        char leaf[64];
        snprintf(leaf, sizeof leaf, "listing/entry-%d-%.*s", i, i, "abcdefghijklmnopqrstuvwxyz");
        close(open(in_dir(leaf), O_CREAT | O_WRONLY, 0644));
    }
    // the kernel leaves a record's padding as it was: fill both alike
    memset(plain, FILLER, sizeof plain);
    fd = open(in_dir("listing"), O_RDONLY | O_DIRECTORY);
    n = syscall(SYS_getdents64, fd, plain, sizeof plain);
    CHECK(n > 0, "getdents64 of a directory of 23 files, plainly");
    for (size_t i = 0; i < NPLACES; i++) {
        struct arena a = arena_new(places[i].guard);
        size_t len = 2999;
        uint8_t *buf = place_buffer(a, &places[i], len);
        int df;
        long r;

        lseek(fd, 0, SEEK_SET);
        r = df_call(SYS_getdents64, fd, (long)buf, len, &df);
        snprintf(what, sizeof what, "getdents64 with DF set, %s: %ld bytes (plainly %ld), the same entries",
                 places[i].label, r, n);
        CHECK(r == n && memcmp(buf, plain, n) == 0 && untouched_around(a, buf, len) && df, what);
        arena_free(a);
    }
    close(fd);
}

// stat64 with DF set: the path read from, and the answer written to, edges
static void test_stat(void)
{
    struct stat64 plain;
    char what[200];

    memset(&plain, FILLER, sizeof plain);   // padding the kernel may leave as it was
    CHECK(syscall(SYS_stat64, in_dir("pattern"), &plain) == 0, "stat64 of the pattern file, plainly");
    for (size_t i = 0; i < NPLACES; i++) {
        struct arena a = arena_new(places[i].guard);
        size_t len = sizeof plain, path_len = strlen(name) + 1;
        uint8_t *buf = place_buffer(a, &places[i], len);
        // the path at the other edge
        uint8_t *path = places[i].high ? at_low(a) : at_high(a, path_len);
        int df;
        long r;

        memcpy(path, name, path_len);
        r = df_call(SYS_stat64, (long)path, (long)buf, 0, &df);
        snprintf(what, sizeof what, "stat64 with DF set, the answer %s and the path at the other edge: %ld",
                 places[i].label, r);
        CHECK(r == 0 && memcmp(buf, &plain, len) == 0 && df, what);
        memset(path, FILLER, path_len);
        CHECK(untouched_around(a, buf, len), "  and nothing written around the answer");
        arena_free(a);
    }
}

static volatile int handler_df = -1, handler_signo, handler_saved_df, handler_runs;

static void on_usr1(int sig, siginfo_t *si, void *ctx)
{
    uint32_t fl;
    ucontext_t *uc = ctx;

    __asm__ volatile("pushfl; popl %0" : "=r"(fl));
    handler_df = (fl & FL_DF) != 0;
    handler_signo = si->si_signo == sig && si->si_pid == getpid() ? sig : -1;
    handler_saved_df = (uc->uc_mcontext.gregs[REG_EFL] & FL_DF) != 0;
    handler_runs++;
}

// a signal raised by a call made with DF set: its frame is built as the
// kernel goes back to the program; the handler runs with DF clear, the
// frame holds the program's DF, and sigreturn gives it back
static void test_signal_frame(void)
{
    struct sigaction sa;
    char what[200];
    int df;
    long r;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    r = df_call(SYS_kill, getpid(), SIGUSR1, 0, &df);
    snprintf(what, sizeof what, "a signal raised with DF set: kill %ld, handler ran %d, DF in handler %d "
             "(0), si_signo and si_pid right %d, DF in the frame %d (1), DF after sigreturn %d (1)",
             r, handler_runs, handler_df, handler_signo == SIGUSR1, handler_saved_df, df);
    CHECK(r == 0 && handler_runs == 1 && handler_df == 0 && handler_signo == SIGUSR1 &&
          handler_saved_df == 1 && df == 1, what);
    signal(SIGUSR1, SIG_DFL);
}

// null DS and ES at the call: the kernel loads its own
static void test_null_segments(void)
{
    uint8_t buf[1000];
    int fd = open(in_dir("pattern"), O_RDONLY);
    long r;

    __asm__ volatile("pushl %%ds\n\t"
                     "pushl %%es\n\t"
                     "pushl %%eax\n\t"
                     "xorl %%eax, %%eax\n\t"
                     "movl %%eax, %%ds\n\t"
                     "movl %%eax, %%es\n\t"
                     "popl %%eax\n\t"
                     "int $0x80\n\t"
                     "popl %%es\n\t"
                     "popl %%ds"
                     : "=a"(r)
                     : "a"(SYS_read), "b"(fd), "c"(buf), "d"(sizeof buf)
                     : "memory", "cc");
    CHECK(r == (long)sizeof buf && is_pattern(buf, sizeof buf, 0), "read with null DS and ES at the call");
    close(fd);
}

// AC set at the call: the kernel copies to an unaligned buffer unhindered
static void test_ac_in_kernel(void)
{
    uint8_t buf[1001];
    int fd = open(in_dir("pattern"), O_RDONLY);
    uint32_t fl;
    long r = flagged_call(FL_AC, SYS_read, fd, (long)(buf + 1), 999, &fl);

    CHECK(r == 999 && is_pattern(buf + 1, 999, 0) && (fl & FL_AC), "read into an unaligned buffer with AC set");
    close(fd);
}

// QEMU's TCG, which checks no alignment whatever AC and CR0.AM say (cpuid's
// hypervisor leaf names it)
static int cpu_is_tcg(void)
{
    uint32_t a, b, c, d;
    char vendor[13];

    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    if (!(c & 0x80000000u))             // no hypervisor
        return 0;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x40000000), "c"(0));
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &c, 4);
    memcpy(vendor + 8, &d, 4);
    vendor[12] = 0;
    return strcmp(vendor, "TCGTCGTCGTCG") == 0;
}

// a program's own unaligned load with AC set faults, as on Linux
static void test_ac_in_user(void)
{
    int status;
    pid_t pid;

    if (cpu_is_tcg()) {
        skip("an unaligned load of the program's own with AC set ends it with SIGBUS",
             "QEMU's TCG does no alignment checks (under Linux in the same QEMU neither)");
        return;
    }
    pid = fork();

    if (pid == 0) {
        static uint32_t words[2] = { 0x11223344, 0x55667788 };
        volatile uint32_t v;

        __asm__ volatile("pushfl; orl $0x40000, (%%esp); popfl" ::: "cc");
        v = *(volatile uint32_t *)((volatile uint8_t *)words + 1);
        (void)v;
        _exit(0);
    }
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS,
          "an unaligned load of the program's own with AC set ends it with SIGBUS");
}

// A child spins with DF set; meanwhile a second child writes the pattern
// into a pipe in odd pieces and the parent reads it back, and reads the
// pattern file, for a while.  Every byte must be right.
static void test_df_across_switches(void)
{
    pid_t spinner = fork(), writer;
    int p[2], bad = 0, fd;
    long rounds = 0, start;
    char what[200];

    if (spinner == 0) {
        for (;;)
            __asm__ volatile("std\n\t"
                             "pause");
    }
    pipe(p);
    writer = fork();
    if (writer == 0) {
        uint8_t chunk[777];
        size_t off = 0;

        close(p[0]);
        for (;;) {
            fill_pattern(chunk, sizeof chunk, off);
            if (write(p[1], chunk, sizeof chunk) != (ssize_t)sizeof chunk)
                _exit(0);
            off += sizeof chunk;
        }
    }
    close(p[1]);
    fd = open(in_dir("pattern"), O_RDONLY);
    start = now_ms();
    for (size_t off = 0; now_ms() - start < 1500; rounds++) {
        uint8_t got[1237], file[2001];
        ssize_t n = read(p[0], got, sizeof got);

        if (n <= 0 || !is_pattern(got, n, off))
            bad++;
        off += n > 0 ? n : 0;
        if (pread(fd, file, sizeof file, rounds % 97) != (ssize_t)sizeof file ||
            !is_pattern(file, sizeof file, rounds % 97))
            bad++;
    }
    close(fd);
    close(p[0]);
    kill(spinner, SIGKILL);
    waitpid(spinner, NULL, 0);
    waitpid(writer, NULL, 0);
    snprintf(what, sizeof what, "pipe and file reads while another process spins with DF set: "
             "%d bad of %ld rounds", bad, rounds);
    CHECK(bad == 0 && rounds > 0, what);
}

// the scratch directory empty again, so the program can run there again
static void cleanup(void)
{
    for (int i = 0; i < 23; i++) {
        char leaf[64];
        snprintf(leaf, sizeof leaf, "listing/entry-%d-%.*s", i, i, "abcdefghijklmnopqrstuvwxyz");
        unlink(in_dir(leaf));
    }
    rmdir(in_dir("listing"));
    unlink(in_dir("pattern"));
    unlink(in_dir("written"));
}

int main(int argc, char **argv)
{
    snprintf(dir, sizeof dir, "%s", argc > 1 ? argv[1] : "/tmp/usertest");
    mkdir(dir, 0755);
    make_pattern_file();
    test_read_file();
    test_write_file();
    test_pipe();
    test_dev_zero();
    test_getdents();
    test_stat();
    test_signal_frame();
    test_null_segments();
    test_ac_in_kernel();
    test_ac_in_user();
    test_df_across_switches();
    cleanup();
    return done("entry_test");
}
