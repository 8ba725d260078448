// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/stop_test.c [DIR]: stop signals and job control as a static
// glibc program sees them: SIGSTOP stopping a child (waitpid WUNTRACED:
// WIFSTOPPED, WSTOPSIG; the stop reported once), the child not running while
// stopped (it writes to a pipe every few ms, and the pipe stays quiet);
// SIGCONT resuming it (WCONTINUED: WIFCONTINUED); the parent's SIGCHLD with
// si_code CLD_STOPPED and CLD_CONTINUED, and none with SA_NOCLDSTOP; SIGTSTP
// caught by a handler, ignored, or stopping by default, and SIGTTIN
// likewise; SIGKILL ending a stopped child; every thread of a
// multi-threaded child stopping and going on; waitid with WSTOPPED,
// WCONTINUED, WNOWAIT and WNOHANG; a signal sent while stopped delivered
// after SIGCONT; a SIGCONT discarding a pending stop signal and a stop
// signal a pending SIGCONT; default SIGTSTP discarded in an orphaned
// process group; and poll and select on the terminal (/dev/tty, else
// /dev/console) waiting out their timeout when no input comes.  DIR is not
// written.
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define LONG_WAIT 3000                  // ms: for what must happen (QEMU TCG is slow)
#define QUIET 150                       // ms: for what must not

static int out[2];                      // children write here; the parent reads (non-blocking)

// sleeps ms even when a signal handler runs meanwhile
static void nap(long ms)
{
    long end = now_ms() + ms;
    while (now_ms() < end)
        sleep_ms(end - now_ms());
}

// whether byte c comes on the pipe within ms (other bytes are dropped)
static int comes(char c, long ms)
{
    long end = now_ms() + ms;
    char b;

    do {
        while (read(out[0], &b, 1) == 1)
            if (b == c)
                return 1;
        sleep_ms(5);
    } while (now_ms() < end);
    return 0;
}

static void drain(void)
{
    char b[64];
    while (read(out[0], b, sizeof b) > 0)
        ;
}

// nothing comes on the pipe for QUIET ms
static int quiet(void)
{
    char b;
    drain();
    nap(QUIET);
    return read(out[0], &b, 1) == -1 && errno == EAGAIN;
}

static void say(char c)
{
    if (write(out[1], &c, 1) != 1)
        _exit(9);
}

// a child that writes c every 2 ms for ever
static void ticker(char c)
{
    for (;;) {
        say(c);
        sleep_ms(2);
    }
}

static pid_t fork_ticker(char c)
{
    pid_t pid = fork();
    if (pid == 0)
        ticker(c);
    return pid;
}

// waitpid's status, -1 when nothing comes within LONG_WAIT ms (WNOHANG
// polls, so a kernel that never reports cannot hang the test)
static int status_of(pid_t pid, int options)
{
    long end = now_ms() + LONG_WAIT;
    int st = -1, r;

    while ((r = waitpid(pid, &st, options | WNOHANG)) == 0 && now_ms() < end)
        sleep_ms(5);
    return r == pid ? st : -1;
}

// waitid likewise: -1 when nothing comes (si_pid stays 0)
static int waitid_for(idtype_t type, id_t id, siginfo_t *si, int options)
{
    long end = now_ms() + LONG_WAIT;
    int r;

    do {
        memset(si, 0, sizeof *si);
        if ((r = waitid(type, id, si, options | WNOHANG)) < 0 || si->si_pid)
            return r;
        sleep_ms(5);
    } while (now_ms() < end);
    return -1;
}

static int stopped_by(pid_t pid, int sig)
{
    int st = status_of(pid, WUNTRACED);
    return WIFSTOPPED(st) && WSTOPSIG(st) == sig;
}

static int killed_by(pid_t pid, int sig)
{
    int st = status_of(pid, 0);
    return WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

static void end_child(pid_t pid)
{
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    drain();
}

static void test_stop_continue(void)
{
    pid_t pid = fork_ticker('a');
    int st;

    CHECK(comes('a', LONG_WAIT), "a child runs (writes to the pipe)");
    CHECK(kill(pid, SIGSTOP) == 0 && stopped_by(pid, SIGSTOP), "SIGSTOP: waitpid WUNTRACED gives WIFSTOPPED, WSTOPSIG SIGSTOP");
    CHECK(quiet(), "a stopped child does not run");
    CHECK(waitpid(pid, &st, WUNTRACED | WNOHANG) == 0, "the stop is reported once");
    CHECK(waitpid(pid, &st, WNOHANG) == 0, "waitpid without WUNTRACED does not report a stop");
    CHECK(kill(pid, SIGSTOP) == 0 && waitpid(pid, &st, WUNTRACED | WNOHANG) == 0,
          "SIGSTOP to a stopped child reports nothing new");
    kill(pid, SIGCONT);
    st = status_of(pid, WCONTINUED);
    CHECK(WIFCONTINUED(st) && st == 0xffff, "SIGCONT: waitpid WCONTINUED gives WIFCONTINUED (0xffff)");
    CHECK(comes('a', LONG_WAIT), "a continued child runs again");
    CHECK(waitpid(pid, &st, WCONTINUED | WNOHANG) == 0, "the continue is reported once");
    kill(pid, SIGSTOP);
    CHECK(status_of(pid, WUNTRACED | WCONTINUED) == (SIGSTOP << 8 | 0x7f), "the stopped status is 0x7f | SIGSTOP << 8");
    CHECK(kill(pid, SIGKILL) == 0 && killed_by(pid, SIGKILL), "SIGKILL ends a stopped child");
    drain();
}

static volatile sig_atomic_t chld_count, chld_code, chld_status, chld_pid;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    chld_code = si->si_code;
    chld_status = si->si_status;
    chld_pid = si->si_pid;
    chld_count++;
}

static void catch_chld(int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART | flags;
    sigaction(SIGCHLD, &sa, NULL);
    chld_count = 0;
}

// a SIGCHLD comes within LONG_WAIT ms
static int chld_comes(int before)
{
    long end = now_ms() + LONG_WAIT;
    while (chld_count == before && now_ms() < end)
        sleep_ms(5);
    return chld_count != before;
}

static void test_sigchld(void)
{
    pid_t pid;

    catch_chld(0);
    pid = fork_ticker('b');
    kill(pid, SIGSTOP);
    CHECK(chld_comes(0) && chld_code == CLD_STOPPED && chld_status == SIGSTOP && chld_pid == pid,
          "SIGCHLD at a stop: si_code CLD_STOPPED, si_status SIGSTOP, si_pid");
    CHECK(stopped_by(pid, SIGSTOP), "the stop is still there for waitpid after SIGCHLD");
    kill(pid, SIGCONT);
    CHECK(chld_comes(1) && chld_code == CLD_CONTINUED && chld_status == SIGCONT && chld_pid == pid,
          "SIGCHLD at a continue: si_code CLD_CONTINUED, si_status SIGCONT");
    end_child(pid);

    catch_chld(SA_NOCLDSTOP);
    pid = fork_ticker('c');
    kill(pid, SIGSTOP);
    CHECK(stopped_by(pid, SIGSTOP), "with SA_NOCLDSTOP the child still stops");
    kill(pid, SIGCONT);
    CHECK(WIFCONTINUED(status_of(pid, WCONTINUED)), "with SA_NOCLDSTOP the child still continues");
    nap(QUIET);
    CHECK(chld_count == 0, "SA_NOCLDSTOP: no SIGCHLD for a stop or a continue");
    kill(pid, SIGKILL);
    CHECK(chld_comes(0) && chld_code == CLD_KILLED, "SA_NOCLDSTOP: SIGCHLD still comes at the end (CLD_KILLED)");
    waitpid(pid, NULL, 0);
    drain();
    signal(SIGCHLD, SIG_DFL);
}

static void on_tstp(int sig)
{
    (void)sig;
    say('T');
}

// SIGTSTP's and SIGTTIN's default stops only outside an orphaned process
// group: each child leads its own group, whose parent (this program) is in
// another group of the same session
static pid_t fork_in_group(void (*handler)(int), char c)
{
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        if (handler)
            signal(SIGTSTP, handler);
        ticker(c);
    }
    setpgid(pid, pid);
    return pid;
}

static void test_tstp(void)
{
    pid_t pid = fork_in_group(on_tstp, 'd');
    int st;

    CHECK(comes('d', LONG_WAIT), "a child with a SIGTSTP handler runs");
    kill(pid, SIGTSTP);
    CHECK(comes('T', LONG_WAIT), "SIGTSTP caught: the handler runs");
    CHECK(comes('d', LONG_WAIT) && waitpid(pid, &st, WUNTRACED | WNOHANG) == 0, "SIGTSTP caught: no stop");
    end_child(pid);

    pid = fork_in_group(SIG_IGN, 'e');
    CHECK(comes('e', LONG_WAIT), "a child ignoring SIGTSTP runs");
    kill(pid, SIGTSTP);
    CHECK(comes('e', LONG_WAIT) && waitpid(pid, &st, WUNTRACED | WNOHANG) == 0, "SIGTSTP ignored: no stop");
    end_child(pid);

    pid = fork_in_group(NULL, 'f');
    CHECK(comes('f', LONG_WAIT), "a child with SIGTSTP's default runs");
    kill(pid, SIGTSTP);
    CHECK(stopped_by(pid, SIGTSTP), "SIGTSTP's default: stopped, WSTOPSIG SIGTSTP");
    CHECK(quiet(), "stopped by SIGTSTP: the child does not run");
    kill(pid, SIGCONT);
    CHECK(comes('f', LONG_WAIT), "continued after SIGTSTP");
    kill(pid, SIGTTIN);
    CHECK(stopped_by(pid, SIGTTIN), "SIGTTIN's default: stopped, WSTOPSIG SIGTTIN");
    end_child(pid);
}

static void *thread_ticker(void *arg)
{
    ticker(*(char *)arg);
    return NULL;
}

static void test_threads(void)
{
    static char names[2] = { 'g', 'h' };
    pid_t pid = fork();
    pthread_t t;
    int i;

    if (pid == 0) {
        for (i = 0; i < 2; i++)
            pthread_create(&t, NULL, thread_ticker, &names[i]);
        ticker('i');
    }
    CHECK(comes('g', LONG_WAIT) && comes('h', LONG_WAIT) && comes('i', LONG_WAIT),
          "a child with three threads: each writes");
    kill(pid, SIGSTOP);
    CHECK(stopped_by(pid, SIGSTOP), "SIGSTOP to a threaded child: stopped");
    CHECK(quiet(), "none of its threads runs while it is stopped");
    kill(pid, SIGCONT);
    CHECK(comes('g', LONG_WAIT) && comes('h', LONG_WAIT) && comes('i', LONG_WAIT),
          "SIGCONT: every thread runs again");
    end_child(pid);
}

static void test_waitid(void)
{
    pid_t pid = fork_ticker('j');
    siginfo_t si;

    kill(pid, SIGSTOP);
    CHECK(waitid_for(P_PID, pid, &si, WSTOPPED | WNOWAIT) == 0 && si.si_code == CLD_STOPPED &&
          si.si_status == SIGSTOP && si.si_pid == pid && si.si_signo == SIGCHLD,
          "waitid WSTOPPED|WNOWAIT: CLD_STOPPED, si_status SIGSTOP");
    CHECK(waitid_for(P_PID, pid, &si, WSTOPPED) == 0 && si.si_code == CLD_STOPPED && si.si_pid == pid,
          "WNOWAIT left the stop to report: waitid WSTOPPED gets it again");
    memset(&si, 0xff, sizeof si);
    CHECK(waitid(P_PID, pid, &si, WSTOPPED | WNOHANG) == 0 && si.si_pid == 0 && si.si_signo == 0,
          "then waitid WSTOPPED|WNOHANG: nothing (si_pid 0)");
    CHECK(waitid(P_PID, pid, &si, WNOHANG) == -1 && errno == EINVAL,
          "waitid without WEXITED, WSTOPPED or WCONTINUED: EINVAL");
    kill(pid, SIGCONT);
    CHECK(waitid_for(P_ALL, 0, &si, WCONTINUED) == 0 && si.si_code == CLD_CONTINUED && si.si_status == SIGCONT &&
          si.si_pid == pid, "waitid WCONTINUED: CLD_CONTINUED, si_status SIGCONT");
    kill(pid, SIGKILL);
    CHECK(waitid_for(P_PID, pid, &si, WEXITED) == 0 && si.si_code == CLD_KILLED && si.si_status == SIGKILL,
          "waitid WEXITED: CLD_KILLED, si_status SIGKILL");
    CHECK(waitid(P_PID, pid, &si, WEXITED) == -1 && errno == ECHILD, "then the child is gone: ECHILD");
    drain();
}

static void on_usr1(int sig)
{
    (void)sig;
    say('U');
}

static void test_pending(void)
{
    pid_t pid = fork();

    if (pid == 0) {
        signal(SIGUSR1, on_usr1);
        ticker('k');
    }
    CHECK(comes('k', LONG_WAIT), "a child with a SIGUSR1 handler runs");
    kill(pid, SIGSTOP);
    stopped_by(pid, SIGSTOP);
    drain();
    kill(pid, SIGUSR1);
    CHECK(quiet(), "SIGUSR1 to a stopped child: its handler does not run yet");
    kill(pid, SIGCONT);
    CHECK(comes('U', LONG_WAIT), "after SIGCONT the pending SIGUSR1's handler runs");
    end_child(pid);
}

static void on_cont(int sig)
{
    (void)sig;
}

// A child blocking SIGTSTP and SIGCONT gets first, then second (each
// discards a pending instance of the other, whatever its disposition), and
// exits 1 if first is pending, 2 if second is, so 2 is the right answer.
static int pending_after(int first, int second)
{
    sigset_t set, pend;
    int p[2], st;
    pid_t pid;
    char c;

    if (pipe(p) < 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        signal(SIGCONT, on_cont);
        sigemptyset(&set);
        sigaddset(&set, SIGTSTP);
        sigaddset(&set, SIGCONT);
        sigprocmask(SIG_BLOCK, &set, NULL);
        say('r');
        read(p[0], &c, 1);
        sigpending(&pend);
        _exit(sigismember(&pend, first) | sigismember(&pend, second) << 1);
    }
    comes('r', LONG_WAIT);
    kill(pid, first);
    kill(pid, second);
    write(p[1], "g", 1);
    st = status_of(pid, 0);
    close(p[0]);
    close(p[1]);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_discard(void)
{
    CHECK(pending_after(SIGTSTP, SIGCONT) == 2, "SIGCONT discards a pending SIGTSTP");
    CHECK(pending_after(SIGCONT, SIGTSTP) == 2, "SIGTSTP discards a pending SIGCONT");
}

// A grandchild leading its own group is orphaned when its parent (the
// child) exits: init adopts it, and the group has no parent in another
// group of the session.  SIGTSTP's default is then discarded (Linux).
static void test_orphaned(void)
{
    pid_t pid = fork(), gc;
    int st;

    if (pid == 0) {
        gc = fork();
        if (gc == 0) {
            long end = now_ms() + LONG_WAIT;
            setpgid(0, 0);
            while (getppid() != 1 && now_ms() < end)
                sleep_ms(5);
            if (getppid() != 1)
                say('n');               // adopted by another reaper: the check means nothing
            else {
                kill(0, SIGTSTP);
                say('o');
            }
            _exit(0);
        }
        setpgid(gc, gc);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    CHECK(1, "a child leaves a grandchild leading its own group");
    {
        long end = now_ms() + LONG_WAIT;
        char b = 0;
        while (b != 'o' && b != 'n' && now_ms() < end)
            if (read(out[0], &b, 1) != 1)
                sleep_ms(5);
        if (b == 'n')
            skip("SIGTSTP in an orphaned group is discarded", "init is not the reaper here");
        else
            CHECK(b == 'o', "SIGTSTP in an orphaned group is discarded: the grandchild goes on");
    }
}

// The terminal has no input here: poll and select wait for their timeout
// (bash's read -t), while output is ready at once.
static void test_tty_poll(void)
{
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY);
    struct pollfd p;
    struct timeval tv = { 0, 200000 };
    fd_set in;
    long t0;

    if (fd < 0)
        fd = open("/dev/console", O_RDWR | O_NOCTTY);
    if (fd < 0 || !isatty(fd)) {
        skip("poll on the terminal", "no /dev/tty or /dev/console");
        return;
    }
    p.fd = fd;
    p.events = POLLIN;
    t0 = now_ms();
    CHECK(poll(&p, 1, 300) == 0 && now_ms() - t0 >= 250, "poll POLLIN on the terminal, no input: times out (300 ms)");
    p.events = POLLOUT;
    CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT, "poll POLLOUT on the terminal: ready");
    FD_ZERO(&in);
    FD_SET(fd, &in);
    t0 = now_ms();
    CHECK(select(fd + 1, &in, NULL, NULL, &tv) == 0 && now_ms() - t0 >= 150 && !FD_ISSET(fd, &in),
          "select for reading on the terminal, no input: times out (200 ms)");
    close(fd);
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    if (pipe(out) < 0 || fcntl(out[0], F_SETFL, O_NONBLOCK) < 0) {
        CHECK(0, "a pipe");
        return done("stop_test");
    }
    test_stop_continue();
    test_sigchld();
    test_tstp();
    test_threads();
    test_waitid();
    test_pending();
    test_discard();
    test_orphaned();
    test_tty_poll();
    return done("stop_test");
}
