// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/random.h: bytes that differ (kernel/dev/random.c).
#ifndef RANDOM_H
#define RANDOM_H
#include <stdint.h>
int random_fill(uint8_t *p, uint32_t n);      // getrandom, /dev/urandom, AT_RANDOM; n
#endif
