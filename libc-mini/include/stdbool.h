// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/include/stdbool.h
#ifndef LIBC_MINI_STDBOOL_H
#define LIBC_MINI_STDBOOL_H
#define bool _Bool
#define true 1
#define false 0
#endif
