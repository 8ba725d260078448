// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/procfs_test.c DIR: /proc as programs use it: /proc/self, a
// process's exe, cmdline, environ, stat, status, fd/ (magic links: readlink
// names a file or "pipe:[N]", open reaches the pipe end itself, also
// through a /dev/fd-style symlink), cwd; cpuinfo, meminfo, mounts, uptime,
// filesystems, sys/kernel/ostype; read-only; the root's listing names the
// processes; sched_getaffinity.  Uses /proc when it is there (a Linux
// host), else mounts proc on DIR/proc and unmounts it at the end.
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static char proc[4096], buf[65536], p1[8192], p2[8192];

static const char *at(char *out, const char *fmt, int n, const char *name)
{
    char tail[4096];
    snprintf(tail, sizeof tail, fmt, n, name);
    snprintf(out, 8192, "%s/%s", proc, tail);
    return out;
}

// the whole file, NUL-terminated; its length or -1
static int slurp(const char *path)
{
    int fd = open(path, O_RDONLY), n, len = 0;
    if (fd < 0)
        return -1;
    while ((n = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
        len += n;
    close(fd);
    buf[len] = 0;
    return n < 0 ? -1 : len;
}

static int lists(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    while (d && (e = readdir(d)))
        found |= strcmp(e->d_name, name) == 0;
    if (d)
        closedir(d);
    return found;
}

static void check_stat(int pid, int ppid, char state_a, char state_b, const char *comm)
{
    char comm_got[64], st, what[128];
    int pid_got = -1, ppid_got = -1;
    CHECK(slurp(at(p1, "%d/%s", pid, "stat")) > 0, "stat reads");
    sscanf(buf, "%d (%63[^)]) %c %d", &pid_got, comm_got, &st, &ppid_got);
    snprintf(what, sizeof what, "stat of %d: pid, comm %s, state, ppid", pid, comm);
    CHECK(pid_got == pid && !strcmp(comm_got, comm) && (st == state_a || st == state_b) && ppid_got == ppid, what);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp/usertest";
    int mounted = 0, pid = getpid(), n, fds[2], fd, child_pipe[2], native, wrote;
    char exe[4096], *p;
    pid_t child;
    cpu_set_t set;
    struct stat st;

    if (access("/proc/self/stat", R_OK) == 0) {
        strcpy(proc, "/proc");
    } else {
        snprintf(proc, sizeof proc, "%s/proc", dir);
        mkdir(proc, 0755);
        CHECK(mount("proc", proc, "proc", 0, NULL) == 0, "mount -t proc");
        mounted = 1;
        CHECK(mount("x", proc, "nosuchfs", 0, NULL) < 0 && errno == ENODEV, "an unknown fstype: ENODEV");
        CHECK(syscall(SYS_mount, "proc", proc, (char *)1, 0, 0) < 0 && errno == EFAULT, "a bad fstype pointer: EFAULT");
    }
    native = !mounted;

    snprintf(p1, sizeof p1, "%s/self", proc);
    n = readlink(p1, p2, sizeof p2 - 1);
    p2[n > 0 ? n : 0] = 0;
    CHECK(n > 0 && atoi(p2) == pid, "readlink /proc/self is the pid");

    n = readlink(at(p1, "%d/%s", pid, "exe"), exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    p = realpath(argv[0], NULL);
    CHECK(n > 0 && p && !strcmp(exe, p), "exe is the program's path");
    free(p);

    n = slurp(at(p1, "%d/%s", pid, "cmdline"));
    CHECK(n == (int)(strlen(argv[0]) + 1 + (argc > 1 ? strlen(argv[1]) + 1 : 0)) && !strcmp(buf, argv[0]) &&
          (argc < 2 || !strcmp(buf + strlen(argv[0]) + 1, argv[1])), "cmdline: argv with NULs");
    setenv("PROCFS_TEST_MARK", "x", 1);         // a copy made now is not in environ
    n = slurp(at(p1, "%d/%s", pid, "environ"));
    CHECK(n > 0 && environ[0] && !strcmp(buf, environ[0]), "environ starts with the first variable");

    check_stat(pid, getppid(), 'R', 'R', "procfs_test");
    CHECK(slurp(at(p1, "%d/%s", pid, "status")) > 0, "status reads");
    snprintf(p2, sizeof p2, "Pid:\t%d\n", pid);
    CHECK(strstr(buf, "Name:\tprocfs_test\n") && strstr(buf, p2), "status: Name, Pid");
    snprintf(p2, sizeof p2, "PPid:\t%d\n", getppid());
    CHECK(strstr(buf, p2) != NULL, "status: PPid");

    // a child asleep: its stat, and the root's listing names it
    pipe(child_pipe);
    if ((child = fork()) == 0) {
        char c;
        close(child_pipe[1]);
        read(child_pipe[0], &c, 1);
        _exit(0);
    }
    close(child_pipe[0]);
    sleep_ms(100);
    check_stat(child, pid, 'S', 'S', "procfs_test");
    kill(child, SIGSTOP);
    waitpid(child, NULL, WUNTRACED);
    check_stat(child, pid, 'T', 'T', "procfs_test");        // stopped
    kill(child, SIGCONT);
    snprintf(p2, sizeof p2, "%d", child);
    CHECK(lists(proc, p2), "the root lists the child");
    snprintf(p2, sizeof p2, "%d", pid);
    CHECK(lists(proc, p2) && lists(proc, "self") && lists(proc, "cpuinfo"), "the root lists self, cpuinfo, own pid");
    close(child_pipe[1]);
    waitpid(child, NULL, 0);

    // fd/: a file and a pipe
    snprintf(p2, sizeof p2, "%s/file", dir);
    fd = open(p2, O_CREAT | O_RDWR | O_TRUNC, 0644);
    pipe(fds);
    snprintf(p2, sizeof p2, "%d", fd);
    CHECK(lists(at(p1, "%d/%s", pid, "fd"), p2) && lists(p1, "0"), "fd/ lists the file and fd 0");
    snprintf(p1, sizeof p1, "%s/%d/fd/%d", proc, pid, fd);
    n = readlink(p1, exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    p = realpath(dir, NULL);
    snprintf(p2, sizeof p2, "%s/file", p ? p : dir);
    free(p);
    CHECK(n > 0 && !strcmp(exe, p2), "readlink fd/N of a file is its path");
    snprintf(p1, sizeof p1, "%s/%d/fd/%d", proc, pid, fds[1]);
    n = readlink(p1, exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    CHECK(n > 7 && !strncmp(exe, "pipe:[", 6) && exe[n - 1] == ']', "readlink fd/N of a pipe is pipe:[N]");
    n = open(p1, O_WRONLY);
    wrote = n >= 0 && write(n, "via", 3) == 3;
    CHECK(wrote, "open fd/N of a pipe's write end and write");
    close(n);
    // (without the write, a read would wait forever: this process holds the write end)
    CHECK(wrote && read(fds[0], exe, sizeof exe) == 3 && !memcmp(exe, "via", 3), "the pipe reads what went through fd/N");
    CHECK(stat(p1, &st) == 0 && S_ISFIFO(st.st_mode), "stat fd/N of a pipe: a FIFO");
    close(fds[0]);
    close(fds[1]);

    // process substitution's way: a child writes into a pipe, the parent
    // opens /dev/fd/N (a symlink to <proc>/self/fd) and reads
    snprintf(p2, sizeof p2, "%s/fd", dir);
    snprintf(p1, sizeof p1, "%s/self/fd", proc);
    unlink(p2);
    CHECK(symlink(p1, p2) == 0, "a /dev/fd-style symlink");
    pipe(fds);
    if ((child = fork()) == 0) {
        close(fds[0]);
        write(fds[1], "substituted\n", 12);
        _exit(0);
    }
    close(fds[1]);
    snprintf(p1, sizeof p1, "%s/fd/%d", dir, fds[0]);
    n = open(p1, O_RDONLY);
    CHECK(n >= 0, "open DIR/fd/N (the pipe's read end)");
    memset(exe, 0, sizeof exe);
    CHECK(n >= 0 && read(n, exe, sizeof exe) == 12 && !strcmp(exe, "substituted\n"), "read the child's output through it");
    close(n);
    close(fds[0]);
    waitpid(child, NULL, 0);
    snprintf(p1, sizeof p1, "%s/fd/0", dir);
    CHECK(access(p1, F_OK) == 0, "[ -e /dev/fd/0 ]");
    unlink(p2);
    close(fd);
    snprintf(p2, sizeof p2, "%s/file", dir);
    unlink(p2);

    n = readlink(at(p1, "%d/%s", pid, "cwd"), exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    CHECK(n > 0 && getcwd(p2, sizeof p2) && !strcmp(exe, p2), "cwd is the working directory");

    snprintf(p1, sizeof p1, "%s/cpuinfo", proc);
    CHECK(slurp(p1) > 0 && !strncmp(buf, "processor", 9), "cpuinfo starts with processor");
    snprintf(p1, sizeof p1, "%s/meminfo", proc);
    CHECK(slurp(p1) > 0 && !strncmp(buf, "MemTotal:", 9) && atol(buf + 9) > 0, "meminfo: MemTotal");
    snprintf(p1, sizeof p1, "%s/mounts", proc);
    CHECK(slurp(p1) > 0 && strstr(buf, " proc ") != NULL, "mounts lists the proc mount");
    if (mounted)
        CHECK(strstr(buf, proc) != NULL, "mounts names where proc is");
    snprintf(p1, sizeof p1, "%s/uptime", proc);
    {
        double up = -1, idle = -1;
        CHECK(slurp(p1) > 0 && sscanf(buf, "%lf %lf", &up, &idle) == 2 && up > 0 && idle >= 0, "uptime parses");
    }
    snprintf(p1, sizeof p1, "%s/filesystems", proc);
    CHECK(slurp(p1) > 0 && strstr(buf, "\text2\n") && strstr(buf, "nodev\tproc\n"), "filesystems: ext2, proc");
    snprintf(p1, sizeof p1, "%s/sys/kernel/ostype", proc);
    CHECK(slurp(p1) == 6 && !strcmp(buf, "Linux\n"), "sys/kernel/ostype is Linux");
    snprintf(p1, sizeof p1, "%s/sys/kernel/osrelease", proc);
    CHECK(slurp(p1) > 1, "sys/kernel/osrelease reads");

    snprintf(p1, sizeof p1, "%s/uptime", proc);
    fd = open(p1, O_WRONLY);
    CHECK(fd < 0 || write(fd, "1", 1) < 0, "writing a /proc file fails");
    if (fd >= 0)
        close(fd);
    snprintf(p1, sizeof p1, "%s/newfile", proc);
    CHECK(open(p1, O_CREAT | O_WRONLY, 0644) < 0, "creating in /proc fails");

    CHECK(sched_getaffinity(0, sizeof set, &set) == 0, "sched_getaffinity");
    if (native)
        CHECK(CPU_COUNT(&set) >= 1 && CPU_ISSET(sched_getcpu(), &set), "affinity: the current CPU (host)");
    else
        CHECK(CPU_COUNT(&set) == 1 && CPU_ISSET(0, &set), "affinity: CPU 0 alone");
    if (!native) {
        CPU_ZERO(&set);
        CPU_SET(1, &set);
        CHECK(sched_setaffinity(0, sizeof set, &set) < 0 && errno == EINVAL, "setaffinity without CPU 0: EINVAL");
    }

    if (mounted) {
        CHECK(umount(proc) == 0, "umount");
        snprintf(p1, sizeof p1, "%s/self", proc);
        CHECK(access(p1, F_OK) < 0, "nothing there after umount");
        CHECK(umount(proc) < 0 && errno == EINVAL, "umount of no mount: EINVAL");
        rmdir(proc);
    }
    return done("procfs_test");
}
