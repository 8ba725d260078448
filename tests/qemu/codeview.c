// SPDX-License-Identifier: GPL-3.0-or-later
// tests/qemu/codeview.c [N]: a program laid out as stage0-posix's, M2-Planet's
// and mescc's are: linked with -N, so its code and its variables share one
// writable and executable segment, and no C library.  It stores to a
// variable beside its code N times (default 1,000,000), forks and waits,
// then rewrites one of its own instructions and says which code ran: under a
// code view (kernel/proc/uvm.h) the instructions come from a copy made before the
// rewrite, so the old code runs.  Prints one line a check; exits 0 when the
// stores, the fork and the wait went as they should.
#include <stdint.h>

static volatile uint32_t counter;       // among the code: the same pages
static volatile uint8_t *volatile patch_at;

static int32_t sys3(int32_t nr, int32_t a, int32_t b, int32_t c)
{
    int32_t r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

static uint32_t len(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    return n;
}

static void say(const char *s)
{
    sys3(4, 1, (int32_t)s, (int32_t)len(s));
}

static uint32_t number(const char *s)
{
    uint32_t n = 0;
    while (*s >= '0' && *s <= '9')
        n = n * 10 + (uint32_t)(*s++ - '0');
    return n;
}

// mov $1, %eax; ret: the instruction rewritten
__attribute__((noinline)) static int one(void)
{
    int r;
    __asm__ volatile("mov $1, %0" : "=a"(r));
    return r;
}

__attribute__((noreturn)) static void quit(int code)
{
    sys3(1, code, 0, 0);
    __builtin_unreachable();
}

__attribute__((noreturn, used)) static void start_c(uint32_t *sp)
{
    uint32_t argc = sp[0], n = argc > 1 ? number((const char *)sp[2]) : 1000000, i;
    int (*volatile call)(void) = one;
    int32_t pid, status = -1, failed = 0;
    uint8_t *p;

    for (i = 0; i < n; i++)
        counter++;
    say(counter == n ? "ok - stores to a variable among the code\n" : "not ok - stores to a variable among the code\n");
    failed |= counter != n;

    pid = sys3(2, 0, 0, 0);                     // fork
    if (pid == 0)
        quit(counter == n ? 7 : 1);
    sys3(7, pid, (int32_t)&status, 0);          // waitpid
    say(pid > 0 && status == 7 << 8 ? "ok - fork and wait\n" : "not ok - fork and wait\n");
    failed |= !(pid > 0 && status == 7 << 8);

    // call once, so the page is in use before the rewrite, then make it mov $2
    if (call() != 1) {
        say("not ok - the instruction to rewrite\n");
        quit(1);
    }
    for (p = (uint8_t *)one; p[0] != 0xb8 || p[1] != 1; p++)
        ;
    patch_at = p + 1;
    *patch_at = 2;
    say(call() == 1 ? "code view: rewritten code is not seen\n" : "no code view: rewritten code runs\n");
    quit(failed);
}

__asm__(".globl _start\n_start:\n\tpush %esp\n\tcall start_c\n");
