// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/abi_test.c [DIR]: the edges of the system-call ABI.  Bad
// pointers (NULL, the kernel's half, the last page, an unmapped page, a
// read-only page) give EFAULT and the program lives on; unknown numbers give
// ENOSYS; faults in user mode end a child with the right signal.  Memory:
// brk, anonymous and private file mmap, munmap (also of a middle page),
// mprotect, copy-on-write across fork in both directions, mremap (in
// place, moved, to a fixed place, a file mapping, realloc of a big block).  Then clocks,
// sleeping, random bytes, ids, process groups, uname, ioctl on non-terminals,
// /dev/null and /dev/zero; which error comes first where several apply.
// Raw syscall() is used where glibc would crash or
// check first.  Files go under DIR (default /tmp/usertest).
// USERTEST_QEMU_USER in the environment skips what qemu-user gets wrong.  With
// SEEDSTRAP_OOM set, a child also takes all memory (see test_out_of_memory).
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static char name[512];

static void *map(size_t len)
{
    return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

// -1 with errno EFAULT, as every call given a bad pointer must return
static int efault(long ret)
{
    return ret == -1 && errno == EFAULT;
}

static void efault_calls(int fd, void *bad, const char *label)
{
    char what[160];
    int r[9];

    lseek(fd, 0, SEEK_SET);
    r[0] = efault(syscall(SYS_read, fd, bad, 4));
    r[1] = efault(syscall(SYS_write, fd, bad, 4));
    r[2] = efault(syscall(SYS_stat64, name, bad));
    r[3] = efault(syscall(SYS_fstat64, fd, bad));
    r[4] = efault(syscall(SYS_open, bad, O_RDONLY));
    r[5] = efault(syscall(SYS_pipe, bad));
    r[6] = efault(syscall(SYS_uname, bad));
    r[7] = bad == NULL || efault(syscall(SYS_gettimeofday, bad, NULL));  // NULL asks for no time
    r[8] = efault(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad));
    snprintf(what, sizeof what, "%s: read %d write %d stat64 %d fstat64 %d open %d pipe %d uname %d "
             "gettimeofday %d clock_gettime %d (1: EFAULT)", label, r[0], r[1], r[2], r[3], r[4], r[5],
             r[6], r[7], r[8]);
    CHECK(r[0] && r[1] && r[2] && r[3] && r[4] && r[5] && r[6] && r[7] && r[8], what);
}

static void test_efault(const char *dir)
{
    char *gone = map(4096), *ro = map(4096);
    int fd;

    munmap(gone, 4096);
    mprotect(ro, 4096, PROT_READ);
    snprintf(name, sizeof name, "%s/efault", dir);
    fd = open(name, O_CREAT | O_TRUNC | O_RDWR, 0644);
    write(fd, "data", 4);
    efault_calls(fd, NULL, "NULL");
    efault_calls(fd, (void *)0xc0000000u, "0xc0000000 (the kernel's, under a 3G/1G split)");
    efault_calls(fd, (void *)0xfffff000u, "0xfffff000 (the last page)");
    efault_calls(fd, gone, "an unmapped page");
    lseek(fd, 0, SEEK_SET);
    CHECK(efault(syscall(SYS_read, fd, ro, 4)), "read into a read-only page: EFAULT");
    CHECK(efault(syscall(SYS_getcwd, (void *)0xc0000000u, 256)), "getcwd into the kernel's half: EFAULT");
    CHECK(efault(syscall(SYS_rt_sigaction, SIGUSR1, (void *)0xc0000000u, NULL, 8)), "rt_sigaction: EFAULT");
    if (getenv("USERTEST_QEMU_USER"))   // it reads the time through the pointer unchecked
        skip("nanosleep: EFAULT", "qemu-user (7.2) ignores the bad pointer and says EINVAL");
    else
        CHECK(efault(syscall(SYS_nanosleep, (void *)0xc0000000u, NULL)), "nanosleep: EFAULT");
    CHECK(pread(fd, name + 500, 4, 0) == 4 && !memcmp(name + 500, "data", 4), "the process lives on, its file intact");
    close(fd);
    unlink(name);
}

static void test_enosys(void)
{
    // 222, 223, 251 and 285 are holes Linux never filled on i386; 400 is
    // msgsnd and 451 cachestat on a current Linux, so neither is "unknown"
    static const long nrs[] = { 222, 223, 251, 285, 999, 5000, 0x7fffffff, -1, (long)0x80000000u };
    char what[64];

    for (size_t i = 0; i < sizeof nrs / sizeof nrs[0]; i++) {
        snprintf(what, sizeof what, "syscall %ld: ENOSYS", nrs[i]);
        CHECK(syscall(nrs[i], 1, 2, 3) == -1 && errno == ENOSYS, what);
    }
    CHECK(syscall(SYS_getpid) == getpid(), "and the next call works");
}

static int killed_by(pid_t pid, int sig)
{
    int st = -1;
    waitpid(pid, &st, 0);
    return WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

// The child does one wrong thing; kind picks which.
static pid_t fault_child(int kind, volatile char *p)
{
    static volatile int zero;
    pid_t pid = fork();

    if (pid != 0)
        return pid;
    switch (kind) {
    case 0: *(volatile int *)0xc0000000u = 1; break;   // the kernel's half
    case 1: __builtin_trap(); break;                    // ud2: an invalid opcode
    case 2: zero = 7 / zero; break;                     // divide error
    case 3: __asm__ volatile("int3"); break;            // breakpoint
    case 4: __asm__ volatile("cli"); break;             // privileged: general protection
    default: p[0] = 1; break;                           // the page given
    }
    _exit(0);
}

static void test_faults(void)
{
    CHECK(killed_by(fault_child(0, NULL), SIGSEGV), "a write to the kernel's half: SIGSEGV");
    CHECK(killed_by(fault_child(1, NULL), SIGILL), "an invalid opcode: SIGILL");
    CHECK(killed_by(fault_child(2, NULL), SIGFPE), "a division by zero: SIGFPE");
    CHECK(killed_by(fault_child(3, NULL), SIGTRAP), "int3: SIGTRAP");
    CHECK(killed_by(fault_child(4, NULL), SIGSEGV), "cli in user mode: SIGSEGV");
}

static void test_brk(void)
{
    char *start = (char *)syscall(SYS_brk, 0), *top;

    CHECK(start != (char *)-1 && start != NULL, "brk(0) says where the break is");
    top = (char *)syscall(SYS_brk, start + (1 << 20));
    CHECK(top == start + (1 << 20), "brk grows by 1 MiB");
    memset(start, 0x5a, 1 << 20);
    CHECK(start[0] == 0x5a && start[(1 << 20) - 1] == 0x5a, "the new memory is usable");
    CHECK((char *)syscall(SYS_brk, start + 4096) == start + 4096, "brk shrinks");
    CHECK((char *)syscall(SYS_brk, 4096) == start + 4096, "brk below the heap's start is refused: the break stays");
    CHECK((char *)syscall(SYS_brk, start + 8192) == start + 8192 && start[4096] == 0,
          "memory given back and taken again reads as zeros");
    syscall(SYS_brk, start);            // where glibc's sbrk left it
    CHECK(sbrk(1 << 16) == start && sbrk(0) == start + (1 << 16) && sbrk(-(1 << 16)) == start + (1 << 16),
          "glibc's sbrk up and down");
}

static void test_anonymous(void)
{
    size_t big = 64u << 20, i;
    int sum_ok = 1;
    char *p = map(big);

    CHECK(p != MAP_FAILED, "mmap of 64 MiB");
    for (i = 0; i < big; i += 4096)
        sum_ok &= p[i] == 0;
    for (i = 0; i < big; i += 4096)
        p[i] = (char)(i >> 12);
    for (i = 0; i < big; i += 4096)
        sum_ok &= p[i] == (char)(i >> 12);
    CHECK(sum_ok, "every page of it reads zero, then holds what was written");
    CHECK(munmap(p, big) == 0, "munmap");
    p = map(3 * 4096);
    memset(p, 7, 3 * 4096);
    CHECK(munmap(p + 4096, 4096) == 0 && p[0] == 7 && p[8192] == 7, "munmap of a middle page leaves the others");
    CHECK(killed_by(fault_child(5, p + 4096), SIGSEGV), "the unmapped middle page: SIGSEGV");
    CHECK(mprotect(p, 4096, PROT_READ) == 0, "mprotect read-only");
    CHECK(killed_by(fault_child(5, p), SIGSEGV), "a write to a read-only page: SIGSEGV");
    CHECK(mprotect(p, 4096, PROT_READ | PROT_WRITE) == 0 && (p[0] = 9) == 9, "mprotect writable again");
    CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED && errno == EBADF,
          "a file mapping of no file: EBADF");
}

static void test_cow(void)
{
    int p[2], st;
    char seen = 0;
    char *m = map(8192);
    pid_t pid;

    m[0] = 1;
    pipe(p);
    if ((pid = fork()) == 0) {
        char c;
        m[0] = 2;
        read(p[0], &c, 1);              // the parent has written its own by now
        _exit(m[0] == 2 && m[4096] == 0 ? m[1] + 10 : 1);
    }
    m[1] = 5;                           // after the fork: the child must not see it
    write(p[1], "go", 1);
    waitpid(pid, &st, 0);
    seen = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    CHECK(seen == 10 && m[0] == 1, "fork copies on write, both ways");
    close(p[0]);
    close(p[1]);
}

static void test_file_mapping(const char *dir)
{
    static char page[3 * 4096];
    char *p;
    int fd;

    for (size_t i = 0; i < sizeof page; i++)
        page[i] = (char)('a' + i / 4096);
    snprintf(name, sizeof name, "%s/mapped", dir);
    fd = open(name, O_CREAT | O_TRUNC | O_RDWR, 0644);
    write(fd, page, sizeof page);
    write(fd, "the tail", 8);
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED && !memcmp(p, page, 4096), "a private file mapping holds the file");
    p[0] = 'F';
    CHECK(pread(fd, name + 300, 1, 0) == 1 && name[300] == 'a', "its writes stay private");
    p = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 2 * 4096);
    CHECK(p != MAP_FAILED && p[0] == 'c' && p[4095] == 'c' && !memcmp(p + 4096, "the tail", 8) && p[4104] == 0,
          "at an offset (mmap2): the page, then the tail and zeros to the page's end");
    close(fd);
    CHECK(p[1] == 'c', "a mapping outlives its descriptor");
    unlink(name);
}

static void test_mremap(const char *dir)
{
    static char page[4096];
    char *a, *b, *p, *target;
    int fd;

    a = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(a + 4096, 2 * 4096);         // room after a's first page
    a[0] = 'A';
    p = mremap(a, 4096, 3 * 4096, 0);
    if (getenv("USERTEST_QEMU_USER"))   // its guest memory map has no room to grow in
        skip("mremap grows in place into free room", "qemu-user answers ENOMEM");
    else
        CHECK(p == a && p[0] == 'A' && p[2 * 4096] == 0, "mremap grows in place into free room");
    p = mremap(a, p == MAP_FAILED ? 4096 : 3 * 4096, 4096, 0);
    CHECK(p == a && p[0] == 'A', "mremap shrinks in place");
    b = mmap(a + 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    b[0] = 'B';
    CHECK(mremap(a, 4096, 2 * 4096, 0) == MAP_FAILED && errno == ENOMEM,
          "mremap without MREMAP_MAYMOVE where the next page is taken: ENOMEM");
    p = mremap(a, 4096, 4 * 4096, MREMAP_MAYMOVE);
    CHECK(p != MAP_FAILED && p != a && p[0] == 'A' && p[3 * 4096] == 0 && b[0] == 'B',
          "with MREMAP_MAYMOVE it moves, its bytes with it, its neighbour untouched");
    target = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    a = mremap(p, 4 * 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, target);
    CHECK(a == target && a[0] == 'A' && (a[0] = 'a') == 'a', "MREMAP_FIXED: moved onto a given place, writable");
    CHECK(syscall(SYS_mremap, a, 4096, 4096, 4, 0) == -1 && errno == EINVAL, "mremap with an unknown flag: EINVAL");
    CHECK(syscall(SYS_mremap, a, 4096, 4096, MREMAP_FIXED, target) == -1 && errno == EINVAL,
          "MREMAP_FIXED without MREMAP_MAYMOVE: EINVAL");
    CHECK(syscall(SYS_mremap, a + 1, 4096, 4096, 0, 0) == -1 && errno == EINVAL, "mremap of an unaligned address: EINVAL");
    munmap(a, 4096);
    if (getenv("USERTEST_QEMU_USER"))
        skip("mremap of nothing mapped: EFAULT", "qemu-user answers EINVAL");
    else
        CHECK(syscall(SYS_mremap, a, 4096, 8192, MREMAP_MAYMOVE, 0) == -1 && errno == EFAULT,
              "mremap of nothing mapped: EFAULT");
    munmap(b, 4096);

    memset(page, 'm', sizeof page);
    snprintf(name, sizeof name, "%s/remapped", dir);
    fd = open(name, O_CREAT | O_TRUNC | O_RDWR, 0644);
    write(fd, page, sizeof page);
    a = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    b = mmap(a + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    p = mremap(a, 4096, 2 * 4096, MREMAP_MAYMOVE);
    CHECK(p != MAP_FAILED && p != a && p[0] == 'm' && p[4095] == 'm', "a file mapping moved still shows the file");
    munmap(p, 2 * 4096);
    munmap(b, 4096);
    close(fd);
    unlink(name);

    p = malloc(1 << 20);                // glibc mmaps a block this big, and grows it by mremap
    memset(p, 'r', 1 << 20);
    p = realloc(p, 8 << 20);
    CHECK(p && p[0] == 'r' && p[(1 << 20) - 1] == 'r', "realloc of a 1 MiB block to 8 MiB keeps its bytes");
    free(p);
}

static void test_clocks(void)
{
    struct timespec a, b, r, nap = { 0, 50 * 1000 * 1000 }, wrong = { 0, 1000000000 };
    struct timeval tv;
    long long ns;
    int monotonic = 1;
    time_t t = time(NULL);

    CHECK(t > 1600000000, "the wall clock is after 2020");
    CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec - t <= 1 && tv.tv_sec >= t && tv.tv_usec < 1000000,
          "gettimeofday agrees with time");
    CHECK(clock_gettime(CLOCK_REALTIME, &r) == 0 && r.tv_sec - t <= 1 && r.tv_nsec < 1000000000,
          "CLOCK_REALTIME agrees too");
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 1000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &b);
        monotonic &= b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec);
        a = b;
    }
    CHECK(monotonic, "CLOCK_MONOTONIC never goes back");
    CHECK(nanosleep(&nap, NULL) == 0, "nanosleep 50 ms");
    clock_gettime(CLOCK_MONOTONIC, &b);
    ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
    CHECK(ns >= 50000000LL && ns < 2000000000LL, "the monotonic clock saw the whole sleep");
    CHECK(nanosleep(&wrong, NULL) == -1 && errno == EINVAL, "nanosleep of 10^9 ns: EINVAL");
}

static void test_ids_and_names(void)
{
    static int tid_word;                // cleared at exit: must outlive this frame
    struct utsname u;
    pid_t pid;
    int st = -1;

    CHECK(uname(&u) == 0 && !strcmp(u.sysname, "Linux") && u.release[0] && u.nodename[0], "uname: Linux");
    CHECK(!strcmp(u.machine, "i686") || !strcmp(u.machine, "i586") || !strcmp(u.machine, "i486") ||
          !strcmp(u.machine, "i386") || !strcmp(u.machine, "x86_64"), "uname: an x86 machine");
    CHECK(getpid() > 0 && getppid() > 0 && getppid() != getpid(), "getpid, getppid");
    CHECK(syscall(SYS_set_tid_address, &tid_word) == getpid(), "set_tid_address: the thread id is the pid");
    CHECK((unsigned)syscall(SYS_getuid32) == getuid() && (unsigned)syscall(SYS_geteuid32) == geteuid() &&
          (unsigned)syscall(SYS_getgid32) == getgid() && (unsigned)syscall(SYS_getegid32) == getegid(), "the 32-bit id calls");
    CHECK(getuid() > 65535 || ((unsigned)syscall(SYS_getuid) == getuid() && (unsigned)syscall(SYS_getgid) == getgid() &&
          (unsigned)syscall(SYS_geteuid) == geteuid() && (unsigned)syscall(SYS_getegid) == getegid()), "the 16-bit id calls agree");
    if ((pid = fork()) == 0)
        _exit(setsid() == getpid() && getpgrp() == getpid() ? 0 : 1);
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "setsid in a child: its own session and group");
    if ((pid = fork()) == 0)
        _exit(setpgid(0, 0) == 0 && getpgrp() == getpid() ? 0 : 1);
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "setpgid(0, 0): its own group");
}

static void test_devices(const char *dir)
{
    char buf[16] = "xxxxxxxxxxxxxxx", r1[16], r2[16];
    struct termios t;
    struct winsize ws;
    struct stat st;
    int fd, p[2];

    CHECK(getrandom(r1, 16, 0) == 16 && getrandom(r2, 16, 0) == 16 && memcmp(r1, r2, 16), "getrandom, twice, differs");
    snprintf(name, sizeof name, "%s/notty", dir);
    fd = open(name, O_CREAT | O_RDWR, 0644);
    CHECK(ioctl(fd, TCGETS, &t) == -1 && errno == ENOTTY, "TCGETS on a file: ENOTTY");
    CHECK(ioctl(fd, TIOCGWINSZ, &ws) == -1 && errno == ENOTTY, "TIOCGWINSZ on a file: ENOTTY");
    CHECK(fsync(fd) == 0, "fsync");
    close(fd);
    unlink(name);
    sync();
    pipe(p);
    CHECK(tcgetattr(p[0], &t) == -1 && errno == ENOTTY, "tcgetattr on a pipe: ENOTTY");
    close(p[0]);
    close(p[1]);
    fd = open("/dev/zero", O_RDWR);
    CHECK(fd >= 0 && read(fd, buf, 8) == 8 && !memcmp(buf, "\0\0\0\0\0\0\0\0", 8), "/dev/zero reads zeros");
    CHECK(write(fd, "x", 1) == 1, "/dev/zero takes writes");
    close(fd);
    fd = open("/dev/null", O_RDWR);
    CHECK(fd >= 0 && write(fd, "x", 1) == 1 && read(fd, buf, 1) == 0, "/dev/null swallows and is empty");
    CHECK(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode), "/dev/null is a character device");
    close(fd);
}

// With SEEDSTRAP_OOM set (the QEMU test sets it; a host with more memory
// than the guest would just give it all): a child touches memory until
// there is none; it must be killed, and the kernel and its parent go on.
static void test_out_of_memory(void)
{
    int st;
    pid_t pid = fork();

    if (pid == 0) {
        for (;;) {
            char *p = map(64u << 20);
            if (p == MAP_FAILED)
                _exit(2);                // the address space ran out first
            for (size_t i = 0; i < (64u << 20); i += 4096)
                p[i] = 1;
        }
    }
    waitpid(pid, &st, 0);
    CHECK((WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) || (WIFEXITED(st) && WEXITSTATUS(st) == 2),
          "a child that takes all memory is killed (or refused); its parent goes on");
}

// -1 with errno err
static void expect(long ret, int err, const char *what)
{
    check(ret == -1 && errno == err, what, ret == -1 ? errno : 0);
}

// the same, where qemu-user (7.2) checks in an order of its own or not at all
static void expect_not_qemu(long ret, int err, const char *what)
{
    if (getenv("USERTEST_QEMU_USER"))
        skip(what, "qemu-user answers otherwise");
    else
        expect(ret, err, what);
}

// Which answer comes first where several apply, as Linux 6.1 gives them:
// the differences tests/qemu/fuzz_errno_test.sh found (issue 28), one
// line each.  Flags, sizes and counts before descriptors and paths; a
// buffer reaching the kernel's half before the file's own answer; a
// name of "." as each call answers it; Linux's odd ones (waitid writes
// its siginfo even for an error, kill finds the process before it looks
// at the signal).
static void test_errno_order(const char *dir)
{
    static const uint32_t bad_iov[2] = { 0, 0x80000000u }, bad_us[4] = { 0, 1000000, 0, 0 };
    static const struct timespec ts = { 0, 1000 };
    void *kernel = (void *)0xc0000000u, *gone = map(4096);
    char path[600], dot[600], buf[256];
    int fd, dfd, wfd, p[2];

    munmap(gone, 4096);
    snprintf(path, sizeof path, "%s/order", dir);
    snprintf(dot, sizeof dot, "%s/.", dir);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "0123456789abcdef", 16);
    wfd = open(path, O_WRONLY | O_APPEND);
    dfd = open(dir, O_RDONLY | O_DIRECTORY);
    pipe2(p, O_NONBLOCK);
    expect(syscall(SYS_dup3, fd, 100, O_NONBLOCK), EINVAL, "dup3 with O_NONBLOCK: EINVAL");
    expect(syscall(SYS_pipe2, kernel, 1), EINVAL, "pipe2: an unknown flag before the pointer");
    expect(syscall(SYS_open, "/nonexistent", O_CREAT | O_DIRECTORY, 0644), EINVAL, "open: O_CREAT with O_DIRECTORY");
    expect(syscall(SYS_open, "/nonexistent", O_TMPFILE | O_RDONLY, 0644), EINVAL, "open: O_TMPFILE read-only");
    expect(syscall(SYS_unlinkat, 999, "x", AT_NO_AUTOMOUNT), EINVAL,
           "unlinkat: a flag it does not take, before the descriptor");
    expect(syscall(SYS_fstatat64, AT_FDCWD, path, buf, 0x40000000), EINVAL, "fstatat64: an unknown flag");
    expect(syscall(SYS_linkat, 999, "x", 999, "y", AT_REMOVEDIR), EINVAL, "linkat: AT_REMOVEDIR");
    expect(syscall(SYS_faccessat, AT_FDCWD, "/nonexistent", 8), EINVAL, "faccessat: mode 8 before the path");
    expect(syscall(SYS_statx, AT_FDCWD, path, 0, 0x80000000u, buf), EINVAL, "statx: STATX__RESERVED");
    expect_not_qemu(syscall(SYS_statfs64, "/nonexistent", 88, buf), EINVAL,
                    "statfs64: a size not 84, before the path");
    expect(syscall(SYS_utimensat, 999, "x", NULL, 0x800), EINVAL, "utimensat: AT_NO_AUTOMOUNT");
    expect_not_qemu(syscall(SYS_utimes, "/nonexistent", bad_us), EINVAL, "utimes: tv_usec 10^6 before the path");
    expect(syscall(SYS_utime, NULL, NULL), EFAULT, "utime: a NULL path");
    expect(syscall(SYS_readlink, "/nonexistent", buf, 0), EINVAL, "readlink: size 0 before the path");
    expect_not_qemu(syscall(SYS_getrandom, kernel, 8, 8), EINVAL, "getrandom: an unknown flag before the pointer");
    expect(syscall(SYS_ftruncate, 999, -1), EINVAL, "ftruncate: a negative length before the descriptor");
    expect(syscall(SYS_truncate, "/nonexistent", -2), EINVAL, "truncate: a negative length before the path");
    expect(syscall(SYS_pread64, 999, buf, 1, 0, 0x80000000u), EINVAL,
           "pread64: a negative offset before the descriptor");
    expect(syscall(SYS_lseek, p[0], 0, 5), EINVAL, "lseek: whence 5 on a pipe, EINVAL before ESPIPE");
    CHECK(lseek(fd, 7, SEEK_DATA) == 7 && lseek(fd, 2, SEEK_HOLE) == 16, "SEEK_DATA and SEEK_HOLE in a file");
    expect(lseek(fd, 16, SEEK_DATA), ENXIO, "SEEK_DATA at the end: ENXIO");
    expect(syscall(SYS_flock, 999, 0), EINVAL, "flock: op 0 before the descriptor");
    expect_not_qemu(syscall(SYS_read, p[0], NULL, 4), EAGAIN,
                    "read: an empty non-blocking pipe, EAGAIN before the buffer");
    CHECK(syscall(SYS_read, p[0], NULL, 0) == 0, "read of 0 bytes from an empty pipe: 0");
    expect(syscall(SYS_read, dfd, kernel, 4), EFAULT, "read: the kernel's half before EISDIR");
    expect(syscall(SYS_readv, p[1], bad_iov, 1), EINVAL, "readv: a negative length before the descriptor's mode");
    expect(syscall(SYS_fsync, p[0]), EINVAL, "fsync of a pipe: EINVAL");
    expect_not_qemu(syscall(SYS_fcntl, fd, 12, buf), EINVAL, "the old fcntl: no F_GETLK64");
    expect(syscall(SYS_fcntl64, fd, F_GETLK, 64), EFAULT, "F_GETLK reads its struct flock");
    CHECK(syscall(SYS_fcntl64, p[0], 1032) == 65536, "F_GETPIPE_SZ: 65536");
    expect(syscall(SYS_sendfile64, 999, fd, kernel, 4), EFAULT, "sendfile64: the offset copied first");
    expect(syscall(SYS_sendfile64, wfd, fd, NULL, 4), EINVAL, "sendfile64 to an O_APPEND file: EINVAL");
    expect(syscall(SYS_unlink, dot), EISDIR, "unlink of \".\": EISDIR");
    expect(syscall(SYS_rename, dot, path), EBUSY, "rename of \".\": EBUSY");
    expect(syscall(SYS_symlink, "x", dot), EEXIST, "symlink named \".\": EEXIST");
    expect(syscall(SYS_link, dir, path), EEXIST, "link of a directory to a taken name: EEXIST before EPERM");
    expect(syscall(SYS_kill, 0x7ffffff0, 65), ESRCH, "kill: no such process before an invalid signal");
    expect(syscall(SYS_tkill, 0x7ffffff0, 65), ESRCH, "tkill: likewise");
    expect(syscall(SYS_setpgid, 0, 0x7ffffff0), EPERM, "setpgid: a group that does not exist, EPERM");
    expect(syscall(SYS_setpgid, -5, 0), EINVAL, "setpgid: pgid 0 of pid -5, EINVAL before ESRCH");
    expect(syscall(SYS_sched_getaffinity, 0x7ffffff0, 0, buf), EINVAL,
           "sched_getaffinity: the length before the pid");
    expect(syscall(SYS_getgroups, -1, NULL), EINVAL, "getgroups: a negative size");
    expect(syscall(SYS_wait4, -1, NULL, 0, kernel), ECHILD, "wait4 without children: ECHILD, the rusage untouched");
    expect_not_qemu(syscall(SYS_waitid, 9, 0, kernel, WEXITED, NULL), EFAULT,
                    "waitid writes its siginfo even for EINVAL");
    expect(syscall(SYS_waitid, 3, 0, NULL, WEXITED, NULL), EBADF, "waitid: P_PIDFD of a descriptor no pidfd");
    expect(syscall(SYS_prlimit64, 0x7ffffff0, RLIMIT_CORE, gone, NULL), EFAULT,
           "prlimit64: the new limit before the pid");
    expect(syscall(SYS_rt_sigaction, 65, kernel, NULL, 8), EFAULT,
           "rt_sigaction: the action copied before the signal");
    expect(syscall(SYS_setitimer, 9, kernel, NULL), EFAULT, "setitimer: the value copied before the timer");
    expect(syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &ts, NULL), EOPNOTSUPP,
           "clock_nanosleep on the thread's CPU clock: EOPNOTSUPP");
    expect_not_qemu(syscall(SYS_madvise, 0, 4096, 1000), EINVAL, "madvise: an unknown advice");
    expect_not_qemu(syscall(SYS_mmap2, 0, 0, PROT_READ, MAP_SHARED, 999, 0), EBADF,
                    "mmap2: the descriptor before the length");
    expect(syscall(SYS_mmap2, 0, 4096, PROT_READ, MAP_PRIVATE, wfd, 0), EACCES, "mmap2 of a write-only file: EACCES");
    expect(syscall(SYS_mmap2, 0, 4096, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), EINVAL,
           "mmap2: MAP_SHARED_VALIDATE of nothing");
    expect(syscall(SYS_futex, (char *)buf + 1, FUTEX_WAKE, 1, NULL, NULL, 0), EINVAL, "futex: a word not aligned");
    expect(syscall(SYS_futex, gone, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT, "futex: a shared word not mapped");
    expect(syscall(SYS_futex, gone, FUTEX_WAIT_BITSET, 1, NULL, NULL, 0), EINVAL, "futex: an empty bitset first");
    expect(syscall(SYS__newselect, -1, NULL, NULL, NULL, kernel), EFAULT, "select: the timeout before the count");
    expect_not_qemu(syscall(SYS_ppoll, gone, 0x7fffffff, kernel, NULL, 8), EFAULT,
                    "ppoll: the timeout before the count");
    close(p[0]);
    close(p[1]);
    close(dfd);
    close(wfd);
    close(fd);
    unlink(path);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp/usertest";
    mkdir(dir, 0755);
    test_efault(dir);
    test_enosys();
    test_faults();
    test_brk();
    test_anonymous();
    test_cow();
    test_file_mapping(dir);
    test_mremap(dir);
    test_clocks();
    test_ids_and_names();
    test_devices(dir);
    test_errno_order(dir);
    if (getenv("SEEDSTRAP_OOM"))
        test_out_of_memory();
    return done("abi_test");
}
