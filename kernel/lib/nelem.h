// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/lib/nelem.h: the number of elements of an array (not a pointer),
// for the kernel's tables.
#ifndef NELEM_H
#define NELEM_H
#define NELEM(a) (sizeof (a) / sizeof (a)[0])
#endif
