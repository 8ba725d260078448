// SPDX-License-Identifier: GPL-3.0-or-later
// tests/user/fuzz_errno.c: the system-call fuzzer's compare mode (issue 28):
// the same calls, in the same order, under our kernel and under Linux, one
// line each, so tests/qemu/fuzz_errno_test.sh can diff the answers.
//
//   fuzz_errno [-s SEED] [-n COUNT] DIR   COUNT calls from SEED in DIR/s
//   fuzz_errno -l                         the calls, what is left out, the rules
//
// One process, no threads and no children.  Each call is drawn from the
// table below: only numbers our kernel implements (kernel/sys/syscalls.def),
// each argument typed by one letter of its signature and drawn, by name,
// from that type's pool (the fuzzer's pools, fuzz_pools.h, and more): good
// values and bad ones that fail in one well-defined way (a null or unmapped
// pointer, a closed descriptor, an unknown flag, a missing path, ...).  A
// line is "INDEX NAME(ARGUMENTS) = RESULT", the result the exact return
// value, "ok" where it legitimately differs between kernels (pids, clocks,
// addresses), or the errno's name.
//
// Every call starts from the same world: DIR/s holding f0 (16 bytes), d0,
// d0/f2, d0/d1, a FIFO and a symbolic link, descriptors 3..11 of every kind
// (fuzz_pools.h's, the pipe non-blocking, d0 at 10, the FIFO held open both
// ways at 11, so opening it never waits), the working directory
// DIR/s, umask 022, signals, timers and limits as at the start, and the
// structures the pointers name freshly written.  A call that succeeds may
// have changed any of that, so the world is then made again (after a
// failure nothing changed, or the kernels already differ); the calls that
// change signals, timers, limits or memory have theirs put back after
// every answer.  So the calls never depend on each other's answers.
#define _GNU_SOURCE
#include <dirent.h>
#include <signal.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include "fuzz_pools.h"

#define ARENA_U ((uint32_t)ARENA)       // "buf": written by the calls; unmapped after
#define RO_U ((uint32_t)RO)
#define UNMAPPED_U (RO_U + 2 * PAGE)
#define STRUCTS ((char *)0x52000000)    // what the "in" pointers name, rewritten before each call
#define STRUCTS_U ((uint32_t)STRUCTS)
#define STRUCTS_PAGES 2                 // then an unmapped page
#define PLAY ((char *)0x54000000)       // the memory calls' own pages
#define PLAY_U ((uint32_t)PLAY)
#define PLAY_PAGES 16

// ---- the structures ----------------------------------------------------------
struct ts32 { int32_t s, ns; };
struct ts64 { int64_t s, ns; };
struct tv32 { int32_t s, us; };
struct iov32 { uint32_t base, len; };
struct pfd { int32_t fd; int16_t events, revents; };
struct ksa { uint32_t handler, flags, restorer, mask[2]; };
struct rl32 { uint32_t cur, max; };
struct rl64 { uint64_t cur, max; };
struct itv { struct tv32 interval, value; };

static struct structs {
    uint32_t zeros[64];                 // any structure, all zero
    uint32_t one[64];                   // a first word 1: a CPU mask with CPU 0, ...
    struct ts32 ts[4];                  // zero, short, bad nsec, negative
    struct ts64 ts64[4];
    struct ts32 pair[3][2];             // UTIME_NOW, UTIME_OMIT, bad nsec
    struct ts64 pair64[3][2];
    struct tv32 tv_bad[2];
    struct tv32 tv[3];                  // select's: 1 ms, negative usec, negative
    struct iov32 iov[3][2];             // good, bad base, huge
    uint32_t fdset[2][32];              // the world's descriptors, the closed one
    struct pfd pfd[3][8];               // the world's, an unused descriptor, a negative one
    uint32_t full[2];                   // every signal
    struct ksa sa[2];                   // SIG_IGN, a handler
    struct rl32 rl[3];                  // infinity, soft over hard, 1024
    struct rl64 rl64[3];
    struct itv itv[2];                  // one shot in 1 s, bad usec
} tmpl;

#define S(field) (STRUCTS_U + (uint32_t)offsetof(struct structs, field))

static void noop(int sig)
{
    (void)sig;
}

static void make_template(void)
{
    static const struct ts32 ts[4] = {{0, 0}, {0, 1000}, {0, 1000000000}, {-1, 0}};
    int i;

    tmpl.one[0] = 1;
    for (i = 0; i < 4; i++) {
        tmpl.ts[i] = ts[i];
        tmpl.ts64[i].s = ts[i].s, tmpl.ts64[i].ns = ts[i].ns;
    }
    for (i = 0; i < 2; i++) {
        tmpl.pair[0][i].ns = tmpl.pair64[0][i].ns = (1 << 30) - 1;      // UTIME_NOW
        tmpl.pair[1][i].ns = tmpl.pair64[1][i].ns = (1 << 30) - 2;      // UTIME_OMIT
    }
    tmpl.pair[2][0].ns = tmpl.pair64[2][0].ns = 1000000000;
    tmpl.tv_bad[0].us = 1000000;
    tmpl.tv[0].us = 1000, tmpl.tv[1].us = -1, tmpl.tv[2].s = -1;
    tmpl.iov[0][0] = (struct iov32){ARENA_U, 16}, tmpl.iov[0][1] = (struct iov32){ARENA_U + 16, 16};
    tmpl.iov[1][0] = (struct iov32){UNMAPPED_U, 16}, tmpl.iov[1][1] = (struct iov32){ARENA_U, 16};
    tmpl.iov[2][0] = tmpl.iov[2][1] = (struct iov32){ARENA_U, 0x80000000};
    for (i = 3; i <= 8; i++)
        tmpl.fdset[0][0] |= 1u << i;
    tmpl.fdset[1][0] = 1u << 9;
    for (i = 0; i < 8; i++)
        tmpl.pfd[0][i] = (struct pfd){3 + i, 5, 0};     // POLLIN | POLLOUT
    tmpl.pfd[1][0] = (struct pfd){1000, 1, 0};
    tmpl.pfd[2][0] = (struct pfd){-1, 1, 0};
    tmpl.full[0] = tmpl.full[1] = 0xffffffff;
    tmpl.sa[0].handler = 1;
    tmpl.sa[1].handler = (uint32_t)noop;
    tmpl.rl[0] = (struct rl32){~0u, ~0u}, tmpl.rl[1] = (struct rl32){16, 8};
    tmpl.rl[2] = (struct rl32){1024, 1024};
    tmpl.rl64[0] = (struct rl64){~0ull, ~0ull}, tmpl.rl64[1] = (struct rl64){16, 8};
    tmpl.rl64[2] = (struct rl64){1024, 1024};
    tmpl.itv[0].value.s = 1;
    tmpl.itv[1].value.us = 1000000;
}

// ---- the pools: one letter a type, each value with the name a line shows --------
struct choice {
    const char *name;                   // NULL: the line shows the number
    uint32_t v;
};

struct pool {
    char letter;
    struct choice c[32];                // up to END
};

#define END {"", 0}
#define V(x) {NULL, (uint32_t)(x)}
#define NUL {"null", 0}
#define KERN {"kernel", 0xc0000000}
#define GONE {"unmapped", UNMAPPED_U}
#define ST(name, field) {name, S(field)}

static struct pool pools[] = {
    {'F', {END}},                       // descriptors 3..11, the closed one, bad ones: fill_pools
    {'D', {END}},                       // directory descriptors for the *at calls: fill_pools
    {'P', {END}},                       // fuzz_pools.h's paths and null: fill_pools
    {'N', {END}},                       // fuzz_pools.h's integers: fill_pools
    {'L', {END}},                       // fuzz_pools.h's lengths: fill_pools
    {'p', {END}},                       // our pid, 0 (our group), an unused pid, its group
    {'O', {{"buf", ARENA_U}, {"edge", ARENA_U + ARENA_MAPPED * PAGE - 4}, {"ro", RO_U}, NUL, KERN,
           GONE, END}},
    {'I', {ST("zeros", zeros), ST("one", one), {"edge", STRUCTS_U + STRUCTS_PAGES * PAGE - 4}, NUL,
           KERN, GONE, END}},
    // write's data, and lengths that stay inside it or are negative (the rules)
    {'{', {{"buf", ARENA_U}, NUL, KERN, GONE, END}},
    {'}', {V(0), V(1), V(16), V(4096), V(65536), V(0x80000000), V(0xffffffff), END}},
    {'T', {ST("0s", ts[0]), ST("1us", ts[1]), ST("bad-ns", ts[2]), ST("-1s", ts[3]), NUL, GONE, END}},
    {'U', {ST("0s", ts[0]), ST("1us", ts[1]), ST("bad-ns", ts[2]), ST("-1s", ts[3]), GONE, END}},
    {'_', {ST("0s", zeros), ST("1ms", tv[0]), ST("neg-us", tv[1]), ST("-1s", tv[2]), GONE, END}},
    {'6', {ST("0s", ts64[0]), ST("1us", ts64[1]), ST("bad-ns", ts64[2]), ST("-1s", ts64[3]), NUL,
           GONE, END}},
    {'7', {ST("0s", ts64[0]), ST("1us", ts64[1]), ST("bad-ns", ts64[2]), ST("-1s", ts64[3]), GONE,
           END}},
    {'2', {ST("zeros", zeros), ST("now", pair[0]), ST("omit", pair[1]), ST("bad-ns", pair[2]), NUL,
           GONE, END}},
    {'8', {ST("zeros", zeros), ST("now", pair64[0]), ST("omit", pair64[1]), ST("bad-ns", pair64[2]),
           NUL, GONE, END}},
    {'J', {ST("zeros", zeros), ST("bad-us", tv_bad), NUL, GONE, END}},
    {'V', {ST("iov", iov[0]), ST("iov-bad-base", iov[1]), ST("iov-huge", iov[2]), NUL, GONE, END}},
    {'C', {V(0), V(1), V(2), V(1024), V(1025), V(-1), END}},
    {'B', {ST("none", zeros), ST("world", fdset[0]), ST("closed", fdset[1]), NUL, GONE, END}},
    {'n', {V(0), V(1), V(10), V(1024), V(1025), V(-1), END}},
    {'Q', {ST("world", pfd[0]), ST("fd1000", pfd[1]), ST("fd-1", pfd[2]), NUL, GONE, END}},
    {'e', {V(0), V(1), V(8), V(1025), V(0x7fffffff), END}},
    {'S', {ST("empty", zeros), ST("full", full), NUL, GONE, END}},
    {'Z', {V(8), V(4), V(16), V(0), END}},
    {'A', {ST("SIG_DFL", zeros), ST("SIG_IGN", sa[0]), ST("handler", sa[1]), NUL, GONE, END}},
    {':', {{"SIG_DFL", 0}, {"SIG_IGN", 1}, {"handler", (uint32_t)noop}, KERN, END}},
    {'s', {V(0), {"SIGWINCH", SIGWINCH}, V(64), V(65), V(-1), END}},
    {'h', {V(0), {"SIGKILL", SIGKILL}, {"SIGWINCH", SIGWINCH}, {"SIGUSR2", SIGUSR2}, V(64), V(65),
           END}},
    {'Y', {ST("inf", rl[0]), ST("cur>max", rl[1]), ST("1024", rl[2]), NUL, GONE, END}},
    {'y', {ST("inf", rl64[0]), ST("cur>max", rl64[1]), ST("1024", rl64[2]), NUL, GONE, END}},
    {'E', {ST("zeros", zeros), ST("1s", itv[0]), ST("bad-us", itv[1]), NUL, GONE, END}},
    {'j', {V(0), V(1), V(2), V(3), V(-1), END}},
    {'r', {V(0), V(1), V(2), V(3), V(4), V(5), V(6), V(7), V(8), V(9), V(10), V(11), V(12), V(13),
           V(14), V(15), V(16), V(-1), END}},
    {'c', {V(0), V(1), V(2), V(3), V(4), V(5), V(6), V(7), V(11), V(16), V(-1), END}},
    {'<', {V(0), V(1), V(3), V(7), V(16), V(-1), END}},
    {';', {V(0), {"TIMER_ABSTIME", 1}, V(2), END}},
    {'m', {{"0644", 0644}, {"0755", 0755}, {"0", 0}, {"07777", 07777}, {"0100644", 0100644}, END}},
    {'k', {{"S_IFREG|0644", S_IFREG | 0644}, {"S_IFIFO|0644", S_IFIFO | 0644},
           {"S_IFCHR|0644", S_IFCHR | 0644}, {"S_IFBLK|0644", S_IFBLK | 0644},
           {"S_IFDIR|0755", S_IFDIR | 0755}, {"S_IFSOCK|0644", S_IFSOCK | 0644}, {"0644", 0644},
           {"0170644", 0170644}, END}},
    {'K', {V(0), {"1:3", 0x103}, END}},
    {'=', {V(0), V(1000), V(-1), END}},
    {'w', {V(0), V(1), V(2), V(3), V(4), V(5), END}},
    {'X', {{"F_OK", 0}, {"R_OK", 4}, {"W_OK", 2}, {"X_OK", 1}, V(7), V(8), END}},
    {'g', {V(0), {"O_CLOEXEC", O_CLOEXEC}, {"O_NONBLOCK", O_NONBLOCK},
           {"O_CLOEXEC|O_NONBLOCK", O_CLOEXEC | O_NONBLOCK}, {"O_DIRECT", O_DIRECT}, V(1), END}},
    {'x', {{"F_DUPFD", 0}, {"F_GETFD", 1}, {"F_SETFD", 2}, {"F_GETFL", 3}, {"F_SETFL", 4},
           {"F_GETLK", 5}, {"F_SETLK", 6}, {"F_SETLKW", 7}, {"F_GETLK64", 12}, {"F_SETLK64", 13},
           {"F_SETLKW64", 14}, {"F_DUPFD_CLOEXEC", 1030}, {"F_GETPIPE_SZ", 1032}, V(999), END}},
    {'q', {V(0), V(1), V(64), {"O_NONBLOCK", O_NONBLOCK}, ST("zeros", zeros), ST("one", one), GONE,
           END}},
    {'i', {{"TCGETS", 0x5401}, {"TIOCGPGRP", 0x540f}, {"TIOCGWINSZ", 0x5413}, {"FIONREAD", 0x541b},
           {"FIONBIO", 0x5421}, {"FIOCLEX", 0x5451}, V(0x12345678), END}},
    {'l', {{"LOCK_SH", 1}, {"LOCK_EX", 2}, {"LOCK_UN", 8}, {"LOCK_SH|LOCK_NB", 5},
           {"LOCK_EX|LOCK_NB", 6}, {"LOCK_NB", 4}, V(0), V(3), END}},
    {'u', {{"FUTEX_WAIT", 0}, {"FUTEX_WAKE", 1}, {"FUTEX_WAIT_PRIVATE", 128},
           {"FUTEX_WAKE_PRIVATE", 129}, {"FUTEX_WAIT_BITSET", 9}, V(99), END}},
    {'W', {ST("word", zeros), {"odd", S(zeros) + 1}, {"ro", RO_U}, NUL, GONE, END}},
    {'M', {{"PROT_NONE", 0}, {"PROT_READ", 1}, {"PROT_RW", 3}, {"PROT_RWX", 7}, V(8), END}},
    {'G', {{"PRIVATE|ANON", 0x22}, {"SHARED|ANON", 0x21}, {"PRIVATE", 0x02}, {"SHARED", 0x01},
           {"PRIVATE|ANON|FIXED", 0x32}, {"SHARED_VALIDATE|ANON", 0x23}, V(0),
           {"PRIVATE|ANON|0x40000000", 0x40000022}, END}},
    {'9', {V(0), V(1), V(0xfffff), V(0x7fffffff), END}},
    {'a', {V(0), {"play", PLAY_U}, {"play+4p", PLAY_U + 4 * PAGE}, {"play+1", PLAY_U + 1},
           {"play-end", PLAY_U + (PLAY_PAGES - 1) * PAGE}, END}},
    {'z', {V(0), V(1), V(4096), V(8192), V(12289), V(PLAY_PAGES * PAGE), END}},
    {'H', {V(0), {"MAYMOVE", 1}, {"FIXED", 2}, {"FIXED|MAYMOVE", 3}, {"DONTUNMAP|MAYMOVE", 5}, V(8),
           END}},
    {'v', {V(0), V(1), V(2), V(3), {"DONTNEED", 4}, {"FREE", 8}, {"REMOVE", 9}, V(1000), V(-1), END}},
    {'o', {V(0), {"WNOHANG", 1}, {"WUNTRACED", 2}, {"WCONTINUED", 8}, {"__WALL", 0x40000000},
           V(0x1000), END}},
    {'d', {{"P_ALL", 0}, {"P_PID", 1}, {"P_PGID", 2}, {"P_PIDFD", 3}, V(9), END}},
    {'b', {V(0), {"WEXITED", 4}, {"WEXITED|WNOHANG", 5}, {"WSTOPPED", 2}, {"WEXITED|0x1000", 0x1004},
           END}},
    {'R', {{"PR_SET_PDEATHSIG", 1}, {"PR_GET_PDEATHSIG", 2}, {"PR_GET_DUMPABLE", 3},
           {"PR_SET_DUMPABLE", 4}, {"PR_SET_NAME", 15}, {"PR_GET_NAME", 16},
           {"PR_CAPBSET_READ", 23}, {"PR_SET_NO_NEW_PRIVS", 38}, {"PR_GET_NO_NEW_PRIVS", 39},
           V(9999), END}},
    {'3', {V(0), {"NOREPLACE", 1}, {"EXCHANGE", 2}, V(3), {"WHITEOUT", 4}, V(8), END}},
    {'4', {V(0), {"GRND_NONBLOCK", 1}, {"GRND_RANDOM", 2}, {"GRND_INSECURE", 4}, V(8), END}},
    {'5', {V(0), {"STATX_BASIC_STATS", 0x7ff}, {"STATX_ALL", 0xfff}, V(0x80000000), END}},
    {'%', {V(0), V(1), V(16), V(4096), V(0x7fffffff), END}},
    {'#', {{"RUSAGE_SELF", 0}, {"RUSAGE_CHILDREN", -1}, {"RUSAGE_THREAD", 1}, V(5), V(-2), END}},
    {'$', {V(0), V(3), V(4), V(8), V(128), END}},
    {'^', {V(12), V(0), V(16), END}},
    {'&', {V(84), V(88), V(0), V(100), END}},
    {'+', {{"SIG_BLOCK", 0}, {"SIG_UNBLOCK", 1}, {"SIG_SETMASK", 2}, V(3), V(-1), END}},
    {'(', {V(32), V(0), V(20), V(64), END}},
    {')', {V(0), {"UNREGISTER", 1}, V(2), END}},
    {'[', {{"RSEQ_SIG", 0x53053053}, V(0), END}},
    {'0', {V(0), END}},
    {'1', {V(1), END}},
};
#define NPOOLS COUNT_OF(pools)
static struct pool *pool_of[128];

// ---- the calls ---------------------------------------------------------------------
// Besides the pools: 'f' open flags and 't' AT_ flags, drawn bit by bit.
enum {
    OK = 1,         // a success shows as "ok": the value is a pid, a clock or an address
    NEWFD = 2,      // a success returns a new descriptor (closed with the world's)
    SIGS = 4,       // signal actions and the mask are put back after the call
    TIMERS = 8,     // alarm and the interval timers are stopped after the call
    LIMITS = 16,    // every resource limit is put back after the call
    MEM = 32,       // the play pages are mapped again, a new mapping unmapped
    ROBUST = 64,    // glibc's robust-list head is put back
};

struct call {
    short nr;
    const char *name, *sig;             // sig: a pool letter an argument
    int how;
};

static const struct call calls[] = {
    {3, "read", "FOL", 0}, {4, "write", "F{}", 0}, {5, "open", "Pfm", NEWFD}, {6, "close", "F", 0},
    {7, "waitpid", "pOo", 0}, {8, "creat", "Pm", NEWFD}, {9, "link", "PP", 0}, {10, "unlink", "P", 0},
    {12, "chdir", "P", 0}, {13, "time", "O", OK}, {14, "mknod", "PkK", 0}, {15, "chmod", "Pm", 0},
    {16, "lchown", "P==", 0}, {19, "lseek", "FNw", 0}, {20, "getpid", "", OK}, {24, "getuid", "", 0},
    {27, "alarm", "N", TIMERS}, {30, "utime", "PI", 0}, {33, "access", "PX", 0}, {36, "sync", "", 0},
    {37, "kill", "ps", 0}, {38, "rename", "PP", 0}, {39, "mkdir", "Pm", 0}, {40, "rmdir", "P", 0},
    {41, "dup", "F", NEWFD}, {42, "pipe", "O", 0}, {43, "times", "O", OK}, {47, "getgid", "", 0},
    {48, "signal", "h:", SIGS}, {49, "geteuid", "", 0}, {50, "getegid", "", 0},
    {54, "ioctl", "FiO", 0}, {55, "fcntl", "Fxq", NEWFD}, {57, "setpgid", "pp", 0},
    {60, "umask", "m", 0}, {63, "dup2", "FF", NEWFD}, {64, "getppid", "", OK},
    {65, "getpgrp", "", OK}, {66, "setsid", "", 0}, {67, "sigaction", "hAO", SIGS},
    {73, "sigpending", "O", 0}, {75, "setrlimit", "rY", LIMITS}, {76, "getrlimit", "rO", 0},
    {77, "getrusage", "#O", 0}, {78, "gettimeofday", "OO", 0}, {80, "getgroups", "NO", 0},
    {83, "symlink", "PP", 0}, {85, "readlink", "POL", 0}, {90, "mmap", "I", OK | MEM},
    {91, "munmap", "az", MEM}, {92, "truncate", "PN", 0}, {93, "ftruncate", "FN", 0},
    {94, "fchmod", "Fm", 0}, {95, "fchown", "F==", 0}, {99, "statfs", "PO", 0},
    {100, "fstatfs", "FO", 0}, {104, "setitimer", "jEO", TIMERS}, {105, "getitimer", "jO", 0},
    {106, "stat", "PO", 0}, {107, "lstat", "PO", 0}, {108, "fstat", "FO", 0},
    {114, "wait4", "pOoO", 0}, {116, "sysinfo", "O", 0}, {118, "fsync", "F", 0},
    {122, "uname", "O", 0}, {125, "mprotect", "azM", MEM}, {126, "sigprocmask", "+SO", SIGS},
    {132, "getpgid", "p", OK}, {133, "fchdir", "F", 0}, {140, "_llseek", "FNNOw", 0},
    {141, "getdents", "FOL", 0}, {142, "_newselect", "nBBB_", 0}, {143, "flock", "Fl", 0},
    {145, "readv", "FVC", 0}, {146, "writev", "FVC", 0}, {147, "getsid", "p", OK},
    {148, "fdatasync", "F", 0}, {158, "sched_yield", "", 0}, {162, "nanosleep", "TO", 0},
    {163, "mremap", "azzHa", OK | MEM}, {168, "poll", "Qe0", 0}, {172, "prctl", "Rq000", 0},
    {174, "rt_sigaction", "hAOZ", SIGS}, {175, "rt_sigprocmask", "+SOZ", SIGS},
    {176, "rt_sigpending", "OZ", 0}, {180, "pread64", "FOLNN", 0}, {181, "pwrite64", "F{}NN", 0},
    {182, "chown", "P==", 0}, {183, "getcwd", "O%", 0}, {191, "ugetrlimit", "rO", 0},
    {192, "mmap2", "azMGF9", OK | MEM}, {193, "truncate64", "PNN", 0},
    {194, "ftruncate64", "FNN", 0}, {195, "stat64", "PO", 0}, {196, "lstat64", "PO", 0},
    {197, "fstat64", "FO", 0}, {198, "lchown32", "P==", 0}, {199, "getuid32", "", 0},
    {200, "getgid32", "", 0}, {201, "geteuid32", "", 0}, {202, "getegid32", "", 0},
    {205, "getgroups32", "NO", 0}, {207, "fchown32", "F==", 0}, {209, "getresuid32", "OOO", 0},
    {211, "getresgid32", "OOO", 0}, {212, "chown32", "P==", 0}, {219, "madvise", "azv", MEM},
    {220, "getdents64", "FOL", 0}, {221, "fcntl64", "Fxq", NEWFD}, {224, "gettid", "", OK},
    {238, "tkill", "ps", 0}, {239, "sendfile64", "FFIL", 0}, {240, "futex", "Wu1U00", 0},
    {241, "sched_setaffinity", "p$I", 0}, {242, "sched_getaffinity", "p$O", 0},
    {244, "get_thread_area", "I", 0}, {258, "set_tid_address", "O", OK},
    {265, "clock_gettime", "cO", 0}, {266, "clock_getres", "cO", 0},
    {267, "clock_nanosleep", "<;TO", 0}, {268, "statfs64", "P&O", 0},
    {269, "fstatfs64", "F&O", 0}, {270, "tgkill", "pps", 0}, {271, "utimes", "PJ", 0},
    {284, "waitid", "dpObO", 0}, {295, "openat", "DPfm", NEWFD}, {296, "mkdirat", "DPm", 0},
    {297, "mknodat", "DPkK", 0}, {298, "fchownat", "DP==t", 0}, {300, "fstatat64", "DPOt", 0},
    {301, "unlinkat", "DPt", 0}, {302, "renameat", "DPDP", 0}, {303, "linkat", "DPDPt", 0},
    {304, "symlinkat", "PDP", 0}, {305, "readlinkat", "DPOL", 0}, {306, "fchmodat", "DPm", 0},
    {307, "faccessat", "DPX", 0}, {308, "pselect6", "nBBBU0", 0}, {309, "ppoll", "QeUSZ", 0},
    {311, "set_robust_list", "I^", ROBUST}, {312, "get_robust_list", "pOO", 0},
    {320, "utimensat", "DP2t", 0}, {330, "dup3", "FFg", NEWFD}, {331, "pipe2", "Og", 0},
    {340, "prlimit64", "pryO", LIMITS}, {353, "renameat2", "DPDP3", 0},
    {355, "getrandom", "OL4", 0}, {383, "statx", "DPt5O", 0}, {386, "rseq", "I()[", 0},
    {403, "clock_gettime64", "cO", 0}, {406, "clock_getres_time64", "cO", 0},
    {407, "clock_nanosleep_time64", "<;6O", 0}, {412, "utimensat_time64", "DP8t", 0},
    {413, "pselect6_time64", "nBBB70", 0}, {414, "ppoll_time64", "Qe7SZ", 0},
    {422, "futex_time64", "Wu1700", 0}, {439, "faccessat2", "DPXt", 0},
};

// implemented calls never made, and why
static const struct { short nr; const char *why; } left_out[] = {
    {1, "exit: ends the process"}, {252, "exit_group"},
    {2, "fork: a second process"}, {190, "vfork"}, {120, "clone"}, {435, "clone3"},
    {11, "execve: would replace the program"},
    {21, "mount: would change the tree the other calls see"}, {22, "umount"}, {52, "umount2"},
    {23, "setuid: root lost for the calls after"}, {46, "setgid"}, {208, "setresuid32"},
    {210, "setresgid32"}, {213, "setuid32"}, {214, "setgid32"},
    {29, "pause: waits for a signal nobody sends"}, {179, "rt_sigsuspend"},
    {45, "brk: its answer is an address, and it moves glibc's heap"},
    {82, "select: the old form's block of arguments names no timeout: waits forever"},
    {119, "sigreturn: loads registers from the stack"}, {173, "rt_sigreturn"},
    {243, "set_thread_area: replaces glibc's %gs"},
};

// how the arguments are kept from making the answers depend on the machine
static const char *const rules[] = {
    "every call starts from the same world (the head comment): the answers never depend on each other",
    "poll: timeout 0; select, pselect6, ppoll: a timeout, never none: nothing becomes ready",
    "write, pwrite64, writev: the data all readable, or a negative length: Linux 6.1 (686) never "
    "returns from a write to a file whose data ends part-way (8192 bytes from 4 readable ones)",
    "futex: the value 1 at a word that holds 0 (or the path strings): FUTEX_WAIT never sleeps",
    "clock_nanosleep: no CPU-time clock of the process: nothing else runs to advance it",
    "kill, tkill, tgkill: signal 0, SIGWINCH or 64 (both ignored) or invalid ones; pids ours, our group (ours "
    "alone: setpgid at the start), or unused",
    "memory calls: addresses and lengths inside the play pages: a longer one would unmap the program; "
    "after each, the play pages mapped again and the 16 past them unmapped (mremap grows in place)",
    "getrandom: one blocking call at the start: GRND_NONBLOCK's EAGAIN would say how long ago Linux booted",
    "fcntl's and prctl's pointer arguments name the rewritten structures, never \"buf\", which the calls "
    "before wrote differently on each kernel",
    "setrlimit, prlimit64: every limit put back right after; NOFILE is 1024 from the start",
    "signal calls: SIGWINCH and 64 ignored, SIGUSR2 default, the mask empty again right after",
    "alarm, setitimer: stopped right after, before they fire",
    "getcwd: DIR is the same length on both sides (the test uses /tmp/errno.XXXXXX)",
    "time, times, getpid, getppid, getpgrp, getpgid, getsid, gettid, set_tid_address: \"ok\": pids "
    "and clocks; mmap, mmap2, mremap: \"ok\": addresses",
    "stat and the others that write a structure: only the answer is compared, not what they wrote",
};

// ---- the world ------------------------------------------------------------------------
static char top[256];                   // DIR/s, absolute
static pid_t self;
static struct rlimit64 limits[RLIM_NLIMITS];
static uint32_t robust_head, robust_len;

// everything in the working directory removed, however the calls left it
static void remove_all(const char *dir)
{
    char names[64][300];
    int n, i;

    do {
        DIR *d = opendir(dir);
        struct dirent64 *e;             // readdir's d_off overflows on a 64-bit host's ext4

        if (!d)
            return;
        for (n = 0; n < 64 && (e = readdir64(d));)
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
                snprintf(names[n++], sizeof names[0], "%s/%s", dir, e->d_name);
        closedir(d);
        for (i = 0; i < n; i++)
            if (unlink(names[i]) != 0) {
                remove_all(names[i]);
                rmdir(names[i]);
            }
    } while (n == 64);
}

static void make_world(void)
{
    int fd, i;

    for (fd = 3; fd <= 15; fd++)
        close(fd);
    close(1000);
    if (chdir(top) != 0) {
        fprintf(stderr, "fuzz_errno: %s: %s\n", top, strerror(errno));
        exit(2);
    }
    umask(022);
    chmod(".", 0755);                   // the calls may have changed DIR/s itself
    chown(".", 0, 0);
    remove_all(".");
    fd = open("f0", O_WRONLY | O_CREAT, 0644);
    write(fd, "0123456789abcdef", 16);
    close(fd);
    mkdir("d0", 0755);
    mkdir("d0/d1", 0755);
    close(open("d0/f2", O_WRONLY | O_CREAT, 0644));
    mkfifo("fifo", 0644);
    symlink("f0", "link");
    make_fds(".");
    for (i = 3; i <= 4; i++)
        fcntl(fds[i], F_SETFL, O_NONBLOCK);
    // d0 at 10; the FIFO held open both ways at 11, so opening it never waits
    fd = open("d0", O_RDONLY | O_DIRECTORY);
    i = fcntl(fd, F_DUPFD, 10) != 10 || close(fd);
    fd = open("fifo", O_RDWR | O_NONBLOCK);
    if (i || fcntl(fd, F_DUPFD, 11) != 11 || close(fd) || fds[0] != 3 || fds[6] != 9) {
        fprintf(stderr, "fuzz_errno: the world's descriptors are not 3..11\n");
        exit(2);
    }
}

static void fill_pools(void)
{
    static const int f[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, d[] = {10, 2, 0, 6, 7};
    unsigned i;

    for (i = 0; i < COUNT_OF(pools); i++)
        pool_of[(int)pools[i].letter] = &pools[i];
    for (i = 0; i < COUNT_OF(f); i++)
        pool_of['F']->c[i] = (struct choice){fd_names[f[i]], fds[f[i]]};
    pool_of['F']->c[i++] = (struct choice){"d0", 10};
    pool_of['F']->c[i++] = (struct choice){"fifo", 11};
    pool_of['F']->c[i] = (struct choice)END;
    pool_of['D']->c[0] = (struct choice){"d0", 10};
    for (i = 0; i < COUNT_OF(d); i++)
        pool_of['D']->c[i + 1] = (struct choice){fd_names[d[i]], fds[d[i]]};
    pool_of['D']->c[i + 1] = (struct choice)END;
    for (i = 0; i < NPATHS; i++)
        pool_of['P']->c[i] = (struct choice){path_names[i], (uint32_t)paths[i]};
    pool_of['P']->c[i++] = (struct choice)NUL;
    pool_of['P']->c[i] = (struct choice)END;
    for (i = 0; i < COUNT_OF(ints); i++)
        pool_of['N']->c[i] = (struct choice)V(ints[i]);
    pool_of['N']->c[i] = (struct choice)END;
    for (i = 0; i < COUNT_OF(lens); i++)
        pool_of['L']->c[i] = (struct choice)V(lens[i]);
    pool_of['L']->c[i] = (struct choice)END;
    pool_of['p']->c[0] = (struct choice){"self", self};
    pool_of['p']->c[1] = (struct choice){"0", 0};
    pool_of['p']->c[2] = (struct choice){"unused", 0x7ffffff0};
    pool_of['p']->c[3] = (struct choice){"-unused", -0x7ffffff0};
    pool_of['p']->c[4] = (struct choice)END;
}

// what a call changed besides the world, put back at once
static void put_back(const struct call *c, long ret, const uint32_t *a)
{
    static const struct itimerval stop;
    static const uint32_t no_signals[2];
    struct rlimit64 *l;
    int i;

    if (c->how & SIGS) {
        signal(SIGWINCH, SIG_IGN);
        signal(64, SIG_IGN);
        signal(SIGUSR2, SIG_DFL);
        syscall(SYS_rt_sigprocmask, SIG_SETMASK, no_signals, 0, 8);
    }
    if (c->how & TIMERS) {
        alarm(0);
        for (i = 0; i < 3; i++)
            setitimer(i, &stop, NULL);
    }
    for (l = limits; c->how & LIMITS && l < limits + RLIM_NLIMITS; l++)
        prlimit64(0, l - limits, l, NULL);
    if (c->how & ROBUST)
        syscall(SYS_set_robust_list, robust_head, robust_len);
    if (c->how & MEM) {
        uint32_t at = ret;
        if ((c->nr == 192 || c->nr == 163) && ret != -1 && (at < PLAY_U || at >= PLAY_U + PLAY_PAGES * PAGE))
            munmap((void *)at, c->nr == 163 ? a[2] : a[1]);      // mremap's new length, mmap2's
        munmap(PLAY + PLAY_PAGES * PAGE, PLAY_PAGES * PAGE);    // what grew past the play pages
        map_at(PLAY, PLAY_PAGES, PROT_READ | PROT_WRITE);
    }
}

// ---- one call ---------------------------------------------------------------------------
static uint32_t draw_bits(struct rng *r, const uint32_t *bits, int n, uint32_t v)
{
    int i;
    for (i = 0; i < n; i++)
        if (below(r, 5) == 0)
            v |= bits[i];
    return v;
}

// small numbers in decimal (small negative ones too), the rest in hex
static const char *number_format(uint32_t v)
{
    return v < 100000 ? "%u" : (int32_t)v < 0 && (int32_t)v > -100000 ? "%d" : "%#x";
}

// one argument of type `letter`, its name or number appended to desc
static uint32_t draw(struct rng *r, char letter, char *desc)
{
    static const uint32_t open_bits[] = {O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW,
                                         O_CLOEXEC, O_PATH, O_TMPFILE, O_NOCTTY, O_NONBLOCK, 0x40000000};
    static const uint32_t at_bits[] = {AT_SYMLINK_NOFOLLOW, AT_REMOVEDIR, AT_SYMLINK_FOLLOW,
                                       AT_NO_AUTOMOUNT, AT_EMPTY_PATH, 0x40000000};
    const struct choice *c;
    uint32_t v;
    int n;

    if (letter == 'f' || letter == 't') {
        v = letter == 'f' ? draw_bits(r, open_bits, COUNT_OF(open_bits), below(r, 4))
                          : draw_bits(r, at_bits, COUNT_OF(at_bits), 0);
        sprintf(desc + strlen(desc), "%#x", v);
        return v;
    }
    for (n = 0; pool_of[(int)letter]->c[n].name == NULL || pool_of[(int)letter]->c[n].name[0]; n++)
        ;
    c = &pool_of[(int)letter]->c[below(r, n)];
    if (c->name)
        strcat(desc, c->name);
    else
        sprintf(desc + strlen(desc), number_format(c->v), c->v);
    return c->v;
}

static void one_call(struct rng *r, long index)
{
    const struct call *c = &calls[below(r, COUNT_OF(calls))];
    uint32_t a[6] = {0};
    char desc[400] = "";
    long ret;
    int i, e;

    memcpy(STRUCTS, &tmpl, sizeof tmpl);
    for (i = 0; c->sig[i]; i++) {
        if (i)
            strcat(desc, ", ");
        a[i] = draw(r, c->sig[i], desc);
    }
    errno = 0;
    ret = syscall(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    e = ret == -1 ? errno : 0;
    put_back(c, ret, a);
    if (e)
        printf("%ld %s(%s) = %s\n", index, c->name, desc, strerrorname_np(e) ? strerrorname_np(e) : "?");
    else if (c->how & OK)
        printf("%ld %s(%s) = ok\n", index, c->name, desc);
    else
        printf("%ld %s(%s) = %ld\n", index, c->name, desc, ret);
    if (!e) {
        if (c->how & NEWFD && ret > 15 && ret != 1000)
            close(ret);
        make_world();
    }
}

static void list(void)
{
    unsigned i;

    for (i = 0; i < COUNT_OF(calls); i++)
        printf("call %d %s %s%s\n", calls[i].nr, calls[i].name, calls[i].sig, calls[i].how & OK ? " ok" : "");
    for (i = 0; i < COUNT_OF(left_out); i++)
        printf("left %d %s\n", left_out[i].nr, left_out[i].why);
    for (i = 0; i < COUNT_OF(rules); i++)
        printf("rule %s\n", rules[i]);
}

// the process as both kernels should see it: descriptors 0-2 only, our own
// process group, NOFILE 1024, SIGWINCH, 64 and SIGXFSZ ignored, nothing
// blocked, the random pool ready
static void start(const char *dir)
{
    static const uint32_t no_signals[2];
    struct rlimit nofile = {1024, 1024};
    char name[300];
    int fd, i;

    for (fd = 3; fd < 1024; fd++)
        close(fd);
    setrlimit(RLIMIT_NOFILE, &nofile);
    setpgid(0, 0);
    signal(SIGWINCH, SIG_IGN);          // the two signals kill sends that exist
    signal(64, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);           // an FSIZE limit not yet put back: EFBIG, not death
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, no_signals, 0, 8);
    self = getpid();
    syscall(SYS_getrandom, name, 1, 0);
    for (i = 0; i < RLIM_NLIMITS; i++)
        prlimit64(0, i, NULL, &limits[i]);
    syscall(SYS_get_robust_list, 0, &robust_head, &robust_len);
    mkdir(dir, 0755);
    snprintf(name, sizeof name, "%s/s", dir);
    mkdir(name, 0755);
    if (chdir(name) != 0 || !getcwd(top, sizeof top)) {
        fprintf(stderr, "fuzz_errno: %s: %s\n", name, strerror(errno));
        exit(2);
    }
    map_at(ARENA, ARENA_MAPPED, PROT_READ | PROT_WRITE);
    map_at(STRUCTS, STRUCTS_PAGES, PROT_READ | PROT_WRITE);
    map_at(PLAY, PLAY_PAGES, PROT_READ | PROT_WRITE);
    make_paths(".");
    make_template();
    make_world();
    fill_pools();
}

int main(int argc, char **argv)
{
    struct rng r;
    uint32_t seed = 28;
    long count = 10000, i;
    int opt;

    while ((opt = getopt(argc, argv, "s:n:l")) != -1) {
        switch (opt) {
        case 's': seed = strtoul(optarg, NULL, 0); break;
        case 'n': count = strtol(optarg, NULL, 0); break;
        case 'l': list(); return 0;
        default:
            fprintf(stderr, "usage: fuzz_errno [-s SEED] [-n COUNT] DIR | -l\n");
            return 2;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "fuzz_errno: name the scratch DIR\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);   // a call that kills us leaves the lines before it
    start(argv[optind]);
    r.s = ((uint64_t)seed << 32 | (seed ^ 0x9e3779b9)) + 1;
    printf("fuzz_errno: seed %u, %ld calls\n", seed, count);
    for (i = 0; i < count; i++)
        one_call(&r, i);
    printf("fuzz_errno: all %ld calls made\n", count);
    return 0;
}
