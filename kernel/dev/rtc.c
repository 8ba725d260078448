// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/rtc.c: the CMOS real-time clock, read once at boot; later times are
// that reading plus uptime.  The clock is taken to hold UTC.
#include <stdint.h>
#include <stdio.h>
#include "arch/x86.h"
#include "rtc.h"
#include "timer.h"

static uint32_t boot_unix_time;
static uint32_t boot_date[6];   // year, month, day, hour, minute, second
static const uint8_t time_regs[6] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09 };

static uint8_t cmos(uint8_t reg)
{
    outb(0x70, reg);
    return inb(0x71);
}

static uint32_t from_bcd(uint8_t v, int bcd)
{
    return bcd ? (v >> 4) * 10 + (v & 15) : v;
}

// days from 1970-01-01 to the given civil date (proleptic Gregorian)
static uint32_t days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
    static const uint16_t before_month[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    uint32_t leaps = (y - 1969) / 4 - (y - 1901) / 100 + (y - 1601) / 400;
    uint32_t days = (y - 1970) * 365 + leaps + before_month[m - 1] + d - 1;
    if (m > 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
        days++;
    return days;
}

void rtc_init(void)
{
    uint8_t r[6], again[6], status;
    int i, bcd, tries = 0;
    uint32_t hour, year, month;

    // read until two readings agree, outside an update cycle
    do {
        while ((cmos(0x0a) & 0x80) && tries++ < 1000000)
            ;
        for (i = 0; i < 6; i++)
            r[i] = cmos(time_regs[i]);
        for (i = 0; i < 6; i++)
            again[i] = cmos(time_regs[i]);
    } while ((r[0] != again[0] || r[1] != again[1] || r[2] != again[2]) && tries++ < 1000000);

    status = cmos(0x0b);
    bcd = !(status & 0x04);
    hour = from_bcd(r[2] & 0x7f, bcd);
    if (!(status & 0x02) && (r[2] & 0x80))     // 12-hour clock, PM
        hour = (hour % 12) + 12;
    else if (!(status & 0x02) && hour == 12)
        hour = 0;
    year = 2000 + from_bcd(r[5], bcd);
    month = from_bcd(r[4], bcd);
    if (month < 1 || month > 12)
        month = 1;
    boot_date[0] = year;
    boot_date[1] = month;
    boot_date[2] = from_bcd(r[3], bcd);
    boot_date[3] = hour;
    boot_date[4] = from_bcd(r[1], bcd);
    boot_date[5] = from_bcd(r[0], bcd);
    boot_unix_time = days_from_civil(year, month, boot_date[2]) * 86400u +
                     hour * 3600 + boot_date[4] * 60 + boot_date[5];
}

void rtc_boot_date(char *out, size_t size)
{
    snprintf(out, size, "%04u-%02u-%02u %02u:%02u:%02u UTC", boot_date[0], boot_date[1],
             boot_date[2], boot_date[3], boot_date[4], boot_date[5]);
}

uint32_t rtc_boot_unix_time(void)
{
    return boot_unix_time;
}

uint32_t rtc_unix_time(void)
{
    return boot_unix_time + (uint32_t)(timer_uptime_ms() / 1000);
}
