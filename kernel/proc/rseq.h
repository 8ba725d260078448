// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/rseq.h: restartable sequences (kernel/proc/rseq.c).
#ifndef RSEQ_H
#define RSEQ_H
#include "arch/trap.h"

// On the way back to user mode, before signals are delivered: the thread's
// registered area gets the CPU number, and a critical section that was
// interleaved (switched out since, or a handler is to run: signal_coming)
// goes to its abort handler.
void rseq_return_to_user(struct trapframe *tf, int signal_coming);
#endif
