// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/eta.h: how long a run has left (kernel/chain/eta.c), from the
// native twin's time for each step (stages/answers/times, made by `make
// answers`) scaled by how much slower this machine has been so far.
#ifndef ETA_H
#define ETA_H
#include <stddef.h>
#include <stdint.h>

#define ETA_TIMES_PATH "/stages/answers/times"

// The twin's time of step name in ms, from the text of the times file
// (lines "NAME SECONDS", # comments); -1 when the file does not name it.
long eta_twin_ms(const char *times, const char *name);

// What is left, in ms: the twin's time of the steps still to run (left_twin)
// times the ratio of this run's time to the twin's over the steps done so
// far (done_ms, done_twin); -1 while too little is done to say (under a
// second of the twin's time).
long long eta_left_ms(uint64_t done_ms, uint64_t done_twin, uint64_t left_twin);

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
