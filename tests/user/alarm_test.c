// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/alarm_test.c [DIR]: alarm and setitimer(ITIMER_REAL) as a
// static glibc program sees them: alarm's return value (the seconds left,
// rounded) and alarm(0) cancelling; SIGALRM interrupting a blocking read of
// an empty pipe, nanosleep, pause and waitpid with EINTR once its handler
// (installed without SA_RESTART) has run; an ignored SIGALRM interrupting
// nothing; SIGALRM's default action ending a child (WTERMSIG); getitimer
// a handler installed with SA_RESTART making a pipe read and waitpid go on
// to their answer (as bash and make expect of SIGCHLD), but not nanosleep,
// which Linux never restarts after a handler; getitimer
// and setitimer's old value, a repeating timer, EINVAL for a bad timeval or
// an unknown timer; fork clearing the timer and execve keeping it.  The
// "-left" mode is what it execs: it exits with alarm(0)'s answer.
// DIR is not written.
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t alarms, woken;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void on_usr2(int sig)
{
    (void)sig;
    woken = 1;
}

// A child that sends SIGUSR2 to the parent after 3 s, so that a wait which
// no SIGALRM ends fails its check instead of hanging the test.
static pid_t watchdog(void)
{
    struct sigaction sa;
    pid_t parent = getpid(), pid;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, NULL);
    woken = 0;
    if ((pid = fork()) == 0) {
        sleep(3);
        kill(parent, SIGUSR2);
        _exit(0);
    }
    return pid;
}

static void watchdog_stop(pid_t pid)
{
    int st;
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
}

static void handle_alarm_flags(void (*handler)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
}

// no SA_RESTART: blocking calls end with EINTR
static void handle_alarm(void (*handler)(int))
{
    handle_alarm_flags(handler, 0);
}

static void arm_ms(long ms)
{
    struct itimerval it = { { 0, 0 }, { ms / 1000, ms % 1000 * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static int status_of(pid_t pid)
{
    int st = -1;
    waitpid(pid, &st, 0);
    return st;
}

static void test_alarm_values(void)
{
    CHECK(alarm(0) == 0, "alarm(0) with no alarm set: 0");
    CHECK(alarm(5) == 0, "alarm(5): no alarm before, 0");
    CHECK(alarm(3) == 5, "alarm(3) after alarm(5): 5 seconds were left");
    CHECK(alarm(0) == 3, "alarm(0) after alarm(3): 3, and cancels it");
    CHECK(alarm(0) == 0, "after alarm(0) no alarm is left");
}

static void test_interrupts(void)
{
    struct timespec long_sleep = { 5, 0 }, rem = { 0, 0 };
    int p[2], st;
    long t0;
    ssize_t r;
    char c;
    pid_t pid, dog;

    handle_alarm(on_alarm);
    CHECK(pipe(p) == 0, "pipe");
    alarms = 0;
    dog = watchdog();
    t0 = now_ms();
    alarm(1);
    r = read(p[0], &c, 1);
    watchdog_stop(dog);
    CHECK(r == -1 && errno == EINTR && alarms == 1,
          "alarm(1) ends a blocking read of an empty pipe: EINTR, the handler ran");
    CHECK(now_ms() - t0 >= 900 && now_ms() - t0 < 5000, "... after about a second");
    close(p[0]);
    close(p[1]);

    alarms = 0;
    arm_ms(200);
    CHECK(nanosleep(&long_sleep, &rem) == -1 && errno == EINTR && alarms == 1 && rem.tv_sec >= 3,
          "SIGALRM ends a 5 s nanosleep after 200 ms: EINTR, the time left in rem");
    alarms = 0;
    dog = watchdog();
    arm_ms(100);
    CHECK(pause() == -1 && errno == EINTR && alarms == 1, "SIGALRM ends pause: EINTR");
    watchdog_stop(dog);
    if ((pid = fork()) == 0) {
        pause();
        _exit(0);
    }
    alarms = 0;
    dog = watchdog();
    arm_ms(100);
    CHECK(waitpid(pid, &st, 0) == -1 && errno == EINTR && alarms == 1,
          "SIGALRM ends waitpid on a running child: EINTR");
    watchdog_stop(dog);
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);

    signal(SIGALRM, SIG_IGN);
    arm_ms(50);
    long_sleep.tv_sec = 0;
    long_sleep.tv_nsec = 300000000;
    t0 = now_ms();
    CHECK(nanosleep(&long_sleep, NULL) == 0 && now_ms() - t0 >= 290,
          "an ignored SIGALRM does not cut a 300 ms nanosleep short");
    signal(SIGALRM, SIG_DFL);
}

// SIGALRM at 100 ms, while the parent blocks; a child makes the call's
// answer at 400 ms: a byte in the pipe, then its exit.
static void test_restart(void)
{
    struct timespec long_sleep = { 5, 0 };
    int p[2], st = -1;
    ssize_t r;
    char c = 0;
    pid_t pid, dog;

    handle_alarm_flags(on_alarm, SA_RESTART);
    CHECK(pipe(p) == 0, "pipe");
    if ((pid = fork()) == 0) {
        sleep_ms(400);
        r = write(p[1], "R", 1);
        sleep_ms(200);
        _exit(r == 1 ? 3 : 4);
    }
    alarms = 0;
    dog = watchdog();
    arm_ms(100);
    r = read(p[0], &c, 1);
    CHECK(r == 1 && c == 'R' && alarms == 1,
          "SA_RESTART: the handler runs and the read of an empty pipe goes on to the child's byte");
    arm_ms(100);
    CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 3 && alarms == 2,
          "SA_RESTART: the handler runs and waitpid goes on to the child's exit");
    watchdog_stop(dog);
    arm_ms(100);
    CHECK(nanosleep(&long_sleep, NULL) == -1 && errno == EINTR && alarms == 3,
          "SA_RESTART does not restart nanosleep: EINTR, as on Linux");
    close(p[0]);
    close(p[1]);
    signal(SIGALRM, SIG_DFL);
}

static void test_default_action(void)
{
    pid_t pid = fork();
    int st;

    if (pid == 0) {
        alarm(1);
        sleep(5);
        _exit(0);
    }
    st = status_of(pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM, "SIGALRM's default action ends the process (WTERMSIG)");
}

static void test_itimer(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 300000 } }, got, old;
    struct itimerval bad = { { 0, 0 }, { 0, 1000000 } };
    sigset_t mask, none;
    long t0;
    pid_t dog;

    handle_alarm(on_alarm);
    CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer(ITIMER_REAL, 300 ms)");
    CHECK(getitimer(ITIMER_REAL, &got) == 0 && got.it_value.tv_sec == 0 && got.it_value.tv_usec > 0 &&
          got.it_value.tv_usec <= 300000 && got.it_interval.tv_sec == 0 && got.it_interval.tv_usec == 0,
          "getitimer: at most 300 ms left, no interval");
    it.it_value.tv_sec = 10;
    it.it_value.tv_usec = 0;
    CHECK(setitimer(ITIMER_REAL, &it, &old) == 0 && old.it_value.tv_sec == 0 && old.it_value.tv_usec > 0,
          "setitimer's old value: what the 300 ms timer had left");
    CHECK(alarm(0) == 10, "alarm and setitimer share one timer: alarm(0) says 10");
    CHECK(setitimer(ITIMER_REAL, &bad, NULL) == -1 && errno == EINVAL, "setitimer with tv_usec 10^6: EINVAL");
    bad.it_value.tv_usec = 0;
    bad.it_value.tv_sec = -1;
    CHECK(setitimer(ITIMER_REAL, &bad, NULL) == -1 && errno == EINVAL, "setitimer with tv_sec -1: EINVAL");
    CHECK(getitimer(42, &got) == -1 && errno == EINVAL, "getitimer of an unknown timer: EINVAL");

    // a repeating timer: three signals 50 ms apart, taken with sigsuspend
    sigemptyset(&mask);
    sigaddset(&mask, SIGALRM);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    sigemptyset(&none);
    alarms = 0;
    it.it_interval.tv_usec = it.it_value.tv_usec = 50000;
    it.it_interval.tv_sec = it.it_value.tv_sec = 0;
    dog = watchdog();
    t0 = now_ms();
    setitimer(ITIMER_REAL, &it, NULL);
    while (alarms < 3 && !woken)
        sigsuspend(&none);
    watchdog_stop(dog);
    CHECK(alarms >= 3 && now_ms() - t0 >= 140, "a repeating 50 ms timer rings three times in at least 150 ms");
    CHECK(getitimer(ITIMER_REAL, &got) == 0 && got.it_interval.tv_usec == 50000 &&
          (got.it_value.tv_sec || got.it_value.tv_usec), "getitimer: still set, interval 50 ms");
    memset(&it, 0, sizeof it);
    CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0 && getitimer(ITIMER_REAL, &got) == 0 &&
          !got.it_value.tv_sec && !got.it_value.tv_usec, "setitimer with a zero value stops it");
    sigprocmask(SIG_UNBLOCK, &mask, NULL);
}

static void test_fork_exec(const char *self)
{
    pid_t pid;
    int st;

    alarm(10);
    if ((pid = fork()) == 0)
        _exit(alarm(0));
    st = status_of(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork: the child has no alarm");
    CHECK(alarm(0) >= 9, "fork: the parent's alarm is still set");
    if ((pid = fork()) == 0) {
        alarm(7);
        execl(self, self, "-left", (char *)0);
        _exit(99);
    }
    st = status_of(pid);
    CHECK(WIFEXITED(st) && (WEXITSTATUS(st) == 7 || WEXITSTATUS(st) == 6), "execve keeps the alarm");
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "-left"))
        return alarm(0);
    test_alarm_values();
    test_interrupts();
    test_restart();
    test_default_action();
    test_itimer();
    test_fork_exec(argv[0]);
    return done("alarm_test");
}
