// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/include/stdint.h: fixed-width integers for i386 (ILP32).
// Our own header rather than the compiler's, so gcc and TinyCC see the same types.
#ifndef LIBC_MINI_STDINT_H
#define LIBC_MINI_STDINT_H
typedef signed char int8_t;
typedef unsigned char uint8_t;
typedef short int16_t;
typedef unsigned short uint16_t;
typedef int int32_t;
typedef unsigned int uint32_t;
typedef long long int64_t;
typedef unsigned long long uint64_t;
typedef int intptr_t;
typedef unsigned int uintptr_t;
typedef long long intmax_t;
typedef unsigned long long uintmax_t;
#define INT32_MAX 0x7fffffff
#define INT32_MIN (-INT32_MAX - 1)
#define UINT32_MAX 0xffffffffu
#define INT64_MAX 0x7fffffffffffffffll
#define UINT64_MAX 0xffffffffffffffffull
#define UINTPTR_MAX UINT32_MAX
#define SIZE_MAX UINT32_MAX
#endif
