// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/futex.h: futexes (kernel/proc/futex.c), the waits under pthreads' locks.
#ifndef FUTEX_H
#define FUTEX_H
#include <stdint.h>

#define FUTEX_BITSET_ANY 0xffffffffu

struct uvm;
// wakes up to n threads waiting on the word at addr of m whose wait bits
// meet bits; how many it woke
int futex_wake(struct uvm *m, uint32_t addr, int n, uint32_t bits);
struct proc;
// a thread that ends or execs: the robust mutexes it still holds are marked
// as their owner's death, one waiter of each woken; the list is forgotten
void futex_robust_release(struct proc *p);
#endif
