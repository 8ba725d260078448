// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/segment_test.c [DIR]: user-chosen segment selectors that the
// kernel loads on its way back to user mode.  fuzz_syscalls (seed 7) panicked
// the kernel with a general protection fault at `pop gs` in trap_return:
// a selector naming an empty or not-present TLS entry.  Each case runs in a
// child, which may die of a signal, but the kernel must live on and reap it:
//   - set_thread_area refuses a not-present or execute-only entry (EINVAL);
//   - clearing the entry gs names leaves gs 0 (the child exits by int 0x80);
//   - sigreturn with gs naming an empty TLS entry.
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include "check.h"

struct user_desc_raw { uint32_t entry, base, limit, flags; };

// exit without glibc, whose errno lives behind gs
static void raw_exit(int code)
{
    __asm__ volatile("int $0x80" : : "a"(SYS_exit_group), "b"(code));
}

static void on_usr1(int sig, siginfo_t *info, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig, (void)info;
    uc->uc_mcontext.gregs[REG_GS] = (8 << 3) | 3;      // the last TLS entry, never set
}

static int child_ends(void (*body)(void))
{
    int st = -1;
    pid_t pid = fork();
    if (pid == 0) {
        body();
        raw_exit(0);
    }
    return waitpid(pid, &st, 0) == pid && (WIFEXITED(st) || WIFSIGNALED(st));
}

static void clear_gs_entry(void)
{
    uint16_t gs;
    struct user_desc_raw d;

    __asm__ volatile("mov %%gs, %0" : "=r"(gs));
    d.entry = gs >> 3;
    d.base = d.limit = 0;
    d.flags = 0x28;                     // read_exec_only + seg_not_present: clear
    syscall(SYS_set_thread_area, &d);
}

static void sigreturn_bad_gs(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
}

int main(void)
{
    struct user_desc_raw d = { 0xffffffffu, 0x1000, 0xfff, 0x1 | 0x20 };  // 32-bit, not present
    long r = syscall(SYS_set_thread_area, &d);

    CHECK(r == -1 && errno == EINVAL, "set_thread_area refuses a not-present entry");
    d.entry = 0xffffffffu;
    d.flags = 0x1 | 0x4 | 0x8;          // code, execute-only
    r = syscall(SYS_set_thread_area, &d);
    CHECK(r == -1 && errno == EINVAL, "set_thread_area refuses an execute-only code entry");
    CHECK(child_ends(clear_gs_entry), "a child clearing its own gs entry ends");
    CHECK(child_ends(sigreturn_bad_gs), "a child returning from a handler with a bad gs ends");
    return done("segment_test");
}
