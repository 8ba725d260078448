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
#endif
