// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/fs_test.c [DIR]: files and directories through the system calls
// a static glibc program makes: open flags, plain, vectored, positioned and
// 64-bit-offset I/O on a sparse file, stat in all its forms (glibc's, all
// through statx, and the stat, stat64 and fstatat64 calls by number) and the
// fields they agree on, plain lseek, names (mkdir, rename, links,
// symlinks), permissions and access, times, truncation, the working
// directory, *at calls with directory descriptors, descriptor calls, and a
// directory of 500 entries listed completely by getdents64 and getdents in
// small pieces, and 1024 descriptors open at once.
// Everything it makes is under DIR (default /tmp/usertest), which may be on
// our ext2 volume; a filesystem without large_file may refuse the 5 GiB
// offset with EFBIG, and that check then says SKIP.
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static char path[2 * PATH_MAX], path2[2 * PATH_MAX];  // DIR (up to PATH_MAX) and a name

// DIR/NAME, in one of two buffers (at: the last one made; at2 for a second name)
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

static void test_open_io(const char *d)
{
    char buf[64], a[4], b[8];
    struct iovec iov[2] = { { a, sizeof a }, { b, sizeof b } };
    struct stat st;
    int fd;

    fd = open(at(d, "f"), O_CREAT | O_EXCL | O_RDWR, 0644);
    CHECK(fd >= 0, "open O_CREAT|O_EXCL");
    CHECK(open(at(d, "f"), O_CREAT | O_EXCL | O_RDWR, 0644) == -1 && errno == EEXIST, "O_EXCL on an existing file: EEXIST");
    CHECK(write(fd, "hello world", 11) == 11, "write");
    CHECK(read(fd, buf, sizeof buf) == 0, "read at the end of the file: 0");
    CHECK(lseek(fd, 6, SEEK_SET) == 6 && read(fd, buf, 5) == 5 && !memcmp(buf, "world", 5), "lseek SEEK_SET and read");
    CHECK(lseek(fd, -4, SEEK_CUR) == 7 && lseek(fd, -1, SEEK_END) == 10, "lseek SEEK_CUR and SEEK_END");
    CHECK(lseek(fd, -20, SEEK_SET) == -1 && errno == EINVAL, "lseek before the start: EINVAL");
    CHECK(pwrite(fd, "W", 1, 6) == 1 && pread(fd, buf, 11, 0) == 11 && !memcmp(buf, "hello World", 11) &&
          lseek(fd, 0, SEEK_CUR) == 10, "pwrite and pread, which leave the offset alone");
    CHECK(lseek(fd, 0, SEEK_SET) == 0 && readv(fd, iov, 2) == 11 && !memcmp(a, "hell", 4) && !memcmp(b, "o World", 7),
          "readv fills its buffers in order");
    iov[0].iov_len = 2;
    iov[1].iov_len = 3;
    CHECK(writev(fd, iov, 2) == 5 && pread(fd, buf, 16, 0) == 16 && !memcmp(buf, "hello Worldheo W", 16), "writev");
    CHECK(fstat(fd, &st) == 0 && st.st_size == 16 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644, "fstat");
    close(fd);
    fd = open(at(d, "f"), O_WRONLY | O_APPEND);
    CHECK(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "!", 1) == 1 && fstat(fd, &st) == 0 && st.st_size == 17,
          "O_APPEND writes at the end wherever the offset was");
    CHECK(read(fd, buf, 1) == -1 && errno == EBADF, "read on a write-only descriptor: EBADF");
    close(fd);
    fd = open(at(d, "f"), O_WRONLY | O_TRUNC);
    CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0, "O_TRUNC empties the file");
    close(fd);
    fd = creat(at(d, "c"), 0644);
    CHECK(fd >= 0 && write(fd, "c", 1) == 1 && read(fd, buf, 1) == -1 && errno == EBADF, "creat opens write-only");
    close(fd);
    CHECK(open(at(d, "missing"), O_RDONLY) == -1 && errno == ENOENT, "open of a missing file: ENOENT");
    CHECK(open(at(d, "c/x"), O_RDONLY) == -1 && errno == ENOTDIR, "a file used as a directory: ENOTDIR");
    CHECK(open(at(d, "c"), O_RDONLY | O_DIRECTORY) == -1 && errno == ENOTDIR, "O_DIRECTORY on a file: ENOTDIR");
    CHECK(open(d, O_WRONLY) == -1 && errno == EISDIR, "a directory opened for writing: EISDIR");
    unlink(at(d, "c"));
}

static void test_big_file(const char *d)
{
    char buf[8];
    struct stat st;
    off_t far = (off_t)5 << 30;         // 5 GiB: past what 32 bits reach
    int fd = open(at(d, "big"), O_CREAT | O_TRUNC | O_RDWR, 0644);
    ssize_t n;

    CHECK(lseek(fd, far, SEEK_SET) == far, "_llseek to 5 GiB");
    n = write(fd, "end", 3);
    if (n == -1 && errno == EFBIG) {
        skip("a write at 5 GiB", "EFBIG: the filesystem has no large_file");
    } else {
        CHECK(n == 3, "a write at 5 GiB");
        CHECK(fstat(fd, &st) == 0 && st.st_size == far + 3 && st.st_blocks < 64, "a sparse 5 GiB file: size and blocks");
        CHECK(pread(fd, buf, 3, far) == 3 && !memcmp(buf, "end", 3), "pread at 5 GiB");
        CHECK(pread(fd, buf, 4, (off_t)1 << 32) == 4 && !memcmp(buf, "\0\0\0\0", 4), "a hole at 4 GiB reads as zeros");
        CHECK(lseek(fd, 0, SEEK_END) == far + 3, "SEEK_END past 4 GiB");
    }
    CHECK(pwrite(fd, "x", 1, 5000) == 1 && pread(fd, buf, 4, 4096) == 4 && !memcmp(buf, "\0\0\0\0", 4),
          "a hole before a written byte reads as zeros");
    CHECK(ftruncate(fd, 100) == 0 && fstat(fd, &st) == 0 && st.st_size == 100, "ftruncate shrinks");
    close(fd);
    CHECK(truncate(at(d, "big"), 7000) == 0 && stat(path, &st) == 0 && st.st_size == 7000, "truncate grows");
    fd = open(path, O_RDONLY);
    CHECK(pread(fd, buf, 4, 6000) == 4 && !memcmp(buf, "\0\0\0\0", 4), "the grown part reads as zeros");
    close(fd);
    unlink(path);
}

static void test_stat(const char *d)
{
    struct stat s1, s2, s3;
    struct statx sx;
    time_t now = time(NULL);
    int dfd = open(d, O_RDONLY | O_DIRECTORY);
    int fd = openat(dfd, "s", O_CREAT | O_TRUNC | O_RDWR, 0640);

    fchmod(fd, 0640);                   // whatever the umask
    write(fd, "12345", 5);
    CHECK(stat(at(d, "s"), &s1) == 0 && fstat(fd, &s2) == 0 && fstatat(dfd, "s", &s3, 0) == 0, "stat, fstat, fstatat");
    CHECK(s1.st_ino == s2.st_ino && s1.st_ino == s3.st_ino && s1.st_dev == s3.st_dev && s1.st_size == 5 &&
          s3.st_size == 5 && s1.st_mode == (S_IFREG | 0640) && s3.st_mode == s1.st_mode, "they agree: inode, device, size, mode");
    CHECK(s1.st_nlink == 1 && s1.st_uid == geteuid() && s1.st_gid == getegid() && s1.st_blksize > 0,
          "links 1, owner the effective user and group, a block size");
    CHECK(s1.st_mtime >= now - 5 && s1.st_mtime <= now + 5 && s1.st_ctime >= now - 5,
          "a new file's times are the clock's");
    CHECK(syscall(SYS_statx, dfd, "s", 0, STATX_BASIC_STATS, &sx) == 0, "statx");
    CHECK((sx.stx_mask & (STATX_TYPE | STATX_MODE | STATX_SIZE | STATX_INO | STATX_NLINK)) ==
          (STATX_TYPE | STATX_MODE | STATX_SIZE | STATX_INO | STATX_NLINK) && sx.stx_ino == s1.st_ino &&
          sx.stx_size == 5 && sx.stx_mode == (S_IFREG | 0640) && sx.stx_nlink == 1 && sx.stx_uid == s1.st_uid &&
          sx.stx_mtime.tv_sec == s1.st_mtime, "statx fields match stat's");
    CHECK(symlink("s", at(d, "s-link")) == 0 && fstatat(dfd, "s-link", &s2, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISLNK(s2.st_mode) && s2.st_size == 1 && fstatat(dfd, "s-link", &s3, 0) == 0 && s3.st_ino == s1.st_ino,
          "fstatat AT_SYMLINK_NOFOLLOW sees the link, without it the file");
    CHECK(stat(d, &s2) == 0 && S_ISDIR(s2.st_mode), "stat of a directory");
    CHECK(stat(at(d, "s/x"), &s2) == -1 && errno == ENOTDIR, "stat through a file: ENOTDIR");
    CHECK(access(at(d, "s"), R_OK | W_OK) == 0 && faccessat(dfd, "s", F_OK, 0) == 0 &&
          access(at(d, "none"), F_OK) == -1 && errno == ENOENT, "access and faccessat");
    unlinkat(dfd, "s-link", 0);
    unlinkat(dfd, "s", 0);
    close(fd);
    close(dfd);
}

// The kernel's i386 struct stat and struct stat64 (asm/stat.h), which glibc
// no longer fills itself: its stat family goes through statx.
struct kstat {
    unsigned long dev, ino;
    unsigned short mode, nlink, uid, gid;
    unsigned long rdev, size, blksize, blocks;
    unsigned long atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec, unused4, unused5;
};
struct kstat64 {
    unsigned long long dev;
    unsigned char pad0[4];
    unsigned long ino32;
    unsigned int mode, nlink;
    unsigned long uid, gid;
    unsigned long long rdev;
    unsigned char pad3[4];
    long long size;
    unsigned long blksize;
    unsigned long long blocks;
    unsigned long atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
    unsigned long long ino;
};
_Static_assert(sizeof(struct kstat) == 64 && sizeof(struct kstat64) == 96, "the i386 layouts");

static int same_old(const struct kstat *k, const struct stat *s)
{
    return k->ino == s->st_ino && k->mode == s->st_mode && k->nlink == s->st_nlink &&
           k->size == (unsigned long)s->st_size && k->mtime == (unsigned long)s->st_mtime;
}

static int same64(const struct kstat64 *k, const struct stat *s)
{
    return k->ino == s->st_ino && k->ino32 == (unsigned long)s->st_ino && k->mode == s->st_mode &&
           k->nlink == s->st_nlink && k->size == s->st_size && k->mtime == (unsigned long)s->st_mtime &&
           k->uid == s->st_uid && k->blksize == (unsigned long)s->st_blksize;
}

// The older stat calls, and plain lseek, by number: what programs built
// against other libcs make.
static void test_old_calls(const char *d)
{
    struct kstat k;
    struct kstat64 k64;
    struct stat st, lst;
    int fd = open(at(d, "o"), O_CREAT | O_TRUNC | O_RDWR, 0644);

    write(fd, "0123456789", 10);
    symlink("o", at2(d, "o-link"));
    stat(path, &st);
    lstat(path2, &lst);
    CHECK(syscall(SYS_stat, path, &k) == 0 && same_old(&k, &st), "stat (106)");
    CHECK(syscall(SYS_lstat, path2, &k) == 0 && same_old(&k, &lst), "lstat (107)");
    CHECK(syscall(SYS_fstat, fd, &k) == 0 && same_old(&k, &st), "fstat (108)");
    CHECK(syscall(SYS_stat64, path, &k64) == 0 && same64(&k64, &st), "stat64");
    CHECK(syscall(SYS_lstat64, path2, &k64) == 0 && same64(&k64, &lst), "lstat64");
    CHECK(syscall(SYS_fstat64, fd, &k64) == 0 && same64(&k64, &st), "fstat64");
    CHECK(syscall(SYS_fstatat64, AT_FDCWD, path2, &k64, 0) == 0 && same64(&k64, &st), "fstatat64");
    CHECK(syscall(SYS_lseek, fd, 3, SEEK_SET) == 3 && syscall(SYS_lseek, fd, -2, SEEK_END) == 8, "lseek (19)");
    close(fd);
    unlink(path);
    unlink(path2);
}

static void test_names(const char *d)
{
    char buf[PATH_MAX];
    struct stat st, st2;
    struct timespec times[2] = { { 1000000000, 0 }, { 1200000000, 500 } };

    close(open(at(d, "f"), O_CREAT | O_WRONLY, 0644));
    CHECK(mkdir(at(d, "sub"), 0755) == 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode), "mkdir");
    CHECK(mkdir(path, 0755) == -1 && errno == EEXIST, "mkdir of an existing name: EEXIST");
    CHECK(rename(at2(d, "f"), at(d, "sub/g")) == 0 && stat(path, &st) == 0 && stat(path2, &st2) == -1,
          "rename across directories");
    CHECK(link(at2(d, "sub/g"), at(d, "hard")) == 0 && stat(path, &st) == 0 && st.st_nlink == 2 &&
          stat(path2, &st2) == 0 && st2.st_ino == st.st_ino, "link: two names, one inode, nlink 2");
    CHECK(symlink("sub/g", at(d, "sym")) == 0, "symlink");
    CHECK(readlink(path, buf, sizeof buf) == 5 && !memcmp(buf, "sub/g", 5), "readlink");
    CHECK(readlink(at(d, "hard"), buf, sizeof buf) == -1 && errno == EINVAL, "readlink of a file: EINVAL");
    CHECK(lstat(at(d, "sym"), &st) == 0 && S_ISLNK(st.st_mode), "lstat sees the link");
    CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode), "stat follows it");
    CHECK(unlink(at(d, "hard")) == 0 && stat(at(d, "sub/g"), &st) == 0 && st.st_nlink == 1, "unlink one name of two");
    close(open(at(d, "other"), O_CREAT | O_WRONLY, 0644));
    truncate(path, 321);
    CHECK(rename(at2(d, "other"), at(d, "sub/g")) == 0 && stat(path, &st) == 0 && st.st_size == 321,
          "rename over an existing name replaces it");
    CHECK(rename(at2(d, "sub"), at(d, "sub2")) == 0 && rename(path, path2) == 0, "rename a directory and back");
    CHECK(rmdir(at(d, "sub")) == -1 && errno == ENOTEMPTY, "rmdir of a full directory: ENOTEMPTY");
    CHECK(rmdir(at(d, "sub/g")) == -1 && errno == ENOTDIR, "rmdir of a file: ENOTDIR");
    CHECK(unlink(at(d, "sub")) == -1 && errno == EISDIR, "unlink of a directory: EISDIR");
    CHECK(chmod(at(d, "sub/g"), 0600) == 0 && stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "chmod");
    umask(077);
    CHECK(creat(at(d, "masked"), 0666) >= 0 && stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "umask applies");
    CHECK(umask(022) == 077, "umask returns the old mask");
    CHECK(utimensat(AT_FDCWD, at(d, "masked"), times, 0) == 0 && stat(path, &st) == 0 &&
          st.st_atime == 1000000000 && st.st_mtime == 1200000000, "utimensat sets both times");
    CHECK(unlink(at(d, "sym")) == 0 && lstat(path, &st) == -1 && errno == ENOENT && stat(at(d, "sub/g"), &st) == 0,
          "unlink of a symlink leaves its target");
    CHECK(unlink(at(d, "sub/g")) == 0 && rmdir(at(d, "sub")) == 0 && stat(path, &st) == -1 && errno == ENOENT,
          "rmdir of the emptied directory");
    unlink(at(d, "masked"));
}

// Lists DIR with getdents64 (wide) or the old getdents through a 200-byte
// buffer (a few entries a call), marking seen[i] for each "entry-NNN";
// returns entries seen, or -1 on a repeat, a bad record or a failed call.
static int list_many(int dfd, int wide, unsigned char *seen, int *dots)
{
    // linux_dirent64: d_ino 0, d_off 8, d_reclen 16, d_type 18, d_name 19;
    // linux_dirent: d_ino 0, d_off 4, d_reclen 8, d_name 10 (d_type last)
    const int at_reclen = wide ? 16 : 8, at_name = wide ? 19 : 10;
    char buf[200];
    long n;
    int count = 0;

    lseek(dfd, 0, SEEK_SET);
    while ((n = syscall(wide ? SYS_getdents64 : SYS_getdents, dfd, buf, sizeof buf)) > 0) {
        for (long off = 0; off < n;) {
            const char *name = buf + off + at_name;
            uint16_t reclen;
            int i;

            memcpy(&reclen, buf + off + at_reclen, 2);
            if (reclen <= at_name || off + reclen > n)
                return -1;
            if (sscanf(name, "entry-%3d", &i) == 1 && i >= 0 && i < 500) {
                if (seen[i]++)
                    return -1;
                count++;
            }
            *dots += !strcmp(name, ".") + !strcmp(name, "..");
            off += reclen;
        }
    }
    return n == 0 ? count : -1;
}

static void test_dirs(const char *d)
{
    char cwd[PATH_MAX], real[PATH_MAX], name[32];
    unsigned char seen[500];
    int dfd, dots = 0, i, all = 1;

    CHECK(chdir(d) == 0 && getcwd(cwd, sizeof cwd) != NULL, "chdir and getcwd");
    CHECK(realpath(d, real) && !strcmp(cwd, real), "getcwd names the directory");
    mkdir("many", 0755);
    dfd = open("many", O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0, "open O_DIRECTORY");
    for (i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "entry-%03d", i);
        close(openat(dfd, name, O_CREAT | O_WRONLY, 0644));
    }
    CHECK(mkdirat(dfd, "inner", 0755) == 0 && unlinkat(dfd, "inner", AT_REMOVEDIR) == 0, "mkdirat and unlinkat AT_REMOVEDIR");
    memset(seen, 0, sizeof seen);
    CHECK(list_many(dfd, 1, seen, &dots) == 500 && dots == 2, "getdents64 lists all 500 entries once, and . and ..");
    memset(seen, 0, sizeof seen);
    dots = 0;
    CHECK(list_many(dfd, 0, seen, &dots) == 500 && dots == 2, "so does the old getdents");
    for (i = 0; i < 500; i += 2) {
        snprintf(name, sizeof name, "entry-%03d", i);
        all &= unlinkat(dfd, name, 0) == 0;
    }
    memset(seen, 0, sizeof seen);
    dots = 0;
    CHECK(all && list_many(dfd, 1, seen, &dots) == 250 && seen[1] && !seen[2], "after unlinking half: the other 250");
    CHECK(fchdir(dfd) == 0 && getcwd(cwd, sizeof cwd) && !strcmp(strrchr(cwd, '/'), "/many"), "fchdir");
    CHECK(chdir("..") == 0 && getcwd(cwd, sizeof cwd) && !strcmp(cwd, real), "chdir ..");
    for (i = 1; i < 500; i += 2) {
        snprintf(name, sizeof name, "entry-%03d", i);
        unlinkat(dfd, name, 0);
    }
    close(dfd);
    CHECK(rmdir("many") == 0, "the emptied directory goes");
}

static void test_descriptors(const char *d)
{
    char buf[8];
    int fd = open(at(d, "fds"), O_CREAT | O_TRUNC | O_RDWR, 0644), fd2 = -1;

    CHECK(write(fd, "abc", 3) == 3 && (fd2 = dup(fd)) > fd, "dup");
    CHECK(lseek(fd2, 1, SEEK_SET) == 1 && lseek(fd, 0, SEEK_CUR) == 1, "a dup shares the offset");
    CHECK(read(fd, buf, 2) == 2 && !memcmp(buf, "bc", 2), "and reads on from it");
    CHECK(dup2(fd, 50) == 50 && (fcntl(50, F_GETFL) & O_ACCMODE) == O_RDWR, "dup2 and F_GETFL");
    CHECK(dup3(fd, 51, O_CLOEXEC) == 51 && (fcntl(51, F_GETFD) & FD_CLOEXEC), "dup3 O_CLOEXEC");
    CHECK(dup3(fd, fd, 0) == -1 && errno == EINVAL, "dup3 onto itself: EINVAL");
    CHECK(fcntl(51, F_SETFD, 0) == 0 && fcntl(51, F_GETFD) == 0, "F_SETFD clears close-on-exec");
    CHECK(fcntl(fd, F_DUPFD, 60) >= 60 && fcntl(fd, F_DUPFD_CLOEXEC, 70) >= 70, "F_DUPFD and F_DUPFD_CLOEXEC from a floor");
    CHECK(fcntl(fd, F_SETFL, O_APPEND) == 0 && (fcntl(fd, F_GETFL) & O_APPEND) && write(fd, "d", 1) == 1 &&
          pread(fd, buf, 4, 0) == 4 && !memcmp(buf, "abcd", 4), "F_SETFL O_APPEND");
    CHECK(close(fd) == 0 && close(fd) == -1 && errno == EBADF, "close twice: EBADF");
    CHECK(read(fd2, buf, 1) == 0, "the dup lives on after the original closes");
    CHECK(dup2(fd2, -1) == -1 && errno == EBADF && fcntl(999, F_GETFD) == -1 && errno == EBADF, "bad descriptors: EBADF");
    close(fd2);
    unlink(at(d, "fds"));
}

// Mes's mescc opens every header it includes and closes none: compiling its
// C library holds more than 256 descriptors at once.  The soft limit must be
// Linux's default 1024 at least, and opening past it fails with EMFILE.
static void test_many_descriptors(const char *d)
{
    static int fds[1100];
    struct rlimit rl;
    int n = 0, i, fd = open(at(d, "many"), O_CREAT | O_TRUNC | O_RDWR, 0644);

    close(fd);
    CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= 1024, "RLIMIT_NOFILE is 1024 or more");
    while (n < 1100 && (fds[n] = open(at(d, "many"), O_RDONLY)) >= 0)
        n++;
    if (rl.rlim_cur < 1100)
        CHECK(n > 0 && n < 1100 && errno == EMFILE && fds[n - 1] == (int)rl.rlim_cur - 1,
              "descriptors up to the limit, then EMFILE");
    else
        CHECK(n == 1100, "1100 descriptors at once");
    for (i = 0; i < n; i++)
        close(fds[i]);
    unlink(at(d, "many"));
}

int main(int argc, char **argv)
{
    static char real[PATH_MAX];
    const char *d = argc > 1 ? argv[1] : "/tmp/usertest";

    mkdir(d, 0755);
    if (realpath(d, real))
        d = real;                       // test_dirs changes directory
    test_open_io(d);
    test_big_file(d);
    test_stat(d);
    test_old_calls(d);
    test_names(d);
    test_dirs(d);
    test_descriptors(d);
    test_many_descriptors(d);
    return done("fs_test");
}
