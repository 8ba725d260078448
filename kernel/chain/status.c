// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/status.c: a run's status line, the bottom row of the VGA
// screen: the step running now, its time so far, the run's, and the time
// left (kernel/chain/eta.c).  A step runs for minutes or hours without a
// word on the console, so the timer redraws the line every two seconds;
// the serial console keeps its one progress line a step.
#include <stdint.h>
#include "arch/console.h"
#include "arch/x86.h"
#include "dev/timer.h"
#include "status.h"

#define REDRAW_TICKS (2 * TIMER_HZ)

static struct eta_step now;     // written with interrupts off, read by the tick
static int running;

static void draw(void)
{
    char line[81];
    eta_status_line(line, sizeof line, &now, timer_uptime_ms());
    console_status(line);
}

static void status_tick(uint32_t ticks)
{
    if (running && ticks % REDRAW_TICKS == 0)
        draw();
}

void status_step(const struct eta_step *s)
{
    uint32_t flags = read_eflags();
    static int hooked;
    if (!hooked) {
        timer_on_tick(status_tick);
        hooked = 1;
    }
    cli();
    now = *s;
    running = 1;
    draw();
    if (flags & FL_IF)
        sti();
}

void status_end(const char *line)
{
    uint32_t flags = read_eflags();
    cli();
    running = 0;
    console_status(line);
    if (flags & FL_IF)
        sti();
}
