// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/libc_rename.h: force-included (gcc -include) at the top of
// tests/host/libc_test.c and of every libc-mini source built into it, so
// each libc-mini function is compiled and called as mini_<name> and the
// test reaches our code, not glibc's, while printf and friends stay glibc's.
//
// Both sides include glibc's headers, whose prototypes are renamed too: the
// definitions in libc-mini/*.c are checked against glibc's declarations.
// The test reaches glibc's own functions through asm labels (libc_test.c).
// The int64 helpers are renamed as well: in an i386 build gcc's code for the
// test's own 64-bit `/` and `%` would otherwise call our helpers, and the
// test would compare them with themselves.
#ifndef LIBC_RENAME_H
#define LIBC_RENAME_H

// glibc must declare functions only: no extern-inline bodies (its atoi
// calls strtol inline), no ctype macros that read its locale tables, and no
// fortified wrappers (Ubuntu's gcc defines _FORTIFY_SOURCE by default).
#undef _FORTIFY_SOURCE
#define __NO_INLINE__ 1
#define __NO_CTYPE 1

// string.h
#define memcpy mini_memcpy
#define memmove mini_memmove
#define memset mini_memset
#define memcmp mini_memcmp
#define memchr mini_memchr
#define strlen mini_strlen
#define strnlen mini_strnlen
#define strcmp mini_strcmp
#define strncmp mini_strncmp
#define strchr mini_strchr
#define strrchr mini_strrchr
#define strstr mini_strstr
#define strlcpy mini_strlcpy
#define strlcat mini_strlcat
#define strspn mini_strspn
#define strcspn mini_strcspn

// stdio.h
#define vsnprintf mini_vsnprintf
#define snprintf mini_snprintf

// stdlib.h
#define strtoul mini_strtoul
#define strtol mini_strtol
#define strtoull mini_strtoull
#define atoi mini_atoi

// ctype.h
#define isdigit mini_isdigit
#define isxdigit mini_isxdigit
#define isspace mini_isspace
#define isalpha mini_isalpha
#define isalnum mini_isalnum
#define isupper mini_isupper
#define islower mini_islower
#define isprint mini_isprint
#define tolower mini_tolower
#define toupper mini_toupper

// int64.c
#define __udivdi3 mini_udivdi3
#define __umoddi3 mini_umoddi3
#define __divdi3 mini_divdi3
#define __moddi3 mini_moddi3
#define __udivmoddi4 mini_udivmoddi4
#define __divmoddi4 mini_divmoddi4
#define __ashldi3 mini_ashldi3
#define __ashrdi3 mini_ashrdi3
#define __lshrdi3 mini_lshrdi3

#endif
