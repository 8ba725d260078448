// SPDX-License-Identifier: GPL-3.0-or-later
// libc-mini/ctype.c: ASCII character classes, as in the C locale.  Any
// value outside 0..127 (EOF, bytes with the top bit set) is in no class and
// is returned unchanged by tolower and toupper.  Functions, not table
// macros, so there is no table to index with a negative char.
#include <ctype.h>

int isdigit(int c)
{
    return c >= '0' && c <= '9';
}

int isupper(int c)
{
    return c >= 'A' && c <= 'Z';
}

int islower(int c)
{
    return c >= 'a' && c <= 'z';
}

int isalpha(int c)
{
    return isupper(c) || islower(c);
}

int isalnum(int c)
{
    return isalpha(c) || isdigit(c);
}

int isxdigit(int c)
{
    return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Space, and \t \n \v \f \r, which are 9..13.
int isspace(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// Printable: space through tilde; 127 (DEL) is a control character.
int isprint(int c)
{
    return c >= ' ' && c <= '~';
}

int tolower(int c)
{
    return isupper(c) ? c - 'A' + 'a' : c;
}

int toupper(int c)
{
    return islower(c) ? c - 'a' + 'A' : c;
}
