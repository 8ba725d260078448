// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/poll_test.c [DIR]: poll, select and their variants as a static
// glibc program sees them: a pipe's ends without data, with data, after the
// writer closes (POLLHUP), after the reader closes (POLLERR), full and then
// drained; a FIFO's ends, and one open O_RDWR; regular files and /dev/null
// always ready; POLLNVAL for a closed descriptor and EBADF from select; a
// negative fd skipped; timeouts (0 returns at once, 200 ms returns 0 after
// about that long, -1 waits for a child's write); a wait on two pipes woken
// by the second; select's sets and the time left written back; the raw
// _newselect and old select(82) entries, and the time64 forms; ppoll and
// pselect with a signal mask, and SIGALRM ending a wait with EINTR.  DIR
// (default /tmp/usertest) holds the FIFO and the file it makes.
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile sig_atomic_t got_signal;
static struct pollfd *volatile nowhere = (struct pollfd *)16;      // an address no program maps

static void on_signal(int sig)
{
    got_signal = sig;
}

static void handle(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;          // no SA_RESTART
    sigaction(sig, &sa, NULL);
}

// the revents of fd for events, with a zero timeout (-1 if poll failed)
static int revents(int fd, int events)
{
    struct pollfd p = { fd, (short)events, 0 };
    return poll(&p, 1, 0) < 0 ? -1 : p.revents;
}

// a child that writes one byte to fd after ms, then exits
static pid_t write_later(int fd, long ms)
{
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(ms);
        _exit(write(fd, "x", 1) == 1 ? 0 : 1);
    }
    return pid;
}

static void reap(pid_t pid)
{
    int st;
    waitpid(pid, &st, 0);
}

static void test_pipe_states(void)
{
    int p[2], n = 0, flags;
    char buf[4096];

    CHECK(pipe(p) == 0, "pipe");
    CHECK(revents(p[0], POLLIN) == 0, "an empty pipe: the read end is not ready");
    CHECK(revents(p[1], POLLOUT) == POLLOUT, "an empty pipe: the write end is (POLLOUT)");
    write(p[1], "ab", 2);
    CHECK(revents(p[0], POLLIN | POLLRDNORM) == (POLLIN | POLLRDNORM), "with data: POLLIN|POLLRDNORM");
    CHECK(revents(p[0], POLLOUT) == 0, "the read end never reports POLLOUT");
    read(p[0], buf, 2);
    CHECK(revents(p[0], POLLIN) == 0, "read empty again: not ready");

    flags = fcntl(p[1], F_GETFL);
    fcntl(p[1], F_SETFL, flags | O_NONBLOCK);
    memset(buf, 'f', sizeof buf);
    while (write(p[1], buf, sizeof buf) > 0 && n < 1000)
        n++;
    CHECK(errno == EAGAIN && revents(p[1], POLLOUT) == 0, "a full pipe: the write end is not ready");
    CHECK(read(p[0], buf, sizeof buf) == sizeof buf && revents(p[1], POLLOUT) == POLLOUT,
          "4096 bytes read from a full pipe: writable again");
    while (read(p[0], buf, sizeof buf) == sizeof buf && --n > 1)
        ;
    fcntl(p[1], F_SETFL, flags);

    write(p[1], "z", 1);
    close(p[1]);
    CHECK(revents(p[0], POLLIN) == (POLLIN | POLLHUP), "data left and no writer: POLLIN|POLLHUP");
    read(p[0], buf, 1);
    CHECK(revents(p[0], POLLIN) == POLLHUP, "drained, no writer: POLLHUP alone, asked or not");
    close(p[0]);

    CHECK(pipe(p) == 0, "pipe");
    close(p[0]);
    CHECK(revents(p[1], POLLOUT) == (POLLOUT | POLLERR), "no reader: the write end reports POLLERR");
    CHECK(revents(p[1], 0) == POLLERR, "POLLERR even when not asked for");
    close(p[1]);
}

// A FIFO's reader hangs up only after a writer has come and gone (Linux
// counts the writers seen); one opened O_RDWR is both ends.
static void test_fifo(const char *dir)
{
    char path[512], buf[4];
    int r, w, rw;

    snprintf(path, sizeof path, "%s/fifo", dir);
    unlink(path);
    CHECK(mkfifo(path, 0644) == 0, "mkfifo");
    r = open(path, O_RDONLY | O_NONBLOCK);
    CHECK(r >= 0 && revents(r, POLLIN) == 0, "a FIFO reader before any writer: not ready, no POLLHUP");
    w = open(path, O_WRONLY);
    CHECK(w >= 0 && revents(w, POLLIN | POLLOUT) == POLLOUT, "its writer: POLLOUT");
    write(w, "ab", 2);
    CHECK(revents(r, POLLIN | POLLOUT) == POLLIN, "with data: the reader POLLIN, never POLLOUT");
    close(w);
    CHECK(revents(r, POLLIN) == (POLLIN | POLLHUP), "the writer gone: POLLIN|POLLHUP");
    read(r, buf, 2);
    CHECK(revents(r, POLLIN) == POLLHUP, "drained: POLLHUP");
    rw = open(path, O_RDWR);
    CHECK(rw >= 0 && revents(rw, POLLIN | POLLOUT) == POLLOUT, "a FIFO open O_RDWR, empty: POLLOUT");
    CHECK(revents(r, POLLIN) == 0, "with a writer again: the reader's POLLHUP is gone");
    write(rw, "c", 1);
    CHECK(revents(rw, POLLIN | POLLOUT) == (POLLIN | POLLOUT), "O_RDWR with data: POLLIN|POLLOUT");
    close(rw);
    close(r);
    unlink(path);
}

static void test_poll_misc(const char *dir)
{
    struct pollfd ps[3];
    char path[512];
    int fd, p[2];

    snprintf(path, sizeof path, "%s/file", dir);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0 && revents(fd, POLLIN | POLLOUT) == (POLLIN | POLLOUT), "a regular file is always ready");
    close(fd);
    unlink(path);
    fd = open("/dev/null", O_RDWR);
    CHECK(revents(fd, POLLIN | POLLOUT) == (POLLIN | POLLOUT), "/dev/null is always ready");
    close(fd);
    CHECK(revents(fd, POLLIN) == POLLNVAL, "a closed descriptor: POLLNVAL");
    CHECK(pipe(p) == 0, "pipe");
    ps[0].fd = -1;
    ps[0].events = POLLIN;
    ps[1].fd = p[1];
    ps[1].events = POLLOUT;
    ps[2].fd = p[0];
    ps[2].events = POLLIN;
    ps[0].revents = ps[1].revents = ps[2].revents = 77;
    CHECK(poll(ps, 3, 0) == 1 && ps[0].revents == 0 && ps[1].revents == POLLOUT && ps[2].revents == 0,
          "poll of three: a negative fd skipped, one ready, revents set for each");
    CHECK(poll(nowhere, 1, 0) == -1 && errno == EFAULT, "poll of a bad pointer: EFAULT");
    close(p[0]);
    close(p[1]);
}

static void test_poll_waits(void)
{
    struct pollfd ps[2];
    int a[2], b[2];
    long t0, dt;
    pid_t pid;

    CHECK(pipe(a) == 0 && pipe(b) == 0, "two pipes");
    ps[0].fd = a[0];
    ps[1].fd = b[0];
    ps[0].events = ps[1].events = POLLIN;
    t0 = now_ms();
    CHECK(poll(ps, 2, 0) == 0 && now_ms() - t0 < 100, "timeout 0 returns 0 at once");
    t0 = now_ms();
    CHECK(poll(ps, 2, 200) == 0, "timeout 200 ms on empty pipes: 0");
    dt = now_ms() - t0;
    CHECK(dt >= 195 && dt < 3000, "... after about 200 ms");
    t0 = now_ms();
    CHECK(poll(NULL, 0, 100) == 0 && now_ms() - t0 >= 95, "poll of nothing sleeps for its timeout");
    pid = write_later(b[1], 100);
    t0 = now_ms();
    CHECK(poll(ps, 2, -1) == 1 && ps[0].revents == 0 && ps[1].revents == POLLIN,
          "timeout -1: woken by a child's write to the second pipe");
    CHECK(now_ms() - t0 >= 50, "... which came later");
    reap(pid);
    pid = write_later(a[1], 100);
    CHECK(poll(ps, 1, 5000) == 1 && ps[0].revents == POLLIN, "timeout 5 s: woken early by the write");
    reap(pid);
    close(a[0]);
    close(a[1]);
    close(b[0]);
    close(b[1]);
}

static void test_select(void)
{
    fd_set r, w;
    struct timeval tv;
    int p[2];
    long t0, dt;
    pid_t pid;

    CHECK(pipe(p) == 0, "pipe");
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    FD_SET(p[1], &w);
    tv.tv_sec = tv.tv_usec = 0;
    CHECK(select(p[1] + 1, &r, &w, NULL, &tv) == 1 && !FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w),
          "select: an empty pipe is writable, not readable");
    write(p[1], "x", 1);
    FD_SET(p[0], &r);
    FD_SET(p[1], &w);
    CHECK(select(p[1] + 1, &r, &w, NULL, &tv) == 2 && FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w),
          "select: with data, readable and writable");
    read(p[0], &tv, 1);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    tv.tv_sec = 0;
    tv.tv_usec = 200000;
    t0 = now_ms();
    CHECK(select(p[0] + 1, &r, NULL, NULL, &tv) == 0 && !FD_ISSET(p[0], &r), "select timeout 200 ms: 0, sets cleared");
    dt = now_ms() - t0;
    CHECK(dt >= 195 && dt < 3000 && tv.tv_sec == 0 && tv.tv_usec == 0, "... after about 200 ms, no time left");
    pid = write_later(p[1], 100);
    FD_SET(p[0], &r);
    tv.tv_sec = 5;
    tv.tv_usec = 0;
    CHECK(select(p[0] + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(p[0], &r) && tv.tv_sec >= 3 && tv.tv_sec < 5,
          "select with 5 s: woken by a child's write, the time left written back");
    reap(pid);
    read(p[0], &tv, 1);
    FD_SET(p[0], &r);
    FD_SET(p[1], &r);
    close(p[1]);
    CHECK(select(p[1] + 1, &r, NULL, NULL, NULL) == -1 && errno == EBADF, "select of a closed descriptor: EBADF");
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    CHECK(select(p[0] + 1, &r, NULL, NULL, NULL) == 1 && FD_ISSET(p[0], &r),
          "select: a pipe without writers is readable (end of file)");
    close(p[0]);
}

// the kernel's own entries, which glibc does not use: _newselect and the
// old select, whose arguments are in a block
static void test_raw_select(void)
{
    struct { long n; fd_set *r, *w, *e; struct timeval *tv; } args;
    struct timeval tv = { 0, 0 };
    fd_set r;
    int p[2];

    CHECK(pipe(p) == 0 && write(p[1], "x", 1) == 1, "pipe with data");
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    CHECK(syscall(SYS__newselect, p[0] + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(p[0], &r),
          "_newselect (142): readable");
    args.n = p[0] + 1;
    args.r = &r;
    args.w = args.e = NULL;
    args.tv = &tv;
    CHECK(syscall(SYS_select, &args) == 1 && FD_ISSET(p[0], &r), "the old select (82): readable");
    read(p[0], &tv, 1);
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    CHECK(syscall(SYS__newselect, p[0] + 1, &r, NULL, NULL, &tv) == 0 && !FD_ISSET(p[0], &r),
          "_newselect: drained, not readable");
    tv.tv_usec = -1;
    FD_SET(p[0], &r);
    CHECK(syscall(SYS__newselect, p[0] + 1, &r, NULL, NULL, &tv) == -1 && errno == EINVAL,
          "_newselect with a negative tv_usec: EINVAL");
    close(p[0]);
    close(p[1]);
}

// the time64 forms (413, 414), which a C library with a 64-bit time_t uses:
// struct __kernel_timespec, two 64-bit fields
static void test_time64(void)
{
    long long ts[2] = { 0, 100000000 };
    struct pollfd pf;
    fd_set r;
    int p[2];
    long t0;

    CHECK(pipe(p) == 0, "pipe");
    pf.fd = p[0];
    pf.events = POLLIN;
    t0 = now_ms();
    CHECK(syscall(414, &pf, 1, ts, NULL, 8) == 0 && now_ms() - t0 >= 95 && ts[0] == 0 && ts[1] == 0,
          "ppoll_time64 (414): 100 ms on an empty pipe, 0, no time left");
    write(p[1], "x", 1);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    ts[0] = 5;
    CHECK(syscall(413, p[0] + 1, &r, NULL, NULL, ts, NULL) == 1 && FD_ISSET(p[0], &r) && ts[0] >= 4,
          "pselect6_time64 (413): readable at once, the time left written back");
    ts[1] = 1000000000;
    CHECK(syscall(414, &pf, 1, ts, NULL, 8) == -1 && errno == EINVAL, "ppoll_time64 with tv_nsec 10^9: EINVAL");
    close(p[0]);
    close(p[1]);
}

static void test_signals(void)
{
    struct itimerval it = { { 0, 0 }, { 0, 100000 } };
    struct timespec ts = { 5, 0 };
    struct pollfd pf;
    sigset_t usr1, none, now;
    fd_set r;
    int p[2];
    pid_t pid, me = getpid();

    CHECK(pipe(p) == 0, "pipe");
    handle(SIGALRM);
    pf.fd = p[0];
    pf.events = POLLIN;
    got_signal = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    CHECK(poll(&pf, 1, 5000) == -1 && errno == EINTR && got_signal == SIGALRM, "SIGALRM ends poll: EINTR");
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    got_signal = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    CHECK(select(p[0] + 1, &r, NULL, NULL, NULL) == -1 && errno == EINTR && got_signal == SIGALRM,
          "SIGALRM ends select with no timeout: EINTR");

    // SIGUSR1 blocked, except while ppoll or pselect waits
    handle(SIGUSR1);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&none);
    sigprocmask(SIG_BLOCK, &usr1, NULL);
    got_signal = 0;
    ts.tv_sec = 0;
    ts.tv_nsec = 100000000;
    CHECK(ppoll(&pf, 1, &ts, &none) == 0 && got_signal == 0, "ppoll 100 ms: 0");
    if ((pid = fork()) == 0) {
        sleep_ms(100);
        kill(me, SIGUSR1);
        _exit(0);
    }
    ts.tv_sec = 5;
    CHECK(ppoll(&pf, 1, &ts, &none) == -1 && errno == EINTR && got_signal == SIGUSR1,
          "ppoll with SIGUSR1 unblocked: EINTR, the handler ran");
    reap(pid);
    sigprocmask(SIG_BLOCK, NULL, &now);
    CHECK(sigismember(&now, SIGUSR1), "after ppoll SIGUSR1 is blocked again");
    got_signal = 0;
    if ((pid = fork()) == 0) {
        sleep_ms(100);
        kill(me, SIGUSR1);
        _exit(0);
    }
    FD_SET(p[0], &r);
    CHECK(pselect(p[0] + 1, &r, NULL, NULL, &ts, &none) == -1 && errno == EINTR && got_signal == SIGUSR1,
          "pselect with SIGUSR1 unblocked: EINTR, the handler ran");
    reap(pid);
    sigprocmask(SIG_BLOCK, NULL, &now);
    CHECK(sigismember(&now, SIGUSR1), "after pselect SIGUSR1 is blocked again");
    sigprocmask(SIG_UNBLOCK, &usr1, NULL);
    close(p[0]);
    close(p[1]);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp/usertest";

    mkdir(dir, 0755);
    test_pipe_states();
    test_fifo(dir);
    test_poll_misc(dir);
    test_poll_waits();
    test_select();
    test_raw_select();
    test_time64();
    test_signals();
    return done("poll_test");
}
