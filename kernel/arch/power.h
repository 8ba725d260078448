// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/power.h: turning the machine off (kernel/arch/power.c).
#ifndef POWER_H
#define POWER_H
#define POWER_OK 0              // QEMU's isa-debug-exit makes these exit codes 1 and 3
#define POWER_PANIC 1
void power_off(int status) __attribute__((noreturn));
#endif
