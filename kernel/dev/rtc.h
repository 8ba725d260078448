// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/rtc.h: wall-clock time from the CMOS real-time clock (kernel/dev/rtc.c).
#ifndef RTC_H
#define RTC_H
#include <stddef.h>
#include <stdint.h>
void rtc_init(void);
void rtc_boot_date(char *out, size_t size);   // "2026-11-25 06:20:00 UTC"
uint32_t rtc_unix_time(void);          // seconds since 1970-01-01 UTC, read at boot plus uptime
uint32_t rtc_boot_unix_time(void);     // the clock as read at boot
#endif
