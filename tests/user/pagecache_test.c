// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/pagecache_test.c [DIR]: private file mappings always show the
// file as it is now, however often its pages were mapped before (our kernel
// shares whole file pages between mappings through a page cache, uvm.c):
// after a write in place, after a truncate and regrowth, and for a new file
// made after an old one was unlinked (its inode number may come again).  A
// store into a private mapping, also one made writable by mprotect after it
// was read, reaches neither the file nor any other mapping, nor a forked
// child's view.  Everything it makes is under DIR (default /tmp/usertest).
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define PAGE 4096

static char path[PATH_MAX + 32];

// a file of two pages, the first all a, the second all b
static int make_file(const char *name, char a, char b)
{
    static char buf[2 * PAGE];
    int fd;

    memset(buf, a, PAGE);
    memset(buf + PAGE, b, PAGE);
    fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0 && write(fd, buf, sizeof buf) != (ssize_t)sizeof buf) {
        close(fd);
        return -1;
    }
    return fd;
}

// the byte at off of a fresh private read-only mapping of fd, or -1
static int mapped_byte(int fd, size_t off)
{
    unsigned char *p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    int c;

    if (p == MAP_FAILED)
        return -1;
    c = p[off];
    munmap(p, 2 * PAGE);
    return c;
}

static int file_byte(int fd, off_t off)
{
    unsigned char c;
    return pread(fd, &c, 1, off) == 1 ? c : -1;
}

static void test_changes(const char *d)
{
    struct stat st;
    ino_t old_ino;
    int fd, fd2, i;

    snprintf(path, sizeof path, "%s/pages", d);
    fd = make_file(path, 'A', 'a');
    CHECK(fd >= 0, "a file of two pages");
    for (i = 0; i < 3; i++)             // mapped often: surely cached now
        mapped_byte(fd, 0);
    CHECK(mapped_byte(fd, 0) == 'A' && mapped_byte(fd, PAGE) == 'a', "a mapping shows both pages");
    CHECK(pwrite(fd, "B", 1, 0) == 1 && mapped_byte(fd, 0) == 'B' && mapped_byte(fd, 1) == 'A',
          "after a write in place a new mapping shows the new byte");
    CHECK(ftruncate(fd, PAGE) == 0 && ftruncate(fd, 2 * PAGE) == 0 && mapped_byte(fd, PAGE) == 0 &&
          mapped_byte(fd, 0) == 'B', "after a truncate and regrowth the second page is zeros");
    close(fd);

    fd = make_file(path, 'P', 'p');
    fstat(fd, &st);
    old_ino = st.st_ino;
    mapped_byte(fd, 0);
    mapped_byte(fd, PAGE);
    close(fd);
    unlink(path);
    snprintf(path, sizeof path, "%s/pages2", d);
    fd2 = make_file(path, 'Q', 'q');
    fstat(fd2, &st);
    CHECK(mapped_byte(fd2, 0) == 'Q' && mapped_byte(fd2, PAGE) == 'q',
          st.st_ino == old_ino ? "a new file on an unlinked one's inode number shows its own bytes"
                               : "a new file after an unlinked one shows its own bytes");
    close(fd2);
}

static void test_private_stores(const char *d)
{
    unsigned char *rw, *ro;
    pid_t pid;
    int fd, st = -1;

    snprintf(path, sizeof path, "%s/private", d);
    fd = make_file(path, 'C', 'c');
    mapped_byte(fd, 0);
    rw = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(rw != MAP_FAILED, "a private writable mapping");
    if (rw == MAP_FAILED)
        return;
    CHECK(rw[0] == 'C', "it shows the file");
    rw[0] = 'X';
    CHECK(rw[0] == 'X' && mapped_byte(fd, 0) == 'C' && file_byte(fd, 0) == 'C',
          "a store into it reaches neither another mapping nor the file");
    if ((pid = fork()) == 0) {
        rw[PAGE] = 'Y';
        _exit(rw[0] == 'X' && rw[PAGE] == 'Y' ? 0 : 1);
    }
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0 && rw[PAGE] == 'c' && mapped_byte(fd, PAGE) == 'c',
          "a forked child's store stays the child's");
    munmap(rw, 2 * PAGE);

    ro = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(ro != MAP_FAILED && ro[0] == 'C', "a read-only mapping, read");
    if (ro == MAP_FAILED)
        return;
    CHECK(mprotect(ro, 2 * PAGE, PROT_READ | PROT_WRITE) == 0, "made writable by mprotect");
    ro[0] = 'Z';
    CHECK(ro[0] == 'Z' && mapped_byte(fd, 0) == 'C' && file_byte(fd, 0) == 'C',
          "a store after mprotect reaches neither another mapping nor the file");
    munmap(ro, 2 * PAGE);
    close(fd);
}

int main(int argc, char **argv)
{
    const char *d = argc > 1 ? argv[1] : "/tmp/usertest";

    mkdir(d, 0755);
    test_changes(d);
    test_private_stores(d);
    return done("pagecache_test");
}
