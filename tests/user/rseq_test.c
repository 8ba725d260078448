// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/rseq_test.c [DIR]: restartable sequences, as glibc (2.35 on)
// uses them at start-up and as programs use them for per-CPU data.  glibc
// registered the main thread's area: it holds the CPU number sched_getcpu
// gives.  The registration's errors (EBUSY, EINVAL, EPERM), unregistering
// (cpu_id -1) and registering again; a bad area (EINVAL, EFAULT).  A
// critical section spinning forever is aborted to its handler by a signal
// and by being switched out for another process pinned to the same CPU; a
// section pointer left set outside its section is cleared by the next
// signal; a malformed section (version 1) ends the thread with SIGSEGV.  A
// forked child keeps its registration.  DIR is not written.
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static volatile int aborted;

static struct rseq *glibc_area(void)
{
    char *tp;

    __asm__("movl %%gs:0, %0" : "=r"(tp));      // the thread pointer (its TCB points to itself)
    return (struct rseq *)(tp + __rseq_offset);
}

static long rseq_call(void *area, uint32_t len, int flags, uint32_t sig)
{
    return syscall(SYS_rseq, area, len, flags, sig);
}

// A section that spins until it is aborted: its descriptor, its loop, and
// its abort handler after RSEQ_SIG.
static void spin_in_section(struct rseq *rs)
{
    __asm__ volatile(".pushsection .data.rseq_test, \"aw\"\n\t"
                     ".balign 32\n"
                     "3:\n\t"
                     ".long 0, 0, 1f, 0, 2f - 1f, 0, 4f, 0\n\t"
                     ".popsection\n\t"
                     "movl $3b, %[cs]\n\t"
                     "movl $0, 4+%[cs]\n"
                     "1:\n\t"
                     "jmp 1b\n"
                     "2:\n\t"
                     "jmp 5f\n\t"
                     ".long 0x53053053\n"
                     "4:\n\t"
                     "movl $1, %[ab]\n"
                     "5:"
                     : [cs] "=m"(rs->rseq_cs), [ab] "=m"(aborted)
                     :
                     : "memory");
}

// a descriptor for a section elsewhere (a label the thread never runs at)
struct cs_desc {
    uint32_t version, flags;
    uint64_t start_ip, post_commit_offset, abort_ip;
} __attribute__((aligned(32)));

static struct cs_desc elsewhere(uint32_t version)
{
    extern const char rseq_test_far_start[], rseq_test_far_abort[];
    struct cs_desc d = { version, 0, (uintptr_t)rseq_test_far_start, 2, (uintptr_t)rseq_test_far_abort };
    return d;
}
__asm__(".text\n"
        "rseq_test_far_start:\n\t"
        "nop\n\t"
        "nop\n\t"
        "ret\n\t"
        ".long 0x53053053\n"
        "rseq_test_far_abort:\n\t"
        "ret\n");

static void on_signal(int sig)
{
    (void)sig;
}

// runs fn in a child that must exit 0 within 5 s; its wait status, or -1 if it hung
static int in_child(void (*fn)(void))
{
    pid_t pid = fork();
    int status;
    long start = now_ms();

    if (pid == 0) {
        fn();
        _exit(0);
    }
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (now_ms() - start > 5000) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        sleep_ms(10);
    }
    return status;
}

static void aborted_by_signal(void)
{
    struct itimerval t = { { 0, 0 }, { 0, 20000 } };

    signal(SIGALRM, on_signal);
    setitimer(ITIMER_REAL, &t, NULL);
    spin_in_section(glibc_area());
    _exit(aborted == 1 ? 0 : 3);
}

// pinned to CPU 0 with a second process that spins there too, so the
// scheduler switches it out in the middle of its section
static void aborted_by_preemption(void)
{
    cpu_set_t one;
    pid_t spinner;

    CPU_ZERO(&one);
    CPU_SET(0, &one);
    sched_setaffinity(0, sizeof one, &one);
    spinner = fork();
    if (spinner == 0)
        for (;;)
            ;
    spin_in_section(glibc_area());
    kill(spinner, SIGKILL);
    _exit(aborted == 1 ? 0 : 3);
}

static void malformed_section(void)
{
    static struct cs_desc d;

    d = elsewhere(1);
    glibc_area()->rseq_cs = (uintptr_t)&d;
    signal(SIGUSR1, on_signal);
    raise(SIGUSR1);
    _exit(0);
}

int main(void)
{
    struct rseq *rs = glibc_area();
    static struct rseq mine __attribute__((aligned(32)));
    static struct cs_desc far;
    int status;
    char what[200];

    if (__rseq_size == 0) {
        CHECK(0, "glibc registered the main thread's rseq area at start (__rseq_size 0: the kernel refused)");
        return done("rseq_test");
    }
    snprintf(what, sizeof what, "glibc registered the thread's area (size %u): cpu_id %d, sched_getcpu %d",
             __rseq_size, (int)rs->cpu_id, sched_getcpu());
    CHECK((int)rs->cpu_id == sched_getcpu() && rs->cpu_id_start == rs->cpu_id, what);

    CHECK(rseq_call(rs, sizeof *rs, 0, RSEQ_SIG) == -1 && errno == EBUSY, "the same registration again: EBUSY");
    CHECK(rseq_call(&mine, sizeof mine, 0, RSEQ_SIG) == -1 && errno == EINVAL, "another area: EINVAL");
    CHECK(rseq_call(rs, sizeof *rs, 0, 0x12345678) == -1 && errno == EPERM, "another signature: EPERM");
    CHECK(rseq_call(rs, sizeof *rs, RSEQ_FLAG_UNREGISTER, 0x12345678) == -1 && errno == EPERM,
          "unregistering with another signature: EPERM");
    CHECK(rseq_call(rs, sizeof *rs, 2, RSEQ_SIG) == -1 && errno == EINVAL, "an unknown flag: EINVAL");
    CHECK(rseq_call(rs, sizeof *rs, RSEQ_FLAG_UNREGISTER, RSEQ_SIG) == 0 && rs->cpu_id == (uint32_t)-1,
          "unregistering: 0, cpu_id -1");
    CHECK(rseq_call((char *)&mine + 4, sizeof mine, 0, RSEQ_SIG) == -1 && errno == EINVAL,
          "a misaligned area: EINVAL");
    CHECK(rseq_call(&mine, 31, 0, RSEQ_SIG) == -1 && errno == EINVAL, "a short area: EINVAL");
    CHECK(rseq_call((void *)0xc0000000u, sizeof mine, 0, RSEQ_SIG) == -1 && errno == EFAULT,
          "an area in the kernel's half: EFAULT");
    CHECK(rseq_call(rs, sizeof *rs, 0, RSEQ_SIG) == 0, "registering glibc's area again: 0");
    sched_yield();                      // the kernel writes the CPU number on the way out
    CHECK((int)rs->cpu_id == sched_getcpu(), "and cpu_id is the CPU again");

    status = in_child(aborted_by_signal);
    CHECK(status == 0, "a signal aborts a section spinning forever to its abort handler");
    status = in_child(aborted_by_preemption);
    CHECK(status == 0, "being switched out aborts a section spinning forever");

    far = elsewhere(0);
    rs->rseq_cs = (uintptr_t)&far;
    signal(SIGUSR1, on_signal);
    raise(SIGUSR1);
    CHECK(rs->rseq_cs == 0, "a section pointer left set outside its section is cleared at a signal");

    status = in_child(malformed_section);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "a malformed section (version 1) ends it: SIGSEGV");

    pid_t pid = fork();
    if (pid == 0)
        _exit(rseq_call(rs, sizeof *rs, 0, RSEQ_SIG) == -1 && errno == EBUSY ? 0 : 1);
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a forked child keeps the registration (EBUSY)");
    return done("rseq_test");
}
