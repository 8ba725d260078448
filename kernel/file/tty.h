// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/file/tty.h: the console as a terminal (kernel/file/tty.c).
#ifndef TTY_H
#define TTY_H
#include <stdint.h>

struct proc;

// the console becomes p's controlling terminal, for p's session, unless a
// session already has it (the first process started on the console)
void tty_attach(const struct proc *p);
// whether the console is the current process's controlling terminal (it is
// in the session the console belongs to)
int tty_controlling(void);
// a terminal request (TCGETS, TIOCGWINSZ, ...) on the console; -ENOTTY for
// one a terminal does not answer
int tty_ioctl(uint32_t cmd, uint32_t arg);
#endif
