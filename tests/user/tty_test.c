// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/tty_test.c [DIR]: the console as a terminal, as a static glibc
// program sees it: isatty true for /dev/console and false (ENOTTY) for a
// pipe, a regular file and /dev/null; tcgetattr and tcsetattr (TCSANOW,
// TCSADRAIN, TCSAFLUSH) keeping what was set; a non-canonical read with
// VMIN 0 returning at once; the window size (TIOCGWINSZ, TIOCSWINSZ); the
// foreground process group and session on the controlling terminal
// (/dev/tty; skipped where there is none), and -ENOTTY for them after
// setsid, when /dev/tty is ENXIO; the requests every descriptor answers (FIONREAD, FIONBIO,
// FIOCLEX, FIONCLEX).  Everything changed on the console is put back.
// Opening /dev/console needs root on Linux; without it those checks skip.
// USERTEST_QEMU_USER in the environment skips what qemu-user gets wrong.
// DIR (default /tmp/usertest) holds the one file it writes.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "check.h"

static int exited_with(pid_t pid, int code)
{
    int st = -1;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) && WEXITSTATUS(st) == code;
}

static int not_a_tty(int fd)
{
    struct termios t;
    struct winsize w;
    errno = 0;
    if (isatty(fd) || errno != ENOTTY)
        return 0;
    return tcgetattr(fd, &t) == -1 && errno == ENOTTY && ioctl(fd, TIOCGWINSZ, &w) == -1 && errno == ENOTTY;
}

static void test_not_terminals(const char *dir)
{
    char path[512];
    int p[2], fd;

    CHECK(pipe(p) == 0, "pipe");
    CHECK(not_a_tty(p[0]) && not_a_tty(p[1]), "a pipe is no terminal: isatty, TCGETS, TIOCGWINSZ give ENOTTY");
    snprintf(path, sizeof path, "%s/file", dir);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0 && not_a_tty(fd), "a regular file is no terminal (ENOTTY)");
    close(fd);
    unlink(path);
    fd = open("/dev/null", O_RDWR);
    CHECK(fd >= 0 && not_a_tty(fd), "/dev/null is no terminal (ENOTTY)");
    close(fd);
    if (getenv("USERTEST_QEMU_USER"))
        skip("an unknown ioctl on a pipe: ENOTTY", "qemu-user (7.2) answers ENOSYS to ioctls it does not know");
    else
        CHECK(ioctl(p[0], 0x5499, 0) == -1 && errno == ENOTTY, "an unknown ioctl on a pipe: ENOTTY");
    close(p[0]);
    close(p[1]);
    CHECK(ioctl(p[0], TCGETS, 0) == -1 && errno == EBADF, "ioctl on a closed descriptor: EBADF");
}

// the c_cc entries tcsetattr hands the kernel (glibc's NCCS is larger)
static int same_termios(const struct termios *a, const struct termios *b)
{
    return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag && a->c_cflag == b->c_cflag &&
           a->c_lflag == b->c_lflag && !memcmp(a->c_cc, b->c_cc, 17);
}

static void test_termios(int con)
{
    struct termios orig, t, got;
    char c;

    CHECK(isatty(con), "isatty(/dev/console)");
    CHECK(tcgetattr(con, &orig) == 0, "tcgetattr on the console");
    CHECK((orig.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG),
          "the console starts canonical, echoing, with signals (ICANON, ECHO, ISIG)");
    CHECK(orig.c_cc[VINTR] == 3 && orig.c_cc[VEOF] == 4 && orig.c_cc[VERASE] == 0177 &&
          (orig.c_cflag & CSIZE) == CS8 && (orig.c_oflag & OPOST),
          "the console's defaults: ^C, ^D, DEL; CS8; OPOST");
    t = orig;
    t.c_lflag &= ~(ICANON | ECHO);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    CHECK(tcsetattr(con, TCSANOW, &t) == 0 && tcgetattr(con, &got) == 0 && same_termios(&t, &got),
          "tcsetattr(TCSANOW) without ICANON and ECHO: tcgetattr gives it back");
    CHECK(read(con, &c, 1) == 0, "a non-canonical read with VMIN 0 and no input returns 0 at once");
    t.c_cc[VMIN] = 1;
    CHECK(tcsetattr(con, TCSADRAIN, &t) == 0 && tcgetattr(con, &got) == 0 && got.c_cc[VMIN] == 1,
          "tcsetattr(TCSADRAIN)");
    t.c_lflag |= ICANON;
    CHECK(tcsetattr(con, TCSAFLUSH, &t) == 0 && tcgetattr(con, &got) == 0 && (got.c_lflag & ICANON),
          "tcsetattr(TCSAFLUSH)");
    CHECK(tcdrain(con) == 0 && tcflush(con, TCIOFLUSH) == 0, "tcdrain, tcflush");
    CHECK(tcflush(con, 7) == -1 && errno == EINVAL, "tcflush of an unknown queue: EINVAL");
    CHECK(tcsetattr(con, TCSANOW, &orig) == 0 && tcgetattr(con, &got) == 0 && same_termios(&orig, &got),
          "the console's settings put back");
}

static void test_winsize(int con)
{
    struct winsize orig, w = { 30, 100, 0, 0 }, got;

    CHECK(ioctl(con, TIOCGWINSZ, &orig) == 0, "TIOCGWINSZ on the console");
    CHECK(ioctl(con, TIOCSWINSZ, &w) == 0 && ioctl(con, TIOCGWINSZ, &got) == 0 && got.ws_row == 30 &&
          got.ws_col == 100, "TIOCSWINSZ 100x30, then TIOCGWINSZ gives it back");
    CHECK(ioctl(con, TIOCSWINSZ, &orig) == 0, "the window size put back");
    CHECK(ioctl(con, TIOCGWINSZ, (void *)16) == -1 && errno == EFAULT, "TIOCGWINSZ to a bad pointer: EFAULT");
}

// The console is not a controlling terminal of a new session: setsid drops
// the old one, and opening /dev/console never makes one (Linux).
static void test_after_setsid(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        int con, ok;
        setsid();
        con = open("/dev/console", O_RDWR);
        ok = con >= 0 && isatty(con) && tcgetpgrp(con) == -1 && errno == ENOTTY;
        _exit(ok ? 0 : 1);
    }
    CHECK(exited_with(pid, 0), "after setsid the console is a terminal but not ours: tcgetpgrp ENOTTY");
    pid = fork();
    if (pid == 0) {
        setsid();
        _exit(open("/dev/tty", O_RDWR) == -1 && errno == ENXIO ? 0 : 1);
    }
    CHECK(exited_with(pid, 0), "after setsid there is no controlling terminal: /dev/tty gives ENXIO");
}

// The controlling terminal, where there is one: its foreground group is
// ours at first, and tcsetpgrp moves it to another group of the session.
// SIGTTOU is blocked while a background group puts it back, as shells do.
static void test_foreground(void)
{
    int tty = open("/dev/tty", O_RDWR), st;
    pid_t pid, me = getpgrp();
    sigset_t ttou, old;
    int p[2];
    char c;

    if (tty < 0) {
        skip("the foreground process group of the controlling terminal", "no controlling terminal here");
        return;
    }
    CHECK(tcgetpgrp(tty) == me, "tcgetpgrp: our group is in the foreground");
    CHECK(tcgetsid(tty) == getsid(0), "tcgetsid: our session");
    CHECK(tcsetpgrp(tty, me) == 0, "tcsetpgrp to our own group");
    CHECK(tcsetpgrp(tty, 999999) == -1 && errno == ESRCH, "tcsetpgrp to no group: ESRCH");
    CHECK(pipe(p) == 0, "pipe");
    if ((pid = fork()) == 0) {
        setpgid(0, 0);
        close(p[1]);
        read(p[0], &c, 1);              // until the parent has looked
        _exit(0);
    }
    setpgid(pid, pid);
    CHECK(tcsetpgrp(tty, pid) == 0 && tcgetpgrp(tty) == pid, "tcsetpgrp to a child's new group");
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    sigprocmask(SIG_BLOCK, &ttou, &old);
    CHECK(tcsetpgrp(tty, me) == 0 && tcgetpgrp(tty) == me, "tcsetpgrp back to ours (SIGTTOU blocked)");
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(p[1]);
    close(p[0]);
    waitpid(pid, &st, 0);
    close(tty);
}

static void test_fd_requests(const char *dir)
{
    char path[512];
    int p[2], fd, n = -1, on = 1, off = 0;

    CHECK(pipe(p) == 0 && write(p[1], "hello", 5) == 5, "pipe with 5 bytes");
    CHECK(ioctl(p[0], FIONREAD, &n) == 0 && n == 5, "FIONREAD on a pipe: 5");
    CHECK(ioctl(p[0], FIONBIO, &on) == 0 && (fcntl(p[0], F_GETFL) & O_NONBLOCK), "FIONBIO 1 sets O_NONBLOCK");
    CHECK(ioctl(p[0], FIONBIO, &off) == 0 && !(fcntl(p[0], F_GETFL) & O_NONBLOCK), "FIONBIO 0 clears it");
    CHECK(ioctl(p[0], FIOCLEX) == 0 && fcntl(p[0], F_GETFD) == FD_CLOEXEC, "FIOCLEX sets FD_CLOEXEC");
    CHECK(ioctl(p[0], FIONCLEX) == 0 && fcntl(p[0], F_GETFD) == 0, "FIONCLEX clears it");
    close(p[0]);
    close(p[1]);
    snprintf(path, sizeof path, "%s/file", dir);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0 && write(fd, "0123456789", 10) == 10 && lseek(fd, 3, SEEK_SET) == 3 &&
          ioctl(fd, FIONREAD, &n) == 0 && n == 7, "FIONREAD on a regular file: the bytes after the position");
    close(fd);
    unlink(path);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp/usertest";
    int con;

    mkdir(dir, 0755);
    test_not_terminals(dir);
    test_fd_requests(dir);
    con = open("/dev/console", O_RDWR | O_NOCTTY);
    if (con < 0) {
        skip("the console as a terminal", "cannot open /dev/console (not root?)");
    } else {
        test_termios(con);
        test_winsize(con);
        CHECK(ioctl(con, FIONREAD, &(int){ -1 }) == 0, "FIONREAD on the console");
        close(con);
        test_after_setsid();
    }
    test_foreground();
    return done("tty_test");
}
