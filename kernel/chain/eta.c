// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/eta.c: the time a run has left, for the runner's progress
// lines.  A reference time for each step (stages/answers/times: the native
// twin's, and ours under QEMU) says how long the steps are against each
// other; the steps this run has done say how much slower this machine is
// than the reference, and which reference foresaw them better.  So the
// estimate needs no figure for the machine and converges as the run goes on.
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

// the text after the line's name and col - 1 more fields, or NULL
static const char *column(const char *line, size_t name_len, int col)
{
    const char *p = line + name_len;
    for (;;) {
        if (*p != ' ' && *p != '\t')
            return NULL;
        while (*p == ' ' || *p == '\t')
            p++;
        if (--col == 0)
            return p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n')
            p++;
    }
}

long eta_ref_ms(const char *times, const char *name, int ref)
{
    size_t n = strlen(name);
    const char *line = times;
    while (line && *line) {
        if (*line != '#' && !strncmp(line, name, n) && (line[n] == ' ' || line[n] == '\t')) {
            const char *p = column(line, n, 1 + ref);
            return p ? parse_ms(p) : -1;
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return -1;
}

// a forecast needs a second of the reference's time done; a judgement of
// the two, half a minute of steps that both foresaw (a few short steps,
// whose times are mostly noise, could otherwise swing it at every line)
#define ETA_MIN_DONE 1000
#define ETA_JUDGE_MS 30000

void eta_step_done(struct eta *e, const long ms[ETA_REFS], uint64_t took_ms)
{
    int r, both = 1;
    // each one's forecast of this step, where both can make one: the same
    // steps for both, else one that started sooner has more to miss
    for (r = 0; r < ETA_REFS; r++)
        if (ms[r] < 0 || e->done_ref[r] < ETA_MIN_DONE)
            both = 0;
    for (r = 0; r < ETA_REFS && both; r++) {
        uint64_t said = (uint64_t)ms[r] * e->done_ms[r] / e->done_ref[r];
        e->miss[r] += said > took_ms ? said - took_ms : took_ms - said;
    }
    if (both)
        e->foreseen_ms += took_ms;
    for (r = 0; r < ETA_REFS; r++)
        if (ms[r] >= 0) {
            e->done_ms[r] += took_ms;
            e->done_ref[r] += (uint64_t)ms[r];
        }
}

int eta_best(const struct eta *e)
{
    int ours = e->done_ref[ETA_OURS] >= ETA_MIN_DONE, twin = e->done_ref[ETA_TWIN] >= ETA_MIN_DONE;
    if (e->foreseen_ms >= ETA_JUDGE_MS)
        return e->miss[ETA_TWIN] < e->miss[ETA_OURS] ? ETA_TWIN : ETA_OURS;
    // until then ours, recorded in QEMU, where most runs are
    return ours ? ETA_OURS : twin ? ETA_TWIN : -1;
}

int eta_summary(char *buf, size_t size, const struct eta *e)
{
    static const char *const names[ETA_REFS] = { "twin", "ours" };
    int r, n, best = eta_best(e);
    if (best < 0)
        return snprintf(buf, size, "estimates: too little done");
    n = snprintf(buf, size, "estimates used %s; forecasts of the steps done missed by:", names[best]);
    for (r = 0; r < ETA_REFS && n < (int)size; r++)
        if (e->foreseen_ms)
            n += snprintf(buf + n, size - n, "%s %s %u %%", r ? "," : "", names[r],
                          (unsigned)(e->miss[r] * 100 / e->foreseen_ms));
    return n;
}

void eta_fill_ours(long *ms, int n)
{
    uint64_t ours = 0, twin = 0;
    int i;
    for (i = 0; i < n; i++)
        if (ms[i * ETA_REFS + ETA_OURS] >= 0 && ms[i * ETA_REFS + ETA_TWIN] >= 0) {
            ours += (uint64_t)ms[i * ETA_REFS + ETA_OURS];
            twin += (uint64_t)ms[i * ETA_REFS + ETA_TWIN];
        }
    for (i = 0; i < n; i++)
        if (twin && ms[i * ETA_REFS + ETA_OURS] < 0 && ms[i * ETA_REFS + ETA_TWIN] >= 0)
            ms[i * ETA_REFS + ETA_OURS] = (long)((uint64_t)ms[i * ETA_REFS + ETA_TWIN] * ours / twin);
}

long long eta_left_ms(const struct eta *e, const long *ms, int n)
{
    int r = eta_best(e), i;
    uint64_t left = 0;
    if (r < 0)
        return -1;
    for (i = 0; i < n; i++)
        left += ms[i * ETA_REFS + r] > 0 ? (uint64_t)ms[i * ETA_REFS + r] : 0;
    return (long long)(left * e->done_ms[r] / e->done_ref[r]);
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
