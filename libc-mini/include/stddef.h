// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/include/stddef.h: size_t, ptrdiff_t, NULL, offsetof for i386.
#ifndef LIBC_MINI_STDDEF_H
#define LIBC_MINI_STDDEF_H
typedef unsigned int size_t;
typedef int ssize_t;
typedef int ptrdiff_t;
#define NULL ((void *)0)
#define offsetof(type, member) ((size_t)&((type *)0)->member)
#endif
