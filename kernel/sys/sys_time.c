// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/sys_time.c: clocks, sleeping, alarms and random bytes.  Wall time
// is the CMOS clock read at boot plus the TSC-measured uptime; the monotonic
// clock is the uptime.  Sleeps wake at timer ticks (TIMER_HZ), or early for
// a signal (-EINTR); so do alarms, whose signal the tick sends (proc.c).
#include <stdint.h>
#include "arch/x86.h"
#include "dev/random.h"
#include "dev/rtc.h"
#include "dev/timer.h"
#include "file/file.h"
#include "lib/errno.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "syscall.h"

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1

// nanoseconds since boot: the monotonic clock
uint64_t time_now_ns(void)
{
    return timer_uptime_us() * 1000;
}

static void now(uint32_t clock, uint64_t *sec, uint32_t *nsec)
{
    uint64_t ns = time_now_ns();
    *sec = ns / 1000000000;
    *nsec = ns % 1000000000;
    if (clock != CLOCK_MONOTONIC && clock != 4 && clock != 7)  // MONOTONIC_RAW, BOOTTIME
        *sec += rtc_boot_unix_time();
}

int32_t sys_time(uint32_t tloc)
{
    uint64_t sec;
    uint32_t nsec, t;
    now(CLOCK_REALTIME, &sec, &nsec);
    t = (uint32_t)sec;
    if (tloc && copy_to_user(current->mem, tloc, &t, 4) < 0)
        return -EFAULT;
    return t;
}

int32_t sys_gettimeofday(uint32_t tv, uint32_t tz)
{
    uint64_t sec;
    uint32_t nsec, v[2] = { 0, 0 };
    now(CLOCK_REALTIME, &sec, &nsec);
    v[0] = (uint32_t)sec;
    v[1] = nsec / 1000;
    if (tv && copy_to_user(current->mem, tv, v, 8) < 0)
        return -EFAULT;
    v[0] = v[1] = 0;
    if (tz && copy_to_user(current->mem, tz, v, 8) < 0)
        return -EFAULT;
    return 0;
}

int32_t sys_clock_gettime(uint32_t clock, uint32_t tp)
{
    uint64_t sec;
    uint32_t nsec, v[2];
    if (clock > 11)
        return -EINVAL;
    now(clock, &sec, &nsec);
    v[0] = (uint32_t)sec;
    v[1] = nsec;
    return copy_to_user(current->mem, tp, v, 8) < 0 ? -EFAULT : 0;
}

int32_t sys_clock_gettime64(uint32_t clock, uint32_t tp)
{
    uint64_t sec, v[2];
    uint32_t nsec;
    if (clock > 11)
        return -EINVAL;
    now(clock, &sec, &nsec);
    v[0] = sec;
    v[1] = nsec;
    return copy_to_user(current->mem, tp, v, 16) < 0 ? -EFAULT : 0;
}

int32_t sys_clock_getres(uint32_t clock, uint32_t tp)
{
    uint32_t v[2] = { 0, 1000 };
    if (clock > 11)
        return -EINVAL;
    return tp && copy_to_user(current->mem, tp, v, 8) < 0 ? -EFAULT : 0;
}

int32_t sys_clock_getres_time64(uint32_t clock, uint32_t tp)
{
    uint64_t v[2] = { 0, 1000 };
    if (clock > 11)
        return -EINVAL;
    return tp && copy_to_user(current->mem, tp, v, 16) < 0 ? -EFAULT : 0;
}

#define TIMER_ABSTIME 1
#define NSEC 1000000000u
#define MAX_SLEEP_SEC (1u << 31)        // longer sleeps are cut to 68 years
#define TICK_NS (NSEC / TIMER_HZ)
#define MAX_WAIT_NS (((uint64_t)1 << 30) * TICK_NS)

// The tick at which a sleep until the monotonic clock reads end_ns is to
// wake: the time left rounded up to whole ticks (a caller checks the clock
// again and sleeps more if the TSC says it was short).  At most 2^30 ticks
// ahead: wake_tick is compared modulo 2^32.
uint32_t time_wake_tick(uint64_t end_ns)
{
    uint64_t t = time_now_ns(), d;
    d = end_ns <= t ? 1 : end_ns - t;
    if (d > MAX_WAIT_NS)
        d = MAX_WAIT_NS;
    return timer_ticks() + (uint32_t)((d + TICK_NS - 1) / TICK_NS);
}

// Sleeps until the monotonic clock has gone ns further; -EINTR on a signal,
// with the time left in *left.
static int sleep_ns(uint64_t ns, uint64_t *left)
{
    uint64_t end = time_now_ns() + ns, t;
    int err = 0;

    while ((t = time_now_ns()) < end) {
        if (signal_interrupts(current)) {
            *left = end - t;
            err = -EINTR;
            break;
        }
        current->wake_tick = time_wake_tick(end);
        sleep_on(&current->wake_tick);
    }
    current->wake_tick = 0;
    return err;
}

// What clock_nanosleep may sleep on, as Linux answers: REALTIME, MONOTONIC,
// PROCESS_CPUTIME_ID (here the same as MONOTONIC: a process runs whenever
// it is not sleeping), BOOTTIME, the two ALARM clocks and TAI; the raw and
// coarse clocks and THREAD_CPUTIME_ID cannot be slept on (-EOPNOTSUPP,
// Linux 6.1: no nsleep for them); 10 and anything above 11 are -EINVAL.
static int sleep_clock_check(uint32_t clock)
{
    static const int8_t answer[12] = { 0, 0, 0, -EOPNOTSUPP, -EOPNOTSUPP, -EOPNOTSUPP,
                                       -EOPNOTSUPP, 0, 0, 0, -EINVAL, 0 };
    return clock < 12 ? answer[clock] : -EINVAL;
}

// The sleep shared by nanosleep and clock_nanosleep, after the timespec is
// copied in (a bad pointer is -EFAULT first, as on Linux): a negative
// tv_sec or a tv_nsec outside [0, 10^9) is -EINVAL.  The nanoseconds are a
// C long, 32 bits on i386, also in the 64-bit timespec of the time64 calls
// (whose upper half Linux ignores).  On -EINTR a relative sleep writes the
// time left to rem (rem64: as a 64-bit timespec); an absolute one does not.
static int do_sleep(uint32_t clock, uint32_t flags, int64_t sec, int32_t nsec, uint32_t rem, int rem64)
{
    uint64_t ns, now_sec, left = 0;
    uint32_t now_nsec;
    int err;

    if (sec < 0 || (uint32_t)nsec >= NSEC)
        return -EINVAL;
    if (sec > MAX_SLEEP_SEC)
        sec = MAX_SLEEP_SEC;
    ns = (uint64_t)sec * NSEC + (uint32_t)nsec;
    if (flags & TIMER_ABSTIME) {        // until the clock reads sec.nsec
        now(clock, &now_sec, &now_nsec);
        now_sec = now_sec * NSEC + now_nsec;
        return ns > now_sec ? sleep_ns(ns - now_sec, &left) : 0;
    }
    if ((err = sleep_ns(ns, &left)) == -EINTR && rem) {
        uint64_t v64[2] = { left / NSEC, left % NSEC };
        uint32_t v32[2] = { (uint32_t)(left / NSEC), (uint32_t)(left % NSEC) };
        if (copy_to_user(current->mem, rem, rem64 ? (void *)v64 : (void *)v32, rem64 ? 16 : 8) < 0)
            return -EFAULT;
    }
    return err;
}

int32_t sys_nanosleep(uint32_t req, uint32_t rem)
{
    int32_t v[2];
    if (copy_from_user(current->mem, v, req, 8) < 0)
        return -EFAULT;
    return do_sleep(CLOCK_MONOTONIC, 0, v[0], v[1], rem, 0);
}

int32_t sys_clock_nanosleep(uint32_t clock, uint32_t flags, uint32_t req, uint32_t rem)
{
    int32_t v[2];
    int err = sleep_clock_check(clock);
    if (err)
        return err;
    if (copy_from_user(current->mem, v, req, 8) < 0)
        return -EFAULT;
    return do_sleep(clock, flags, v[0], v[1], rem, 0);
}

// glibc's nanosleep and clock_nanosleep come here first (407)
int32_t sys_clock_nanosleep_time64(uint32_t clock, uint32_t flags, uint32_t req, uint32_t rem)
{
    int64_t v[2];
    int err = sleep_clock_check(clock);
    if (err)
        return err;
    if (copy_from_user(current->mem, v, req, 16) < 0)
        return -EFAULT;
    return do_sleep(clock, flags, v[0], (int32_t)v[1], rem, 1);
}

// ITIMER_REAL, which alarm sets too: each process has one, rung by the
// timer tick (proc.c).  ITIMER_VIRTUAL and ITIMER_PROF, which count CPU
// time, are not kept: -EINVAL, as for an unknown timer.
#define ITIMER_REAL 0

// the time left on the current process's alarm (0: none); one that is due
// but has not rung yet has 1 us left, as Linux reports it
static uint64_t alarm_left(void)
{
    uint64_t now = time_now_ns();
    if (!current->group->alarm_ns)
        return 0;
    return current->group->alarm_ns >= now + 1000 ? current->group->alarm_ns - now : 1000;
}

// struct itimerval (i386): it_interval then it_value, each a struct timeval
// of two 32-bit longs; the interval is kept even with no value, as Linux
static void get_itimer(uint32_t v[4])
{
    uint64_t left = alarm_left();
    v[0] = (uint32_t)(current->group->alarm_interval_ns / NSEC);
    v[1] = (uint32_t)(current->group->alarm_interval_ns % NSEC / 1000);
    v[2] = (uint32_t)(left / NSEC);
    v[3] = (uint32_t)(left % NSEC / 1000);
}

static void set_itimer(uint64_t interval_ns, uint64_t value_ns)
{
    current->group->alarm_interval_ns = interval_ns;
    current->group->alarm_ns = value_ns ? time_now_ns() + value_ns : 0;
}

int32_t sys_getitimer(uint32_t which, uint32_t value)
{
    uint32_t v[4];
    if (which != ITIMER_REAL)
        return -EINVAL;
    get_itimer(v);
    return copy_to_user(current->mem, value, v, sizeof v) < 0 ? -EFAULT : 0;
}

// A NULL new value disarms the timer, as Linux does.  A negative tv_sec or a
// tv_usec outside [0, 10^6) is -EINVAL, after the copy and before the
// timer is looked at, in Linux's order.
int32_t sys_setitimer(uint32_t which, uint32_t value, uint32_t ovalue)
{
    uint32_t v[4] = { 0, 0, 0, 0 }, old[4];

    if (value && copy_from_user(current->mem, v, value, sizeof v) < 0)
        return -EFAULT;
    if ((int32_t)v[0] < 0 || v[1] >= 1000000 || (int32_t)v[2] < 0 || v[3] >= 1000000)
        return -EINVAL;
    if (which != ITIMER_REAL)
        return -EINVAL;
    get_itimer(old);
    set_itimer((uint64_t)v[0] * NSEC + v[1] * 1000, (uint64_t)v[2] * NSEC + v[3] * 1000);
    if (ovalue && copy_to_user(current->mem, ovalue, old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

// The seconds left on the previous alarm, rounded to the nearest second but
// never 0 for an alarm still set (Linux's alarm_setitimer); alarm(0) cancels.
int32_t sys_alarm(uint32_t seconds)
{
    uint64_t left = alarm_left();
    uint32_t old = (uint32_t)(left / NSEC);

    if ((!old && left) || left % NSEC >= NSEC / 2)
        old++;
    if (seconds > 0x7fffffff)
        seconds = 0x7fffffff;
    set_itimer(0, (uint64_t)seconds * NSEC);
    return old;
}

// struct tms in clock ticks: TIMER_HZ is Linux's USER_HZ (100)
int32_t sys_times(uint32_t buf)
{
    struct cpu_time self, children;
    uint32_t t[4];
    uint32_t ticks = (uint32_t)(timer_uptime_ms() / 10);
    proc_cpu_time(current, 0, &self);
    proc_cpu_time(current, 1, &children);
    t[0] = (uint32_t)(self.user_us / (1000000 / TIMER_HZ));
    t[1] = (uint32_t)(self.sys_us / (1000000 / TIMER_HZ));
    t[2] = (uint32_t)(children.user_us / (1000000 / TIMER_HZ));
    t[3] = (uint32_t)(children.sys_us / (1000000 / TIMER_HZ));
    if (buf && copy_to_user(current->mem, buf, t, sizeof t) < 0)
        return -EFAULT;
    return ticks;
}

// flags: GRND_NONBLOCK 1, GRND_RANDOM 2, GRND_INSECURE 4 (nothing to wait
// for here); any other, or INSECURE with RANDOM, is -EINVAL first, as Linux
int32_t sys_getrandom(uint32_t buf, uint32_t n, uint32_t flags)
{
    if ((flags & ~7u) || (flags & 6) == 6)
        return -EINVAL;
    if (n > 1u << 25)
        n = 1u << 25;
    if (user_check(current->mem, buf, n, 1) < 0)
        return -EFAULT;
    return random_fill((uint8_t *)buf, n);
}
