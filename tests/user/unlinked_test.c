// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/unlinked_test.c [DIR]: files that live on without a name, as
// Unix has them: a file unlinked while open stays readable and writable
// through its descriptor, a dup of it, a forked child's copy and an exec'd
// program's inherited descriptor; fstat says nlink 0; its blocks stay in use
// (statvfs) until the last close gives them back.  The same for a file
// renamed over and an rmdir'd directory (which lists nothing: ENOENT, and
// takes no new names), also one that is the working directory of the
// process and of a forked child (no new names, getcwd ENOENT).  And a program that unlinks its own executable, then
// writes over the freed space, still reads its own untouched pages, forks,
// and execs.  Bash's here-documents, configure's conftest files and
// `make install` over a running program do these things.
// Everything is made under DIR (default /tmp/usertest) and removed.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define BIG (16u << 20)                 // the unlinked file: large beside other use of the host's disk
#define SLACK (BIG / 2)                 // what other processes may change meanwhile (on a host)

// 256 KiB of read-only data nothing touches before the executable is gone,
// so its pages are read from the file only then
#define V(n) ((uint32_t)(n) * 2654435761u)
#define V4(n) V(n), V((n) + 1), V((n) + 2), V((n) + 3)
#define V16(n) V4(n), V4((n) + 4), V4((n) + 8), V4((n) + 12)
#define V64(n) V16(n), V16((n) + 16), V16((n) + 32), V16((n) + 48)
#define V256(n) V64(n), V64((n) + 64), V64((n) + 128), V64((n) + 192)
#define V1K(n) V256(n), V256((n) + 256), V256((n) + 512), V256((n) + 768)
#define V4K(n) V1K(n), V1K((n) + 1024), V1K((n) + 2048), V1K((n) + 3072)
#define V16K(n) V4K(n), V4K((n) + 4096), V4K((n) + 8192), V4K((n) + 12288)
#define NTABLE 65536
static const uint32_t table[NTABLE] = { V16K(0), V16K(16384), V16K(32768), V16K(49152) };

static char path[4200], path2[4200];
static uint8_t buf[1 << 16], got[1 << 16];

static const char *at(const char *dir, const char *name)
{
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static int exited_with(pid_t pid, int code)
{
    int st;
    return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == code;
}

static uint64_t free_bytes(const char *dir)
{
    struct statvfs s;
    return statvfs(dir, &s) == 0 ? (uint64_t)s.f_bfree * s.f_frsize : 0;
}

static void fill(uint8_t *b, uint32_t n, uint32_t seed)
{
    for (uint32_t i = 0; i < n; i++)
        b[i] = (uint8_t)((i * 7 + seed) ^ (i >> 9));
}

// the whole BIG file at fd holds the pattern of seed
static int holds(int fd, uint32_t seed)
{
    for (uint32_t off = 0; off < BIG; off += sizeof buf) {
        fill(buf, sizeof buf, seed + off);
        if (pread(fd, got, sizeof got, off) != (ssize_t)sizeof got || memcmp(buf, got, sizeof got))
            return 0;
    }
    return 1;
}

// "-readfd N": the exec'd program reads the unlinked file it inherited
static int readfd_mode(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 && st.st_nlink == 0 && holds(fd, 0) ? 0 : 1;
}

static void test_unlinked_file(const char *dir, const char *self)
{
    uint64_t before = free_bytes(dir), during;
    struct stat st;
    char fdarg[16];
    int fd, fd2;
    pid_t pid;

    fd = open(at(dir, "f"), O_CREAT | O_EXCL | O_RDWR, 0644);
    for (uint32_t off = 0; fd >= 0 && off < BIG; off += sizeof buf) {
        fill(buf, sizeof buf, off);
        if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf)
            break;
    }
    CHECK(fd >= 0 && holds(fd, 0), "write 16 MiB");
    fd2 = dup(fd);
    CHECK(unlink(at(dir, "f")) == 0, "unlink it while open");
    CHECK(stat(at(dir, "f"), &st) == -1 && errno == ENOENT, "the name is gone");
    CHECK(fstat(fd, &st) == 0 && st.st_nlink == 0 && st.st_size == BIG, "fstat: nlink 0, the size kept");
    CHECK(holds(fd, 0), "it reads back whole");
    fill(buf, 4096, 99);
    CHECK(pwrite(fd2, buf, 4096, 8192) == 4096 && pread(fd, got, 4096, 8192) == 4096 &&
          !memcmp(buf, got, 4096), "a write through a dup reads back through the first descriptor");
    fill(buf, sizeof buf, 0);
    CHECK(pwrite(fd, buf + 8192, 4096, 8192) == 4096, "and writes back the pattern");
    during = free_bytes(dir);
    CHECK(during + BIG - SLACK <= before, "its blocks are still in use (statvfs)");
    if ((pid = fork()) == 0) {
        close(fd2);
        _exit(holds(fd, 0) && lseek(fd, 0, SEEK_END) == BIG && write(fd, "tail", 4) == 4 ? 0 : 1);
    }
    CHECK(exited_with(pid, 0), "a forked child reads it and appends");
    CHECK(fstat(fd, &st) == 0 && st.st_size == BIG + 4 && pread(fd, got, 4, BIG) == 4 &&
          !memcmp(got, "tail", 4), "the parent sees the child's append");
    snprintf(fdarg, sizeof fdarg, "%d", fd);
    if ((pid = fork()) == 0) {
        close(fd2);
        execl(self, self, "-readfd", fdarg, (char *)0);
        _exit(99);
    }
    CHECK(exited_with(pid, 0), "an exec'd program reads it through its inherited descriptor");
    CHECK(close(fd) == 0 && fstat(fd2, &st) == 0 && st.st_nlink == 0 && holds(fd2, 0),
          "closing one descriptor leaves the other's file");
    CHECK(close(fd2) == 0 && free_bytes(dir) + SLACK >= before, "the last close frees its blocks (statvfs)");
}

static void test_renamed_over(const char *dir)
{
    struct stat st;
    int fd, w;

    fd = open(at(dir, "a"), O_CREAT | O_RDWR | O_TRUNC, 0644);
    w = write(fd, "old contents", 12);
    close(open(at(dir, "b"), O_CREAT | O_WRONLY | O_TRUNC, 0644));
    snprintf(path2, sizeof path2, "%s/b", dir);
    CHECK(fd >= 0 && w == 12 && rename(path2, at(dir, "a")) == 0, "rename over an open file");
    CHECK(fstat(fd, &st) == 0 && st.st_nlink == 0 && pread(fd, got, 12, 0) == 12 &&
          !memcmp(got, "old contents", 12), "the open file keeps its contents; nlink 0");
    CHECK(stat(at(dir, "a"), &st) == 0 && st.st_size == 0, "the name is the new file's");
    CHECK(close(fd) == 0 && unlink(at(dir, "a")) == 0, "close, unlink the new one");
}

static void test_removed_dir(const char *dir)
{
    struct stat st;
    char dents[1024];
    int dfd = -1;

    CHECK(mkdir(at(dir, "d"), 0755) == 0 && (dfd = open(path, O_RDONLY | O_DIRECTORY)) >= 0,
          "mkdir and open a directory");
    CHECK(rmdir(at(dir, "d")) == 0, "rmdir it while open");
    CHECK(fstat(dfd, &st) == 0 && S_ISDIR(st.st_mode) && st.st_nlink == 0, "fstat: a directory, nlink 0");
    CHECK(syscall(SYS_getdents64, dfd, dents, sizeof dents) == -1 && errno == ENOENT,
          "getdents64 on it: ENOENT");
    CHECK(openat(dfd, "x", O_CREAT | O_WRONLY, 0644) == -1 && errno == ENOENT,
          "no new names in it: ENOENT");
    CHECK(close(dfd) == 0, "close it");
}

// The working directory removed by its full name: the process and a forked
// child are still in it, it takes no new names, and its inode stays in use
// (statvfs's free inodes) until the last of them leaves it.
static void test_removed_cwd(const char *dir)
{
    char home[PATH_MAX], buf[PATH_MAX];
    struct statvfs vfs;
    struct stat sb;
    unsigned long before = 0, during = 0, after = 0;
    pid_t pid;
    int st = -1;

    CHECK(getcwd(home, sizeof home) != NULL, "getcwd");
    CHECK(mkdir(at(dir, "wd"), 0755) == 0 && chdir(path) == 0, "mkdir a directory and enter it");
    if (statvfs(dir, &vfs) == 0)
        before = vfs.f_ffree;
    CHECK(rmdir(at(dir, "wd")) == 0, "rmdir it, the working directory");
    if (statvfs(dir, &vfs) == 0)
        during = vfs.f_ffree;
    CHECK(during == before, "its inode is still in use (statvfs)");
    CHECK(open("x", O_CREAT | O_WRONLY, 0644) == -1 && errno == ENOENT && mkdir("sub", 0755) == -1 &&
          errno == ENOENT, "no new names in it: ENOENT");
    CHECK(getcwd(buf, sizeof buf) == NULL && errno == ENOENT, "getcwd in it: ENOENT");
    CHECK(stat(".", &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_nlink == 0,
          "stat(\".\") in it: a directory with no links left");
    if ((pid = fork()) == 0)
        _exit(open("y", O_CREAT | O_WRONLY, 0644) == -1 && errno == ENOENT ? 0 : 1);
    CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
          "a forked child in it: no new names either");
    CHECK(chdir(home) == 0, "leave it");
    if (statvfs(dir, &vfs) == 0)
        after = vfs.f_ffree;
    CHECK(after == before + 1, "leaving it frees its inode (statvfs)");
}

// The program at self copied to DIR/self, run there in "-selfunlink" mode.
static void test_own_executable(const char *dir, const char *self)
{
    int in = open(self, O_RDONLY), out = open(at(dir, "self"), O_CREAT | O_TRUNC | O_WRONLY, 0755);
    ssize_t n = 1;
    pid_t pid;

    while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, n) != n)
            n = -1;
    CHECK(in >= 0 && out >= 0 && n == 0 && close(out) == 0, "copy this program");
    close(in);
    chmod(path, 0755);
    if ((pid = fork()) == 0) {
        execl(path, path, "-selfunlink", dir, self, (char *)0);
        _exit(99);
    }
    CHECK(exited_with(pid, 0), "a program that unlinks its own executable goes on");
}

static int table_ok(uint32_t from, uint32_t to)
{
    const volatile uint32_t *t = table;     // read, not folded by the compiler
    for (uint32_t i = from; i < to; i++)
        if (t[i] != V(i))
            return 0;
    return 1;
}

// "-selfunlink DIR SELF": unlinks argv[0], fills the space it had with other
// bytes, then reads the first half of its table, forks a child that reads
// the second half and execs SELF, and waits for it
static int selfunlink_mode(const char *me, const char *dir, const char *self)
{
    struct stat st;
    int fd, ok = 1;
    pid_t pid;

    alarm(60);                          // a kernel that lost the file runs garbage: end it
    if (stat(me, &st) < 0 || unlink(me) < 0)
        return 2;
    fd = open(at(dir, "filler"), O_CREAT | O_TRUNC | O_WRONLY, 0644);
    memset(buf, 0xa5, sizeof buf);
    for (off_t off = 0; fd >= 0 && off < 2 * st.st_size; off += sizeof buf)
        if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf)
            ok = 0;
    if (fd < 0 || close(fd) < 0 || unlink(path) < 0 || !ok)
        return 3;
    if (!table_ok(0, NTABLE / 2))
        return 4;
    if ((pid = fork()) == 0) {
        alarm(60);
        if (!table_ok(NTABLE / 2, NTABLE))
            _exit(5);
        execl(self, self, "-exit", "7", (char *)0);
        _exit(6);
    }
    return exited_with(pid, 7) ? 0 : 7;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp/usertest";

    if (argc == 3 && !strcmp(argv[1], "-readfd"))
        return readfd_mode(atoi(argv[2]));
    if (argc == 4 && !strcmp(argv[1], "-selfunlink"))
        return selfunlink_mode(argv[0], argv[2], argv[3]);
    if (argc == 3 && !strcmp(argv[1], "-exit"))
        return atoi(argv[2]);
    mkdir(dir, 0755);
    test_unlinked_file(dir, argv[0]);
    test_renamed_over(dir);
    test_removed_dir(dir);
    test_removed_cwd(dir);
    test_own_executable(dir, argv[0]);
    return done("unlinked_test");
}
