// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/timer.c: PIT channel 0 interrupts TIMER_HZ times a second; the TSC
// rate is measured against PIT channel 2 at start, so uptime and the boot
// time (from the loader's TSC reading) come out in milliseconds.
#include <stdint.h>
#include "arch/console.h"
#include "arch/pic.h"
#include "arch/trap.h"
#include "arch/x86.h"
#include "timer.h"

#define PIT_HZ 1193182
#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_B 0x61             // gate and output of channel 2

static volatile uint32_t ticks;
// what every tick calls: the processes' clock, and a run's status line
#define TICK_FNS 2
static void (*tick_fns[TICK_FNS])(uint32_t ticks);
static uint64_t tsc_hz;
static uint64_t tsc_at_init;

static void timer_irq(struct trapframe *tf)
{
    (void)tf;
    int i;
    ticks++;
    for (i = 0; i < TICK_FNS; i++)
        if (tick_fns[i])
            tick_fns[i](ticks);
}

void timer_on_tick(void (*fn)(uint32_t ticks))
{
    int i;
    for (i = 0; i < TICK_FNS; i++)
        if (!tick_fns[i] || tick_fns[i] == fn) {
            tick_fns[i] = fn;
            return;
        }
    panic("timer_on_tick: more than %d tick functions", TICK_FNS);
}

// Count TSC cycles while PIT channel 2 counts down 50 ms in one-shot mode;
// polling the channel's output needs no interrupts.
static uint64_t measure_tsc_hz(void)
{
    uint32_t count = PIT_HZ / 20;
    uint64_t start, end;
    uint32_t spins = 0;

    outb(PORT_B, (inb(PORT_B) & ~0x02) | 0x01);   // gate on, speaker off
    outb(PIT_CMD, 0xb0);                          // channel 2, lo/hi, mode 0
    outb(PIT_CH2, count & 0xff);
    outb(PIT_CH2, count >> 8);
    start = rdtsc();
    while (!(inb(PORT_B) & 0x20) && spins < 100000000)
        spins++;
    end = rdtsc();
    return (end - start) * 20;
}

static void set_rate(uint32_t divisor)
{
    outb(PIT_CMD, 0x36);        // channel 0, lo/hi, mode 3 (square wave)
    outb(PIT_CH0, divisor & 0xff);
    outb(PIT_CH0, divisor >> 8);
}

void timer_init(void)
{
    tsc_hz = measure_tsc_hz();
    if (tsc_hz < 1000000)
        tsc_hz = 1000000;       // a PIT that never counted: keep the arithmetic sane
    tsc_at_init = rdtsc();
    set_rate(PIT_HZ / TIMER_HZ);
    trap_set_handler(T_IRQ0 + 0, timer_irq);
    pic_unmask(0);
}

// BIOS code counts its timeouts in its own 18.2 Hz ticks (divisor 65536, written 0)
void timer_bios_mode(void)
{
    set_rate(0);
}

void timer_kernel_mode(void)
{
    set_rate(PIT_HZ / TIMER_HZ);
}

uint32_t timer_ticks(void)
{
    return ticks;
}

uint64_t timer_tsc_hz(void)
{
    return tsc_hz;
}

uint64_t timer_tsc_to_ms(uint64_t tsc)
{
    return tsc / (tsc_hz / 1000);
}

uint64_t timer_tsc_to_us(uint64_t tsc)
{
    return tsc / (tsc_hz / 1000000);
}

uint64_t timer_uptime_ms(void)
{
    return timer_tsc_to_ms(rdtsc() - tsc_at_init);
}

uint64_t timer_uptime_us(void)
{
    return timer_tsc_to_us(rdtsc() - tsc_at_init);
}

void timer_sleep_ticks(uint32_t n)
{
    uint32_t start = ticks;
    while (ticks - start < n)
        sti_hlt();
}
