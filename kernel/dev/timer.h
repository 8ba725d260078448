// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/timer.h: the PIT tick, uptime and the TSC rate (kernel/dev/timer.c).
#ifndef TIMER_H
#define TIMER_H
#include <stdint.h>
#define TIMER_HZ 100
void timer_init(void);
uint32_t timer_ticks(void);         // ticks since timer_init
// Adds a function every tick calls, in the interrupt: the process layer's,
// which wakes timed sleeps and rings alarms, and the runner's status line
// (the timer is below both and knows them only through these).
void timer_on_tick(void (*fn)(uint32_t ticks));
uint64_t timer_uptime_ms(void);     // from the TSC, so finer than a tick
uint64_t timer_uptime_us(void);
uint64_t timer_tsc_hz(void);        // measured against the PIT
uint64_t timer_tsc_to_ms(uint64_t tsc);
uint64_t timer_tsc_to_us(uint64_t tsc);
void timer_sleep_ticks(uint32_t n);
void timer_bios_mode(void);     // around real-mode BIOS calls (kernel/dev/bios.c)
void timer_kernel_mode(void);
#endif
