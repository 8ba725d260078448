// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/fs_test.c DIR: files and directories through the system calls a
// static glibc program makes: open flags, positioned and 64-bit-offset I/O on
// a sparse file, stat, names (mkdir, rename, links, symlinks), permissions,
// times, truncation, the working directory, *at calls, descriptors, and a
// directory of 500 entries listed by getdents64.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "check.h"

static char path[PATH_MAX], path2[PATH_MAX];

// DIR/NAME, in one of two buffers (path: the last one made; at2 for a second name)
static const char *at(const char *dir, const char *name)
{
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static const char *at2(const char *dir, const char *name)
{
    snprintf(path2, sizeof path2, "%s/%s", dir, name);
    return path2;
}

static void test_files(const char *d)
{
    char buf[64];
    struct stat st;
    int fd;

    fd = open(at(d, "f"), O_CREAT | O_EXCL | O_RDWR, 0644);
    CHECK(fd >= 0, "open O_CREAT|O_EXCL");
    CHECK(open(at(d, "f"), O_CREAT | O_EXCL | O_RDWR, 0644) == -1 && errno == EEXIST, "O_EXCL on an existing file: EEXIST");
    CHECK(write(fd, "hello world", 11) == 11, "write");
    CHECK(lseek(fd, 6, SEEK_SET) == 6 && read(fd, buf, 5) == 5 && !memcmp(buf, "world", 5), "lseek and read");
    CHECK(pwrite(fd, "W", 1, 6) == 1 && pread(fd, buf, 11, 0) == 11 && !memcmp(buf, "hello World", 11), "pwrite and pread");
    CHECK(fstat(fd, &st) == 0 && st.st_size == 11 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644, "fstat");
    close(fd);
    fd = open(at(d, "f"), O_WRONLY | O_APPEND);
    CHECK(write(fd, "!", 1) == 1 && fstat(fd, &st) == 0 && st.st_size == 12, "O_APPEND writes at the end");
    close(fd);
    fd = open(at(d, "f"), O_WRONLY | O_TRUNC);
    CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "O_TRUNC empties the file");
    close(fd);
    fd = open(at(d, "big"), O_CREAT | O_RDWR, 0644);
    off_t far = (off_t)5 << 30;          // 5 GiB: past what 32 bits reach
    CHECK(lseek(fd, far, SEEK_SET) == far && write(fd, "end", 3) == 3, "a write at 5 GiB (_llseek)");
    CHECK(fstat(fd, &st) == 0 && st.st_size == far + 3 && st.st_blocks < 64, "a sparse 5 GiB file: size and blocks");
    CHECK(pread(fd, buf, 4, 4096) == 4 && !memcmp(buf, "\0\0\0\0", 4), "a hole reads as zeros");
    CHECK(ftruncate(fd, 100) == 0 && fstat(fd, &st) == 0 && st.st_size == 100, "ftruncate");
    close(fd);
    CHECK(truncate(at(d, "big"), 7000) == 0 && stat(path, &st) == 0 && st.st_size == 7000, "truncate grows");
    CHECK(open(at(d, "missing"), O_RDONLY) == -1 && errno == ENOENT, "open of a missing file: ENOENT");
}

static void test_names(const char *d)
{
    char buf[PATH_MAX];
    struct stat st;
    struct timespec times[2] = { { 1000000000, 0 }, { 1200000000, 0 } };

    CHECK(mkdir(at(d, "sub"), 0755) == 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode), "mkdir");
    CHECK(mkdir(path, 0755) == -1 && errno == EEXIST, "mkdir of an existing name: EEXIST");
    CHECK(rename(at2(d, "f"), at(d, "sub/g")) == 0 && stat(path, &st) == 0, "rename across directories");
    CHECK(link(at2(d, "sub/g"), at(d, "hard")) == 0 && stat(path, &st) == 0 && st.st_nlink == 2,
          "link: two names, nlink 2");
    CHECK(symlink("sub/g", at(d, "sym")) == 0, "symlink");
    CHECK(readlink(path, buf, sizeof buf) == 5 && !memcmp(buf, "sub/g", 5), "readlink");
    CHECK(lstat(path, &st) == 0 && S_ISLNK(st.st_mode), "lstat sees the link");
    CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode), "stat follows it");
    CHECK(unlink(at(d, "hard")) == 0 && stat(at(d, "sub/g"), &st) == 0 && st.st_nlink == 1, "unlink one name of two");
    close(open(at(d, "other"), O_CREAT | O_WRONLY, 0644));
    truncate(path, 321);
    CHECK(rename(at2(d, "other"), at(d, "sub/g")) == 0 && stat(path, &st) == 0 && st.st_size == 321,
          "rename over an existing name replaces it");
    CHECK(rmdir(at(d, "sub")) == -1 && errno == ENOTEMPTY, "rmdir of a full directory: ENOTEMPTY");
    CHECK(chmod(at(d, "sub/g"), 0600) == 0 && stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "chmod");
    umask(077);
    CHECK(creat(at(d, "masked"), 0666) >= 0 && stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "umask applies");
    umask(022);
    CHECK(utimensat(AT_FDCWD, at(d, "masked"), times, 0) == 0 && stat(path, &st) == 0 &&
          st.st_atime == 1000000000 && st.st_mtime == 1200000000, "utimensat sets both times");
    CHECK(unlink(at(d, "sym")) == 0 && lstat(path, &st) == -1 && errno == ENOENT, "unlink");
    CHECK(unlink(at(d, "sub/g")) == 0 && rmdir(at(d, "sub")) == 0, "rmdir of the emptied directory");
}

static void test_dirs(const char *d)
{
    char cwd[PATH_MAX], real[PATH_MAX];
    int dfd, fd, n = 0, i;
    struct dirent *e;
    DIR *dir;

    CHECK(chdir(d) == 0 && getcwd(cwd, sizeof cwd) != NULL, "chdir and getcwd");
    CHECK(realpath(d, real) && !strcmp(cwd, real), "getcwd names the directory");
    mkdir("many", 0755);
    dfd = open("many", O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0, "open O_DIRECTORY");
    for (i = 0; i < 500; i++) {
        char name[32];
        snprintf(name, sizeof name, "entry-%03d", i);
        close(openat(dfd, name, O_CREAT | O_WRONLY, 0644));
    }
    CHECK(mkdirat(dfd, "inner", 0755) == 0 && unlinkat(dfd, "inner", AT_REMOVEDIR) == 0, "mkdirat and unlinkat");
    dir = fdopendir(dup(dfd));
    while ((e = readdir(dir)))
        n += !strncmp(e->d_name, "entry-", 6);
    closedir(dir);
    CHECK(n == 500, "getdents64 lists all 500 entries");
    CHECK(fchdir(dfd) == 0 && getcwd(cwd, sizeof cwd) && !strcmp(strrchr(cwd, '/'), "/many"), "fchdir");
    CHECK(chdir("..") == 0, "chdir ..");
    fd = open("many/entry-000", O_RDONLY);
    CHECK(dup2(fd, 50) == 50 && fcntl(50, F_GETFL) == O_RDONLY, "dup2 and F_GETFL");
    CHECK(dup3(fd, 51, O_CLOEXEC) == 51 && (fcntl(51, F_GETFD) & FD_CLOEXEC), "dup3 O_CLOEXEC");
    CHECK(fcntl(fd, F_DUPFD, 60) >= 60, "F_DUPFD from 60");
    CHECK(close(fd) == 0 && close(fd) == -1 && errno == EBADF, "close twice: EBADF");
    close(dfd);
}

int main(int argc, char **argv)
{
    const char *d = argc > 1 ? argv[1] : "/tmp/fs_test";
    mkdir(d, 0755);
    test_files(d);
    test_names(d);
    test_dirs(d);
    printf("fs_test: %d failed\n", failures);
    return failures;
}
