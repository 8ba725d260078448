// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/include/ctype.h: ASCII classification (libc-mini/ctype.c).
#ifndef LIBC_MINI_CTYPE_H
#define LIBC_MINI_CTYPE_H
int isdigit(int c);
int isxdigit(int c);
int isspace(int c);
int isalpha(int c);
int isalnum(int c);
int isupper(int c);
int islower(int c);
int isprint(int c);
int tolower(int c);
int toupper(int c);
#endif
