// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/sys_poll.c: poll and select, with their variants: ppoll and
// pselect6 (and their time64 forms), which also swap the signal mask for
// the wait, and the old select that takes its five arguments in a block.
// Each looks at which descriptors are ready (file_poll: a pipe by its
// contents and its ends, the console for output only, any other file
// always), and when none is, sleeps
// until a pipe changes, the timeout runs out or a signal comes (-EINTR),
// then looks again.  The kernel is never preempted, so nothing can change
// between the last look and the sleep.
#include <stdint.h>
#include <string.h>
#include "file/file.h"
#include "lib/errno.h"
#include "mm/kheap.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "syscall.h"

#define NEVER UINT64_MAX                // no timeout: wait until something is ready
#define NSEC 1000000000u
#define MAX_SEC (1u << 31)              // longer timeouts are cut to 68 years, as sleeps are

// select's sets: what each asks for, among the conditions file_poll reports
// (Linux's POLLIN_SET, POLLOUT_SET and POLLEX_SET)
#define SELECT_READ (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SELECT_WRITE (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SELECT_EXCEPT POLLPRI

// A timeout as a call gives it, at user address u: a struct timeval
// (select), a struct timespec of 32-bit fields (ppoll, pselect6), or one of
// 64-bit fields (the time64 calls, whose tv_nsec is a 32-bit long padded, as
// sys_time.c reads it); u is 0 for none, and for poll's, given by value.
// end is when it runs out, on the monotonic clock (NEVER: no timeout).
enum timeout_kind { TIMEVAL, TIMESPEC, TIMESPEC64 };

struct timeout {
    uint32_t u;
    enum timeout_kind kind;
    uint64_t end;
};

// A negative second count or, for a timespec, nanoseconds outside
// [0, 10^9) are -EINVAL; select takes any non-negative tv_usec and carries
// the whole seconds over, as Linux does.
static int timeout_get(struct timeout *t)
{
    int32_t v[2];
    int64_t v64[2], sec;
    int32_t frac;
    uint64_t ns;

    if (!t->u)
        return 0;                       // end stays as the caller set it
    if (t->kind == TIMESPEC64) {
        if (copy_from_user(current->mem, v64, t->u, sizeof v64) < 0)
            return -EFAULT;
        sec = v64[0];
        frac = (int32_t)v64[1];
    } else {
        if (copy_from_user(current->mem, v, t->u, sizeof v) < 0)
            return -EFAULT;
        sec = v[0];
        frac = v[1];
    }
    if (sec < 0 || frac < 0 || (t->kind != TIMEVAL && (uint32_t)frac >= NSEC))
        return -EINVAL;
    if (sec > MAX_SEC)
        sec = MAX_SEC;
    ns = (uint64_t)sec * NSEC + (t->kind == TIMEVAL ? (uint64_t)frac * 1000 : (uint32_t)frac);
    t->end = time_now_ns() + ns;
    return 0;
}

// select, pselect6 and ppoll write back the time that was left, as Linux
// does; a timeout in read-only memory is no error then (Linux ignores it too)
static void timeout_put(const struct timeout *t)
{
    uint64_t now = time_now_ns(), left = t->end > now ? t->end - now : 0;
    int64_t v64[2] = { (int64_t)(left / NSEC), (int64_t)(left % NSEC) };
    uint32_t v[2] = { (uint32_t)(left / NSEC), (uint32_t)(left % NSEC) };

    if (!t->u)
        return;
    if (t->kind == TIMEVAL)
        v[1] /= 1000;
    if (t->kind == TIMESPEC64)
        copy_to_user(current->mem, t->u, v64, sizeof v64);
    else
        copy_to_user(current->mem, t->u, v, sizeof v);
}

// Looks at the set with scan (which fills in the answers and returns how
// many are ready, or a negative errno) until something is ready or the time
// is up (then 0); -EINTR when a signal comes first.
static int wait_ready(int (*scan)(void *), void *set, uint64_t end)
{
    int n;

    for (;;) {
        if ((n = scan(set)) != 0 || time_now_ns() >= end)
            return n;
        if (signal_interrupts(current))
            return -EINTR;
        file_poll_wait(end == NEVER ? 0 : time_wake_tick(end));
    }
}

// ppoll and pselect6 wait with the signal mask at user address uset (0: the
// mask stays).  Like sigsuspend, when a signal ends the wait its handler
// runs with the wait's mask and the caller's comes back when it returns
// (signal.c); otherwise the caller's is back at once.
static int mask_swap(uint32_t uset, uint32_t size, uint64_t *old)
{
    uint64_t mask;

    *old = current->sig_blocked;
    if (!uset)
        return 0;
    if (size != 8)
        return -EINVAL;
    if (copy_from_user(current->mem, &mask, uset, 8) < 0)
        return -EFAULT;
    current->sig_blocked = mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    return 0;
}

static int mask_restore(int result, uint32_t uset, uint64_t old)
{
    if (!uset)
        return result;
    if (result == -EINTR) {
        current->saved_mask = old;
        current->mask_saved = 1;
    } else {
        current->sig_blocked = old;
    }
    return result;
}

// ---- poll ----

struct pollfd {
    int32_t fd;
    int16_t events, revents;
};

struct poll_set {
    struct pollfd *fds;
    uint32_t n;
};

// A negative fd is skipped (revents 0); one not open is POLLNVAL; POLLERR
// and POLLHUP are reported whether asked for or not.
static int poll_scan(void *arg)
{
    struct poll_set *s = arg;
    uint32_t i;
    int ready = 0;

    for (i = 0; i < s->n; i++) {
        struct pollfd *p = &s->fds[i];
        struct file *f = p->fd >= 0 && p->fd < NOFILE ? current->group->files[p->fd] : NULL;
        if (p->fd < 0)
            p->revents = 0;
        else if (!f)
            p->revents = POLLNVAL;
        else
            p->revents = (int16_t)(file_poll(f) & (p->events | POLLERR | POLLHUP));
        ready += p->revents != 0;
    }
    return ready;
}

// the revents go back in every case, also on a timeout or -EINTR, as
// Linux; its order: the timeout, the mask, then the count
static int do_poll(uint32_t ufds, uint32_t nfds, struct timeout *t, uint32_t uset, uint32_t setsize)
{
    struct poll_set s;
    uint64_t old;
    int r;

    if ((r = timeout_get(t)) < 0 || (r = mask_swap(uset, setsize, &old)) < 0)
        return r;
    if (nfds > proc_nofile())           // RLIMIT_NOFILE, as Linux
        return mask_restore(-EINVAL, uset, old);
    s.n = nfds;
    if (!(s.fds = kmalloc(nfds * sizeof *s.fds + 1)))
        return mask_restore(-ENOMEM, uset, old);
    if (copy_from_user(current->mem, s.fds, ufds, nfds * sizeof *s.fds) < 0) {
        r = -EFAULT;
    } else {
        r = wait_ready(poll_scan, &s, t->end);
        if (copy_to_user(current->mem, ufds, s.fds, nfds * sizeof *s.fds) < 0)
            r = -EFAULT;
        timeout_put(t);
    }
    kfree(s.fds);
    return mask_restore(r, uset, old);
}

// poll's timeout is in milliseconds, given by value (so none is written
// back); a negative one waits for ever
int32_t sys_poll(uint32_t ufds, uint32_t nfds, uint32_t ms)
{
    struct timeout t = { 0, TIMESPEC, NEVER };
    if ((int32_t)ms >= 0)
        t.end = time_now_ns() + (uint64_t)ms * 1000000;
    return do_poll(ufds, nfds, &t, 0, 0);
}

int32_t sys_ppoll(uint32_t ufds, uint32_t nfds, uint32_t uts, uint32_t uset, uint32_t setsize)
{
    struct timeout t = { uts, TIMESPEC, NEVER };
    return do_poll(ufds, nfds, &t, uset, setsize);
}

int32_t sys_ppoll_time64(uint32_t ufds, uint32_t nfds, uint32_t uts, uint32_t uset, uint32_t setsize)
{
    struct timeout t = { uts, TIMESPEC64, NEVER };
    return do_poll(ufds, nfds, &t, uset, setsize);
}

// ---- select ----

#define SET_BYTES (NOFILE / 8)

struct select_set {
    uint32_t n;
    uint8_t in[3][SET_BYTES], out[3][SET_BYTES];        // read, write, except
};

// Every fd below n in any set must be open (-EBADF otherwise); each set's
// bit stays in the answer when its condition holds.
static int select_scan(void *arg)
{
    static const int wanted[3] = { SELECT_READ, SELECT_WRITE, SELECT_EXCEPT };
    struct select_set *s = arg;
    uint32_t fd;
    int k, mask, ready = 0;

    memset(s->out, 0, sizeof s->out);
    for (fd = 0; fd < s->n; fd++) {
        uint32_t byte = fd / 8, bit = 1u << fd % 8;
        if (!((s->in[0][byte] | s->in[1][byte] | s->in[2][byte]) & bit))
            continue;
        if (!current->group->files[fd])
            return -EBADF;
        mask = file_poll(current->group->files[fd]);
        for (k = 0; k < 3; k++)
            if ((s->in[k][byte] & bit) && (mask & wanted[k])) {
                s->out[k][byte] |= bit;
                ready++;
            }
    }
    return ready;
}

// The sets are read and written as whole longs, as Linux does; n above the
// descriptor table's size is cut to it (Linux cuts it to its table's).  The
// sets come back only when the call succeeds (a timeout clears them).
static int do_select(uint32_t n, const uint32_t usets[3], struct timeout *t, uint32_t uset,
                     uint32_t setsize)
{
    struct select_set *s;
    uint32_t bytes;
    uint64_t old;
    int k, r;

    if ((r = timeout_get(t)) < 0 || (r = mask_swap(uset, setsize, &old)) < 0)
        return r;                       // before the count, as Linux
    if ((int32_t)n < 0)
        return mask_restore(-EINVAL, uset, old);
    if (n > NOFILE)
        n = NOFILE;
    bytes = (n + 31) / 32 * 4;
    if (!(s = kzalloc(sizeof *s)))
        return mask_restore(-ENOMEM, uset, old);
    s->n = n;
    for (k = 0; k < 3; k++)
        if (usets[k] && copy_from_user(current->mem, s->in[k], usets[k], bytes) < 0) {
            kfree(s);
            return mask_restore(-EFAULT, uset, old);
        }
    r = wait_ready(select_scan, s, t->end);
    for (k = 0; k < 3 && r >= 0; k++)
        if (usets[k] && copy_to_user(current->mem, usets[k], s->out[k], bytes) < 0)
            r = -EFAULT;
    timeout_put(t);
    kfree(s);
    return mask_restore(r, uset, old);
}

int32_t sys__newselect(uint32_t n, uint32_t in, uint32_t out, uint32_t ex, uint32_t utv)
{
    uint32_t sets[3] = { in, out, ex };
    struct timeout t = { utv, TIMEVAL, NEVER };
    return do_select(n, sets, &t, 0, 0);
}

// the old select (82): its arguments in a block, n, the three sets, timeout
int32_t sys_select(uint32_t uargs)
{
    uint32_t a[5];
    if (copy_from_user(current->mem, a, uargs, sizeof a) < 0)
        return -EFAULT;
    return sys__newselect(a[0], a[1], a[2], a[3], a[4]);
}

// pselect6's sixth argument points at the mask's address and size
static int pselect(uint32_t n, const uint32_t sets[3], struct timeout *t, uint32_t usig)
{
    uint32_t sig[2] = { 0, 0 };
    if (usig && copy_from_user(current->mem, sig, usig, sizeof sig) < 0)
        return -EFAULT;
    return do_select(n, sets, t, sig[0], sig[1]);
}

int32_t sys_pselect6(uint32_t n, uint32_t in, uint32_t out, uint32_t ex, uint32_t uts, uint32_t usig)
{
    uint32_t sets[3] = { in, out, ex };
    struct timeout t = { uts, TIMESPEC, NEVER };
    return pselect(n, sets, &t, usig);
}

int32_t sys_pselect6_time64(uint32_t n, uint32_t in, uint32_t out, uint32_t ex, uint32_t uts,
                            uint32_t usig)
{
    uint32_t sets[3] = { in, out, ex };
    struct timeout t = { uts, TIMESPEC64, NEVER };
    return pselect(n, sets, &t, usig);
}
