// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/futex.c: futex(2) and futex_time64, as glibc's and musl's
// pthreads use them: WAIT and WAKE (also with a bitset), REQUEUE and
// CMP_REQUEUE (musl's condition variables), WAKE_OP (older glibc's).
// A waiter is keyed by its address space and the word's address, private
// or not: without shared memory between processes (MAP_SHARED is mapped
// privately here) the two cannot differ.  Waiters queue in one FIFO list,
// so FUTEX_WAKE wakes the longest waiting first, as Linux does within a
// priority.  The kernel is never preempted, so comparing the word and
// queueing happen at once, which is all FUTEX_WAIT's atomicity asks.
// Timeouts are kept at timer ticks, as nanosleep's.  The priority-
// inheritance operations are not implemented (-ENOSYS).  Robust mutexes
// (set_robust_list) are released at a thread's end as Linux does it.
#include <stdint.h>
#include "dev/rtc.h"
#include "dev/timer.h"
#include "futex.h"
#include "lib/errno.h"
#include "lib/nelem.h"
#include "proc.h"
#include "signal.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define NSEC 1000000000ull
#define TICK_NS (NSEC / TIMER_HZ)
#define MAX_WAIT_NS (TICK_NS << 30)     // one sleep's most: wake_tick is compared modulo 2^32
#define MAX_SEC (1ll << 31)             // longer timeouts are cut to 68 years

static struct proc *queue;              // waiters, the oldest first

static void enqueue(struct proc *p)
{
    struct proc **pp = &queue;
    while (*pp)
        pp = &(*pp)->futex.next;
    p->futex.next = NULL;
    *pp = p;
}

static void dequeue(struct proc *p)
{
    struct proc **pp = &queue;
    while (*pp && *pp != p)
        pp = &(*pp)->futex.next;
    if (*pp)
        *pp = p->futex.next;
}

// Wakes up to n waiters on (m, addr), and moves up to requeue more of them
// to the word at addr2; how many it woke and moved.
static int wake_or_move(struct uvm *m, uint32_t addr, int n, uint32_t bits, uint32_t addr2, int requeue)
{
    struct proc **pp = &queue, *p;
    int done = 0;

    while ((p = *pp) && (done < n || requeue > 0)) {
        if (p->futex.mem != m || p->futex.addr != addr || !(p->futex.bits & bits)) {
            pp = &p->futex.next;
        } else if (done < n) {
            *pp = p->futex.next;
            p->futex.woken = 1;
            if (p->state == P_SLEEPING)
                p->state = P_RUNNABLE;
            done++;
        } else {
            p->futex.addr = addr2;      // stays queued, on the other word
            pp = &p->futex.next;
            requeue--;
            done++;
        }
    }
    return done;
}

int futex_wake(struct uvm *m, uint32_t addr, int n, uint32_t bits)
{
    return wake_or_move(m, addr, n, bits, 0, 0);
}

// nanoseconds on the clock a timeout is measured against
static uint64_t clock_ns(int realtime)
{
    uint64_t ns = timer_uptime_us() * 1000;
    return realtime ? ns + (uint64_t)rtc_boot_unix_time() * NSEC : ns;
}

// Sleeps while nobody wakes the word at addr, as long as it still holds
// val; deadline: on clock_ns(realtime), 0 for none.
static int wait_on(uint32_t addr, uint32_t val, uint32_t bits, uint64_t deadline, int realtime)
{
    uint32_t word;
    uint64_t now, d;
    int err = 0;

    if (copy_from_user(current->mem, &word, addr, 4) < 0)
        return -EFAULT;
    if (word != val)
        return -EAGAIN;
    current->futex.mem = current->mem;
    current->futex.addr = addr;
    current->futex.bits = bits;
    current->futex.woken = 0;
    enqueue(current);
    while (!current->futex.woken) {
        now = clock_ns(realtime);
        if (signal_interrupts(current))
            err = deadline ? -EINTR : -ERESTARTSYS;     // a restart would wait its timeout anew
        else if (deadline && now >= deadline)
            err = -ETIMEDOUT;
        if (err) {
            dequeue(current);
            break;
        }
        d = deadline - now < MAX_WAIT_NS ? deadline - now : MAX_WAIT_NS;
        current->wake_tick = deadline ? timer_ticks() + (uint32_t)((d + TICK_NS - 1) / TICK_NS) : 0;
        sleep_on(&current->futex);
    }
    current->wake_tick = 0;
    return err;
}

// FUTEX_WAKE_OP's operation on the old value, and its comparison
static uint32_t apply_op(uint32_t op, uint32_t old, int32_t oparg)
{
    switch (op) {
    case 0: return (uint32_t)oparg;     // FUTEX_OP_SET
    case 1: return old + oparg;         // ADD
    case 2: return old | oparg;         // OR
    case 3: return old & ~(uint32_t)oparg;      // ANDN
    default: return old ^ oparg;        // XOR
    }
}

static int compare(uint32_t cmp, int32_t old, int32_t cmparg)
{
    switch (cmp) {
    case 0: return old == cmparg;       // FUTEX_OP_CMP_EQ
    case 1: return old != cmparg;       // NE
    case 2: return old < cmparg;        // LT
    case 3: return old <= cmparg;       // LE
    case 4: return old > cmparg;        // GT
    default: return old >= cmparg;      // GE
    }
}

// one futex call: its arguments, the timeout turned into a deadline (0:
// none) on the clock the call asked for; val2 is the timeout's register,
// read as a count by the requeue and wake-op forms
struct call {
    uint32_t addr, val, val2, addr2, val3;
    uint64_t deadline;
    int realtime;
};

static int op_wait(const struct call *c)
{
    return wait_on(c->addr, c->val, FUTEX_BITSET_ANY, c->deadline, c->realtime);
}

static int op_wait_bitset(const struct call *c)
{
    return wait_on(c->addr, c->val, c->val3, c->deadline, c->realtime);
}

static int op_wake(const struct call *c)
{
    return futex_wake(current->mem, c->addr, (int32_t)c->val, FUTEX_BITSET_ANY);
}

static int op_wake_bitset(const struct call *c)
{
    return futex_wake(current->mem, c->addr, (int32_t)c->val, c->val3);
}

static int op_requeue(const struct call *c)
{
    return wake_or_move(current->mem, c->addr, (int32_t)c->val, FUTEX_BITSET_ANY, c->addr2, (int32_t)c->val2);
}

// FUTEX_REQUEUE, if the word at addr still holds val3
static int op_cmp_requeue(const struct call *c)
{
    uint32_t word;
    if (copy_from_user(current->mem, &word, c->addr, 4) < 0)
        return -EFAULT;
    return word == c->val3 ? op_requeue(c) : -EAGAIN;
}

// the word at addr2 is changed by the operation val3 names, and its old
// value compared as val3 says ((op, cmp, oparg, cmparg) in 4, 4, 12 and 12
// bits; oparg is a shift count with FUTEX_OP_OPARG_SHIFT); val waiters on
// addr wake, and val2 on addr2 if the comparison holds
static int op_wake_op(const struct call *c)
{
    uint32_t op = c->val3 >> 28, cmp = (c->val3 >> 24) & 15, old, new;
    int32_t oparg = (int32_t)(c->val3 << 8) >> 20, cmparg = (int32_t)(c->val3 << 20) >> 20;
    int done;

    if (op & 8) {                       // FUTEX_OP_OPARG_SHIFT
        op &= 7;
        oparg = 1 << (oparg & 31);
    }
    if (op > 4 || cmp > 5)
        return -ENOSYS;
    if (copy_from_user(current->mem, &old, c->addr2, 4) < 0)
        return -EFAULT;
    new = apply_op(op, old, oparg);
    if (copy_to_user(current->mem, c->addr2, &new, 4) < 0)
        return -EFAULT;
    done = futex_wake(current->mem, c->addr, (int32_t)c->val, FUTEX_BITSET_ANY);
    if (compare(cmp, (int32_t)old, cmparg))
        done += futex_wake(current->mem, c->addr2, (int32_t)c->val2, FUTEX_BITSET_ANY);
    return done;
}

static int (*const ops[])(const struct call *) = {
    [FUTEX_WAIT] = op_wait,
    [FUTEX_WAKE] = op_wake,
    [FUTEX_REQUEUE] = op_requeue,
    [FUTEX_CMP_REQUEUE] = op_cmp_requeue,
    [FUTEX_WAKE_OP] = op_wake_op,
    [FUTEX_WAIT_BITSET] = op_wait_bitset,
    [FUTEX_WAKE_BITSET] = op_wake_bitset,
};
#define NOPS NELEM(ops)

static int is_wait(uint32_t op)
{
    uint32_t cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET;
}

// the call, once the timeout (has_timeout: sec and nsec are given) is read
static int futex(uint32_t addr, uint32_t op, uint32_t val, int has_timeout, int64_t sec, int32_t nsec,
                 uint32_t val2, uint32_t addr2, uint32_t val3)
{
    uint32_t cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    struct call c = { addr, val, val2, addr2, val3, 0, 0 };

    c.realtime = (op & FUTEX_CLOCK_REALTIME) != 0;
    if (cmd >= NOPS || !ops[cmd] || (c.realtime && !is_wait(op)))
        return -ENOSYS;
    if (has_timeout) {
        if (sec < 0 || nsec < 0 || nsec >= (int32_t)NSEC)
            return -EINVAL;
        if (sec > MAX_SEC)
            sec = MAX_SEC;
        c.deadline = (uint64_t)sec * NSEC + (uint64_t)nsec;
        if (cmd == FUTEX_WAIT) {        // relative, on the monotonic clock
            c.realtime = 0;
            c.deadline += clock_ns(0);
        }
        if (!c.deadline)
            c.deadline = 1;             // the epoch itself: long past
    }
    // the arguments each operation checks before the word (an empty
    // bitset, negative counts), then Linux's get_futex_key for all: a word
    // not 4-byte aligned is -EINVAL; a shared one must be mapped, and
    // writable (Linux: a read-only anonymous page never changes, -EFAULT)
    if (((cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAKE_BITSET) && !val3) ||
        ((cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE) && ((int32_t)val < 0 || (int32_t)val2 < 0)))
        return -EINVAL;
    if (addr & 3)
        return -EINVAL;
    if (!(op & FUTEX_PRIVATE_FLAG) && user_check(current->mem, addr, 4, 1) < 0)
        return -EFAULT;
    return ops[cmd](&c);
}

// struct timespec: two 32-bit words
int32_t sys_futex(uint32_t addr, uint32_t op, uint32_t val, uint32_t timeout, uint32_t addr2, uint32_t val3)
{
    int32_t ts[2] = { 0, 0 };
    int waits = is_wait(op);

    if (waits && timeout && copy_from_user(current->mem, ts, timeout, sizeof ts) < 0)
        return -EFAULT;
    return futex(addr, op, val, waits && timeout, ts[0], (int32_t)ts[1], timeout, addr2, val3);
}

// struct __kernel_timespec: two 64-bit words (the nanoseconds a C long, as
// the time64 sleeps read them); glibc 2.36 calls it for timeouts past 2038
int32_t sys_futex_time64(uint32_t addr, uint32_t op, uint32_t val, uint32_t timeout, uint32_t addr2,
                         uint32_t val3)
{
    int64_t ts[2] = { 0, 0 };
    int waits = is_wait(op);

    if (waits && timeout && copy_from_user(current->mem, ts, timeout, sizeof ts) < 0)
        return -EFAULT;
    return futex(addr, op, val, waits && timeout, ts[0], (int32_t)ts[1], timeout, addr2, val3);
}

// ---- robust mutexes ----
// A thread's robust list (struct robust_list_head, 12 bytes on i386): a
// circular list of the robust mutexes it holds, the offset from an entry to
// its lock word, and the one it is taking or giving up right now.  A lock
// word holds its owner's thread id; when that thread ends without unlocking,
// the word gets FUTEX_OWNER_DIED and one waiter wakes, so that the next
// pthread_mutex_lock answers EOWNERDEAD instead of waiting for ever.
#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK 0x3fffffffu
#define ROBUST_LIST_LIMIT 2048          // Linux's: a looping list ends somewhere

int32_t sys_set_robust_list(uint32_t head, uint32_t len)
{
    if (len != 12)
        return -EINVAL;
    current->robust_list = head;
    return 0;
}

int32_t sys_get_robust_list(uint32_t tid, uint32_t head_ptr, uint32_t len_ptr)
{
    struct proc *p = tid ? proc_find((int)tid) : current;
    uint32_t len = 12;

    if (!p || p->group != current->group)
        return -ESRCH;                  // another process's threads are not ours to see
    if (copy_to_user(current->mem, len_ptr, &len, 4) < 0 ||
        copy_to_user(current->mem, head_ptr, &p->robust_list, 4) < 0)
        return -EFAULT;
    return 0;
}

// the lock word at addr, if p holds it: marked, and a waiter woken
static void owner_died(struct proc *p, uint32_t addr)
{
    uint32_t word, marked;

    if (copy_from_user(p->mem, &word, addr, 4) < 0 || (word & FUTEX_TID_MASK) != (uint32_t)p->pid)
        return;
    marked = (word & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    if (copy_to_user(p->mem, addr, &marked, 4) == 0 && (word & FUTEX_WAITERS))
        futex_wake(p->mem, addr, 1, FUTEX_BITSET_ANY);
}

// Entries are user pointers; bit 0 of one marks a priority-inheritance
// mutex, which is not implemented, so such entries are passed over.
void futex_robust_release(struct proc *p)
{
    uint32_t head[3], entry, next;
    int32_t offset;
    int limit = ROBUST_LIST_LIMIT;

    if (!p->robust_list || !p->mem)
        return;
    if (copy_from_user(p->mem, head, p->robust_list, sizeof head) < 0) {
        p->robust_list = 0;
        return;
    }
    offset = (int32_t)head[1];
    entry = head[0];
    while (entry != p->robust_list && limit-- > 0) {
        if (copy_from_user(p->mem, &next, entry & ~1u, 4) < 0)
            break;
        if (entry != head[2] && !(entry & 1))
            owner_died(p, entry + offset);
        entry = next;
    }
    if (head[2] && !(head[2] & 1))
        owner_died(p, head[2] + offset);
    p->robust_list = 0;
}
