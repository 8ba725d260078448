// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys_time.c: clocks, sleeping and random bytes.  Wall time is the
// CMOS clock read at boot plus the TSC-measured uptime; the monotonic clock
// is the uptime.  Sleeps wake at timer ticks (TIMER_HZ), or early for a
// signal (-EINTR).
#include <stdint.h>
#include "errno.h"
#include "file.h"
#include "proc.h"
#include "rtc.h"
#include "signal.h"
#include "syscall.h"
#include "timer.h"
#include "x86.h"

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1

// nanoseconds since boot
static uint64_t uptime_ns(void)
{
    return timer_uptime_us() * 1000;
}

static void now(uint32_t clock, uint64_t *sec, uint32_t *nsec)
{
    uint64_t ns = uptime_ns();
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
    if (tloc && copy_to_user(&current->mem, tloc, &t, 4) < 0)
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
    if (tv && copy_to_user(&current->mem, tv, v, 8) < 0)
        return -EFAULT;
    v[0] = v[1] = 0;
    if (tz && copy_to_user(&current->mem, tz, v, 8) < 0)
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
    return copy_to_user(&current->mem, tp, v, 8) < 0 ? -EFAULT : 0;
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
    return copy_to_user(&current->mem, tp, v, 16) < 0 ? -EFAULT : 0;
}

int32_t sys_clock_getres(uint32_t clock, uint32_t tp)
{
    uint32_t v[2] = { 0, 1000 };
    if (clock > 11)
        return -EINVAL;
    return tp && copy_to_user(&current->mem, tp, v, 8) < 0 ? -EFAULT : 0;
}

int32_t sys_clock_getres_time64(uint32_t clock, uint32_t tp)
{
    uint64_t v[2] = { 0, 1000 };
    if (clock > 11)
        return -EINVAL;
    return tp && copy_to_user(&current->mem, tp, v, 16) < 0 ? -EFAULT : 0;
}

// sleeps at least ns nanoseconds, in whole ticks plus one (the current tick
// is partly gone already); -EINTR on a signal
static int sleep_ns(uint64_t ns)
{
    uint32_t ticks = (uint32_t)((ns * TIMER_HZ + 999999999) / 1000000000);
    int err = 0;

    if (ticks == 0)
        return 0;
    ticks++;
    current->wake_tick = timer_ticks() + ticks;
    while ((int32_t)(timer_ticks() - current->wake_tick) < 0) {
        if (signal_interrupts(current)) {
            err = -EINTR;
            break;
        }
        sleep_on(&current->wake_tick);
    }
    current->wake_tick = 0;
    return err;
}

int32_t sys_nanosleep(uint32_t req, uint32_t rem)
{
    uint32_t v[2];
    if (copy_from_user(&current->mem, v, req, 8) < 0)
        return -EFAULT;
    if (v[1] >= 1000000000)
        return -EINVAL;
    (void)rem;
    return sleep_ns((uint64_t)v[0] * 1000000000 + v[1]);
}

int32_t sys_clock_nanosleep(uint32_t clock, uint32_t flags, uint32_t req, uint32_t rem)
{
    uint32_t v[2];
    if (flags)                          // TIMER_ABSTIME
        return -EINVAL;
    if (copy_from_user(&current->mem, v, req, 8) < 0)
        return -EFAULT;
    (void)clock;
    (void)rem;
    return sleep_ns((uint64_t)v[0] * 1000000000 + v[1]);
}

int32_t sys_clock_nanosleep_time64(uint32_t clock, uint32_t flags, uint32_t req, uint32_t rem)
{
    uint64_t v[2];
    if (flags)
        return -EINVAL;
    if (copy_from_user(&current->mem, v, req, 16) < 0)
        return -EFAULT;
    (void)clock;
    (void)rem;
    return sleep_ns(v[0] * 1000000000 + v[1]);
}

int32_t sys_times(uint32_t buf)
{
    uint32_t t[4] = { 0, 0, 0, 0 };
    uint32_t ticks = (uint32_t)(timer_uptime_ms() / 10);
    if (buf && copy_to_user(&current->mem, buf, t, sizeof t) < 0)
        return -EFAULT;
    return ticks;
}

int32_t sys_getrandom(uint32_t buf, uint32_t n, uint32_t flags)
{
    (void)flags;
    if (n > 1u << 25)
        n = 1u << 25;
    if (user_check(&current->mem, buf, n, 1) < 0)
        return -EFAULT;
    return random_fill((uint8_t *)buf, n);
}
