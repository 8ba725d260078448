// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/abi_test.c DIR: the edges of the system-call ABI: bad pointers
// give EFAULT and the program lives on; unknown numbers give ENOSYS; memory
// from brk, anonymous and file mmap, munmap, mprotect, copy-on-write across
// fork; clocks, sleeping, random bytes, ids, uname, ioctl on a non-terminal,
// /dev/null and /dev/zero.  Raw syscall() is used where glibc would
// otherwise crash or check first.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static void test_efault(const char *dir)
{
    void *bad[] = { NULL, (void *)0xc0000000u, (void *)0xfffff000u, NULL };
    char name[256];
    void *gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int fd, i;

    munmap(gone, 4096);
    bad[3] = gone;
    snprintf(name, sizeof name, "%s/efault", dir);
    fd = open(name, O_CREAT | O_RDWR, 0644);
    write(fd, "data", 4);
    for (i = 0; i < 4; i++) {
        char what[80];
        snprintf(what, sizeof what, "bad pointer %p: read, write, stat, open, pipe, uname, gettimeofday", bad[i]);
        lseek(fd, 0, SEEK_SET);
        CHECK(syscall(SYS_read, fd, bad[i], 4) == -1 && errno == EFAULT &&
              syscall(SYS_write, fd, bad[i], 4) == -1 && errno == EFAULT &&
              syscall(SYS_stat64, name, bad[i]) == -1 && errno == EFAULT &&
              syscall(SYS_open, bad[i], O_RDONLY) == -1 && errno == EFAULT &&
              syscall(SYS_pipe, bad[i]) == -1 && errno == EFAULT &&
              syscall(SYS_uname, bad[i]) == -1 && errno == EFAULT &&
              (!bad[i] ||                // a NULL timeval is allowed
               (syscall(SYS_gettimeofday, bad[i], NULL) == -1 && errno == EFAULT)), what);
    }
    close(fd);
}

static void test_enosys(void)
{
    CHECK(syscall(999) == -1 && errno == ENOSYS, "syscall 999: ENOSYS");
    CHECK(syscall(450 + 1) == -1 && errno == ENOSYS, "syscall 451: ENOSYS");
    CHECK(syscall(SYS_vm86old, 0) == -1 && errno == ENOSYS, "vm86old: ENOSYS");
}

static void test_memory(const char *dir)
{
    char name[256], *p, *heap = sbrk(0);
    size_t big = 64u << 20, i;
    int fd, st, sum_ok = 1;
    pid_t pid;

    CHECK(sbrk(1 << 20) == heap && sbrk(0) == heap + (1 << 20), "brk grows by 1 MiB");
    memset(heap, 0x5a, 1 << 20);
    CHECK(sbrk(-(1 << 19)) != (void *)-1 && sbrk(0) == heap + (1 << 19), "brk shrinks");
    p = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap of 64 MiB");
    for (i = 0; i < big; i += 4096)
        p[i] = (char)(i >> 12);
    for (i = 0; i < big; i += 4096)
        sum_ok &= p[i] == (char)(i >> 12);
    CHECK(sum_ok, "every page of it holds what was written");
    CHECK(munmap(p, big) == 0, "munmap");
    p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    if ((pid = fork()) == 0) {
        p[0] = 2;
        _exit(p[0]);
    }
    waitpid(pid, &st, 0);
    CHECK(WEXITSTATUS(st) == 2 && p[0] == 1, "fork copies on write: the child's write stays its own");
    CHECK(mprotect(p, 4096, PROT_READ) == 0, "mprotect read-only");
    if ((pid = fork()) == 0) {
        p[0] = 3;                       // must fault
        _exit(0);
    }
    waitpid(pid, &st, 0);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "a write to a read-only page: SIGSEGV");
    snprintf(name, sizeof name, "%s/mapped", dir);
    fd = open(name, O_CREAT | O_TRUNC | O_RDWR, 0644);
    write(fd, "file contents for mmap", 22);
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED && !memcmp(p, "file contents for mmap", 22) && p[22] == 0, "a private file mapping");
    p[0] = 'F';
    CHECK(pread(fd, name, 1, 0) == 1 && name[0] == 'f', "its writes stay private");
    close(fd);
}

static void test_misc(void)
{
    struct timespec a, b, nap = { 0, 50 * 1000 * 1000 };
    struct utsname u;
    struct termios t;
    char buf[16] = "xxxxxxxxxxxxxxx";
    int fd;

    CHECK(uname(&u) == 0 && !strcmp(u.sysname, "Linux") && !strcmp(u.machine, "i686"), "uname: Linux, i686");
    CHECK(getppid() > 0 && getpid() > 0 && getuid() == 0 && geteuid() == 0 && getgid() == 0, "ids");
    clock_gettime(CLOCK_MONOTONIC, &a);
    CHECK(nanosleep(&nap, NULL) == 0, "nanosleep 50 ms");
    clock_gettime(CLOCK_MONOTONIC, &b);
    long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    CHECK(ms >= 45 && ms < 2000, "the monotonic clock saw the sleep");
    CHECK(time(NULL) > 1600000000, "the wall clock is after 2020");
    CHECK(getrandom(buf, 8, 0) == 8, "getrandom");
    CHECK(tcgetattr(1, &t) == -1 && errno == ENOTTY, "TCGETS on a file or pipe: ENOTTY");
    fd = open("/dev/zero", O_RDONLY);
    CHECK(fd >= 0 && read(fd, buf, 8) == 8 && !memcmp(buf, "\0\0\0\0\0\0\0\0", 8), "/dev/zero reads zeros");
    close(fd);
    fd = open("/dev/null", O_RDWR);
    CHECK(fd >= 0 && write(fd, "x", 1) == 1 && read(fd, buf, 1) == 0, "/dev/null swallows and is empty");
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
            char *p = mmap(NULL, 64u << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
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

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp/abi_test";
    mkdir(dir, 0755);
    test_efault(dir);
    test_enosys();
    test_memory(dir);
    test_misc();
    if (getenv("SEEDSTRAP_OOM"))
        test_out_of_memory();
    printf("abi_test: %d failed\n", failures);
    return failures;
}
