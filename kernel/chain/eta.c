// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/eta.c: the time a run has left, for the runner's progress
// lines.  The native twin's time for each step (stages/answers/times: the
// user and system time in its step log, or the journal's seconds) says how
// long the steps are against each other; the steps this run has done say
// how much slower this machine is than the twin.  So the estimate needs no
// figure for the machine and converges as the run goes on.
#include <stdio.h>
#include <string.h>
#include "eta.h"

// a decimal "S" or "S.F" at p, in ms; -1 if none
static long parse_ms(const char *p)
{
    long ms = 0, scale = 1000;
    int digits = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        ms = ms * 10 + (*p - '0');
    ms *= 1000;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            if ((scale /= 10) > 0)
                ms += (*p - '0') * scale;
    return digits ? ms : -1;
}

long eta_twin_ms(const char *times, const char *name)
{
    size_t n = strlen(name);
    const char *line = times;
    while (line && *line) {
        if (*line != '#' && !strncmp(line, name, n) && (line[n] == ' ' || line[n] == '\t')) {
            const char *p = line + n;
            while (*p == ' ' || *p == '\t')
                p++;
            return parse_ms(p);
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return -1;
}

long long eta_left_ms(uint64_t done_ms, uint64_t done_twin, uint64_t left_twin)
{
    if (done_twin < 1000)
        return -1;
    return (long long)(left_twin * done_ms / done_twin);
}

int eta_format(char *buf, size_t size, uint64_t ms)
{
    uint64_t s = ms / 1000;
    return snprintf(buf, size, "%u:%02u:%02u", (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
                    (unsigned)(s % 60));
}

void eta_status_line(char *buf, size_t size, const struct eta_step *s, uint64_t now_ms)
{
    char step[16], run[16], left[48] = "";
    uint64_t in_step = now_ms - s->step_start_ms;
    int room;

    eta_format(step, sizeof step, in_step);
    eta_format(run, sizeof run, now_ms - s->run_start_ms);
    if (s->left_ms >= 0 && s->step_ms >= 0) {
        long long taken = (long long)in_step < s->step_ms ? (long long)in_step : s->step_ms;
        int n = snprintf(left, sizeof left, ", about ");
        n += eta_format(left + n, sizeof left - n, (uint64_t)(s->left_ms - taken));
        snprintf(left + n, sizeof left - n, " left");
    }
    // what the line needs besides the name; the name gets the rest
    room = (int)size - 1 - snprintf(NULL, 0, "[%d/%d] %s  %s | %s in%s", s->number, s->nsteps, s->kind,
                                    step, run, left);
    if (room < 1)
        room = 1;
    snprintf(buf, size, "[%d/%d] %s %.*s %s | %s in%s", s->number, s->nsteps, s->kind, room, s->name, step,
             run, left);
}
