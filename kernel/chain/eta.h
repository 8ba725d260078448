// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/eta.h: how long a run has left (kernel/chain/eta.c), from a
// recorded time for each step (stages/answers/times) scaled by how much
// slower this machine has been so far.
#ifndef ETA_H
#define ETA_H
#include <stddef.h>
#include <stdint.h>

#define ETA_TIMES_PATH "/stages/answers/times"

// The file has two references for each step's time, its columns: the
// native twin's time (made by `make answers`) and ours, the time the step
// took under this kernel in QEMU (made by `make our-times` from the range
// tests' transcripts).  Steps do not all slow down alike: under QEMU's TCG
// stage 3's small configure-and-make steps lose more against the twin than
// musl's compile does (docs/testing.md has the figures), so after musl the
// twin's times foresee the rest too short; on a real PC the twin's would be
// the better guide.
// The estimate uses the reference that foresaw this run's own steps best.
enum { ETA_TWIN, ETA_OURS, ETA_REFS };          // in the file's column order

// Reference ref's time of step name in ms, from the text of the times file
// (lines "NAME TWIN [OURS]", # comments); -1 when the file has none.
long eta_ref_ms(const char *times, const char *name, int ref);

// What a run has done, against each reference
struct eta {
    uint64_t done_ms[ETA_REFS];   // this run's time of the steps done that the reference has
    uint64_t done_ref[ETA_REFS];  // the reference's time of the same steps
    uint64_t miss[ETA_REFS];      // how far its forecasts of the steps foreseen were off, summed
    uint64_t foreseen_ms;         // this run's time of the steps both made a forecast of
};

// A step took took_ms; ms[ref] its reference times (-1: none).
void eta_step_done(struct eta *e, const long ms[ETA_REFS], uint64_t took_ms);

// The reference the estimate uses now: ours until both have foreseen half a
// minute of steps, then the one whose forecasts of those steps missed less;
// either alone when only it has a second of time done; -1: neither has.
int eta_best(const struct eta *e);

// "estimates used ours; forecasts of the steps done missed by: twin 31 %,
// ours 9 %" into buf: the reference the estimate uses, and the part of the
// time of the steps both foresaw that each one's forecasts were off by; its
// length.
int eta_summary(char *buf, size_t size, const struct eta *e);

// Ours for the steps the file has only the twin's time of: the twin's times
// the ratio of ours to the twin's over the steps it has both of.
void eta_fill_ours(long *ms, int n);

// What is left, in ms, for steps whose reference times (ETA_REFS a step)
// are ms[0 .. n * ETA_REFS): their sum in the best reference times this
// run's pace against it; -1 while too little is done to say.
long long eta_left_ms(const struct eta *e, const long *ms, int n);

// "H:MM:SS" of ms into buf; its length.
int eta_format(char *buf, size_t size, uint64_t ms);

// The step running now, as the status line shows it
struct eta_step {
    int number, nsteps;         // 1-based, of the table's nsteps
    const char *kind, *name;
    uint64_t run_start_ms, step_start_ms;
    long long left_ms;          // the estimate of the run's rest, this step included, as it began; -1: none
    long long step_ms;          // and of this step alone; -1: none
};

// "[N/M] KIND NAME H:MM:SS | H:MM:SS in, about H:MM:SS left" at now_ms: the
// step's time so far, the run's, and the estimate less what the step has
// taken of its own share (never less than the rest after it); at most
// size - 1 characters, the name shortened to fit.
void eta_status_line(char *buf, size_t size, const struct eta_step *s, uint64_t now_ms);
#endif
