// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/include/stdarg.h: variable arguments for gcc and TinyCC on i386.
// gcc has builtins; TinyCC's i386 ABI passes every argument on the stack in
// 4-byte slots, so a char pointer walking the stack is exactly its va_list.
#ifndef LIBC_MINI_STDARG_H
#define LIBC_MINI_STDARG_H
#ifdef __TINYC__
typedef char *va_list;
#define va_start(ap, last) ((ap) = (char *)&(last) + ((sizeof(last) + 3) & ~3))
#define va_arg(ap, type) \
    ((ap) += (sizeof(type) + 3) & ~3, *(type *)((ap) - ((sizeof(type) + 3) & ~3)))
#define va_copy(dst, src) ((dst) = (src))
#define va_end(ap) ((void)0)
#else
typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_copy(dst, src) __builtin_va_copy(dst, src)
#define va_end(ap) __builtin_va_end(ap)
#endif
#endif
