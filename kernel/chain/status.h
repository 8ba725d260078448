// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/status.h: a run's status line on the VGA screen (kernel/chain/status.c).
#ifndef STATUS_H
#define STATUS_H
#include "eta.h"
void status_step(const struct eta_step *s);    // a step begins: shown, then redrawn every 2 s
void status_end(const char *line);             // the run ends: this line stays
#endif
