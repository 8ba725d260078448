// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/mknod_test.c [DIR]: mknod and mknodat as Linux has them, and
// the devices a device file reaches: null, zero, full, random, urandom by
// their numbers; tty behaves as the system's /dev/tty; console opens; an
// unknown character or block device is ENXIO.  Modes (umask applied, type 0
// a regular file, EPERM for a directory, EINVAL for a symlink or no type),
// EEXIST, device numbers past 8 bits, FIFOs (an open waits for the other
// end, O_NONBLOCK writer ENXIO, O_RDWR both ends), sockets (open ENXIO).
// live-bootstrap's populate_device_nodes, on DIR/dev: `test -c || mknod -m`,
// then I/O through each node.  Where the system has no /dev (our kernel on a
// fresh volume), the same steps on /dev itself, and the built-in names
// (/dev/null ...) stay the same devices once real device files take them
// over; on a host that part says SKIP.  Needs root (mknod of a device).
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static char path[4200];
static unsigned char buf[4096];

static const char *at(const char *dir, const char *name)
{
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static int is_dev(const char *p, mode_t type, unsigned ma, unsigned mi)
{
    struct stat st;
    return stat(p, &st) == 0 && (st.st_mode & S_IFMT) == type && major(st.st_rdev) == ma &&
           minor(st.st_rdev) == mi;
}

static int all_zero(const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

// DIR/null, zero, full (with_full), random and urandom do what Linux's do
static void check_devices(const char *what, const char *dir, int with_full)
{
    char msg[200], p[4200], b2[64];
    int fd, fd2;

    snprintf(msg, sizeof msg, "%s: null swallows writes and reads as end of file", what);
    snprintf(p, sizeof p, "%s/null", dir);
    fd = open(p, O_RDWR);
    CHECK(fd >= 0 && write(fd, "hello", 5) == 5 && read(fd, buf, sizeof buf) == 0, msg);
    close(fd);
    snprintf(msg, sizeof msg, "%s: zero reads zeros and takes writes", what);
    snprintf(p, sizeof p, "%s/zero", dir);
    fd = open(p, O_RDWR);
    memset(buf, 1, sizeof buf);
    CHECK(fd >= 0 && read(fd, buf, sizeof buf) == sizeof buf && all_zero(buf, sizeof buf) &&
          write(fd, "x", 1) == 1, msg);
    close(fd);
    if (with_full) {
        snprintf(msg, sizeof msg, "%s: full: write ENOSPC, reads zeros", what);
        snprintf(p, sizeof p, "%s/full", dir);
        fd = open(p, O_RDWR);
        memset(buf, 1, 64);
        CHECK(fd >= 0 && write(fd, "x", 1) == -1 && errno == ENOSPC && read(fd, buf, 64) == 64 &&
              all_zero(buf, 64), msg);
        close(fd);
    }
    snprintf(msg, sizeof msg, "%s: random and urandom give bytes that differ", what);
    snprintf(p, sizeof p, "%s/random", dir);
    fd = open(p, O_RDONLY);
    snprintf(p, sizeof p, "%s/urandom", dir);
    fd2 = open(p, O_RDONLY);
    CHECK(fd >= 0 && fd2 >= 0 && read(fd, buf, 64) == 64 && read(fd2, b2, 64) == 64 &&
          !all_zero(buf, 64) && memcmp(buf, b2, 64) != 0, msg);
    close(fd);
    close(fd2);
}

static void test_devices(const char *dir)
{
    static const struct { const char *name; mode_t type; unsigned ma, mi; } nodes[] = {
        { "null", S_IFCHR, 1, 3 }, { "zero", S_IFCHR, 1, 5 }, { "full", S_IFCHR, 1, 7 },
        { "random", S_IFCHR, 1, 8 }, { "urandom", S_IFCHR, 1, 9 }, { "tty", S_IFCHR, 5, 0 },
        { "console", S_IFCHR, 5, 1 }, { "unknown", S_IFCHR, 42, 42 }, { "blk", S_IFBLK, 240, 0 },
        { "big", S_IFCHR, 300, 70000 },
    };
    struct stat st, st2;
    char msg[200];
    int fd, fd2, e1, e2;

    umask(022);
    for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
        int r = mknod(at(dir, nodes[i].name), nodes[i].type | 0666, makedev(nodes[i].ma, nodes[i].mi));
        snprintf(msg, sizeof msg, "mknod %s %c %u %u; stat: that type, number, mode 0644 (umask)",
                 nodes[i].name, nodes[i].type == S_IFCHR ? 'c' : 'b', nodes[i].ma, nodes[i].mi);
        CHECK(r == 0 && is_dev(path, nodes[i].type, nodes[i].ma, nodes[i].mi) && stat(path, &st) == 0 &&
              (st.st_mode & 07777) == 0644 && st.st_size == 0, msg);
    }
    fd = open(at(dir, "null"), O_RDONLY);
    CHECK(fd >= 0 && fstat(fd, &st) == 0 && stat(path, &st2) == 0 && st.st_ino == st2.st_ino &&
          st.st_rdev == makedev(1, 3) && S_ISCHR(st.st_mode), "fstat of an open device file: its inode");
    close(fd);
    check_devices("device files", dir, 1);
    fd = open(at(dir, "tty"), O_RDWR | O_NOCTTY);
    e1 = errno;
    fd2 = open("/dev/tty", O_RDWR | O_NOCTTY);
    e2 = errno;
    CHECK((fd >= 0) == (fd2 >= 0) && (fd >= 0 || e1 == e2), "tty (5, 0) opens as /dev/tty does");
    close(fd);
    close(fd2);
    fd = open(at(dir, "console"), O_WRONLY | O_NOCTTY);
    CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_rdev == makedev(5, 1), "console (5, 1) opens");
    close(fd);
    CHECK(open(at(dir, "unknown"), O_RDONLY) == -1 && errno == ENXIO, "an unknown character device: ENXIO");
    CHECK(open(at(dir, "blk"), O_RDONLY) == -1 && errno == ENXIO, "an unknown block device: ENXIO");
    CHECK(mknod(at(dir, "null"), S_IFCHR | 0666, makedev(1, 3)) == -1 && errno == EEXIST,
          "mknod over an existing name: EEXIST");
    for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
        unlink(at(dir, nodes[i].name));
}

static void test_modes(const char *dir)
{
    struct stat st;
    int dfd;

    CHECK(mknod(at(dir, "reg"), 0640, 0) == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
          (st.st_mode & 0777) == 0640, "mknod with no type: a regular file");
    unlink(path);
    CHECK(mknod(at(dir, "reg"), S_IFREG | 0600, 0) == 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode),
          "mknod S_IFREG: a regular file");
    unlink(path);
    CHECK(mknod(at(dir, "d"), S_IFDIR | 0755, 0) == -1 && errno == EPERM, "mknod S_IFDIR: EPERM");
    CHECK(mknod(at(dir, "l"), S_IFLNK | 0777, 0) == -1 && errno == EINVAL, "mknod S_IFLNK: EINVAL");
    CHECK(mknod(at(dir, "x"), 0030000 | 0644, 0) == -1 && errno == EINVAL, "mknod of no known type: EINVAL");
    CHECK(mknod("/no/such/dir/x", S_IFIFO | 0644, 0) == -1 && errno == ENOENT, "mknod in a missing directory: ENOENT");
    dfd = open(dir, O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0 && mknodat(dfd, "at", S_IFCHR | 0600, makedev(1, 5)) == 0 &&
          is_dev(at(dir, "at"), S_IFCHR, 1, 5), "mknodat from a directory descriptor");
    unlink(path);
    CHECK(syscall(SYS_mknod, at(dir, "old"), S_IFCHR | 0600, makedev(1, 9)) == 0 &&
          is_dev(path, S_IFCHR, 1, 9), "mknod by its own number (14)");
    unlink(path);
    close(dfd);
    CHECK(mknod(at(dir, "sock"), S_IFSOCK | 0644, 0) == 0 && stat(path, &st) == 0 && S_ISSOCK(st.st_mode),
          "mknod S_IFSOCK: a socket file");
    CHECK(open(path, O_RDONLY) == -1 && errno == ENXIO, "opening a socket file: ENXIO");
    unlink(path);
}

static void test_fifo(const char *dir)
{
    struct stat st;
    char got[16];
    pid_t pid;
    int fd, st_;

    CHECK(mknod(at(dir, "fifo"), S_IFIFO | 0644, 0) == 0 && stat(path, &st) == 0 && S_ISFIFO(st.st_mode),
          "mknod S_IFIFO: a FIFO");
    CHECK(open(path, O_WRONLY | O_NONBLOCK) == -1 && errno == ENXIO, "O_NONBLOCK writer, no reader: ENXIO");
    if ((pid = fork()) == 0) {
        usleep(100000);                 // the reader waits in open meanwhile
        fd = open(path, O_WRONLY);
        _exit(fd >= 0 && write(fd, "through", 7) == 7 ? 0 : 1);
    }
    fd = open(path, O_RDONLY);
    CHECK(fd >= 0 && read(fd, got, sizeof got) == 7 && !memcmp(got, "through", 7),
          "a reader's open waits for the writer; the bytes pass");
    CHECK(waitpid(pid, &st_, 0) == pid && WIFEXITED(st_) && WEXITSTATUS(st_) == 0 && read(fd, got, 1) == 0,
          "end of file once the writer is gone");
    CHECK(fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode), "fstat of an open FIFO: a FIFO");
    close(fd);
    fd = open(path, O_RDWR);
    CHECK(fd >= 0 && write(fd, "both", 4) == 4 && read(fd, got, 4) == 4 && !memcmp(got, "both", 4),
          "O_RDWR: both ends, no wait");
    close(fd);
    fd = open(path, O_RDONLY | O_NONBLOCK);
    CHECK(fd >= 0 && read(fd, got, 1) == 0, "O_NONBLOCK reader: no wait, end of file");
    close(fd);
    unlink(path);
}

// live-bootstrap's steps/improve/populate_device_nodes.sh (its device part)
static const struct { const char *name; mode_t mode; unsigned ma, mi; } lb_nodes[] = {
    { "null", 0666, 1, 3 }, { "zero", 0666, 1, 5 }, { "random", 0444, 1, 8 },
    { "urandom", 0444, 1, 9 }, { "ptmx", 0666, 5, 2 }, { "tty", 0666, 5, 0 },
    { "console", 0666, 5, 1 }, { "tty1", 0666, 4, 1 }, { "sda", 0600, 8, 0 },
};

// mkdir -p DEV; test -c DEV/X || mknod -m MODE DEV/X c MA MI; every node then has its number
static void populate(const char *dev, const char *what)
{
    char msg[200];
    int ok = 1;

    mkdir(dev, 0755);
    for (size_t i = 0; i < sizeof lb_nodes / sizeof lb_nodes[0]; i++) {
        mode_t type = !strcmp(lb_nodes[i].name, "sda") ? S_IFBLK : S_IFCHR;
        struct stat st;
        if (stat(at(dev, lb_nodes[i].name), &st) == 0 && (st.st_mode & S_IFMT) == type)
            continue;
        unlink(path);
        mode_t old = umask(0);          // as mknod -m
        if (mknod(path, type | lb_nodes[i].mode, makedev(lb_nodes[i].ma, lb_nodes[i].mi)) < 0)
            ok = 0;
        umask(old);
        ok = ok && is_dev(path, type, lb_nodes[i].ma, lb_nodes[i].mi);
    }
    snprintf(msg, sizeof msg, "%s: populate_device_nodes makes them all", what);
    CHECK(ok, msg);
}

static void test_populate(const char *dir)
{
    char dev[4096];
    struct stat st, before;

    snprintf(dev, sizeof dev, "%s/dev", dir);
    populate(dev, "DIR/dev");
    check_devices("DIR/dev", dev, 0);
    for (size_t i = 0; i < sizeof lb_nodes / sizeof lb_nodes[0]; i++)
        unlink(at(dev, lb_nodes[i].name));
    rmdir(dev);
    // the system's own names, with Linux's numbers
    CHECK(is_dev("/dev/null", S_IFCHR, 1, 3) && is_dev("/dev/zero", S_IFCHR, 1, 5) &&
          is_dev("/dev/full", S_IFCHR, 1, 7) && is_dev("/dev/random", S_IFCHR, 1, 8) &&
          is_dev("/dev/urandom", S_IFCHR, 1, 9) && is_dev("/dev/tty", S_IFCHR, 5, 0),
          "/dev/null, zero, full, random, urandom, tty: their numbers");
    if (stat("/dev", &st) == 0) {
        skip("populate_device_nodes on /dev itself", "the system has a /dev");
        return;
    }
    // our kernel on a volume without /dev: the built-in names answer until
    // device files take them over, and then nothing changes but the inode
    CHECK(stat("/dev/null", &before) == 0, "stat /dev/null before /dev exists");
    populate("/dev", "/dev");
    // the script's `rm -f /dev/null && mknod`, which a built-in name does not need
    CHECK((unlink("/dev/null") == 0 || errno == ENOENT) && mknod("/dev/null", S_IFCHR | 0666, makedev(1, 3)) == 0 &&
          is_dev("/dev/null", S_IFCHR, 1, 3) && stat("/dev/null", &st) == 0 && st.st_ino != before.st_ino,
          "/dev/null made anew: the device file's inode, the same number");
    check_devices("/dev", "/dev", 1);
    for (size_t i = 0; i < sizeof lb_nodes / sizeof lb_nodes[0]; i++)
        unlink(at("/dev", lb_nodes[i].name));
    CHECK(rmdir("/dev") == 0 && stat("/dev/null", &st) == 0 && st.st_ino == before.st_ino,
          "/dev removed again: /dev/null is the built-in name again");
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp/usertest";

    mkdir(dir, 0755);
    test_devices(dir);
    test_modes(dir);
    test_fifo(dir);
    test_populate(dir);
    return done("mknod_test");
}
