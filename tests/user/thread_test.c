// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/thread_test.c [DIR]: threads as static glibc's pthreads use
// them (clone3 or clone with CLONE_THREAD and CLONE_SETTLS, futexes,
// set_tid_address, tgkill): a mutex-protected counter that must come out
// exact, pthread_join's values, a producer and a consumer on a condition
// variable, __thread variables, thread and process ids; a thread's exit()
// ending the process, the main thread's pthread_exit leaving it running
// until its last thread (and a parent's wait seeing nothing until then),
// execve from a thread ending the others, fork from a thread, a signal to
// the process taken by the thread that does not block it, pthread_kill; a
// pipe read whose buffer another thread unmaps meanwhile (EFAULT, not a
// kernel fault); vfork sharing memory and holding the parent until exec or
// _exit, posix_spawn (CLONE_VM|CLONE_VFORK on its own stack); and futex(2)
// itself: EAGAIN for a changed word, ETIMEDOUT, a wake, CMP_REQUEUE and
// WAKE_OP (musl's and older glibc's condition variables); robust mutexes
// (set_robust_list): a thread that ends holding one leaves it to the next
// locker with EOWNERDEAD, also to one already waiting.  The program is
// its own child: "--exit N" exits with N.  DIR is not used.
// USERTEST_QEMU_USER in the environment skips the two checks of vfork's
// shared memory, which qemu-user runs as a fork.
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

// futex(2)'s operations (Linux's include/uapi/linux/futex.h), spelled out so
// that the program builds against musl's headers too
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_OP_PRIVATE (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG)
#define FUTEX_OP_SET 0
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP(op, oparg, cmp, cmparg) \
    (((op & 0xf) << 28) | ((cmp & 0xf) << 24) | ((oparg & 0xfff) << 12) | (cmparg & 0xfff))

extern char **environ;
static char *self;                      // argv[0], to exec
static int qemu_user;                   // USERTEST_QEMU_USER: vfork is a fork there

static pid_t gettid_(void) { return (pid_t)syscall(SYS_gettid); }

static int exited_with(pid_t pid, int code)
{
    int st = -1;
    return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == code;
}

// ---- a counter behind a mutex, and pthread_join's values -------------------
#define NTHREADS 4
#define ROUNDS 20000
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static pid_t tids[NTHREADS], pids[NTHREADS];

static void *count(void *arg)
{
    int i, n = (int)(intptr_t)arg;
    tids[n] = gettid_();
    pids[n] = getpid();
    for (i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&counter_lock);
        counter++;
        if (i % 1000 == 0)
            sched_yield();              // hand over the CPU holding the lock: others must wait
        pthread_mutex_unlock(&counter_lock);
    }
    return (void *)(intptr_t)(100 + n);
}

static void test_counter(void)
{
    pthread_t t[NTHREADS];
    int i, created = 0, joined = 1, distinct = 1, same = 1;
    void *ret;

    while (created < NTHREADS && pthread_create(&t[created], NULL, count, (void *)(intptr_t)created) == 0)
        created++;
    CHECK(created == NTHREADS, "pthread_create, four threads");
    for (i = 0; i < created; i++)
        joined &= pthread_join(t[i], &ret) == 0 && ret == (void *)(intptr_t)(100 + i);
    CHECK(joined, "pthread_join returns each thread's value");
    CHECK(counter == (long)NTHREADS * ROUNDS, "a mutex-protected counter comes out exact");
    for (i = 0; i < NTHREADS; i++) {
        distinct &= tids[i] != getpid() && (i == 0 || tids[i] != tids[i - 1]);
        same &= pids[i] == getpid();
    }
    CHECK(distinct, "each thread has its own gettid, none the process's");
    CHECK(same, "getpid in every thread is the process's");
    CHECK(gettid_() == getpid(), "the main thread's gettid is the pid");
}

// ---- ids and __thread ---------------------------------------------------------
static __thread int tls_value = 7;
static __thread char tls_name[16];

struct tls_report {
    pid_t pid, tid;
    int before, after;
    void *addr;
};

static void *tls_thread(void *arg)
{
    struct tls_report *r = arg;
    r->pid = getpid();
    r->tid = gettid_();
    r->before = tls_value;              // the initial image, not main's current value
    tls_value = r->tid;
    snprintf(tls_name, sizeof tls_name, "t%d", (int)r->tid);
    sleep_ms(20);                       // the other thread writes its own meanwhile
    r->after = tls_value == r->tid && atoi(tls_name + 1) == r->tid;
    r->addr = &tls_value;
    return NULL;
}

static void test_tls(void)
{
    struct tls_report r[2];
    pthread_t t[2];

    tls_value = 99;
    memset(r, 0, sizeof r);
    if (pthread_create(&t[0], NULL, tls_thread, &r[0]) == 0) {
        if (pthread_create(&t[1], NULL, tls_thread, &r[1]) == 0)
            pthread_join(t[1], NULL);   // both at once: each writes its own while the other sleeps
        pthread_join(t[0], NULL);
    }
    CHECK(r[0].pid == getpid() && r[1].pid == getpid(), "getpid is the same in every thread");
    CHECK(r[0].tid != r[1].tid && r[0].tid != getpid(), "gettid differs between threads");
    CHECK(r[0].before == 7 && r[1].before == 7, "a new thread's __thread starts from the initial value");
    CHECK(r[0].after && r[1].after, "__thread variables keep each thread's own value");
    CHECK(r[0].addr != r[1].addr && r[0].addr != (void *)&tls_value,
          "__thread lives at a different address per thread");
    CHECK(tls_value == 99, "the main thread's __thread is untouched");
}

// ---- producer and consumer on a condition variable ---------------------------
#define ITEMS 500
static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_nonempty = PTHREAD_COND_INITIALIZER, q_nonfull = PTHREAD_COND_INITIALIZER;
static int queue[4], q_count, q_head;

static void *producer(void *arg)
{
    int i;
    for (i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&q_lock);
        while (q_count == 4)
            pthread_cond_wait(&q_nonfull, &q_lock);
        queue[(q_head + q_count++) % 4] = i;
        pthread_cond_signal(&q_nonempty);
        pthread_mutex_unlock(&q_lock);
    }
    return arg;
}

static void *consumer(void *arg)
{
    long sum = 0;
    int i, in_order = 1;
    for (i = 1; i <= ITEMS; i++) {
        int v;
        pthread_mutex_lock(&q_lock);
        while (q_count == 0)
            pthread_cond_wait(&q_nonempty, &q_lock);
        v = queue[q_head];
        q_head = (q_head + 1) % 4;
        q_count--;
        pthread_cond_signal(&q_nonfull);
        pthread_mutex_unlock(&q_lock);
        in_order &= v == i;
        sum += v;
    }
    *(long *)arg = in_order ? sum : -1;
    return NULL;
}

static void test_condvar(void)
{
    pthread_t p, c;
    long sum = 0;
    if (pthread_create(&c, NULL, consumer, &sum) == 0) {
        if (pthread_create(&p, NULL, producer, NULL) == 0)
            pthread_join(p, NULL);
        else
            pthread_cancel(c);
        pthread_join(c, NULL);
    }
    CHECK(sum == (long)ITEMS * (ITEMS + 1) / 2,
          "producer and consumer on condition variables: every item, in order");
}

// ---- ending: exit() from a thread, pthread_exit from main, execve ----------
static void *exit_three(void *arg)
{
    sleep_ms(10);
    exit(3);                            // exit_group: main, asleep in pause, ends too
    return arg;
}

static void *block_forever(void *arg)
{
    for (;;)
        pause();
    return arg;
}

static int to_parent[2], from_parent[2];
static pthread_t main_thread;

// the main thread has called pthread_exit: it can be joined (its tid word is
// cleared by the kernel), yet the process lives on, and its parent cannot reap it
static void *outlive_main(void *arg)
{
    char c = 'j';
    if (pthread_join(main_thread, NULL) != 0)
        c = 'x';
    write(to_parent[1], &c, 1);
    read(from_parent[0], &c, 1);
    exit(7);
    return arg;
}

static void *exec_from_thread(void *arg)
{
    char *args[] = { self, "--exit", "44", NULL };
    sleep_ms(10);
    execve(self, args, environ);
    _exit(99);
    return arg;
}

static void test_ending(void)
{
    pthread_t t;
    pid_t pid;
    char c = 0;
    int st = -1;

    if ((pid = fork()) == 0) {
        if (pthread_create(&t, NULL, exit_three, NULL) != 0)
            _exit(97);
        for (;;)
            pause();
    }
    CHECK(exited_with(pid, 3), "exit() in a thread ends the whole process with its status");

    if ((pid = fork()) == 0) {
        if (pthread_create(&t, NULL, block_forever, NULL) != 0)
            _exit(97);
        syscall(SYS_exit_group, 4);
        _exit(98);
    }
    CHECK(exited_with(pid, 4), "exit_group ends a process whose other thread sleeps");

    pipe(to_parent);
    pipe(from_parent);
    if ((pid = fork()) == 0) {
        main_thread = pthread_self();
        if (pthread_create(&t, NULL, outlive_main, NULL) != 0)
            _exit(97);
        pthread_exit(NULL);
    }
    close(to_parent[1]);                // a child that dies early gives end of file
    CHECK(read(to_parent[0], &c, 1) == 1 && c == 'j',
          "pthread_join of a main thread that called pthread_exit");
    sleep_ms(20);
    CHECK(waitpid(pid, &st, WNOHANG) == 0,
          "a process whose main thread exited is not reaped while a thread runs");
    write(from_parent[1], "g", 1);
    CHECK(exited_with(pid, 7), "its last thread's exit(7) is the process's status");

    if ((pid = fork()) == 0) {
        if (pthread_create(&t, NULL, block_forever, NULL) != 0 ||
            pthread_create(&t, NULL, exec_from_thread, NULL) != 0)
            _exit(97);
        for (;;)
            pause();
    }
    CHECK(exited_with(pid, 44), "execve from a thread: the other threads end, the pid stays");
}

// ---- fork from a thread -------------------------------------------------------
static int fork_mark;

static void *nothing(void *arg) { return arg; }

static void *fork_in_thread(void *arg)
{
    pid_t pid = fork();
    pthread_t t;
    void *r = NULL;

    if (pid == 0) {
        fork_mark = 1;
        // one thread here, whose tid is the pid, and threads work again
        if (gettid_() != getpid() || pthread_create(&t, NULL, nothing, (void *)5) != 0 ||
            pthread_join(t, &r) != 0 || r != (void *)5)
            _exit(1);
        _exit(9);
    }
    return (void *)(intptr_t)(pid > 0 && exited_with(pid, 9));
}

static void test_fork_in_thread(void)
{
    pthread_t t;
    void *ok = NULL;
    if (pthread_create(&t, NULL, fork_in_thread, NULL) == 0)
        pthread_join(t, &ok);
    CHECK(ok != NULL, "fork from a thread: the child has one thread and can make more");
    CHECK(fork_mark == 0, "fork from a thread: the child's memory is its own");
}

// ---- signals --------------------------------------------------------------------
static volatile pid_t usr1_tid, usr2_tid;
static volatile pid_t waiter_tid;

static void on_usr1(int sig) { usr1_tid = gettid_(); (void)sig; }
static void on_usr2(int sig) { usr2_tid = gettid_(); (void)sig; }

static void *signal_waiter(void *arg)
{
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    waiter_tid = gettid_();
    while (!usr1_tid || !usr2_tid)
        sleep_ms(5);
    return arg;
}

static void test_signals(void)
{
    sigset_t usr1, old;
    pthread_t t;
    int i;

    signal(SIGUSR1, on_usr1);
    signal(SIGUSR2, on_usr2);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigaddset(&usr1, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &usr1, &old);   // the thread starts with this mask, then clears it
    if (pthread_create(&t, NULL, signal_waiter, NULL) != 0) {
        CHECK(0, "pthread_create for the signal tests");
        return;
    }
    while (!waiter_tid)
        sleep_ms(1);
    kill(getpid(), SIGUSR1);
    for (i = 0; i < 200 && !usr1_tid; i++)
        sleep_ms(5);
    CHECK(usr1_tid == waiter_tid, "kill to the process: the thread not blocking the signal takes it");
    pthread_kill(t, SIGUSR2);
    pthread_join(t, NULL);
    CHECK(usr2_tid == waiter_tid, "pthread_kill (tgkill) reaches that thread");
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
}

// ---- memory unmapped under a sleeping system call -------------------------
static int unmap_pipe[2];
static char *unmap_region;

static void *unmap_then_write(void *arg)
{
    sleep_ms(30);                       // the main thread is asleep in read by now
    munmap(unmap_region, 4096);
    write(unmap_pipe[1], "x", 1);
    return arg;
}

static void test_unmapped_buffer(void)
{
    pthread_t t;
    long r;

    unmap_region = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (unmap_region == MAP_FAILED || pipe(unmap_pipe) < 0 ||
        pthread_create(&t, NULL, unmap_then_write, NULL) != 0) {
        CHECK(0, "set-up for the unmapped buffer");
        return;
    }
    errno = 0;
    r = read(unmap_pipe[0], unmap_region, 1);
    CHECK(r == -1 && errno == EFAULT, "read into a buffer another thread unmaps while it waits: EFAULT");
    pthread_join(t, NULL);
    close(unmap_pipe[0]);
    close(unmap_pipe[1]);
}

// ---- vfork and posix_spawn --------------------------------------------------
static volatile int vfork_mark;

static void test_vfork(void)
{
    char *args[] = { self, "--exit", "42", NULL };
    pid_t pid;

    vfork_mark = 0;
    if ((pid = vfork()) == 0) {
        sleep_ms(50);                   // the parent must still be waiting after this
        vfork_mark = 1;                 // the parent's memory
        _exit(5);
    }
    if (qemu_user)
        skip("vfork: the parent waits for the child's _exit and sees its store", "qemu-user forks");
    else
        CHECK(vfork_mark == 1, "vfork: the parent waits for the child's _exit and sees its store");
    CHECK(exited_with(pid, 5), "vfork, then _exit");
    vfork_mark = 0;
    if ((pid = vfork()) == 0) {
        vfork_mark = 2;
        execve(self, args, environ);
        _exit(99);
    }
    if (qemu_user)
        skip("vfork, then execve: the parent resumes after the exec", "qemu-user forks");
    else
        CHECK(vfork_mark == 2, "vfork, then execve: the parent resumes after the exec");
    CHECK(exited_with(pid, 42), "vfork, then execve: the program's status");
    CHECK(posix_spawn(&pid, self, NULL, NULL, args, environ) == 0 && exited_with(pid, 42),
          "posix_spawn (clone with CLONE_VM|CLONE_VFORK on its own stack)");
}

// ---- futex(2) itself ------------------------------------------------------------
static int futex_word;

static long futex(int *addr, int op, int val, const struct timespec *t)
{
    return syscall(SYS_futex, addr, op, val, t, NULL, 0);
}

static void *futex_waker(void *arg)
{
    sleep_ms(30);
    futex_word = 1;
    *(long *)arg = futex(&futex_word, FUTEX_WAKE_PRIVATE, 1, NULL);
    return NULL;
}

static int word_a, word_b;

static void *wait_a(void *arg)
{
    *(long *)arg = futex(&word_a, FUTEX_WAIT_PRIVATE, 0, NULL);
    return NULL;
}

// op on word_a with count (the timeout's register) and word_b, retried
// until it finds the thread waiting on word_a
static long until_found(int op, int val, long count, int val3)
{
    long n = 0;
    int i;
    for (i = 0; i < 400 && n == 0; i++) {
        n = syscall(SYS_futex, &word_a, op, val, (void *)count, &word_b, val3);
        if (n == 0)
            sleep_ms(5);
    }
    return n;
}

// the requeue and wake-op forms, as musl's and older glibc's condition variables use them
static void test_futex_requeue(void)
{
    pthread_t th;
    long r = -1, n;

    word_a = word_b = 0;
    if (pthread_create(&th, NULL, wait_a, &r) != 0) {
        CHECK(0, "pthread_create for FUTEX_CMP_REQUEUE");
        return;
    }
    n = until_found(FUTEX_CMP_REQUEUE_PRIVATE, 0, 1, 0);
    CHECK(n == 1, "FUTEX_CMP_REQUEUE moves a waiter to another word");
    errno = 0;
    CHECK(syscall(SYS_futex, &word_a, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)1, &word_b, 1) == -1 &&
          errno == EAGAIN, "FUTEX_CMP_REQUEUE when the word differs: EAGAIN");
    CHECK(futex(&word_a, FUTEX_WAKE_PRIVATE, 1, NULL) == 0 &&
          futex(&word_b, FUTEX_WAKE_PRIVATE, 1, NULL) == 1,
          "the moved waiter wakes on the other word only");
    pthread_join(th, NULL);
    CHECK(r == 0, "its FUTEX_WAIT returns 0");

    word_a = word_b = 0;
    if (pthread_create(&th, NULL, wait_a, &r) != 0) {
        CHECK(0, "pthread_create for FUTEX_WAKE_OP");
        return;
    }
    n = until_found(FUTEX_WAKE_OP_PRIVATE, 1, 1, FUTEX_OP(FUTEX_OP_SET, 5, FUTEX_OP_CMP_EQ, 0));
    pthread_join(th, NULL);
    CHECK(n == 1 && word_b == 5 && r == 0, "FUTEX_WAKE_OP sets the other word and wakes the waiter");
}

static void test_futex(void)
{
    struct timespec t = { 0, 50 * 1000000L }, a, b;
    pthread_t th;
    long woke = -1, r;
    double ms;

    futex_word = 5;
    errno = 0;
    CHECK(futex(&futex_word, FUTEX_WAIT_PRIVATE, 6, NULL) == -1 && errno == EAGAIN,
          "FUTEX_WAIT on a word that differs: EAGAIN");
    clock_gettime(CLOCK_MONOTONIC, &a);
    errno = 0;
    r = futex(&futex_word, FUTEX_WAIT, 5, &t);
    clock_gettime(CLOCK_MONOTONIC, &b);
    ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
    CHECK(r == -1 && errno == ETIMEDOUT, "FUTEX_WAIT with a timeout: ETIMEDOUT");
    CHECK(ms >= 45 && ms < 2000, "FUTEX_WAIT's timeout lasts about 50 ms");
    CHECK(futex(&futex_word, FUTEX_WAKE_PRIVATE, 1, NULL) == 0, "FUTEX_WAKE with nobody waiting: 0");
    futex_word = 0;
    r = -1;
    if (pthread_create(&th, NULL, futex_waker, &woke) == 0) {
        r = futex(&futex_word, FUTEX_WAIT_PRIVATE, 0, NULL);
        pthread_join(th, NULL);
    }
    CHECK(r == 0 && woke == 1 && futex_word == 1, "FUTEX_WAIT woken by another thread's FUTEX_WAKE");
    errno = 0;
    CHECK(futex((int *)((char *)&futex_word + 1), FUTEX_WAIT, 0, NULL) == -1 && errno == EINVAL,
          "FUTEX_WAIT on an unaligned word: EINVAL");
}

static pthread_mutex_t robust;

static void *lock_and_end(void *arg)
{
    pthread_mutex_lock(&robust);
    if (arg)
        sleep_ms(300);                  // while the main thread waits for it
    return NULL;
}

// a kernel that does not release robust mutexes makes this wait fail, not hang
static int lock_within_3s(void)
{
    struct timespec limit;
    clock_gettime(CLOCK_REALTIME, &limit);
    limit.tv_sec += 3;
    return pthread_mutex_timedlock(&robust, &limit);
}

static void test_robust(void)
{
    pthread_mutexattr_t attr;
    uint32_t head = 0, len = 0;
    pthread_t t;
    int r;

    if (qemu_user) {
        skip("robust mutexes", "qemu-user has no set_robust_list");
        return;
    }
    CHECK(syscall(SYS_get_robust_list, 0, &head, &len) == 0 && head != 0 && len == 12,
          "get_robust_list: the 12-byte list head glibc set for this thread");
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    CHECK((r = pthread_mutex_init(&robust, &attr)) == 0, "a robust mutex can be made (glibc asks set_robust_list)");
    if (r)
        return;
    pthread_create(&t, NULL, lock_and_end, NULL);
    pthread_join(t, NULL);
    CHECK(lock_within_3s() == EOWNERDEAD, "a robust mutex its owner ended holding: EOWNERDEAD");
    CHECK(pthread_mutex_consistent(&robust) == 0 && pthread_mutex_unlock(&robust) == 0 &&
          pthread_mutex_lock(&robust) == 0 && pthread_mutex_unlock(&robust) == 0,
          "made consistent, it locks and unlocks as before");
    pthread_create(&t, NULL, lock_and_end, &robust);
    sleep_ms(100);
    r = lock_within_3s();
    pthread_join(t, NULL);
    CHECK(r == EOWNERDEAD, "a thread waiting on it when the owner ends wakes with EOWNERDEAD");
    if (r == EOWNERDEAD) {
        pthread_mutex_consistent(&robust);
        pthread_mutex_unlock(&robust);
    }
    CHECK(syscall(SYS_set_robust_list, head, 13) == -1 && errno == EINVAL, "set_robust_list of a wrong size: EINVAL");
    CHECK(syscall(SYS_get_robust_list, 999999, &head, &len) == -1 && errno == ESRCH,
          "get_robust_list of no such thread: ESRCH");
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "--exit"))
        return atoi(argv[2]);
    self = argv[0];
    qemu_user = getenv("USERTEST_QEMU_USER") != NULL;
    test_counter();
    test_tls();
    test_condvar();
    test_futex();
    test_futex_requeue();
    test_robust();
    test_signals();
    test_fork_in_thread();
    test_unmapped_buffer();
    test_ending();
    test_vfork();
    return done("thread_test");
}
